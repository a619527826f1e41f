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
  if (v !== null && typeof v === "object") {
    try {
      return JSON.stringify(v);
    } catch {
      return Array.isArray(v) ? "a list" : "an object";
    }
  }
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
  /**
   * The resource exists before apply and stays during it: read from a plan that leaves it unchanged or
   * updates it in place, or from a state. Unset for configurations (what exists is not known there).
   */
  readonly existing?: boolean;
}

/**
 * The stack that creates the element during apply, when it does: a resource the configuration manages
 * and that does not exist before apply (a data source, or a resource a plan leaves as it is, does not
 * wait to be created). What a peering must wait for (`Peering.GatewayTransit`) is decided with it.
 */
export function stackCreating(e: { readonly source?: Source }): string | undefined {
  return e.source && e.source.mode === "resource" && !e.source.existing ? e.source.stack : undefined;
}

/** What every element of the model has: a key, where it was read from, and a path for messages. */
export interface ElementM {
  /** Unique key across stacks (`<stack>::<address>`, or `external::<id>` for what is known only by id). */
  readonly key: string;
  /** Where it was read from (absent for inline blocks and what is known only by a literal id). */
  readonly source?: Source;
  /** Construct path (or Terraform address, or resource id) of the element, for messages. */
  readonly path: string;
}

/** A virtual network: created by the app, read by a data source, or known only by id. */
export interface NetworkM extends ElementM {
  /** Created by the configuration, read by a data source, or known only by a literal id. */
  readonly kind: "resource" | "data" | "external";
  /** Stack the network is declared in (empty for external networks). */
  readonly stack: string;
  /** Name of the network in Azure. */
  readonly name: Value<string>;
  /** Resource group of the network. */
  readonly resourceGroup: Value<string>;
  /** Azure region. */
  readonly location?: Value<string>;
  /** Subscription of the provider the network's block uses, when known. */
  readonly subscription?: string;
  /**
   * `environment` of the azurerm provider the network's block uses (`public`, `usgovernment`, `china`),
   * when the configuration sets it; `undefined` when not set (the provider then reads `ARM_ENVIRONMENT`,
   * else the public cloud).
   */
  readonly environment?: Value<string>;
  /** Literal ARM id, for external networks. */
  readonly armId?: string;
  /** The address spaces as written (texts), for rules that check their syntax. */
  readonly addressSpaceText: Value<string[]>;
  /** Address spaces, parsed, or unknown with the reason. */
  spaces: Spaces;
  /** Its subnets: resources, inline blocks, data sources and subnets known only by id. */
  readonly subnets: SubnetM[];
  /** Virtual network gateways placed in its GatewaySubnet. */
  readonly gateways: GatewayM[];
  /** Display name for messages. */
  readonly label: string;
}

/** A resource placed in a subnet by its `subnet_id` (a VM's NIC, a private endpoint, a Route Server...). */
export interface SubnetAttachmentM {
  /** Terraform type of the resource, e.g. `azurerm_network_interface`. */
  readonly type: string;
  /** Construct path (or Terraform address) of the resource. */
  readonly path: string;
  /** Route servers only: `branch_to_branch_traffic_enabled` (default false). */
  readonly branchToBranch?: boolean | Unknown;
}

/** A subnet: an `azurerm_subnet`, an inline `subnet` block, a data source, or a literal id. */
export interface SubnetM extends ElementM {
  /** Subnet name (Azure compares it case-insensitively). */
  readonly name: Value<string>;
  /** The network it belongs to, when it can be resolved. */
  network?: NetworkM;
  /** The prefixes as written (texts), for rules that check their syntax. */
  readonly prefixText: Value<string[]>;
  /** Address prefixes, parsed, or unknown with the reason. */
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
  /** An `azurerm_subnet`, an inline `subnet` block of a network, a data source, or a subnet known only by id. */
  readonly kind: "resource" | "inline" | "data" | "external";
}

/** A route of a route table. */
export interface RouteM {
  /** Construct path of the route or of its route table. */
  readonly path: string;
  /** Route name. */
  readonly name: Value<string>;
  /** Destination prefix (`address_prefix`). */
  readonly addressPrefix: Value<string>;
  /** `VirtualNetworkGateway`, `VnetLocal`, `Internet`, `VirtualAppliance` or `None`. */
  readonly nextHopType: Value<string>;
  /** `next_hop_in_ip_address` (virtual appliances). */
  readonly nextHopIp: Value<string>;
}

/** A route table and its routes. */
export interface RouteTableM extends ElementM {
  /** Route table name. */
  readonly name: Value<string>;
  /** false when BGP route propagation is disabled. */
  readonly bgpRoutePropagation: boolean | Unknown;
  /** Inline routes and `azurerm_route` resources of the table. */
  readonly routes: RouteM[];
}

/** One `ip_configuration` of a gateway. */
export interface GatewayIpConfigurationM {
  /** Name of the IP configuration. */
  readonly name: Value<string>;
  /** The subnet it is placed in (GatewaySubnet), when it can be resolved. */
  readonly subnet?: SubnetM;
  /** `subnet_id` as written, for messages. */
  readonly subnetExpr: string;
  /** Its public IP, when it is a public IP of the configuration. */
  readonly publicIp?: PublicIpM;
  /** The public IP expression, when set (resolved or not). */
  readonly publicIpExpr?: string;
  /** `Static` or `Dynamic` (private address allocation). */
  readonly privateIpAllocation: Value<string>;
}

/** One `bgp_settings.peering_addresses` block of a gateway. */
export interface BgpPeeringAddressM {
  /** The IP configuration the addresses belong to. */
  readonly ipConfigurationName: Value<string>;
  /** Custom APIPA addresses (169.254.21.0-169.254.22.255). */
  readonly apipaAddresses: Value<string[]>;
}

/** A virtual network gateway. */
export interface GatewayM extends ElementM {
  /** Gateway name. */
  readonly name: Value<string>;
  /** Azure region. */
  readonly location: Value<string>;
  /** `Vpn` or `ExpressRoute`. */
  readonly type: Value<string>;
  /** `RouteBased` or `PolicyBased`. */
  readonly vpnType: Value<string>;
  /** Gateway SKU, e.g. `VpnGw2AZ`. */
  readonly sku: Value<string>;
  /** `Generation1` or `Generation2`. */
  readonly generation: Value<string>;
  /** Whether the gateway is active-active. */
  readonly activeActive: Value<boolean>;
  /** Whether BGP is enabled (`bgp_enabled`, azurerm 3.x `enable_bgp`). */
  readonly bgpEnabled: Value<boolean>;
  /** The gateway's ASN (`bgp_settings.asn`). */
  readonly bgpAsn: Value<number>;
  /** `bgp_settings.peer_weight`. */
  readonly bgpPeerWeight: Value<number>;
  /** `bgp_settings.peering_addresses`, one per IP configuration. */
  readonly bgpPeeringAddresses: BgpPeeringAddressM[];
  /** Every custom APIPA address of the gateway that is known. */
  readonly apipaAddresses: string[];
  /** `private_ip_address_enabled`. */
  readonly privateIpAddressEnabled: Value<boolean>;
  /** `bgp_route_translation_for_nat_enabled`: BGP routes translated by the NAT rules of its connections. */
  readonly bgpRouteTranslationForNat: Value<boolean>;
  /** `environment` of the azurerm provider the gateway's block uses, when set (see {@link NetworkM.environment}). */
  readonly environment?: Value<string>;
  /** The `ip_configuration` blocks. */
  readonly ipConfigurations: GatewayIpConfigurationM[];
  /** How many `ip_configuration` blocks: unknown when they come from a `dynamic` block. */
  readonly ipConfigurationCount: number | Unknown;
  /** Point-to-site configuration (`vpn_client_configuration`), when set. */
  readonly pointToSite?: {
    /** `vpn_client_configuration.address_space` as written (the client address pool). */
    readonly addressSpace: Value<string[]>;
    /** The client address pool, parsed, or unknown with the reason. */
    readonly spaces: Spaces;
  };
  /** The network whose GatewaySubnet holds the gateway, when it can be resolved. */
  network?: NetworkM;
  /** Connections from this gateway. */
  readonly connections: ConnectionM[];
  /** NAT rules of this gateway. */
  readonly natRules: NatRuleM[];
}

/** The azurerm provider version a configuration pins (`terraform.required_providers.azurerm.version`). */
export interface AzurermVersionM {
  /** The version constraint as written, e.g. `~> 3.100` or `4.55.0`. */
  readonly constraint: string;
  /** The one major version it allows. */
  readonly major: number;
}

/** A public IP address. */
export interface PublicIpM extends ElementM {
  /** Public IP name. */
  readonly name: Value<string>;
  /** `Basic`, `Standard` or `StandardV2`; unset: decided by the provider version ({@link PublicIpM.azurermVersion}). */
  readonly sku: Value<string>;
  /**
   * The azurerm version the public IP's stack pins, which decides what an unset `sku` means (the
   * provider's default changed with 4.0); unknown when the stack pins none, or a constraint that allows
   * more than one major version.
   */
  readonly azurermVersion: AzurermVersionM | Unknown;
  /** `Static` or `Dynamic`. */
  readonly allocation: Value<string>;
  /** Availability zones. */
  readonly zones: Value<string[]>;
}

/** BGP settings of a site. */
export interface SiteBgpM {
  /** The site device's ASN. */
  readonly asn: Value<number>;
  /** The device's BGP peer address. */
  readonly peeringAddress: Value<string>;
  /** `peer_weight`. */
  readonly peerWeight: Value<number>;
}

/** A local network gateway (a site). */
export interface SiteM extends ElementM {
  /** Local network gateway name. */
  readonly name: Value<string>;
  /** Resource group. */
  readonly resourceGroup: Value<string>;
  /** Azure region. */
  readonly location: Value<string>;
  /** The address spaces as written (texts). */
  readonly addressSpaceText: Value<string[]>;
  /** Address spaces, parsed, or unknown with the reason. */
  readonly spaces: Spaces;
  /** The device's public IP address. */
  readonly gatewayAddress: Value<string>;
  /** The device's FQDN. */
  readonly gatewayFqdn: Value<string>;
  /** `bgp_settings`, when set. */
  readonly bgp?: SiteBgpM;
  /** The device's ASN, when BGP is configured. */
  readonly bgpAsn: Value<number>;
  /** The device's BGP peer address, when BGP is configured. */
  readonly bgpPeeringAddress: Value<string>;
  /**
   * The Azure VPN gateway of the app this site stands for (VNet-to-VNet over IPsec): its device
   * address is that gateway's public IP, or our constructs recorded it.
   */
  standsFor?: GatewayM;
  /** Display name for messages. */
  readonly label: string;
}

/** A directed peering. */
export interface PeeringM extends ElementM {
  /** Stack the peering is declared in. */
  readonly stack: string;
  /** Peering name. */
  readonly name: Value<string>;
  /** The network the peering belongs to, when it can be resolved. */
  readonly local?: NetworkM;
  /** The remote network, when it can be resolved (an external network for a literal id). */
  readonly remote?: NetworkM;
  /** `virtual_network_name` as written. */
  readonly localExpr: string;
  /** `remote_virtual_network_id` as written. */
  readonly remoteExpr: string;
  /** `allow_virtual_network_access` (default true). */
  readonly allowAccess: boolean | Unknown;
  /** `allow_forwarded_traffic` (default false). */
  readonly allowForwardedTraffic: boolean | Unknown;
  /** `allow_gateway_transit` (default false). */
  readonly allowGatewayTransit: boolean | Unknown;
  /** `use_remote_gateways` (default false). */
  readonly useRemoteGateways: boolean | Unknown;
  /** false for subnet-level peering. */
  readonly completeNetworks: boolean | Unknown;
  /** Subnet-level peering: the local subnets. */
  readonly localSubnetNames: Value<string[]>;
  /** Subnet-level peering: the remote subnets. */
  readonly remoteSubnetNames: Value<string[]>;
  /** Addresses (model keys) of what the peering depends on (`depends_on`), in its stack. */
  readonly dependsOn: readonly string[];
}

/** How a shared key is given. */
export type SharedKeyForm = "absent" | "literal" | "variable" | "data" | "generated" | "other";

/** A connection's shared key: its form and identity, never its value. */
export interface SharedKeyM {
  /** Absent, a literal, a variable, a data source, a generated password, or another expression. */
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
  /** The `random_password` (or `random_string`) that generates the key, when it does. */
  readonly generator?: GeneratedKeyM;
}

/** The settings of a `random_password` (or `random_string`) that generates a shared key. */
export interface GeneratedKeyM {
  /** Construct path (or Terraform address) of the generator. */
  readonly path: string;
  /** `length`. */
  readonly length: Value<number>;
  /** `special` (the provider's default is true). */
  readonly special: Value<boolean>;
  /** `override_special`, when set. */
  readonly overrideSpecial: Value<string>;
}

/** A custom IPsec/IKE policy of a connection. */
export interface IpsecPolicyM {
  /** IKE Diffie-Hellman group (`dh_group`). */
  readonly dhGroup: Value<string>;
  /** IKE encryption (`ike_encryption`). */
  readonly ikeEncryption: Value<string>;
  /** IKE integrity (`ike_integrity`). */
  readonly ikeIntegrity: Value<string>;
  /** IPsec encryption (`ipsec_encryption`). */
  readonly ipsecEncryption: Value<string>;
  /** IPsec integrity (`ipsec_integrity`). */
  readonly ipsecIntegrity: Value<string>;
  /** PFS group (`pfs_group`). */
  readonly pfsGroup: Value<string>;
  /** Quick Mode SA lifetime in seconds (`sa_lifetime`). */
  readonly saLifetime: Value<number>;
  /** Quick Mode SA data size in KB (`sa_datasize`). */
  readonly saDatasize: Value<number>;
}

/** A directed gateway connection. */
export interface ConnectionM extends ElementM {
  /** Connection name. */
  readonly name: Value<string>;
  /** Azure region. */
  readonly location: Value<string>;
  /** `IPsec`, `Vnet2Vnet` or `ExpressRoute`. */
  readonly type: Value<string>;
  /** The gateway the connection belongs to, when it is a gateway of the configuration. */
  readonly gateway?: GatewayM;
  /** `virtual_network_gateway_id` as written. */
  readonly gatewayExpr: string;
  /** The peer gateway of a `Vnet2Vnet` connection, when it is a gateway of the configuration. */
  readonly peerGateway?: GatewayM;
  /** `peer_virtual_network_gateway_id` as written, when set. */
  readonly peerExpr?: string;
  /** The site of an `IPsec` connection, when it is a site of the configuration. */
  readonly site?: SiteM;
  /** `local_network_gateway_id` as written, when set. */
  readonly siteExpr?: string;
  /** `express_route_circuit_id` as written, when set. */
  readonly expressRouteCircuitExpr?: string;
  /** Whether `authorization_key` (an ExpressRoute circuit's) is set; its value is never kept. */
  readonly authorizationKeySet: boolean;
  /** `express_route_gateway_bypass` (ExpressRoute FastPath). */
  readonly expressRouteGatewayBypass: Value<boolean>;
  /** `private_link_fast_path_enabled` (ExpressRoute FastPath for Private Link). */
  readonly privateLinkFastPathEnabled: Value<boolean>;
  /** How the shared key is given (never its value). */
  readonly sharedKey: SharedKeyM;
  /** The custom IPsec policies (Azure accepts one). */
  readonly ipsecPolicies: IpsecPolicyM[];
  /** The first custom IPsec policy, when set. */
  readonly ipsecPolicy?: IpsecPolicyM;
  /** `use_policy_based_traffic_selectors`. */
  readonly usePolicyBasedTrafficSelectors: Value<boolean>;
  /** BGP on the connection (`bgp_enabled`, azurerm 3.x `enable_bgp`). */
  readonly bgpEnabled: Value<boolean>;
  /** `dpd_timeout_seconds`. */
  readonly dpdTimeoutSeconds: Value<number>;
  /** `IKEv1` or `IKEv2`. */
  readonly connectionProtocol: Value<string>;
  /** `Default`, `InitiatorOnly` or `ResponderOnly`. */
  readonly connectionMode: Value<string>;
  /** `routing_weight`. */
  readonly routingWeight: Value<number>;
  /** `local_azure_ip_address_enabled` (the gateway's private IP for the tunnel). */
  readonly privateIpAddressEnabled: Value<boolean>;
  /** `custom_bgp_addresses`, when set. */
  readonly customBgpAddresses?: { readonly primary: Value<string>; readonly secondary: Value<string> };
  /** How many `traffic_selector_policy` blocks. */
  readonly trafficSelectorPolicyCount: number;
  /** IngressSnat NAT rules (`ingress_nat_rule_ids`) that could be resolved. */
  readonly ingressNat: NatRuleM[];
  /** EgressSnat NAT rules (`egress_nat_rule_ids`) that could be resolved. */
  readonly egressNat: NatRuleM[];
  /** NAT rule references that could not be resolved. */
  readonly unresolvedNat: string[];
}

/** A NAT mapping. */
export interface NatMappingM {
  /** The prefix, or unknown. */
  readonly space: Prefix | Unknown;
  /** The prefix as written. */
  readonly text: string;
  /** `port_range`, when set (unknown for an expression). */
  readonly portRange?: Value<string>;
  /** True when the prefix is a literal that is not a valid CIDR block (malformed, or host bits set). */
  readonly invalid?: boolean;
}

/** A gateway NAT rule. */
export interface NatRuleM extends ElementM {
  /** NAT rule name. */
  readonly name: Value<string>;
  /** `EgressSnat` (default) or `IngressSnat`. */
  readonly mode: Value<string>;
  /** `Static` (default) or `Dynamic`. */
  readonly type: Value<string>;
  /** The gateway the rule belongs to, when it can be resolved. */
  readonly gateway?: GatewayM;
  /** `ip_configuration_id` as written, when set (active-active gateways). */
  readonly ipConfigurationExpr?: string;
  /**
   * The name of the gateway IP configuration (gateway instance) `ip_configuration_id` names, when it can
   * be told: an `ip_configuration[<n>].id` reference to the gateway, or a literal id ending in
   * `/ipConfigurations/<name>`; unknown otherwise; `undefined` when not set.
   */
  readonly ipConfiguration?: Value<string>;
  /** True when a mapping comes from a `dynamic` block: how many mappings the rule has is not known. */
  readonly dynamicMappings: boolean;
  /** Internal mappings. */
  readonly internal: NatMappingM[];
  /** External mappings. */
  readonly external: NatMappingM[];
}

/** A suppression recorded by `ConnectivitySuppressions`. */
export interface SuppressionM {
  /** Construct path the suppression covers (and everything under it). */
  readonly path: string;
  /** Rule id, or `*` for every rule. */
  readonly ruleId: string;
  /** Why the finding is accepted. */
  readonly reason: string;
}

/** One end of a reachability intent: the construct path of a network or site, or a resource id. */
export interface IntentEndpointM {
  /** Construct path of the network or site construct (its resource is under it, or is it). */
  readonly path?: string;
  /** Terraform address of the network's or site's block in its stack, when recorded. */
  readonly address?: string;
  /** Stack of that block, when recorded. */
  readonly stack?: string;
  /** Literal resource id of a virtual network or local network gateway. */
  readonly id?: string;
  /** How the end is named in messages. */
  readonly text: string;
}

/** A reachability intent recorded by `ReachabilityIntents`. */
export interface IntentM {
  /** Must reach, or must not reach. */
  readonly kind: "mustReach" | "mustNotReach";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  /** One end. */
  readonly from: IntentEndpointM;
  /** The other end. */
  readonly to: IntentEndpointM;
  /** Why, as written with the intent. */
  readonly reason?: string;
}

/**
 * A reachability intent over groups recorded by `ReachabilityIntents.groupsApart`: every pair of members
 * of different groups must not reach each other.
 */
export interface IntentGroupsM {
  /** Groups apart: no member of one group may reach a member of another. */
  readonly kind: "groupsApart";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  /** The groups, each with its networks and sites. */
  readonly groups: readonly { readonly name: string; readonly members: readonly IntentEndpointM[] }[];
  /** Why, as written with the intent. */
  readonly reason?: string;
}

/** Something of the input the model builder could not read or use, and why. */
export interface UnreadM {
  /** Where (construct path, Terraform address or stack). */
  readonly path: string;
  /** What was not read, and why. */
  readonly what: string;
}

/** What Terraform waits for before it creates a block, read from the configuration on demand. */
export interface DependencyIndex {
  /**
   * Whether the block with model key `fromKey` waits for the one with key `toKey` at apply: `to` is in
   * `from`'s `depends_on` or referenced by its arguments, directly or through the blocks those wait for
   * (across stacks through cdktf's cross-stack references).
   */
  waitsFor(fromKey: string, toKey: string): boolean;
  /**
   * Why what the block with model key `fromKey` waits for is not known (a plan without its
   * configuration, where `depends_on` and references are), or `undefined` when it is: when
   * {@link DependencyIndex.waitsFor} is false, the block may still wait.
   */
  orderingUnknown?(fromKey: string): string | undefined;
}

/** The whole model. */
export interface NetworkModel {
  /** Virtual networks. */
  readonly networks: NetworkM[];
  /** Subnets of every kind. */
  readonly subnets: SubnetM[];
  /** Virtual network gateways. */
  readonly gateways: GatewayM[];
  /** Local network gateways. */
  readonly sites: SiteM[];
  /** Directed peerings. */
  readonly peerings: PeeringM[];
  /** Directed gateway connections. */
  readonly connections: ConnectionM[];
  /** Gateway NAT rules. */
  readonly natRules: NatRuleM[];
  /** Route tables. */
  readonly routeTables: RouteTableM[];
  /** Public IPs. */
  readonly publicIps: PublicIpM[];
  /** Suppressions recorded by `ConnectivitySuppressions`. */
  readonly suppressions: SuppressionM[];
  /** Reachability intents declared in code (`ReachabilityIntents`). */
  readonly intents: IntentM[];
  /** Reachability intents over groups apart (`ReachabilityIntents.groupsApart`). */
  readonly intentGroups: IntentGroupsM[];
  /**
   * What could not be read (malformed metadata, a resource whose `count` is not known, a module that
   * could not be read...): reported as not verifiable.
   */
  readonly unread: UnreadM[];
  /** What Terraform waits for before it creates a block (read on demand). */
  readonly dependencies: DependencyIndex;
  /**
   * Stack -> the stacks whose outputs it reads (cdktf cross-stack references): cdktf deploys those
   * first. Stacks without such references are absent.
   */
  readonly stackDependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** The azurerm provider the configuration pins, when it pins one. */
  readonly provider?: ProviderM;
}

/**
 * The azurerm provider version a configuration pins: `.terraform.lock.hcl` when it is there, else the
 * `required_providers` constraint. Provider defaults that changed between major versions (argument
 * names, default SKUs) depend on it; unknown when the configuration pins no single major version.
 */
export interface ProviderM {
  /** The version as written: the lock file's (`3.117.0`) or the constraint (`~> 3.100`). */
  readonly azurermVersion: string;
  /** The major version it allows, when it allows exactly one (`3` for `~> 3.100`). */
  readonly azurermMajor?: number;
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
