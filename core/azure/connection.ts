/**
 * Facts of virtual network gateway connections: which gateway type and which other end each connection
 * type takes, the settings that belong to ExpressRoute connections only, the IKE versions, IKEv1 by SKU
 * and VPN type, `routing_weight` on VPN connections, private-IP tunnels and redundant tunnels. The
 * connection constructs validate their props with these predicates and the `Connection.*` rules check
 * raw Terraform with the same ones.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/virtual_network_gateway_connection.html.markdown
 */
import { IKE_VERSIONS, LEGACY_VPN_SKUS, VPN_TYPES, ikeVersionViolation } from "./gateway";

/**
 * The connection types of `azurerm_virtual_network_gateway_connection` (the provider's enum, compared
 * exactly): site-to-site `IPsec`, `Vnet2Vnet` and `ExpressRoute`.
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/virtual_network_gateway_connection.html.markdown
 */
export const CONNECTION_TYPES = ["IPsec", "Vnet2Vnet", "ExpressRoute"] as const;

/** A connection type. */
export type ConnectionTypeName = (typeof CONNECTION_TYPES)[number];

/** The gateway types (`type` of `azurerm_virtual_network_gateway`). */
export const GATEWAY_TYPES = ["Vpn", "ExpressRoute"] as const;

/** A gateway type. */
export type GatewayTypeName = (typeof GATEWAY_TYPES)[number];

/**
 * The gateway type each connection type terminates on: IPsec and VNet-to-VNet tunnels on VPN gateways,
 * ExpressRoute connections on ExpressRoute gateways ("When you create a VPN gateway, you use the
 * `-GatewayType` value `Vpn`"; an ExpressRoute gateway does not terminate IPsec tunnels).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwtype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const GATEWAY_TYPE_OF_CONNECTION: Readonly<Record<ConnectionTypeName, GatewayTypeName>> = {
  IPsec: "Vpn",
  Vnet2Vnet: "Vpn",
  ExpressRoute: "ExpressRoute",
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Whether a gateway of `gatewayType` cannot terminate a connection of `connectionType` (gateway types
 * compared case-insensitively). Undefined when it can, or when either name is not one this table knows.
 */
export function connectionGatewayTypeViolation(
  connectionType: string,
  gatewayType: string,
): { readonly expected: GatewayTypeName } | undefined {
  const expected = GATEWAY_TYPE_OF_CONNECTION[connectionType as ConnectionTypeName];
  if (expected === undefined || !GATEWAY_TYPES.some((t) => same(t, gatewayType))) return undefined;
  return same(expected, gatewayType) ? undefined : { expected };
}

/** The other end of a connection: a local network gateway (site), a peer VPN gateway, or an ExpressRoute circuit. */
export type ConnectionEnd = "site" | "peerGateway" | "circuit";

/**
 * The one other end each connection type takes; the provider and ARM refuse the others ("Set only the
 * peer attribute that matches the type": `local_network_gateway_id` for IPsec,
 * `peer_virtual_network_gateway_id` for Vnet2Vnet, `express_route_circuit_id` for ExpressRoute).
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 */
export const CONNECTION_END: Readonly<Record<ConnectionTypeName, ConnectionEnd>> = {
  IPsec: "site",
  Vnet2Vnet: "peerGateway",
  ExpressRoute: "circuit",
};

/** Whether a connection of this type may not name that other end (undefined for a type this table does not know). */
export function connectionEndRefused(connectionType: string, end: ConnectionEnd): boolean | undefined {
  const own = CONNECTION_END[connectionType as ConnectionTypeName];
  return own === undefined ? undefined : own !== end;
}

/**
 * Settings of an ExpressRoute connection that a VPN (IPsec or VNet-to-VNet) connection must not set:
 * the circuit's authorization key, ExpressRoute FastPath (`express_route_gateway_bypass`) and FastPath
 * for Private Link (`private_link_fast_path_enabled`).
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/virtual_network_gateway_connection.html.markdown
 */
export const EXPRESS_ROUTE_ONLY_SETTINGS = [
  "authorizationKey",
  "expressRouteGatewayBypass",
  "privateLinkFastPath",
] as const;

/** One of {@link EXPRESS_ROUTE_ONLY_SETTINGS}. */
export type ExpressRouteSetting = (typeof EXPRESS_ROUTE_ONLY_SETTINGS)[number];

/** Whether a connection of this type may not use the ExpressRoute-only settings. */
export function expressRouteSettingsRefused(connectionType: string): boolean {
  return connectionType === "IPsec" || connectionType === "Vnet2Vnet";
}

/**
 * Whether a connection of this type may not carry a custom IPsec/IKE policy or policy-based traffic
 * selectors: "IPsec/IKE policy applies only to S2S and VNet-to-VNet connections", not ExpressRoute.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export function ipsecSettingsRefused(connectionType: string): boolean {
  return connectionType === "ExpressRoute";
}

/**
 * The IKE versions of a connection (`connection_protocol`, the provider's enum); IKEv2 is the default.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const CONNECTION_PROTOCOLS = [IKE_VERSIONS.v2, IKE_VERSIONS.v1] as const;

/** An IKE version. */
export type ConnectionProtocolName = (typeof CONNECTION_PROTOCOLS)[number];

/** The IKE version a connection uses when none is given. */
export const DEFAULT_CONNECTION_PROTOCOL: ConnectionProtocolName = IKE_VERSIONS.v2;

/** Whether `protocol` is not an IKE version the provider accepts (compared exactly, as its enum). */
export function connectionProtocolViolation(protocol: string): boolean {
  return !(CONNECTION_PROTOCOLS as readonly string[]).includes(protocol);
}

/** Why a connection may not use IKEv1 on its gateway. */
export interface Ikev1Violation {
  /** The gateway's SKU as written. */
  readonly sku: string;
}

/**
 * Whether an IKEv1 connection is refused on a gateway of this SKU and VPN type: a policy-based gateway
 * speaks IKEv1 only (always fine), a route-based Basic gateway and the legacy route-based SKUs do not
 * support IKEv1 ("IKEv1 S2S connections are supported on all RouteBased SKUs except Basic"). Undefined
 * when accepted or the SKU is unknown to the tables. The VPN type defaults to RouteBased.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export function ikev1Violation(sku: string, vpnType: string | undefined): Ikev1Violation | undefined {
  const wrong = ikeVersionViolation(sku, vpnType ?? VPN_TYPES.routeBased, IKE_VERSIONS.v1);
  if (wrong) return wrong.kind === "sku-without-ikev1" ? { sku } : undefined;
  if (typeof vpnType === "string" && same(vpnType, VPN_TYPES.policyBased)) return undefined;
  return LEGACY_VPN_SKUS.some((l) => same(l.sku, sku)) ? { sku } : undefined;
}

/**
 * Whether a VNet-to-VNet connection with IKEv1 goes against Microsoft's description of VNet-to-VNet ("a
 * VPN connection over IPsec (IKEv2)"): a warning, the tunnel may still come up.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export function ikev1DiscouragedOn(connectionType: string): boolean {
  return connectionType === "Vnet2Vnet";
}

/**
 * Whether `routing_weight` on a connection of this type goes against Microsoft's guidance: "Can I use
 * the RoutingWeight property when creating a new VPN VirtualNetworkGateway connection? No. Such a
 * setting is reserved for ExpressRoute gateway connections." ARM accepts and stores it (the 2026-12
 * correction of the catalogue), so this is a warning, not a refusal.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export function routingWeightDiscouraged(connectionType: string): boolean {
  return connectionType === "IPsec" || connectionType === "Vnet2Vnet";
}

/**
 * Whether a connection that uses the gateway's private IP (`local_azure_ip_address_enabled`) is refused
 * because its gateway does not offer private IPs (`private_ip_address_enabled`): "Support for private
 * IPs must be set on the VPN gateway for this option to work".
 * @see https://learn.microsoft.com/azure/vpn-gateway/site-to-site-vpn-private-peering
 */
export function privateIpConnectionViolation(
  connectionUsesPrivateIp: boolean,
  gatewayPrivateIpEnabled: boolean | undefined,
): boolean {
  return connectionUsesPrivateIp === true && gatewayPrivateIpEnabled !== true;
}

/**
 * Several tunnels from one VPN gateway to the same on-premises site need BGP on every one: "Can I
 * configure multiple tunnels between my virtual network and my on-premises site by using multi-site VPN?
 * Yes, but you must configure BGP on both tunnels to the same location."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export function redundantSiteTunnelsViolation(tunnels: number, withoutBgp: number): boolean {
  return tunnels > 1 && withoutBgp > 0;
}

/**
 * Several tunnels between the same two VPN gateways need one of them active-active: "Redundant tunnels
 * between a pair of virtual networks are supported when one virtual network gateway is configured as
 * active-active."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti
 */
export function redundantGatewayTunnelsViolation(tunnels: number, anyActiveActive: boolean): boolean {
  return tunnels > 1 && !anyActiveActive;
}
