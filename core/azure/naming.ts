/**
 * Naming facts: the gateway subnet's name, how Azure compares names, and characters Azure refuses in
 * names. One copy for the constructs and the rules.
 */

/**
 * The name of the subnet every virtual network gateway is deployed into: "The gateway subnet must be
 * named 'GatewaySubnet' to work properly".
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 */
export const GATEWAY_SUBNET_NAME = "GatewaySubnet";

/**
 * True when two Azure resource names are the same name: Azure compares resource names (subnets
 * included) without regard to case.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export function sameAzureName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * True when the subnet name is the gateway subnet's. Azure and the provider (`validate.IsGatewaySubnet`)
 * compare it case-insensitively, so `gatewaySubnet` is one too.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/validate/gateway_subnet.go
 */
export function isGatewaySubnetName(name: unknown): boolean {
  return typeof name === "string" && sameAzureName(name, GATEWAY_SUBNET_NAME);
}

/**
 * A character Azure refuses in VPN gateway NAT rule names: "Can I use a slash (/) in a NAT rule name?
 * No. You'll receive an error."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NAT_RULE_NAME_FORBIDDEN = "/";

/** Why Azure refuses a NAT rule name (undefined when it accepts it). */
export interface NatRuleNameViolation {
  /** The character Azure refuses. */
  readonly character: string;
  /** The name with that character replaced by a hyphen, to suggest. */
  readonly suggestion: string;
}

/** Whether Azure refuses this VPN gateway NAT rule name. */
export function natRuleNameViolation(name: string): NatRuleNameViolation | undefined {
  if (!name.includes(NAT_RULE_NAME_FORBIDDEN)) return undefined;
  return { character: NAT_RULE_NAME_FORBIDDEN, suggestion: name.split(NAT_RULE_NAME_FORBIDDEN).join("-") };
}

/**
 * A region as Azure compares it: `West Europe` and `westeurope` are the same region (Azure accepts the
 * display name and the name, in any case).
 * @see https://learn.microsoft.com/azure/reliability/regions-list
 */
export function regionKey(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** True when two locations name the same Azure region. */
export function sameRegion(a: string, b: string): boolean {
  return regionKey(a) === regionKey(b);
}
