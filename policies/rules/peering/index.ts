import { Rule } from "../../rule";
import { PeeringGatewayTransit } from "./gateway-transit";
import { PeeringLimit } from "./limit";
import { PeeringMissingReverse } from "./missing-reverse";
import { PeeringSameCloud } from "./same-cloud";

export * from "./gateway-transit";
export * from "./limit";
export * from "./missing-reverse";
export * from "./same-cloud";

/** The `Peering.*` rules: virtual network peerings. */
export const PEERING_RULES: readonly Rule[] = [
  PeeringGatewayTransit,
  PeeringLimit,
  PeeringMissingReverse,
  PeeringSameCloud,
];
