import { containedInAny } from "../../../core/cidr";
import { ConnectionM, NatMappingM, NatRuleM, NetworkModel, Spaces, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, natRuleLabel } from "../link-helpers";

/**
 * `Nat.Mapping`: a NAT rule's internal mapping is the address space before translation: "For an
 * ingress rule, this field corresponds to the original address space of the on-premises network. For
 * an egress rule, this is the original VNet address space." An EgressSnat internal prefix outside the
 * gateway's network, or an IngressSnat internal prefix outside the spaces of the site of a connection
 * the rule is attached to, translates nothing that crosses the connection (a swapped mode, or a typo).
 * Catalogue: none (Azure accepts such a rule; it translates nothing).
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode
 */
export const NatMapping: Rule = {
  id: "Nat.Mapping",
  severity: "warning",
  description:
    "An EgressSnat rule's internal mapping is outside its gateway's network, or an IngressSnat rule's internal mapping is outside the site of a connection it is attached to.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const ingressUsers = new Map<string, ConnectionM[]>();
    for (const c of model.connections) {
      for (const r of c.ingressNat) {
        const list = ingressUsers.get(r.key) ?? [];
        list.push(c);
        ingressUsers.set(r.key, list);
      }
    }
    for (const r of model.natRules) {
      if (isUnknown(r.mode)) {
        out.cannotVerify(
          r.path,
          `where the NAT rule's internal mapping belongs: its mode is ${r.mode.unknown}`,
        );
        continue;
      }
      if (r.mode === "EgressSnat") {
        const network = r.gateway?.network;
        if (!network) {
          out.cannotVerify(
            r.path,
            "whether the EgressSnat internal mapping lies in the gateway's network: the gateway's network cannot be resolved at synth",
          );
          continue;
        }
        checkInside(r, network.spaces, `network ${network.label}`, "the gateway's network", out);
      } else if (r.mode === "IngressSnat") {
        for (const c of ingressUsers.get(r.key) ?? []) {
          if (!c.site) {
            out.cannotVerify(
              r.path,
              `whether the IngressSnat internal mapping lies in the site of ${connectionLabel(c)}: the site (${c.siteExpr ?? "(not set)"}) cannot be resolved at synth`,
            );
            continue;
          }
          checkInside(
            r,
            c.site.spaces,
            `site ${c.site.label} (of ${connectionLabel(c)})`,
            "the site's address space",
            out,
          );
        }
      }
    }
    return out;
  },
};

function checkInside(r: NatRuleM, spaces: Spaces, owner: string, what: string, out: Outcome): void {
  if (!spaces.known) {
    out.cannotVerify(r.path, `whether the ${r.mode} internal mapping lies in ${owner}: ${spaces.why}`);
    return;
  }
  for (const m of r.internal as NatMappingM[]) {
    if (isUnknown(m.space)) {
      out.cannotVerify(
        r.path,
        `whether the ${r.mode} internal mapping lies in ${owner}: the mapping is ${m.space.unknown}`,
      );
      continue;
    }
    if (containedInAny(spaces.prefixes, m.space)) continue;
    const have = spaces.prefixes.map((p) => p.text).join(", ") || "no address space";
    out.find({
      path: r.path,
      message: `${natRuleLabel(r)} is ${r.mode} with internal mapping ${m.text}, which is outside ${owner} (${have}); the internal mapping of ${r.mode} must be ${what}, before translation.`,
      fix:
        r.mode === "EgressSnat"
          ? "Set the internal mapping to a prefix of the gateway's network, or make the rule IngressSnat if it translates the site's addresses."
          : "Set the internal mapping to a prefix of the site's address space, or make the rule EgressSnat if it translates the network's addresses.",
      values: { internal: m.text, owner, spaces: have },
    });
  }
}
