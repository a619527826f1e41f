import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import { natRefusedOnConnectionType, natRefusedWithPolicyBasedSelectors } from "../../../core/azure/nat";

/**
 * `Nat.UnsupportedConnection`: NAT rules may be attached only to site-to-site IPsec connections without
 * policy-based traffic selectors.
 * - Azure VPN Gateway NAT works on cross-premises IPsec connections; VNet-to-VNet (`Vnet2Vnet`) and
 *   ExpressRoute connections do not support it (connect two VNets over IPsec, each gateway seeing the
 *   other as a local network gateway, to use NAT between them).
 * - "NAT rules aren't supported on connections that have Use Policy Based Traffic Selectors enabled."
 * The connection constructs refuse both with the same predicates (core/azure/nat).
 *
 * Catalogue: NAT-S2S-ONLY, NAT-NO-PBTS.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
 */
export const NatUnsupportedConnection: Rule = {
  id: "Nat.UnsupportedConnection",
  severity: "error",
  description:
    "A NAT rule is attached to a connection that is not a site-to-site IPsec connection, or that uses policy-based traffic selectors.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const nat = [...c.ingressNat.map((r) => r.path), ...c.egressNat.map((r) => r.path), ...c.unresolvedNat];
      if (nat.length === 0) continue;
      if (isUnknown(c.type) || c.type === undefined) {
        out.cannotVerify(c.path, `whether NAT rules are allowed: the connection type is ${show(c.type)}`);
      } else if (natRefusedOnConnectionType(c.type)) {
        out.find({
          path: c.path,
          message: `connection type ${c.type} has NAT rules attached (${nat.join(", ")}); Azure supports NAT on site-to-site IPsec connections only.`,
          fix:
            c.type === "Vnet2Vnet"
              ? "Connect the two gateways over IPsec instead (each gateway as a local network gateway of the other) and attach the NAT rules there, or remove the NAT rules."
              : "Remove ingress_nat_rule_ids and egress_nat_rule_ids from the connection.",
          values: { type: c.type, natRules: nat.join(", ") },
        });
      }
      const pbts = c.usePolicyBasedTrafficSelectors;
      if (isUnknown(pbts)) {
        out.cannotVerify(
          c.path,
          `whether NAT rules are allowed: use_policy_based_traffic_selectors is ${pbts.unknown}`,
        );
      } else if (pbts !== undefined && natRefusedWithPolicyBasedSelectors(pbts)) {
        out.find({
          path: c.path,
          message: `${connectionLabel(c)} uses policy-based traffic selectors and has NAT rules attached (${nat.join(", ")}); Azure does not support NAT on connections with policy-based traffic selectors.`,
          fix: "Remove use_policy_based_traffic_selectors, or remove the NAT rules from the connection.",
          values: { natRules: nat.join(", ") },
        });
      }
    }
    return out;
  },
};
