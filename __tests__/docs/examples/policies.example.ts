import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ConnectivitySuppressions, Vnet, VnetPeering, applyConnectivityPolicies } from "../../../index";

// The snippets of docs/policies.md in an app: two networks with the same space, peered, the overlap
// suppressed with a reason.
const app = new App();
const stack = new TerraformStack(app, "network");
new AzurermProvider(stack, "azurerm", { features: [{}] });
const legacy = new Vnet(stack, "Legacy", {
  name: "vnet-legacy",
  resourceGroupName: "rg-net",
  location: "westeurope",
  addressSpace: ["10.1.0.0/16"],
});
const acquired = new Vnet(stack, "Acquired", {
  name: "vnet-acquired",
  resourceGroupName: "rg-net",
  location: "westeurope",
  addressSpace: ["10.1.0.0/16"],
});
const peering = new VnetPeering(stack, "LegacyAcquired", { local: legacy, remote: acquired });

ConnectivitySuppressions.add(peering, {
  ruleId: "AddressSpace.NoOverlap",
  reason: "legacy overlap, traffic is NATed by the firewall; CHG-1234",
});

applyConnectivityPolicies(app); // one ConnectivityPolicies aspect on every stack
app.synth();
