import {
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetToVnetConnection,
  VpnGateway,
} from "../../../../index";
import { BgpTransitHops } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, localSite, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpTransitHops;

/** Gateway a_gw with a VNet-to-VNet connection to b_gw (BGP `v2v`) and an IPsec connection to a site (BGP `s2s`). */
function doc(v2v: unknown, s2s: unknown) {
  return tfDoc(
    networkWithGateway("a", "10.1.0.0/16", "10.1.255.0/27", { asn: 65010 }),
    networkWithGateway("b", "10.2.0.0/16", "10.2.255.0/27", { asn: 65020 }),
    localSite("onprem", ["192.168.0.0/16"], {
      bgp_settings: { asn: 65030, bgp_peering_address: "10.51.255.254" },
    }),
    connection("ab", "a_gw", { type: "Vnet2Vnet", peer: "b_gw", extra: { bgp_enabled: v2v } }),
    connection("ba", "b_gw", { type: "Vnet2Vnet", peer: "a_gw", extra: { bgp_enabled: v2v } }),
    connection("s2s", "a_gw", { type: "IPsec", site: "onprem", extra: { bgp_enabled: s2s } }),
  );
}

describe("Bgp.TransitHops", () => {
  test("warns: a gateway with a VNet-to-VNet connection and connections with and without BGP", () => {
    const [f, ...rest] = findings(doc(false, true), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network_gateway.a_gw",
      "gateway a_gw",
      "with BGP (s2s) and without (ab)",
    );
    expect(f.severity).toBe("warning");
  });

  test("passes: BGP on every connection, or on none", () => {
    expect(run(doc(true, true), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(doc(false, false), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: bgp_enabled from a variable", () => {
    const report = run(doc(ref("var.bgp"), true), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.bgp")]);
  });

  test("constructs: a BGP site and a VNet-to-VNet connection without BGP on one gateway warn", () => {
    const { app, stack } = constructApp();
    const gw = (id: string, space: string, asn: number) =>
      new VpnGateway(stack, `${id}-gw`, {
        vnet: new Vnet(stack, id, {
          name: `vnet-${id}`,
          resourceGroupName: "rg-net",
          location: "westeurope",
          addressSpace: [space],
        }),
        name: `vgw-${id}`,
        gatewaySubnetPrefix: space.replace(/0\.0\/16$/, "255.0/27"),
        bgp: { asn },
      });
    const a = gw("a", "10.1.0.0/16", 65010);
    const b = gw("b", "10.2.0.0/16", 65020);
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    const site = new LocalSite(stack, "onprem", {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      bgp: { asn: 65030, peeringAddress: "10.51.255.254" },
    });
    new SiteToSiteConnection(stack, "s2s", { gateway: a, site, sharedKey, bgp: true });
    new VnetToVnetConnection(stack, "ab", { local: a, remote: b, sharedKey });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/a-gw/Resource", "gateway vgw-a", "with BGP");
  });
});
