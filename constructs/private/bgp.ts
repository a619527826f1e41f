import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { formatAddress, parsePrefix, tryParsePrefix } from "../../core/cidr";
import { isUnresolved } from "./validate";
import { reservedAsn } from "../../core/azure/bgp";

/** Largest 32-bit ASN; VPN gateways accept 4-byte ASNs in decimal (VPN Gateway FAQ). */
const MAX_ASN = 4294967295;

/** Who the ASN belongs to: an Azure gateway may keep Azure's default 65515, a peer (site) may not. */
export type AsnOwner = "gateway" | "peer";

/**
 * Throws unless `asn` is an integer in 1..4294967295 outside the reserved ASNs. Tokens pass unchecked.
 * 65515 is accepted for an Azure gateway: it is the gateway's default, and the FAQ reserves it only
 * against on-premises peers.
 */
export function validateAsn(scope: IConstruct, prop: string, asn: number, owner: AsnOwner): void {
  if (isUnresolved(asn)) return;
  if (!Number.isInteger(asn) || asn < 1 || asn > MAX_ASN) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${asn}' is not a valid ASN; use an integer from 1 to ${MAX_ASN}, e.g. a private ASN in 64512-65514 or 65521-65534`,
    );
  }
  // The same table as the Bgp.ReservedAsn rule: 65515 (every Azure gateway's default) is refused for peers only.
  const reserved = reservedAsn(asn, owner === "peer");
  if (reserved) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${asn}' is ${reserved.why} and Azure refuses it for BGP peers; ` +
        "use another ASN, e.g. a private one in 64512-65514 or 65521-65534",
    );
  }
}

/** Parses a single IPv4 address prop (no prefix length); undefined for tokens. */
export function parseIpv4Prop(scope: IConstruct, prop: string, text: string): bigint | undefined {
  if (isUnresolved(text)) return undefined;
  const parsed = typeof text === "string" && !text.includes("/") ? tryParsePrefix(`${text}/32`) : undefined;
  if (!parsed || !parsed.ok || parsed.prefix.family !== 4) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${text}' is not an IPv4 address; write a single address like '203.0.113.10'`,
    );
  }
  return parsed.prefix.start;
}

/**
 * The range Azure accepts for custom APIPA BGP addresses of a VPN gateway.
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
const AZURE_APIPA = {
  // 169.254.21.0-169.254.22.255 is not one CIDR block (a /23 would start at 169.254.20.0): two /24s.
  start: parsePrefix("169.254.21.0/24").start,
  end: parsePrefix("169.254.22.0/24").end,
};

/** Throws unless the address is an IPv4 address in 169.254.21.0-169.254.22.255. Tokens pass unchecked. */
export function validateAzureApipa(scope: IConstruct, prop: string, text: string): void {
  const value = parseIpv4Prop(scope, prop, text);
  if (value === undefined) return;
  if (value < AZURE_APIPA.start || value > AZURE_APIPA.end) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${text}' is outside the range Azure allows for custom APIPA BGP addresses ` +
        `(${formatAddress(4, AZURE_APIPA.start)}-${formatAddress(4, AZURE_APIPA.end)}); choose an address in it`,
    );
  }
}
