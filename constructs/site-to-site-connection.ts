import { Construct } from "constructs";
import { sameBgpAsn } from "../core/azure/bgp";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { IVpnGateway } from "./vpn-gateway";
import { ILocalSite } from "./local-site";
import { SharedKey } from "./shared-key";
import { VpnConnectionNatRules, VpnConnectionOptions } from "./vpn-connection-options";
import {
  CONNECTION_OPTIONS,
  GATEWAY,
  NAT_RULES,
  SHARED_KEY,
  connectionArguments,
  defaultConnectionName,
  validateConnectionOptions,
} from "./private/connection";
import { Field, checkProps, isSite } from "./private/props";

/** The shapes of {@link SiteToSiteConnectionProps}, checked at run time. */
const SITE_TO_SITE_PROPS = {
  ...CONNECTION_OPTIONS,
  gateway: GATEWAY,
  site: { t: "instance", what: "a LocalSite (or LocalSite.fromId / fromAttributes)", test: isSite },
  sharedKey: {
    ...SHARED_KEY,
    missing:
      "use SharedKey.fromVariable, SharedKey.fromKeyVault or SharedKey.generate " +
      "(without it Azure generates a key the device does not know)",
  },
  name: { t: "string", name: "connections", optional: true },
  natRules: NAT_RULES,
  customBgpAddresses: {
    t: "object",
    optional: true,
    fields: {
      primary: { t: "string", nonEmpty: true },
      secondary: { t: "string", nonEmpty: true, optional: true },
    },
  },
} as const satisfies Record<string, Field>;
import { validateAzureApipa } from "./private/bgp";
import { isUnresolved } from "./private/validate";
import { recordExistingGateway } from "./private/hints";

/**
 * The Azure-side APIPA BGP addresses a connection uses, one per instance of an active-active gateway.
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export interface CustomBgpAddresses {
  /** Address for the first instance: one of the gateway's custom APIPA addresses (169.254.21.0-169.254.22.255). */
  readonly primary: string;
  /**
   * Address for the second instance.
   * @default - none
   */
  readonly secondary?: string;
}

/** Properties of a {@link SiteToSiteConnection}. */
export interface SiteToSiteConnectionProps extends VpnConnectionOptions {
  /** The Azure VPN gateway: a {@link VpnGateway}, or an existing one (`VpnGateway.fromAttributes`). */
  readonly gateway: IVpnGateway;
  /** The site (local network gateway) on the other end: a {@link LocalSite}, or an existing one (`LocalSite.fromId`). */
  readonly site: ILocalSite;
  /**
   * The pre-shared key: {@link SharedKey.fromVariable}, {@link SharedKey.fromKeyVault} or
   * {@link SharedKey.generate}; the on-premises device must be configured with the same key.
   */
  readonly sharedKey: SharedKey;
  /**
   * Name of the connection resource.
   * @default `<gateway name>-to-<site name>`
   */
  readonly name?: string;
  /**
   * NAT rules of the gateway to apply on this connection: `ingress` (IngressSnat) translate the site's
   * addresses, `egress` (EgressSnat) the VNet's. Needs a VpnGw2 or larger gateway; not with
   * policy-based traffic selectors.
   * @default - no NAT
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
   */
  readonly natRules?: VpnConnectionNatRules;
  /**
   * Custom Azure APIPA BGP addresses for this connection (gateways with BGP; meant for active-active
   * gateways, one address per instance).
   * @default - the gateway's default BGP addresses
   */
  readonly customBgpAddresses?: CustomBgpAddresses;
}

/**
 * A site-to-site IPsec connection (`azurerm_virtual_network_gateway_connection`, type `IPsec`) from an
 * Azure VPN gateway to a {@link LocalSite}, with an explicit shared key, IKEv2 by default, optional custom
 * IPsec/IKE policy, BGP and NAT rules.
 *
 * Catalogue: CONN-TYPE-EXCLUSIVE, CONN-LOCATION, CONN-ROUTING-WEIGHT, CONN-IKEV1-SKU, CONN-DPD-RANGE,
 * CONN-PRIVATEIP, IPSEC-SKU, IPSEC-ONE-POLICY, IPSEC-COMPLETE, IPSEC-IKE-ENC-VALUES,
 * IPSEC-IKE-INT-VALUES, IPSEC-DH-VALUES, IPSEC-IPSEC-ENC-VALUES, IPSEC-IPSEC-INT-VALUES,
 * IPSEC-GCM-MATCH, IPSEC-SA-LIFETIME, IPSEC-SA-DATASIZE, IPSEC-PBTS-COMBOS, IPSEC-NOT-ER,
 * NAT-S2S-ONLY, NAT-NO-PBTS, NAT-MODE-DIRECTION, BGP-ASN-DISTINCT, BGP-CUSTOM-ADDR-IPSEC-AA.
 *
 * @example
 * new SiteToSiteConnection(stack, "ToOnPrem", {
 *   gateway, site: onPrem, sharedKey: SharedKey.fromVariable(stack, "onprem_psk"),
 * });
 */
export class SiteToSiteConnection extends Construct {
  /** The underlying `azurerm_virtual_network_gateway_connection` (escape hatch). */
  public readonly resource: VirtualNetworkGatewayConnection;
  /** The VPN gateway the connection belongs to. */
  public readonly gateway: IVpnGateway;
  /** The site it connects to. */
  public readonly site: ILocalSite;

  constructor(scope: Construct, id: string, props: SiteToSiteConnectionProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, SITE_TO_SITE_PROPS);
    const { gateway, site } = props;
    props.sharedKey.validateFor(this, "sharedKey");
    validateConnectionOptions(this, gateway, props, "IPsec", props.natRules, "natRules");
    if (props.bgp === true) {
      if (site.bgpAsn === undefined && !site.isExisting) {
        throw new ConnectivityValidationError(
          this,
          `\`bgp\` is true but site '${site.node.path}' has no BGP settings; give the site \`bgp: { asn, peeringAddress }\` or set bgp to false`,
        );
      }
      if (
        gateway.bgpAsn !== undefined &&
        site.bgpAsn !== undefined &&
        !isUnresolved(site.bgpAsn) &&
        !isUnresolved(gateway.bgpAsn) &&
        sameBgpAsn(site.bgpAsn, gateway.bgpAsn)
      ) {
        throw new ConnectivityValidationError(
          this,
          `\`bgp\`: site '${site.node.path}' and gateway '${gateway.node.path}' both use ASN '${site.bgpAsn}'; ` +
            "the two ends of a BGP session need different ASNs: change one of them",
        );
      }
    }
    if (props.customBgpAddresses) {
      // The provider uses custom_bgp_addresses only with BGP. It means to refuse them on active-standby
      // gateways but its check never fires, and Azure accepts them: Connection.CustomBgpAddresses warns.
      // Unknown facts of an existing gateway are not held against it.
      if (gateway.bgpAsn === undefined && !gateway.isExisting) {
        throw new ConnectivityValidationError(
          this,
          `\`customBgpAddresses\`: gateway '${gateway.node.path}' has no BGP; custom BGP addresses ` +
            "apply only to gateways with BGP: set bgp on the gateway or remove customBgpAddresses",
        );
      }
      validateAzureApipa(this, "customBgpAddresses.primary", props.customBgpAddresses.primary);
      if (props.customBgpAddresses.secondary !== undefined) {
        validateAzureApipa(this, "customBgpAddresses.secondary", props.customBgpAddresses.secondary);
      }
    }

    this.gateway = gateway;
    this.site = site;
    this.resource = new VirtualNetworkGatewayConnection(this, "Resource", {
      ...connectionArguments(gateway, props.sharedKey, props, props.natRules),
      name:
        props.name ??
        defaultConnectionName(
          { name: gateway.gatewayName, id: gateway.node.id },
          { name: site.siteName, id: site.node.id },
        ),
      type: "IPsec",
      localNetworkGatewayId: site.siteId,
      customBgpAddresses: props.customBgpAddresses
        ? { primary: props.customBgpAddresses.primary, secondary: props.customBgpAddresses.secondary }
        : undefined,
    });
    recordExistingGateway(this.resource, gateway);
  }

  /** Resource id of the connection (a Terraform reference). */
  public get connectionId(): string {
    return this.resource.id;
  }
}
