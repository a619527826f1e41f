/**
 * Small helpers shared by the rules of the link pack (peerings, connections, NAT rules, IPsec
 * policies, shared keys): how a resource is named in messages, and values read from a block.
 */
import { ConnectionM, NatRuleM, NetworkModel, PeeringM, isUnknown, show } from "../model";
import { Block, Unknown } from "../input/terraform-json";

/** The `name` argument of a block, for messages (its Terraform address when unknown). */
export function blockName(model: NetworkModel, block: Block | undefined, fallback: string): string {
  if (!block) return fallback;
  const name = model.resolver.str(block.stack, block.body?.name);
  return typeof name === "string" ? name : `${block.type}.${block.name}`;
}

/** `peering hub-to-spoke1 (network vnet-hub to network vnet-spoke1)`. */
export function peeringLabel(model: NetworkModel, p: PeeringM): string {
  const local = p.local?.label ?? p.localExpr;
  const remote = p.remote?.label ?? p.remoteExpr;
  return `peering ${blockName(model, p.block, p.path)} (network ${local} to network ${remote})`;
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

/** A string attribute of a block, resolved (undefined when absent). */
export function strAttr(
  model: NetworkModel,
  block: Block | undefined,
  body: any,
  ...names: string[]
): string | Unknown | undefined {
  if (!block) return undefined;
  for (const n of names) {
    if (body?.[n] !== undefined) return model.resolver.str(block.stack, body[n]);
  }
  return undefined;
}

/** A number attribute of a block, resolved (undefined when absent). */
export function numAttr(
  model: NetworkModel,
  block: Block | undefined,
  body: any,
  ...names: string[]
): number | Unknown | undefined {
  if (!block) return undefined;
  for (const n of names) {
    if (body?.[n] !== undefined) return model.resolver.num(block.stack, body[n]);
  }
  return undefined;
}

/** A boolean attribute of a block, resolved (undefined when absent). */
export function boolAttr(
  model: NetworkModel,
  block: Block | undefined,
  body: any,
  ...names: string[]
): boolean | Unknown | undefined {
  if (!block) return undefined;
  for (const n of names) {
    if (body?.[n] !== undefined) return model.resolver.bool(block.stack, body[n]);
  }
  return undefined;
}

/** Text of a possibly unknown value, for unverifiable entries. */
export function unknownText(v: unknown): string {
  return isUnknown(v) ? v.unknown : show(v);
}
