import { Vnet, VpnGateway } from "../../../../index";
import { GatewayIpConfigurations } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { erGateway, hub, ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayIpConfigurations;
const GW = "azurerm_virtual_network_gateway.hub";

/** An active-active hub whose second IP configuration is on `secondSubnet`. */
function twoConfigs(secondSubnet: string) {
  return tfDoc(
    hub({ pips: ["pip1", "pip2"], subnets: ["gw", secondSubnet] }),
    subnet("gw2", "hub", "GatewaySubnet2", ["10.0.254.0/27"]),
  );
}

describe("Gateway.IpConfigurations", () => {
  test("fails: a Static private IP allocation (VPN or ExpressRoute gateway)", () => {
    const doc = hub();
    doc.resource.azurerm_virtual_network_gateway.hub.ip_configuration.private_ip_address_allocation =
      "Static";
    const [f, ...rest] = findings(doc, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "ip_configuration ipconfig1 of gateway vgw-hub has private_ip_address_allocation Static",
      "Dynamic only",
    );
    const er = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      erGateway("er", "gw", {
        ip_configuration: { subnet_id: "${azurerm_subnet.gw.id}", private_ip_address_allocation: "Static" },
      }),
    );
    const [e] = findings(er, RULE);
    expectFinding(
      e,
      RULE,
      "azurerm_virtual_network_gateway.er",
      "ip_configuration vnetGatewayConfig of gateway er-er",
    );
  });

  test("fails: two ip_configuration blocks on different subnets", () => {
    const [f, ...rest] = findings(twoConfigs("gw2"), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "the ip_configuration blocks of gateway vgw-hub use different subnets",
      "GatewaySubnet2",
    );
  });

  test("passes: Dynamic or unset allocation, active-active on one GatewaySubnet", () => {
    expect(run(hub(), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(twoConfigs("gw"), RULE)).toEqual({ findings: [], unverifiable: [] });
    const unset = hub();
    delete unset.resource.azurerm_virtual_network_gateway.hub.ip_configuration.private_ip_address_allocation;
    expect(run(unset, RULE)).toEqual({ findings: [], unverifiable: [] });
    // One subnet from a variable, the same expression twice: the same subnet.
    const sameVar = hub({ pips: ["pip1", "pip2"], subnets: [ref("var.gateway_subnet_id")] });
    expect(run(sameVar, RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: an allocation from a variable, different subnet expressions that cannot be resolved", () => {
    const doc = hub();
    doc.resource.azurerm_virtual_network_gateway.hub.ip_configuration.private_ip_address_allocation =
      ref("var.alloc");
    const a = run(doc, RULE);
    expect(a.findings).toEqual([]);
    expect(a.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("it is ${var.alloc}")]);
    const s = run(hub({ pips: ["pip1", "pip2"], subnets: ["gw", ref("var.other_subnet_id")] }), RULE);
    expect(s.findings).toEqual([]);
    expect(s.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("${var.other_subnet_id}")]);
  });

  test("constructs: VpnGateway writes Dynamic allocation on one subnet; overrides fail synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "other", addressPrefixes: ["10.0.1.0/24"] }],
    });
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      activeActive: true,
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    gw.resource.addOverride("ip_configuration.0.private_ip_address_allocation", "Static");
    gw.resource.addOverride("ip_configuration.1.subnet_id", net.subnets.other.id);
    const found = checkApp(app, RULE).findings;
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "ip_configuration ipconfig1 of gateway vgw-hub has private_ip_address_allocation Static",
      ),
      expect.stringContaining("use different subnets"),
    ]);
    for (const f of found) expectFinding(f, RULE, "net/gw/Resource");
  });
});
