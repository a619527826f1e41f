import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { Vnet, VpnGateway } from "../../../../index";
import { GatewayCoexistence } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { erGateway, hub, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayCoexistence;
const GW = "azurerm_virtual_network_gateway.hub";

/** The hub (VPN gateway options `o`, GatewaySubnet `prefix`) with an ExpressRoute gateway in the same GatewaySubnet. */
function coexisting(o: Parameters<typeof hub>[0] = {}, prefix = "10.0.255.0/27") {
  return tfDoc(hub(o, prefix), erGateway("er", "gw"));
}

describe("Gateway.Coexistence", () => {
  test("fails: a Basic PolicyBased VPN gateway in a /28 GatewaySubnet beside an ExpressRoute gateway", () => {
    const doc = coexisting(
      { sku: "Basic", generation: "Generation1", extra: { vpn_type: "PolicyBased" } },
      "10.0.255.0/28",
    );
    const found = findings(doc, RULE);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "whose sku is Basic; ExpressRoute and VPN gateways coexist only with a VPN SKU other than Basic",
      ),
      expect.stringContaining(
        "which is PolicyBased; ExpressRoute and VPN gateways coexist only with a RouteBased VPN gateway",
      ),
      expect.stringContaining(
        "(10.0.255.0/28); ExpressRoute and VPN gateways coexist only in a GatewaySubnet of /27 or larger",
      ),
    ]);
    for (const f of found)
      expectFinding(f, RULE, GW, "network hub has ExpressRoute gateway er-er and VPN gateway vgw-hub");
  });

  test("passes: a RouteBased VpnGw2AZ in a /27 beside an ExpressRoute gateway; a Basic gateway alone", () => {
    expect(run(coexisting(), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(hub({ sku: "Basic", generation: "Generation1" }, "10.0.255.0/28"), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: the VPN gateway's sku and vpn_type from variables", () => {
    const r = run(coexisting({ sku: ref("var.sku"), extra: { vpn_type: ref("var.vpn_type") } }), RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("its sku is ${var.sku}"),
      expect.stringContaining("its vpn_type is ${var.vpn_type}"),
    ]);
  });

  test("constructs: a Basic VpnGateway beside an ExpressRoute gateway fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    new VirtualNetworkGateway(stack, "er", {
      name: "er-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      type: "ExpressRoute",
      sku: "ErGw1AZ",
      ipConfiguration: [{ subnetId: gw.gatewaySubnet.id }],
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    gw.resource.addOverride("sku", "Basic");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw/Resource",
      "has ExpressRoute gateway er-hub and VPN gateway vgw-hub, whose sku is Basic",
    );
  });
});
