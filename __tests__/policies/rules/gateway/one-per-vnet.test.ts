import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { Vnet, VpnGateway } from "../../../../index";
import { GatewayOnePerVnet } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { gateway, hub, publicIp, ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayOnePerVnet;

function secondGateway(type: unknown, extra: Record<string, unknown> = {}) {
  return tfDoc(
    hub(),
    publicIp("pip2"),
    gateway("second", { subnets: ["gw"], pips: ["pip2"], extra: { type, ...extra } }),
  );
}

describe("Gateway.OnePerVnet", () => {
  test("fails: two VPN gateways in one virtual network", () => {
    const [f, ...rest] = findings(secondGateway("Vpn"), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network_gateway.second",
      "network hub has 2 Vpn gateways (gateway vgw-hub, gateway vgw-second)",
      "one gateway of each type",
    );
    expect(f.fix).toContain("gateway vgw-hub");
  });

  test("passes: a VPN and an ExpressRoute gateway share a network; gateways in different networks", () => {
    expect(findings(secondGateway("ExpressRoute", { sku: "ErGw1AZ", vpn_type: undefined }), RULE)).toEqual(
      [],
    );
    const two = tfDoc(
      hub(),
      vnet("spoke", ["10.1.0.0/16"]),
      subnet("gw2", "spoke", "GatewaySubnet", ["10.1.255.0/27"]),
      publicIp("pip2"),
      gateway("spoke", { subnets: ["gw2"], pips: ["pip2"] }),
    );
    expect(findings(two, RULE)).toEqual([]);
  });

  test("unknown: a second gateway whose type comes from a variable is unverifiable", () => {
    const report = run(secondGateway(ref("var.gateway_type")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.gateway_type")]);
  });

  test("constructs: VpnGateway refuses a second gateway; a raw gateway beside it fails synth", () => {
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
    expect(() => new VpnGateway(stack, "gw2", { vnet: net, name: "vgw-2" })).toThrow(
      /one VPN gateway per virtual network/,
    );
    const pip = new PublicIp(stack, "raw-pip", {
      name: "pip-raw",
      resourceGroupName: "rg-net",
      location: "westeurope",
      sku: "Standard",
      allocationMethod: "Static",
    });
    new VirtualNetworkGateway(stack, "raw-gw", {
      name: "vgw-raw",
      resourceGroupName: "rg-net",
      location: "westeurope",
      type: "Vpn",
      sku: "VpnGw2AZ",
      ipConfiguration: [{ subnetId: gw.gatewaySubnet.id, publicIpAddressId: pip.id }],
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/raw-gw", "network vnet-hub has 2 Vpn gateways", "gateway vgw-raw");
  });
});
