import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  LocalSite,
  ReachabilityIntents,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetPeering,
  VpnGateway,
  applyConnectivityPolicies,
} from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "hub-spoke");
new AzurermProvider(stack, "azurerm", { features: [{}] });

const where = { resourceGroupName: "rg-net", location: "westeurope" };
const hub = new Vnet(stack, "Hub", { ...where, name: "vnet-hub", addressSpace: ["10.0.0.0/16"] });
const gateway = new VpnGateway(stack, "HubGateway", {
  vnet: hub,
  name: "vgw-hub",
  gatewaySubnetPrefix: "10.0.255.0/27",
});
const datacenter = new LocalSite(stack, "Datacenter", {
  ...where,
  name: "lng-datacenter",
  gatewayAddress: "203.0.113.10",
  addressSpace: ["192.168.0.0/16"],
});
new SiteToSiteConnection(stack, "HubToDatacenter", {
  gateway,
  site: datacenter,
  sharedKey: SharedKey.fromVariable(stack, "datacenter_psk"),
});
const prod = new Vnet(stack, "Prod", { ...where, name: "vnet-prod", addressSpace: ["10.1.0.0/16"] });
const test = new Vnet(stack, "Test", { ...where, name: "vnet-test", addressSpace: ["10.2.0.0/16"] });
for (const spoke of [prod, test]) {
  new VnetPeering(stack, `Hub-${spoke.node.id}`, {
    local: hub,
    remote: spoke,
    localToRemote: { allowGatewayTransit: true },
    remoteToLocal: { useRemoteGateways: true },
  });
}

// Checked on every synth; with strict, an intent that cannot be decided before apply fails it too.
ReachabilityIntents.mustReach(stack, prod, datacenter, "production calls the datacenter");
ReachabilityIntents.mustNotReach(stack, prod, test, "production and test stay apart");

applyConnectivityPolicies(app, { strict: true });
app.synth();
