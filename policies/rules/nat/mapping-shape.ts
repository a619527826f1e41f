import { NatMappingM, NatRuleM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { natRuleLabel } from "../link-helpers";
import {
  DYNAMIC_NAT_LARGEST_EXTERNAL_POOL,
  NAT_PREFIXES_PER_RULE,
  dynamicPoolViolation,
  isDynamicNat,
  portMappingRefused,
  portRangeViolation,
} from "../../../core/azure/nat";

/**
 * `Nat.MappingShape`: a NAT rule's mappings have a shape Azure does not support.
 * - Not exactly one internal and one external mapping: "each NAT rule can include only one address
 *   prefix for NAT" (one rule per prefix); the provider requires both blocks.
 * - A Dynamic rule with an external pool larger than /26: "The maximum supported external mapping subnet
 *   size for Dynamic NAT is /26."
 * - A port mapping on a Dynamic rule ("Port mappings can be configured with Static NAT types only"), or
 *   one that is not a single port ("Port mappings can't take ranges at this time. Individual port needs
 *   to be entered.").
 * `VpnNatRule` refuses the same with the same predicates (core/azure/nat). Malformed prefixes are
 * AddressSpace rules' business.
 *
 * Catalogue: NAT-ONE-PREFIX, NAT-DYNAMIC-MAX, NAT-PORTS.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatMappingShape: Rule = {
  id: "Nat.MappingShape",
  severity: "error",
  description: `A NAT rule has not exactly ${NAT_PREFIXES_PER_RULE} internal and ${NAT_PREFIXES_PER_RULE} external mapping, a Dynamic rule an external pool larger than /${DYNAMIC_NAT_LARGEST_EXTERNAL_POOL} or a port mapping, or a port mapping is not a single port.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const r of model.natRules) {
      const label = natRuleLabel(r);
      if (r.dynamicMappings) {
        out.cannotVerify(r.path, `how many mappings ${label} has: they come from a dynamic block`);
      } else {
        for (const [which, list] of [
          ["internal", r.internal],
          ["external", r.external],
        ] as const) {
          if (list.length === NAT_PREFIXES_PER_RULE) continue;
          out.find({
            path: r.path,
            message: `${label} has ${list.length} ${which}_mapping blocks (${list.map((m) => m.text).join(", ") || "none"}); a NAT rule translates exactly ${NAT_PREFIXES_PER_RULE} prefix, in one internal and one external mapping.`,
            fix:
              list.length === 0
                ? `Add the ${which}_mapping block.`
                : "Create one NAT rule per prefix, each with one internal and one external mapping.",
            values: { rule: String(r.name ?? r.path), [`${which}Mappings`]: String(list.length) },
          });
        }
      }
      const type = r.type;
      const ported = [...r.internal, ...r.external].filter((m) => m.portRange !== undefined);
      if (isUnknown(type)) {
        if (r.external.length > 0 || ported.length > 0)
          out.cannotVerify(
            r.path,
            `whether ${label}'s pool and ports fit its type: the type is ${type.unknown}`,
          );
        continue;
      }
      if (typeof type !== "string") continue;
      externalPool(r, type, out);
      for (const m of ported) ports(r, type, m, out);
    }
    return out;
  },
};

/** A Dynamic rule's external pool is at most a /26. */
function externalPool(r: NatRuleM, type: string, out: Outcome): void {
  for (const m of r.external) {
    if (isUnknown(m.space)) {
      if (isDynamicNat(type))
        out.cannotVerify(
          r.path,
          `whether the Dynamic rule's external pool is at most /${DYNAMIC_NAT_LARGEST_EXTERNAL_POOL}: it is ${m.space.unknown}`,
        );
      continue;
    }
    const tooLarge = dynamicPoolViolation(type, m.space);
    if (!tooLarge) continue;
    out.find({
      path: r.path,
      message: `${natRuleLabel(r)} is Dynamic with external mapping ${m.text} (/${m.space.length}); Azure supports Dynamic external pools of /${tooLarge.largest} or smaller.`,
      fix: `Use a /${tooLarge.largest} or smaller external pool, or a Static rule for a 1:1 mapping of equal-size prefixes.`,
      values: { rule: String(r.name ?? r.path), external: m.text },
    });
  }
}

/** Port mappings: Static rules only, single ports only. */
function ports(r: NatRuleM, type: string, m: NatMappingM, out: Outcome): void {
  const label = natRuleLabel(r);
  const port = m.portRange;
  if (portMappingRefused(type)) {
    out.find({
      path: r.path,
      message: `${label} is ${type} and maps ports (${m.text} port_range ${isUnknown(port) ? port.unknown : String(port)}); port mappings work with Static rules only.`,
      fix: "Remove port_range from the mapping, or make the rule Static.",
      values: { rule: String(r.name ?? r.path), type },
    });
    return;
  }
  if (isUnknown(port)) {
    out.cannotVerify(r.path, `whether ${label}'s port_range is a single port: it is ${port.unknown}`);
    return;
  }
  if (typeof port !== "string" || !portRangeViolation(port)) return;
  out.find({
    path: r.path,
    message: `${label} has port_range ${port} on mapping ${m.text}; Azure port mappings take a single port, not a range or a list.`,
    fix: "Give one port per mapping (one NAT rule per port).",
    values: { rule: String(r.name ?? r.path), portRange: port },
  });
}
