import { readResourceMetadata } from "../../../core/metadata";
import { buildModel } from "../../../policies/model";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { ConnectivityPolicies } from "../../../policies/aspect";
import { Vnet, VnetPeering, VpnGateway } from "../../../index";
import { findingsOf, reportOf, unverifiedOf } from "../../../test-utils/policy";
import { Json, RG, armId, armVnetId, resource, tfDoc, vnet } from "../../../test-utils/terraform";
import { constructApp } from "../../../test-utils/vpn";

/*
 * An existing hub known only by id, with what the user declared about it (its spaces and its gateway,
 * recorded by Vnet.fromId and VpnGateway.fromAttributes in core/metadata): a spoke peered into it can be
 * checked like a network of the app.
 */

const HUB_RG = "rg-hub";
const HUB_ID = armVnetId("vnet-hub", HUB_RG);
const GW_ID = armId("virtualNetworkGateways", "vgw-hub", HUB_RG);

function declared(gateway?: Json): Json {
  return {
    "//": {
      "cdktf-azure-connectivity": {
        existingNetworks: [
          {
            id: HUB_ID,
            addressSpace: ["10.0.0.0/22"],
            location: "westeurope",
            ...(gateway ? { gateway } : {}),
          },
        ],
      },
    },
  };
}

/** The spoke and both directions of its peering with the existing hub; the hub's side (by name) first. */
function vending(gateway?: Json): Json {
  return tfDoc(
    vnet("spoke", ["10.1.0.0/22"]),
    resource("azurerm_virtual_network_peering", "a_hub_spoke", {
      name: "hub-to-spoke",
      resource_group_name: HUB_RG,
      virtual_network_name: "vnet-hub",
      remote_virtual_network_id: "${azurerm_virtual_network.spoke.id}",
      allow_gateway_transit: true,
      ...declared(gateway),
    }),
    resource("azurerm_virtual_network_peering", "b_spoke_hub", {
      name: "spoke-to-hub",
      resource_group_name: RG,
      virtual_network_name: "${azurerm_virtual_network.spoke.name}",
      remote_virtual_network_id: HUB_ID,
      use_remote_gateways: true,
      ...declared(gateway),
    }),
  );
}

describe("a spoke peered into an existing hub known by id", () => {
  it("resolves both directions, whichever is read first, and finds nothing missing", () => {
    const d = vending({ id: GW_ID, sku: "VpnGw2AZ" });
    expect(findingsOf(d, "Peering.MissingReverse")).toEqual([]);
    expect(unverifiedOf(d, "Peering.MissingReverse")).toEqual([]);
    expect(unverifiedOf(d, "AddressSpace.NoOverlap")).toEqual([]);
  });

  it("checks gateway transit against the gateway declared for the hub, read as an existing (data) gateway", () => {
    const d = vending({ id: GW_ID, sku: "VpnGw2AZ", activeActive: false, bgpAsn: 65010 });
    expect(findingsOf(d, "Peering.GatewayTransit")).toEqual([]);
    expect(unverifiedOf(d, "Peering.GatewayTransit")).toEqual([]);
    const model = buildModel([{ stack: "", doc: d }]);
    const hub = model.networks.find((n) => n.name === "vnet-hub")!;
    expect(hub.kind).toBe("external");
    expect(hub.gateways).toHaveLength(1);
    expect(hub.gateways[0]).toMatchObject({
      key: `external::${GW_ID.toLowerCase()}`,
      name: "vgw-hub",
      sku: "VpnGw2AZ",
      bgpAsn: 65010,
      bgpEnabled: true,
      source: { mode: "data" },
      network: hub,
    });
    // Rules about what the app creates leave an existing gateway alone.
    expect(reportOf(d).findings).toEqual([]);
    const reach = analyzeReachability(model);
    expect(reach.pair("network:vnet-hub", "network:spoke").status).toBe("yes");
  });

  it("without a declared gateway, says it cannot verify that the hub has one", () => {
    const d = vending();
    expect(findingsOf(d, "Peering.GatewayTransit")).toEqual([]);
    expect(unverifiedOf(d, "Peering.GatewayTransit").map((u) => u.what)).toEqual([
      "gateway transit: whether network vnet-hub, which this app does not create, has a gateway",
    ]);
  });

  it("reports a malformed gateway entry as not used, and keeps the network", () => {
    const read = readResourceMetadata(declared({ id: GW_ID, sku: 2 }), "x");
    expect(read.problems).toEqual([
      `x: the gateway of existing network ${HUB_ID} in the package's metadata is malformed and was not used`,
    ]);
    expect(read.value.existingNetworks).toEqual([
      { id: HUB_ID, addressSpace: ["10.0.0.0/22"], location: "westeurope" },
    ]);
    const unread = reportOf(vending({ sku: "VpnGw2AZ" })).unverifiable.filter(
      (u) => u.ruleId === "Input.Unread",
    );
    expect(unread.map((u) => u.what)).toContain(
      `azurerm_virtual_network_peering.a_hub_spoke: the gateway of existing network ${HUB_ID} in the package's metadata is malformed and was not used`,
    );
  });

  it("is recorded by the constructs, the gateway declared before or after the peering", () => {
    for (const gatewayFirst of [true, false]) {
      const { app, stack } = constructApp();
      const hub = Vnet.fromId(stack, "Hub", {
        vnetId: HUB_ID,
        addressSpace: ["10.0.0.0/22"],
        location: "westeurope",
      });
      const gw = () =>
        VpnGateway.fromAttributes(stack, "HubGw", { gatewayId: GW_ID, vnet: hub, sku: "VpnGw2AZ" });
      if (gatewayFirst) gw();
      const spoke = new Vnet(stack, "Spoke", {
        name: "vnet-spoke",
        resourceGroupName: RG,
        location: "westeurope",
        addressSpace: ["10.1.0.0/22"],
      });
      new VnetPeering(stack, "HubSpoke", {
        local: hub,
        remote: spoke,
        localToRemote: { allowGatewayTransit: true },
        remoteToLocal: { useRemoteGateways: true },
      });
      if (!gatewayFirst) gw();
      const doc: any = stack.toTerraform();
      for (const p of Object.values<any>(doc.resource.azurerm_virtual_network_peering)) {
        expect(p["//"]["cdktf-azure-connectivity"].existingNetworks).toEqual([
          {
            id: HUB_ID,
            addressSpace: ["10.0.0.0/22"],
            location: "westeurope",
            gateway: { id: GW_ID, sku: "VpnGw2AZ" },
          },
        ]);
      }
      const report = new ConnectivityPolicies({ writeReport: false }).check(app);
      expect(report.findings).toEqual([]);
      expect(report.unverifiable).toEqual([]);
    }
  });
});
