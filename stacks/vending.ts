import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AddressPool, AllocationRecord, HubAndSpoke, HubAndSpokeSpoke, Vnet, VpnGateway } from "../index";
import { configureBackend, defaultProvider, referenceAddressRecord, resourceGroup } from "./common";

/** The platform team's hub, as an application team knows it: ids and a few facts, no state. */
export const PLATFORM_HUB = {
  subscriptionId: "11111111-1111-1111-1111-111111111111",
  vnetId:
    "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-platform-connectivity/providers/Microsoft.Network/virtualNetworks/vnet-hub-platform",
  gatewayId:
    "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-platform-connectivity/providers/Microsoft.Network/virtualNetworkGateways/vgw-hub-platform",
  addressSpace: ["10.0.0.0/22"],
  location: "westeurope",
} as const;

/**
 * Landing-zone vending: an application team's spoke, in its own stack and state, peered into the platform
 * team's existing hub known only by ids (Vnet.fromId, VpnGateway.fromAttributes). Both directions of the
 * peering are created here, the hub's side with a provider for the hub's subscription (the team's
 * identity needs Network Contributor on the hub); the spoke uses the hub's gateway to reach on-premises.
 * The hub's declared address space and gateway are recorded for the policies, so the spoke is checked as
 * if the hub were in the app (overlaps, gateway transit, reachability).
 */
export class VendingStack extends TerraformStack {
  public readonly spoke: HubAndSpokeSpoke;

  constructor(scope: Construct, id: string, record: AllocationRecord = referenceAddressRecord()) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const hubProvider = new AzurermProvider(this, "hub", {
      alias: "hub",
      features: [{}],
      subscriptionId: PLATFORM_HUB.subscriptionId,
    });
    const hub = Vnet.fromId(this, "Hub", {
      vnetId: PLATFORM_HUB.vnetId,
      addressSpace: [...PLATFORM_HUB.addressSpace],
      location: PLATFORM_HUB.location,
      provider: hubProvider,
    });
    VpnGateway.fromAttributes(this, "HubGateway", {
      gatewayId: PLATFORM_HUB.gatewayId,
      vnet: hub,
      sku: "VpnGw2AZ",
    });
    const rg = resourceGroup(this, "Rg", "rg-shop-prod", PLATFORM_HUB.location);
    const pool = new AddressPool(this, "Addresses", {
      name: "vending",
      supernets: ["10.240.0.0/16"],
      record,
    });
    const network = new HubAndSpoke(this, "Network", { pool, resourceGroupName: rg.name });
    this.spoke = network.addRegion({ location: PLATFORM_HUB.location, existingHub: hub }).addSpoke({
      name: "shop-prod",
      environment: "prod",
      subnets: [
        { name: "app", size: 24 },
        { name: "data", size: 24 },
      ],
    });
  }
}
