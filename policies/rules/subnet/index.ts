import { Rule } from "../../rule";
import { SubnetLimit } from "./limit";
import { SubnetOutsideVnet } from "./outside-vnet";
import { SubnetOverlap } from "./overlap";
import { SubnetSize } from "./size";

export * from "./limit";
export * from "./outside-vnet";
export * from "./overlap";
export * from "./size";

/** The `Subnet.*` rules: subnets. */
export const SUBNET_RULES: readonly Rule[] = [SubnetLimit, SubnetOutsideVnet, SubnetOverlap, SubnetSize];
