import { VpnNatRule } from "../../../../constructs/vpn-nat-rule";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { Json, natRule, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Nat.ActiveActive";
const instance = (name: string) => `\${azurerm_virtual_network_gateway.hub_gw.id}/ipConfigurations/${name}`;

function activeActive(...rules: Json[]): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { pips: ["hub_pip", "hub_pip2"] }),
    ...rules,
  );
}
const dynamic = (tf: string, extra: Json = {}) =>
  natRule(tf, "hub_gw", "EgressSnat", "10.0.0.0/16", "100.0.0.0/26", { type: "Dynamic", ...extra });

describe("Nat.ActiveActive", () => {
  test("a Dynamic rule on an active-active gateway without ip_configuration_id is an error", () => {
    const found = findingsOf(activeActive(dynamic("out")), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.out",
    });
    expect(found[0].message).toContain(
      "is Dynamic on active-active gateway hub_gw but sets no ip_configuration_id",
    );
    expectWellFormed(found[0], RULE);
  });

  test("a Dynamic rule for one instance only is an error naming the other instance", () => {
    const found = findingsOf(
      activeActive(dynamic("out1", { ip_configuration_id: instance("ipconfig1") })),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("with no twin rule (same mode and internal mapping) for ipconfig2");
  });

  test("an IP configuration the gateway does not have is an error", () => {
    const found = findingsOf(activeActive(dynamic("out1", { ip_configuration_id: instance("nope") })), RULE);
    expect(found[0].message).toContain(
      "naming IP configuration nope, which gateway hub_gw does not have (ipconfig1, ipconfig2)",
    );
  });

  test("one Dynamic rule per instance, Static rules, or an active-standby gateway: no finding", () => {
    const twins = activeActive(
      dynamic("out1", { ip_configuration_id: instance("ipconfig1") }),
      dynamic("out2", { ip_configuration_id: instance("ipconfig2") }),
    );
    expect(findingsOf(twins, RULE)).toEqual([]);
    expect(
      findingsOf(activeActive(natRule("s", "hub_gw", "EgressSnat", "10.0.0.0/16", "100.0.0.0/16")), RULE),
    ).toEqual([]);
    const standby = tfDoc(networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"), dynamic("out"));
    expect(findingsOf(standby, RULE)).toEqual([]);
  });

  test("an unknown ip_configuration_id or active_active gives an unverifiable entry, no finding", () => {
    const d = activeActive(dynamic("out", { ip_configuration_id: ref("var.ipconfig") }));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.ipconfig");
    const aa = tfDoc(
      networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { extra: { active_active: ref("var.aa") } }),
      dynamic("out"),
    );
    expect(unverifiedOf(aa, RULE)[0].what).toContain("var.aa");
  });

  test("constructs: a Dynamic VpnNatRule per instance passes; one without ipConfigurationId is reported", () => {
    const { app, stack } = constructApp();
    const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", { activeActive: true });
    const make = (id: string, ipConfigurationId?: string) =>
      new VpnNatRule(stack, id, {
        gateway,
        name: id.toLowerCase(),
        mode: "EgressSnat",
        type: "Dynamic",
        internalMappings: [{ addressSpace: "10.0.0.0/16" }],
        externalMappings: [{ addressSpace: "100.0.0.0/26" }],
        ipConfigurationId,
      });
    make("Out0", gateway.ipConfigurationIds[0]);
    make("Out1", gateway.ipConfigurationIds[1]);
    expect(appFindings(app, RULE)).toEqual([]);
    make("Loose");
    expect(appFindings(app, RULE).map((f) => f.path)).toEqual(["net/Loose/Resource"]);
  });
});
