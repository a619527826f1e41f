/**
 * Small helpers shared by the rules of the link pack (peerings, connections, NAT rules, IPsec
 * policies, shared keys): how a resource is named in messages, and values read from a block.
 */
import { ConnectionM, NatRuleM, NetworkModel, PeeringM, isUnknown, show } from "../model";

/** `peering hub-to-spoke1 (network vnet-hub to network vnet-spoke1)`. */
export function peeringLabel(_model: NetworkModel, p: PeeringM): string {
  const local = p.local?.label ?? p.localExpr;
  const remote = p.remote?.label ?? p.remoteExpr;
  const name = typeof p.name === "string" ? p.name : p.source ? p.source.address : p.path;
  return `peering ${name} (network ${local} to network ${remote})`;
}

/** `connection cn-hub-to-site`. */
export function connectionLabel(c: ConnectionM): string {
  return `connection ${typeof c.name === "string" ? c.name : c.path}`;
}

/** `gateway vgw-hub`: one label for both packs. */
export { gatewayLabel } from "./labels";

/** `gateway NAT rule vnet-egress`. */
export function natRuleLabel(r: NatRuleM): string {
  return `gateway NAT rule ${typeof r.name === "string" ? r.name : r.path}`;
}

/** Text of a possibly unknown value, for unverifiable entries. */
export function unknownText(v: unknown): string {
  return isUnknown(v) ? v.unknown : show(v);
}
