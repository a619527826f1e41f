import { NetworkModel, isUnknown } from "../model";
import { Outcome, Rule } from "../rule";
import { gatewayLabel, isCreated, siteLabel } from "./gateway-facts";

interface Reserved {
  readonly from: number;
  readonly to: number;
  readonly why: string;
  /** Reserved for sites only: Azure's VPN gateways use 65515 themselves (their default ASN). */
  readonly sitesOnly?: boolean;
}

/**
 * ASNs Azure refuses, from the VPN Gateway FAQ. Azure's own: public 8074, 8075, 12076; private
 * 65515, 65517-65520. IANA-reserved: 23456, 64496-64511, 65535-65551 and the FAQ's "429496729"
 * (listed literally; 4294967295, the reserved last 32-bit ASN, is blocked as well). 65515 is every
 * Azure VPN gateway's default ASN, so it is refused for sites only. 65516, in neither Microsoft's
 * reserved list nor its usable private ranges, is left alone.
 */
const RESERVED: readonly Reserved[] = [
  { from: 8074, to: 8075, why: "reserved by Azure" },
  { from: 12076, to: 12076, why: "reserved by Azure" },
  { from: 23456, to: 23456, why: "reserved by IANA (AS_TRANS)" },
  { from: 64496, to: 64511, why: "reserved by IANA for documentation" },
  { from: 65515, to: 65515, why: "the ASN of Azure's VPN gateways, reserved by Azure", sitesOnly: true },
  { from: 65517, to: 65520, why: "reserved by Azure" },
  { from: 65535, to: 65551, why: "reserved by IANA" },
  { from: 429496729, to: 429496729, why: "listed by Microsoft among the IANA-reserved ASNs" },
  { from: 4294967295, to: 4294967295, why: "reserved by IANA" },
];

function reserved(asn: number, site: boolean): Reserved | undefined {
  return RESERVED.find((r) => asn >= r.from && asn <= r.to && (site || !r.sitesOnly));
}

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
      const r = reserved(asn, site);
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
