// A network Azure refuses: an NSG associated with GatewaySubnet through the raw provider resource.
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { Vnet } from "cdktf-azure-connectivity";

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
  return app;
}
