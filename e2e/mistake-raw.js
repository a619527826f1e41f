// The same mistake with raw cdktn provider resources only: an NSG on GatewaySubnet, which the cdktf
// build's aspect would never see in a cdktn app (cdktn runs only aspects registered through cdktn).
// applyConnectivityPolicies must refuse the app, never let it synthesize "OK".
const { App, TerraformStack } = require("cdktn");
const { AzurermProvider } = require("@cdktn/provider-azurerm/lib/provider");
const { VirtualNetwork } = require("@cdktn/provider-azurerm/lib/virtual-network");
const { Subnet } = require("@cdktn/provider-azurerm/lib/subnet");
const { NetworkSecurityGroup } = require("@cdktn/provider-azurerm/lib/network-security-group");
const {
  SubnetNetworkSecurityGroupAssociation,
} = require("@cdktn/provider-azurerm/lib/subnet-network-security-group-association");
const { applyConnectivityPolicies } = require("cdktf-azure-connectivity");

const app = new App();
const stack = new TerraformStack(app, "hub");
new AzurermProvider(stack, "azurerm", { features: [{}] });
const common = { resourceGroupName: "rg-net", location: "uksouth" };
const hub = new VirtualNetwork(stack, "Hub", { ...common, name: "vnet-hub", addressSpace: ["10.10.0.0/16"] });
const gw = new Subnet(stack, "GatewaySubnet", {
  name: "GatewaySubnet",
  resourceGroupName: "rg-net",
  virtualNetworkName: hub.name,
  addressPrefixes: ["10.10.255.0/27"],
});
const nsg = new NetworkSecurityGroup(stack, "Nsg", { ...common, name: "nsg-hub" });
new SubnetNetworkSecurityGroupAssociation(stack, "GatewaySubnetNsg", {
  subnetId: gw.id,
  networkSecurityGroupId: nsg.id,
});

applyConnectivityPolicies(app);
app.synth();
