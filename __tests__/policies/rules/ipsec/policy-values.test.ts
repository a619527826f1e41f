import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { S2S, STRONG_IPSEC_POLICY, ref, siteToSite } from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.PolicyValues";

describe("Ipsec.PolicyValues", () => {
  test("two ipsec_policy blocks are an error", () => {
    const found = findingsOf(siteToSite({ ipsec_policy: [STRONG_IPSEC_POLICY, STRONG_IPSEC_POLICY] }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: S2S });
    expect(found[0].message).toContain("has 2 ipsec_policy blocks; a connection takes at most 1");
    expectWellFormed(found[0], RULE);
  });

  test("a partial policy is an error naming the missing algorithms", () => {
    const partial = { ...STRONG_IPSEC_POLICY, pfs_group: undefined, dh_group: undefined };
    const found = findingsOf(siteToSite({ ipsec_policy: partial }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("an ipsec_policy without dh_group, pfs_group");
    expectWellFormed(found[0], RULE);
  });

  test.each([
    ["ike_encryption", "DES3"],
    ["ike_integrity", "GCMAES256"],
    ["dh_group", "DHGroup5"],
    ["ipsec_encryption", "AES512"],
    ["ipsec_integrity", "SHA512"],
    ["pfs_group", "PFS5"],
  ])("%s %s, a value Microsoft does not document, is an error", (attribute, value) => {
    const found = findingsOf(
      siteToSite({ ipsec_policy: { ...STRONG_IPSEC_POLICY, [attribute]: value } }),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toContain(
      `ipsec_policy.${attribute} ${value}, which is not a value Azure documents`,
    );
    expect(found[0].values).toEqual({ [attribute]: value });
  });

  test("PFS14 and PFSMM, undocumented but accepted by Azure, are warnings", () => {
    for (const pfs of ["PFS14", "PFSMM"]) {
      const found = findingsOf(
        siteToSite({ ipsec_policy: { ...STRONG_IPSEC_POLICY, pfs_group: pfs } }),
        RULE,
      );
      expect(found.map((f) => f.severity)).toEqual(["warning"]);
      expect(found[0].message).toContain(`pfs_group ${pfs}, which Azure accepts but does not document`);
    }
  });

  test("a complete documented policy, or none: no finding", () => {
    expect(findingsOf(siteToSite({ ipsec_policy: STRONG_IPSEC_POLICY }), RULE)).toEqual([]);
    expect(findingsOf(siteToSite(), RULE)).toEqual([]);
  });

  test("an unknown algorithm gives no finding but an unverifiable entry", () => {
    const d = siteToSite({ ipsec_policy: { ...STRONG_IPSEC_POLICY, ike_encryption: ref("var.ike") } });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE).map((u) => u.what)).toEqual([
      "whether ipsec_policy.ike_encryption is a value Azure accepts: it is ${var.ike}",
    ]);
  });

  test("constructs refuse undocumented values (same predicate) and accept PFS14, which the rule warns about", () => {
    expect(() => s2s({ ipsecPolicy: { ...STRONG, ikeEncryption: "DES3" as never } })).toThrow(
      "[net/ToBranch] `ipsecPolicy.ikeEncryption`: 'DES3' is not an algorithm Microsoft documents",
    );
    expect(appFindings(s2s({ ipsecPolicy: STRONG }).app, RULE)).toEqual([]);
    const pfs14 = appFindings(s2s({ ipsecPolicy: { ...STRONG, pfsGroup: "PFS14" } }).app, RULE);
    expect(pfs14.map((f) => [f.severity, f.path])).toEqual([["warning", "net/ToBranch/Resource"]]);

    const hatch = s2s({ ipsecPolicy: STRONG });
    hatch.connection.resource.addOverride("ipsec_policy.ike_encryption", "DES3");
    const found = appFindings(hatch.app, RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([["error", "net/ToBranch/Resource"]]);
  });
});
