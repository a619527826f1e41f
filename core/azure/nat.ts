/**
 * VPN gateway NAT facts: which connections take NAT rules, the shape of a rule's mappings (one prefix,
 * static 1:1, the largest dynamic pool, ports) and the number of rules per gateway. Which SKUs offer NAT
 * is a column of the SKU table (`gateway.ts`). The `VpnNatRule` and connection constructs validate their
 * props with these predicates and the `Nat.*` rules check raw Terraform with the same ones.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto#nat-limitations
 */
import { Prefix } from "../cidr";

/**
 * The connection type NAT rules may be attached to: site-to-site IPsec ("NAT is supported on IPsec
 * cross-premises connections only"), not VNet-to-VNet, ExpressRoute or point-to-site. Compared exactly,
 * as the provider's enum.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
 */
export const NAT_CONNECTION_TYPE = "IPsec";

/** True when a connection of this type may not carry NAT rules. */
export function natRefusedOnConnectionType(type: string): boolean {
  return type !== NAT_CONNECTION_TYPE;
}

/**
 * NAT rules are not supported on connections with policy-based traffic selectors.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export function natRefusedWithPolicyBasedSelectors(usePolicyBasedTrafficSelectors: boolean): boolean {
  return usePolicyBasedTrafficSelectors === true;
}

/**
 * Address prefixes per mapping list of one NAT rule: "Each NAT rule can include only one address prefix
 * for NAT"; more prefixes need one rule each.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NAT_PREFIXES_PER_RULE = 1;

/**
 * The largest external pool of a Dynamic rule, as a prefix length: "The maximum supported external
 * mapping subnet size for Dynamic NAT is /26".
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto#nat-limitations
 */
export const DYNAMIC_NAT_LARGEST_EXTERNAL_POOL = 26;

/** The NAT types: `Static` maps 1:1, `Dynamic` to a smaller pool. */
const STATIC = "Static";
const DYNAMIC = "Dynamic";

/** A static rule whose prefixes differ in length. */
export interface StaticNatViolation {
  readonly internalLength: number;
  readonly externalLength: number;
}

/**
 * Whether a rule of this type maps prefixes of different lengths although it is static: "The two rules
 * must match the prefix lengths of the corresponding address prefixes" (a 1:1 mapping). Compared exactly,
 * as the provider's enum.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#type
 */
export function staticNatViolation(
  type: string,
  internal: Pick<Prefix, "length">,
  external: Pick<Prefix, "length">,
): StaticNatViolation | undefined {
  if (type !== STATIC || internal.length === external.length) return undefined;
  return { internalLength: internal.length, externalLength: external.length };
}

/** Whether a rule of this type has an external pool larger than a Dynamic rule allows. */
export function dynamicPoolViolation(
  type: string,
  external: Pick<Prefix, "length">,
): { readonly largest: number } | undefined {
  if (type !== DYNAMIC || external.length >= DYNAMIC_NAT_LARGEST_EXTERNAL_POOL) return undefined;
  return { largest: DYNAMIC_NAT_LARGEST_EXTERNAL_POOL };
}

/**
 * Whether a rule of this type may not map ports: "Port mappings can be configured only with Static NAT
 * types".
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto#nat-limitations
 */
export function portMappingRefused(type: string): boolean {
  return type === DYNAMIC;
}

/**
 * Whether a port mapping is not a single port: "Port mappings can't take ranges at this time. Individual
 * port needs to be entered." (a range `80-90` or a list `80,443` is refused; a port is 1 to 65535).
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export function portRangeViolation(text: string): boolean {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return true;
  const port = Number(t);
  return port < NAT_PORTS.min || port > NAT_PORTS.max;
}

/** The ports a NAT port mapping can name (TCP and UDP ports). */
export const NAT_PORTS = { min: 1, max: 65535 } as const;

/**
 * NAT rules per VPN gateway, ingress and egress combined: "You can create up to 500 NAT rules (ingress
 * and egress rules combined) on a VPN gateway."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const MAX_NAT_RULES_PER_GATEWAY = 500;

/** Whether a gateway has more NAT rules than Azure allows. */
export function natRuleLimitViolation(count: number): { readonly max: number } | undefined {
  return count > MAX_NAT_RULES_PER_GATEWAY ? { max: MAX_NAT_RULES_PER_GATEWAY } : undefined;
}
