import { ConnectionM, NatRuleM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, natRuleLabel } from "../link-helpers";
import { MAX_CONNECTIONS_PER_DYNAMIC_RULE, dynamicRuleConnectionsViolation } from "../../../core/azure/nat";

/**
 * `Nat.DynamicOneConnection`: a Dynamic NAT rule is attached to more than one connection. "Every Dynamic
 * NAT rule can be assigned to a single connection." (Static rules may serve several connections.)
 *
 * Catalogue: NAT-DYNAMIC-ONE-CONN.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export const NatDynamicOneConnection: Rule = {
  id: "Nat.DynamicOneConnection",
  severity: "error",
  description: "A Dynamic NAT rule is attached to more than one connection.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const users = new Map<NatRuleM, ConnectionM[]>();
    for (const c of model.connections) {
      for (const r of new Set([...c.ingressNat, ...c.egressNat])) {
        const list = users.get(r);
        if (list) list.push(c);
        else users.set(r, [c]);
      }
    }
    for (const [r, connections] of users) {
      if (connections.length <= MAX_CONNECTIONS_PER_DYNAMIC_RULE) continue;
      if (isUnknown(r.type)) {
        out.cannotVerify(
          r.path,
          `whether ${natRuleLabel(r)} may serve ${connections.length} connections: its type is ${r.type.unknown}`,
        );
        continue;
      }
      if (typeof r.type !== "string") continue;
      const tooMany = dynamicRuleConnectionsViolation(r.type, connections.length);
      if (!tooMany) continue;
      out.find({
        path: r.path,
        message: `${natRuleLabel(r)} is Dynamic and attached to ${connections.length} connections (${connections.map(connectionLabel).join(", ")}); a Dynamic NAT rule serves ${tooMany.max} connection.`,
        fix: "Create one Dynamic rule per connection, or use a Static rule if the translation is 1:1.",
        values: { rule: String(r.name ?? r.path), connections: String(connections.length) },
      });
    }
    return out;
  },
};
