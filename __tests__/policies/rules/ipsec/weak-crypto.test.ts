import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { Json, STRONG_IPSEC_POLICY, ref, siteToSite } from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.WeakCrypto";

const withConnection = (extra: Json): Json => siteToSite(extra);

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

  test("PFS2 (the same group as DHGroup2) and ipsec_encryption None are weak; None as PFS group is not", () => {
    const found = findingsOf(
      withConnection({
        ipsec_policy: {
          ...STRONG_IPSEC_POLICY,
          pfs_group: "PFS2",
          ipsec_encryption: "None",
          ipsec_integrity: "SHA256",
        },
      }),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("(ipsec_encryption None, pfs_group PFS2)");
    expect(
      findingsOf(withConnection({ ipsec_policy: { ...STRONG_IPSEC_POLICY, pfs_group: "None" } }), RULE),
    ).toEqual([]);
  });

  test("every ipsec_policy block is checked", () => {
    const found = findingsOf(
      withConnection({
        ipsec_policy: [STRONG_IPSEC_POLICY, { ...STRONG_IPSEC_POLICY, ike_integrity: "MD5" }],
      }),
      RULE,
    );
    expect(found.map((f) => f.message.includes("ike_integrity MD5"))).toEqual([true]);
  });

  test("only warnings: out-of-range values are Ipsec.OutOfRange", () => {
    const d = withConnection({
      dpd_timeout_seconds: 5,
      ipsec_policy: { ...STRONG_IPSEC_POLICY, sa_lifetime: 120 },
    });
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("unknown values give no finding but unverifiable entries", () => {
    const d = withConnection({ ipsec_policy: { ...STRONG_IPSEC_POLICY, dh_group: ref("var.dh") } });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE).map((u) => u.what)).toEqual([
      "whether ipsec_policy.dh_group is a weak algorithm: it is ${var.dh}",
    ]);
  });

  test("constructs: SiteToSiteConnection accepts SHA1/DHGroup2 and the rule warns", () => {
    expect(appFindings(s2s({ ipsecPolicy: STRONG }).app, RULE)).toEqual([]);
    const weak = s2s({ ipsecPolicy: { ...STRONG, ikeIntegrity: "SHA1", dhGroup: "DHGroup2" } });
    const found = appFindings(weak.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/ToBranch/Resource");
    expect(found[0].message).toContain("ike_integrity SHA1, dh_group DHGroup2");
  });
});
