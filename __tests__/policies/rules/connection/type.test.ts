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
    expect(er).toHaveLength(1);
    expect(er[0].message).toContain("type ExpressRoute but no express_route_circuit_id");
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
    ]);
    expect(found.find((f) => f.path === "net/ToOnPrem/Resource")!.message).toContain(
      "type Vnet2Vnet but no peer_virtual_network_gateway_id",
    );
    expect(found.find((f) => f.path === "net/G1G2/LocalToRemote")!.message).toContain(
      "vgw-gw2 is PolicyBased",
    );
  });
});
