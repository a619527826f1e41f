import {
  ASN_RANGE,
  AZURE_GATEWAY_DEFAULT_ASN,
  asnViolation,
  azureApipaRangeText,
  azureApipaViolation,
  peerWeightViolation,
  privateAsnRangesText,
  reservedAsn,
  reservedAsnsText,
} from "../../../core/azure/bgp";

describe("asnViolation", () => {
  it.each([
    [1, "gateway", undefined],
    [64512, "site", undefined],
    [65514, "site", undefined],
    [65521, "site", undefined],
    [65534, "gateway", undefined],
    [4294967294, "gateway", undefined],
    [AZURE_GATEWAY_DEFAULT_ASN, "gateway", undefined],
  ] as const)("accepts %d for a %s", (asn, owner, expected) => {
    expect(asnViolation(asn, owner)).toBe(expected);
  });

  it.each([0, -1, 1.5, 4294967296, Number.NaN])("refuses %d as not an ASN", (asn) => {
    expect(asnViolation(asn, "gateway")).toEqual({ kind: "invalid", min: 1, max: 4294967295 });
    expect(asnViolation(asn, "site")).toEqual({ kind: "invalid", min: 1, max: 4294967295 });
  });

  it.each([
    [8074, "reserved by Azure"],
    [8075, "reserved by Azure"],
    [12076, "reserved by Azure"],
    [23456, "reserved by IANA (AS_TRANS)"],
    [64496, "reserved by IANA for documentation"],
    [64511, "reserved by IANA for documentation"],
    [65517, "reserved by Azure"],
    [65520, "reserved by Azure"],
    [65535, "reserved by IANA"],
    [65551, "reserved by IANA"],
    [429496729, "listed by Microsoft among the IANA-reserved ASNs"],
    [4294967295, "reserved by IANA"],
  ])("refuses %d for gateways and sites (%s)", (asn, why) => {
    for (const owner of ["gateway", "site"] as const) {
      const v = asnViolation(asn, owner);
      expect(v?.kind).toBe("reserved");
      expect(v?.kind === "reserved" && v.reserved.why).toBe(why);
    }
  });

  it.each([8073, 8076, 12075, 12077, 64495, 65552])("accepts %d next to a reserved range", (asn) => {
    expect(reservedAsn(asn, true)).toBeUndefined();
  });

  it("refuses 65516, in neither the reserved list nor the usable private ranges, for gateways and sites", () => {
    for (const owner of ["gateway", "site"] as const) {
      const v = asnViolation(65516, owner);
      expect(v?.kind === "reserved" && v.reserved.why).toContain("outside the private ranges");
    }
  });

  it("refuses Azure's default gateway ASN 65515 for sites only", () => {
    expect(asnViolation(65515, "gateway")).toBeUndefined();
    const v = asnViolation(65515, "site");
    expect(v?.kind === "reserved" && v.reserved.sitesOnly).toBe(true);
  });

  it("describes the ranges for messages", () => {
    expect(ASN_RANGE).toEqual({ min: 1, max: 4294967295 });
    expect(privateAsnRangesText()).toBe("64512-65514 or 65521-65534");
    expect(reservedAsnsText()).toBe(
      "reserved by Azure (8074, 8075, 12076, 65516, 65517-65520; 65515 for sites) or IANA (23456, 64496-64511, 65535-65551, 429496729, 4294967295)",
    );
  });
});

describe("azureApipaViolation", () => {
  it.each(["169.254.21.0", "169.254.21.1", "169.254.22.255"])("accepts %s", (a) => {
    expect(azureApipaViolation(a)).toBeUndefined();
  });

  it.each(["169.254.20.255", "169.254.23.0", "169.254.0.1", "10.0.0.1"])("refuses %s (outside)", (a) => {
    expect(azureApipaViolation(a)).toEqual({ kind: "outside", range: "169.254.21.0-169.254.22.255" });
  });

  it.each(["169.254.21.1/32", "fe80::1", "169.254.21", "169.254.021.1", ""])(
    "refuses %j (not an IPv4 address)",
    (a) => {
      expect(azureApipaViolation(a)).toEqual({ kind: "not-ipv4" });
    },
  );

  it("describes the range", () => {
    expect(azureApipaRangeText()).toBe("169.254.21.0-169.254.22.255");
  });
});

describe("peerWeightViolation", () => {
  it.each([0, 1, 50, 100])("accepts %d", (w) => {
    expect(peerWeightViolation(w)).toBeUndefined();
  });

  it.each([-1, 101, 2.5])("refuses %d", (w) => {
    expect(peerWeightViolation(w)).toEqual({ min: 0, max: 100 });
  });
});
