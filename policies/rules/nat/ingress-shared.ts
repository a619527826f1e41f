import { ConnectionM, NetworkModel, SiteM } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, natRuleLabel } from "../link-helpers";

/**
 * `Nat.IngressShared`: one IngressSnat rule is attached to connections to different on-premises
 * networks. "You typically use the same IngressSNAT rule when the connections are for the same
 * on-premises network, to provide redundancy. You can't use the same ingress rule if the connections
 * are for different on-premises networks." Sites with the same address spaces are taken to be the
 * same on-premises network (redundant tunnels); sites with different spaces are different networks.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatIngressShared: Rule = {
  id: "Nat.IngressShared",
  severity: "error",
  description:
    "One IngressSnat rule is attached to connections to sites with different address spaces (different on-premises networks).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const users = new Map<string, ConnectionM[]>();
    for (const c of model.connections) {
      for (const r of c.ingressNat) {
        const list = users.get(r.key) ?? [];
        list.push(c);
        users.set(r.key, list);
      }
    }
    const rules = new Map(model.natRules.map((r) => [r.key, r]));
    for (const [ruleKey, connections] of users) {
      if (connections.length < 2) continue;
      const rule = rules.get(ruleKey)!;
      if (rule.mode !== "IngressSnat") continue;
      // Distinct on-premises networks, by the sites' address spaces.
      const networks = new Map<string, SiteM[]>();
      let unknown: string | undefined;
      for (const c of connections) {
        if (!c.site) {
          unknown = `the site of ${connectionLabel(c)} (${c.siteExpr ?? "(not set)"}) cannot be resolved at synth`;
          continue;
        }
        if (!c.site.spaces.known) {
          unknown = c.site.spaces.why;
          continue;
        }
        const k = c.site.spaces.prefixes
          .map((p) => p.text)
          .sort()
          .join(",");
        const list = networks.get(k) ?? [];
        if (!list.includes(c.site)) list.push(c.site);
        networks.set(k, list);
      }
      if (networks.size < 2) {
        if (unknown)
          out.cannotVerify(
            rule.path,
            `whether the IngressSnat rule serves one on-premises network: ${unknown}`,
          );
        continue;
      }
      const described = [...networks.entries()]
        .map(([spaces, sites]) => `${sites.map((s) => `site ${s.label}`).join(", ")} (${spaces})`)
        .join("; ");
      out.find({
        path: rule.path,
        message: `${natRuleLabel(rule)} is IngressSnat and attached to connections to ${networks.size} different on-premises networks: ${described}; an ingress rule may be shared only by connections to the same on-premises network.`,
        fix: "Create one IngressSnat rule per on-premises network and attach each to that network's connections only.",
        values: { rule: String(rule.name ?? rule.path), networks: String(networks.size) },
      });
    }
    return out;
  },
};
