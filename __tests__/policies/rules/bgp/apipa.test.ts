import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { BgpApipa } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  hub,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpApipa;
const GW = "azurerm_virtual_network_gateway.hub";

/** The hub with BGP and custom APIPA addresses `apipa` (none: no peering_addresses block). */
function hubApipa(apipa: unknown[] | unknown | undefined) {
  const bgp: Json = { asn: 65010 };
  if (apipa !== undefined)
    bgp.peering_addresses = { ip_configuration_name: "ipconfig1", apipa_addresses: apipa };
  return hub({ asn: 65010, extra: { bgp_settings: bgp } });
}

/** A BGP site `<tf>` peering from `peer`, connected to the hub with BGP `bgp`. */
function bgpSite(tf: string, peer: unknown, bgp = true) {
  return tfDoc(
    localSite(tf, [], { bgp_settings: { asn: 65050, bgp_peering_address: peer } }),
    connection(`to_${tf}`, "hub", { type: "IPsec", site: tf, extra: { bgp_enabled: bgp } }),
  );
}

describe("Bgp.Apipa", () => {
  test("fails: an address outside 169.254.21.0-169.254.22.255, one listed twice, more than 32", () => {
    const found = findings(hubApipa(["169.254.20.1", "169.254.21.1", "169.254.21.1"]), RULE);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "has custom APIPA BGP address 169.254.20.1, outside 169.254.21.0-169.254.22.255",
      ),
      expect.stringContaining("lists custom APIPA address 169.254.21.1 twice"),
    ]);
    for (const f of found) expectFinding(f, RULE, GW, "gateway vgw-hub");
    const many = Array.from({ length: 33 }, (_, i) => `169.254.21.${i + 1}`);
    const [f] = findings(hubApipa(many), RULE);
    expectFinding(f, RULE, GW, "has 33 custom APIPA BGP addresses", "at most 32");
  });

  test("fails: a site peering from the gateway's own APIPA address; two sites with one APIPA address; an APIPA site and a gateway without custom APIPA", () => {
    const same = findings(tfDoc(hubApipa(["169.254.21.1"]), bgpSite("a", "169.254.21.1")), RULE);
    expect(same.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "site lng-a peers from 169.254.21.1, a custom APIPA address of its gateway vgw-hub",
      ),
    ]);
    const two = findings(
      tfDoc(hubApipa(["169.254.21.1"]), bgpSite("a", "169.254.21.2"), bgpSite("b", "169.254.21.2")),
      RULE,
    );
    expect(two).toHaveLength(1);
    expectFinding(
      two[0],
      RULE,
      "azurerm_virtual_network_gateway_connection.to_b",
      "site lng-b and site lng-a, both connected to gateway vgw-hub, peer from 169.254.21.2",
    );
    const none = findings(tfDoc(hubApipa(undefined), bgpSite("a", "169.254.21.2")), RULE);
    expect(none).toHaveLength(1);
    expectFinding(
      none[0],
      RULE,
      "azurerm_virtual_network_gateway_connection.to_a",
      "peers over APIPA address 169.254.21.2 on BGP connection to_a",
      "has no custom APIPA address",
    );
  });

  test("fails: two gateways joined by VNet-to-VNet with a custom APIPA address in common", () => {
    const apipa = (tf: string, a: string) => ({
      asn: tf === "a" ? 65010 : 65020,
      extra: {
        bgp_settings: {
          asn: tf === "a" ? 65010 : 65020,
          peering_addresses: { ip_configuration_name: "ipconfig1", apipa_addresses: [a] },
        },
      },
    });
    const doc = tfDoc(
      networkWithGateway("a", "10.1.0.0/16", "10.1.255.0/27", apipa("a", "169.254.21.1")),
      networkWithGateway("b", "10.2.0.0/16", "10.2.255.0/27", apipa("b", "169.254.21.1")),
      connection("ab", "a_gw", { type: "Vnet2Vnet", peer: "b_gw" }),
      connection("ba", "b_gw", { type: "Vnet2Vnet", peer: "a_gw" }),
    );
    const [f, ...rest] = findings(doc, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network_gateway_connection.ab",
      "both have custom APIPA address 169.254.21.1",
    );
  });

  test("passes: distinct addresses in the range; an APIPA site on a gateway with custom APIPA; a non-APIPA site without", () => {
    expect(
      run(
        tfDoc(hubApipa(["169.254.21.1"]), bgpSite("a", "169.254.21.2"), bgpSite("b", "169.254.22.2")),
        RULE,
      ),
    ).toEqual({
      findings: [],
      unverifiable: [],
    });
    expect(run(tfDoc(hubApipa(undefined), bgpSite("a", "10.51.255.254")), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: addresses from variables", () => {
    const r = run(tfDoc(hubApipa(ref("var.apipa")), bgpSite("a", ref("var.peer"))), RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("they are ${var.apipa}"),
      expect.stringContaining("it is ${var.peer}"),
    ]);
  });

  test("constructs: a BGP site peering over APIPA on a VpnGateway without custom APIPA fails synth; VpnGateway refuses bad addresses", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    expect(
      () =>
        new VpnGateway(stack, "bad", {
          vnet: net,
          name: "x",
          gatewaySubnetPrefix: "10.0.255.0/27",
          bgp: { asn: 65010, peeringAddresses: [{ apipaAddresses: ["169.254.20.1"] }] },
        }),
    ).toThrow(/net\/bad.*169.254.20.1.*outside the range/);
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.0.255.0/27",
      bgp: { asn: 65010 },
    });
    const site = new LocalSite(stack, "aws", {
      name: "lng-aws",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      bgp: { asn: 64512, peeringAddress: "169.254.21.1" },
    });
    new SiteToSiteConnection(stack, "s2s", {
      gateway: gw,
      site,
      sharedKey: SharedKey.fromVariable(stack, "psk"),
      bgp: true,
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/s2s/Resource",
      "site lng-aws peers over APIPA address 169.254.21.1",
      "gateway vgw-hub has no custom APIPA address",
    );
  });
});
