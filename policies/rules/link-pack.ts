import { Rule } from "../rule";

/** Rules on peerings, connections, NAT rules, IPsec policies and shared keys (issue 5). */
export const LINK_RULES: readonly Rule[] = [];
