import { connectivityGraph } from "../../graph";
import { NetworkM, NetworkModel, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, isVpnGateway, networkLabel } from "../labels";
import { MAX_VNET_PREFIXES_PER_VPN_GATEWAY, vnetPrefixLimitViolation } from "../../../core/azure/gateway";

/** The number of address prefixes of a network, or why it is not known. */
function prefixCount(n: NetworkM): number | string {
  const text = n.addressSpaceText;
  if (Array.isArray(text)) return text.length;
  return n.spaces.known ? n.spaces.prefixes.length : n.spaces.why;
}

/**
 * `Gateway.VnetPrefixLimit`: a VPN gateway handles at most 600 virtual network address prefixes ("VNet
 * Address Prefixes: 600 per VPN gateway"): the entries of its network's `address_space` plus those of
 * every network peered with it that uses its gateway (`use_remote_gateways`). Networks whose address
 * space is unknown at synth make the check not verifiable when the known prefixes are within the limit.
 *
 * Catalogue: PEER-GW-VNETPREFIX-LIMIT.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 */
export const GatewayVnetPrefixLimit: Rule = {
  id: "Gateway.VnetPrefixLimit",
  severity: "error",
  description: `A VPN gateway handles more than ${MAX_VNET_PREFIXES_PER_VPN_GATEWAY} virtual network address prefixes (its network's and those of the spokes that use it through gateway transit).`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    let graph: ReturnType<typeof connectivityGraph> | undefined;
    for (const g of model.gateways) {
      if (!isCreated(g) || !g.network) continue;
      graph ??= connectivityGraph(model);
      const hub = g.network;
      const spokes = new Set<NetworkM>();
      for (const p of graph.transitPeerings(hub.key)) if (p.local && p.local !== hub) spokes.add(p.local);
      let total = 0;
      const unknown: string[] = [];
      for (const n of [hub, ...spokes]) {
        const c = prefixCount(n);
        if (typeof c === "number") total += c;
        else unknown.push(`${networkLabel(n)}: ${c}`);
      }
      const over = vnetPrefixLimitViolation(total);
      if (!over && unknown.length === 0) continue;
      if (!isVpnGateway(g, out, "the number of network prefixes")) continue;
      if (!over) {
        out.cannotVerify(
          g.path,
          `whether ${gatewayLabel(g)} handles more than ${MAX_VNET_PREFIXES_PER_VPN_GATEWAY} network prefixes (${total} known): ${unknown.join("; ")}`,
        );
        continue;
      }
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} handles ${unknown.length > 0 ? "at least " : ""}${total} virtual network address prefixes (${networkLabel(hub)} and ${spokes.size} spoke(s) using it through gateway transit); a VPN gateway handles at most ${over.max}.`,
        fix: "Summarize the networks' address spaces into fewer, larger prefixes, or split the spokes over more hubs with their own gateways.",
        values: { gateway: show(g.name), network: hub.label, prefixes: String(total), max: String(over.max) },
      });
    }
    return out;
  },
};
