import { NetworkModel, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, isVpnGateway } from "../labels";
import {
  SMALLEST_TUNNEL_LIMIT,
  isPolicyBased,
  skuListText,
  skusWithMoreTunnels,
  tunnelLimitViolation,
  tunnelLimitsText,
} from "../../../core/azure/gateway";

const TUNNEL_TYPES = ["IPsec", "Vnet2Vnet"];

/**
 * `Gateway.TunnelLimit`: a VPN gateway supports a number of site-to-site and VNet-to-VNet tunnels that
 * depends on its SKU: Basic 10, VpnGw1-3 and VpnGw1AZ-3AZ 30, VpnGw4-5 and VpnGw4AZ-5AZ 100 ("If you
 * need more than 100 S2S VPN tunnels, use Virtual WAN"). Each IPsec and Vnet2Vnet connection the
 * configuration creates on the gateway counts as a tunnel; connections created elsewhere are not known,
 * so the count is a lower bound. A PolicyBased gateway's single tunnel is `Gateway.PolicyBasedLimits`.
 * Connections whose type is unknown at synth make the check not verifiable when they could tip it.
 *
 * Catalogue: CONN-TUNNEL-LIMIT.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export const GatewayTunnelLimit: Rule = {
  id: "Gateway.TunnelLimit",
  severity: "error",
  description: `A VPN gateway has more site-to-site and VNet-to-VNet connections than its SKU supports (${tunnelLimitsText()}).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || g.connections.length === 0) continue;
      if (typeof g.vpnType === "string" && isPolicyBased(g.vpnType)) continue;
      let known = 0;
      let unknown = 0;
      for (const c of g.connections) {
        if (typeof c.type !== "string") unknown++;
        else if (TUNNEL_TYPES.some((t) => is(c.type, t))) known++;
      }
      if (known + unknown <= SMALLEST_TUNNEL_LIMIT) continue;
      if (!isVpnGateway(g, out, "the number of tunnels")) continue;
      if (typeof g.sku !== "string") {
        out.cannotVerify(
          g.path,
          `whether ${gatewayLabel(g)} supports ${known} tunnels: its sku is ${show(g.sku)}`,
        );
        continue;
      }
      const over = tunnelLimitViolation(g.sku, known);
      if (!over) {
        if (unknown > 0 && tunnelLimitViolation(g.sku, known + unknown))
          out.cannotVerify(
            g.path,
            `whether ${gatewayLabel(g)} (sku ${g.sku}) has more tunnels than it supports: ${unknown} connection(s) have a type unknown at synth`,
          );
        continue;
      }
      const bigger = skusWithMoreTunnels(over.max);
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} (sku ${g.sku}) has at least ${known} site-to-site and VNet-to-VNet connections; the ${g.sku} SKU supports ${over.max} tunnels.`,
        fix:
          bigger.length > 0
            ? `Use a SKU that supports more tunnels (${skuListText(bigger)}), or spread the connections over more gateways.`
            : "Spread the connections over more gateways, or use Virtual WAN.",
        values: { gateway: show(g.name), sku: g.sku, tunnels: String(known), max: String(over.max) },
      });
    }
    return out;
  },
};
