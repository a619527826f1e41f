import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { BgpConnectionSupport } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpConnectionSupport;
const CONN = "azurerm_virtual_network_gateway_connection.s2s";
const BGP_SITE = { bgp_settings: { asn: 65020, bgp_peering_address: "10.51.255.254" } };

/** The hub (gateway options `gw`) and a site (`siteExtra`) joined by an IPsec connection with bgp_enabled `bgp`. */
function s2s(
  gw: Parameters<typeof hub>[0],
  siteExtra: Record<string, unknown> = BGP_SITE,
  bgp: unknown = true,
) {
  return tfDoc(
    hub(gw),
    localSite("onprem", [], siteExtra),
    connection("s2s", "hub", { type: "IPsec", site: "onprem", extra: { bgp_enabled: bgp } }),
  );
}

describe("Bgp.ConnectionSupport", () => {
  test("fails: a BGP connection on a gateway with BGP off, Basic or PolicyBased", () => {
    const [f, ...rest] = findings(s2s({}), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, CONN, "connection s2s has BGP enabled, but gateway vgw-hub has BGP off");
    const [basic] = findings(s2s({ sku: "Basic", generation: "Generation1", asn: 65010 }), RULE);
    expectFinding(basic, RULE, CONN, "(sku Basic) does not support BGP");
    const [pb] = findings(s2s({ sku: "Basic", asn: 65010, extra: { vpn_type: "PolicyBased" } }), RULE);
    expectFinding(pb, RULE, CONN, "is PolicyBased, which does not support BGP");
  });

  test("fails: a BGP connection to a site without bgp_settings, or to a peer gateway with BGP off", () => {
    const [f] = findings(s2s({ asn: 65010 }, {}), RULE);
    expectFinding(f, RULE, CONN, "site lng-onprem has no bgp_settings");
    const v2v = tfDoc(
      networkWithGateway("a", "10.1.0.0/16", "10.1.255.0/27", { asn: 65010 }),
      networkWithGateway("b", "10.2.0.0/16", "10.2.255.0/27"),
      connection("ab", "a_gw", { type: "Vnet2Vnet", peer: "b_gw", extra: { bgp_enabled: true } }),
    );
    const [g] = findings(v2v, RULE);
    expectFinding(g, RULE, "azurerm_virtual_network_gateway_connection.ab", "gateway b_gw has BGP off");
  });

  test("passes: BGP at both ends; no BGP on the connection; a site from a dynamic bgp_settings block", () => {
    expect(run(s2s({ asn: 65010 }), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(s2s({}, {}, false), RULE)).toEqual({ findings: [], unverifiable: [] });
    const dyn = { dynamic: { bgp_settings: { for_each: ref("var.bgp"), content: { asn: 65020 } } } };
    expect(findings(s2s({ asn: 65010 }, dyn), RULE)).toEqual([]);
  });

  test("unknown: bgp_enabled or the gateway's SKU from a variable", () => {
    const flag = run(s2s({}, {}, ref("var.bgp")), RULE);
    expect(flag.findings).toEqual([]);
    expect(flag.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: CONN, what: expect.stringContaining("var.bgp") }),
    ]);
    const sku = run(s2s({ asn: 65010, sku: ref("var.sku") }), RULE);
    expect(sku.findings).toEqual([]);
    expect(sku.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.sku")]);
  });

  test("constructs: SiteToSiteConnection refuses BGP without BGP settings; an override fails synth", () => {
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
    const site = new LocalSite(stack, "onprem", {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    expect(() => new SiteToSiteConnection(stack, "bad", { gateway: gw, site, sharedKey, bgp: true })).toThrow(
      /net\/bad.*no BGP settings/,
    );
    const conn = new SiteToSiteConnection(stack, "s2s", { gateway: gw, site, sharedKey });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    conn.resource.addOverride("bgp_enabled", true);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/s2s/Resource",
      "gateway vgw-hub has BGP off",
      "site lng-onprem has no bgp_settings",
    );
  });
});
