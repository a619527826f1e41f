/**
 * The connectivity graph: which links the model's resources make and what state each is in, derived
 * once per model. `AddressSpace.NoOverlap`, the peering and connection rules and the reachability
 * analysis all read it, so "connected", "one-sided" and "refused by Azure" mean the same everywhere.
 *
 * - A peering is one resource per direction. A pair of networks with a peering either way is a
 *   peering link: up when both directions exist and allow virtual network access, down when one
 *   direction is missing (it stays Initiated) or access is off.
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#create-a-peering
 * - Azure refuses a peering whose remote address space overlaps the local network's: such a link is
 *   refused and never carries traffic. Two networks peered with one hub whose spaces overlap each other
 *   are refused too, whichever peering is created second: both links are then unknown.
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints
 * - VNet-to-VNet: one connection per direction; the link is up only when both exist. Two gateways joined
 *   by IPsec connections to sites that stand for each other form such a link too.
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
 * - Site-to-site: an IPsec connection from a gateway to a site (a local network gateway). Without BGP
 *   on the connection the gateway routes to the site only the prefixes listed in the local network
 *   gateway's address space ("if it doesn't use BGP, enter every required address prefix"): a site
 *   that lists none and is reached without BGP gets no traffic. With BGP the routes are learned from the
 *   device, whatever the address space lists.
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#lng
 *   @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 * - Gateway transit: a spoke whose peering sets `use_remote_gateways`, while the hub's peering sets
 *   `allow_gateway_transit` and the peering carries traffic, uses the hub's VPN gateway.
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 *
 * Cost: linear in the links, plus a sort-and-sweep per hub for the overlap of its peers.
 */
import { Prefix, Tagged, contains, findOverlaps, overlaps } from "../core/cidr";
import {
  ConnectionM,
  GatewayM,
  NetworkM,
  NetworkModel,
  PeeringM,
  SiteM,
  Spaces,
  Unknown,
  isUnknown,
} from "./model";
import { SeenPrefix, describeSeen, translate } from "./nat-translate";

/** Why a link does not carry traffic, or may not. */
export type LinkCode =
  | "one-sided-peering"
  | "access-disabled"
  | "managed-elsewhere"
  | "unknown-value"
  | "v2v-missing-direction"
  | "refused-overlap"
  | "overlap"
  | "site-without-prefixes";

/** The state of a link. */
export interface LinkState {
  /** Whether the link carries traffic. */
  readonly state: "up" | "down" | "unknown";
  /** Why not, or why it may not. */
  readonly code?: LinkCode;
  /** The reason in words. */
  readonly reason?: string;
  /** The change that would make it carry traffic, when there is one. */
  readonly fix?: string;
  /** The rule whose finding reports the same fact (`AddressSpace.NoOverlap` for a refused peering). */
  readonly rule?: string;
}

/** Yes, no, or not known before apply. */
export type Tri = "yes" | "unknown" | "no";
const rank: Record<Tri, number> = { no: 0, unknown: 1, yes: 2 };
/** The weaker of two answers. */
export const worst = (a: Tri, b: Tri): Tri => (rank[a] <= rank[b] ? a : b);

/** Two networks joined by peerings (either direction). `x.key < y.key`. */
export interface PeeringLink {
  /** The network with the smaller key. */
  readonly x: NetworkM;
  /** The other network. */
  readonly y: NetworkM;
  /** x -> y peerings, y -> x peerings (sorted by path). */
  readonly xy: PeeringM[];
  /** y -> x peerings (sorted by path). */
  readonly yx: PeeringM[];
  /** Whether the link carries traffic. */
  state: LinkState;
  /** The end whose peering sets `use_remote_gateways` (flags only; the hub's gateway is checked by attachments). */
  readonly transitSpoke?: NetworkM;
}

/** Two gateways joined by VNet-to-VNet connections (or IPsec connections to sites standing for each other). */
export interface GatewayLink {
  /** The gateway with the smaller key. */
  readonly g: GatewayM;
  /** The other gateway. */
  readonly h: GatewayM;
  /** Connections from g to h. */
  readonly gh: ConnectionM[];
  /** Connections from h to g. */
  readonly hg: ConnectionM[];
  /** Joined by IPsec connections to sites that stand for the other gateway (not `Vnet2Vnet`). */
  ipsec: boolean;
  /** Whether the link carries traffic. */
  state: LinkState;
  /** BGP on both gateways and on a connection each way. */
  bgp: boolean;
}

/** A site-to-site connection from a gateway to a site. */
export interface SiteLink {
  /** The IPsec connection. */
  readonly connection: ConnectionM;
  /** Its gateway. */
  readonly gateway: GatewayM;
  /** Its site. */
  readonly site: SiteM;
  /** BGP on the connection and its gateway. */
  readonly bgp: boolean;
  /** Whether it carries traffic to all of the site's prefixes. */
  state: LinkState;
}

/** A network's use of a VPN gateway: its own, or a hub's through gateway transit. */
export interface Attachment {
  /** The network that uses the gateway. */
  readonly network: NetworkM;
  /** The gateway it uses. */
  readonly gateway: GatewayM;
  /** The peering link through which a spoke uses the gateway; absent for the gateway's own network. */
  readonly via?: PeeringLink;
  /** Whether it uses it: yes, or unknown when a flag or the peering is unknown at synth. */
  readonly status: Tri;
  /** Why it is unknown, when it is. */
  readonly reason?: string;
}

/** A peered spoke that does not use its hub's gateway, and why. */
export interface NotTransit {
  /** The peering link between spoke and hub. */
  readonly link: PeeringLink;
  /** The spoke. */
  readonly spoke: NetworkM;
  /** The hub with a gateway. */
  readonly hub: NetworkM;
  /** Why the spoke does not use the gateway. */
  readonly code: LinkCode | "transit-not-enabled";
  /** The reason in words. */
  readonly why: string;
  /** How to make it use the gateway. */
  readonly fix: string;
}

/** A connection the graph cannot place, and which of its parts cannot be resolved. */
export interface UnresolvedConnection {
  /** The connection. */
  readonly connection: ConnectionM;
  /** Which part cannot be resolved. */
  readonly part: "gateway" | "type" | "peer-gateway" | "site" | "nat";
}

/** A direct overlap between the two ends of a link. */
export interface LinkOverlap {
  /** The prefix of one end. */
  readonly a: SeenPrefix;
  /** The overlapping prefix of the other end. */
  readonly b: SeenPrefix;
}

/** The connectivity graph of a model. */
export interface ConnectivityGraph {
  /** Every pair of networks joined by a peering (either direction), sorted. */
  readonly peeringLinks: readonly PeeringLink[];
  /** The peering link between two networks, by key. */
  peeringLink(a: string, b: string): PeeringLink | undefined;
  /** A network's peering links, by the other network's key. */
  peersOf(network: string): ReadonlyMap<string, PeeringLink>;
  /** Peerings whose local or remote network cannot be resolved. */
  readonly unresolvedPeerings: readonly PeeringM[];
  /**
   * Whether a peering whose networks cannot be resolved at synth may be the reverse of the peering from
   * `local` to `remote` (one from `remote`, one towards `local`, or one with neither end known).
   */
  mayHaveUnresolvedReverse(local: string, remote: string): boolean;
  /** Peerings that use the remote network's gateways (`use_remote_gateways = true`), by the remote (hub) key. */
  transitPeerings(hub: string): readonly PeeringM[];

  /** Every pair of gateways joined by VNet-to-VNet connections. */
  readonly gatewayLinks: readonly GatewayLink[];
  /** The VNet-to-VNet link between two gateways, by key. */
  gatewayLink(g: string, h: string): GatewayLink | undefined;
  /** A gateway's VNet-to-VNet links, by the other gateway's key. */
  gatewayLinksOf(g: string): ReadonlyMap<string, GatewayLink>;
  /** Every site-to-site connection to a site of the configuration. */
  readonly siteLinks: readonly SiteLink[];
  /** Connections whose other end, type or NAT rules cannot be resolved at synth. */
  readonly unresolvedConnections: readonly UnresolvedConnection[];
  /** Site-to-site links to a site, by its key. */
  siteLinksTo(site: string): readonly SiteLink[];

  /** A network's gateways: its own and those it uses through gateway transit. */
  attachments(network: string): readonly Attachment[];
  /** Spokes peered with a hub that do not use its gateway, by the hub's key. */
  notTransit(hub: string): readonly NotTransit[];
  /** Networks or gateways with a link whose other end cannot be resolved, and why. */
  readonly unresolved: ReadonlyMap<string, string>;
  /** True for VPN gateways and gateways whose type is not known (ExpressRoute gateways are not modelled). */
  isVpn(g: GatewayM): boolean;
  /** BGP on a connection and its gateway. */
  bgpOn(c: ConnectionM): boolean;
  /** The direct overlaps between the ends of a peering link (the peered subnets for subnet-level peering). */
  overlapsOf(link: PeeringLink): readonly LinkOverlap[] | Unknown;
}

const graphs = new WeakMap<NetworkModel, ConnectivityGraph>();

/** The connectivity graph of a model, derived once per model object. Pure: reads the model only. */
export function connectivityGraph(model: NetworkModel): ConnectivityGraph {
  let g = graphs.get(model);
  if (!g) {
    g = new Graph(model);
    graphs.set(model, g);
  }
  return g;
}

function byPath<T extends { path: string }>(list: readonly T[]): T[] {
  return [...list].sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}

/** `gateway vgw-hub` name for messages. */
export function gatewayName(g: GatewayM): string {
  return typeof g.name === "string" ? g.name : g.path;
}

/** One list of seen prefixes per address space, shared by every link and rule that shows it (never changed). */
const seenLists = new WeakMap<Spaces, SeenPrefix[] | Unknown>();

/**
 * An address space as a list of seen prefixes without NAT (or why it is unknown). The same list object
 * for the same space: at scale a hub's links show each spoke's space many times.
 */
export function seenOf(spaces: Spaces): SeenPrefix[] | Unknown {
  let seen = seenLists.get(spaces);
  if (!seen) {
    seen = spaces.known ? spaces.prefixes.map((prefix) => ({ prefix })) : { unknown: spaces.why };
    seenLists.set(spaces, seen);
  }
  return seen;
}

/** Whether any peering of either direction of the link matches. */
function anyPeering(link: PeeringLink, test: (p: PeeringM) => boolean): PeeringM | undefined {
  for (let i = 0; i < link.xy.length; i++) if (test(link.xy[i])) return link.xy[i];
  for (let i = 0; i < link.yx.length; i++) if (test(link.yx[i])) return link.yx[i];
  return undefined;
}

/** The prefixes of the named subnets of a network (subnet-level peering). */
export function subnetPrefixes(n: NetworkM, names: PeeringM["localSubnetNames"]): SeenPrefix[] | Unknown {
  if (names === undefined) return { unknown: `no subnet names are given for ${n.label}` };
  if (isUnknown(names)) return { unknown: `the peered subnet names of ${n.label} are ${names.unknown}` };
  const out: SeenPrefix[] = [];
  for (const name of names) {
    const sub = n.subnets.find(
      (s) => typeof s.name === "string" && s.name.toLowerCase() === name.toLowerCase(),
    );
    if (!sub) return { unknown: `subnet ${name} of ${n.label} is not declared in the app` };
    if (!sub.prefixes.known) return { unknown: sub.prefixes.why };
    out.push(...sub.prefixes.prefixes.map((prefix) => ({ prefix })));
  }
  return out;
}

/** The prefixes of each end of a peering link that meet: whole spaces, or the peered subnets. */
export function peeredPrefixes(
  link: PeeringLink,
): { x: SeenPrefix[] | Unknown; y: SeenPrefix[] | Unknown } | Unknown {
  const unknownFlag = anyPeering(link, (p) => isUnknown(p.completeNetworks));
  if (unknownFlag) {
    return {
      unknown: `whether peering ${unknownFlag.path} is subnet-level is ${(unknownFlag.completeNetworks as Unknown).unknown}`,
    };
  }
  const sub = anyPeering(link, (p) => p.completeNetworks === false);
  if (!sub) return { x: seenOf(link.x.spaces), y: seenOf(link.y.spaces) };
  const localIsX = sub.local === link.x;
  const local = subnetPrefixes(sub.local!, sub.localSubnetNames);
  const remote = subnetPrefixes(sub.remote!, sub.remoteSubnetNames);
  return localIsX ? { x: local, y: remote } : { x: remote, y: local };
}

class Graph implements ConnectivityGraph {
  public readonly peeringLinks: PeeringLink[] = [];
  public readonly unresolvedPeerings: PeeringM[] = [];
  /** The known ends of the unresolved peerings: their local networks, their remote networks. */
  private readonly unresolvedFrom = new Set<string>();
  private readonly unresolvedTowards = new Set<string>();
  private unresolvedBoth = false;
  public readonly gatewayLinks: GatewayLink[] = [];
  public readonly siteLinks: SiteLink[] = [];
  public readonly unresolvedConnections: UnresolvedConnection[] = [];
  public readonly unresolved = new Map<string, string>();

  private readonly peers = new Map<string, Map<string, PeeringLink>>();
  private readonly transit = new Map<string, PeeringM[]>();
  private readonly v2v = new Map<string, Map<string, GatewayLink>>();
  private readonly toSite = new Map<string, SiteLink[]>();
  private readonly attached = new Map<string, Attachment[]>();
  private readonly notTransitOf = new Map<string, NotTransit[]>();
  private readonly overlapCache = new Map<PeeringLink, readonly LinkOverlap[] | Unknown>();

  constructor(model: NetworkModel) {
    this.addPeerings(model);
    this.addConnections(model);
    this.addAttachments(model);
  }

  // --- queries -----------------------------------------------------------------------------------

  public peeringLink(a: string, b: string): PeeringLink | undefined {
    return this.peers.get(a)?.get(b);
  }
  public peersOf(network: string): ReadonlyMap<string, PeeringLink> {
    return this.peers.get(network) ?? new Map();
  }
  public mayHaveUnresolvedReverse(local: string, remote: string): boolean {
    return this.unresolvedBoth || this.unresolvedFrom.has(remote) || this.unresolvedTowards.has(local);
  }
  public transitPeerings(hub: string): readonly PeeringM[] {
    return this.transit.get(hub) ?? [];
  }
  public gatewayLink(g: string, h: string): GatewayLink | undefined {
    return this.v2v.get(g)?.get(h);
  }
  public gatewayLinksOf(g: string): ReadonlyMap<string, GatewayLink> {
    return this.v2v.get(g) ?? new Map();
  }
  public siteLinksTo(site: string): readonly SiteLink[] {
    return this.toSite.get(site) ?? [];
  }
  public attachments(network: string): readonly Attachment[] {
    return this.attached.get(network) ?? [];
  }
  public notTransit(hub: string): readonly NotTransit[] {
    return this.notTransitOf.get(hub) ?? [];
  }
  public isVpn(g: GatewayM): boolean {
    return typeof g.type !== "string" || g.type.toLowerCase() === "vpn";
  }
  public bgpOn(c: ConnectionM): boolean {
    return c.bgpEnabled === true && c.gateway?.bgpEnabled === true;
  }

  public overlapsOf(link: PeeringLink): readonly LinkOverlap[] | Unknown {
    let cached = this.overlapCache.get(link);
    if (cached === undefined) {
      cached = directOverlaps(link);
      this.overlapCache.set(link, cached);
    }
    return cached;
  }

  // --- peerings ----------------------------------------------------------------------------------

  private addPeerings(model: NetworkModel): void {
    const peerings = byPath(model.peerings);
    for (let i = 0; i < peerings.length; i++) {
      const p = peerings[i];
      if (!p.local || !p.remote) {
        this.unresolvedPeerings.push(p);
        if (p.local) this.unresolvedFrom.add(p.local.key);
        else if (p.remote) this.unresolvedTowards.add(p.remote.key);
        else this.unresolvedBoth = true;
        const known = p.local ?? p.remote;
        const what = p.local ? `remote network (${p.remoteExpr})` : `local network (${p.localExpr})`;
        if (known)
          this.unresolved.set(known.key, `peering ${p.path}: its ${what} cannot be resolved at synth`);
        continue;
      }
      if (p.useRemoteGateways === true) {
        const list = this.transit.get(p.remote.key) ?? [];
        list.push(p);
        this.transit.set(p.remote.key, list);
      }
      if (p.local === p.remote) continue;
      const link = this.peeringPair(p.local, p.remote);
      (link.x === p.local ? link.xy : link.yx).push(p);
    }
    for (let i = 0; i < this.peeringLinks.length; i++) {
      const link = this.peeringLinks[i];
      (link as { transitSpoke?: NetworkM }).transitSpoke = link.xy.some((p) => p.useRemoteGateways === true)
        ? link.x
        : link.yx.some((p) => p.useRemoteGateways === true)
          ? link.y
          : undefined;
      link.state = this.refusal(link) ?? peeringState(link);
    }
    this.markHubConflicts();
    // x.key < y.key: the pair's order is its x key, then its y key (no string built per comparison).
    this.peeringLinks.sort((p, q) =>
      p.x.key < q.x.key ? -1 : p.x.key > q.x.key ? 1 : p.y.key < q.y.key ? -1 : p.y.key > q.y.key ? 1 : 0,
    );
  }

  private peeringPair(a: NetworkM, b: NetworkM): PeeringLink {
    const x = a.key < b.key ? a : b;
    const y = x === a ? b : a;
    let m = this.peers.get(x.key);
    if (!m) this.peers.set(x.key, (m = new Map()));
    let link = m.get(y.key);
    if (!link) {
      link = { x, y, xy: [], yx: [], state: { state: "unknown" } };
      m.set(y.key, link);
      let n = this.peers.get(y.key);
      if (!n) this.peers.set(y.key, (n = new Map()));
      n.set(x.key, link);
      this.peeringLinks.push(link);
    }
    return link;
  }

  /** Azure refuses a peering between overlapping address spaces: the link never carries traffic. */
  private refusal(link: PeeringLink): LinkState | undefined {
    const found = this.overlapsOf(link);
    if (isUnknown(found) || found.length === 0) return undefined;
    const o = found[0];
    return {
      state: "down",
      code: "refused-overlap",
      rule: "AddressSpace.NoOverlap",
      reason: `Azure refuses this peering: network ${link.x.label} (${describeSeen(o.a)}) and network ${link.y.label} (${describeSeen(o.b)}) overlap (AddressSpace.NoOverlap)`,
      fix: `give network ${link.x.label} or network ${link.y.label} an address space that does not overlap the other's, or peer only non-overlapping subnets`,
    };
  }

  /**
   * Two networks peered with one hub whose peered spaces overlap each other: Azure refuses the peering
   * created second, so neither link can be said to carry traffic.
   */
  private markHubConflicts(): void {
    for (const [hubKey, links] of this.peers) {
      if (links.size < 2) continue;
      const items: Tagged<PeeringLink>[] = [];
      links.forEach((link) => {
        if (link.state.code === "refused-overlap") return;
        const ends = peeredPrefixes(link);
        if (isUnknown(ends)) return;
        const other = link.x.key === hubKey ? ends.y : ends.x;
        if (isUnknown(other)) return;
        for (let i = 0; i < other.length; i++) items.push({ prefix: other[i].prefix, tag: link });
      });
      for (const [a, b] of findOverlaps(items, (p, q) => p === q)) {
        for (const link of [a.tag, b.tag]) {
          if (link.state.state === "down") continue;
          const hub = link.x.key === hubKey ? link.x : link.y;
          link.state = {
            state: "unknown",
            code: "refused-overlap",
            rule: "AddressSpace.NoOverlap",
            reason: `${a.prefix.text} (network ${otherEnd(a.tag, hubKey).label}) and ${b.prefix.text} (network ${otherEnd(b.tag, hubKey).label}) overlap and are both peered with network ${hub.label}: Azure refuses whichever of the two peerings is created second (AddressSpace.NoOverlap)`,
          };
        }
      }
    }
  }

  // --- connections -------------------------------------------------------------------------------

  private addConnections(model: NetworkModel): void {
    for (const c of byPath(model.connections)) {
      const g = c.gateway;
      if (!g) {
        this.unresolvedConnections.push({ connection: c, part: "gateway" });
        continue;
      }
      if (isUnknown(c.type)) {
        this.unresolvedConnections.push({ connection: c, part: "type" });
        this.unresolved.set(g.key, `the type of connection ${c.path} is ${c.type.unknown}`);
        continue;
      }
      if (c.type === "Vnet2Vnet") {
        const h = c.peerGateway;
        if (!h) {
          this.unresolvedConnections.push({ connection: c, part: "peer-gateway" });
          this.unresolved.set(
            g.key,
            `VNet-to-VNet connection ${c.path}: its peer gateway (${c.peerExpr ?? "(not set)"}) cannot be resolved at synth`,
          );
          continue;
        }
        if (h === g) continue;
        const link = this.gatewayPair(g, h);
        (link.g === g ? link.gh : link.hg).push(c);
      } else if (c.type === "IPsec") {
        if (!c.site) {
          this.unresolvedConnections.push({ connection: c, part: "site" });
          this.unresolved.set(
            g.key,
            `site-to-site connection ${c.path}: its site (${c.siteExpr ?? "(not set)"}) cannot be resolved at synth`,
          );
          continue;
        }
        if (c.unresolvedNat.length > 0) this.unresolvedConnections.push({ connection: c, part: "nat" });
        const proxy = c.site.standsFor;
        if (proxy) {
          if (proxy === g) continue;
          const link = this.gatewayPair(g, proxy);
          link.ipsec = true;
          (link.g === g ? link.gh : link.hg).push(c);
          continue;
        }
        const link: SiteLink = {
          connection: c,
          gateway: g,
          site: c.site,
          bgp: this.bgpOn(c),
          state: siteLinkState(c, g, c.site, this.bgpOn(c)),
        };
        this.siteLinks.push(link);
        const list = this.toSite.get(c.site.key) ?? [];
        list.push(link);
        this.toSite.set(c.site.key, list);
      }
    }
    for (const link of this.gatewayLinks) {
      link.state = gatewayLinkState(link);
      link.bgp =
        link.gh.some((c) => this.bgpOn(c)) &&
        link.hg.some((c) => this.bgpOn(c)) &&
        link.g.bgpEnabled === true &&
        link.h.bgpEnabled === true;
    }
  }

  private gatewayPair(a: GatewayM, b: GatewayM): GatewayLink {
    const [g, h] = a.key < b.key ? [a, b] : [b, a];
    let m = this.v2v.get(g.key);
    if (!m) this.v2v.set(g.key, (m = new Map()));
    let link = m.get(h.key);
    if (!link) {
      link = { g, h, gh: [], hg: [], ipsec: false, state: { state: "unknown" }, bgp: false };
      m.set(h.key, link);
      let n = this.v2v.get(h.key);
      if (!n) this.v2v.set(h.key, (n = new Map()));
      n.set(g.key, link);
      this.gatewayLinks.push(link);
    }
    return link;
  }

  // --- gateway transit ---------------------------------------------------------------------------

  private attach(a: Attachment): void {
    const list = this.attached.get(a.network.key) ?? [];
    list.push(a);
    this.attached.set(a.network.key, list);
  }

  private addAttachments(model: NetworkModel): void {
    for (const g of model.gateways) {
      if (!this.isVpn(g) || !g.network) continue;
      this.attach({ network: g.network, gateway: g, status: "yes" });
    }
    for (let k = 0; k < this.peeringLinks.length; k++) {
      const link = this.peeringLinks[k];
      // Each end in turn as the spoke (no tuple built or destructured per link: a hub has thousands).
      for (let i = 0; i < 2; i++) {
        const spoke = i === 0 ? link.x : link.y;
        const hub = i === 0 ? link.y : link.x;
        const out = i === 0 ? link.xy : link.yx;
        const back = i === 0 ? link.yx : link.xy;
        if (hub.gateways.length === 0 || out.length === 0) continue;
        const hubGws = hub.gateways.filter((g) => this.isVpn(g));
        if (hubGws.length === 0) continue;
        const usesFlag = flag(out, (p) => p.useRemoteGateways);
        const allowsFlag = flag(back, (p) => p.allowGatewayTransit);
        const peer: Tri =
          link.state.state === "up" ? "yes" : link.state.state === "unknown" ? "unknown" : "no";
        const status = worst(worst(usesFlag, allowsFlag), peer);
        if (status === "no") {
          const outPath = out[0].path;
          const peeringDown = link.state.state === "down";
          const why = peeringDown
            ? `the peering between network ${spoke.label} and network ${hub.label} carries no traffic (${link.state.reason})`
            : usesFlag === "no"
              ? `peering ${outPath} of network ${spoke.label} does not set use_remote_gateways, so ${spoke.label} does not use the gateway of network ${hub.label}`
              : `network ${spoke.label} sets use_remote_gateways, but ${back.length > 0 ? `peering ${back[0].path} of network ${hub.label} does not set allow_gateway_transit` : `network ${hub.label} has no peering back`}, so ${spoke.label} does not use the gateway of ${hub.label}`;
          const transitFix = `set use_remote_gateways = true on peering ${outPath} and allow_gateway_transit = true on the peering from ${hub.label} back to ${spoke.label} (gateway transit)`;
          const fix = peeringDown
            ? `${link.state.fix}${usesFlag === "yes" && allowsFlag === "yes" ? "" : `, and ${transitFix}`}`
            : `${transitFix}, or give ${spoke.label} its own link`;
          const list = this.notTransitOf.get(hub.key) ?? [];
          list.push({
            link,
            spoke,
            hub,
            code: peeringDown ? link.state.code! : "transit-not-enabled",
            why,
            fix,
          });
          this.notTransitOf.set(hub.key, list);
          continue;
        }
        for (const g of hubGws) {
          this.attach({
            network: spoke,
            gateway: g,
            via: link,
            status,
            reason:
              status === "unknown"
                ? `whether network ${spoke.label} uses the gateway of network ${hub.label} is not known at synth (${link.state.reason ?? "use_remote_gateways / allow_gateway_transit are unknown"})`
                : undefined,
          });
        }
      }
    }
  }
}

/** Yes when a peering sets the flag, else unknown when one's flag is unknown, else no. */
function flag(peerings: readonly PeeringM[], of: (p: PeeringM) => boolean | Unknown | undefined): Tri {
  let unknown = false;
  for (let i = 0; i < peerings.length; i++) {
    const v = of(peerings[i]);
    if (v === true) return "yes";
    if (isUnknown(v)) unknown = true;
  }
  return unknown ? "unknown" : "no";
}

function otherEnd(link: PeeringLink, key: string): NetworkM {
  return link.x.key === key ? link.y : link.x;
}

function directOverlaps(link: PeeringLink): readonly LinkOverlap[] | Unknown {
  const ends = peeredPrefixes(link);
  if (isUnknown(ends)) return ends;
  if (isUnknown(ends.x)) return ends.x;
  if (isUnknown(ends.y)) return ends.y;
  const out: LinkOverlap[] = [];
  const xs = ends.x;
  const ys = ends.y;
  for (let i = 0; i < xs.length; i++)
    for (let j = 0; j < ys.length; j++)
      if (overlaps(xs[i].prefix, ys[j].prefix)) out.push({ a: xs[i], b: ys[j] });
  return out;
}

function peeringState(link: PeeringLink): LinkState {
  const { x, y, xy, yx } = link;
  if (xy.length === 0 || yx.length === 0) {
    const from = xy.length > 0 ? x : y;
    const to = xy.length > 0 ? y : x;
    const one = xy.length > 0 ? xy[0] : yx[0];
    if (to.kind !== "resource") {
      return {
        state: "unknown",
        code: "managed-elsewhere",
        reason: `peering ${one.path} goes from network ${from.label} to network ${to.label}, which this app does not create: whether its peering back exists cannot be seen here`,
      };
    }
    return {
      state: "down",
      code: "one-sided-peering",
      reason: `peering ${one.path} goes from network ${from.label} to network ${to.label}, but there is no peering back from ${to.label} to ${from.label}: a one-sided peering stays Initiated and carries no traffic`,
      fix: `add the peering from network ${to.label} to network ${from.label} (VnetPeering creates both directions unless createReverse is false)`,
    };
  }
  const p = anyPeering(link, (q) => q.allowAccess === false);
  if (p) {
    return {
      state: "down",
      code: "access-disabled",
      reason: `peering ${p.path} sets allow_virtual_network_access = false, which blocks traffic between network ${p.local!.label} and network ${p.remote!.label}`,
      fix: `set allow_virtual_network_access = true on peering ${p.path}`,
    };
  }
  const unknownAccess = anyPeering(link, (p) => isUnknown(p.allowAccess));
  if (unknownAccess) {
    return {
      state: "unknown",
      code: "unknown-value",
      reason: `allow_virtual_network_access of peering ${unknownAccess.path} is ${(unknownAccess.allowAccess as Unknown).unknown}`,
    };
  }
  return { state: "up" };
}

function gatewayLinkState(link: GatewayLink): LinkState {
  if (link.gh.length > 0 && link.hg.length > 0) return { state: "up" };
  const [from, to, one] = link.gh.length > 0 ? [link.g, link.h, link.gh[0]] : [link.h, link.g, link.hg[0]];
  const far = to.network ? `network ${to.network.label}` : `gateway ${gatewayName(to)}`;
  if (link.ipsec) {
    return {
      state: "down",
      code: "v2v-missing-direction",
      reason: `IPsec connection ${one.path} goes from gateway ${gatewayName(from)} to a site standing for gateway ${gatewayName(to)}, but there is no connection back: gateways joined over IPsec need a connection on each side`,
      fix: `add the IPsec connection from gateway ${gatewayName(to)} (${far}) to a site standing for gateway ${gatewayName(from)}, with the same shared key (VnetToVnetIpsecConnection creates both)`,
    };
  }
  return {
    state: "down",
    code: "v2v-missing-direction",
    reason: `VNet-to-VNet connection ${one.path} goes from gateway ${gatewayName(from)} to gateway ${gatewayName(to)}, but there is no connection back: a VNet-to-VNet link needs a connection in each direction`,
    fix: `add the VNet-to-VNet connection from gateway ${gatewayName(to)} (${far}) to gateway ${gatewayName(from)}, with the same shared key (VnetToVnetConnection creates both)`,
  };
}

/**
 * Across a site-to-site connection a network reaches the site's prefixes that do not overlap its own:
 * routes to prefixes of the network itself stay in the network. Any such overlap makes the answer
 * unknown (part of the site, or all of it, is out of reach). Undefined when nothing overlaps.
 */
export function overlapWithSite(n: NetworkM, c: ConnectionM, site: SiteM): LinkState | undefined {
  if (!n.spaces.known || !site.spaces.known || c.unresolvedNat.length > 0) return undefined;
  const seen = translate(site.spaces.prefixes, c.ingressNat);
  if (isUnknown(seen)) return undefined;
  let first: { s: SeenPrefix; own: Prefix } | undefined;
  let all = seen.length > 0;
  for (const s of seen) {
    const own = n.spaces.prefixes.find((p: Prefix) => overlaps(p, s.prefix));
    if (own) first ??= { s, own };
    if (!n.spaces.prefixes.some((p) => contains(p, s.prefix))) all = false;
  }
  if (!first) return undefined;
  const fix = `change one side's address space, or translate the site's with an IngressSnat NAT rule on connection ${c.path}`;
  const what = `site ${site.label} (${describeSeen(first.s)}) overlaps network ${n.label} (${first.own.text}) across connection ${c.path}`;
  return all
    ? {
        state: "down",
        code: "overlap",
        rule: "AddressSpace.NoOverlap",
        reason: `${what}: every address of the site, as the network sees it, is one of the network's own, so traffic for it stays in the network (AddressSpace.NoOverlap)`,
        fix,
      }
    : {
        state: "unknown",
        code: "overlap",
        rule: "AddressSpace.NoOverlap",
        reason: `${what}: traffic for the overlapping addresses stays in the network (AddressSpace.NoOverlap)`,
        fix,
      };
}

function siteLinkState(c: ConnectionM, g: GatewayM, site: SiteM, bgp: boolean): LinkState {
  if (!bgp && site.spaces.known && site.spaces.prefixes.length === 0) {
    return {
      state: "down",
      code: "site-without-prefixes",
      reason: `site ${site.label} lists no address space and connection ${c.path} does not run BGP: without BGP the gateway routes to a site only the prefixes its local network gateway lists, so nothing is routed to it`,
      fix: `enable BGP on connection ${c.path} and its gateway (the site has ${site.bgp ? "BGP settings" : "no BGP settings yet"}), or list the site's prefixes in its address_space`,
    };
  }
  return (g.network && overlapWithSite(g.network, c, site)) || { state: "up" };
}
