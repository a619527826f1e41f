import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  STRONG_IPSEC_POLICY,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.WeakCrypto";

function withConnection(extra: Json): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", { type: "IPsec", site: "branch", extra: extra }),
  );
}

describe("Ipsec.WeakCrypto", () => {
  test("weak algorithms in a custom policy are one warning listing each field and value", () => {
    const found = findingsOf(
      withConnection({
        ipsec_policy: {
          ...STRONG_IPSEC_POLICY,
          ike_integrity: "SHA1",
          dh_group: "DHGroup2",
          ipsec_encryption: "DES3",
          ipsec_integrity: "MD5",
          pfs_group: "PFS1",
        },
      }),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      path: "azurerm_virtual_network_gateway_connection.s2s",
    });
    expect(found[0].message).toContain(
      "weak algorithms (ike_integrity SHA1, dh_group DHGroup2, ipsec_encryption DES3, ipsec_integrity MD5, pfs_group PFS1)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("a strong policy, or no custom policy: no finding", () => {
    expect(findingsOf(withConnection({ ipsec_policy: STRONG_IPSEC_POLICY }), RULE)).toEqual([]);
    expect(findingsOf(withConnection({}), RULE)).toEqual([]);
  });

  test("SA lifetime under 300 s and SA data size under 1024 KB are errors; data size 0 is accepted", () => {
    const found = findingsOf(
      withConnection({ ipsec_policy: { ...STRONG_IPSEC_POLICY, sa_lifetime: 120, sa_datasize: 512 } }),
      RULE,
    );
    expect(found.map((f) => f.severity)).toEqual(["error", "error"]);
    expect(found.map((f) => f.message).join(" ")).toContain("sa_lifetime 120 seconds");
    expect(found.map((f) => f.message).join(" ")).toContain("sa_datasize 512 KB");
    expect(
      findingsOf(
        withConnection({ ipsec_policy: { ...STRONG_IPSEC_POLICY, sa_lifetime: 300, sa_datasize: 0 } }),
        RULE,
      ),
    ).toEqual([]);
  });

  test("a DPD timeout outside 9-3600 s is an error, with or without a custom policy", () => {
    for (const dpd of [5, 3601]) {
      const found = findingsOf(withConnection({ dpd_timeout_seconds: dpd }), RULE);
      expect(found).toHaveLength(1);
      expect(found[0].severity).toBe("error");
      expect(found[0].message).toContain(`dpd_timeout_seconds ${dpd}`);
    }
    expect(findingsOf(withConnection({ dpd_timeout_seconds: 45 }), RULE)).toEqual([]);
  });

  test("unknown values give no finding but unverifiable entries", () => {
    const d = withConnection({
      dpd_timeout_seconds: ref("var.dpd"),
      ipsec_policy: { ...STRONG_IPSEC_POLICY, dh_group: ref("var.dh"), sa_lifetime: ref("var.lifetime") },
    });
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE)
      .map((u) => u.what)
      .join(" | ");
    expect(what).toContain("var.dpd");
    expect(what).toContain("var.dh");
    expect(what).toContain("var.lifetime");
  });

  test("constructs: SiteToSiteConnection accepts SHA1/DHGroup2 and the rule warns; out-of-range values need the escape hatch", () => {
    expect(appFindings(s2s({ ipsecPolicy: STRONG }).app, RULE)).toEqual([]);
    const weak = s2s({ ipsecPolicy: { ...STRONG, ikeIntegrity: "SHA1", dhGroup: "DHGroup2" } });
    const found = appFindings(weak.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/ToBranch/Resource");
    expect(found[0].message).toContain("ike_integrity SHA1, dh_group DHGroup2");

    expect(() => s2s({ ipsecPolicy: { ...STRONG, saLifetimeSeconds: 100 } })).toThrow(/saLifetimeSeconds/);
    const hatch = s2s({ ipsecPolicy: STRONG });
    hatch.connection.resource.addOverride("dpd_timeout_seconds", 4000);
    hatch.connection.resource.putIpsecPolicy({ ...toProvider(STRONG), saLifetime: 100 });
    const errors = appFindings(hatch.app, RULE);
    expect(errors.map((f) => f.severity)).toEqual(["error", "error"]);
  });
});

function toProvider(p: typeof STRONG) {
  return {
    ikeEncryption: p.ikeEncryption,
    ikeIntegrity: p.ikeIntegrity,
    dhGroup: p.dhGroup,
    ipsecEncryption: p.ipsecEncryption,
    ipsecIntegrity: p.ipsecIntegrity,
    pfsGroup: p.pfsGroup,
  };
}
