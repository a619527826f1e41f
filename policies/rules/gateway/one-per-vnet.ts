import { GatewayM, NetworkModel, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, networkLabel } from "../labels";

/**
 * `Gateway.OnePerVnet`: a virtual network has at most one virtual network gateway of each type: one
 * VPN gateway and one ExpressRoute gateway, both in its GatewaySubnet ("each virtual network can
 * only have one virtual network gateway of each type"). Gateways read by data sources count too (a
 * new one beside an existing one fails); findings are reported on the ones this configuration creates.
 *
 * Catalogue: GW-SUBNET-ONE-PER-VNET.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwtype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const GatewayOnePerVnet: Rule = {
  id: "Gateway.OnePerVnet",
  severity: "error",
  description: "A virtual network has two virtual network gateways of the same type (two VPN gateways).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwtype",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      if (n.gateways.length < 2) continue;
      const byType = new Map<string, GatewayM[]>();
      for (const g of n.gateways) {
        if (typeof g.type !== "string") {
          out.cannotVerify(
            g.path,
            `whether ${networkLabel(n)} has two gateways of one type: the type of ${gatewayLabel(g)} is ${show(g.type)}`,
          );
          continue;
        }
        const k = g.type.toLowerCase();
        byType.set(k, [...(byType.get(k) ?? []), g]);
      }
      for (const list of byType.values()) {
        if (list.length < 2) continue;
        const sorted = list.slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        const [first, ...rest] = sorted;
        for (const g of rest) {
          out.find({
            path: g.path,
            message: `${networkLabel(n)} has ${list.length} ${String(g.type)} gateways (${sorted.map(gatewayLabel).join(", ")}); Azure allows one gateway of each type per virtual network, so creating ${gatewayLabel(g)} fails.`,
            fix: `Connect more sites or networks through ${gatewayLabel(first)} instead of creating a second gateway, or put the gateway in another virtual network.`,
            values: {
              network: n.label,
              gateway: show(g.name),
              otherGateway: show(first.name),
              type: String(g.type),
            },
          });
        }
      }
    }
    return out;
  },
};
