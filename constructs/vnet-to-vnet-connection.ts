import { Construct } from "constructs";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { IVpnGateway } from "./vpn-gateway";
import { SharedKey } from "./shared-key";
import { VpnConnectionNatRules, VpnConnectionOptions } from "./vpn-connection-options";
import {
  GATEWAY_PAIR,
  NAT_RULES,
  connectionArguments,
  defaultConnectionName,
  validateGatewayPair,
} from "./private/connection";
import { Field, checkProps } from "./private/props";

/** The shapes of {@link VnetToVnetConnectionProps}, checked at run time. */
const VNET_TO_VNET_PROPS = {
  ...GATEWAY_PAIR,
  localToRemoteName: { t: "string", name: "connections", optional: true },
  remoteToLocalName: { t: "string", name: "connections", optional: true },
  natRules: NAT_RULES,
} as const satisfies Record<string, Field>;
import { isUnresolved } from "./private/validate";
import { recordExistingGateway } from "./private/hints";
import { vpnTypeRefusesVnet2Vnet } from "../core/azure/gateway";

/** Properties of a {@link VnetToVnetConnection}. */
export interface VnetToVnetConnectionProps extends VpnConnectionOptions {
  /** One gateway (route-based): a {@link VpnGateway}, or an existing one (`VpnGateway.fromAttributes`). */
  readonly local: IVpnGateway;
  /** The other gateway (route-based); it may be in another region or subscription (its own provider). */
  readonly remote: IVpnGateway;
  /**
   * The pre-shared key of both directions (they must carry the same key): {@link SharedKey.generate}
   * is the simplest, as no device outside Azure needs it.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vnet-vnet-rm-ps
   */
  readonly sharedKey: SharedKey;
  /**
   * Name of the connection created on the local gateway.
   * @default `<local gateway name>-to-<remote gateway name>`
   */
  readonly localToRemoteName?: string;
  /**
   * Name of the connection created on the remote gateway.
   * @default `<remote gateway name>-to-<local gateway name>`
   */
  readonly remoteToLocalName?: string;
  /**
   * Not supported: Azure applies NAT on IPsec connections only, never on VNet-to-VNet ones. Giving NAT
   * rules here throws; use {@link VnetToVnetIpsecConnection} to join networks through NAT.
   * @default - no NAT
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
   */
  readonly natRules?: VpnConnectionNatRules;
}

/**
 * A VNet-to-VNet link between two VPN gateways: both directions (two
 * `azurerm_virtual_network_gateway_connection` of type `Vnet2Vnet`) from one declaration, with the same
 * shared key and the same tunnel settings on each. Azure learns each network's address space from the
 * peer gateway, so no local network gateways are needed; the address spaces must not overlap.
 *
 * Catalogue: CONN-TYPE-EXCLUSIVE, CONN-LOCATION, CONN-ROUTING-WEIGHT, CONN-IKEV1-SKU, CONN-DPD-RANGE,
 * CONN-PRIVATEIP, IPSEC-SKU, IPSEC-ONE-POLICY, IPSEC-COMPLETE, IPSEC-IKE-ENC-VALUES,
 * IPSEC-IKE-INT-VALUES, IPSEC-DH-VALUES, IPSEC-IPSEC-ENC-VALUES, IPSEC-IPSEC-INT-VALUES,
 * IPSEC-GCM-MATCH, IPSEC-SA-LIFETIME, IPSEC-SA-DATASIZE, IPSEC-PBTS-COMBOS, IPSEC-NOT-ER, NAT-NO-PBTS,
 * NAT-MODE-DIRECTION, BGP-ASN-DISTINCT, GW-V2V-ROUTEBASED, V2V-BOTH-DIRECTIONS.
 *
 * @example
 * new VnetToVnetConnection(stack, "Vnet1Vnet4", {
 *   local: gw1, remote: gw4, sharedKey: SharedKey.generate(stack, "v2v_psk"),
 * });
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
 */
export class VnetToVnetConnection extends Construct {
  /** The connection created on the local gateway (escape hatch). */
  public readonly localToRemote: VirtualNetworkGatewayConnection;
  /** The connection created on the remote gateway (escape hatch). */
  public readonly remoteToLocal: VirtualNetworkGatewayConnection;

  constructor(scope: Construct, id: string, props: VnetToVnetConnectionProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VNET_TO_VNET_PROPS);
    const { local, remote } = props;
    validateGatewayPair(this, props, {
      kind: "Vnet2Vnet",
      each: (prop, gw) => {
        // VNet-to-VNet needs route-based gateways (PolicyBased supports one S2S tunnel and no VNet-to-VNet).
        if (gw.vpnType !== undefined && !isUnresolved(gw.vpnType) && vpnTypeRefusesVnet2Vnet(gw.vpnType)) {
          throw new ConnectivityValidationError(
            this,
            `\`${prop}\`: gateway '${gw.node.path}' is '${gw.vpnType}'; VNet-to-VNet needs RouteBased gateways on both sides`,
          );
        }
      },
      natRules: { local: [props.natRules, "natRules"], remote: [undefined, "natRules"] },
      asnAdvice:
        "gateways joined by BGP need different ASNs: change the ASN of one gateway (e.g. 65010 and 65020)",
    });

    const create = (cid: string, from: IVpnGateway, to: IVpnGateway, name: string | undefined) =>
      new VirtualNetworkGatewayConnection(this, cid, {
        ...connectionArguments(from, props.sharedKey, props, undefined),
        name:
          name ??
          defaultConnectionName(
            { name: from.gatewayName, id: from.node.id },
            { name: to.gatewayName, id: to.node.id },
          ),
        type: "Vnet2Vnet",
        peerVirtualNetworkGatewayId: to.gatewayId,
      });
    this.localToRemote = create("LocalToRemote", local, remote, props.localToRemoteName);
    this.remoteToLocal = create("RemoteToLocal", remote, local, props.remoteToLocalName);
    for (const connection of [this.localToRemote, this.remoteToLocal]) {
      recordExistingGateway(connection, local);
      recordExistingGateway(connection, remote);
    }
  }
}
