import { Rule } from "../../rule";
import { ConnectionCustomBgpAddresses } from "./custom-bgp-addresses";
import { ConnectionPrivateIp } from "./private-ip";
import { ConnectionProtocol } from "./protocol";
import { ConnectionRedundantTunnels } from "./redundant-tunnels";
import { ConnectionRoutingWeight } from "./routing-weight";
import { ConnectionSameCloud } from "./same-cloud";
import { ConnectionType } from "./type";
import { ConnectionVnet2VnetPair } from "./vnet2vnet-pair";

export * from "./custom-bgp-addresses";
export * from "./private-ip";
export * from "./protocol";
export * from "./redundant-tunnels";
export * from "./routing-weight";
export * from "./same-cloud";
export * from "./type";
export * from "./vnet2vnet-pair";

/** The `Connection.*` rules: gateway connections. */
export const CONNECTION_RULES: readonly Rule[] = [
  ConnectionCustomBgpAddresses,
  ConnectionPrivateIp,
  ConnectionProtocol,
  ConnectionRedundantTunnels,
  ConnectionRoutingWeight,
  ConnectionSameCloud,
  ConnectionType,
  ConnectionVnet2VnetPair,
];
