import { SharedKey } from "../../../../constructs/shared-key";
import { VnetToVnetConnection } from "../../../../constructs/vnet-to-vnet-connection";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  connection,
  networkWithGateway,
  ref,
  tfDoc,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";
import { constructApp, gateway } from "../../../../test-utils/vpn";

const RULE = "Connection.SameCloud";

function v2v(locationOf2: unknown): ReturnType<typeof tfDoc> {
  return tfDoc(
    networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
    networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27", { extra: { location: locationOf2 } }),
    connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
    connection("c21", "v2_gw", { type: "Vnet2Vnet", peer: "v1_gw" }),
  );
}

describe("Connection.SameCloud", () => {
  test("VNet-to-VNet between the global cloud and Azure in China is an error on each direction", () => {
    const found = findingsOf(v2v("chinaeast2"), RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", "azurerm_virtual_network_gateway_connection.c12"],
      ["error", "azurerm_virtual_network_gateway_connection.c21"],
    ]);
    expect(found[0].message).toContain(
      "joins gateway v1_gw in the global Azure cloud (region westeurope) and gateway v2_gw in Azure operated by 21Vianet (China) (region chinaeast2)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("within one cloud: no finding", () => {
    expect(findingsOf(v2v("northeurope"), RULE)).toEqual([]);
    expect(unverifiedOf(v2v("northeurope"), RULE)).toEqual([]);
  });

  test("an unknown region gives an unverifiable entry, no finding", () => {
    // The gateway's region unknown, its network's known: the network's cloud is the gateway's.
    expect(unverifiedOf(v2v(ref("var.region")), RULE)).toEqual([]);
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
      vnet("v2", ["10.2.0.0/16"], { location: ref("var.region") }),
      vpnGateway("v2_gw", "v2", "10.2.255.0/27", { extra: { location: ref("var.region") } }),
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.region");
  });

  test("constructs: VnetToVnetConnection across clouds is reported", () => {
    const { app, stack } = constructApp();
    const g1 = gateway(stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27", { location: "westeurope" });
    const g2 = gateway(stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27", { location: "usgovtexas" });
    new VnetToVnetConnection(stack, "G1G2", {
      local: g1,
      remote: g2,
      sharedKey: SharedKey.generate(stack, "k"),
    });
    expect(appFindings(app, RULE).map((f) => f.path)).toEqual([
      "net/G1G2/LocalToRemote",
      "net/G1G2/RemoteToLocal",
    ]);
  });
});
