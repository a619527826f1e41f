import { Rule } from "../../rule";
import { SubnetOutsideVnet } from "./outside-vnet";
import { SubnetOverlap } from "./overlap";
import { SubnetSize } from "./size";

export * from "./outside-vnet";
export * from "./overlap";
export * from "./size";

/** The `Subnet.*` rules: subnets. */
export const SUBNET_RULES: readonly Rule[] = [SubnetOutsideVnet, SubnetOverlap, SubnetSize];
