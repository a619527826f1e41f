import { Rule } from "../../rule";
import { BgpReservedAsn } from "./reserved-asn";

export * from "./reserved-asn";

/** The `Bgp.*` rules: BGP settings of gateways and sites. */
export const BGP_RULES: readonly Rule[] = [BgpReservedAsn];
