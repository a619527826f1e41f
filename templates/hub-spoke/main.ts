import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  AddressPool,
  AllocationRecord,
  HubAndSpoke,
  applyConnectivityPolicies,
} from "cdktf-azure-connectivity";

const app = new App();
const stack = new TerraformStack(app, "network");
new AzurermProvider(stack, "azurerm", { features: [{}] });

// Every address comes from the pool and is recorded in network-addresses.json (commit it):
// a network keeps its addresses whatever is added, removed or reordered around it.
const pool = new AddressPool(stack, "Addresses", {
  supernets: ["10.0.0.0/16"],
  record: AllocationRecord.fromFile("network-addresses.json"),
});
const network = new HubAndSpoke(stack, "Network", { pool, resourceGroupName: "rg-network" });

// A hub with a VPN gateway (GatewaySubnet carved from the hub), one on-premises site and two spokes
// peered to the hub, using its gateway to reach the site.
const region = network.addRegion({ location: "westeurope", gateway: {} });
region.addSite({ name: "dc1", gatewayAddress: "203.0.113.10", addressSpace: ["192.168.0.0/24"] });
region.addSpoke({ name: "shop-prod", environment: "prod", subnets: [{ name: "app", size: 24 }] });
region.addSpoke({ name: "shop-test", environment: "test", subnets: [{ name: "app", size: 24 }] });

applyConnectivityPolicies(app); // fails synth unless spokes reach the site and environments stay apart
app.synth();
