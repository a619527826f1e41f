/**
 * The network model the rules and the reachability analysis read: every attribute they need,
 * resolved from the Terraform of every stack of an app (or from any Terraform the engine reads) into
 * typed fields. Our constructs and raw provider resources look alike here; nothing in it is raw
 * Terraform, so a rule never depends on how an attribute was written (azurerm 3.x or 4.x names,
 * object or array form, a reference or a literal).
 *
 * Every value is known, {@link Unknown} (an expression that cannot be resolved before apply, with its
 * text), or `undefined` when the configuration leaves it out. Rules never guess an unknown.
 */
import { Prefix } from "../../core/cidr";

/** A value that cannot be known before apply (a variable, a data source attribute, a computed id). */
export interface Unknown {
  /** The expression, or why the value cannot be known. */
  readonly unknown: string;
}

/** A value of the model: known, unknown, or `undefined` when not set. */
export type Value<T> = T | Unknown | undefined;

/** True for the marker of an unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === "object" && v !== null && "unknown" in v;
}

/** Text of a value for messages: the value, the unknown expression, or `(not set)`. */
export function show(v: unknown): string {
  if (v === undefined) return "(not set)";
  if (isUnknown(v)) return v.unknown;
  return String(v);
}

/** Address spaces: parsed prefixes, or unknown with the reason. */
export type Spaces =
  | { readonly known: true; readonly prefixes: Prefix[] }
  | { readonly known: false; readonly why: string };

/** Where an element of the model was read from. */
export interface Source {
  /** Stack (or module folder) it belongs to. */
  readonly stack: string;
  /** Terraform address in its stack, e.g. `azurerm_subnet.gw` or `data.azurerm_virtual_network.hub`. */
  readonly address: string;
  /** A resource the configuration manages, or a data source that reads an existing one. */
  readonly mode: "resource" | "data";
  /** Terraform resource type, e.g. `azurerm_subnet`. */
  readonly type: string;
}

/** A virtual network: created by the app, read by a data source, or known only by id. */
export interface NetworkM {
  readonly key: string;
  /** Where it was read from (absent for a network known only by a literal id). */
  readonly source?: Source;
  readonly kind: "resource" | "data" | "external";
  readonly path: string;
  readonly stack: string;
  readonly name: Value<string>;
  readonly resourceGroup: Value<string>;
  readonly location?: Value<string>;
  /** Subscription of the provider the network's block uses, when known. */
  readonly subscription?: string;
  /** Literal ARM id, for external networks. */
  readonly armId?: string;
  /** The address spaces as written (texts), for rules that check their syntax. */
  readonly addressSpaceText: Value<string[]>;
  spaces: Spaces;
  readonly subnets: SubnetM[];
  readonly gateways: GatewayM[];
  /** Display name for messages. */
  readonly label: string;
}

/** A resource placed in a subnet by its `subnet_id` (a VM's NIC, a private endpoint, a Route Server...). */
export interface SubnetAttachmentM {
  /** Terraform type of the resource, e.g. `azurerm_network_interface`. */
  readonly type: string;
  readonly path: string;
}

/** A subnet: an `azurerm_subnet`, an inline `subnet` block, a data source, or a literal id. */
export interface SubnetM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  network?: NetworkM;
  /** The prefixes as written (texts), for rules that check their syntax. */
  readonly prefixText: Value<string[]>;
  readonly prefixes: Spaces;
  /** NSG associations: where they are declared. */
  readonly nsgAssociations: { readonly path: string; readonly nsg: string }[];
  /** NAT gateway associations: where they are declared. */
  readonly natGatewayAssociations: { readonly path: string }[];
  /** Route tables associated with the subnet. */
  readonly routeTables: {
    readonly path: string;
    readonly table: RouteTableM | undefined;
    readonly tableExpr: string;
  }[];
  /** Other resources placed in the subnet (gateways are in `GatewayM.ipConfigurations`). */
  readonly attachments: SubnetAttachmentM[];
  readonly kind: "resource" | "inline" | "data" | "external";
}

/** A route of a route table. */
export interface RouteM {
  readonly path: string;
  readonly name: Value<string>;
  readonly addressPrefix: Value<string>;
  /** `VirtualNetworkGateway`, `VnetLocal`, `Internet`, `VirtualAppliance` or `None`. */
  readonly nextHopType: Value<string>;
  readonly nextHopIp: Value<string>;
}

/** A route table and its routes. */
export interface RouteTableM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  /** false when BGP route propagation is disabled. */
  readonly bgpRoutePropagation: boolean | Unknown;
  readonly routes: RouteM[];
}

/** One `ip_configuration` of a gateway. */
export interface GatewayIpConfigurationM {
  readonly name: Value<string>;
  readonly subnet?: SubnetM;
  readonly subnetExpr: string;
  readonly publicIp?: PublicIpM;
  /** The public IP expression, when set (resolved or not). */
  readonly publicIpExpr?: string;
  /** `Static` or `Dynamic` (private address allocation). */
  readonly privateIpAllocation: Value<string>;
}

/** One `bgp_settings.peering_addresses` block of a gateway. */
export interface BgpPeeringAddressM {
  readonly ipConfigurationName: Value<string>;
  /** Custom APIPA addresses (169.254.21.0-169.254.22.255). */
  readonly apipaAddresses: Value<string[]>;
}

/** A virtual network gateway. */
export interface GatewayM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  readonly location: Value<string>;
  readonly type: Value<string>;
  readonly vpnType: Value<string>;
  readonly sku: Value<string>;
  readonly generation: Value<string>;
  readonly activeActive: Value<boolean>;
  readonly bgpEnabled: Value<boolean>;
  readonly bgpAsn: Value<number>;
  readonly bgpPeerWeight: Value<number>;
  readonly bgpPeeringAddresses: BgpPeeringAddressM[];
  /** Every custom APIPA address of the gateway that is known. */
  readonly apipaAddresses: string[];
  /** `private_ip_address_enabled`. */
  readonly privateIpAddressEnabled: Value<boolean>;
  readonly ipConfigurations: GatewayIpConfigurationM[];
  /** How many `ip_configuration` blocks: unknown when they come from a `dynamic` block. */
  readonly ipConfigurationCount: number | Unknown;
  /** Point-to-site configuration (`vpn_client_configuration`), when set. */
  readonly pointToSite?: { readonly addressSpace: Value<string[]> };
  network?: NetworkM;
  readonly connections: ConnectionM[];
  readonly natRules: NatRuleM[];
}

/** A public IP address. */
export interface PublicIpM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  readonly sku: Value<string>;
  readonly allocation: Value<string>;
  readonly zones: Value<string[]>;
}

/** BGP settings of a site. */
export interface SiteBgpM {
  readonly asn: Value<number>;
  readonly peeringAddress: Value<string>;
  readonly peerWeight: Value<number>;
}

/** A local network gateway (a site). */
export interface SiteM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  readonly resourceGroup: Value<string>;
  readonly location: Value<string>;
  /** The address spaces as written (texts). */
  readonly addressSpaceText: Value<string[]>;
  readonly spaces: Spaces;
  readonly gatewayAddress: Value<string>;
  readonly gatewayFqdn: Value<string>;
  /** `bgp_settings`, when set. */
  readonly bgp?: SiteBgpM;
  readonly bgpAsn: Value<number>;
  readonly bgpPeeringAddress: Value<string>;
  /**
   * The Azure VPN gateway of the app this site stands for (VNet-to-VNet over IPsec): its device
   * address is that gateway's public IP, or our constructs recorded it.
   */
  standsFor?: GatewayM;
  readonly label: string;
}

/** A directed peering. */
export interface PeeringM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly stack: string;
  readonly name: Value<string>;
  readonly local?: NetworkM;
  readonly remote?: NetworkM;
  readonly localExpr: string;
  readonly remoteExpr: string;
  readonly allowAccess: boolean | Unknown;
  readonly allowForwardedTraffic: boolean | Unknown;
  readonly allowGatewayTransit: boolean | Unknown;
  readonly useRemoteGateways: boolean | Unknown;
  /** false for subnet-level peering. */
  readonly completeNetworks: boolean | Unknown;
  readonly localSubnetNames: Value<string[]>;
  readonly remoteSubnetNames: Value<string[]>;
  /** Addresses (model keys) of what the peering depends on (`depends_on`), in its stack. */
  readonly dependsOn: readonly string[];
}

/** How a shared key is given. */
export type SharedKeyForm = "absent" | "literal" | "variable" | "data" | "generated" | "other";

/** A connection's shared key: its form and identity, never its value. */
export interface SharedKeyM {
  readonly form: SharedKeyForm;
  /** The expression, when the key is not a literal. */
  readonly expr?: string;
  /** A fingerprint (truncated SHA-256) when the key is a literal. */
  readonly fingerprint?: string;
  /**
   * What identifies the key, so two connections can be compared without the value: `literal:<fingerprint>`,
   * `ref:<key>.<attribute>` for a reference to a block, or `expr:<stack>:<expression>`.
   */
  readonly identity?: string;
  /** Characters and length of a literal key (no value): for the key-format rules. */
  readonly literal?: { readonly length: number; readonly characters: string };
}

/** A custom IPsec/IKE policy of a connection. */
export interface IpsecPolicyM {
  readonly dhGroup: Value<string>;
  readonly ikeEncryption: Value<string>;
  readonly ikeIntegrity: Value<string>;
  readonly ipsecEncryption: Value<string>;
  readonly ipsecIntegrity: Value<string>;
  readonly pfsGroup: Value<string>;
  readonly saLifetime: Value<number>;
  readonly saDatasize: Value<number>;
}

/** A directed gateway connection. */
export interface ConnectionM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  readonly location: Value<string>;
  readonly type: Value<string>;
  readonly gateway?: GatewayM;
  readonly gatewayExpr: string;
  readonly peerGateway?: GatewayM;
  /** `peer_virtual_network_gateway_id` as written, when set. */
  readonly peerExpr?: string;
  readonly site?: SiteM;
  /** `local_network_gateway_id` as written, when set. */
  readonly siteExpr?: string;
  /** `express_route_circuit_id` as written, when set. */
  readonly expressRouteCircuitExpr?: string;
  readonly sharedKey: SharedKeyM;
  /** The custom IPsec policies (Azure accepts one). */
  readonly ipsecPolicies: IpsecPolicyM[];
  /** The first custom IPsec policy, when set. */
  readonly ipsecPolicy?: IpsecPolicyM;
  readonly usePolicyBasedTrafficSelectors: Value<boolean>;
  readonly bgpEnabled: Value<boolean>;
  readonly dpdTimeoutSeconds: Value<number>;
  readonly connectionProtocol: Value<string>;
  readonly connectionMode: Value<string>;
  readonly routingWeight: Value<number>;
  /** `local_azure_ip_address_enabled` (the gateway's private IP for the tunnel). */
  readonly privateIpAddressEnabled: Value<boolean>;
  /** `custom_bgp_addresses`, when set. */
  readonly customBgpAddresses?: { readonly primary: Value<string>; readonly secondary: Value<string> };
  /** How many `traffic_selector_policy` blocks. */
  readonly trafficSelectorPolicyCount: number;
  readonly ingressNat: NatRuleM[];
  readonly egressNat: NatRuleM[];
  /** NAT rule references that could not be resolved. */
  readonly unresolvedNat: string[];
}

/** A NAT mapping. */
export interface NatMappingM {
  readonly space: Prefix | Unknown;
  readonly text: string;
  readonly portRange?: string;
}

/** A gateway NAT rule. */
export interface NatRuleM {
  readonly key: string;
  readonly source?: Source;
  readonly path: string;
  readonly name: Value<string>;
  readonly mode: Value<string>;
  readonly type: Value<string>;
  readonly gateway?: GatewayM;
  /** `ip_configuration_id` as written, when set (active-active gateways). */
  readonly ipConfigurationExpr?: string;
  readonly internal: NatMappingM[];
  readonly external: NatMappingM[];
}

/** A suppression recorded by `ConnectivitySuppressions`. */
export interface SuppressionM {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** One end of a reachability intent: the construct path of a network or site, or a resource id. */
export interface IntentEndpointM {
  /** Construct path of the network or site construct (its resource is under it). */
  readonly path?: string;
  /** Literal resource id of a virtual network or local network gateway. */
  readonly id?: string;
  /** How the end is named in messages. */
  readonly text: string;
}

/** A reachability intent recorded by `ReachabilityIntents`. */
export interface IntentM {
  readonly kind: "mustReach" | "mustNotReach";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  readonly from: IntentEndpointM;
  readonly to: IntentEndpointM;
  readonly reason?: string;
}

/** Something of the input the model builder could not read or use, and why. */
export interface UnreadM {
  readonly path: string;
  readonly what: string;
}

/** The whole model. */
export interface NetworkModel {
  readonly networks: NetworkM[];
  readonly subnets: SubnetM[];
  readonly gateways: GatewayM[];
  readonly sites: SiteM[];
  readonly peerings: PeeringM[];
  readonly connections: ConnectionM[];
  readonly natRules: NatRuleM[];
  readonly routeTables: RouteTableM[];
  readonly publicIps: PublicIpM[];
  readonly suppressions: SuppressionM[];
  /** Reachability intents declared in code (`ReachabilityIntents`). */
  readonly intents: IntentM[];
  /** What the builder could not read (malformed metadata...): reported as not verifiable. */
  readonly unread: UnreadM[];
}

/** The algorithm fields of an IPsec policy and the Terraform attribute each is read from (for messages). */
export const IPSEC_ALGORITHM_FIELDS: readonly {
  readonly field:
    | "ikeEncryption"
    | "ikeIntegrity"
    | "dhGroup"
    | "ipsecEncryption"
    | "ipsecIntegrity"
    | "pfsGroup";
  readonly attribute: string;
}[] = [
  { field: "ikeEncryption", attribute: "ike_encryption" },
  { field: "ikeIntegrity", attribute: "ike_integrity" },
  { field: "dhGroup", attribute: "dh_group" },
  { field: "ipsecEncryption", attribute: "ipsec_encryption" },
  { field: "ipsecIntegrity", attribute: "ipsec_integrity" },
  { field: "pfsGroup", attribute: "pfs_group" },
];
