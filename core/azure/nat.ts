/**
 * VPN gateway NAT facts: which connections take NAT rules, the shape of a rule's mappings (one prefix,
 * static 1:1, the largest dynamic pool, ports) and the number of rules per gateway. Which SKUs offer NAT
 * is a column of the SKU table (`gateway.ts`). The `VpnNatRule` and connection constructs validate their
 * props with these predicates and the `Nat.*` rules check raw Terraform with the same ones.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto#nat-limitations
 */
import { Prefix, contains } from "../cidr";
import { AZURE_RESERVED_PREFIXES } from "./address";

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

/** The NAT types: `Static` maps 1:1, `Dynamic` to a smaller pool (the provider's enum, compared exactly). */
export const NAT_TYPES = ["Static", "Dynamic"] as const;
const [STATIC, DYNAMIC] = NAT_TYPES;

/**
 * The NAT modes: `EgressSnat` translates the VNet's addresses, `IngressSnat` a site's (the provider's
 * enum, compared exactly; `EgressSnat` is its default).
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode
 */
export const NAT_MODES = ["EgressSnat", "IngressSnat"] as const;

/** A NAT mode. */
export type NatModeName = (typeof NAT_MODES)[number];

/**
 * The mode of the rules each NAT list of a connection takes: `ingress_nat_rule_ids` IngressSnat rules,
 * `egress_nat_rule_ids` EgressSnat rules ("IngressSNAT translates the on-premises (LNG) space and
 * EgressSNAT the VNet space").
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#mode
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway_connection#ingress_nat_rule_ids
 */
export const NAT_LIST_MODE: Readonly<Record<"ingress" | "egress", NatModeName>> = {
  ingress: "IngressSnat",
  egress: "EgressSnat",
};

/** Whether a rule of `mode` may not be listed in the connection's `list` (undefined when it may). */
export function natListViolation(
  list: "ingress" | "egress",
  mode: string,
): { readonly expected: NatModeName } | undefined {
  const expected = NAT_LIST_MODE[list];
  return mode === expected ? undefined : { expected };
}

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
  return isDynamicNat(type);
}

/** True for a Dynamic NAT rule (compared exactly, as the provider's enum). */
export function isDynamicNat(type: string): boolean {
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

/**
 * Connections one Dynamic NAT rule may be attached to: "Every Dynamic NAT rule can be assigned to a
 * single connection."
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export const MAX_CONNECTIONS_PER_DYNAMIC_RULE = 1;

/** Whether a rule of this type is attached to more connections than Azure allows. */
export function dynamicRuleConnectionsViolation(
  type: string,
  connections: number,
): { readonly max: number } | undefined {
  if (type !== DYNAMIC || connections <= MAX_CONNECTIONS_PER_DYNAMIC_RULE) return undefined;
  return { max: MAX_CONNECTIONS_PER_DYNAMIC_RULE };
}

/**
 * Whether a NAT rule of this type on an active-active gateway must name the gateway instance it applies
 * to (`ip_configuration_id`), one rule per instance: "A NAT rule must be configured to a specific VPN
 * Gateway instance. This is applicable to Dynamic NAT only. Static NAT rules are automatically applied
 * to both VPN Gateway instances" (the API reference; the NAT FAQ says "In active-active gateways, create
 * a separate NAT rule for each gateway instance", and Microsoft's NAT how-to creates one Static rule per
 * network without an IP configuration: the Static case is not a refusal).
 * @see https://learn.microsoft.com/rest/api/virtualnetwork/virtual-network-gateway-nat-rules/create-or-update
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export function natRuleNeedsInstance(type: string, gatewayActiveActive: boolean): boolean {
  return type === DYNAMIC && gatewayActiveActive;
}

/**
 * APIPA (link-local) addresses, which NAT does not support as BGP peer addresses: "APIPA (169.254.0.1 to
 * 169.254.255.254) address: NAT isn't supported with BGP APIPA addresses."
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#routing
 */
export const APIPA_PREFIX: Prefix = AZURE_RESERVED_PREFIXES.find((r) => r.why === "link-local")!.prefix;

/**
 * Why a site's BGP peer address does not work on a connection with NAT rules: an APIPA address ("NAT
 * isn't supported with BGP APIPA addresses"), or a non-APIPA address inside the internal (pre-NAT)
 * mapping of an IngressSnat rule of the connection ("Exclude the BGP Peer IP addresses from the NAT
 * range", or translate it and "Put the post-NAT address in the BGP peer IP address field of the local
 * network gateway").
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#routing
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export function natBgpPeerViolation(
  peerAddress: Prefix,
  ingressInternal: readonly Prefix[],
): { readonly kind: "apipa" } | { readonly kind: "pre-nat"; readonly mapping: Prefix } | undefined {
  if (contains(APIPA_PREFIX, peerAddress)) return { kind: "apipa" };
  const mapping = ingressInternal.find((m) => contains(m, peerAddress));
  return mapping ? { kind: "pre-nat", mapping } : undefined;
}

/**
 * Whether a gateway whose NAT connections run BGP lacks BGP route translation: "select Enable BGP Route
 * Translation ... to ensure that the learned routes and advertised routes are translated to post-NAT
 * address prefixes" (a recommendation: a warning).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export function bgpRouteTranslationMissing(routeTranslationEnabled: boolean | undefined): boolean {
  return routeTranslationEnabled !== true;
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
