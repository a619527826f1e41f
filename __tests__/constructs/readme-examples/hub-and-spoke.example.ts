import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AddressPool, AllocationRecord, HubAndSpoke, applyConnectivityPolicies } from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "network");
new AzurermProvider(stack, "azurerm", { features: [{}] });

// Every address comes from the pool and is recorded in network-addresses.json (commit it):
// a network keeps its addresses whatever is added, removed or reordered around it.
const pool = new AddressPool(stack, "Addresses", {
  supernets: ["10.0.0.0/12"],
  record: AllocationRecord.fromFile("network-addresses.json"),
});
const network = new HubAndSpoke(stack, "Network", { pool, resourceGroupName: "rg-network" });

const devices = { westeurope: "203.0.113", northeurope: "198.51.100", swedencentral: "192.0.2" };
Object.entries(devices).forEach(([location, device], r) => {
  const region = network.addRegion({ location, gateway: {} }); // VpnGw2AZ, GatewaySubnet carved
  for (const dc of [1, 2]) {
    const addressSpace = [`192.168.${r * 2 + dc}.0/24`];
    region.addSite({ name: `dc${dc}-${location}`, gatewayAddress: `${device}.${dc}`, addressSpace });
  }
  for (const team of ["shop", "crm"]) {
    for (const environment of ["prod", "test"]) {
      const name = `${team}-${environment}-${location}`;
      region.addSpoke({ name, environment, subnets: [{ name: "app", size: 24 }] });
    }
  }
});

applyConnectivityPolicies(app); // fails synth unless spokes reach their sites and environments stay apart
app.synth();
