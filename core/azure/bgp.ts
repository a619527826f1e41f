/**
 * BGP ASNs Azure refuses: one table for the constructs (at construction) and the
 * `Bgp.ReservedAsn` rule (at synth), so both refuse the same numbers.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */

/** A reserved ASN range and why. */
export interface Reserved {
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
export const RESERVED_ASNS: readonly Reserved[] = [
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

/** The reserved range `asn` falls in, for a site (`site: true`) or for an Azure gateway. */
export function reservedAsn(asn: number, site: boolean): Reserved | undefined {
  return RESERVED_ASNS.find((r) => asn >= r.from && asn <= r.to && (site || !r.sitesOnly));
}
