import { Rule } from "../../rule";
import { BgpApipa } from "./apipa";
import { BgpAsnDistinct } from "./asn-distinct";
import { BgpPeeringAddresses } from "./peering-addresses";
import { BgpReservedAsn } from "./reserved-asn";

export * from "./apipa";
export * from "./asn-distinct";
export * from "./peering-addresses";
export * from "./reserved-asn";

/** The `Bgp.*` rules: BGP settings of gateways and sites. */
export const BGP_RULES: readonly Rule[] = [BgpApipa, BgpAsnDistinct, BgpPeeringAddresses, BgpReservedAsn];
