import { Construct } from "constructs";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { IVnet, Vnet } from "./vnet";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { isUnresolved } from "./private/validate";
import { recordExistingNetwork } from "./private/hints";
import { whenGateway } from "./private/gateways";
import { IVpnGateway, VpnGateway } from "./vpn-gateway";
import { TerraformStack, dependable } from "../core/framework";
import { Field, checkProps, isNetwork } from "./private/props";
import { referenceOnce } from "./private/references";
import { fitAzureName } from "../core/azure/naming";

/** Settings of one direction of a peering (the peering resource created in one of the two networks). */
export interface PeeringDirectionOptions {
  /**
   * Name of the peering resource.
   * @default `<this network>-to-<other network>`
   */
  readonly name?: string;
  /**
   * Let this network's resources reach the other network.
   * @default true
   */
  readonly allowVirtualNetworkAccess?: boolean;
  /**
   * Accept traffic forwarded by a network virtual appliance in the other network (not originated there).
   * @default false
   */
  readonly allowForwardedTraffic?: boolean;
  /**
   * Let the other network use this network's VPN gateway (set it on the hub's side of a hub-and-spoke).
   * @default false
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview#gateways-and-on-premises-connectivity
   */
  readonly allowGatewayTransit?: boolean;
  /**
   * Route this network's gateway traffic through the other network's gateway (set it on a spoke's side).
   * The other side must allow gateway transit and have a gateway; this network must not have one.
   * Azure refuses the peering until that gateway exists (`RemoteVnetHasNoGateways`), so when the app
   * creates the gateway the peering waits for it: `depends_on` in the same stack, a stack dependency
   * from another stack.
   * @default false
   */
  readonly useRemoteGateways?: boolean;
}

/** Subnet-level peering: only the named subnets of each side are peered. */
export interface PeeredSubnets {
  /** Subnets of the local network to peer. */
  readonly local: string[];
  /** Subnets of the remote network to peer. */
  readonly remote: string[];
}

/** Properties of a {@link VnetPeering}. */
export interface VnetPeeringProps {
  /** One network (the "local" side; the hub in a hub-and-spoke). */
  readonly local: IVnet;
  /** The other network. It may be in another region (global peering), subscription or tenant. */
  readonly remote: IVnet;
  /**
   * Settings of the peering created in the local network, towards the remote one.
   * @default - access allowed, forwarded traffic and gateway transit off
   */
  readonly localToRemote?: PeeringDirectionOptions;
  /**
   * Settings of the peering created in the remote network, towards the local one.
   * @default - access allowed, forwarded traffic and gateway transit off
   */
  readonly remoteToLocal?: PeeringDirectionOptions;
  /**
   * Create the reverse direction (in the remote network, with the remote network's provider).
   * Leave it on unless another team creates the reverse side: a peering with one direction stays
   * `Initiated` and carries no traffic.
   * @default true
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering
   */
  readonly createReverse?: boolean;
  /**
   * Peer only these subnets (subnet-level peering) instead of the whole networks.
   * @default - the complete networks are peered
   */
  readonly subnets?: PeeredSubnets;
}

const NETWORK: Field = { t: "instance", what: "a network (a Vnet, or Vnet.fromId)", test: isNetwork };
const DIRECTION: Field = {
  t: "object",
  optional: true,
  fields: {
    name: { t: "string", name: "virtualNetworkPeerings", optional: true },
    allowVirtualNetworkAccess: { t: "boolean", optional: true },
    allowForwardedTraffic: { t: "boolean", optional: true },
    allowGatewayTransit: { t: "boolean", optional: true },
    useRemoteGateways: { t: "boolean", optional: true },
  },
};
const SUBNET_NAMES: Field = { t: "list", of: { t: "string", name: "subnets" } };

/** The shapes of {@link VnetPeeringProps}, checked at run time. */
const VNET_PEERING_PROPS = {
  local: NETWORK,
  remote: NETWORK,
  localToRemote: DIRECTION,
  remoteToLocal: DIRECTION,
  createReverse: { t: "boolean", optional: true },
  subnets: { t: "object", optional: true, fields: { local: SUBNET_NAMES, remote: SUBNET_NAMES } },
} as const satisfies Record<string, Field>;

/**
 * A peering between two virtual networks, both directions from one declaration.
 *
 * Each direction is an `azurerm_virtual_network_peering` created in its own network with that
 * network's provider, so cross-subscription and cross-tenant peerings need nothing more than a
 * provider alias on each {@link IVnet}.
 *
 * Catalogue: PEER-BOTH-DIRECTIONS, PEER-USE-REMOTE-NEEDS-TRANSIT.
 *
 * @example
 * new VnetPeering(stack, "LondonMadrid", { local: london, remote: madrid });
 */
export class VnetPeering extends Construct {
  /** The peering created in the local network (escape hatch). */
  public readonly localToRemote: VirtualNetworkPeering;
  /** The peering created in the remote network, unless `createReverse` is false (escape hatch). */
  public readonly remoteToLocal?: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: VnetPeeringProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VNET_PEERING_PROPS);
    const { local, remote } = props;
    const forward = props.localToRemote ?? {};
    const reverse = props.remoteToLocal ?? {};
    const createReverse = props.createReverse ?? true;

    if (local === remote || (!isUnresolved(local.vnetId) && local.vnetId === remote.vnetId)) {
      throw new ConnectivityValidationError(
        this,
        "`local` and `remote` are the same network; a network cannot be peered with itself",
      );
    }
    this.validateDirection("localToRemote", forward);
    if (createReverse) {
      this.validateDirection("remoteToLocal", reverse);
      this.validateTransitPair("localToRemote", forward, "remoteToLocal", reverse);
      this.validateTransitPair("remoteToLocal", reverse, "localToRemote", forward);
    }
    if (props.subnets) {
      this.validateSubnets("subnets.local", local, props.subnets.local);
      this.validateSubnets("subnets.remote", remote, props.subnets.remote);
    }

    this.localToRemote = this.createDirection("LocalToRemote", local, remote, forward, props.subnets);
    if (createReverse) {
      const swapped = props.subnets
        ? { local: props.subnets.remote, remote: props.subnets.local }
        : undefined;
      this.remoteToLocal = this.createDirection("RemoteToLocal", remote, local, reverse, swapped);
    }
  }

  private createDirection(
    id: string,
    from: IVnet,
    to: IVnet,
    options: PeeringDirectionOptions,
    subnets: PeeredSubnets | undefined,
  ): VirtualNetworkPeering {
    const peering = new VirtualNetworkPeering(this, id, {
      name: options.name ?? defaultName(from, to),
      resourceGroupName: from.resourceGroupName,
      virtualNetworkName:
        from instanceof Vnet ? referenceOnce(from.resource, "name", () => from.resource.name) : from.vnetName,
      remoteVirtualNetworkId: to.vnetId,
      allowVirtualNetworkAccess: options.allowVirtualNetworkAccess ?? true,
      allowForwardedTraffic: options.allowForwardedTraffic ?? false,
      allowGatewayTransit: options.allowGatewayTransit ?? false,
      useRemoteGateways: options.useRemoteGateways ?? false,
      peerCompleteVirtualNetworksEnabled: subnets ? false : undefined,
      localSubnetNames: subnets?.local,
      remoteSubnetNames: subnets?.remote,
      provider: from.provider,
    });
    recordExistingNetwork(peering, from);
    recordExistingNetwork(peering, to);
    if (options.useRemoteGateways === true) {
      // Whenever the other network's gateway is declared (before or after this peering).
      whenGateway(to, (gateway) => waitFor(peering, gateway));
    }
    return peering;
  }

  private validateDirection(prop: string, options: PeeringDirectionOptions): void {
    if (options.allowGatewayTransit && options.useRemoteGateways) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: allowGatewayTransit and useRemoteGateways are both true; a network either offers its gateway (hub) or uses the other's (spoke), not both`,
      );
    }
  }

  private validateTransitPair(
    prop: string,
    options: PeeringDirectionOptions,
    otherProp: string,
    other: PeeringDirectionOptions,
  ): void {
    if (options.useRemoteGateways && !other.allowGatewayTransit) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}.useRemoteGateways\` is true but \`${otherProp}.allowGatewayTransit\` is not: ` +
          `set \`${otherProp}: { allowGatewayTransit: true }\` on the side that has the gateway`,
      );
    }
  }

  private validateSubnets(prop: string, vnet: IVnet, names: string[]): void {
    if (!names || names.length === 0) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\` needs at least one subnet name for subnet-level peering`,
      );
    }
    if (!(vnet instanceof Vnet)) return;
    for (const name of names) {
      if (!isUnresolved(name) && !vnet.findSubnet(name)) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: network '${vnet.vnetName}' has no subnet '${name}' (it has: ${Object.keys(vnet.subnets).join(", ") || "none"})`,
        );
      }
    }
  }
}

/** `<from>-to-<to>`, shortened to Azure's 80 characters when the names are long (two 64-character names). */
function defaultName(from: IVnet, to: IVnet): string {
  if (!isUnresolved(from.vnetName) && !isUnresolved(to.vnetName)) {
    return fitAzureName("virtualNetworkPeerings", `${from.vnetName}-to-${to.vnetName}`);
  }
  return fitAzureName("virtualNetworkPeerings", `peering-${from.node.id}-to-${to.node.id}`.toLowerCase());
}

/** One `depends_on` reference per gateway, made once: each new token captures a stack trace in cdktf. */
const DEPENDENCIES = new WeakMap<VpnGateway, string>();

function dependencyOn(gateway: VpnGateway): string {
  let ref = DEPENDENCIES.get(gateway);
  if (ref === undefined) {
    ref = dependable(gateway.resource);
    DEPENDENCIES.set(gateway, ref);
  }
  return ref;
}

/**
 * Makes a peering wait for a gateway the app creates: `depends_on` in the same stack, a stack dependency
 * across stacks (Terraform cannot depend on a resource of another state). An existing gateway is there
 * already.
 */
function waitFor(peering: VirtualNetworkPeering, gateway: IVpnGateway): void {
  if (!(gateway instanceof VpnGateway)) return;
  const mine = TerraformStack.of(peering);
  const theirs = TerraformStack.of(gateway);
  if (mine !== theirs) {
    mine.addDependency(theirs);
    return;
  }
  const ref = dependencyOn(gateway);
  const current = peering.dependsOn ?? [];
  if (!current.includes(ref)) peering.dependsOn = [...current, ref];
}
