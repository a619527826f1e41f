/** Model builder, NAT section: the gateways' NAT rules and their mappings. */
import { tryParsePrefix } from "../../core/cidr";
import { Prefix } from "../../core/cidr";
import { Block, blocks } from "../input/terraform-json";
import { BuildContext, sourceOf } from "./context";
import { hasDynamic } from "./gateways";
import { NatMappingM, NatRuleM, Unknown, isUnknown, show } from "./types";

export function addNatRule(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const r = ctx.r;
  const mapping = (m: any): NatMappingM => {
    const text = r.str(s, m.address_space);
    let space: Prefix | Unknown;
    if (typeof text === "string") {
      const p = tryParsePrefix(text);
      space = p.ok ? p.prefix : { unknown: `'${text}' (not a valid CIDR block)` };
    } else {
      space = text ?? { unknown: "(not set)" };
    }
    const port = r.str(s, m.port_range);
    const out: { -readonly [K in keyof NatMappingM]: NatMappingM[K] } = {
      space,
      text: show(text),
      portRange: port,
    };
    // A literal that does not parse (malformed, or host bits set): AddressSpace.CidrFormat reports it.
    if (typeof text === "string" && isUnknown(space)) out.invalid = true;
    return out;
  };
  const gateway = ctx.gatewayFrom(s, b.body.virtual_network_gateway_id);
  const ipConfig = b.body.ip_configuration_id;
  const dynamicMappings = hasDynamic(b.body, "internal_mapping") || hasDynamic(b.body, "external_mapping");
  const rule: NatRuleM = {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: r.str(s, b.body.name),
    // Provider defaults: mode EgressSnat, type Static.
    mode: r.str(s, b.body.mode) ?? "EgressSnat",
    type: r.str(s, b.body.type) ?? "Static",
    gateway,
    ipConfigurationExpr: ipConfig === undefined || ipConfig === null ? undefined : show(ipConfig),
    ipConfiguration: ipConfigurationName(ctx, s, ipConfig),
    dynamicMappings,
    internal: blocks(b.body, "internal_mapping").map(mapping),
    external: blocks(b.body, "external_mapping").map(mapping),
  };
  gateway?.natRules.push(rule);
  ctx.natRules.set(b.key, rule);
}

/**
 * The gateway IP configuration an `ip_configuration_id` names: ARM's `<gateway id>/ipConfigurations/<name>`
 * (a literal id, or the gateway's id reference followed by the suffix, as `VpnGateway.ipConfigurationIds`
 * writes it); unknown for any other expression.
 */
function ipConfigurationName(ctx: BuildContext, stack: string, value: unknown): string | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : undefined;
  const resolved = text !== undefined && text.includes("${") ? ctx.r.str(stack, text) : text;
  const candidate = typeof resolved === "string" ? resolved : text;
  const m = candidate !== undefined ? /\/ipConfigurations\/([^/${}]+)$/i.exec(candidate) : null;
  return m ? m[1] : { unknown: show(value) };
}
