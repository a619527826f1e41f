/**
 * The Azure cloud of a network or a gateway, for the rules that keep peerings and VNet-to-VNet
 * connections within one cloud (`Peering.SameCloud`, `Connection.SameCloud`): decided from the region
 * (regions belong to one cloud), else from the azurerm provider's `environment`. Internal to the rules.
 */
import { AzureCloud, cloudOfEnvironment, cloudOfLocation } from "../../core/azure/cloud";
import { GatewayM, NetworkM, Value, isUnknown } from "../model";

/** A cloud and how it was told, or why it cannot be. */
export type CloudOf = { readonly cloud: AzureCloud; readonly from: string } | { readonly unknown: string };

function decide(location: Value<string>, environment: Value<string>, what: string, notSet: string): CloudOf {
  if (typeof location === "string") return { cloud: cloudOfLocation(location), from: `region ${location}` };
  if (typeof environment === "string") {
    const cloud = cloudOfEnvironment(environment);
    if (cloud) return { cloud, from: `provider environment ${environment}` };
    return {
      unknown: `the cloud of ${what}: its provider environment ${environment} is not one the provider knows`,
    };
  }
  if (isUnknown(location)) return { unknown: `the region of ${what} is ${location.unknown}` };
  if (isUnknown(environment))
    return { unknown: `the cloud of ${what}: its provider environment is ${environment.unknown}` };
  return { unknown: `the region of ${what}: ${notSet}` };
}

/** Each network's cloud, once: asked for both ends of every peering (a hub is an end thousands of times). */
const networkClouds = new WeakMap<NetworkM, CloudOf>();

/** The cloud of a network. */
export function cloudOfNetwork(n: NetworkM): CloudOf {
  let c = networkClouds.get(n);
  if (!c) networkClouds.set(n, (c = findCloudOfNetwork(n)));
  return c;
}

function findCloudOfNetwork(n: NetworkM): CloudOf {
  const notSet =
    n.kind === "external"
      ? "it is known only by id (declare its location with Vnet.fromId)"
      : n.kind === "data"
        ? "a data source's location is read at plan"
        : "it is not set";
  return decide(n.location, n.environment, `network ${n.label}`, notSet);
}

/** The cloud of a gateway: its own region, else its network's. */
export function cloudOfGateway(g: GatewayM): CloudOf {
  const what = `gateway ${typeof g.name === "string" ? g.name : g.path}`;
  const own = decide(g.location, g.environment, what, "it is not set");
  if ("cloud" in own || !g.network) return own;
  const net = cloudOfNetwork(g.network);
  return "cloud" in net ? net : own;
}
