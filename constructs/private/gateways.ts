import type { IVnet } from "../vnet";
import type { IVpnGateway } from "../vpn-gateway";

/*
 * The VPN gateway of each network, new (`VpnGateway`) or existing (`VpnGateway.fromAttributes` with its
 * `vnet`), and the constructs waiting for it: a peering that uses the network's gateway depends on it, and
 * an existing network's recorded facts include it, whichever of the two is declared first.
 */

const GATEWAYS = new WeakMap<IVnet, IVpnGateway>();
const WAITING = new WeakMap<IVnet, ((gateway: IVpnGateway) => void)[]>();

/** The gateway registered for the network, if any. */
export function gatewayOf(vnet: IVnet): IVpnGateway | undefined {
  return GATEWAYS.get(vnet);
}

/** Registers the network's gateway (the caller has refused a second one) and tells those waiting. */
export function registerGateway(vnet: IVnet, gateway: IVpnGateway): void {
  GATEWAYS.set(vnet, gateway);
  const waiting = WAITING.get(vnet) ?? [];
  WAITING.delete(vnet);
  for (const callback of waiting) callback(gateway);
}

/** Calls `callback` with the network's gateway: now if it is registered, else when it is. */
export function whenGateway(vnet: IVnet, callback: (gateway: IVpnGateway) => void): void {
  const gateway = GATEWAYS.get(vnet);
  if (gateway) {
    callback(gateway);
    return;
  }
  const list = WAITING.get(vnet) ?? [];
  list.push(callback);
  WAITING.set(vnet, list);
}
