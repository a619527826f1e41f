/**
 * BGP facts of VPN gateways and sites: valid and reserved ASNs, the private ASN ranges, the Azure APIPA
 * range for custom BGP addresses and the peer weight range. One copy for the constructs (at construction)
 * and the rules (at synth), so both refuse the same values.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
import { Prefix, formatAddress, tryParseIpv4Address } from "../cidr";
import { APIPA_PREFIX } from "./nat";

/** A reserved ASN range and why. */
export interface Reserved {
  readonly from: number;
  readonly to: number;
  readonly why: string;
  /** Who reserves it. */
  readonly by: "Azure" | "IANA";
  /** Reserved for sites only: Azure's VPN gateways use 65515 themselves (their default ASN). */
  readonly sitesOnly?: boolean;
}

/**
 * The ASN every Azure VPN gateway has unless told otherwise ("65515 is the default ASN of Azure VPN
 * gateways"); Azure reserves it against on-premises peers.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
export const AZURE_GATEWAY_DEFAULT_ASN = 65515;

/**
 * ASNs Azure refuses, from the VPN Gateway FAQ. Azure's own: public 8074, 8075, 12076; private
 * 65515, 65517-65520. IANA-reserved: 23456, 64496-64511, 65535-65551 and the FAQ's "429496729"
 * (listed literally; 4294967295, the reserved last 32-bit ASN, is blocked as well). 65515 is every
 * Azure VPN gateway's default ASN, so it is refused for sites only. 65516 lies in neither Microsoft's
 * reserved list nor its usable private ranges (64512-65514, 65521-65534), inside the block 65515-65520
 * Azure keeps for itself: it is refused too (azure-rules.md, 2026-12: "refuse it").
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
export const RESERVED_ASNS: readonly Reserved[] = [
  { from: 8074, to: 8075, why: "reserved by Azure", by: "Azure" },
  { from: 12076, to: 12076, why: "reserved by Azure", by: "Azure" },
  { from: 23456, to: 23456, why: "reserved by IANA (AS_TRANS)", by: "IANA" },
  { from: 64496, to: 64511, why: "reserved by IANA for documentation", by: "IANA" },
  {
    from: AZURE_GATEWAY_DEFAULT_ASN,
    to: AZURE_GATEWAY_DEFAULT_ASN,
    why: "the ASN of Azure's VPN gateways, reserved by Azure",
    by: "Azure",
    sitesOnly: true,
  },
  {
    from: AZURE_GATEWAY_DEFAULT_ASN + 1,
    to: AZURE_GATEWAY_DEFAULT_ASN + 1,
    why: "outside the private ranges Microsoft lists as usable, in the block Azure keeps for itself",
    by: "Azure",
  },
  { from: 65517, to: 65520, why: "reserved by Azure", by: "Azure" },
  { from: 65535, to: 65551, why: "reserved by IANA", by: "IANA" },
  { from: 429496729, to: 429496729, why: "listed by Microsoft among the IANA-reserved ASNs", by: "IANA" },
  { from: 4294967295, to: 4294967295, why: "reserved by IANA", by: "IANA" },
];

/** The reserved range `asn` falls in, for a site (`site: true`) or for an Azure gateway. */
export function reservedAsn(asn: number, site: boolean): Reserved | undefined {
  return RESERVED_ASNS.find((r) => asn >= r.from && asn <= r.to && (site || !r.sitesOnly));
}

/**
 * The ASNs a VPN gateway or a site may be given: 4-byte ASNs are supported (in decimal), so 1 to
 * 4294967295; 0 is not an ASN (RFC 7607 reserves it).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
export const ASN_RANGE = { min: 1, max: 4294967295 } as const;

/**
 * The private ASN ranges Microsoft lists as usable: "64512-65514 and 65521-65534".
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
export const PRIVATE_ASN_RANGES: readonly { readonly from: number; readonly to: number }[] = [
  { from: 64512, to: 65514 },
  { from: 65521, to: 65534 },
];

/** `64512-65514 or 65521-65534`: the usable private ranges, to suggest in messages. */
export function privateAsnRangesText(): string {
  return PRIVATE_ASN_RANGES.map((r) => `${r.from}-${r.to}`).join(" or ");
}

/** Why Azure refuses an ASN. */
export type AsnViolation =
  | { readonly kind: "invalid"; readonly min: number; readonly max: number }
  | { readonly kind: "reserved"; readonly reserved: Reserved };

/**
 * Whether Azure refuses `asn` for an Azure VPN gateway (`"gateway"`) or a site's BGP speaker
 * (`"site"`): not an integer in {@link ASN_RANGE}, or reserved ({@link RESERVED_ASNS}).
 */
export function asnViolation(asn: number, owner: "gateway" | "site"): AsnViolation | undefined {
  if (!Number.isInteger(asn) || asn < ASN_RANGE.min || asn > ASN_RANGE.max) {
    return { kind: "invalid", min: ASN_RANGE.min, max: ASN_RANGE.max };
  }
  const reserved = reservedAsn(asn, owner === "site");
  return reserved ? { kind: "reserved", reserved } : undefined;
}

/**
 * Reserved ASNs as a short text for rule descriptions: `reserved by Azure (8074, 8075, 12076,
 * 65517-65520; 65515 for sites) or IANA (...)`.
 */
export function reservedAsnsText(): string {
  const range = (r: Reserved) =>
    r.from === r.to ? `${r.from}` : r.to === r.from + 1 ? `${r.from}, ${r.to}` : `${r.from}-${r.to}`;
  const by = (who: Reserved["by"]) => {
    const all = RESERVED_ASNS.filter((r) => r.by === who);
    const everyone = all.filter((r) => !r.sitesOnly).map(range);
    const sites = all.filter((r) => r.sitesOnly).map(range);
    return `${everyone.join(", ")}${sites.length > 0 ? `; ${sites.join(", ")} for sites` : ""}`;
  };
  return `reserved by Azure (${by("Azure")}) or IANA (${by("IANA")})`;
}

/**
 * The range Azure accepts for custom APIPA BGP addresses of a VPN gateway: 169.254.21.0 to
 * 169.254.22.255 (not one CIDR block: a /23 would start at 169.254.20.0). The provider checks it too
 * (`IPAddressInAzureReservedAPIPARange`).
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/validate/virtual_network_gateway.go
 */
export const AZURE_APIPA_RANGE = {
  first: tryParseIpv4Address("169.254.21.0")!,
  last: tryParseIpv4Address("169.254.22.255")!,
} as const;

/** `169.254.21.0-169.254.22.255`, for messages. */
export function azureApipaRangeText(): string {
  return `${formatAddress(4, AZURE_APIPA_RANGE.first)}-${formatAddress(4, AZURE_APIPA_RANGE.last)}`;
}

/** Why a custom Azure APIPA BGP address is refused. */
export type ApipaViolation =
  | { readonly kind: "not-ipv4" }
  | { readonly kind: "outside"; readonly range: string };

/** Whether Azure refuses `text` as a custom APIPA BGP address of a VPN gateway. */
export function azureApipaViolation(text: string): ApipaViolation | undefined {
  const value = tryParseIpv4Address(text);
  if (value === undefined) return { kind: "not-ipv4" };
  if (value < AZURE_APIPA_RANGE.first || value > AZURE_APIPA_RANGE.last) {
    return { kind: "outside", range: azureApipaRangeText() };
  }
  return undefined;
}

/**
 * The weight added to routes learned from a BGP peer, on a gateway or a site: "Valid values can be
 * between 0 and 100".
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway#peer_weight
 */
export const BGP_PEER_WEIGHT = { min: 0, max: 100 } as const;

/** Whether a BGP peer weight is refused: not an integer from 0 to 100 (undefined when accepted). */
export function peerWeightViolation(
  weight: number,
): { readonly min: number; readonly max: number } | undefined {
  if (Number.isInteger(weight) && weight >= BGP_PEER_WEIGHT.min && weight <= BGP_PEER_WEIGHT.max)
    return undefined;
  return { min: BGP_PEER_WEIGHT.min, max: BGP_PEER_WEIGHT.max };
}

/**
 * The ASN a VPN gateway has in BGP: its `bgp_settings.asn`, or Azure's default 65515 when none is given.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
export function effectiveGatewayAsn(asn: number | undefined): number {
  return asn ?? AZURE_GATEWAY_DEFAULT_ASN;
}

/**
 * True when the two ends of a BGP session have the same ASN, which Azure does not support ("the on-premises
 * ASN must differ from the Azure gateway's"; two gateways joined by BGP need different ASNs, so both
 * cannot keep the default 65515).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export function sameBgpAsn(a: number, b: number): boolean {
  return a === b;
}

/**
 * Custom APIPA BGP addresses a VPN gateway takes at most: "Custom APIPA BGP addresses: 32".
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const MAX_CUSTOM_APIPA_PER_GATEWAY = 32;

/** Whether a gateway has more custom APIPA addresses than Azure allows. */
export function apipaCountViolation(count: number): { readonly max: number } | undefined {
  return count > MAX_CUSTOM_APIPA_PER_GATEWAY ? { max: MAX_CUSTOM_APIPA_PER_GATEWAY } : undefined;
}

/** True when `text` is an IPv4 address in the link-local (APIPA) range 169.254.0.0/16 (`APIPA_PREFIX`). */
export function isApipaAddress(text: string): boolean {
  const v = tryParseIpv4Address(text);
  return v !== undefined && v >= APIPA_PREFIX.start && v <= APIPA_PREFIX.end;
}

/** Why a gateway's `bgp_settings.peering_addresses` blocks are refused. */
export type PeeringAddressesViolation =
  | { readonly kind: "too-many"; readonly max: number }
  | { readonly kind: "unnamed"; readonly index: number }
  | {
      readonly kind: "unknown-name";
      readonly index: number;
      readonly name: string;
      readonly names: readonly string[];
    };

/**
 * The IP configuration name the provider gives an `ip_configuration` without `name`.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 */
export const DEFAULT_GATEWAY_IP_CONFIGURATION_NAME = "vnetGatewayConfig";

/**
 * Whether a gateway's BGP peering-address blocks do not fit its IP configurations: one block per IP
 * configuration at most (an active-standby gateway has one); with several IP configurations each block
 * names its `ip_configuration_name` (the provider refuses it at apply: "`ip_configuration_name` has to be
 * set ... in case there are multiple `ip_configuration` blocks"); a name must be one of the gateway's IP
 * configurations. `names` are the IP configurations' names; `blocks` give each block's name when known
 * (null when not set).
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 */
export function peeringAddressesViolations(
  names: readonly string[],
  blocks: readonly (string | null | undefined)[],
): PeeringAddressesViolation[] {
  const out: PeeringAddressesViolation[] = [];
  if (blocks.length > names.length) out.push({ kind: "too-many", max: names.length });
  blocks.forEach((name, index) => {
    if (name === null) {
      if (names.length > 1) out.push({ kind: "unnamed", index });
    } else if (name !== undefined && !names.includes(name)) {
      out.push({ kind: "unknown-name", index, name, names });
    }
  });
  return out;
}

/** Why a site's BGP peer address is refused (`error`) or needless (`warning`). */
export type SitePeerAddressViolation =
  | { readonly kind: "device-address"; readonly severity: "error" }
  | { readonly kind: "apipa-in-space"; readonly severity: "error"; readonly prefix: string }
  | { readonly kind: "host-route-in-space"; readonly severity: "warning"; readonly prefix: string };

/**
 * What is wrong with a site's BGP peer address against the site itself: equal to the device's public
 * address (`gateway_address`; Azure needs a different BGP peer IP), an APIPA peer address covered by the
 * site's `address_space` (it cannot be added), or another peer address listed as a /32 in the address
 * space (redundant: Azure adds the host route itself; a change from the older guidance). `spaces` are the
 * site's prefixes as texts (invalid ones ignored).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export function sitePeerAddressViolations(
  peer: string,
  deviceAddress: string | undefined,
  spaces: readonly Prefix[],
): SitePeerAddressViolation[] {
  const out: SitePeerAddressViolation[] = [];
  const v = tryParseIpv4Address(peer);
  if (v === undefined) return out;
  if (deviceAddress !== undefined && tryParseIpv4Address(deviceAddress) === v)
    out.push({ kind: "device-address", severity: "error" });
  const apipa = isApipaAddress(peer);
  for (const p of spaces) {
    if (p.family !== 4 || v < p.start || v > p.end) continue;
    if (apipa) out.push({ kind: "apipa-in-space", severity: "error", prefix: p.text });
    else if (p.length === 32) out.push({ kind: "host-route-in-space", severity: "warning", prefix: p.text });
  }
  return out;
}

/**
 * Whether a VPN gateway's ASN breaks transit between ExpressRoute and VPN through Azure Route Server:
 * "If you want to use transit routing between ExpressRoute and VPN, the ASN of Azure VPN Gateway must be
 * set to 65515, and Azure Route Server should be used". `asn` is `bgp_settings.asn` (undefined: Azure's
 * default, 65515).
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager
 */
export function expressRouteTransitAsnViolation(asn: number | undefined): boolean {
  return effectiveGatewayAsn(asn) !== AZURE_GATEWAY_DEFAULT_ASN;
}
