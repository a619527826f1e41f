import {
  DPD_TIMEOUT_SECONDS,
  IPSEC_POLICY_VALUES,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
  WEAK_IPSEC_ALGORITHMS,
  dpdTimeoutViolation,
  gcmMismatch,
  ipsecValueViolation,
  isWeakIpsecAlgorithm,
  isWeakIpsecValue,
  saDataSizeViolation,
  saLifetimeViolation,
  trafficSelectorLimitViolation,
} from "../../../core/azure/ipsec";

describe("documented algorithm values", () => {
  it.each([
    ["ikeEncryption", "AES256", true],
    ["ikeEncryption", "GCMAES128", true],
    ["ikeEncryption", "DES3", false], // accepted by the API, no longer documented
    ["ikeEncryption", "GCMAES192", false],
    ["ikeIntegrity", "SHA384", true],
    ["ikeIntegrity", "GCMAES256", false],
    ["dhGroup", "DHGroup2048", true],
    ["dhGroup", "None", true],
    ["dhGroup", "ECP521", false],
    ["ipsecEncryption", "GCMAES192", true],
    ["ipsecEncryption", "None", true],
    ["ipsecIntegrity", "SHA384", false],
    ["pfsGroup", "PFS2048", true],
    ["pfsGroup", "PFS14", false],
    ["pfsGroup", "PFSMM", false],
    ["pfsGroup", "pfs2048", false], // compared exactly, as the provider's enum
  ] as const)("%s %s documented: %s", (field, value, ok) => {
    expect(ipsecValueViolation(field, value) === undefined).toBe(ok);
  });

  it("reports the documented list", () => {
    expect(ipsecValueViolation("ikeIntegrity", "SHA512")).toEqual({
      allowed: ["SHA384", "SHA256", "SHA1", "MD5"],
      accepted: false,
    });
    // Undocumented but accepted by Azure (the provider's acceptance tests deploy PFS14): a warning.
    expect(ipsecValueViolation("pfsGroup", "PFS14")).toMatchObject({ accepted: true });
    expect(ipsecValueViolation("pfsGroup", "PFSMM")).toMatchObject({ accepted: true });
    expect(ipsecValueViolation("ikeEncryption", "DES3")).toMatchObject({ accepted: false });
    expect(Object.keys(IPSEC_POLICY_VALUES)).toEqual([
      "ikeEncryption",
      "ikeIntegrity",
      "dhGroup",
      "ipsecEncryption",
      "ipsecIntegrity",
      "pfsGroup",
    ]);
  });

  it("knows the weak algorithms", () => {
    expect(WEAK_IPSEC_ALGORITHMS.filter(isWeakIpsecAlgorithm)).toEqual(WEAK_IPSEC_ALGORITHMS);
    expect(["AES256", "SHA256", "DHGroup14", "PFS2048", "GCMAES256", "des"].some(isWeakIpsecAlgorithm)).toBe(
      false,
    );
    // PFS2 is the same 1,024-bit group as DHGroup2; no encryption of the tunnel is weak too.
    expect(isWeakIpsecAlgorithm("PFS2")).toBe(true);
    expect(isWeakIpsecValue("ipsecEncryption", "None")).toBe(true);
    expect(isWeakIpsecValue("pfsGroup", "None")).toBe(false);
    expect(isWeakIpsecValue("dhGroup", "DHGroup2")).toBe(true);
  });
});

describe("gcmMismatch", () => {
  it.each([
    ["GCMAES256", "GCMAES256", undefined],
    ["AES256", "SHA256", undefined],
    [undefined, undefined, undefined],
    ["GCMAES256", "SHA256", { algorithm: "GCMAES256" }],
    ["AES256", "GCMAES128", { algorithm: "GCMAES128" }],
    ["GCMAES256", "GCMAES128", { algorithm: "GCMAES256" }],
    ["GCMAES192", undefined, { algorithm: "GCMAES192" }],
  ])("%s / %s -> %j", (enc, integ, expected) => {
    expect(gcmMismatch(enc, integ)).toEqual(expected);
  });
});

describe("ranges", () => {
  it.each([
    [saLifetimeViolation, [300, 27000, 2147483647], [299, 0, 2147483648, 300.5]],
    [saDataSizeViolation, [0, 1024, 102400000, 2147483647], [1, 1023, 2147483648, 1024.5]],
    [dpdTimeoutViolation, [9, 45, 3600], [8, 3601, 0, 30.5]],
  ] as const)("%p", (check, accepted, refused) => {
    for (const n of accepted) expect(check(n)).toBeUndefined();
    for (const n of refused) expect(check(n)).toBeDefined();
  });

  it("states each range once, with Azure's default", () => {
    expect(SA_LIFETIME_SECONDS).toEqual({ min: 300, max: 2147483647, default: 27000 });
    expect(SA_DATASIZE_KILOBYTES).toEqual({ min: 1024, max: 2147483647, default: 102400000, alsoAllowed: 0 });
    expect(DPD_TIMEOUT_SECONDS).toEqual({
      min: 9,
      max: 3600,
      default: 45,
      recommended: { min: 30, max: 45 },
    });
  });

  it("limits traffic selector policies to 100", () => {
    expect(trafficSelectorLimitViolation(100)).toBeUndefined();
    expect(trafficSelectorLimitViolation(101)).toEqual({ max: 100 });
  });
});
