import { Rule } from "../../rule";
import { SiteAddressOrBgp } from "./address-or-bgp";
import { SiteBgpPeerAddress } from "./bgp-peer-address";
import { SiteEndpoint } from "./endpoint";
import { SiteLimit } from "./limit";

export * from "./address-or-bgp";
export * from "./bgp-peer-address";
export * from "./endpoint";
export * from "./limit";

/** The `Site.*` rules: local network gateways (sites). */
export const SITE_RULES: readonly Rule[] = [SiteAddressOrBgp, SiteBgpPeerAddress, SiteEndpoint, SiteLimit];
