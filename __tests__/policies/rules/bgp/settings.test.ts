import { LocalSite, Vnet, VpnGateway } from "../../../../index";
import { BgpSettings } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpSettings;
const GW = "azurerm_virtual_network_gateway.hub";
const SITE = "azurerm_local_network_gateway.onprem";

function gatewayWeight(weight: unknown) {
  return hub({ asn: 65010, extra: { bgp_settings: { asn: 65010, peer_weight: weight } } });
}

function site(bgp: Record<string, unknown>) {
  return localSite("onprem", ["192.168.0.0/16"], { bgp_settings: bgp });
}

describe("Bgp.Settings", () => {
  test("fails: a peer_weight outside 0-100 on a gateway or a site", () => {
    const [g, ...rest] = findings(gatewayWeight(101), RULE);
    expect(rest).toEqual([]);
    expectFinding(g, RULE, GW, "gateway vgw-hub has BGP peer_weight 101", "from 0 to 100");
    expect(g.values).toMatchObject({ peerWeight: "101" });
    const [s] = findings(site({ asn: 65010, bgp_peering_address: "10.51.255.254", peer_weight: -1 }), RULE);
    expectFinding(s, RULE, SITE, "site lng-onprem has BGP peer_weight -1");
    expect(findings(gatewayWeight(2.5), RULE)).toHaveLength(1);
  });

  test("fails: a site's bgp_settings without asn or bgp_peering_address", () => {
    const [f, ...rest] = findings(site({ bgp_peering_address: "10.51.255.254" }), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, SITE, "site lng-onprem has bgp_settings without asn", "requires both");
    const [g] = findings(site({ asn: 65010 }), RULE);
    expectFinding(g, RULE, SITE, "without bgp_peering_address");
  });

  test("passes: weights 0 and 100, complete site settings, no BGP at all", () => {
    expect(run(gatewayWeight(0), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(gatewayWeight(100), RULE)).toEqual({ findings: [], unverifiable: [] });
    const ok = site({ asn: 65010, bgp_peering_address: "10.51.255.254", peer_weight: 50 });
    expect(run(tfDoc(hub(), ok), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(localSite("onprem", ["192.168.0.0/16"]), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a weight from a variable is not verifiable", () => {
    const report = run(gatewayWeight(ref("var.weight")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: GW, what: expect.stringContaining("var.weight") }),
    ]);
  });

  test("constructs: VpnGateway and LocalSite refuse the weight (same predicate); an override fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const siteProps = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(
      () =>
        new LocalSite(stack, "bad", {
          ...siteProps,
          bgp: { asn: 65010, peeringAddress: "10.51.255.254", peerWeight: 101 },
        }),
    ).toThrow(/net\/bad.*peerWeight.*0 to 100/);
    expect(
      () =>
        new VpnGateway(stack, "badgw", {
          vnet: net,
          name: "vgw-bad",
          gatewaySubnetPrefix: "10.0.255.0/27",
          bgp: { asn: 65020, peerWeight: 200 },
        }),
    ).toThrow(/net\/badgw.*peerWeight.*0 to 100/);
    const onprem = new LocalSite(stack, "onprem", {
      ...siteProps,
      bgp: { asn: 65010, peeringAddress: "10.51.255.254", peerWeight: 10 },
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    onprem.resource.addOverride("bgp_settings.peer_weight", 101);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "site lng-onprem has BGP peer_weight 101");
  });
});
