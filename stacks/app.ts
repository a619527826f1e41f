import { App } from "cdktf";
import { LondonMadridStack } from "./london-madrid";
import { HubSpokePeeringStack } from "./hub-spoke-peering";
import { CrossSubscriptionStack } from "./cross-subscription";

/** Builds the app of reference topologies (what `cdktf synth` synthesizes). */
export function buildReferenceApp(app: App): App {
  new LondonMadridStack(app, "london-madrid");
  new HubSpokePeeringStack(app, "hub-spoke-peering");
  new CrossSubscriptionStack(app, "cross-subscription");
  return app;
}
