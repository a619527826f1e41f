import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { natRuleLabel } from "../link-helpers";
import { staticNatViolation } from "../../../core/azure/nat";

/**
 * `Nat.StaticPrefixMismatch`: a static NAT rule maps 1:1, so its internal and external prefixes
 * have the same length ("The two rules must match the prefix lengths of the corresponding address
 * prefixes"; "If the target address pool size is the same as the original address pool, use static
 * NAT rule to define a 1:1 mapping"). A smaller external pool needs a `Dynamic` rule. The provider's
 * default type is `Static`.
 *
 * Catalogue: NAT-STATIC-SAME-LEN.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#type
 */
export const NatStaticPrefixMismatch: Rule = {
  id: "Nat.StaticPrefixMismatch",
  severity: "error",
  description: "A static NAT rule's internal and external mappings have different prefix lengths.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const r of model.natRules) {
      if (isUnknown(r.type)) {
        out.cannotVerify(r.path, `whether the NAT rule maps 1:1: its type is ${r.type.unknown}`);
        continue;
      }
      if (r.type !== "Static") continue;
      const n = Math.min(r.internal.length, r.external.length);
      for (let i = 0; i < n; i++) {
        const inner = r.internal[i];
        const outer = r.external[i];
        if (isUnknown(inner.space) || isUnknown(outer.space)) {
          const which = isUnknown(inner.space)
            ? `internal mapping ${inner.space.unknown}`
            : `external mapping ${(outer.space as { unknown: string }).unknown}`;
          out.cannotVerify(
            r.path,
            `whether the static NAT rule's prefixes have the same length: its ${which} is not known at synth`,
          );
          continue;
        }
        const mismatch = staticNatViolation(r.type, inner.space, outer.space);
        if (!mismatch) continue;
        out.find({
          path: r.path,
          message: `${natRuleLabel(r)} is Static but maps internal ${inner.text} (/${mismatch.internalLength}) to external ${outer.text} (/${mismatch.externalLength}); a static rule maps 1:1, so both prefixes must have the same length.`,
          fix: `Use a /${mismatch.internalLength} external prefix, or make the rule Dynamic if a smaller external pool is intended.`,
          values: { internal: inner.text, external: outer.text },
        });
      }
    }
    return out;
  },
};
