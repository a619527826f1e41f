import { Construct, IConstruct } from "constructs";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { TerraformProvider } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { SITE_ADDRESS_PREFIX_LIMIT, siteEndpointViolation } from "../core/azure/site";
import { isUnresolved, parseCidrProp, parseExistingId, requireNonEmpty } from "./private/validate";
import { parseIpv4Prop, validateAsn, validatePeerWeight } from "./private/bgp";
import { CIDR_LIST, Field, PROVIDER, TAGS, checkProps } from "./private/props";
import { sitePeerAddressViolations } from "../core/azure/bgp";
import { tryParsePrefix } from "../core/cidr";

/**
 * A site (local network gateway) that connections use: one this app creates ({@link LocalSite}) or an
 * existing one known by its resource id ({@link LocalSite.fromId}, {@link LocalSite.fromAttributes}).
 */
export interface ILocalSite extends IConstruct {
  /** Resource id of the local network gateway (a Terraform reference for a site this app creates). */
  readonly siteId: string;
  /** Name of the local network gateway. */
  readonly siteName: string;
  /** Resource group of the local network gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the resource, when known. */
  readonly location?: string;
  /** Address prefixes of the site, when known (empty for a BGP-only site). */
  readonly addressSpace?: readonly string[];
  /** The site's ASN when it speaks BGP (for an existing site: when given). */
  readonly bgpAsn?: number;
  /** True for a site this app does not create. */
  readonly isExisting: boolean;
}

/** What is known of an existing site, for {@link LocalSite.fromAttributes}. */
export interface ExistingLocalSiteAttributes {
  /**
   * Resource id: `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/localNetworkGateways/<name>`.
   * Name and resource group are read from it.
   */
  readonly siteId: string;
  /**
   * The site's address prefixes (for the checks of the constructs that use the site).
   * @default - unknown
   */
  readonly addressSpace?: string[];
  /**
   * The site's ASN, when it speaks BGP (a connection with `bgp: true` checks that it differs from the gateway's).
   * @default - unknown
   */
  readonly bgpAsn?: number;
  /**
   * Azure region of the resource.
   * @default - unknown
   */
  readonly location?: string;
}

/** The shapes of {@link LocalSiteProps}, checked at run time. */
const LOCAL_SITE_PROPS = {
  name: { t: "string", name: "localNetworkGateways" },
  resourceGroupName: { t: "string", name: "resourceGroups" },
  location: { t: "string", nonEmpty: true },
  gatewayAddress: { t: "string", optional: true },
  gatewayFqdn: { t: "string", optional: true },
  addressSpace: { ...CIDR_LIST, optional: true },
  bgp: {
    t: "object",
    optional: true,
    fields: {
      asn: { t: "number" },
      peeringAddress: { t: "string", nonEmpty: true },
      peerWeight: { t: "number", optional: true },
    },
  },
  provider: PROVIDER,
  tags: TAGS,
} as const satisfies Record<string, Field>;

/** BGP settings of a site: how the Azure gateway reaches the site's BGP speaker. */
export interface LocalSiteBgpOptions {
  /**
   * The site's ASN. It must differ from the Azure gateway's ASN; Azure- and IANA-reserved ASNs
   * (65515 included: Azure's gateways use it) are refused.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly asn: number;
  /**
   * The BGP peer address of the site's device: a single IPv4 address, different from its public address
   * (an APIPA address when the device peers over APIPA).
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly peeringAddress: string;
  /**
   * Weight added to routes learned from this peer (0-100).
   * @default - Azure's default (0)
   */
  readonly peerWeight?: number;
}

/** Properties of a {@link LocalSite}. */
export interface LocalSiteProps {
  /** Name of the local network gateway in Azure. */
  readonly name: string;
  /** Resource group of the local network gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the resource (any region works; only a connection must be in its gateway's region). */
  readonly location: string;
  /**
   * Public IPv4 address of the site's VPN device. Exactly one of `gatewayAddress` and `gatewayFqdn`.
   * @default - none: `gatewayFqdn` is used
   * @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal
   */
  readonly gatewayAddress?: string;
  /**
   * DNS name of the site's VPN device (it must resolve to one IPv4 address). Exactly one of
   * `gatewayAddress` and `gatewayFqdn`.
   * @default - none: `gatewayAddress` is used
   */
  readonly gatewayFqdn?: string;
  /**
   * The site's address prefixes, routed through the tunnel. Without BGP every prefix of the site must be
   * listed; with BGP it may stay empty. At least one of `addressSpace` and `bgp` is required.
   * @default - none (BGP-only site)
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly addressSpace?: string[];
  /**
   * BGP settings of the site.
   * @default - no BGP: routes come from `addressSpace`
   */
  readonly bgp?: LocalSiteBgpOptions;
  /**
   * The azurerm provider (alias) of the subscription to create the resource in.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A site an Azure VPN gateway connects to over IPsec (an `azurerm_local_network_gateway`): an
 * on-premises VPN device, or another gateway seen as a site.
 *
 * @example
 * const onPrem = new LocalSite(stack, "OnPrem", {
 *   name: "lng-onprem", resourceGroupName: "rg-net", location: "uksouth",
 *   gatewayAddress: "203.0.113.10", addressSpace: ["192.168.0.0/16"],
 * });
 */
export class LocalSite extends Construct implements ILocalSite {
  /** The resource id reference, made once. */
  private idRef?: string;
  /** Stands for an existing site (local network gateway) known only by its resource id. */
  public static fromId(scope: Construct, id: string, siteId: string): ILocalSite {
    return new ExistingLocalSite(scope, id, { siteId });
  }

  /** Stands for an existing site (local network gateway), with what is known of it. */
  public static fromAttributes(scope: Construct, id: string, attrs: ExistingLocalSiteAttributes): ILocalSite {
    return new ExistingLocalSite(scope, id, attrs);
  }

  /** The underlying `azurerm_local_network_gateway` (escape hatch). */
  public readonly resource: LocalNetworkGateway;
  /** Name of the local network gateway. */
  public readonly siteName: string;
  /** Resource group of the local network gateway. */
  public readonly resourceGroupName: string;
  /** Azure region of the local network gateway. */
  public readonly location: string;
  /** Address prefixes of the site (empty for a BGP-only site). */
  public readonly addressSpace: readonly string[];
  /** The site's ASN when it speaks BGP, else undefined. */
  public readonly bgpAsn?: number;
  /** The azurerm provider (alias) the site is created with. */
  public readonly provider?: TerraformProvider;
  /** False: the app creates this site. */
  public readonly isExisting = false;

  constructor(scope: Construct, id: string, props: LocalSiteProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, LOCAL_SITE_PROPS);
    requireNonEmpty(this, "name", props.name);
    requireNonEmpty(this, "resourceGroupName", props.resourceGroupName);
    requireNonEmpty(this, "location", props.location);
    // The provider makes the two ExactlyOneOf; the device is an IPv4 address (core/azure/site.ts).
    const endpoint = siteEndpointViolation(
      props.gatewayAddress !== undefined,
      props.gatewayFqdn !== undefined,
      props.gatewayAddress === undefined || isUnresolved(props.gatewayAddress)
        ? undefined
        : props.gatewayAddress,
    );
    if (endpoint) {
      throw new ConnectivityValidationError(
        this,
        endpoint.kind === "neither"
          ? "`gatewayAddress` or `gatewayFqdn` is required: give the public IPv4 address or the DNS name of the site's VPN device"
          : endpoint.kind === "both"
            ? `\`gatewayAddress\` ('${props.gatewayAddress}') and \`gatewayFqdn\` ('${props.gatewayFqdn}') are both set; give exactly one`
            : `\`gatewayAddress\`: '${endpoint.address}' is not an IPv4 address; write a single address like '203.0.113.10' (IPv6 is not supported)`,
      );
    }
    if (props.gatewayFqdn !== undefined) requireNonEmpty(this, "gatewayFqdn", props.gatewayFqdn);

    const addressSpace = props.addressSpace ?? [];
    if (!isUnresolved(addressSpace)) {
      addressSpace.forEach((text) => parseCidrProp(this, "addressSpace", text));
      if (addressSpace.length > SITE_ADDRESS_PREFIX_LIMIT) {
        throw new ConnectivityValidationError(
          this,
          `\`addressSpace\` lists ${addressSpace.length} prefixes; Azure allows at most ${SITE_ADDRESS_PREFIX_LIMIT} per local network gateway: summarise them or use BGP`,
        );
      }
      if (addressSpace.length === 0 && !props.bgp) {
        throw new ConnectivityValidationError(
          this,
          "`addressSpace` is empty and `bgp` is not set: without BGP Azure routes only the listed prefixes; " +
            "list the site's prefixes, e.g. ['192.168.0.0/16'], or configure bgp",
        );
      }
    }
    if (props.bgp) {
      validateAsn(this, "bgp.asn", props.bgp.asn, "peer");
      parseIpv4Prop(this, "bgp.peeringAddress", props.bgp.peeringAddress);
      // The BGP peer IP must differ from the device's public IP, and an APIPA peer cannot be in the
      // address space (VPN FAQ, BGP; core/azure/bgp.ts).
      if (!isUnresolved(props.bgp.peeringAddress)) {
        const spaces = isUnresolved(addressSpace)
          ? []
          : addressSpace.map((t) => tryParsePrefix(t)).flatMap((r) => (r.ok ? [r.prefix] : []));
        const device =
          props.gatewayAddress === undefined || isUnresolved(props.gatewayAddress)
            ? undefined
            : props.gatewayAddress;
        for (const v of sitePeerAddressViolations(props.bgp.peeringAddress, device, spaces)) {
          if (v.kind === "device-address")
            throw new ConnectivityValidationError(
              this,
              `\`bgp.peeringAddress\`: '${props.bgp.peeringAddress}' is the device's public address (gatewayAddress); ` +
                "Azure needs a different BGP peer address, e.g. the device's inside or loopback address or an APIPA address",
            );
          if (v.kind === "apipa-in-space")
            throw new ConnectivityValidationError(
              this,
              `\`addressSpace\`: '${v.prefix}' covers the APIPA BGP peer address '${props.bgp.peeringAddress}', which Azure cannot add to a site's address space; remove it (Azure routes to the BGP peer by itself)`,
            );
        }
      }
      validatePeerWeight(this, "bgp.peerWeight", props.bgp.peerWeight);
    }

    this.siteName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.addressSpace = addressSpace;
    this.bgpAsn = props.bgp?.asn;
    this.provider = props.provider;
    this.resource = new LocalNetworkGateway(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      gatewayAddress: props.gatewayAddress,
      gatewayFqdn: props.gatewayFqdn,
      addressSpace: props.addressSpace,
      bgpSettings: props.bgp
        ? {
            asn: props.bgp.asn,
            bgpPeeringAddress: props.bgp.peeringAddress,
            peerWeight: props.bgp.peerWeight,
          }
        : undefined,
      tags: props.tags,
      provider: props.provider,
    });
  }

  /** Resource id of the local network gateway (a Terraform reference). */
  public get siteId(): string {
    // One reference, made once (each new token captures a stack trace in cdktf).
    return (this.idRef ??= this.resource.id);
  }
}

/** An existing site known by id; creates nothing. */
class ExistingLocalSite extends Construct implements ILocalSite {
  public readonly siteId: string;
  public readonly siteName: string;
  public readonly resourceGroupName: string;
  public readonly location?: string;
  public readonly addressSpace?: readonly string[];
  public readonly bgpAsn?: number;
  public readonly isExisting = true;

  constructor(scope: Construct, id: string, attrs: ExistingLocalSiteAttributes) {
    super(scope, id);
    const parsed = parseExistingId(
      this,
      "siteId",
      attrs.siteId,
      "localNetworkGateways",
      "local network gateway",
    );
    if (attrs.addressSpace && !isUnresolved(attrs.addressSpace)) {
      attrs.addressSpace.forEach((text) => parseCidrProp(this, "addressSpace", text));
    }
    if (attrs.bgpAsn !== undefined) validateAsn(this, "bgpAsn", attrs.bgpAsn, "peer");
    this.siteId = attrs.siteId;
    this.siteName = parsed.name;
    this.resourceGroupName = parsed.resourceGroupName;
    this.location = attrs.location;
    this.addressSpace = attrs.addressSpace;
    this.bgpAsn = attrs.bgpAsn;
  }
}
