/**
 * How NAT rules on a connection change the address spaces that meet across it.
 *
 * A gateway NAT rule maps internal prefixes to external ones: an EgressSnat rule rewrites the VNet
 * side's addresses as the far side sees them, an IngressSnat rule rewrites the far side's addresses
 * as the VNet side sees them. A static rule maps one-to-one (internal and external prefixes of equal
 * size, so an address keeps its offset); a dynamic rule maps the internal prefix onto an external pool.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
import { Prefix, contains, makePrefix, rangeToPrefixes } from "../core/cidr";
import { NatRuleM, show } from "./model";
import { Unknown, isUnknown } from "./input/terraform-json";

/** A prefix as one side sees it, and where it came from when NAT rewrote it. */
export interface SeenPrefix {
  /** The prefix as this side sees it. */
  readonly prefix: Prefix;
  /** Set when NAT rewrote the prefix: the original prefix and the rule. */
  readonly natFrom?: { readonly original: string; readonly rule: string };
}

interface Mapping {
  readonly internal: Prefix;
  readonly external: Prefix;
  readonly oneToOne: boolean;
  readonly rule: string;
}

function mappingsOf(rules: readonly NatRuleM[]): Mapping[] | Unknown {
  const out: Mapping[] = [];
  for (const r of rules) {
    if (r.internal.length === 0 || r.external.length === 0) continue;
    for (let i = 0; i < r.internal.length; i++) {
      const internal = r.internal[i].space;
      const external = r.external[Math.min(i, r.external.length - 1)].space;
      if (isUnknown(internal))
        return { unknown: `internal mapping of NAT rule ${r.path} is ${internal.unknown}` };
      if (isUnknown(external))
        return { unknown: `external mapping of NAT rule ${r.path} is ${external.unknown}` };
      if (isUnknown(r.type)) return { unknown: `type of NAT rule ${r.path} is ${r.type.unknown}` };
      if (internal.family !== external.family) continue;
      out.push({
        internal,
        external,
        oneToOne: show(r.type) !== "Dynamic" && internal.length === external.length,
        rule: typeof r.name === "string" ? r.name : r.path,
      });
    }
  }
  return out;
}

function mapped(p: Prefix, m: Mapping): SeenPrefix {
  const prefix = m.oneToOne
    ? makePrefix(p.family, m.external.start + (p.start - m.internal.start), p.length)
    : m.external;
  return { prefix, natFrom: { original: p.text, rule: m.rule } };
}

/**
 * The prefixes as seen across a connection whose NAT rules are `rules`, or Unknown when a rule's
 * mapping cannot be read at synth.
 */
export function translate(prefixes: readonly Prefix[], rules: readonly NatRuleM[]): SeenPrefix[] | Unknown {
  if (rules.length === 0) return prefixes.map((prefix) => ({ prefix }));
  const maps = mappingsOf(rules);
  if (isUnknown(maps)) return maps;
  const out: SeenPrefix[] = [];
  for (const p of prefixes) {
    const whole = maps.find((m) => contains(m.internal, p));
    if (whole) {
      out.push(mapped(p, whole));
      continue;
    }
    // Mappings of parts of p: those parts move, the rest stays.
    const parts = maps
      .filter((m) => contains(p, m.internal))
      .sort((a, b) => (a.internal.start < b.internal.start ? -1 : 1));
    if (parts.length === 0) {
      out.push({ prefix: p });
      continue;
    }
    let cursor = p.start;
    for (const m of parts) {
      if (m.internal.start > cursor) {
        for (const rest of rangeToPrefixes(p.family, cursor, m.internal.start - 1n))
          out.push({ prefix: rest });
      }
      if (m.internal.end + 1n > cursor) cursor = m.internal.end + 1n;
      out.push(mapped(m.internal, m));
    }
    if (cursor <= p.end) {
      for (const rest of rangeToPrefixes(p.family, cursor, p.end)) out.push({ prefix: rest });
    }
  }
  return out;
}

/** Text of a seen prefix for messages: `100.0.1.0/24 (10.0.1.0/24 after NAT rule vnet-egress)`. */
export function describeSeen(s: SeenPrefix): string {
  return s.natFrom
    ? `${s.prefix.text} (${s.natFrom.original} after NAT rule ${s.natFrom.rule})`
    : s.prefix.text;
}
