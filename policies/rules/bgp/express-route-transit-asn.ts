import { AZURE_GATEWAY_DEFAULT_ASN, expressRouteTransitAsnViolation } from "../../../core/azure/bgp";
import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, networkLabel } from "../labels";

/**
 * `Bgp.ExpressRouteTransitAsn`: transit between ExpressRoute and VPN goes through Azure Route Server with
 * branch-to-branch traffic on, and then the VPN gateway's ASN must stay Azure's default 65515 ("If you
 * want to use transit routing between ExpressRoute and VPN, the ASN of Azure VPN Gateway must be set to
 * 65515, and Azure Route Server should be used"). Reported on a VPN gateway with another
 * `bgp_settings.asn` in a network that also has an ExpressRoute gateway and a Route Server with
 * `branch_to_branch_traffic_enabled = true`.
 *
 * Catalogue: BGP-ASN-ER-TRANSIT.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager
 */
export const BgpExpressRouteTransitAsn: Rule = {
  id: "Bgp.ExpressRouteTransitAsn",
  severity: "error",
  description: `A VPN gateway with an ASN other than ${AZURE_GATEWAY_DEFAULT_ASN} in a network whose Route Server carries ExpressRoute-VPN transit (branch-to-branch traffic on, with an ExpressRoute gateway).`,
  source: "https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      if (n.gateways.length < 2) continue;
      const er = n.gateways.find((g) => is(g.type, "ExpressRoute"));
      if (!er) continue;
      let branch: boolean | string = false;
      for (const sub of n.subnets)
        for (const a of sub.attachments) {
          if (a.type !== "azurerm_route_server") continue;
          if (a.branchToBranch === true) branch = true;
          else if (isUnknown(a.branchToBranch) && branch === false) branch = a.branchToBranch.unknown;
        }
      if (branch === false) continue;
      for (const g of n.gateways) {
        if (!isCreated(g) || !is(g.type, "Vpn")) continue;
        if (isUnknown(g.bgpAsn)) {
          out.cannotVerify(
            g.path,
            `whether ${gatewayLabel(g)} keeps ASN ${AZURE_GATEWAY_DEFAULT_ASN} for ExpressRoute transit: its ASN is ${g.bgpAsn.unknown}`,
          );
          continue;
        }
        if (!expressRouteTransitAsnViolation(g.bgpAsn)) continue;
        if (typeof branch === "string") {
          out.cannotVerify(
            g.path,
            `whether ${gatewayLabel(g)} (ASN ${show(g.bgpAsn)}) carries ExpressRoute transit: the Route Server's branch_to_branch_traffic_enabled is ${branch}`,
          );
          continue;
        }
        out.find({
          path: g.path,
          message: `${gatewayLabel(g)} has BGP ASN ${show(g.bgpAsn)} in ${networkLabel(n)}, whose Route Server carries transit between ExpressRoute (${gatewayLabel(er)}) and VPN; the VPN gateway's ASN must stay ${AZURE_GATEWAY_DEFAULT_ASN} for that transit.`,
          fix: `Leave bgp_settings.asn at ${AZURE_GATEWAY_DEFAULT_ASN} (or unset), or turn branch_to_branch_traffic_enabled off if no ExpressRoute-VPN transit is wanted.`,
          values: { gateway: show(g.name), asn: show(g.bgpAsn), network: n.label },
        });
      }
    }
    return out;
  },
};
