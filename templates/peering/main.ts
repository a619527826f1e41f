import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VnetPeering, applyConnectivityPolicies } from "cdktf-azure-connectivity";

const app = new App();
const stack = new TerraformStack(app, "network");
new AzurermProvider(stack, "azurerm", { features: [{}] });

const london = new Vnet(stack, "London", {
  name: "vnet-london",
  resourceGroupName: "rg-net",
  location: "uksouth",
  addressSpace: ["10.1.0.0/16"],
  subnets: [{ name: "default", addressPrefixes: ["10.1.0.0/24"] }],
});
const madrid = new Vnet(stack, "Madrid", {
  name: "vnet-madrid",
  resourceGroupName: "rg-net",
  location: "spaincentral",
  addressSpace: ["10.2.0.0/16"],
});
// Both directions, access allowed, forwarding and gateway transit off.
new VnetPeering(stack, "LondonMadrid", { local: london, remote: madrid });

applyConnectivityPolicies(app); // the policies, on every stack: an error finding fails the synth
app.synth();
