import { Rule } from "../../rule";
import { BgpApipa } from "./apipa";
import { BgpAsnDistinct } from "./asn-distinct";
import { BgpConnectionSupport } from "./connection-support";
import { BgpExpressRouteTransitAsn } from "./express-route-transit-asn";
import { BgpPeeringAddresses } from "./peering-addresses";
import { BgpReservedAsn } from "./reserved-asn";
import { BgpSettings } from "./settings";
import { BgpTransitHops } from "./transit-hops";

export * from "./apipa";
export * from "./asn-distinct";
export * from "./connection-support";
export * from "./express-route-transit-asn";
export * from "./peering-addresses";
export * from "./reserved-asn";
export * from "./settings";
export * from "./transit-hops";

/** The `Bgp.*` rules: BGP settings of gateways and sites. */
export const BGP_RULES: readonly Rule[] = [
  BgpApipa,
  BgpAsnDistinct,
  BgpConnectionSupport,
  BgpExpressRouteTransitAsn,
  BgpPeeringAddresses,
  BgpReservedAsn,
  BgpSettings,
  BgpTransitHops,
];
