import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, siteLabel } from "../labels";
import { ASN_RANGE, asnViolation, privateAsnRangesText, reservedAsnsText } from "../../../core/azure/bgp";

const FIX = `Use another ASN, e.g. a private one in ${privateAsnRangesText()}.`;

/**
 * `Bgp.ReservedAsn`: the BGP ASN of a VPN gateway (`bgp_settings.asn`) or of a site
 * (`azurerm_local_network_gateway.bgp_settings.asn`) must be an ASN (1 to 4294967295; 0 is invalid) and
 * not one Azure or IANA reserves, nor 65516 (in neither Microsoft's reserved list nor its usable private
 * ranges). The constructs refuse the same ASNs with the same predicate.
 *
 * Catalogue: BGP-ASN-RESERVED-AZURE, BGP-ASN-RESERVED-IANA, BGP-ASN-PRIVATE-RANGE.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpReservedAsn: Rule = {
  id: "Bgp.ReservedAsn",
  severity: "error",
  description: `A gateway or a site uses a BGP ASN that is not valid (outside ${ASN_RANGE.min}-${ASN_RANGE.max}) or is ${reservedAsnsText()}.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const check = (path: string, label: string, asn: unknown, site: boolean) => {
      if (asn === undefined) return;
      if (isUnknown(asn)) {
        out.cannotVerify(path, `whether the BGP ASN of ${label} is reserved: it is ${asn.unknown}`);
        return;
      }
      if (typeof asn !== "number") return;
      const problem = asnViolation(asn, site ? "site" : "gateway");
      if (!problem) return;
      const why =
        problem.kind === "invalid"
          ? `not a valid ASN (ASNs are integers from ${problem.min} to ${problem.max})`
          : problem.reserved.why;
      out.find({
        path,
        message: `${label} has BGP ASN ${asn}, which is ${why}; Azure refuses it${site && problem.kind === "reserved" ? " for on-premises peers" : ""}.`,
        fix: FIX,
        values: { [site ? "site" : "gateway"]: label, asn: String(asn) },
      });
    };
    for (const g of model.gateways) if (isCreated(g)) check(g.path, gatewayLabel(g), g.bgpAsn, false);
    for (const s of model.sites) if (isCreated(s)) check(s.path, siteLabel(s), s.bgpAsn, true);
    return out;
  },
};
