import { LocalSite } from "../../../../constructs/local-site";
import { SharedKey } from "../../../../constructs/shared-key";
import { SiteToSiteConnection } from "../../../../constructs/site-to-site-connection";
import { VnetToVnetConnection } from "../../../../constructs/vnet-to-vnet-connection";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  RG,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Connection.RedundantTunnels";
const BGP_SITE = (address: string) => ({ bgp_settings: { asn: 65050, bgp_peering_address: address } });

function twoTunnels(bgpA: unknown, bgpB: unknown, siteB: Json = {}): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { asn: 65010 }),
    localSite("dev_a", ["192.168.0.0/16"], { name: "dev-a", ...BGP_SITE("192.168.255.1") }),
    localSite("dev_b", ["192.168.0.0/16"], { name: "dev-b", ...BGP_SITE("192.168.255.2"), ...siteB }),
    connection("to_a", "hub_gw", { type: "IPsec", site: "dev_a", extra: { bgp_enabled: bgpA } }),
    connection("to_b", "hub_gw", { type: "IPsec", site: "dev_b", extra: { bgp_enabled: bgpB } }),
  );
}

describe("Connection.RedundantTunnels", () => {
  test("two tunnels to the same device without BGP on one are an error on that one", () => {
    const found = findingsOf(twoTunnels(true, false), RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", "azurerm_virtual_network_gateway_connection.to_b"],
    ]);
    expect(found[0].message).toContain(
      "is one of 2 tunnels from gateway hub_gw to the same site (device 203.0.113.10: connection to_a, connection to_b) and has no BGP",
    );
    expectWellFormed(found[0], RULE);
  });

  test("BGP on both tunnels, or tunnels to different devices: no finding", () => {
    expect(findingsOf(twoTunnels(true, true), RULE)).toEqual([]);
    expect(findingsOf(twoTunnels(false, false, { gateway_address: "203.0.113.20" }), RULE)).toEqual([]);
  });

  test("sites known by FQDN are the same device whatever the case or a trailing dot (DNS names)", () => {
    // Both sites known by FQDN only (no gateway_address).
    const byFqdn = (a: string, b: string) => {
      const d = twoTunnels(true, false) as any;
      const sites = d.resource.azurerm_local_network_gateway;
      for (const [site, fqdn] of [
        [sites.dev_a, a],
        [sites.dev_b, b],
      ]) {
        delete site.gateway_address;
        site.gateway_fqdn = fqdn;
      }
      return d;
    };
    const found = findingsOf(byFqdn("vpn.example.com", "VPN.Example.com."), RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", "azurerm_virtual_network_gateway_connection.to_b"],
    ]);
    expect(findingsOf(byFqdn("vpn.example.com", "vpn2.example.com"), RULE)).toEqual([]);
  });

  test("two tunnels between the same two VPN gateways need one active-active", () => {
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
      connection("c12b", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
      connection("c21", "v2_gw", { type: "Vnet2Vnet", peer: "v1_gw" }),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => f.path)).toEqual([
      "azurerm_virtual_network_gateway_connection.c12",
      "azurerm_virtual_network_gateway_connection.c12b",
    ]);
    expect(found[0].message).toContain(
      "is one of 2 tunnels from gateway v1_gw to gateway v2_gw (connection c12, connection c12b), and neither gateway is active-active",
    );
    const aa = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27", { pips: ["v1_pip", "v1_pip2"] }),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
      connection("c12b", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
    );
    expect(findingsOf(aa, RULE)).toEqual([]);
  });

  test("unknown BGP or active-active gives an unverifiable entry, no finding", () => {
    const d = twoTunnels(true, ref("var.bgp"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.bgp");
  });

  test("constructs: two SiteToSiteConnections to sites of one device, one without BGP, are reported", () => {
    const { app, stack } = constructApp();
    const gw = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", { bgp: { asn: 65010 } });
    const sites = ["1", "2"].map(
      (n) =>
        new LocalSite(stack, `Dev${n}`, {
          name: `dev-${n}`,
          resourceGroupName: RG,
          location: "westeurope",
          gatewayAddress: "203.0.113.10",
          bgp: { asn: 65050, peeringAddress: `192.168.255.${n}` },
        }),
    );
    sites.forEach(
      (site, i) =>
        new SiteToSiteConnection(stack, `To${i}`, {
          gateway: gw,
          site,
          sharedKey: SharedKey.fromVariable(stack, `psk${i}`),
          bgp: i === 0,
        }),
    );
    expect(appFindings(app, RULE).map((f) => f.path)).toEqual(["net/To1/Resource"]);
  });

  test("constructs: two VnetToVnetConnections between active-standby gateways are reported", () => {
    const { app, stack } = constructApp();
    const g1 = constructGateway(stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const g2 = constructGateway(stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27");
    for (const id of ["A", "B"]) {
      new VnetToVnetConnection(stack, id, {
        local: g1,
        remote: g2,
        sharedKey: SharedKey.generate(stack, `k${id}`),
        name: `link-${id}`,
      } as never);
    }
    expect(
      appFindings(app, RULE)
        .map((f) => f.path)
        .sort(),
    ).toEqual(["net/A/LocalToRemote", "net/A/RemoteToLocal", "net/B/LocalToRemote", "net/B/RemoteToLocal"]);
  });
});
