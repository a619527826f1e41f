import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { S2S, ref, siteToSite } from "../../../../test-utils/terraform";
import { s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.TrafficSelectors";

const selector = (i: number) => ({
  local_address_cidrs: [`10.0.${i % 256}.0/24`],
  remote_address_cidrs: ["192.168.0.0/16"],
});
const selectors = (n: number) => Array.from({ length: n }, (_, i) => selector(i));

describe("Ipsec.TrafficSelectors", () => {
  test("more than 100 traffic selector policies is an error", () => {
    const found = findingsOf(
      siteToSite({ use_policy_based_traffic_selectors: true, traffic_selector_policy: selectors(101) }),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: S2S });
    expect(found[0].message).toContain("has 101 traffic_selector_policy blocks; Azure allows at most 100");
    expectWellFormed(found[0], RULE);
  });

  test("traffic selectors without policy-based traffic selectors are a warning", () => {
    const found = findingsOf(siteToSite({ traffic_selector_policy: selectors(1) }), RULE);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("but not use_policy_based_traffic_selectors");
  });

  test("100 selectors with policy-based traffic selectors, or none: no finding", () => {
    const d = siteToSite({
      use_policy_based_traffic_selectors: true,
      traffic_selector_policy: selectors(100),
    });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(findingsOf(siteToSite(), RULE)).toEqual([]);
  });

  test("an unknown use_policy_based_traffic_selectors gives an unverifiable entry, no finding", () => {
    const d = siteToSite({
      use_policy_based_traffic_selectors: ref("var.pbts"),
      traffic_selector_policy: selectors(2),
    });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.pbts");
  });

  test("constructs refuse both; the escape hatch gets the rule's error", () => {
    const ok = s2s({
      usePolicyBasedTrafficSelectors: true,
      trafficSelectorPolicies: [
        { localAddressCidrs: ["10.0.0.0/16"], remoteAddressCidrs: ["192.168.0.0/16"] },
      ],
    });
    expect(appFindings(ok.app, RULE)).toEqual([]);
    const many = Array.from({ length: 101 }, () => ({
      localAddressCidrs: ["10.0.0.0/16"],
      remoteAddressCidrs: ["192.168.0.0/16"],
    }));
    expect(() => s2s({ usePolicyBasedTrafficSelectors: true, trafficSelectorPolicies: many })).toThrow(
      "[net/ToBranch] `trafficSelectorPolicies`: 101 policies; Azure allows at most 100 per connection",
    );
    ok.connection.resource.addOverride("traffic_selector_policy", selectors(101));
    const found = appFindings(ok.app, RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([["error", "net/ToBranch/Resource"]]);
  });
});
