import { Rule } from "../../rule";
import { SiteAddressOrBgp } from "./address-or-bgp";

export * from "./address-or-bgp";

/** The `Site.*` rules: local network gateways (sites). */
export const SITE_RULES: readonly Rule[] = [SiteAddressOrBgp];
