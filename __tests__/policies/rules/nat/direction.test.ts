import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  localSite,
  natRule,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.Direction";
const C = "azurerm_virtual_network_gateway_connection.s2s";

function withLists(o: { ingress?: string[]; egress?: string[] }, ...more: Json[]): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch", ["10.0.1.0/24"], { name: "branch" }),
    natRule("vnet_out", "hub_gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
    natRule("branch_in", "hub_gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
    connection("s2s", "hub_gw", { type: "IPsec", site: "branch", ...o }),
    ...more,
  );
}

describe("Nat.Direction", () => {
  test("an EgressSnat rule in ingress_nat_rule_ids is an error naming the rule and the list", () => {
    const found = findingsOf(withLists({ ingress: ["vnet_out"], egress: ["branch_in"] }), RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", C],
      ["error", C],
    ]);
    expect(found[0].message).toContain(
      "lists gateway NAT rule vnet_out (EgressSnat) in ingress_nat_rule_ids; ingress_nat_rule_ids takes IngressSnat rules",
    );
    expectWellFormed(found[0], RULE);
  });

  test("rules in their own lists: no finding", () => {
    expect(findingsOf(withLists({ ingress: ["branch_in"], egress: ["vnet_out"] }), RULE)).toEqual([]);
  });

  test("a NAT rule of another gateway is an error", () => {
    const d = withLists(
      { egress: ["other_out"] },
      networkWithGateway("other", "10.9.0.0/16", "10.9.255.0/27"),
      natRule("other_out", "other_gw", "EgressSnat", "10.9.0.0/24", "100.9.0.0/24"),
    );
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(
      "connection s2s on gateway hub_gw lists gateway NAT rule other_out of gateway other_gw in egress_nat_rule_ids",
    );
  });

  test("an unknown mode gives an unverifiable entry, no finding", () => {
    const d = withLists(
      { ingress: ["maybe"] },
      natRule("maybe", "hub_gw", "IngressSnat", "10.0.1.0/24", "100.0.3.0/24", { mode: ref("var.mode") }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.mode");
  });

  test("constructs refuse a rule in the wrong list (same predicate); the escape hatch gets the rule's error", () => {
    const s = natSetup();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.egress.resource.addOverride("mode", "IngressSnat");
    expect(appFindings(s.app, RULE).map((f) => f.path)).toEqual(["net/ToBranch/Resource"]);
  });
});
