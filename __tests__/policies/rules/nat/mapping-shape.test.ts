import { VpnNatRule } from "../../../../constructs/vpn-nat-rule";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { Json, natRule, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.MappingShape";
const N = "azurerm_virtual_network_gateway_nat_rule.r";

function rule(extra: Json): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    natRule("r", "hub_gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24", extra),
  );
}

describe("Nat.MappingShape", () => {
  test("two internal mappings in one rule are an error", () => {
    const found = findingsOf(
      rule({ internal_mapping: [{ address_space: "10.0.1.0/24" }, { address_space: "10.0.2.0/24" }] }),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: N });
    expect(found[0].message).toContain("has 2 internal_mapping blocks (10.0.1.0/24, 10.0.2.0/24)");
    expectWellFormed(found[0], RULE);
  });

  test("a Dynamic rule with an external pool larger than /26, or with ports, is an error", () => {
    const pool = findingsOf(rule({ type: "Dynamic" }), RULE);
    expect(pool.map((f) => f.message.split(";")[0])).toEqual([
      "Nat.MappingShape: gateway NAT rule r is Dynamic with external mapping 100.0.1.0/24 (/24)",
    ]);
    const ports = findingsOf(
      rule({
        type: "Dynamic",
        external_mapping: { address_space: "100.0.1.0/26", port_range: "443" },
      }),
      RULE,
    );
    expect(ports.map((f) => f.message.split(";")[0])).toEqual([
      "Nat.MappingShape: gateway NAT rule r is Dynamic and maps ports (100.0.1.0/26 port_range 443)",
    ]);
  });

  test("a port range or list on a Static rule is an error; a single port is fine", () => {
    const ranged = (port: string) =>
      rule({
        internal_mapping: { address_space: "10.0.1.0/24", port_range: port },
        external_mapping: { address_space: "100.0.1.0/24", port_range: port },
      });
    const found = findingsOf(ranged("8080-8090"), RULE);
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain("has port_range 8080-8090 on mapping 10.0.1.0/24");
    expect(findingsOf(ranged("443"), RULE)).toEqual([]);
  });

  test("a well-formed Static rule, or a Dynamic /26 pool: no finding", () => {
    expect(findingsOf(rule({}), RULE)).toEqual([]);
    expect(
      findingsOf(rule({ type: "Dynamic", external_mapping: { address_space: "100.0.1.0/26" } }), RULE),
    ).toEqual([]);
  });

  test("unknown values give unverifiable entries, no finding", () => {
    const d = rule({
      type: "Dynamic",
      external_mapping: { address_space: ref("var.pool") },
    });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.pool");
    const dyn = rule({
      internal_mapping: undefined,
      dynamic: { internal_mapping: { for_each: "${var.m}" } },
    });
    expect(findingsOf(dyn, RULE)).toEqual([]);
    expect(unverifiedOf(dyn, RULE)[0].what).toContain("dynamic block");
  });

  test("VpnNatRule refuses the shapes (same predicates); the escape hatch gets the rule's errors", () => {
    const s = natSetup();
    expect(
      () =>
        new VpnNatRule(s.stack, "Pool", {
          gateway: s.gateway,
          name: "pool",
          mode: "EgressSnat",
          type: "Dynamic",
          internalMappings: [{ addressSpace: "10.0.0.0/16" }],
          externalMappings: [{ addressSpace: "100.64.0.0/24" }],
        }),
    ).toThrow("[net/Pool] `externalMappings[0].addressSpace`: '100.64.0.0/24' is larger than /26");
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.egress.resource.addOverride("internal_mapping", [
      { address_space: "10.0.1.0/24" },
      { address_space: "10.0.2.0/24" },
    ]);
    expect(appFindings(s.app, RULE).map((f) => f.path)).toEqual(["net/VnetEgress/Resource"]);
  });
});
