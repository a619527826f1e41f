import { Construct } from "constructs";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { IVpnGateway } from "./vpn-gateway";
import { LocalSite } from "./local-site";
import { SharedKey } from "./shared-key";
import { VpnNatRule } from "./vpn-nat-rule";
import { VpnConnectionNatRules, VpnConnectionOptions } from "./vpn-connection-options";
import {
  GATEWAY_PAIR,
  IPSEC_SIDE,
  connectionArguments,
  defaultConnectionName,
  validateGatewayPair,
} from "./private/connection";
import { recordExistingGateway, recordRepresentedGateway } from "./private/hints";
import { Field, checkProps } from "./private/props";
import { fitAzureName } from "../core/azure/naming";

/** The shapes of {@link VnetToVnetIpsecConnectionProps}, checked at run time. */
const VNET_TO_VNET_IPSEC_PROPS = {
  ...GATEWAY_PAIR,
  localToRemote: IPSEC_SIDE,
  remoteToLocal: IPSEC_SIDE,
} as const satisfies Record<string, Field>;
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
  /**
   * One gateway (active-standby): a {@link VpnGateway}, or an existing one (`VpnGateway.fromAttributes`
   * with its public IP address, and its network's address space unless `siteAddressSpace` or BGP is used).
   */
  readonly local: IVpnGateway;
  /** The other gateway (active-standby); it may be in another region or subscription (its own provider). */
  readonly remote: IVpnGateway;
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
 * Catalogue: CONN-TYPE-EXCLUSIVE, CONN-LOCATION, CONN-ROUTING-WEIGHT, CONN-IKEV1-SKU, CONN-DPD-RANGE,
 * CONN-PRIVATEIP, IPSEC-SKU, IPSEC-ONE-POLICY, IPSEC-COMPLETE, IPSEC-IKE-ENC-VALUES,
 * IPSEC-IKE-INT-VALUES, IPSEC-DH-VALUES, IPSEC-IPSEC-ENC-VALUES, IPSEC-IPSEC-INT-VALUES,
 * IPSEC-GCM-MATCH, IPSEC-SA-LIFETIME, IPSEC-SA-DATASIZE, IPSEC-PBTS-COMBOS, IPSEC-NOT-ER, NAT-NO-PBTS,
 * NAT-MODE-DIRECTION, BGP-ASN-DISTINCT.
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
    validateGatewayPair(this, props, {
      kind: "IPsec",
      each: (prop, gw) => {
        if (gw.activeActive === true) {
          throw new ConnectivityValidationError(
            this,
            `\`${prop}\`: gateway '${gw.node.path}' is active-active, which VnetToVnetIpsecConnection does not support ` +
              "(each instance needs its own site and BGP); use active-standby gateways, or compose LocalSite and " +
              "SiteToSiteConnection per instance with BGP",
          );
        }
        if (gw.publicIpAddresses.length === 0) {
          throw new ConnectivityValidationError(
            this,
            `\`${prop}\`: the public IP address of gateway '${gw.node.path}' is not known, and the other side's site needs it; ` +
              "give `publicIpAddresses` to VpnGateway.fromAttributes (or `ipAddress` with existingPublicIps)",
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
      },
      natRules: {
        local: [forward.natRules, "localToRemote.natRules"],
        remote: [reverse.natRules, "remoteToLocal.natRules"],
      },
      asnAdvice: "the two ends of a BGP session need different ASNs: change the ASN of one gateway",
    });
    forward.siteAddressSpace?.forEach((c) => parseCidrProp(this, "localToRemote.siteAddressSpace", c));
    reverse.siteAddressSpace?.forEach((c) => parseCidrProp(this, "remoteToLocal.siteAddressSpace", c));

    this.localSite = this.createSite("RemoteSite", local, remote, forward, reverse, props.bgp === true);
    this.remoteSite = this.createSite("LocalSite", remote, local, reverse, forward, props.bgp === true);
    const create = (
      cid: string,
      from: IVpnGateway,
      to: IVpnGateway,
      site: LocalSite,
      side: IpsecSideOptions,
    ) =>
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
    for (const element of [
      this.localToRemote,
      this.remoteToLocal,
      this.localSite.resource,
      this.remoteSite.resource,
    ]) {
      recordExistingGateway(element, local);
      recordExistingGateway(element, remote);
    }
  }

  /** The site on `owner`'s side that stands for `other`. */
  private createSite(
    id: string,
    owner: IVpnGateway,
    other: IVpnGateway,
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
      location: owner.location!,
      gatewayAddress: other.publicIpAddresses[0],
      addressSpace: bgp
        ? side.siteAddressSpace
        : (side.siteAddressSpace ?? this.wireSpaces(other, otherSide.natRules?.egress ?? [])),
      bgp: bgp ? { asn: other.bgpAsn!, peeringAddress: other.bgpPeeringAddresses[0] } : undefined,
      provider: owner.provider,
    });
    recordRepresentedGateway(site.resource, other.gatewayId);
    return site;
  }

  /** The other network's spaces on the wire; refused when an existing gateway's network is not known. */
  private wireSpaces(gateway: IVpnGateway, egress: VpnNatRule[]): string[] {
    const spaces = gateway.vnet?.addressSpace;
    if (spaces === undefined) {
      throw new ConnectivityValidationError(
        this,
        `the address space of gateway '${gateway.node.path}''s network is not known, and the other side's site lists it; ` +
          "give the gateway's `vnet` (with its addressSpace), or `siteAddressSpace` for that side, or use bgp",
      );
    }
    return wireSpaces(spaces, egress);
  }
}

/**
 * The address spaces of `gateway`'s network as they appear on the wire: each space that is exactly the
 * internal mapping of one of the egress rules is replaced by the rule's external mapping (an EgressSnat
 * rule translates the VNet's addresses as they leave the gateway: nat-overview, "NAT mode").
 */
function wireSpaces(spaces: readonly string[], egress: VpnNatRule[]): string[] {
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
