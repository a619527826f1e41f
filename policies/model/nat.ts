/** Model builder, NAT section: the gateways' NAT rules and their mappings. */
import { tryParsePrefix } from "../../core/cidr";
import { Prefix } from "../../core/cidr";
import { Block, blocks } from "../input/terraform-json";
import { BuildContext, sourceOf } from "./context";
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
      portRange: typeof port === "string" ? port : undefined,
    };
    // A literal that does not parse (malformed, or host bits set): AddressSpace.CidrFormat reports it.
    if (typeof text === "string" && isUnknown(space)) out.invalid = true;
    return out;
  };
  const gateway = ctx.gatewayFrom(s, b.body.virtual_network_gateway_id);
  const ipConfig = b.body.ip_configuration_id;
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
    internal: blocks(b.body, "internal_mapping").map(mapping),
    external: blocks(b.body, "external_mapping").map(mapping),
  };
  gateway?.natRules.push(rule);
  ctx.natRules.set(b.key, rule);
}
