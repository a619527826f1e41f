import { Rule } from "../../rule";
import { ReachabilityIntent } from "./intent";

export * from "./intent";

/** The `Reachability.*` rules: reachability intents. */
export const REACHABILITY_RULES: readonly Rule[] = [ReachabilityIntent];
