import { ConnectionM, NatRuleM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel, natRuleLabel } from "../link-helpers";
import { NAT_LIST_MODE, natListViolation } from "../../../core/azure/nat";

/**
 * `Nat.Direction`: a connection's NAT lists hold rules of the right mode, on its own gateway.
 * `ingress_nat_rule_ids` take IngressSnat rules (they translate the site's addresses) and
 * `egress_nat_rule_ids` EgressSnat rules (the VNet's): "An IngressSNAT rule maps an on-premises network
 * address space ... An EgressSNAT rule maps the Azure VNet address space". A NAT rule is a child of one
 * gateway and applies to that gateway's connections. The connection constructs refuse both with the same
 * predicate (core/azure/nat).
 *
 * Catalogue: NAT-MODE-DIRECTION.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway_connection#ingress_nat_rule_ids
 */
export const NatDirection: Rule = {
  id: "Nat.Direction",
  severity: "error",
  description: `A connection lists an EgressSnat rule as ingress or an IngressSnat rule as egress, or a NAT rule of another gateway.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      for (const r of c.ingressNat) check(c, r, "ingress", out);
      for (const r of c.egressNat) check(c, r, "egress", out);
    }
    return out;
  },
};

function check(c: ConnectionM, r: NatRuleM, list: "ingress" | "egress", out: Outcome): void {
  const attr = `${list}_nat_rule_ids`;
  if (isUnknown(r.mode)) {
    out.cannotVerify(c.path, `whether ${natRuleLabel(r)} fits ${attr}: its mode is ${r.mode.unknown}`);
  } else if (typeof r.mode === "string") {
    const wrong = natListViolation(list, r.mode);
    if (wrong) {
      const other = list === "ingress" ? "egress" : "ingress";
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} lists ${natRuleLabel(r)} (${r.mode}) in ${attr}; ${attr} takes ${wrong.expected} rules (${NAT_LIST_MODE.ingress} translates the site's addresses, ${NAT_LIST_MODE.egress} the network's).`,
        fix: `Move the rule to ${other}_nat_rule_ids, or change its mode to ${wrong.expected}.`,
        values: { rule: String(r.name ?? r.path), mode: r.mode, list: attr },
      });
    }
  }
  if (!c.gateway || !r.gateway || r.gateway === c.gateway) return;
  out.find({
    path: c.path,
    message: `${connectionLabel(c)} on ${gatewayLabel(c.gateway)} lists ${natRuleLabel(r)} of ${gatewayLabel(r.gateway)} in ${attr}; a NAT rule applies to the connections of its own gateway only.`,
    fix: `Create the NAT rule on ${gatewayLabel(c.gateway)} and list that one.`,
    values: {
      rule: String(r.name ?? r.path),
      gateway: String(c.gateway.name ?? c.gateway.path),
      ruleGateway: String(r.gateway.name ?? r.gateway.path),
    },
  });
}
