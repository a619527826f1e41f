import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { S2S, STRONG_IPSEC_POLICY, ref, siteToSite } from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.OutOfRange";

describe("Ipsec.OutOfRange", () => {
  test("SA lifetime under 300 s and SA data size under 1024 KB are errors naming the values", () => {
    const found = findingsOf(
      siteToSite({ ipsec_policy: { ...STRONG_IPSEC_POLICY, sa_lifetime: 120, sa_datasize: 512 } }),
      RULE,
    );
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", S2S],
      ["error", S2S],
    ]);
    expect(found.map((f) => f.message).join(" ")).toContain("sa_lifetime 120 seconds");
    expect(found.map((f) => f.message).join(" ")).toContain("sa_datasize 512 KB");
    found.forEach((f) => expectWellFormed(f, RULE));
  });

  test("SA lifetime 300 s and SA data size 0 (no rekey on volume) are accepted", () => {
    const d = siteToSite({ ipsec_policy: { ...STRONG_IPSEC_POLICY, sa_lifetime: 300, sa_datasize: 0 } });
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("a DPD timeout outside 9-3600 s is an error, with or without a custom policy", () => {
    for (const dpd of [5, 3601]) {
      const found = findingsOf(siteToSite({ dpd_timeout_seconds: dpd }), RULE);
      expect(found).toHaveLength(1);
      expect(found[0].severity).toBe("error");
      expect(found[0].message).toContain(`dpd_timeout_seconds ${dpd}`);
    }
    expect(findingsOf(siteToSite({ dpd_timeout_seconds: 45 }), RULE)).toEqual([]);
  });

  test("unknown values give no finding but unverifiable entries", () => {
    const d = siteToSite({
      dpd_timeout_seconds: ref("var.dpd"),
      ipsec_policy: {
        ...STRONG_IPSEC_POLICY,
        sa_lifetime: ref("var.lifetime"),
        sa_datasize: ref("var.size"),
      },
    });
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE)
      .map((u) => u.what)
      .join(" | ");
    expect(what).toContain("var.dpd");
    expect(what).toContain("var.lifetime");
    expect(what).toContain("var.size");
  });

  test("constructs: SiteToSiteConnection refuses the values (same predicates); the escape hatch gets the rule's errors", () => {
    expect(appFindings(s2s({ ipsecPolicy: STRONG, dpdTimeoutSeconds: 45 }).app, RULE)).toEqual([]);
    expect(() => s2s({ ipsecPolicy: { ...STRONG, saLifetimeSeconds: 100 } })).toThrow(
      "[net/ToBranch] `ipsecPolicy.saLifetimeSeconds`: '100' is out of range",
    );
    expect(() => s2s({ dpdTimeoutSeconds: 4000 })).toThrow("[net/ToBranch] `dpdTimeoutSeconds`: '4000'");
    const hatch = s2s({ ipsecPolicy: STRONG });
    hatch.connection.resource.addOverride("dpd_timeout_seconds", 4000);
    hatch.connection.resource.addOverride("ipsec_policy.sa_lifetime", 100);
    const errors = appFindings(hatch.app, RULE);
    expect(errors.map((f) => [f.severity, f.path])).toEqual([
      ["error", "net/ToBranch/Resource"],
      ["error", "net/ToBranch/Resource"],
    ]);
  });
});
