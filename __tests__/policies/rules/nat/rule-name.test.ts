import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { natRule, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.RuleName";

function named(name: unknown) {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    natRule("egress", "hub_gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24", { name }),
  );
}

describe("Nat.RuleName", () => {
  test("a NAT rule name with '/' is an error naming it", () => {
    const found = findingsOf(named("vnet/egress"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.egress",
    });
    expect(found[0].message).toContain("NAT rule name 'vnet/egress' contains '/'");
    expect(found[0].fix).toContain("vnet-egress");
    expectWellFormed(found[0], RULE);
  });

  test("a name without '/': no finding", () => {
    expect(findingsOf(named("vnet-egress"), RULE)).toEqual([]);
  });

  test("an unknown name gives no finding but an unverifiable entry", () => {
    const d = named(ref("var.rule_name"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.rule_name");
  });

  test("constructs: VpnNatRule refuses '/' at construction; the escape hatch is caught by the rule", () => {
    expect(() => natSetup({ name: "vnet/egress" })).toThrow(/contains '\/'/);
    const s = natSetup();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.egress.resource.addOverride("name", "vnet/egress");
    const found = appFindings(s.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/VnetEgress/Resource");
  });
});
