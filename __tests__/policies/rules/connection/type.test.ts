import { LocalSite } from "../../../../constructs/local-site";
import { SharedKey } from "../../../../constructs/shared-key";
import { SiteToSiteConnection } from "../../../../constructs/site-to-site-connection";
import { VnetToVnetConnection } from "../../../../constructs/vnet-to-vnet-connection";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  RG,
  STRONG_IPSEC_POLICY,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Connection.Type";

function base(...more: Json[]): Json {
  return tfDoc(
    networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
    networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
    localSite("onprem", ["192.168.0.0/16"], { name: "onprem" }),
    ...more,
  );
}

describe("Connection.Type", () => {
  test("each type with the other end it needs: no finding", () => {
    const d = base(
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
      connection("c21", "v2_gw", { type: "Vnet2Vnet", peer: "v1_gw" }),
      connection("s2s", "v1_gw", { type: "IPsec", site: "onprem" }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("Vnet2Vnet without peer_virtual_network_gateway_id is an error", () => {
    const found = findingsOf(base(connection("c12", "v1_gw", { type: "Vnet2Vnet" })), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_connection.c12",
    });
    expect(found[0].message).toContain(
      "connection c12 has type Vnet2Vnet but no peer_virtual_network_gateway_id",
    );
    expectWellFormed(found[0], RULE);
  });

  test("IPsec without local_network_gateway_id, and ExpressRoute without a circuit, are errors", () => {
    const ipsec = findingsOf(base(connection("s2s", "v1_gw", { type: "IPsec" })), RULE);
    expect(ipsec).toHaveLength(1);
    expect(ipsec[0].message).toContain("type IPsec but no local_network_gateway_id");
    const er = findingsOf(
      base(
        connection("er", "v1_gw", { type: "ExpressRoute", extra: { express_route_circuit_id: undefined } }),
      ),
      RULE,
    );
    // The ExpressRoute connection also sits on a VPN gateway.
    expect(er.map((f) => f.message.split("; ")[0])).toEqual([
      "Connection.Type: connection er has type ExpressRoute but no express_route_circuit_id",
      "Connection.Type: connection er has type ExpressRoute, but its gateway v1_gw has type Vpn",
    ]);
  });

  test("another type's other end, and ExpressRoute settings on a VPN connection, are errors", () => {
    const found = findingsOf(
      base(
        connection("s2s", "v1_gw", {
          type: "IPsec",
          site: "onprem",
          peer: "v2_gw",
          extra: { authorization_key: ref("var.er_key"), express_route_gateway_bypass: true },
        }),
      ),
      RULE,
    );
    expect(found.map((f) => f.message.split(" Fix:")[0])).toEqual([
      "Connection.Type: connection s2s has type IPsec and sets peer_virtual_network_gateway_id; a IPsec connection takes a local network gateway (site) (local_network_gateway_id) only.",
      "Connection.Type: connection s2s has type IPsec and sets authorization_key, express_route_gateway_bypass, which belong to ExpressRoute connections only.",
    ]);
    found.forEach((f) => expectWellFormed(f, RULE));
    // The authorization key's value never reaches a message.
    expect(found.map((f) => f.message).join(" ")).not.toContain("var.er_key");
  });

  test("IPsec and Vnet2Vnet connections on an ExpressRoute gateway, and IPsec settings on an ExpressRoute connection, are errors", () => {
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27", {
        extra: { type: "ExpressRoute", sku: "ErGw1AZ" },
      }),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
      localSite("onprem", ["192.168.0.0/16"], { name: "onprem" }),
      connection("s2s", "v1_gw", { type: "IPsec", site: "onprem" }),
      connection("c21", "v2_gw", { type: "Vnet2Vnet", peer: "v1_gw" }),
      connection("er", "v1_gw", { type: "ExpressRoute", extra: { ipsec_policy: STRONG_IPSEC_POLICY } }),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => [f.path.split(".")[1], f.message.split(";")[0].split(": ")[1]])).toEqual([
      ["c21", "connection c21 has type Vnet2Vnet, but its peer gateway v1_gw has type ExpressRoute"],
      ["er", "connection er has type ExpressRoute and sets ipsec_policy"],
      ["s2s", "connection s2s has type IPsec, but its gateway v1_gw has type ExpressRoute"],
    ]);
  });

  test("an unknown ExpressRoute setting or gateway type gives an unverifiable entry", () => {
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27", { extra: { type: ref("var.gw_type") } }),
      localSite("onprem", ["192.168.0.0/16"], { name: "onprem" }),
      connection("s2s", "v1_gw", {
        type: "IPsec",
        site: "onprem",
        extra: { express_route_gateway_bypass: ref("var.bypass") },
      }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE).map((u) => u.what);
    expect(what.join(" | ")).toContain("var.bypass");
    expect(what.join(" | ")).toContain("var.gw_type");
  });

  test("a VNet-to-VNet connection with a PolicyBased gateway is an error naming the gateway", () => {
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27", {
        sku: "Basic",
        extra: { vpn_type: "PolicyBased" },
      }),
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
    );
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("its peer gateway v2_gw is PolicyBased");
  });

  test("an unknown type or vpn_type gives no finding but an unverifiable entry", () => {
    const t = base(connection("c", "v1_gw", { type: "IPsec", extra: { type: ref("var.kind") } }));
    expect(findingsOf(t, RULE)).toEqual([]);
    expect(unverifiedOf(t, RULE)[0].what).toContain("var.kind");
    const v = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27", { extra: { vpn_type: ref("var.vpn_type") } }),
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
    );
    expect(findingsOf(v, RULE)).toEqual([]);
    expect(unverifiedOf(v, RULE)[0].what).toContain("var.vpn_type");
  });

  test("constructs: valid connections pass; escape hatches to a site connection typed Vnet2Vnet and to a PolicyBased gateway are caught", () => {
    const { app, stack } = constructApp();
    const g1 = constructGateway(stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const g2 = constructGateway(stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27");
    const onPrem = new LocalSite(stack, "OnPrem", {
      name: "onprem",
      resourceGroupName: RG,
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    const s2s = new SiteToSiteConnection(stack, "ToOnPrem", {
      gateway: g1,
      site: onPrem,
      sharedKey: SharedKey.fromVariable(stack, "psk"),
    });
    new VnetToVnetConnection(stack, "G1G2", {
      local: g1,
      remote: g2,
      sharedKey: SharedKey.generate(stack, "v2v"),
    });
    expect(appFindings(app, RULE)).toEqual([]);

    s2s.resource.addOverride("type", "Vnet2Vnet");
    // VnetToVnetConnection refuses PolicyBased gateways at construction; the gateway's resource does not.
    g2.resource.addOverride("vpn_type", "PolicyBased");
    const found = appFindings(app, RULE);
    expect(found.map((f) => f.path).sort()).toEqual([
      "net/G1G2/LocalToRemote",
      "net/G1G2/RemoteToLocal",
      "net/ToOnPrem/Resource",
      "net/ToOnPrem/Resource",
    ]);
    expect(found.find((f) => f.path === "net/ToOnPrem/Resource")!.message).toContain(
      "type Vnet2Vnet but no peer_virtual_network_gateway_id",
    );
    expect(found.find((f) => f.path === "net/G1G2/LocalToRemote")!.message).toContain(
      "vgw-gw2 is PolicyBased",
    );
  });

  test("constructs: VpnGateway is always a VPN gateway; an ExpressRoute type given through the escape hatch is caught", () => {
    const { app, stack } = constructApp();
    const g1 = constructGateway(stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const onPrem = new LocalSite(stack, "OnPrem", {
      name: "onprem",
      resourceGroupName: RG,
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    new SiteToSiteConnection(stack, "ToOnPrem", {
      gateway: g1,
      site: onPrem,
      sharedKey: SharedKey.fromVariable(stack, "psk"),
    });
    g1.resource.addOverride("type", "ExpressRoute");
    const found = appFindings(app, RULE);
    expect(found.map((f) => [f.path, f.message.split(";")[0].split(": ")[1]])).toEqual([
      [
        "net/ToOnPrem/Resource",
        "connection vgw-gw1-to-onprem has type IPsec, but its gateway vgw-gw1 has type ExpressRoute",
      ],
    ]);
  });
});
