import { Rule } from "../../rule";
import { VnetLimit } from "./limit";

export * from "./limit";

/** The `Vnet.*` rules: virtual networks as a whole. */
export const VNET_RULES: readonly Rule[] = [VnetLimit];
