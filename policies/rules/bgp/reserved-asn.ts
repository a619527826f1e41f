import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, siteLabel } from "../labels";
import { reservedAsn } from "../../../core/azure/bgp";

const FIX = "Use another ASN, e.g. a private one in 64512-65514 or 65521-65534.";

/**
 * `Bgp.ReservedAsn`: the BGP ASN of a VPN gateway (`bgp_settings.asn`) or of a site
 * (`azurerm_local_network_gateway.bgp_settings.asn`) must not be one Azure or IANA reserves.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpReservedAsn: Rule = {
  id: "Bgp.ReservedAsn",
  severity: "error",
  description:
    "A gateway or a site uses a BGP ASN reserved by Azure (8074, 8075, 12076, 65517-65520; 65515 for sites) or IANA (23456, 64496-64511, 65535-65551, 4294967295).",
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
      const r = reservedAsn(asn, site);
      if (!r) return;
      out.find({
        path,
        message: `${label} has BGP ASN ${asn}, which is ${r.why}; Azure refuses it${site ? " for on-premises peers" : ""}.`,
        fix: FIX,
        values: { [site ? "site" : "gateway"]: label, asn: String(asn) },
      });
    };
    for (const g of model.gateways) if (isCreated(g)) check(g.path, gatewayLabel(g), g.bgpAsn, false);
    for (const s of model.sites) if (isCreated(s)) check(s.path, siteLabel(s), s.bgpAsn, true);
    return out;
  },
};
