import { Rule } from "../../rule";
import { ConnectionCustomBgpAddresses } from "./custom-bgp-addresses";
import { ConnectionType } from "./type";
import { ConnectionVnet2VnetPair } from "./vnet2vnet-pair";

export { ConnectionCustomBgpAddresses, ConnectionType, ConnectionVnet2VnetPair };

/** The `Connection.*` rules: gateway connections. */
export const CONNECTION_RULES: readonly Rule[] = [
  ConnectionCustomBgpAddresses,
  ConnectionType,
  ConnectionVnet2VnetPair,
];
