import { Prefix } from "../../../core/cidr";
import { GatewayM, NetworkM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule, RuleFinding } from "../../rule";
import { gatewayLabel, is, isCreated, networkLabel, subnetLabel } from "../labels";
import {
  CoexistenceViolation,
  GATEWAY_SUBNET_MINIMUM,
  GATEWAY_TYPES,
  VPN_TYPES,
  coexistenceViolations,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

/**
 * `Gateway.Coexistence`: a network with both an ExpressRoute and a VPN gateway (ExpressRoute and
 * site-to-site coexistence) needs a VPN gateway that is not Basic ("Basic SKU gateway is not
 * supported"), is RouteBased ("Only route-based VPN gateway is supported") and a GatewaySubnet of /27
 * or larger (an ExpressRoute gateway added to a smaller one fails). Basic public IPs, also refused, can
 * no longer be created at all (`Gateway.PublicIp`). Values unknown at synth are not verifiable.
 *
 * Catalogue: MISC-COEXIST-BASIC.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager
 */
export const GatewayCoexistence: Rule = {
  id: "Gateway.Coexistence",
  severity: "error",
  description: `A network has an ExpressRoute gateway and a VPN gateway that is ${skuListText(vpnSkusWhere((f) => !f.expressRouteCoexistence))} or ${VPN_TYPES.policyBased}, or a GatewaySubnet smaller than /${GATEWAY_SUBNET_MINIMUM}.`,
  source: "https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      if (n.gateways.length < 2) continue;
      const er = n.gateways.find((g) => is(g.type, GATEWAY_TYPES.expressRoute));
      if (!er) continue;
      for (const vpn of n.gateways) {
        if (!is(vpn.type, GATEWAY_TYPES.vpn) || (!isCreated(vpn) && !isCreated(er))) continue;
        checkPair(n, er, vpn, out);
      }
    }
    return out;
  },
};

function checkPair(n: NetworkM, er: GatewayM, vpn: GatewayM, out: Outcome): void {
  const what = (x: string) =>
    `whether ${gatewayLabel(vpn)} may share ${networkLabel(n)} with ExpressRoute ${gatewayLabel(er)}: ${x}`;
  if (isUnknown(vpn.sku)) out.cannotVerify(vpn.path, what(`its sku is ${vpn.sku.unknown}`));
  if (isUnknown(vpn.vpnType)) out.cannotVerify(vpn.path, what(`its vpn_type is ${vpn.vpnType.unknown}`));
  const subnet = vpn.ipConfigurations.map((ic) => ic.subnet).find((s) => s !== undefined);
  let shortest: Prefix | undefined;
  const prefixes = subnet?.prefixes;
  if (prefixes && !prefixes.known) out.cannotVerify(vpn.path, what(prefixes.why));
  else if (prefixes?.known)
    for (const p of prefixes.prefixes)
      if (p.family === 4 && (shortest === undefined || p.length > shortest.length)) shortest = p;
  const found = coexistenceViolations({
    sku: typeof vpn.sku === "string" ? vpn.sku : undefined,
    vpnType: typeof vpn.vpnType === "string" ? vpn.vpnType : undefined,
    gatewaySubnetLength: shortest?.length,
  });
  for (const v of found)
    out.find(finding(n, er, vpn, v, subnet ? `${subnetLabel(subnet)} (${shortest?.text})` : ""));
}

function finding(
  n: NetworkM,
  er: GatewayM,
  vpn: GatewayM,
  v: CoexistenceViolation,
  subnet: string,
): RuleFinding {
  const both = `${networkLabel(n)} has ExpressRoute ${gatewayLabel(er)} and VPN ${gatewayLabel(vpn)}`;
  const values = { network: n.label, expressRouteGateway: show(er.name), vpnGateway: show(vpn.name) };
  switch (v.kind) {
    case "sku":
      return {
        path: vpn.path,
        message: `${both}, whose sku is ${show(vpn.sku)}; ExpressRoute and VPN gateways coexist only with a VPN SKU other than ${show(vpn.sku)}.`,
        fix: `Use a VPN SKU such as ${skuListText(v.supportedBy)}.`,
        values: { ...values, sku: show(vpn.sku) },
      };
    case "policy-based":
      return {
        path: vpn.path,
        message: `${both}, which is ${show(vpn.vpnType)}; ExpressRoute and VPN gateways coexist only with a ${v.required} VPN gateway.`,
        fix: `Set vpn_type = "${v.required}" (policy-based devices can still connect with use_policy_based_traffic_selectors).`,
        values: { ...values, vpnType: show(vpn.vpnType) },
      };
    case "gateway-subnet":
      return {
        path: vpn.path,
        message: `${both} in ${subnet}; ExpressRoute and VPN gateways coexist only in a GatewaySubnet of /${v.minimum} or larger.`,
        fix: `Give GatewaySubnet a /${v.minimum} or larger prefix.`,
        values: { ...values, minimum: `/${v.minimum}` },
      };
  }
}
