import { ConnectionM, GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import { vpnTypeRefusesVnet2Vnet } from "../../../core/azure/gateway";
import {
  CONNECTION_END,
  ConnectionEnd,
  ConnectionTypeName,
  connectionEndRefused,
  connectionGatewayTypeViolation,
  expressRouteSettingsRefused,
  ipsecSettingsRefused,
} from "../../../core/azure/connection";

/** The attribute that names each other end, and how a message says it. */
const ENDS: Readonly<Record<ConnectionEnd, { readonly attr: string; readonly what: string }>> = {
  site: { attr: "local_network_gateway_id", what: "a local network gateway (site)" },
  peerGateway: { attr: "peer_virtual_network_gateway_id", what: "a peer gateway" },
  circuit: { attr: "express_route_circuit_id", what: "an ExpressRoute circuit" },
};

const NEEDS_FIX: Readonly<Record<ConnectionTypeName, string>> = {
  Vnet2Vnet: "Set peer_virtual_network_gateway_id to the other VPN gateway (or use VnetToVnetConnection).",
  IPsec: "Set local_network_gateway_id to the site's local network gateway (or use SiteToSiteConnection).",
  ExpressRoute: "Set express_route_circuit_id to the ExpressRoute circuit.",
};

/**
 * `Connection.Type`: a connection names the other end its type needs, and only that one; it sits on
 * gateways of the type its own type terminates on; and VNet-to-VNet joins route-based gateways.
 * - `Vnet2Vnet` needs `peer_virtual_network_gateway_id`, `IPsec` needs `local_network_gateway_id`,
 *   `ExpressRoute` needs `express_route_circuit_id`: the azurerm provider refuses the connection at
 *   apply otherwise ("`local_network_gateway_id` must be specified when `type` is set to `IPsec`").
 * - The other ends, and the ExpressRoute settings (`authorization_key`, `express_route_gateway_bypass`,
 *   `private_link_fast_path_enabled`) on an IPsec or Vnet2Vnet connection, are refused ("Set only the
 *   peer attribute that matches the type").
 * - An IPsec or Vnet2Vnet connection on (or to) an ExpressRoute gateway, or an ExpressRoute connection
 *   on a VPN gateway: an ExpressRoute gateway does not terminate IPsec tunnels.
 * - A custom IPsec/IKE policy or policy-based traffic selectors on an ExpressRoute connection: "IPsec/IKE
 *   policy applies only to S2S and VNet-to-VNet connections".
 * - A `PolicyBased` gateway serves site-to-site connections only ("You can only use PolicyBased VPNs
 *   for S2S connections"): a `Vnet2Vnet` connection needs `RouteBased` gateways on both ends.
 * Our constructs create IPsec and Vnet2Vnet connections on VPN gateways with their own other end only.
 *
 * Catalogue: CONN-TYPE-IPSEC-LNG, CONN-TYPE-V2V-PEER, CONN-TYPE-EXCLUSIVE, GW-TYPE, IPSEC-NOT-ER, V2V-ROUTEBASED.
 * Catalogue (partly): GW-V2V-ROUTEBASED.
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export const ConnectionType: Rule = {
  id: "Connection.Type",
  severity: "error",
  description:
    "A connection lacks the other end its type needs (peer gateway, local network gateway, circuit) or names another type's, sets ExpressRoute settings on a VPN connection or IPsec settings on an ExpressRoute one, sits on a gateway of the wrong type, or joins a PolicyBased gateway VNet-to-VNet.",
  source:
    "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (isUnknown(c.type) || c.type === undefined) {
        out.cannotVerify(c.path, `the connection's other end: its type is ${show(c.type)}`);
        continue;
      }
      const type = c.type;
      const known = CONNECTION_END[type as ConnectionTypeName] !== undefined;
      if (!known) continue;
      const label = connectionLabel(c);
      const present: Record<ConnectionEnd, boolean> = {
        site: c.siteExpr !== undefined,
        peerGateway: c.peerExpr !== undefined,
        circuit: c.expressRouteCircuitExpr !== undefined,
      };
      const own = ENDS[CONNECTION_END[type as ConnectionTypeName]];
      if (!present[CONNECTION_END[type as ConnectionTypeName]]) {
        out.find({
          path: c.path,
          message: `${label} has type ${type} but no ${own.attr}; a ${type} connection needs ${own.what}, and the provider refuses it at apply.`,
          fix: NEEDS_FIX[type as ConnectionTypeName],
          values: { type, missing: own.attr },
        });
      }
      for (const end of Object.keys(ENDS) as ConnectionEnd[]) {
        if (!present[end] || connectionEndRefused(type, end) !== true) continue;
        out.find({
          path: c.path,
          message: `${label} has type ${type} and sets ${ENDS[end].attr}; a ${type} connection takes ${own.what} (${own.attr}) only.`,
          fix: `Remove ${ENDS[end].attr}, or make the connection the type that takes ${ENDS[end].what}.`,
          values: { type, attribute: ENDS[end].attr },
        });
      }
      if (expressRouteSettingsRefused(type)) expressRouteSettings(c, label, out);
      if (ipsecSettingsRefused(type)) ipsecSettings(c, label, out);
      gatewayTypes(c, label, out);
      if (type === "Vnet2Vnet") routeBasedEnds(c, label, out);
    }
    return out;
  },
};

/** ExpressRoute settings on an IPsec or Vnet2Vnet connection. */
function expressRouteSettings(c: ConnectionM, label: string, out: Outcome): void {
  const set: string[] = [];
  if (c.authorizationKeySet) set.push("authorization_key");
  for (const [attr, v] of [
    ["express_route_gateway_bypass", c.expressRouteGatewayBypass],
    ["private_link_fast_path_enabled", c.privateLinkFastPathEnabled],
  ] as const) {
    if (isUnknown(v))
      out.cannotVerify(c.path, `whether ${attr} is set on a ${show(c.type)} connection: it is ${v.unknown}`);
    else if (v === true) set.push(attr);
  }
  if (set.length === 0) return;
  out.find({
    path: c.path,
    message: `${label} has type ${show(c.type)} and sets ${set.join(", ")}, which belong to ExpressRoute connections only.`,
    fix: `Remove ${set.join(", ")} from the connection.`,
    values: { type: show(c.type), attributes: set.join(", ") },
  });
}

/** A custom IPsec/IKE policy or policy-based traffic selectors on an ExpressRoute connection. */
function ipsecSettings(c: ConnectionM, label: string, out: Outcome): void {
  const set: string[] = [];
  if (c.ipsecPolicies.length > 0) set.push("ipsec_policy");
  if (c.trafficSelectorPolicyCount > 0) set.push("traffic_selector_policy");
  const pbts = c.usePolicyBasedTrafficSelectors;
  if (isUnknown(pbts))
    out.cannotVerify(
      c.path,
      `whether use_policy_based_traffic_selectors is set on an ExpressRoute connection: it is ${pbts.unknown}`,
    );
  else if (pbts === true) set.push("use_policy_based_traffic_selectors");
  if (set.length === 0) return;
  out.find({
    path: c.path,
    message: `${label} has type ExpressRoute and sets ${set.join(", ")}; custom IPsec/IKE policies and traffic selectors apply to site-to-site and VNet-to-VNet connections only.`,
    fix: `Remove ${set.join(", ")} from the ExpressRoute connection.`,
    values: { type: "ExpressRoute", attributes: set.join(", ") },
  });
}

/** The gateway (and a Vnet2Vnet connection's peer gateway) is of the type the connection terminates on. */
function gatewayTypes(c: ConnectionM, label: string, out: Outcome): void {
  const ends: [string, GatewayM | undefined, string | undefined][] = [["gateway", c.gateway, c.gatewayExpr]];
  if (c.type === "Vnet2Vnet") ends.push(["peer gateway", c.peerGateway, c.peerExpr]);
  for (const [role, gw, expr] of ends) {
    if (!gw) {
      if (expr !== undefined)
        out.cannotVerify(
          c.path,
          `whether the ${role} (${expr}) is of the type a ${show(c.type)} connection needs: it cannot be resolved at synth`,
        );
      continue;
    }
    if (isUnknown(gw.type) || (gw.type === undefined && gw.source?.mode === "data")) {
      out.cannotVerify(
        c.path,
        `whether ${gatewayLabel(gw)} is of the type a ${show(c.type)} connection needs: its type is ${isUnknown(gw.type) ? gw.type.unknown : "read at plan"}`,
      );
      continue;
    }
    if (typeof gw.type !== "string") continue;
    const wrong = connectionGatewayTypeViolation(c.type as string, gw.type);
    if (!wrong) continue;
    out.find({
      path: c.path,
      message: `${label} has type ${show(c.type)}, but its ${role} ${String(gw.name ?? gw.path)} has type ${gw.type}; a ${show(c.type)} connection terminates on a ${wrong.expected} gateway.`,
      fix:
        wrong.expected === "Vpn"
          ? `Connect through a VPN gateway (type Vpn) instead of ${gatewayLabel(gw)}; an ExpressRoute gateway does not terminate IPsec tunnels.`
          : `Create the ExpressRoute connection on an ExpressRoute gateway instead of ${gatewayLabel(gw)}.`,
      values: { type: show(c.type), gateway: String(gw.name ?? gw.path), gatewayType: gw.type },
    });
  }
}

/** Both ends of a VNet-to-VNet connection are route-based. */
function routeBasedEnds(c: ConnectionM, label: string, out: Outcome): void {
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
      values: { type: "Vnet2Vnet", gateway: String(gw.name ?? gw.path), vpnType: "PolicyBased" },
    });
  }
}
