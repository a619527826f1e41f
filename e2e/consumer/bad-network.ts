// A network Azure refuses: an NSG associated with GatewaySubnet through the raw provider resource, and a
// spoke whose address space overlaps the hub's peered to it; plus a peering in one direction only (a
// warning). The e2e test compares what each framework's package reports on it.
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { Vnet, VnetPeering } from "cdktf-azure-connectivity";

export function badNetwork(): App {
  const app = new App();
  const stack = new TerraformStack(app, "hub");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const hub = new Vnet(stack, "Hub", {
    name: "vnet-hub",
    resourceGroupName: "rg-net",
    location: "uksouth",
    addressSpace: ["10.10.0.0/16"],
    subnets: [{ name: "GatewaySubnet", addressPrefixes: ["10.10.255.0/27"] }],
  });
  const nsg = new NetworkSecurityGroup(stack, "Nsg", {
    name: "nsg-hub",
    resourceGroupName: "rg-net",
    location: "uksouth",
  });
  new SubnetNetworkSecurityGroupAssociation(stack, "GatewaySubnetNsg", {
    subnetId: hub.subnets["GatewaySubnet"].id,
    networkSecurityGroupId: nsg.id,
  });
  const spoke = new Vnet(stack, "Spoke", {
    name: "vnet-spoke",
    resourceGroupName: "rg-net",
    location: "uksouth",
    addressSpace: ["10.10.128.0/17"],
  });
  new VnetPeering(stack, "SpokeHub", { local: spoke, remote: hub });
  const branch = new Vnet(stack, "Branch", {
    name: "vnet-branch",
    resourceGroupName: "rg-net",
    location: "uksouth",
    addressSpace: ["10.20.0.0/16"],
  });
  new VnetPeering(stack, "HubBranch", { local: hub, remote: branch, createReverse: false });
  return app;
}
