import { Construct } from "constructs";
import { TerraformProvider, isUnresolved } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { peeringLimitViolation } from "../core/azure/peering";
import { sameAzureName } from "../core/azure/naming";
import { AddressPool } from "../constructs/address-pool";
import { IVnet, SubnetSpec, Vnet } from "../constructs/vnet";
import { VnetPeering } from "../constructs/vnet-peering";
import { IVpnGateway, VpnGateway, VpnGatewayProps } from "../constructs/vpn-gateway";
import { LocalSite, LocalSiteProps } from "../constructs/local-site";
import { SharedKey } from "../constructs/shared-key";
import { SiteToSiteConnection } from "../constructs/site-to-site-connection";
import { VpnConnectionOptions } from "../constructs/vpn-connection-options";
import { gatewayOf } from "../constructs/private/gateways";
import { ReachabilityGroups, ReachabilityIntents } from "../authoring/intents";

/** The VPN gateway of a region's hub: {@link VpnGatewayProps} without what the pattern decides. */
export interface HubAndSpokeGatewayOptions
  extends Omit<
    VpnGatewayProps,
    "vnet" | "name" | "resourceGroupName" | "location" | "provider" | "gatewaySubnet" | "gatewaySubnetPrefix"
  > {
  /**
   * Name of the gateway in Azure.
   * @default `vgw-hub-<location>`
   */
  readonly name?: string;
}

/** The hub network a region creates. */
export interface HubAndSpokeHubOptions {
  /**
   * Name of the hub network in Azure (also its key in the address pool's record).
   * @default `vnet-hub-<location>`
   */
  readonly name?: string;
  /**
   * Prefix length of the hub's address space, allocated from the pool.
   * @default - the pattern's `hubSize`
   */
  readonly size?: number;
  /**
   * Subnets of the hub (carved by `size` or given by prefix); the gateway's GatewaySubnet is carved
   * from the top of the space on top of them.
   * @default - none
   */
  readonly subnets?: SubnetSpec[];
}

/**
 * An on-premises site a region's hub gateway connects to, site-to-site: the device's address (or FQDN)
 * and BGP settings as {@link LocalSiteProps} has them.
 */
export interface HubAndSpokeSiteOptions
  extends Pick<LocalSiteProps, "gatewayAddress" | "gatewayFqdn" | "bgp"> {
  /**
   * Name of the site, unique in the topology: it names the local network gateway (`lng-<name>`), the
   * connection and the shared key's variable.
   */
  readonly name: string;
  /**
   * The site's address prefixes. They are reserved in the address pool, so no network is ever
   * allocated on top of them.
   * @default - none (a BGP-only site)
   */
  readonly addressSpace?: string[];
  /**
   * The pre-shared key of the connection.
   * @default - a sensitive Terraform variable `<name>_shared_key` (hyphens become underscores), given at
   * plan as `TF_VAR_<name>_shared_key`
   */
  readonly sharedKey?: SharedKey;
  /**
   * Name of the local network gateway.
   * @default `lng-<name>`
   */
  readonly siteName?: string;
  /**
   * Name of the connection.
   * @default `<gateway name>-to-<site name>`
   */
  readonly connectionName?: string;
  /**
   * Settings of the site-to-site connection (IPsec/IKE policy, DPD, BGP, ...).
   * @default - IKEv2 with Azure's default policy; BGP on the connection when both the site and the gateway
   * have BGP settings
   */
  readonly connection?: VpnConnectionOptions;
}

/** A spoke: a network of its own, peered with its region's hub. */
export interface HubAndSpokeSpokeOptions {
  /**
   * Name of the spoke, unique in the topology; the network is `vnet-<name>` unless `vnetName` is given.
   */
  readonly name: string;
  /**
   * The spoke's environment (e.g. `prod`, `test`): spokes of different environments must not reach each
   * other (a default intent, see {@link HubAndSpokeIntents}).
   * @default - none: no environment intent involves the spoke
   */
  readonly environment?: string;
  /**
   * Prefix length of the spoke's address space, allocated from the pool.
   * @default - the pattern's `spokeSize`
   */
  readonly size?: number;
  /**
   * Subnets of the spoke (carved by `size`, recorded with the pool, or given by prefix).
   * @default - the pattern's `spokeSubnets`
   */
  readonly subnets?: SubnetSpec[];
  /**
   * Name of the spoke's network in Azure (also its key in the address pool's record).
   * @default `vnet-<name>`
   */
  readonly vnetName?: string;
  /**
   * Resource group of the spoke's network.
   * @default - the region's `spokeResourceGroupName`
   */
  readonly resourceGroupName?: string;
  /**
   * Where the spoke (its network and both directions of its peering) is created, e.g. a stack of its own.
   * @default - the region's `spokeScope`
   */
  readonly scope?: Construct;
  /**
   * Route the spoke's traffic to on-premises through the hub's gateway (`use_remote_gateways` on the
   * spoke's side of the peering). Only with a gateway in the hub.
   * @default true when the hub has a gateway
   */
  readonly useHubGateway?: boolean;
  /**
   * The azurerm provider (alias) of the spoke's subscription (landing-zone vending: one subscription per
   * application); the spoke's side of the peering uses it too.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Tags of the spoke's network.
   * @default - the pattern's tags
   */
  readonly tags?: { [key: string]: string };
}

/** A region: its hub (created, or existing), the hub's gateway and sites, and the spokes. */
export interface HubAndSpokeRegionOptions {
  /** Azure region, e.g. `westeurope`; it names the region (`region(location)`), its hub and gateway. */
  readonly location: string;
  /**
   * Resource group of the hub, its gateway and sites.
   * @default - the pattern's `resourceGroupName`
   */
  readonly resourceGroupName?: string;
  /**
   * The hub network to create.
   * @default - a hub `vnet-hub-<location>` of the pattern's `hubSize`, without subnets of its own
   */
  readonly hub?: HubAndSpokeHubOptions;
  /**
   * A hub this app does not create (`Vnet.fromId`, with its address space so that it is reserved in the
   * pool and checked by the policies): the region only peers its spokes with it. Declare the hub's gateway
   * before the region (`VpnGateway.fromAttributes` with `vnet`) for the spokes to use it.
   * @default - the region creates its hub
   */
  readonly existingHub?: IVnet;
  /**
   * A VPN gateway in the hub: it connects the sites, and the spokes use it (gateway transit).
   * @default - no gateway
   */
  readonly gateway?: HubAndSpokeGatewayOptions;
  /**
   * On-premises sites connected to the hub's gateway (it needs `gateway`). More with
   * {@link HubAndSpokeRegion.addSite}.
   * @default - none
   */
  readonly sites?: HubAndSpokeSiteOptions[];
  /**
   * Spokes of the region. More with {@link HubAndSpokeRegion.addSpoke}.
   * @default - none
   */
  readonly spokes?: HubAndSpokeSpokeOptions[];
  /**
   * Where the region's spokes (their networks and both directions of their peerings) are created: a
   * stack of their own, so that each region's spokes have their own state and deploy in parallel once the
   * hubs are applied (cross-stack references and the stack dependency are added by cdktf and the peerings).
   * @default - the region's construct, in the pattern's stack
   */
  readonly spokeScope?: Construct;
  /**
   * Resource group of the region's spokes.
   * @default - the region's `resourceGroupName`
   */
  readonly spokeResourceGroupName?: string;
  /**
   * The azurerm provider (alias) of the hub's subscription.
   * @default - the stack's default azurerm provider (for an existing hub: its own provider)
   */
  readonly provider?: TerraformProvider;
}

/** The reachability intents the pattern declares, checked at synth by `Reachability.Intent`. */
export interface HubAndSpokeIntents {
  /**
   * Spokes of different environments must not reach each other (checked for every pair of spokes that
   * both have an environment; recorded as one intent over groups, one group per environment, see
   * `ReachabilityIntents.groupsApart`).
   * @default true
   */
  readonly environmentsApart?: boolean;
  /**
   * Every spoke that uses its hub's gateway must reach each site of its region.
   * @default true
   */
  readonly spokesReachSites?: boolean;
}

/** Properties of a {@link HubAndSpoke}. */
export interface HubAndSpokeProps {
  /** The pool every hub and spoke takes its address space from (and where the sites' spaces are reserved). */
  readonly pool: AddressPool;
  /** Resource group of the networks, gateways and sites, unless a region or a spoke gives its own (it must exist). */
  readonly resourceGroupName: string;
  /**
   * The regions. More with {@link HubAndSpoke.addRegion}.
   * @default - none
   */
  readonly regions?: HubAndSpokeRegionOptions[];
  /**
   * Prefix length of a hub's address space.
   * @default 22
   */
  readonly hubSize?: number;
  /**
   * Prefix length of a spoke's address space.
   * @default 22
   */
  readonly spokeSize?: number;
  /**
   * Subnets of every spoke that does not give its own.
   * @default - none
   */
  readonly spokeSubnets?: SubnetSpec[];
  /**
   * Peer the hubs of different regions with each other (global peering, both directions, without gateway
   * transit: each hub keeps its gateway, and the spokes of one region do not reach another region).
   * @default true
   */
  readonly peerHubs?: boolean;
  /**
   * The reachability intents the pattern declares (add your own with `ReachabilityIntents`).
   * @default - both: environments apart, spokes reach their region's sites
   */
  readonly intents?: HubAndSpokeIntents;
  /**
   * Tags of every network, gateway, site and connection the pattern creates.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const DEFAULT_NETWORK_SIZE = 22;

/**
 * A hub-and-spoke network over one or more regions, in one declaration: per region a hub (its address
 * space from an {@link AddressPool}), optionally a VPN gateway with its on-premises sites and
 * connections, and spokes attached by name, each with its own address space from the pool and peered
 * with the hub both ways (the hub's side allowing gateway transit and the spoke's using the hub's
 * gateway when there is one, waiting for the gateway to exist); the hubs of different regions peered
 * with each other. Each region's spokes can live in a stack of their own.
 *
 * It declares the intents a platform team expects (spokes of different environments never reach each
 * other; spokes reach their region's sites through the hub), and everything it creates passes the
 * policies. Every underlying construct is reachable: {@link HubAndSpoke.regions},
 * {@link HubAndSpokeRegion.hubVnet}, {@link HubAndSpokeRegion.vpnGateway},
 * {@link HubAndSpokeRegion.sites}, {@link HubAndSpokeSpoke.vnet}, {@link HubAndSpokeSpoke.peering}, ...
 *
 * @example
 * const net = new HubAndSpoke(stack, "Network", { pool, resourceGroupName: "rg-network" });
 * const we = net.addRegion({ location: "westeurope", gateway: {} });
 * we.addSite({ name: "dc1", gatewayAddress: "203.0.113.10", addressSpace: ["192.168.0.0/16"] });
 * we.addSpoke({ name: "shop-prod", environment: "prod", subnets: [{ name: "app", size: 24 }] });
 */
export class HubAndSpoke extends Construct {
  /** The address pool. */
  public readonly pool: AddressPool;
  /** The regions, in the order they were added. */
  public readonly regions: HubAndSpokeRegion[] = [];
  /** The peerings between the hubs of different regions (escape hatch). */
  public readonly hubPeerings: VnetPeering[] = [];
  /** Resource group of what the pattern creates, unless a region or spoke gives its own. */
  public readonly resourceGroupName: string;
  /** Prefix length of a hub's address space. */
  public readonly hubSize: number;
  /** Prefix length of a spoke's address space. */
  public readonly spokeSize: number;
  /** Subnets of every spoke that does not give its own. */
  public readonly spokeSubnets: readonly SubnetSpec[];
  /** Whether the pattern declares that spokes of different environments must not reach each other. */
  public readonly environmentsApart: boolean;
  /** Whether the pattern declares that spokes reach their region's sites. */
  public readonly spokesReachSites: boolean;
  /** Tags of what the pattern creates. */
  public readonly tags?: { [key: string]: string };

  private readonly peerHubs: boolean;
  /** The intent that spokes of different environments stay apart: made at the first such spoke. */
  private environments?: ReachabilityGroups;

  constructor(scope: Construct, id: string, props: HubAndSpokeProps) {
    super(scope, id);
    if (!props.pool) {
      throw new ConnectivityValidationError(
        this,
        "`pool` is required: every hub and spoke takes its address space from it",
      );
    }
    if (
      props.resourceGroupName === undefined ||
      (!isUnresolved(props.resourceGroupName) && props.resourceGroupName.trim() === "")
    ) {
      throw new ConnectivityValidationError(this, "`resourceGroupName` is required and must not be empty");
    }
    this.pool = props.pool;
    this.resourceGroupName = props.resourceGroupName;
    this.hubSize = props.hubSize ?? DEFAULT_NETWORK_SIZE;
    this.spokeSize = props.spokeSize ?? DEFAULT_NETWORK_SIZE;
    this.spokeSubnets = props.spokeSubnets ?? [];
    this.environmentsApart = props.intents?.environmentsApart ?? true;
    this.spokesReachSites = props.intents?.spokesReachSites ?? true;
    this.tags = props.tags;
    this.peerHubs = props.peerHubs ?? true;
    for (const region of props.regions ?? []) this.addRegion(region);
  }

  /** Adds a region: its hub, gateway, sites and spokes; its hub is peered with the other regions' hubs. */
  public addRegion(options: HubAndSpokeRegionOptions): HubAndSpokeRegion {
    return new HubAndSpokeRegion(this, options);
  }

  /** The region of this location (compared case-insensitively), or undefined. */
  public region(location: string): HubAndSpokeRegion | undefined {
    return this.regions.find((r) => sameAzureName(r.location, location));
  }

  /** Every spoke of every region. */
  public get spokes(): HubAndSpokeSpoke[] {
    return this.regions.flatMap((r) => r.spokes);
  }

  /** The spoke of this name, or undefined. */
  public spoke(name: string): HubAndSpokeSpoke | undefined {
    return this.spokes.find((s) => s.spokeName === name);
  }

  /** Every site of every region. */
  public get sites(): LocalSite[] {
    return this.regions.flatMap((r) => r.sites);
  }

  /**
   * Puts a spoke in its environment's group of the "environments apart" intent: one intent over groups
   * for the whole pattern (recorded with its members, not once per pair of spokes). @internal
   */
  public _addToEnvironment(environment: string, vnet: Vnet): void {
    this.environments ??= ReachabilityIntents.groupsApart(
      this,
      "spokes of different environments stay apart",
    );
    this.environments.add(environment, vnet);
  }

  /** @internal */
  public _addRegion(region: HubAndSpokeRegion): void {
    if (this.peerHubs) {
      for (const other of this.regions) {
        const peering = new VnetPeering(this, `Hubs-${other.location}-${region.location}`, {
          local: other.hub,
          remote: region.hub,
        });
        this.hubPeerings.push(peering);
        other.hubPeerings.push(peering);
        region.hubPeerings.push(peering);
      }
    }
    this.regions.push(region);
  }
}

/** A region of a {@link HubAndSpoke}: created by {@link HubAndSpoke.addRegion}. */
export class HubAndSpokeRegion extends Construct {
  /** The pattern the region belongs to. */
  public readonly hubAndSpoke: HubAndSpoke;
  /** Azure region. */
  public readonly location: string;
  /** The hub: the network the region created, or the existing hub. */
  public readonly hub: IVnet;
  /** The hub network the region created (escape hatch); undefined for an existing hub. */
  public readonly hubVnet?: Vnet;
  /** The hub's gateway: the one the region created, or the existing hub's declared gateway. */
  public readonly gateway?: IVpnGateway;
  /** The gateway the region created (escape hatch); undefined without one, or for an existing hub. */
  public readonly vpnGateway?: VpnGateway;
  /** The sites connected to the hub's gateway (escape hatch). */
  public readonly sites: LocalSite[] = [];
  /** The site-to-site connections, in the order of `sites` (escape hatch). */
  public readonly siteConnections: SiteToSiteConnection[] = [];
  /** The spokes, in the order they were added. */
  public readonly spokes: HubAndSpokeSpoke[] = [];
  /** The hub's peerings with the other regions' hubs (escape hatch). */
  public readonly hubPeerings: VnetPeering[] = [];
  /** Where the region's spokes are created. */
  public readonly spokeScope: Construct;
  /** Resource group of the hub, gateway and sites. */
  public readonly resourceGroupName: string;
  /** Resource group of the spokes. */
  public readonly spokeResourceGroupName: string;

  constructor(hubAndSpoke: HubAndSpoke, options: HubAndSpokeRegionOptions) {
    if (!options.location || isUnresolved(options.location) || options.location.trim() === "") {
      throw new ConnectivityValidationError(
        hubAndSpoke,
        "`regions`: a region needs a literal `location`, e.g. 'westeurope' (it names the region's construct and resources)",
      );
    }
    if (hubAndSpoke.region(options.location)) {
      throw new ConnectivityValidationError(
        hubAndSpoke,
        `\`regions\`: region '${options.location}' is added twice; add each region once`,
      );
    }
    super(hubAndSpoke, options.location);
    this.hubAndSpoke = hubAndSpoke;
    this.location = options.location;
    this.resourceGroupName = options.resourceGroupName ?? hubAndSpoke.resourceGroupName;
    this.spokeResourceGroupName = options.spokeResourceGroupName ?? this.resourceGroupName;
    this.spokeScope = options.spokeScope ?? this;
    const pool = hubAndSpoke.pool;

    if (options.existingHub) {
      const hub = options.existingHub;
      if (!hub.isExisting) {
        throw new ConnectivityValidationError(
          this,
          `\`existingHub\`: '${hub.node.path}' is a network this app creates; give its options as \`hub\`, or an existing network (Vnet.fromId)`,
        );
      }
      for (const prop of ["hub", "gateway", "sites"] as const) {
        if (options[prop] !== undefined) {
          throw new ConnectivityValidationError(
            this,
            `\`${prop}\` is given with \`existingHub\`; an existing hub, its gateway and sites are managed where the hub is: remove \`${prop}\``,
          );
        }
      }
      // Its declared spaces are never allocated to a spoke.
      for (const space of hub.addressSpace ?? []) {
        if (!isUnresolved(space))
          pool._reserveFor(this, "existingHub", space, `existing hub ${hub.vnetName}`);
      }
      this.hub = hub;
      // The gateway a VpnGateway.fromAttributes declared with `vnet: hub`.
      this.gateway = gatewayOf(hub);
    } else {
      const hubOptions = options.hub ?? {};
      this.hubVnet = new Vnet(this, "Hub", {
        name: hubOptions.name ?? `vnet-hub-${options.location}`,
        resourceGroupName: this.resourceGroupName,
        location: options.location,
        addressPool: { pool, size: hubOptions.size ?? hubAndSpoke.hubSize },
        subnets: hubOptions.subnets,
        tags: hubAndSpoke.tags,
        provider: options.provider,
      });
      this.hub = this.hubVnet;
      if (options.gateway) {
        const { name, ...gatewayProps } = options.gateway;
        this.vpnGateway = new VpnGateway(this, "Gateway", {
          tags: hubAndSpoke.tags,
          ...gatewayProps,
          vnet: this.hubVnet,
          name: name ?? `vgw-hub-${options.location}`,
        });
        this.gateway = this.vpnGateway;
      }
    }
    hubAndSpoke._addRegion(this);
    for (const site of options.sites ?? []) this.addSite(site);
    for (const spoke of options.spokes ?? []) this.addSpoke(spoke);
  }

  /**
   * Adds an on-premises site and its site-to-site connection to the hub's gateway; its address space is
   * reserved in the pool (declare sites before the spokes that could be allocated there).
   */
  public addSite(options: HubAndSpokeSiteOptions): LocalSite {
    const gateway = this.vpnGateway;
    if (!gateway) {
      throw new ConnectivityValidationError(
        this,
        `\`sites\`: site '${options.name}' needs a VPN gateway in the hub: give the region \`gateway: {}\`` +
          (this.hubVnet ? "" : " (an existing hub's sites are connected where the hub is managed)"),
      );
    }
    if (!options.name || options.name.trim() === "") {
      throw new ConnectivityValidationError(this, "`sites`: a site needs a `name`");
    }
    const pattern = this.hubAndSpoke;
    if (pattern.sites.some((s) => s.node.id === `Site-${options.name}`)) {
      throw new ConnectivityValidationError(
        this,
        `\`sites\`: site '${options.name}' is added twice; site names are unique in the topology`,
      );
    }
    const { name, gatewayAddress, gatewayFqdn, addressSpace, bgp, sharedKey, siteName, connectionName } =
      options;
    const site = new LocalSite(this, `Site-${name}`, {
      name: siteName ?? `lng-${name}`,
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      gatewayAddress,
      gatewayFqdn,
      addressSpace,
      bgp,
      tags: pattern.tags,
      provider: gateway.provider,
    });
    for (const space of addressSpace ?? []) {
      if (!isUnresolved(space))
        pattern.pool._reserveFor(site, "addressSpace", space, `site ${site.siteName}`);
    }
    const variable = `${name.replace(/[^A-Za-z0-9_]/g, "_")}_shared_key`;
    this.siteConnections.push(
      new SiteToSiteConnection(this, `Connection-${name}`, {
        tags: pattern.tags,
        bgp: bgp !== undefined && gateway.bgpAsn !== undefined,
        ...options.connection,
        gateway,
        site,
        name: connectionName,
        sharedKey:
          sharedKey ??
          SharedKey.fromVariable(this, variable, {
            description: `Pre-shared key of the site-to-site connection to ${site.siteName}`,
          }),
      }),
    );
    this.sites.push(site);
    if (pattern.spokesReachSites) {
      for (const spoke of this.spokes) spoke._mustReach(site);
    }
    return site;
  }

  /** Adds a spoke: its network from the pool, and both directions of its peering with the hub. */
  public addSpoke(options: HubAndSpokeSpokeOptions): HubAndSpokeSpoke {
    return new HubAndSpokeSpoke(this, options);
  }

  /** @internal */
  public _addSpoke(spoke: HubAndSpokeSpoke): void {
    this.spokes.push(spoke);
  }

  /** How many peerings of the hub the pattern creates (with its spokes and the other hubs). */
  public get hubPeeringCount(): number {
    return this.spokes.length + this.hubPeerings.length;
  }
}

/** A spoke of a {@link HubAndSpokeRegion}: created by {@link HubAndSpokeRegion.addSpoke}. */
export class HubAndSpokeSpoke extends Construct {
  /** The spoke's name. */
  public readonly spokeName: string;
  /** The spoke's environment, if it has one. */
  public readonly environment?: string;
  /** The region the spoke is attached to. */
  public readonly region: HubAndSpokeRegion;
  /** The spoke's network (escape hatch). */
  public readonly vnet: Vnet;
  /** Both directions of the spoke's peering with its hub (escape hatch). */
  public readonly peering: VnetPeering;
  /** Whether the spoke uses its hub's gateway. */
  public readonly usesHubGateway: boolean;

  constructor(region: HubAndSpokeRegion, options: HubAndSpokeSpokeOptions) {
    const pattern = region.hubAndSpoke;
    if (!options.name || options.name.trim() === "") {
      throw new ConnectivityValidationError(region, "`spokes`: a spoke needs a `name`");
    }
    const twin = pattern.spoke(options.name);
    if (twin) {
      throw new ConnectivityValidationError(
        region,
        `\`spokes\`: spoke '${options.name}' is already attached (${twin.node.path}); spoke names are unique in the topology`,
      );
    }
    super(options.scope ?? region.spokeScope, options.name);
    if (options.environment !== undefined && options.environment.trim() === "") {
      throw new ConnectivityValidationError(
        this,
        "`environment` must not be empty; leave it out for a spoke of no environment",
      );
    }
    const tooMany = peeringLimitViolation(region.hubPeeringCount + 1);
    if (tooMany) {
      throw new ConnectivityValidationError(
        this,
        `the hub of region '${region.location}' would have ${region.hubPeeringCount + 1} peerings; Azure allows ${tooMany.max} per ` +
          "network: attach the spoke to another region's hub, or split the region",
      );
    }
    const hasGateway = region.gateway !== undefined;
    if (options.useHubGateway === true && !hasGateway) {
      throw new ConnectivityValidationError(
        this,
        `\`useHubGateway\` is true but the hub of region '${region.location}' has no VPN gateway` +
          (region.hubVnet
            ? ": give the region `gateway: {}`"
            : ": declare the existing hub's gateway (VpnGateway.fromAttributes with `vnet`) before the region"),
      );
    }
    this.spokeName = options.name;
    this.environment = options.environment;
    this.region = region;
    this.usesHubGateway = hasGateway && options.useHubGateway !== false;
    this.vnet = new Vnet(this, "Vnet", {
      name: options.vnetName ?? `vnet-${options.name}`,
      resourceGroupName: options.resourceGroupName ?? region.spokeResourceGroupName,
      location: region.location,
      addressPool: { pool: pattern.pool, size: options.size ?? pattern.spokeSize },
      subnets: options.subnets ?? [...pattern.spokeSubnets],
      tags: options.tags ?? pattern.tags,
      provider: options.provider,
    });
    this.peering = new VnetPeering(this, "HubPeering", {
      local: region.hub,
      remote: this.vnet,
      localToRemote: { allowGatewayTransit: hasGateway },
      remoteToLocal: { useRemoteGateways: this.usesHubGateway },
    });
    region._addSpoke(this);

    if (pattern.environmentsApart && this.environment !== undefined) {
      pattern._addToEnvironment(this.environment, this.vnet);
    }
    if (pattern.spokesReachSites) {
      for (const site of region.sites) this._mustReach(site);
    }
  }

  /** Declares that the spoke reaches a site of its region, when it uses the hub's gateway. @internal */
  public _mustReach(site: LocalSite): void {
    if (!this.usesHubGateway) return;
    ReachabilityIntents.mustReach(this, this.vnet, site, "spokes reach on-premises through their hub");
  }
}
