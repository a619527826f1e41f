import { Vnet, VnetPeering, VpnGateway } from "../../../../index";
import { GatewayVnetPrefixLimit } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { data, peerBoth, tfDoc, vnet, vpnGateway } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayVnetPrefixLimit;
const GW = "azurerm_virtual_network_gateway.gw";

/** `n` /24 prefixes of 10.<second>.x.0/24 (and on into the next second octets). */
function prefixes(n: number, second: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${second + Math.floor(i / 256)}.${i % 256}.0/24`);
}

/** A hub with `hubPrefixes` prefixes plus 10.250.0.0/24 (its GatewaySubnet), and a transit spoke with `spokePrefixes`. */
function hubAndSpoke(hubPrefixes: number, spokePrefixes: number) {
  return tfDoc(
    vnet("hub", [...prefixes(hubPrefixes, 0), "10.250.0.0/24"]),
    vpnGateway("gw", "hub", "10.250.0.0/27"),
    vnet("spoke", prefixes(spokePrefixes, 100)),
    peerBoth("spoke", "hub", { use_remote_gateways: true }, { allow_gateway_transit: true }),
  );
}

describe("Gateway.VnetPrefixLimit", () => {
  test("fails: 601 prefixes in the hub, or 300 in the hub and 301 in a spoke that uses its gateway", () => {
    const [f, ...rest] = findings(hubAndSpoke(600, 1), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-gw handles 602 virtual network address prefixes (network hub and 1 spoke(s)",
      "at most 600",
    );
    const [g] = findings(hubAndSpoke(299, 301), RULE);
    expectFinding(g, RULE, GW, "handles 601 virtual network address prefixes");
  });

  test("passes: 600 prefixes; a spoke peered without gateway transit does not count", () => {
    expect(run(hubAndSpoke(299, 300), RULE)).toEqual({ findings: [], unverifiable: [] });
    const noTransit = tfDoc(
      vnet("hub", [...prefixes(500, 0), "10.250.0.0/24"]),
      vpnGateway("gw", "hub", "10.250.0.0/27"),
      vnet("spoke", prefixes(200, 100)),
      peerBoth("spoke", "hub"),
    );
    expect(run(noTransit, RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a transit spoke read by a data source", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      data("azurerm_virtual_network", "spoke", { name: "spoke", resource_group_name: "rg-net" }),
      {
        resource: {
          azurerm_virtual_network_peering: {
            spoke_hub: {
              name: "spoke-hub",
              resource_group_name: "rg-net",
              virtual_network_name: "${data.azurerm_virtual_network.spoke.name}",
              remote_virtual_network_id: "${azurerm_virtual_network.hub.id}",
              use_remote_gateways: true,
            },
          },
        },
      },
    );
    const r = run(doc, RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([
      expect.objectContaining({
        path: GW,
        what: expect.stringMatching(/\(1 known\).*network spoke: .*read at plan/),
      }),
    ]);
  });

  test("constructs: a hub gateway and a transit spoke with 601 prefixes together fail synth; without transit they pass", () => {
    const { app, stack } = constructApp();
    const hub = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: [...prefixes(300, 0), "10.250.0.0/24"],
    });
    new VpnGateway(stack, "gw", { vnet: hub, name: "vgw-hub", gatewaySubnetPrefix: "10.250.0.0/27" });
    const spoke = new Vnet(stack, "spoke", {
      name: "vnet-spoke",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: prefixes(300, 100),
    });
    const peering = new VnetPeering(stack, "peer", {
      local: spoke,
      remote: hub,
      localToRemote: { useRemoteGateways: true },
      remoteToLocal: { allowGatewayTransit: true },
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/gw/Resource", "handles 601 virtual network address prefixes");
    // Without gateway transit the spoke's prefixes are not the gateway's.
    peering.localToRemote.addOverride("use_remote_gateways", false);
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
  });
});
