import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ReachabilityIntents, Vnet, VnetPeering, applyConnectivityPolicies } from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "environments");
new AzurermProvider(stack, "azurerm", { features: [{}] });

const where = { resourceGroupName: "rg-net", location: "westeurope" };
const hub = new Vnet(stack, "Hub", { ...where, name: "vnet-hub", addressSpace: ["10.0.0.0/16"] });
const apart = ReachabilityIntents.groupsApart(stack, "environments stay apart");
["prod", "test"].forEach((environment, e) => {
  for (let i = 0; i < 3; i++) {
    const name = `vnet-${environment}-${i}`;
    const spoke = new Vnet(stack, name, { ...where, name, addressSpace: [`10.${10 * e + i + 1}.0.0/16`] });
    new VnetPeering(stack, `Hub-${name}`, { local: hub, remote: spoke });
    // One intent, however many spokes: every prod-test pair must not reach each other.
    apart.add(environment, spoke);
  }
});

applyConnectivityPolicies(app);
app.synth();
