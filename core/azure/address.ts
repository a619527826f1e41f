/**
 * Address facts of Azure virtual networks: the ranges Azure refuses in a network, the private ranges it
 * recommends, and the sizes of subnets. One copy for the constructs (at construction) and the rules (at
 * synth).
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
import { Prefix, overlaps, parsePrefix } from "../cidr";

/** A range Azure refuses in a virtual network, and why. */
export interface ReservedPrefix {
  readonly prefix: Prefix;
  readonly why: string;
}

/**
 * Ranges Azure refuses in a virtual network's address space: "You can't add the following address
 * ranges: 224.0.0.0/4 (multicast), 255.255.255.255/32 (broadcast), 127.0.0.0/8 (loopback),
 * 169.254.0.0/16 (link-local), 168.63.129.16/32 (internal DNS)".
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks
 */
export const AZURE_RESERVED_PREFIXES: readonly ReservedPrefix[] = [
  { prefix: parsePrefix("224.0.0.0/4"), why: "multicast" },
  { prefix: parsePrefix("255.255.255.255/32"), why: "broadcast" },
  { prefix: parsePrefix("127.0.0.0/8"), why: "loopback" },
  { prefix: parsePrefix("169.254.0.0/16"), why: "link-local" },
  { prefix: parsePrefix("168.63.129.16/32"), why: "Azure's internal DNS and health-probe address" },
];

/** The reserved ranges a prefix touches, with why Azure reserves them (empty when it touches none). */
export function reservedOverlaps(p: Prefix): ReservedPrefix[] {
  return AZURE_RESERVED_PREFIXES.filter((r) => overlaps(r.prefix, p));
}

/**
 * The RFC 1918 private ranges, which Azure recommends for virtual networks.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks
 */
export const RFC1918_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/**
 * The RFC 6598 shared address space, which Azure treats as private address space as well.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks
 */
export const SHARED_ADDRESS_SPACE = "100.64.0.0/10";

/**
 * The smallest IPv4 subnet Azure allows, as a prefix length: "The smallest supported IPv4 subnet is /29"
 * (Azure reserves five addresses in each subnet).
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const SMALLEST_IPV4_SUBNET = 29;

/**
 * The largest IPv4 subnet Azure allows, as a prefix length: "The smallest supported IPv4 subnet is /29,
 * and the largest is /2".
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const LARGEST_IPV4_SUBNET = 2;

/**
 * The one prefix length of an IPv6 subnet: "IPv6 subnets must be exactly /64 in size".
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const IPV6_SUBNET_LENGTH = 64;

/** Why a subnet prefix has a size Azure refuses. */
export type SubnetSizeViolation =
  | { readonly kind: "ipv4-too-small"; readonly smallest: number }
  | { readonly kind: "ipv4-too-large"; readonly largest: number }
  | { readonly kind: "ipv6-not-64"; readonly required: number };

/** Whether Azure refuses a subnet of this size (undefined when it accepts it). */
export function subnetSizeViolation(p: Pick<Prefix, "family" | "length">): SubnetSizeViolation | undefined {
  if (p.family === 4 && p.length > SMALLEST_IPV4_SUBNET) {
    return { kind: "ipv4-too-small", smallest: SMALLEST_IPV4_SUBNET };
  }
  if (p.family === 4 && p.length < LARGEST_IPV4_SUBNET) {
    return { kind: "ipv4-too-large", largest: LARGEST_IPV4_SUBNET };
  }
  if (p.family === 6 && p.length !== IPV6_SUBNET_LENGTH) {
    return { kind: "ipv6-not-64", required: IPV6_SUBNET_LENGTH };
  }
  return undefined;
}

/**
 * Custom DNS servers per virtual network: "DNS servers per virtual network: 20".
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-resource-manager-virtual-networking-limits
 */
export const MAX_DNS_SERVERS_PER_VNET = 20;
