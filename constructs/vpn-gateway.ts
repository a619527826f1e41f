import { Construct, IConstruct } from "constructs";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Fn, TerraformProvider } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { IVnet, Vnet } from "./vnet";
import {
  isUnresolved,
  parseArmIdProp,
  parseCidrProp,
  parseExistingId,
  requireNonEmpty,
} from "./private/validate";
import { parseIpv4Prop, validateAsn, validateAzureApipa, validatePeerWeight } from "./private/bgp";
import { apipaCountViolation, peeringAddressesViolations } from "../core/azure/bgp";
import { gatewayOf, registerGateway } from "./private/gateways";
import {
  DEFAULT_VPN_GATEWAY_SKU,
  GATEWAY_PRIVATE_IP_ALLOCATION,
  GATEWAY_PUBLIC_IP,
  GATEWAY_TYPES,
  GATEWAY_SUBNET_MINIMUM,
  VPN_GATEWAY_SKUS,
  ZONE_REDUNDANT_ZONES,
  VpnGatewayGenerationName,
  VpnGatewaySkuName,
  defaultGeneration,
  gatewaySkuViolation,
  gatewaySubnetMinimum,
  gatewaySubnetSizeViolation,
  generationViolation,
  isVpnGatewaySku,
  isZoneRedundantSku,
  policyBasedViolation,
  publicIpZonesViolation,
  retiredSkuViolation,
  skuFeatureViolation,
  vpnSkuFacts,
} from "../core/azure/gateway";
import { fitAzureName, isGatewaySubnetName, sameRegion } from "../core/azure/naming";
import { VPN_GATEWAY_GENERATIONS, VPN_TYPE_NAMES } from "../core/azure/gateway";
import { Field, PROVIDER, TAGS, checkProps, isNetwork } from "./private/props";

/** The shapes of {@link VpnGatewayProps}, checked at run time. */
const VPN_GATEWAY_PROPS = {
  vnet: { t: "instance", what: "a network (new Vnet(...))", test: isNetwork },
  name: { t: "string", name: "virtualNetworkGateways" },
  gatewaySubnetPrefix: { t: "cidr", optional: true },
  gatewaySubnetSize: { t: "number", optional: true },
  gatewaySubnet: {
    t: "instance",
    what: "an azurerm Subnet",
    test: (v) => v instanceof Subnet,
    optional: true,
  },
  resourceGroupName: { t: "string", name: "resourceGroups", optional: true },
  location: { t: "string", nonEmpty: true, optional: true },
  sku: { t: "string", optional: true },
  generation: { t: "enum", values: VPN_GATEWAY_GENERATIONS, optional: true },
  vpnType: { t: "enum", values: VPN_TYPE_NAMES, optional: true },
  activeActive: { t: "boolean", optional: true },
  bgp: {
    t: "object",
    optional: true,
    fields: {
      asn: { t: "number" },
      peeringAddresses: {
        t: "list",
        optional: true,
        of: { t: "object", fields: { apipaAddresses: { t: "list", of: { t: "string", nonEmpty: true } } } },
      },
      peerWeight: { t: "number", optional: true },
    },
  },
  publicIpZones: { t: "list", optional: true, of: { t: "string", nonEmpty: true } },
  bgpRouteTranslationForNat: { t: "boolean", optional: true },
  existingPublicIps: {
    t: "list",
    optional: true,
    of: {
      t: "object",
      fields: {
        publicIpId: { t: "string", nonEmpty: true },
        ipAddress: { t: "string", nonEmpty: true, optional: true },
      },
    },
  },
  provider: PROVIDER,
  tags: TAGS,
} as const satisfies Record<string, Field>;

/**
 * SKU of a VPN gateway. The AZ SKUs are zone-redundant; the non-AZ VpnGw1-5 can no longer be created
 * new and retire on 2026-09-30 (the construct refuses them), and Basic is for dev/test only (no BGP, active-active, custom IPsec
 * policy or NAT).
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation
 */
export type VpnGatewaySku = VpnGatewaySkuName;

/**
 * Generation of a VPN gateway. Generation1 offers Basic and VpnGw1-3(AZ); Generation2 offers VpnGw2-5(AZ).
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export type VpnGatewayGeneration = VpnGatewayGenerationName;

/**
 * Route-based (every SKU) or policy-based (Basic only: one site-to-site tunnel, IKEv1, no VNet-to-VNet).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export type VpnType = "RouteBased" | "PolicyBased";

/**
 * A VPN gateway that connections, NAT rules and peerings use: one this app creates ({@link VpnGateway}) or
 * an existing one known by its resource id ({@link VpnGateway.fromId}, {@link VpnGateway.fromAttributes}).
 * What is not known of an existing gateway is undefined, and the checks that need it are skipped.
 */
export interface IVpnGateway extends IConstruct {
  /** Resource id of the gateway (a Terraform reference for a gateway this app creates). */
  readonly gatewayId: string;
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Resource group of the gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway (connections are created there), when known. */
  readonly location?: string;
  /** Gateway SKU, when known. */
  readonly sku?: VpnGatewaySku;
  /** Gateway generation, when known. */
  readonly generation?: VpnGatewayGeneration;
  /** `RouteBased` or `PolicyBased`, when known. */
  readonly vpnType?: VpnType;
  /** Whether the gateway is active-active, when known. */
  readonly activeActive?: boolean;
  /** The gateway's ASN when BGP is enabled (for an existing gateway: when given). */
  readonly bgpAsn?: number;
  /** The BGP peer address of each instance, as a peer configures it (empty when unknown or BGP is off). */
  readonly bgpPeeringAddresses: string[];
  /** The public IP address of each instance (Terraform references for new public IPs; empty when unknown). */
  readonly publicIpAddresses: string[];
  /** The gateway's network, when known. */
  readonly vnet?: IVnet;
  /**
   * The azurerm provider (alias) of the gateway's subscription, used for connections and NAT rules.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /** True for a gateway this app does not create. */
  readonly isExisting: boolean;
}

/** An existing public IP address for a new gateway (one per instance). */
export interface ExistingPublicIp {
  /**
   * Resource id of the `azurerm_public_ip` (a literal id or a reference). It must be a Standard, static
   * IP, zonal or zone-redundant for the AZ SKUs: Azure checks it at apply.
   */
  readonly publicIpId: string;
  /**
   * Its IP address, when a construct needs it (a VNet-to-VNet IPsec connection configures it on the
   * other side's site).
   * @default - unknown
   */
  readonly ipAddress?: string;
}

/** What is known of an existing VPN gateway, for {@link VpnGateway.fromAttributes}. */
export interface ExistingVpnGatewayAttributes {
  /**
   * Resource id: `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworkGateways/<name>`.
   * Name and resource group are read from it.
   */
  readonly gatewayId: string;
  /**
   * The gateway's network (typically `Vnet.fromId`): peerings that use the network's gateway then know
   * it exists, and the gateway's facts are recorded with the network for the policies.
   * @default - unknown
   */
  readonly vnet?: IVnet;
  /**
   * Azure region of the gateway; needed to create connections on it.
   * @default - the network's region when `vnet` knows it, else unknown
   */
  readonly location?: string;
  /**
   * Gateway SKU (checked: NAT rules, custom IPsec policies and IKEv1 depend on it).
   * @default - unknown: the checks that depend on it are skipped
   */
  readonly sku?: VpnGatewaySku;
  /**
   * Gateway generation.
   * @default - unknown
   */
  readonly generation?: VpnGatewayGeneration;
  /**
   * VPN type.
   * @default - unknown
   */
  readonly vpnType?: VpnType;
  /**
   * Whether the gateway is active-active.
   * @default - unknown
   */
  readonly activeActive?: boolean;
  /**
   * The gateway's ASN, when BGP is enabled on it.
   * @default - unknown
   */
  readonly bgpAsn?: number;
  /**
   * The BGP peer address of each instance.
   * @default - unknown
   */
  readonly bgpPeeringAddresses?: string[];
  /**
   * The public IP address of each instance.
   * @default - unknown
   */
  readonly publicIpAddresses?: string[];
  /**
   * The azurerm provider (alias) of the gateway's subscription, for connections and NAT rules created on it.
   * @default - the network's provider, else the stack's default
   */
  readonly provider?: TerraformProvider;
}

/** Custom APIPA BGP addresses of one gateway instance (one IP configuration). */
export interface VpnGatewayPeeringAddress {
  /**
   * Custom Azure APIPA BGP addresses of the instance, each in 169.254.21.0-169.254.22.255; needed when an
   * on-premises peer (or AWS) uses APIPA BGP addresses.
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly apipaAddresses: string[];
}

/** BGP settings of a VPN gateway. */
export interface VpnGatewayBgpOptions {
  /**
   * The gateway's ASN. Azure's default is 65515; peers connected with BGP need different ASNs, so two
   * gateways joined by BGP cannot both keep it. Azure- and IANA-reserved ASNs are refused.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly asn: number;
  /**
   * Custom APIPA BGP addresses per instance: the first entry for the first IP configuration, the second
   * for the second (active-active only).
   * @default - no custom APIPA addresses: Azure assigns the BGP peer IP from GatewaySubnet
   */
  readonly peeringAddresses?: VpnGatewayPeeringAddress[];
  /**
   * Weight added to routes learned from this gateway's BGP peers (0-100).
   * @default - Azure's default (0)
   */
  readonly peerWeight?: number;
}

/** Properties of a {@link VpnGateway}. */
export interface VpnGatewayProps {
  /**
   * The virtual network of the gateway. It must be a network this app creates ({@link Vnet}): a gateway
   * in an existing network known only by id is not supported.
   */
  readonly vnet: IVnet;
  /** Name of the gateway in Azure. */
  readonly name: string;
  /**
   * Address prefix of the `GatewaySubnet` to create in `vnet`: /27 or larger (also the minimum for
   * ExpressRoute/VPN coexistence); /28 and /29 only with the Basic SKU.
   * @default - the network's subnet named GatewaySubnet if it has one, else a GatewaySubnet of
   * `gatewaySubnetSize` carved from the top of the network's address space (recorded with its
   * {@link AddressPool} when the space comes from one)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
   */
  readonly gatewaySubnetPrefix?: string;
  /**
   * Prefix length of the `GatewaySubnet` to carve when no prefix is given (e.g. 26 to leave room for an
   * ExpressRoute gateway).
   * @default - the smallest GatewaySubnet the SKU accepts: /27 (/29 for Basic)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
   */
  readonly gatewaySubnetSize?: number;
  /**
   * An existing `azurerm_subnet` named `GatewaySubnet` (compared case-insensitively, as Azure does) to use.
   * @default - the network's subnet named GatewaySubnet, or a new one from `gatewaySubnetPrefix`
   */
  readonly gatewaySubnet?: Subnet;
  /**
   * Resource group of the gateway and its public IPs.
   * @default - the network's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Azure region; a gateway must be in its network's region.
   * @default - the network's region
   */
  readonly location?: string;
  /**
   * Gateway SKU. AZ SKUs are zone-redundant and are the only VpnGw SKUs Azure still creates new.
   * @default "VpnGw2AZ"
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   */
  readonly sku?: VpnGatewaySku;
  /**
   * Gateway generation. Basic, VpnGw1 and VpnGw1AZ exist only in Generation1; VpnGw4/5(AZ) only in Generation2.
   * @default "Generation2", or "Generation1" for Basic, VpnGw1 and VpnGw1AZ
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   */
  readonly generation?: VpnGatewayGeneration;
  /**
   * VPN type. PolicyBased is available only with the Basic SKU.
   * @default "RouteBased"
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
   */
  readonly vpnType?: VpnType;
  /**
   * Active-active: two instances, each with its own IP configuration and public IP. Not on Basic.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
   */
  readonly activeActive?: boolean;
  /**
   * BGP settings; BGP is enabled when given. Not on Basic or PolicyBased gateways.
   * @default - BGP disabled
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly bgp?: VpnGatewayBgpOptions;
  /**
   * Availability zones of the public IPs: all three for zone redundancy, or one for a zonal gateway.
   * AZ SKUs need zonal or zone-redundant IPs; the non-AZ SKUs refuse zonal IPs.
   * @default ["1", "2", "3"] for AZ SKUs, none for the others
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
   */
  readonly publicIpZones?: string[];
  /**
   * Translate the routes learned and advertised over BGP on connections with NAT rules (Azure's
   * "Enable BGP Route Translation"). Turn it on when the gateway uses both BGP and NAT.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#routing
   */
  readonly bgpRouteTranslationForNat?: boolean;
  /**
   * Existing public IPs to use, one per instance (two for active-active), instead of creating them: an
   * address that on-premises devices or firewalls already know survives the gateway's replacement.
   * @default - new Standard, static public IPs (zone-redundant for AZ SKUs)
   */
  readonly existingPublicIps?: ExistingPublicIp[];
  /**
   * The azurerm provider (alias) of the gateway's subscription.
   * @default - the network's provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Tags of the gateway and its public IPs.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A route-based (or Basic policy-based) VPN gateway in a virtual network, with its `GatewaySubnet` and
 * Standard, static public IPs (zone-redundant for AZ SKUs).
 *
 * @example
 * const gw = new VpnGateway(stack, "HubGw", { vnet: hub, name: "vgw-hub", gatewaySubnetPrefix: "10.0.255.0/27" });
 */
export class VpnGateway extends Construct implements IVpnGateway {
  /** The resource id reference, made once. */
  private idRef?: string;
  /** Stands for an existing VPN gateway known only by its resource id. */
  public static fromId(scope: Construct, id: string, gatewayId: string): IVpnGateway {
    return new ExistingVpnGateway(scope, id, { gatewayId });
  }

  /** Stands for an existing VPN gateway, with what is known of it. */
  public static fromAttributes(
    scope: Construct,
    id: string,
    attrs: ExistingVpnGatewayAttributes,
  ): IVpnGateway {
    return new ExistingVpnGateway(scope, id, attrs);
  }

  /** The underlying `azurerm_virtual_network_gateway` (escape hatch). */
  public readonly resource: VirtualNetworkGateway;
  /** The gateway's public IPs: one, or two for active-active; empty with `existingPublicIps` (escape hatch). */
  public readonly publicIps: PublicIp[];
  /** The `GatewaySubnet` the gateway is deployed into (escape hatch). */
  public readonly gatewaySubnet: Subnet;
  /** The gateway's network. */
  public readonly vnet: Vnet;
  /** Name of the gateway. */
  public readonly gatewayName: string;
  /** Resource group of the gateway. */
  public readonly resourceGroupName: string;
  /** Azure region of the gateway (its network's). */
  public readonly location: string;
  /** Gateway SKU. */
  public readonly sku: VpnGatewaySku;
  /** Gateway generation. */
  public readonly generation: VpnGatewayGeneration;
  /** `RouteBased` or `PolicyBased`. */
  public readonly vpnType: VpnType;
  /** Whether the gateway is active-active (two instances, two public IPs). */
  public readonly activeActive: boolean;
  /** The gateway's ASN when BGP is enabled, else undefined. */
  public readonly bgpAsn?: number;
  /** The provider the gateway is created with (undefined: the stack's default). */
  public readonly provider?: TerraformProvider;
  /** Names of the IP configurations, in order. */
  public readonly ipConfigurationNames: string[];
  /** False: the app creates this gateway. */
  public readonly isExisting = false;

  private readonly bgpPeeringAddressesOverride?: (string | undefined)[];
  private readonly existingIpAddresses?: (string | undefined)[];

  constructor(scope: Construct, id: string, props: VpnGatewayProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VPN_GATEWAY_PROPS);
    requireNonEmpty(this, "name", props.name);
    if (!(props.vnet instanceof Vnet)) {
      throw new ConnectivityValidationError(
        this,
        `\`vnet\`: '${props.vnet.node.path}' is an existing network (Vnet.fromId); a gateway needs a GatewaySubnet ` +
          "this app creates, so declare the network with `new Vnet(...)` or create the gateway where the network is managed",
      );
    }
    const vnet = props.vnet;
    refuseSecondGateway(this, vnet);
    const sku = props.sku ?? DEFAULT_VPN_GATEWAY_SKU;
    if (!isUnresolved(sku) && !isVpnGatewaySku(sku)) {
      // The same predicate as the Gateway.SkuForType rule; a VPN SKU spelled otherwise is refused too.
      const wrong = gatewaySkuViolation(GATEWAY_TYPES.vpn, sku);
      const why =
        wrong?.kind === "legacy-vpn"
          ? `a legacy VPN SKU that Azure no longer creates (existing gateways are migrated to '${wrong.replacement}')`
          : wrong?.kind === "expressroute-only"
            ? "an ExpressRoute-only SKU"
            : wrong === undefined
              ? "not spelled as Azure documents it"
              : "not a VPN gateway SKU";
      throw new ConnectivityValidationError(
        this,
        `\`sku\`: '${sku}' is ${why}; use one of ${VPN_GATEWAY_SKUS.join(", ")}`,
      );
    }
    const generation = props.generation ?? defaultGeneration(sku);
    const vpnType = props.vpnType ?? "RouteBased";
    const activeActive = props.activeActive ?? false;
    this.validateSkuCombination(sku, generation, vpnType, activeActive, props.bgp);
    // Non-AZ VpnGw1-5 can no longer be created (SKU consolidation); policy Gateway.RetiredSku says the same at synth.
    const retired = isUnresolved(sku) ? undefined : retiredSkuViolation(sku);
    if (retired) {
      throw new ConnectivityValidationError(
        this,
        `\`sku\`: '${sku}' is a non-AZ SKU, which Azure no longer creates (gateway SKU consolidation); ` +
          `use '${retired.replacement}', which has the same price and capacity and is zone-redundant`,
      );
    }
    const ipConfigCount = activeActive ? 2 : 1;
    if (props.bgp) this.validateBgp(props.bgp, ipConfigCount);

    this.vnet = vnet;
    this.gatewayName = props.name;
    this.resourceGroupName = props.resourceGroupName ?? vnet.resourceGroupName;
    if (
      props.location !== undefined &&
      !isUnresolved(props.location) &&
      !isUnresolved(vnet.location) &&
      !sameRegion(props.location, vnet.location)
    ) {
      // The same predicate as the Gateway.Region rule.
      throw new ConnectivityValidationError(
        this,
        `\`location\`: '${props.location}' is not the region of network '${vnet.node.path}' ('${vnet.location}'); ` +
          "a gateway is created in its network's region: leave location out",
      );
    }
    this.location = props.location ?? vnet.location;
    this.provider = props.provider ?? vnet.provider;
    this.sku = sku;
    this.generation = generation;
    this.vpnType = vpnType;
    this.activeActive = activeActive;
    this.bgpAsn = props.bgp?.asn;
    this.gatewaySubnet = this.resolveGatewaySubnet(vnet, props, sku);
    this.bgpPeeringAddressesOverride = props.bgp?.peeringAddresses?.map((p) => p.apipaAddresses?.[0]);
    this.ipConfigurationNames = Array.from({ length: ipConfigCount }, (_, i) => `ipconfig${i + 1}`);

    const existingIps = props.existingPublicIps;
    if (existingIps !== undefined) {
      this.validateExistingPublicIps(existingIps, ipConfigCount, props.publicIpZones);
      this.existingIpAddresses = existingIps.map((ip) => ip.ipAddress);
      this.publicIps = [];
    } else {
      // Standard static public IPs are required for every new non-Basic gateway, and Basic public IPs can no
      // longer be created (about-gateway-skus; public_ip provider note). AZ SKUs take their zone redundancy
      // from the IPs, and an unzoned Standard IP is not zone-redundant by default, so list the zones.
      // https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
      const zones = this.publicIpZones(sku, props.publicIpZones);
      this.publicIps = this.ipConfigurationNames.map(
        (_, i) =>
          new PublicIp(this, `PublicIp${i + 1}`, {
            // Shortened to Azure's 80 characters when the gateway's name is long.
            name: isUnresolved(props.name)
              ? `${props.name}-pip${i + 1}`
              : fitAzureName("publicIPAddresses", `${props.name}-pip${i + 1}`),
            resourceGroupName: this.resourceGroupName,
            location: this.location,
            sku: GATEWAY_PUBLIC_IP.sku,
            allocationMethod: GATEWAY_PUBLIC_IP.allocation,
            zones,
            tags: props.tags,
            provider: this.provider,
          }),
      );
    }
    const publicIpIds = existingIps
      ? existingIps.map((ip) => ip.publicIpId)
      : this.publicIps.map((ip) => ip.id);

    this.resource = new VirtualNetworkGateway(this, "Resource", {
      name: props.name,
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      type: GATEWAY_TYPES.vpn,
      vpnType,
      sku,
      generation,
      activeActive,
      enableBgp: props.bgp !== undefined,
      bgpRouteTranslationForNatEnabled: props.bgpRouteTranslationForNat,
      bgpSettings: props.bgp
        ? {
            asn: props.bgp.asn,
            peerWeight: props.bgp.peerWeight,
            peeringAddresses: props.bgp.peeringAddresses?.map((p, i) => ({
              ipConfigurationName: this.ipConfigurationNames[i],
              apipaAddresses: p.apipaAddresses,
            })),
          }
        : undefined,
      ipConfiguration: this.ipConfigurationNames.map((name, i) => ({
        name,
        subnetId: this.gatewaySubnet.id,
        publicIpAddressId: publicIpIds[i],
        // Static private allocation "is not supported by the service yet" (azurerm virtual_network_gateway docs).
        privateIpAddressAllocation: GATEWAY_PRIVATE_IP_ALLOCATION,
      })),
      tags: props.tags,
      provider: this.provider,
    });
    registerGateway(vnet, this);
  }

  /** Resource id of the gateway (a Terraform reference). */
  public get gatewayId(): string {
    // One reference, made once (each new token captures a stack trace in cdktf).
    return (this.idRef ??= this.resource.id);
  }

  /**
   * Resource ids of the IP configurations, in order (for a NAT rule's `ipConfigurationId` on an
   * active-active gateway). The provider exports no attribute for them, so they are composed from the
   * gateway id in ARM's format `<gateway id>/ipConfigurations/<name>`.
   */
  public get ipConfigurationIds(): string[] {
    return this.ipConfigurationNames.map((name) => `${this.resource.id}/ipConfigurations/${name}`);
  }

  /**
   * The BGP peer address of each instance, in IP configuration order, as a peer configures it: the
   * first custom APIPA address when one is set, else the address Azure assigns from GatewaySubnet (a
   * Terraform reference known after apply). Empty when BGP is off.
   */
  public get bgpPeeringAddresses(): string[] {
    if (this.bgpAsn === undefined) return [];
    return this.ipConfigurationNames.map(
      (_, i) =>
        this.bgpPeeringAddressesOverride?.[i] ??
        Fn.element(this.resource.bgpSettings.peeringAddresses.get(i).defaultAddresses, 0),
    );
  }

  /**
   * The public IP address of each instance: Terraform references for the IPs this gateway creates, the
   * given addresses for existing IPs (empty when they were not given).
   */
  public get publicIpAddresses(): string[] {
    if (this.existingIpAddresses) {
      return this.existingIpAddresses.every((a) => a !== undefined)
        ? (this.existingIpAddresses as string[])
        : [];
    }
    return this.publicIps.map((ip) => ip.ipAddress);
  }

  private validateExistingPublicIps(
    ips: ExistingPublicIp[],
    count: number,
    zones: string[] | undefined,
  ): void {
    if (zones !== undefined) {
      throw new ConnectivityValidationError(
        this,
        "`publicIpZones` applies to the public IPs the gateway creates; with `existingPublicIps` the IPs' own zones count: remove publicIpZones",
      );
    }
    if (ips.length !== count) {
      throw new ConnectivityValidationError(
        this,
        `\`existingPublicIps\`: ${ips.length} IP(s) for ${count} gateway instance(s); give one per instance (two for activeActive)`,
      );
    }
    ips.forEach((ip, i) => {
      requireNonEmpty(this, `existingPublicIps[${i}].publicIpId`, ip.publicIpId);
      parseArmIdProp(
        this,
        `existingPublicIps[${i}].publicIpId`,
        ip.publicIpId,
        "publicIPAddresses",
        "public IP",
      );
      if (ip.ipAddress !== undefined) parseIpv4Prop(this, `existingPublicIps[${i}].ipAddress`, ip.ipAddress);
    });
    const literal = ips.map((ip) => ip.publicIpId).filter((x) => !isUnresolved(x));
    const twice = literal.find((x, i) => literal.findIndex((y) => y.toLowerCase() === x.toLowerCase()) !== i);
    if (twice) {
      throw new ConnectivityValidationError(
        this,
        `\`existingPublicIps\`: '${twice}' is given twice; each instance needs its own public IP`,
      );
    }
  }

  private publicIpZones(sku: VpnGatewaySku, given: string[] | undefined): string[] | undefined {
    if (isUnresolved(sku)) return given;
    if (given === undefined) return isZoneRedundantSku(sku) ? [...ZONE_REDUNDANT_ZONES] : undefined;
    if (isUnresolved(given)) return given;
    const problem = publicIpZonesViolation(sku, given);
    if (problem?.kind === "az-needs-zones") {
      throw new ConnectivityValidationError(
        this,
        `\`publicIpZones\`: an empty list with sku '${sku}'; AZ SKUs need zonal or zone-redundant public IPs: ` +
          "leave publicIpZones out (all three zones) or give one zone, e.g. ['1']",
      );
    }
    if (problem?.kind === "non-az-refuses-zones") {
      throw new ConnectivityValidationError(
        this,
        `\`publicIpZones\`: [${given.join(", ")}] with sku '${sku}'; non-AZ SKUs refuse zonal public IPs: ` +
          `remove publicIpZones or use an AZ SKU such as '${problem.alternative}'`,
      );
    }
    return given.length === 0 ? undefined : given;
  }

  private validateSkuCombination(
    sku: VpnGatewaySku,
    generation: VpnGatewayGeneration,
    vpnType: VpnType,
    activeActive: boolean,
    bgp: VpnGatewayBgpOptions | undefined,
  ): void {
    if (isUnresolved(sku) || isUnresolved(generation)) return;
    const wrongGeneration = generationViolation(sku, generation);
    if (wrongGeneration) {
      const only = wrongGeneration.availableIn.join(" or ");
      const other = vpnSkuFacts(wrongGeneration.alternative)!;
      const kind = other.size > vpnSkuFacts(sku)!.size ? `a ${generation} SKU` : "a smaller SKU";
      throw new ConnectivityValidationError(
        this,
        `\`generation\`: '${generation}' is not available with sku '${sku}' (${only} only); ` +
          `use generation '${only}' or ${kind} such as '${wrongGeneration.alternative}'`,
      );
    }
    const policyBased = isUnresolved(vpnType) ? undefined : policyBasedViolation(sku, vpnType);
    if (policyBased) {
      throw new ConnectivityValidationError(
        this,
        `\`vpnType\`: '${vpnType}' is only available with the ${policyBased.availableOn.join(", ")} SKU, not '${sku}'; ` +
          "use vpnType 'RouteBased' (policy-based devices can still connect with usePolicyBasedTrafficSelectors)",
      );
    }
    const noActiveActive = activeActive ? skuFeatureViolation(sku, "activeActive") : undefined;
    if (noActiveActive) {
      throw new ConnectivityValidationError(
        this,
        `\`activeActive\`: 'true' is not supported by the ${sku} SKU; use a VpnGw SKU such as '${noActiveActive.suggestion}' or set activeActive to false`,
      );
    }
    const noBgp = bgp ? skuFeatureViolation(sku, "bgp") : undefined;
    if (bgp && noBgp) {
      throw new ConnectivityValidationError(
        this,
        `\`bgp\`: BGP (asn '${bgp.asn}') is not supported by the ${sku} SKU; use a VpnGw SKU such as '${noBgp.suggestion}' or remove bgp`,
      );
    }
  }

  private validateBgp(bgp: VpnGatewayBgpOptions, ipConfigCount: number): void {
    validateAsn(this, "bgp.asn", bgp.asn, "gateway");
    validatePeerWeight(this, "bgp.peerWeight", bgp.peerWeight);
    const peering = bgp.peeringAddresses ?? [];
    // The same predicates as the Bgp.PeeringAddresses and Bgp.Apipa rules.
    const instances = Array.from({ length: ipConfigCount }, (_, i) => `ipconfig${i + 1}`);
    const tooMany = peeringAddressesViolations(
      instances,
      peering.map(() => undefined),
    ).find((v) => v.kind === "too-many");
    if (tooMany) {
      throw new ConnectivityValidationError(
        this,
        `\`bgp.peeringAddresses\`: ${peering.length} entries for ${ipConfigCount} IP configuration(s); ` +
          "give one entry per gateway instance (two only with activeActive)",
      );
    }
    const apipaCount = peering.reduce(
      (n, p) => n + (isUnresolved(p.apipaAddresses) ? 0 : (p.apipaAddresses ?? []).length),
      0,
    );
    const tooManyApipa = apipaCountViolation(apipaCount);
    if (tooManyApipa) {
      throw new ConnectivityValidationError(
        this,
        `\`bgp.peeringAddresses\`: ${apipaCount} custom APIPA addresses; a gateway takes at most ${tooManyApipa.max}`,
      );
    }
    const seen = new Set<string>();
    peering.forEach((p, i) => {
      for (const address of p.apipaAddresses ?? []) {
        validateAzureApipa(this, `bgp.peeringAddresses[${i}].apipaAddresses`, address);
        if (!isUnresolved(address)) {
          if (seen.has(address)) {
            throw new ConnectivityValidationError(
              this,
              `\`bgp.peeringAddresses[${i}].apipaAddresses\`: '${address}' is listed twice; custom APIPA addresses must be unique`,
            );
          }
          seen.add(address);
        }
      }
    });
  }

  private resolveGatewaySubnet(vnet: Vnet, props: VpnGatewayProps, sku: VpnGatewaySku): Subnet {
    const existing = props.gatewaySubnet ?? vnet.findSubnet("GatewaySubnet");
    if (props.gatewaySubnetPrefix !== undefined && props.gatewaySubnetSize !== undefined) {
      throw new ConnectivityValidationError(
        this,
        "`gatewaySubnetPrefix` and `gatewaySubnetSize` are both set; give one (or neither, for the smallest GatewaySubnet the SKU accepts)",
      );
    }
    if (existing) {
      if (props.gatewaySubnetPrefix !== undefined || props.gatewaySubnetSize !== undefined) {
        throw new ConnectivityValidationError(
          this,
          `\`${props.gatewaySubnetPrefix !== undefined ? "gatewaySubnetPrefix" : "gatewaySubnetSize"}\`: ` +
            `'${props.gatewaySubnetPrefix ?? props.gatewaySubnetSize}' is given but the gateway already has a GatewaySubnet ` +
            `(${existing.node.path}); remove it or the existing subnet`,
        );
      }
      const name = existing.nameInput;
      // Azure and the provider (validate.IsGatewaySubnet) compare the name case-insensitively.
      if (name !== undefined && !isUnresolved(name) && !isGatewaySubnetName(name)) {
        throw new ConnectivityValidationError(
          this,
          `\`gatewaySubnet\`: subnet '${name}' is not named GatewaySubnet; Azure deploys gateways only into a subnet named GatewaySubnet`,
        );
      }
      const prefixes = existing.addressPrefixesInput;
      if (prefixes && !isUnresolved(prefixes)) {
        prefixes.forEach((p) => this.validateGatewaySubnetPrefix("gatewaySubnet addressPrefixes", p, sku));
      }
      return existing;
    }
    if (props.gatewaySubnetPrefix === undefined) {
      if (!vnet.canCarve) {
        throw new ConnectivityValidationError(
          this,
          `\`gatewaySubnetPrefix\` is required: network '${vnet.vnetName}' has no GatewaySubnet and its address space is not known at synth; ` +
            `give a /${GATEWAY_SUBNET_MINIMUM} or larger prefix inside the network, e.g. gatewaySubnetPrefix: '10.0.255.0/${GATEWAY_SUBNET_MINIMUM}'`,
        );
      }
      const known = isUnresolved(sku) ? undefined : sku;
      const size = props.gatewaySubnetSize ?? gatewaySubnetMinimum({ type: "Vpn", sku: known });
      const tooSmall = gatewaySubnetSizeViolation({ family: 4, length: size }, { type: "Vpn", sku: known });
      if (tooSmall) {
        throw new ConnectivityValidationError(
          this,
          `\`gatewaySubnetSize\`: a /${size} is smaller than /${tooSmall.minimum}, the smallest GatewaySubnet Azure supports for sku '${sku}'; ` +
            `use ${GATEWAY_SUBNET_MINIMUM} or less (also the minimum for ExpressRoute coexistence)`,
        );
      }
      return vnet.addSubnet("GatewaySubnet", { size });
    }
    this.validateGatewaySubnetPrefix("gatewaySubnetPrefix", props.gatewaySubnetPrefix, sku);
    return vnet.addSubnet("GatewaySubnet", { addressPrefixes: [props.gatewaySubnetPrefix] });
  }

  /**
   * GatewaySubnet is /27 or larger for every SKU but Basic, which may go down to /29.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
   */
  private validateGatewaySubnetPrefix(prop: string, text: string, sku: VpnGatewaySku): void {
    const prefix = parseCidrProp(this, prop, text);
    if (!prefix || isUnresolved(sku)) return;
    const tooSmall = gatewaySubnetSizeViolation(prefix, { type: GATEWAY_TYPES.vpn, sku });
    if (tooSmall) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: '${text}' is smaller than /${tooSmall.minimum}, the smallest GatewaySubnet Azure supports for sku '${sku}'; ` +
          `use a /${GATEWAY_SUBNET_MINIMUM} or larger (also the minimum for ExpressRoute coexistence)`,
      );
    }
  }
}

/** Refuses a second VPN gateway in a network (new or existing). */
function refuseSecondGateway(scope: IConstruct, vnet: IVnet): void {
  // One VPN gateway per virtual network (vpn-gateway-vpn-faq: "Can I deploy more than one VPN gateway in a VNet?").
  const other = gatewayOf(vnet);
  if (other) {
    throw new ConnectivityValidationError(
      scope,
      `\`vnet\`: network '${vnet.node.path}' already has the VPN gateway '${other.node.path}'; Azure allows one VPN ` +
        "gateway per virtual network: connect more sites or networks through that gateway",
    );
  }
}

/** An existing VPN gateway known by id; creates nothing. */
class ExistingVpnGateway extends Construct implements IVpnGateway {
  public readonly gatewayId: string;
  public readonly gatewayName: string;
  public readonly resourceGroupName: string;
  public readonly location?: string;
  public readonly sku?: VpnGatewaySku;
  public readonly generation?: VpnGatewayGeneration;
  public readonly vpnType?: VpnType;
  public readonly activeActive?: boolean;
  public readonly bgpAsn?: number;
  public readonly bgpPeeringAddresses: string[];
  public readonly publicIpAddresses: string[];
  public readonly vnet?: IVnet;
  public readonly provider?: TerraformProvider;
  public readonly isExisting = true;

  constructor(scope: Construct, id: string, attrs: ExistingVpnGatewayAttributes) {
    super(scope, id);
    const parsed = parseExistingId(
      this,
      "gatewayId",
      attrs.gatewayId,
      "virtualNetworkGateways",
      "virtual network gateway",
    );
    if (attrs.sku !== undefined && !isUnresolved(attrs.sku) && !isVpnGatewaySku(attrs.sku)) {
      throw new ConnectivityValidationError(
        this,
        `\`sku\`: '${attrs.sku}' is not a VPN gateway SKU; use one of ${VPN_GATEWAY_SKUS.join(", ")}`,
      );
    }
    if (attrs.bgpAsn !== undefined) validateAsn(this, "bgpAsn", attrs.bgpAsn, "gateway");
    (attrs.publicIpAddresses ?? []).forEach((a, i) => parseIpv4Prop(this, `publicIpAddresses[${i}]`, a));
    (attrs.bgpPeeringAddresses ?? []).forEach((a, i) => parseIpv4Prop(this, `bgpPeeringAddresses[${i}]`, a));
    if (attrs.vnet) refuseSecondGateway(this, attrs.vnet);

    this.gatewayId = attrs.gatewayId;
    this.gatewayName = parsed.name;
    this.resourceGroupName = parsed.resourceGroupName;
    this.location = attrs.location ?? attrs.vnet?.location;
    this.sku = attrs.sku;
    this.generation = attrs.generation;
    this.vpnType = attrs.vpnType;
    this.activeActive = attrs.activeActive;
    this.bgpAsn = attrs.bgpAsn;
    this.bgpPeeringAddresses = attrs.bgpPeeringAddresses ?? [];
    this.publicIpAddresses = attrs.publicIpAddresses ?? [];
    this.vnet = attrs.vnet;
    this.provider = attrs.provider ?? attrs.vnet?.provider;
    if (attrs.vnet) registerGateway(attrs.vnet, this);
  }
}
