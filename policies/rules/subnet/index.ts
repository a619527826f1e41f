import { Rule } from "../../rule";
import { SubnetOutsideVnet } from "./outside-vnet";
import { SubnetOverlap } from "./overlap";

export * from "./outside-vnet";
export * from "./overlap";

/** The `Subnet.*` rules: subnets. */
export const SUBNET_RULES: readonly Rule[] = [SubnetOutsideVnet, SubnetOverlap];
