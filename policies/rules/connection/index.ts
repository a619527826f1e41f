import { Rule } from "../../rule";
import { ConnectionCustomBgpAddresses } from "./custom-bgp-addresses";
import { ConnectionType } from "./type";
import { ConnectionVnet2VnetPair } from "./vnet2vnet-pair";

export * from "./custom-bgp-addresses";
export * from "./type";
export * from "./vnet2vnet-pair";

/** The `Connection.*` rules: gateway connections. */
export const CONNECTION_RULES: readonly Rule[] = [
  ConnectionCustomBgpAddresses,
  ConnectionType,
  ConnectionVnet2VnetPair,
];
