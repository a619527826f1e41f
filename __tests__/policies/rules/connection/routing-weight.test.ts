import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { S2S, connection, ref, siteToSite, tfDoc } from "../../../../test-utils/terraform";
import { s2s } from "../ipsec-construct-fixture";

const RULE = "Connection.RoutingWeight";

describe("Connection.RoutingWeight", () => {
  test("routing_weight on an IPsec connection is a warning (Azure stores it; it is for ExpressRoute)", () => {
    const found = findingsOf(siteToSite({ routing_weight: 20 }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: S2S });
    expect(found[0].message).toContain("has type IPsec and sets routing_weight 20");
    expectWellFormed(found[0], RULE);
  });

  test("no routing_weight, or one on an ExpressRoute connection: no finding", () => {
    expect(findingsOf(siteToSite(), RULE)).toEqual([]);
    const er = tfDoc(
      siteToSite(),
      connection("er", "hub_gw", { type: "ExpressRoute", extra: { routing_weight: 10 } }),
    );
    expect(findingsOf(er, RULE)).toEqual([]);
  });

  test("an unknown connection type gives an unverifiable entry, no finding", () => {
    const d = siteToSite({ routing_weight: 5, type: ref("var.kind") });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.kind");
  });

  test("constructs never set it; through the escape hatch the rule warns", () => {
    const s = s2s();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.addOverride("routing_weight", 10);
    expect(appFindings(s.app, RULE).map((f) => [f.severity, f.path])).toEqual([
      ["warning", "net/ToBranch/Resource"],
    ]);
  });
});
