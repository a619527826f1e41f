/**
 * Local network gateway (site) facts: how its VPN device is addressed and how many prefixes it may
 * list. One copy for the `LocalSite` construct and the `Site.*` rules.
 */
import { tryParseIpv4Address } from "../cidr";

/**
 * The most address prefixes one local network gateway may list: "Local Network Gateway address prefixes:
 * 1000 per local network gateway".
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const SITE_ADDRESS_PREFIX_LIMIT = 1000;

/** Why a site's device endpoint is refused. */
export type SiteEndpointViolation =
  | { readonly kind: "neither" }
  | { readonly kind: "both" }
  | { readonly kind: "not-ipv4"; readonly address: string };

/**
 * Whether Azure (or the provider) refuses a site's device endpoint: exactly one of `gateway_address` and
 * `gateway_fqdn` (the provider's `ExactlyOneOf`), and an address that is a single IPv4 address (IPv6 is
 * not supported for the device). `address` is the literal address, or undefined when it is not known
 * (then only the presence is checked). Undefined when accepted.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/local_network_gateway
 * @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal
 */
export function siteEndpointViolation(
  hasAddress: boolean,
  hasFqdn: boolean,
  address?: string,
): SiteEndpointViolation | undefined {
  if (hasAddress && hasFqdn) return { kind: "both" };
  if (!hasAddress && !hasFqdn) return { kind: "neither" };
  if (address !== undefined && tryParseIpv4Address(address) === undefined)
    return { kind: "not-ipv4", address };
  return undefined;
}

/**
 * The form of an FQDN two equal names share (trimmed, lower case, no trailing dot): DNS names compare
 * without regard to case or a trailing dot. Several sites on one gateway must resolve to different IP
 * addresses, so the same FQDN twice on a gateway is refused.
 * @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal
 */
export function fqdnKey(fqdn: string): string {
  return fqdn.trim().toLowerCase().replace(/\.$/, "");
}
