import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import { routingWeightDiscouraged } from "../../../core/azure/connection";

/**
 * `Connection.RoutingWeight`: `routing_weight` on an IPsec or VNet-to-VNet connection. "Can I use the
 * RoutingWeight property when creating a new VPN VirtualNetworkGateway connection? No. Such a setting is
 * reserved for ExpressRoute gateway connections. If you want to influence routing decisions between
 * multiple connections, you need to use AS path prepending." ARM accepts and stores the value (the
 * provider validates 0-32000 only), so this is a warning, never an error (2026-12 correction). Our
 * constructs never set it.
 *
 * Catalogue: CONN-ROUTING-WEIGHT.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 */
export const ConnectionRoutingWeight: Rule = {
  id: "Connection.RoutingWeight",
  severity: "warning",
  description:
    "An IPsec or VNet-to-VNet connection sets routing_weight, which Microsoft reserves for ExpressRoute connections (use AS-path prepending with BGP).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const weight = c.routingWeight;
      if (weight === undefined) continue;
      if (isUnknown(c.type)) {
        out.cannotVerify(c.path, `whether routing_weight applies: the connection type is ${c.type.unknown}`);
        continue;
      }
      if (typeof c.type !== "string" || !routingWeightDiscouraged(c.type)) continue;
      const shown = isUnknown(weight) ? weight.unknown : String(weight);
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} has type ${c.type} and sets routing_weight ${shown}; Azure stores it but reserves routing weights for ExpressRoute connections, so it does not steer VPN traffic.`,
        fix: "Remove routing_weight; to prefer one VPN connection over another, enable BGP and prepend AS paths on the less preferred one.",
        values: { type: c.type, routingWeight: shown },
      });
    }
    return out;
  },
};
