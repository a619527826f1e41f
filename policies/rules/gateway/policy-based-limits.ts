import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, isVpnGateway } from "../labels";
import {
  IKE_VERSIONS,
  POLICY_BASED_LIMITS,
  VPN_TYPES,
  ikeVersionViolation,
  isPolicyBased,
} from "../../../core/azure/gateway";

const IPSEC = "IPsec";

/**
 * `Gateway.PolicyBasedLimits`: what a PolicyBased VPN gateway does not offer, beyond its SKU (Basic, in
 * `Gateway.SkuFeature`) and VNet-to-VNet (in `Connection.Type`):
 * - one site-to-site tunnel: two or more IPsec connections ("multi-site") need a RouteBased gateway;
 * - no point-to-site: `vpn_client_configuration` needs a RouteBased gateway;
 * - IKEv1 only: a connection with `connection_protocol = "IKEv2"`. Left unset, Azure uses IKEv1 on a
 *   PolicyBased gateway (our connection constructs write IKEv1 there).
 * A `vpn_type` unknown at synth is not verifiable when one of these would apply.
 *
 * Catalogue: GW-POLICYBASED-LIMITS, GW-V2V-ROUTEBASED.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const GatewayPolicyBasedLimits: Rule = {
  id: "Gateway.PolicyBasedLimits",
  severity: "error",
  description: `A PolicyBased VPN gateway has more than ${POLICY_BASED_LIMITS.siteToSiteTunnels} site-to-site connection, a point-to-site configuration, or a connection with connection_protocol ${IKE_VERSIONS.v2} (PolicyBased takes ${POLICY_BASED_LIMITS.ikeVersions.join(", ")} only).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      const problems = collect(g);
      if (problems.length === 0) continue;
      if (!isVpnGateway(g, out, "the PolicyBased limits")) continue;
      if (isUnknown(g.vpnType)) {
        out.cannotVerify(
          g.path,
          `whether ${gatewayLabel(g)} is PolicyBased (${problems.map((p) => p.what).join("; ")}): vpn_type is ${g.vpnType.unknown}`,
        );
        continue;
      }
      if (typeof g.vpnType !== "string" || !isPolicyBased(g.vpnType)) continue;
      for (const p of problems)
        out.find({
          path: p.path,
          message: `${p.what}; ${p.why}.`,
          fix: p.fix,
          values: { gateway: show(g.name), vpnType: g.vpnType, ...p.values },
        });
    }
    return out;
  },
};

interface Problem {
  readonly path: string;
  readonly what: string;
  readonly why: string;
  readonly fix: string;
  readonly values: Record<string, string>;
}

/** What would be refused if the gateway were PolicyBased. */
function collect(g: GatewayM): Problem[] {
  const out: Problem[] = [];
  const ipsec = g.connections.filter((c) => is(c.type, IPSEC));
  const max = POLICY_BASED_LIMITS.siteToSiteTunnels;
  if (ipsec.length > max) {
    out.push({
      path: g.path,
      what: `${gatewayLabel(g)} (${VPN_TYPES.policyBased}) has ${ipsec.length} site-to-site connections (${ipsec.map((c) => c.path).join(", ")})`,
      why: `a PolicyBased gateway supports ${max} site-to-site tunnel; multi-site connections need a RouteBased gateway`,
      fix: `Set vpn_type = "${VPN_TYPES.routeBased}" on the gateway (with a SKU that offers it; policy-based devices can still connect with use_policy_based_traffic_selectors), or keep one connection.`,
      values: { connections: String(ipsec.length) },
    });
  }
  if (g.pointToSite !== undefined && !POLICY_BASED_LIMITS.pointToSite) {
    out.push({
      path: g.path,
      what: `${gatewayLabel(g)} (${VPN_TYPES.policyBased}) has a vpn_client_configuration`,
      why: "point-to-site needs a RouteBased gateway",
      fix: `Set vpn_type = "${VPN_TYPES.routeBased}" on the gateway (with a SKU that offers it), or remove vpn_client_configuration.`,
      values: { pointToSite: "vpn_client_configuration" },
    });
  }
  for (const c of g.connections) {
    if (typeof c.connectionProtocol !== "string") continue;
    const wrong = ikeVersionViolation(undefined, VPN_TYPES.policyBased, c.connectionProtocol);
    if (wrong?.kind !== "policy-based-ikev1-only") continue;
    out.push({
      path: c.path,
      what: `connection ${show(c.name)} of ${gatewayLabel(g)} (${VPN_TYPES.policyBased}) has connection_protocol ${c.connectionProtocol}`,
      why: `a PolicyBased gateway takes ${wrong.allowed.join(", ")} only`,
      fix: `Set connection_protocol = "${wrong.allowed[0]}" (or leave it out), or make the gateway ${VPN_TYPES.routeBased}.`,
      values: { connection: show(c.name), connectionProtocol: c.connectionProtocol },
    });
  }
  return out;
}
