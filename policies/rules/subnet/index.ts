import { Rule } from "../../rule";
import { SubnetOutsideVnet } from "./outside-vnet";
import { SubnetOverlap } from "./overlap";

export { SubnetOutsideVnet, SubnetOverlap };

/** The `Subnet.*` rules: subnets. */
export const SUBNET_RULES: readonly Rule[] = [SubnetOutsideVnet, SubnetOverlap];
