import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { BgpAsnDistinct } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, networkWithGateway, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpAsnDistinct;
const CONN = "azurerm_virtual_network_gateway_connection.s2s";

/** The hub (ASN `gwAsn`, none: no bgp_settings) with a BGP site of ASN `siteAsn`, joined with BGP `bgp`. */
function s2s(gwAsn: unknown, siteAsn: unknown, bgp: unknown = true) {
  return tfDoc(
    hub(gwAsn === undefined ? { extra: { bgp_enabled: true } } : { asn: gwAsn as number }),
    localSite("onprem", [], { bgp_settings: { asn: siteAsn, bgp_peering_address: "10.51.255.254" } }),
    connection("s2s", "hub", { type: "IPsec", site: "onprem", extra: { bgp_enabled: bgp } }),
  );
}

/** Two gateways with ASNs `a` and `b` (undefined: Azure's default) joined by VNet-to-VNet with BGP. */
function v2v(a?: number, b?: number) {
  const o = (asn?: number) => (asn === undefined ? { extra: { bgp_enabled: true } } : { asn });
  return tfDoc(
    networkWithGateway("a", "10.1.0.0/16", "10.1.255.0/27", o(a)),
    networkWithGateway("b", "10.2.0.0/16", "10.2.255.0/27", o(b)),
    connection("ab", "a_gw", { type: "Vnet2Vnet", peer: "b_gw", extra: { bgp_enabled: true } }),
    connection("ba", "b_gw", { type: "Vnet2Vnet", peer: "a_gw", extra: { bgp_enabled: true } }),
  );
}

describe("Bgp.AsnDistinct", () => {
  test("fails: a site with its gateway's ASN; two gateways keeping Azure's default", () => {
    const [f, ...rest] = findings(s2s(65010, 65010), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      CONN,
      "connection s2s has BGP between gateway vgw-hub and site lng-onprem, which both have ASN 65010",
      "different ASNs",
    );
    const found = findings(v2v(), RULE);
    expect(found.map((x) => x.path)).toEqual([
      "azurerm_virtual_network_gateway_connection.ab",
      "azurerm_virtual_network_gateway_connection.ba",
    ]);
    expectFinding(found[0], RULE, found[0].path, "both have ASN 65515 (Azure's default)");
  });

  test("passes: different ASNs; the same ASN on a connection without BGP", () => {
    expect(run(s2s(65010, 65020), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(v2v(65010, 65020), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(s2s(65010, 65010, false), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: an ASN or bgp_enabled from a variable", () => {
    const asn = run(s2s(65010, ref("var.asn")), RULE);
    expect(asn.findings).toEqual([]);
    expect(asn.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("${var.asn} is unknown at synth"),
    ]);
    const flag = run(s2s(65010, 65010, ref("var.bgp")), RULE);
    expect(flag.findings).toEqual([]);
    expect(flag.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("bgp_enabled is ${var.bgp}"),
    ]);
  });

  test("constructs: SiteToSiteConnection refuses the same ASN (same predicate); an override fails synth", () => {
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
      bgp: { asn: 65010 },
    });
    const site = (id: string, asn: number) =>
      new LocalSite(stack, id, {
        name: `lng-${id}`,
        resourceGroupName: "rg-net",
        location: "westeurope",
        gatewayAddress: "203.0.113.10",
        bgp: { asn, peeringAddress: "10.51.255.254" },
      });
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    expect(
      () =>
        new SiteToSiteConnection(stack, "bad", {
          gateway: gw,
          site: site("same", 65010),
          sharedKey,
          bgp: true,
        }),
    ).toThrow(/net\/bad.*both use ASN '65010'/);
    const onprem = site("onprem", 65020);
    new SiteToSiteConnection(stack, "s2s", { gateway: gw, site: onprem, sharedKey, bgp: true });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    onprem.resource.addOverride("bgp_settings.asn", 65010);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/s2s/Resource", "which both have ASN 65010");
  });
});
