import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { natRefusedOnConnectionType } from "../../../core/azure/nat";

/**
 * `Nat.UnsupportedConnection`: NAT rules may be attached only to site-to-site IPsec connections.
 * Azure VPN Gateway NAT works on cross-premises IPsec connections; VNet-to-VNet (`Vnet2Vnet`) and
 * ExpressRoute connections do not support it (connect two VNets over IPsec, each gateway seeing the
 * other as a local network gateway, to use NAT between them).
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
 */
export const NatUnsupportedConnection: Rule = {
  id: "Nat.UnsupportedConnection",
  severity: "error",
  description: "A NAT rule is attached to a connection that is not a site-to-site IPsec connection.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const nat = [...c.ingressNat.map((r) => r.path), ...c.egressNat.map((r) => r.path), ...c.unresolvedNat];
      if (nat.length === 0) continue;
      if (isUnknown(c.type) || c.type === undefined) {
        out.cannotVerify(c.path, `whether NAT rules are allowed: the connection type is ${show(c.type)}`);
        continue;
      }
      if (!natRefusedOnConnectionType(c.type)) continue;
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
    return out;
  },
};
