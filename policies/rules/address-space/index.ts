import { Rule } from "../../rule";
import { AddressSpaceCidrFormat } from "./cidr-format";
import { AddressSpaceClientPool } from "./client-pool";
import { AddressSpaceNoOverlap } from "./no-overlap";
import { AddressSpaceReserved } from "./reserved";

export * from "./cidr-format";
export * from "./client-pool";
export * from "./no-overlap";
export * from "./reserved";

/** The `AddressSpace.*` rules: address spaces of networks and what they connect to. */
export const ADDRESS_SPACE_RULES: readonly Rule[] = [
  AddressSpaceCidrFormat,
  AddressSpaceClientPool,
  AddressSpaceNoOverlap,
  AddressSpaceReserved,
];
