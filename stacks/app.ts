import { App } from "cdktf";
import { LondonMadridStack } from "./london-madrid";
import { HubSpokePeeringStack } from "./hub-spoke-peering";
import { CrossSubscriptionStack } from "./cross-subscription";
import { VnetToVnetStack } from "./vnet-to-vnet";
import { HubSpokeVpnStack } from "./hub-spoke-vpn";
import { VpnNatStack } from "./vpn-nat";
import { addSplitRegionStacks } from "./split-regions";
import { VendingStack } from "./vending";

/** Builds the app of reference topologies (what `cdktf synth` synthesizes). */
export function buildReferenceApp(app: App): App {
  new LondonMadridStack(app, "london-madrid");
  new HubSpokePeeringStack(app, "hub-spoke-peering");
  new CrossSubscriptionStack(app, "cross-subscription");
  new VnetToVnetStack(app, "vnet-to-vnet");
  new HubSpokeVpnStack(app, "hub-spoke-vpn");
  new VpnNatStack(app, "vpn-nat");
  addSplitRegionStacks(app);
  new VendingStack(app, "vending");
  return app;
}
