import { Rule } from "../rule";

/** Rules on gateways, gateway subnets, sites' BGP settings and address spaces (issue 5). */
export const GATEWAY_RULES: readonly Rule[] = [];
