import { Construct } from "constructs";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { TerraformProvider } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { isUnresolved, parseCidrProp, requireNonEmpty } from "./private/validate";
import { parseIpv4Prop, validateAsn, validatePeerWeight } from "./private/bgp";
import { CIDR_LIST, Field, PROVIDER, TAGS, checkProps } from "./private/props";

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
export class LocalSite extends Construct {
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

  constructor(scope: Construct, id: string, props: LocalSiteProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, LOCAL_SITE_PROPS);
    requireNonEmpty(this, "name", props.name);
    requireNonEmpty(this, "resourceGroupName", props.resourceGroupName);
    requireNonEmpty(this, "location", props.location);
    // The provider makes the two ExactlyOneOf (azurerm local_network_gateway docs).
    if ((props.gatewayAddress === undefined) === (props.gatewayFqdn === undefined)) {
      throw new ConnectivityValidationError(
        this,
        props.gatewayAddress === undefined
          ? "`gatewayAddress` or `gatewayFqdn` is required: give the public IPv4 address or the DNS name of the site's VPN device"
          : `\`gatewayAddress\` ('${props.gatewayAddress}') and \`gatewayFqdn\` ('${props.gatewayFqdn}') are both set; give exactly one`,
      );
    }
    if (props.gatewayAddress !== undefined) {
      // IPv6 device addresses are not supported (tutorial-site-to-site-portal, local network gateway).
      parseIpv4Prop(this, "gatewayAddress", props.gatewayAddress);
    }
    if (props.gatewayFqdn !== undefined) requireNonEmpty(this, "gatewayFqdn", props.gatewayFqdn);

    const addressSpace = props.addressSpace ?? [];
    if (!isUnresolved(addressSpace)) {
      addressSpace.forEach((text) => parseCidrProp(this, "addressSpace", text));
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
      // The BGP peer IP must differ from the device's public IP (VPN FAQ, BGP).
      if (
        props.gatewayAddress !== undefined &&
        !isUnresolved(props.gatewayAddress) &&
        !isUnresolved(props.bgp.peeringAddress) &&
        props.bgp.peeringAddress === props.gatewayAddress
      ) {
        throw new ConnectivityValidationError(
          this,
          `\`bgp.peeringAddress\`: '${props.bgp.peeringAddress}' is the device's public address (gatewayAddress); ` +
            "Azure needs a different BGP peer address, e.g. the device's inside or loopback address or an APIPA address",
        );
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
    return this.resource.id;
  }
}
