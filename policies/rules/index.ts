import { Rule } from "../rule";
import { AddressSpaceNoOverlap } from "./address-space/no-overlap";
import { GatewaySubnetNoNsg } from "./gateway-subnet/no-nsg";
import { NatUnsupportedConnection } from "./nat/unsupported-connection";
import { GATEWAY_RULES } from "./gateway-pack";
import { LINK_RULES } from "./link-pack";
import { REACHABILITY_RULES, ReachabilityIntent } from "./reachability-pack";

export { AddressSpaceNoOverlap, GatewaySubnetNoNsg, NatUnsupportedConnection, ReachabilityIntent };

/** The two mission rules and NAT's connection type (issue 4). */
export const CORE_RULES: readonly Rule[] = [
  GatewaySubnetNoNsg,
  AddressSpaceNoOverlap,
  NatUnsupportedConnection,
];

/** Every rule of the package, in the order they run (the default pack). */
export const ALL_RULES: readonly Rule[] = [
  ...CORE_RULES,
  ...GATEWAY_RULES,
  ...LINK_RULES,
  ...REACHABILITY_RULES,
];
