import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { GatewayTunnelLimit } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { Json, connection, hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayTunnelLimit;
const GW = "azurerm_virtual_network_gateway.hub";
const BASIC = { sku: "Basic", generation: "Generation1" };

/** The hub (`gw` options) with `n` site-to-site connections; `types` gives the type of each (IPsec by default). */
function hubWithTunnels(
  gw: Parameters<typeof hub>[0],
  n: number,
  type: (i: number) => unknown = () => "IPsec",
) {
  const parts: Json[] = [hub(gw)];
  for (let i = 1; i <= n; i++) {
    parts.push(localSite(`s${i}`, [`192.168.${i}.0/24`], { gateway_address: `203.0.113.${i}` }));
    const c = connection(`c${i}`, "hub", { type: "IPsec", site: `s${i}` });
    c.resource.azurerm_virtual_network_gateway_connection[`c${i}`].type = type(i);
    parts.push(c);
  }
  return tfDoc(...parts);
}

describe("Gateway.TunnelLimit", () => {
  test("fails: 11 connections on a Basic gateway, 31 on VpnGw2AZ", () => {
    const [f, ...rest] = findings(hubWithTunnels(BASIC, 11), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub (sku Basic) has at least 11 site-to-site and VNet-to-VNet connections",
      "supports 10 tunnels",
    );
    expect(f.fix).toContain("VpnGw1AZ-5AZ");
    const [g] = findings(hubWithTunnels({}, 31), RULE);
    expectFinding(g, RULE, GW, "(sku VpnGw2AZ) has at least 31", "supports 30 tunnels");
    expect(g.fix).toContain("VpnGw4AZ-5AZ");
  });

  test("passes: 10 on Basic, 30 on VpnGw2AZ, 100 on VpnGw4AZ", () => {
    expect(run(hubWithTunnels(BASIC, 10), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(hubWithTunnels({}, 30), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(findings(hubWithTunnels({ sku: "VpnGw4AZ" }, 100), RULE)).toEqual([]);
  });

  test("unknown: a SKU from a variable, connection types unknown at synth that could tip it", () => {
    const sku = run(hubWithTunnels({ sku: ref("var.sku") }, 11), RULE);
    expect(sku.findings).toEqual([]);
    expect(sku.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("its sku is ${var.sku}")]);
    const types = run(
      hubWithTunnels(BASIC, 11, (i) => (i > 9 ? ref("var.type") : "IPsec")),
      RULE,
    );
    expect(types.findings).toEqual([]);
    expect(types.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("2 connection(s) have a type unknown at synth"),
    ]);
  });

  test("constructs: 11 site-to-site connections on a Basic VpnGateway fail synth", () => {
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
      sku: "Basic",
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    const add = (n: number) => {
      const site = new LocalSite(stack, `site${n}`, {
        name: `lng-${n}`,
        resourceGroupName: "rg-net",
        location: "westeurope",
        gatewayAddress: `203.0.113.${n}`,
        addressSpace: [`192.168.${n}.0/24`],
      });
      new SiteToSiteConnection(stack, `s2s${n}`, { gateway: gw, site, sharedKey });
    };
    for (let n = 1; n <= 10; n++) add(n);
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    add(11);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/gw/Resource", "(sku Basic) has at least 11", "supports 10 tunnels");
  });
});
