import { Rule } from "../rule";
import { ReachabilityIntent } from "./reachability/intent";

export { ReachabilityIntent };

/** Reachability intents (issue 8). */
export const REACHABILITY_RULES: readonly Rule[] = [ReachabilityIntent];
