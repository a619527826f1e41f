import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { Json, natRule, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.StaticPrefixMismatch";

function withRule(extra: Json, internal = "10.0.1.0/24", external = "100.0.1.0/24"): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    natRule("egress", "hub_gw", "EgressSnat", internal, external, extra),
  );
}

describe("Nat.StaticPrefixMismatch", () => {
  test("a static rule mapping a /24 to a /25 is an error naming both prefixes", () => {
    const found = findingsOf(withRule({}, "10.0.1.0/24", "100.0.1.0/25"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.egress",
    });
    expect(found[0].message).toContain(
      "NAT rule egress is Static but maps internal 10.0.1.0/24 (/24) to external 100.0.1.0/25 (/25)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("the provider's default type is Static: a rule without type is checked too", () => {
    const d = withRule({ type: undefined }, "10.0.1.0/24", "100.0.1.0/26");
    expect(findingsOf(d, RULE)).toHaveLength(1);
  });

  test("equal prefix lengths, or a Dynamic rule with a smaller pool: no finding", () => {
    expect(findingsOf(withRule({}), RULE)).toEqual([]);
    expect(findingsOf(withRule({ type: "Dynamic" }, "10.0.1.0/24", "100.0.1.0/26"), RULE)).toEqual([]);
  });

  test("an unknown type or mapping gives no finding but an unverifiable entry", () => {
    const t = withRule({ type: ref("var.nat_type") }, "10.0.1.0/24", "100.0.1.0/25");
    expect(findingsOf(t, RULE)).toEqual([]);
    expect(unverifiedOf(t, RULE)[0].what).toContain("var.nat_type");
    const m = withRule({}, "10.0.1.0/24", ref("var.external"));
    expect(findingsOf(m, RULE)).toEqual([]);
    expect(unverifiedOf(m, RULE)[0].what).toContain("var.external");
  });

  test("constructs: VpnNatRule refuses the mismatch at construction; the escape hatch is caught by the rule", () => {
    const ok = natSetup();
    expect(appFindings(ok.app, RULE)).toEqual([]);
    expect(() => natSetup({ externalMappings: [{ addressSpace: "100.0.1.0/25" }] })).toThrow(/maps 1:1/);
    // Overrides of list blocks append in cdktf; the provider resource's put method replaces the block.
    ok.egress.resource.putExternalMapping([{ addressSpace: "100.0.1.0/25" }]);
    const found = appFindings(ok.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/VnetEgress/Resource");
    expect(found[0].message).toContain("to external 100.0.1.0/25 (/25)");
  });
});
