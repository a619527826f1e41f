import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import { vpnTypeRefusesVnet2Vnet } from "../../../core/azure/gateway";

/**
 * `Connection.Type`: a connection names the other end that its type needs, and VNet-to-VNet joins
 * route-based gateways.
 * - `Vnet2Vnet` needs `peer_virtual_network_gateway_id`, `IPsec` needs `local_network_gateway_id`,
 *   `ExpressRoute` needs `express_route_circuit_id`: the azurerm provider refuses the connection at
 *   apply otherwise ("`local_network_gateway_id` must be specified when `type` is set to `IPsec`").
 * - A `PolicyBased` gateway serves site-to-site connections only ("You can only use PolicyBased VPNs
 *   for S2S connections"): a `Vnet2Vnet` connection needs `RouteBased` gateways on both ends.
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export const ConnectionType: Rule = {
  id: "Connection.Type",
  severity: "error",
  description:
    "A Vnet2Vnet connection has no peer gateway, an IPsec connection no local network gateway, an ExpressRoute connection no circuit, or a VNet-to-VNet connection joins a PolicyBased gateway.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (isUnknown(c.type) || c.type === undefined) {
        out.cannotVerify(c.path, `the connection's other end: its type is ${show(c.type)}`);
        continue;
      }
      const label = connectionLabel(c);

      const needs: Record<string, { attr: string; present: boolean; what: string; fix: string }> = {
        Vnet2Vnet: {
          attr: "peer_virtual_network_gateway_id",
          present: c.peerExpr !== undefined,
          what: "a peer gateway",
          fix: "Set peer_virtual_network_gateway_id to the other VPN gateway (or use VnetToVnetConnection).",
        },
        IPsec: {
          attr: "local_network_gateway_id",
          present: c.siteExpr !== undefined,
          what: "a local network gateway (site)",
          fix: "Set local_network_gateway_id to the site's local network gateway (or use SiteToSiteConnection).",
        },
        ExpressRoute: {
          attr: "express_route_circuit_id",
          present: c.expressRouteCircuitExpr !== undefined,
          what: "an ExpressRoute circuit",
          fix: "Set express_route_circuit_id to the ExpressRoute circuit.",
        },
      };
      const need = needs[c.type];
      if (need && !need.present) {
        out.find({
          path: c.path,
          message: `${label} has type ${c.type} but no ${need.attr}; a ${c.type} connection needs ${need.what}, and the provider refuses it at apply.`,
          fix: need.fix,
          values: { type: c.type, missing: need.attr },
        });
      }
      if (c.type !== "Vnet2Vnet") continue;
      const ends: [string, GatewayM | undefined, string | undefined][] = [
        ["gateway", c.gateway, c.gatewayExpr],
        ["peer gateway", c.peerGateway, c.peerExpr],
      ];
      for (const [role, gw, expr] of ends) {
        if (!gw) {
          if (expr !== undefined)
            out.cannotVerify(
              c.path,
              `whether the ${role} (${expr}) of the VNet-to-VNet connection is RouteBased: it cannot be resolved at synth`,
            );
          continue;
        }
        if (isUnknown(gw.vpnType)) {
          out.cannotVerify(
            c.path,
            `whether ${gatewayLabel(gw)} is RouteBased: vpn_type is ${gw.vpnType.unknown}`,
          );
          continue;
        }
        // The provider's default vpn_type is RouteBased.
        if (typeof gw.vpnType !== "string" || !vpnTypeRefusesVnet2Vnet(gw.vpnType)) continue;
        out.find({
          path: c.path,
          message: `${label} is a VNet-to-VNet connection, but its ${role} ${String(gw.name ?? gw.path)} is PolicyBased; PolicyBased gateways serve site-to-site connections only.`,
          fix: `Use a RouteBased gateway instead of ${gatewayLabel(gw)} (the VPN type cannot be changed: recreate the gateway), or connect with an IPsec site-to-site connection.`,
          values: { type: c.type, gateway: String(gw.name ?? gw.path), vpnType: "PolicyBased" },
        });
      }
    }
    return out;
  },
};
