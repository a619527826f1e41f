import { Rule } from "../../rule";
import { ReachabilityIntent } from "./intent";

export { ReachabilityIntent };

/** The `Reachability.*` rules: reachability intents. */
export const REACHABILITY_RULES: readonly Rule[] = [ReachabilityIntent];
