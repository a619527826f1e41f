import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { SharedKey, Vnet, VnetToVnetConnection, VpnGateway, applyConnectivityPolicies } from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "vnet-to-vnet");
new AzurermProvider(stack, "azurerm", { features: [{}] });

const vnet1 = new Vnet(stack, "TestVNet1", {
  name: "TestVNet1",
  resourceGroupName: "TestRG1",
  location: "eastus",
  addressSpace: ["10.11.0.0/16"],
  subnets: [{ name: "FrontEnd", addressPrefixes: ["10.11.0.0/24"] }],
});
const vnet4 = new Vnet(stack, "TestVNet4", {
  name: "TestVNet4",
  resourceGroupName: "TestRG4",
  location: "westus",
  addressSpace: ["10.41.0.0/16"],
  subnets: [{ name: "FrontEnd", addressPrefixes: ["10.41.0.0/24"] }],
});

// Each gateway gets a /27 GatewaySubnet and a zone-redundant Standard static public IP;
// the defaults are VpnGw2AZ, Generation2, RouteBased.
const gw1 = new VpnGateway(stack, "VNet1GW", {
  vnet: vnet1,
  name: "VNet1GW",
  gatewaySubnetPrefix: "10.11.255.0/27",
});
const gw4 = new VpnGateway(stack, "VNet4GW", {
  vnet: vnet4,
  name: "VNet4GW",
  gatewaySubnetPrefix: "10.41.255.0/27",
});

// Both directions from one declaration, with one key that Terraform generates (random_password):
// the key is never in your code, in cdk.tf.json or in a log, only in the Terraform state.
new VnetToVnetConnection(stack, "VNet1VNet4", {
  local: gw1,
  remote: gw4,
  sharedKey: SharedKey.generate(stack, "vnet1_vnet4_psk"),
});

applyConnectivityPolicies(app);
app.synth();
