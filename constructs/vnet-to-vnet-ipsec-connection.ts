import { Construct } from "constructs";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { VpnGateway } from "./vpn-gateway";
import { LocalSite } from "./local-site";
import { SharedKey } from "./shared-key";
import { VpnNatRule } from "./vpn-nat-rule";
import { VpnConnectionNatRules, VpnConnectionOptions } from "./vpn-connection-options";
import {
  CONNECTION_OPTIONS,
  GATEWAY,
  NAT_RULES,
  SHARED_KEY,
  connectionArguments,
  defaultConnectionName,
  requireTwoGateways,
  validateConnectionOptions,
} from "./private/connection";
import { CIDR_LIST, Field, checkProps } from "./private/props";
import { fitAzureName } from "../core/azure/naming";

const IPSEC_SIDE: Field = {
  t: "object",
  optional: true,
  fields: {
    name: { t: "string", name: "connections", optional: true },
    siteName: { t: "string", name: "localNetworkGateways", optional: true },
    natRules: NAT_RULES,
    siteAddressSpace: { ...CIDR_LIST, optional: true },
  },
};

/** The shapes of {@link VnetToVnetIpsecConnectionProps}, checked at run time. */
const VNET_TO_VNET_IPSEC_PROPS = {
  ...CONNECTION_OPTIONS,
  local: GATEWAY,
  remote: GATEWAY,
  sharedKey: {
    ...SHARED_KEY,
    missing: "both connections need the same explicit key; use SharedKey.generate",
  },
  localToRemote: IPSEC_SIDE,
  remoteToLocal: IPSEC_SIDE,
} as const satisfies Record<string, Field>;
import { recordRepresentedGateway } from "./private/hints";
import { validateGatewayAsnAsSite } from "./private/bgp";
import { isUnresolved, parseCidrProp } from "./private/validate";

/** Settings of one side of a {@link VnetToVnetIpsecConnection}: the site and connection created on one gateway. */
export interface IpsecSideOptions {
  /**
   * Name of the connection created on this side's gateway.
   * @default `<this gateway name>-to-<other gateway name>`
   */
  readonly name?: string;
  /**
   * Name of the local network gateway that stands for the other gateway on this side.
   * @default `lng-<other gateway name>`
   */
  readonly siteName?: string;
  /**
   * NAT rules of this side's gateway applied on this side's connection: `ingress` (IngressSnat)
   * translate the other network's addresses, `egress` (EgressSnat) this network's. Needs VpnGw2 or larger.
   * @default - no NAT
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
   */
  readonly natRules?: VpnConnectionNatRules;
  /**
   * Address prefixes of the site that stands for the other network (without BGP).
   * @default - the other network's address spaces as they leave its gateway: each prefix that is the
   * internal mapping of one of the other side's egress NAT rules is replaced by that rule's external mapping
   */
  readonly siteAddressSpace?: string[];
}

/** Properties of a {@link VnetToVnetIpsecConnection}. */
export interface VnetToVnetIpsecConnectionProps extends VpnConnectionOptions {
  /** One gateway (active-standby). */
  readonly local: VpnGateway;
  /** The other gateway (active-standby); it may be in another region or subscription (its own provider). */
  readonly remote: VpnGateway;
  /** The pre-shared key of both connections (they must carry the same key). */
  readonly sharedKey: SharedKey;
  /**
   * The site and connection created on the local gateway.
   * @default - default names, no NAT
   */
  readonly localToRemote?: IpsecSideOptions;
  /**
   * The site and connection created on the remote gateway.
   * @default - default names, no NAT
   */
  readonly remoteToLocal?: IpsecSideOptions;
}

/**
 * Two VNets joined through their VPN gateways by site-to-site IPsec, each gateway seeing the other as a
 * site: a local network gateway for each side (the other gateway's public IP and its network's address
 * spaces, or BGP) and an IPsec connection on each gateway, with one shared key. Unlike
 * {@link VnetToVnetConnection}, NAT rules can be attached: this is how networks with overlapping address
 * spaces are connected.
 *
 * Active-active gateways are not supported by this construct: compose {@link LocalSite} and
 * {@link SiteToSiteConnection} per instance with BGP instead.
 *
 * @example
 * new VnetToVnetIpsecConnection(stack, "HubBranch", {
 *   local: hubGw, remote: branchGw, sharedKey: SharedKey.generate(stack, "hub_branch_psk"),
 *   localToRemote: { natRules: { ingress: [branchRule], egress: [hubRule] } },
 * });
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal#site-to-site-ipsec
 */
export class VnetToVnetIpsecConnection extends Construct {
  /** The site standing for the remote gateway, created on the local side (escape hatch). */
  public readonly localSite: LocalSite;
  /** The site standing for the local gateway, created on the remote side (escape hatch). */
  public readonly remoteSite: LocalSite;
  /** The connection created on the local gateway (escape hatch). */
  public readonly localToRemote: VirtualNetworkGatewayConnection;
  /** The connection created on the remote gateway (escape hatch). */
  public readonly remoteToLocal: VirtualNetworkGatewayConnection;

  constructor(scope: Construct, id: string, props: VnetToVnetIpsecConnectionProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VNET_TO_VNET_IPSEC_PROPS);
    const { local, remote } = props;
    const forward = props.localToRemote ?? {};
    const reverse = props.remoteToLocal ?? {};
    requireTwoGateways(this, local, remote);
    props.sharedKey.validateFor(this, "sharedKey");
    for (const [prop, gw] of [
      ["local", local],
      ["remote", remote],
    ] as const) {
      if (gw.activeActive) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: gateway '${gw.node.path}' is active-active, which VnetToVnetIpsecConnection does not support ` +
            "(each instance needs its own site and BGP); use active-standby gateways, or compose LocalSite and " +
            "SiteToSiteConnection per instance with BGP",
        );
      }
      if (props.bgp === true) {
        if (gw.bgpAsn === undefined) {
          throw new ConnectivityValidationError(
            this,
            `\`bgp\` is true but gateway '${gw.node.path}' has no BGP settings; give both gateways \`bgp: { asn }\` with different ASNs`,
          );
        }
        // Each gateway appears to the other as a site, and a site may not use Azure's default ASN (VPN FAQ, BGP).
        validateGatewayAsnAsSite(this, gw.node.path, gw.bgpAsn);
      }
    }
    if (props.bgp === true && !isUnresolved(local.bgpAsn) && local.bgpAsn === remote.bgpAsn) {
      throw new ConnectivityValidationError(
        this,
        `\`bgp\`: both gateways use ASN '${local.bgpAsn}'; the two ends of a BGP session need different ASNs: ` +
          "change the ASN of one gateway",
      );
    }
    validateConnectionOptions(this, local, props, "IPsec", forward.natRules, "localToRemote.natRules");
    validateConnectionOptions(this, remote, props, "IPsec", reverse.natRules, "remoteToLocal.natRules");
    forward.siteAddressSpace?.forEach((c) => parseCidrProp(this, "localToRemote.siteAddressSpace", c));
    reverse.siteAddressSpace?.forEach((c) => parseCidrProp(this, "remoteToLocal.siteAddressSpace", c));

    this.localSite = this.createSite("RemoteSite", local, remote, forward, reverse, props.bgp === true);
    this.remoteSite = this.createSite("LocalSite", remote, local, reverse, forward, props.bgp === true);
    const create = (cid: string, from: VpnGateway, to: VpnGateway, site: LocalSite, side: IpsecSideOptions) =>
      new VirtualNetworkGatewayConnection(this, cid, {
        ...connectionArguments(from, props.sharedKey, props, side.natRules),
        name:
          side.name ??
          defaultConnectionName(
            { name: from.gatewayName, id: from.node.id },
            { name: to.gatewayName, id: to.node.id },
          ),
        type: "IPsec",
        localNetworkGatewayId: site.siteId,
      });
    this.localToRemote = create("LocalToRemote", local, remote, this.localSite, forward);
    this.remoteToLocal = create("RemoteToLocal", remote, local, this.remoteSite, reverse);
  }

  /** The site on `owner`'s side that stands for `other`. */
  private createSite(
    id: string,
    owner: VpnGateway,
    other: VpnGateway,
    side: IpsecSideOptions,
    otherSide: IpsecSideOptions,
    bgp: boolean,
  ): LocalSite {
    const site = new LocalSite(this, id, {
      name:
        side.siteName ??
        fitAzureName(
          "localNetworkGateways",
          isUnresolved(other.gatewayName) ? `lng-${other.node.id}`.toLowerCase() : `lng-${other.gatewayName}`,
        ),
      resourceGroupName: owner.resourceGroupName,
      location: owner.location,
      gatewayAddress: other.publicIps[0].ipAddress,
      addressSpace: bgp
        ? side.siteAddressSpace
        : (side.siteAddressSpace ?? wireSpaces(other, otherSide.natRules?.egress ?? [])),
      bgp: bgp ? { asn: other.bgpAsn!, peeringAddress: other.bgpPeeringAddresses[0] } : undefined,
      provider: owner.provider,
    });
    recordRepresentedGateway(site.resource, other.gatewayId);
    return site;
  }
}

/**
 * The address spaces of `gateway`'s network as they appear on the wire: each space that is exactly the
 * internal mapping of one of the egress rules is replaced by the rule's external mapping (an EgressSnat
 * rule translates the VNet's addresses as they leave the gateway: nat-overview, "NAT mode").
 */
function wireSpaces(gateway: VpnGateway, egress: VpnNatRule[]): string[] {
  const spaces = gateway.vnet.addressSpace;
  if (isUnresolved(spaces)) return spaces as string[];
  return spaces.map((space) => {
    if (isUnresolved(space)) return space;
    const rule = egress.find(
      (r) =>
        !isUnresolved(r.internalAddressSpace) &&
        !isUnresolved(r.externalAddressSpace) &&
        canonical(r.internalAddressSpace) === canonical(space),
    );
    return rule ? rule.externalAddressSpace : space;
  });
}

function canonical(cidr: string): string {
  return cidr.trim().toLowerCase();
}
