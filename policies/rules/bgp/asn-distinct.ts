import { ConnectionM, GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, siteLabel } from "../labels";
import {
  AZURE_GATEWAY_DEFAULT_ASN,
  effectiveGatewayAsn,
  privateAsnRangesText,
  sameBgpAsn,
} from "../../../core/azure/bgp";

/** The ASN a gateway has in BGP, or its unknown expression. */
function asnOf(g: GatewayM): number | string {
  return isUnknown(g.bgpAsn) ? g.bgpAsn.unknown : effectiveGatewayAsn(g.bgpAsn);
}

/**
 * `Bgp.AsnDistinct`: the two ends of a BGP connection have different ASNs. On a site-to-site connection
 * with BGP the site's ASN differs from its gateway's; on a VNet-to-VNet connection with BGP the two
 * gateways' ASNs differ, so they cannot both keep Azure's default 65515 (a gateway without
 * `bgp_settings.asn` has 65515). The sessions do not come up otherwise. The connection constructs refuse
 * the same ASNs with the same predicate.
 *
 * Catalogue: BGP-ASN-DISTINCT.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpAsnDistinct: Rule = {
  id: "Bgp.AsnDistinct",
  severity: "error",
  description: `A BGP connection joins two ends with the same ASN: a site and its gateway, or two gateways (both keeping Azure's default ${AZURE_GATEWAY_DEFAULT_ASN} included).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (!isCreated(c) || c.bgpEnabled === false || c.bgpEnabled === undefined || !c.gateway) continue;
      if (is(c.type, "IPsec") && c.site) {
        const site = c.site;
        if (site.bgp === undefined) continue;
        check(
          c,
          `${gatewayLabel(c.gateway)}`,
          asnOf(c.gateway),
          siteLabel(site),
          isUnknown(site.bgpAsn) ? site.bgpAsn.unknown : site.bgpAsn,
          out,
        );
      } else if (is(c.type, "Vnet2Vnet") && c.peerGateway) {
        check(
          c,
          gatewayLabel(c.gateway),
          asnOf(c.gateway),
          gatewayLabel(c.peerGateway),
          asnOf(c.peerGateway),
          out,
        );
      }
    }
    return out;
  },
};

function check(
  c: ConnectionM,
  a: string,
  asnA: number | string,
  b: string,
  asnB: number | string | undefined,
  out: Outcome,
): void {
  if (asnB === undefined) return;
  if (typeof asnA !== "number" || typeof asnB !== "number") {
    out.cannotVerify(
      c.path,
      `whether ${a} and ${b} have different ASNs: ${typeof asnA !== "number" ? asnA : asnB} is unknown at synth`,
    );
    return;
  }
  if (!sameBgpAsn(asnA, asnB)) return;
  if (isUnknown(c.bgpEnabled)) {
    out.cannotVerify(
      c.path,
      `whether connection ${show(c.name)} joins two BGP speakers with ASN ${asnA}: bgp_enabled is ${c.bgpEnabled.unknown}`,
    );
    return;
  }
  out.find({
    path: c.path,
    message: `connection ${show(c.name)} has BGP between ${a} and ${b}, which both have ASN ${asnA}${asnA === AZURE_GATEWAY_DEFAULT_ASN ? " (Azure's default)" : ""}; the two ends of a BGP session need different ASNs.`,
    fix: `Give one end another ASN (bgp_settings.asn), e.g. a private one in ${privateAsnRangesText()}.`,
    values: { connection: show(c.name), asn: String(asnA) },
  });
}
