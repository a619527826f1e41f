import { Vnet, VpnGateway } from "../../../../index";
import { GatewaySkuFeature } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { Json, hub, natRule, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySkuFeature;
const GW = "azurerm_virtual_network_gateway.hub";

function egressRule(): Json {
  return natRule("egress", "hub", "EgressSnat", "10.0.0.0/16", "100.64.0.0/16", { name: "egress-snat" });
}

function only(d: Json) {
  const found = findings(d, RULE);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("Gateway.SkuFeature", () => {
  test("fails: BGP on Basic (enable_bgp and bgp_enabled)", () => {
    const basic = { sku: "Basic", generation: "Generation1" };
    expectFinding(
      only(hub({ ...basic, v3: true, extra: { enable_bgp: true } })),
      RULE,
      GW,
      "gateway vgw-hub (sku Basic) has BGP enabled",
    );
    expectFinding(only(hub({ ...basic, extra: { bgp_enabled: true } })), RULE, GW, "has BGP enabled");
  });

  test("fails: active-active on Basic", () => {
    const d = hub({ sku: "Basic", generation: "Generation1", pips: ["pip1", "pip2"] });
    expectFinding(only(d), RULE, GW, "(sku Basic) is active-active");
  });

  test("fails: Generation2 with Basic, VpnGw1 or VpnGw1AZ; Generation1 with VpnGw4/5(AZ)", () => {
    for (const sku of ["Basic", "VpnGw1", "VpnGw1AZ"]) {
      const f = only(hub({ sku, generation: "Generation2" }));
      expectFinding(f, RULE, GW, `(sku ${sku}) is Generation2`, "Generation1 only");
    }
    for (const sku of ["VpnGw4", "VpnGw5AZ"]) {
      const f = only(hub({ sku, generation: "Generation1" }));
      expectFinding(f, RULE, GW, `(sku ${sku}) is Generation1`, "Generation2 only");
    }
  });

  test("fails: PolicyBased on a non-Basic SKU", () => {
    const f = only(hub({ sku: "VpnGw2AZ", extra: { vpn_type: "PolicyBased" } }));
    expectFinding(f, RULE, GW, "(sku VpnGw2AZ) is PolicyBased", "Basic SKU only");
  });

  test("fails: NAT rules on VpnGw1AZ", () => {
    const f = only(tfDoc(hub({ sku: "VpnGw1AZ", generation: "Generation1" }), egressRule()));
    expectFinding(f, RULE, GW, "(sku VpnGw1AZ) has NAT rules egress-snat", "VpnGw2-5");
  });

  test("passes: features each SKU offers; an unset generation is left to Azure", () => {
    expect(findings(hub(), RULE)).toEqual([]);
    expect(findings(tfDoc(hub({ asn: 65010 }), egressRule()), RULE)).toEqual([]);
    expect(
      findings(hub({ sku: "Basic", generation: "Generation1", extra: { vpn_type: "PolicyBased" } }), RULE),
    ).toEqual([]);
    expect(findings(hub({ sku: "VpnGw1AZ", extra: { generation: undefined } }), RULE)).toEqual([]);
    expect(
      findings(hub({ sku: "VpnGw5AZ", generation: "Generation2", pips: ["pip1", "pip2"] }), RULE),
    ).toEqual([]);
  });

  test("unknown: the SKU or the generation from a variable gives no finding and is unverifiable", () => {
    const sku = run(hub({ sku: ref("var.sku") }), RULE);
    expect(sku.findings).toEqual([]);
    expect(sku.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.sku")]);
    const gen = run(hub({ sku: "VpnGw4AZ", generation: ref("var.generation") }), RULE);
    expect(gen.findings).toEqual([]);
    expect(gen.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.generation")]);
  });

  test("constructs: VpnGateway refuses BGP on Basic; the rule catches Basic set through the escape hatch", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    expect(
      () =>
        new VpnGateway(stack, "bad", {
          vnet: net,
          name: "vgw-bad",
          sku: "Basic",
          bgp: { asn: 65010 },
          gatewaySubnetPrefix: "10.0.255.0/27",
        }),
    ).toThrow(/BGP/);
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      bgp: { asn: 65010 },
      gatewaySubnetPrefix: "10.0.254.0/27",
    });
    expect(checkApp(app, RULE).findings).toEqual([]);
    gw.resource.addOverride("sku", "Basic");
    const found = checkApp(app, RULE).findings;
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("gateway vgw-hub (sku Basic) has BGP enabled"),
      expect.stringContaining("gateway vgw-hub (sku Basic) is Generation2"),
    ]);
    for (const f of found) expectFinding(f, RULE, "net/gw/Resource");
  });
});
