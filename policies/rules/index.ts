import { Rule } from "../rule";
import { AddressSpaceNoOverlap } from "./address-space-no-overlap";
import { GatewaySubnetNoNsg } from "./gateway-subnet-no-nsg";
import { NatUnsupportedConnection } from "./nat-unsupported-connection";

export { AddressSpaceNoOverlap, GatewaySubnetNoNsg, NatUnsupportedConnection };

/** Every rule of the package, in the order they run (the default pack). */
export const ALL_RULES: readonly Rule[] = [
  GatewaySubnetNoNsg,
  AddressSpaceNoOverlap,
  NatUnsupportedConnection,
];
