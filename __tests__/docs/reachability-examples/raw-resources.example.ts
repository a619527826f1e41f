import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermVirtualNetwork } from "@cdktf/provider-azurerm/lib/data-azurerm-virtual-network";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { ReachabilityIntents, applyConnectivityPolicies } from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "raw");
new AzurermProvider(stack, "azurerm", { features: [{}] });

const where = { resourceGroupName: "rg-net", location: "westeurope" };
const app1 = new VirtualNetwork(stack, "App", { ...where, name: "vnet-app", addressSpace: ["10.1.0.0/16"] });
const db = new VirtualNetwork(stack, "Db", { ...where, name: "vnet-db", addressSpace: ["10.2.0.0/16"] });
// A network another team owns, read with a data source.
const shared = new DataAzurermVirtualNetwork(stack, "Shared", {
  name: "vnet-shared",
  resourceGroupName: "rg-shared",
});
// One direction only: Azure carries no traffic over a peering until both directions exist.
new VirtualNetworkPeering(stack, "AppToDb", {
  resourceGroupName: "rg-net",
  name: "app-to-db",
  virtualNetworkName: app1.name,
  remoteVirtualNetworkId: db.id,
});

// Raw provider resources, their data sources and ARM ids are ends like our constructs.
ReachabilityIntents.mustReach(stack, app1, db, "the app reads the database");
ReachabilityIntents.mustNotReach(stack, db, shared);

applyConnectivityPolicies(app);
app.synth();
