import { GatewayM, NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel } from "../link-helpers";
import { MAX_NAT_RULES_PER_GATEWAY, natRuleLimitViolation } from "../../../core/azure/nat";

/**
 * `Nat.Limit`: a VPN gateway has more than 500 NAT rules. "You can create up to 500 NAT rules
 * (ingress and egress rules combined) on a VPN gateway." Only the rules declared in the app count.
 *
 * Catalogue: NAT-LIMIT.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatLimit: Rule = {
  id: "Nat.Limit",
  severity: "error",
  description: `A VPN gateway has more than ${MAX_NAT_RULES_PER_GATEWAY} NAT rules (ingress and egress combined).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const counts = new Map<string, { gateway: GatewayM; ingress: number; egress: number }>();
    for (const r of model.natRules) {
      if (!r.gateway) continue;
      const c = counts.get(r.gateway.key) ?? { gateway: r.gateway, ingress: 0, egress: 0 };
      if (r.mode === "IngressSnat") c.ingress++;
      else c.egress++;
      counts.set(r.gateway.key, c);
    }
    for (const { gateway, ingress, egress } of counts.values()) {
      const total = ingress + egress;
      const tooMany = natRuleLimitViolation(total);
      if (!tooMany) continue;
      out.find({
        path: gateway.path,
        message: `${gatewayLabel(gateway)} has ${total} NAT rules (${ingress} IngressSnat, ${egress} EgressSnat or other); Azure allows at most ${tooMany.max} per VPN gateway, ingress and egress combined.`,
        fix: `Reduce the NAT rules of ${gatewayLabel(gateway)} to ${tooMany.max} or fewer, e.g. by translating larger prefixes per rule.`,
        values: { gateway: String(gateway.name ?? gateway.path), natRules: String(total) },
      });
    }
    return out;
  },
};
