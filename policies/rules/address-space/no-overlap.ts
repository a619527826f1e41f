import { Tagged, findOverlaps, overlaps } from "../../../core/cidr";
import { ConnectionM, NetworkM, NetworkModel, PeeringM, SiteM, Spaces, isUnknown, show } from "../../model";
import { ConnectivityGraph, connectivityGraph, seenOf, subnetPrefixes } from "../../graph";
import { SeenPrefix, describeSeen, translate } from "../../nat-translate";
import { Outcome, Rule } from "../../rule";
import { Unknown } from "../../input/terraform-json";

/**
 * `AddressSpace.NoOverlap`: the effective address spaces of connected networks must not overlap.
 *
 * Connected: a peering (one-sided counts), a VNet-to-VNet connection, a site-to-site connection
 * (the VNet against the site's spaces), gateway transit (a spoke with `use_remote_gateways` reaches
 * what its hub's gateway connects), and two networks that are both connected to a third (a hub
 * peered with two overlapping spokes routes to both). Subnet-level peering compares only the peered
 * subnets. NAT rules on an IPsec connection translate first: EgressSnat rewrites the VNet side as
 * the site sees it, IngressSnat rewrites the site as the VNet side sees it; translated prefixes that
 * collide with each other or with networks reached without NAT are overlaps too.
 *
 * Azure refuses a peering between overlapping address spaces, and routes to a site or a peer whose
 * prefixes overlap the VNet's own are never used.
 *
 * Catalogue: LNG-ADDRSPACE-NO-OVERLAP-VNET, LNG-ADDRSPACE-NO-OVERLAP-SITES, V2V-NO-OVERLAP, NAT-EXTERNAL-NO-OVERLAP, NAT-BOTH-WHEN-OVERLAP, PEER-NO-OVERLAP, PEER-NO-OVERLAP-WITH-PEERS-OF-REMOTE, ADDR-VNET-CONNECTED-NO-OVERLAP.
 *
 * One case is a warning: a network peered without gateway transit whose space overlaps what the other
 * network reaches through its gateway (a site, a VNet-to-VNet peer). Peering is not transitive, so Azure
 * does not refuse it (azure-rules.md, 2026-12); the network in the middle has two routes to the
 * overlapping prefixes and reaches one side only.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-site-to-site-resource-manager-portal
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/virtual-network/how-to-configure-subnet-peering
 */
export const AddressSpaceNoOverlap: Rule = {
  id: "AddressSpace.NoOverlap",
  severity: "error",
  description:
    "Connected networks (peering, VNet-to-VNet, site-to-site, gateway transit, two peers of one hub) have overlapping effective address spaces, after NAT (a warning when a peer without gateway transit overlaps what the hub reaches through its gateway).",
  source:
    "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints",
  check: (model) => checkOverlaps(model),
};

interface Entity {
  readonly key: string;
  readonly kind: "network" | "site";
  readonly label: string;
  readonly spaces: Spaces;
}

/** How the owner of a view reaches another network or site. */
interface Member {
  readonly entity: Entity;
  /** The other side's prefixes as the owner sees them. */
  readonly seen: SeenPrefix[] | Unknown;
  /** The owner's prefixes that meet on this link, when not all of them (subnet-level peering). */
  readonly self?: SeenPrefix[] | Unknown;
  /** Construct path of the peering or connection that joins them. */
  readonly link: string;
  /** How the link is described in messages (with `throughHub`: see {@link howOf}). */
  readonly how: string;
  /**
   * Reached through gateway transit: the label of the hub whose gateway carries `how`'s connection to
   * this member (`link` is then the spoke's peering that uses the gateway). The sentence is made only
   * for a finding: at scale there are (connections x spokes) such members.
   */
  readonly throughHub?: string;
  readonly fix: string;
  /**
   * Reached over a peering without gateway transit (not transitive), over a peering where one side uses
   * the other's gateway, or through a gateway (a connection, or gateway transit from a far network).
   */
  readonly via: "peering" | "transit" | "gateway";
}

interface View {
  readonly owner: Entity;
  readonly members: Member[];
}

const PEERING_FIX =
  "give one of the networks an address space that does not overlap the other's, or peer only non-overlapping subnets (subnet-level peering); Azure refuses to peer overlapping address spaces.";
const IPSEC_FIX =
  "change one side's address space, or add NAT rules to the IPsec connection (EgressSnat for the VNet side, IngressSnat for the site) so that the translated spaces do not overlap.";
const V2V_FIX =
  "change one network's address space, or connect the gateways over IPsec with NAT rules instead (NAT is not supported on VNet-to-VNet connections).";
const TRANSIT_FIX =
  "change the spoke's address space, turn off use_remote_gateways on the spoke's peering, or translate with NAT rules on the hub's IPsec connection.";

// One entity per network and site (and one list of seen prefixes per address space: the graph's
// seenOf), shared by every link that reaches it: a hub's site connections reach each of its spokes
// through gateway transit, so the views hold (connections x spokes) members at scale; none of these
// values is changed after it is made.
const entities = new WeakMap<NetworkM | SiteM, Entity>();

function entity(x: NetworkM | SiteM, kind: Entity["kind"]): Entity {
  let e = entities.get(x);
  if (!e) {
    e = { key: x.key, kind, label: `${kind} ${x.label}`, spaces: x.spaces };
    entities.set(x, e);
  }
  return e;
}
const networkEntity = (n: NetworkM): Entity => entity(n, "network");
const siteEntity = (s: SiteM): Entity => entity(s, "site");

function natSeen(spaces: Spaces, rules: Parameters<typeof translate>[1]): SeenPrefix[] | Unknown {
  if (rules.length === 0) return seenOf(spaces);
  return spaces.known ? translate(spaces.prefixes, rules) : { unknown: spaces.why };
}

/**
 * Where {@link collect} puts what each network and site is connected to. The member is made only by a
 * sink that keeps it (`make`): the screen reads the entity and what the owner sees, and at scale there
 * are (connections x spokes) members, so the screen allocates none of them.
 */
interface Sink {
  /** Whether `add` keeps members (and so calls `make`): the screen does not. */
  readonly keepsMembers: boolean;
  add(
    owner: Entity,
    entity: Entity,
    seen: Member["seen"],
    self: Member["self"],
    make: () => Omit<Member, "entity" | "seen" | "self">,
  ): void;
}

/** What a link passes as `make` to a sink that keeps no member: never called. */
const NOT_KEPT = (): never => {
  throw new Error("internal: the overlap screen keeps no member");
};

class Views implements Sink {
  public readonly keepsMembers = true;
  private readonly views = new Map<string, View>();
  public add(
    owner: Entity,
    entity: Entity,
    seen: Member["seen"],
    self: Member["self"],
    make: () => Omit<Member, "entity" | "seen" | "self">,
  ): void {
    if (owner.key === entity.key) return;
    let v = this.views.get(owner.key);
    if (!v) {
      v = { owner, members: [] };
      this.views.set(owner.key, v);
    }
    v.members.push({ entity, seen, ...(self !== undefined ? { self } : {}), ...make() });
  }
  public all(): View[] {
    return [...this.views.values()];
  }
}

/**
 * Whether any view can hold something to report, found without building the views: every prefix any
 * network or site shows in any view (its own spaces as the owner of a view; what a member shows, NAT
 * applied), tagged with whose it is, in one sweep. A view reports only a pair of overlapping prefixes
 * of two different networks or sites, an unknown space, or a subnet-level peering (compared
 * separately), so when the sweep finds no such pair and no member is unknown or subnet-level, no view
 * reports anything. At scale the views repeat what they hold (each of a hub's sites sees all its
 * spokes): the sweep sees each network's prefixes once.
 */
class Screen implements Sink {
  public readonly keepsMembers = false;
  private readonly items: Tagged<string>[] = [];
  /** The seen lists already swept, with whose (one list is shared by every link that shows it). */
  private readonly swept = new Map<SeenPrefix[], Set<string>>();
  /** Something a view would report or note without an overlap: an unknown space, a subnet-level peering. */
  private mustLook = false;

  public add(owner: Entity, entity: Entity, seen: Member["seen"], self: Member["self"]): void {
    if (owner.key === entity.key) return;
    const own = seenOf(owner.spaces);
    if (isUnknown(own) || isUnknown(seen) || self !== undefined) {
      this.mustLook = true;
      return;
    }
    this.sweep(owner.key, own);
    this.sweep(entity.key, seen);
  }

  private sweep(key: string, seen: SeenPrefix[]): void {
    let whose = this.swept.get(seen);
    if (!whose) this.swept.set(seen, (whose = new Set()));
    if (whose.has(key)) return;
    whose.add(key);
    for (let i = 0; i < seen.length; i++) this.items.push({ prefix: seen[i].prefix, tag: key });
  }

  /** True when a view may report something: build the views and look. */
  public viewsMayReport(): boolean {
    if (this.mustLook) return true;
    return findOverlaps(this.items, (a, b) => a === b).length > 0;
  }
}

/** Each network's and site's view of what it is connected to, from the connectivity graph, into `views`. */
function collect<S extends Sink>(model: NetworkModel, out: Outcome, views: S): S {
  const graph = connectivityGraph(model);

  for (const p of graph.unresolvedPeerings) {
    out.cannotVerify(
      p.path,
      `address-space overlap across peering: its ${p.local ? "remote network" : "local network"} (${
        p.local ? p.remoteExpr : p.localExpr
      }) cannot be resolved at synth`,
    );
  }
  // Pairs of networks where one uses the other's gateway: the peer reaches what the gateway reaches.
  // (By network object: no key text is built per peering.)
  const transit = new Map<NetworkM, Set<NetworkM>>();
  const pairOf = (a: NetworkM, b: NetworkM) => {
    let s = transit.get(a);
    if (!s) transit.set(a, (s = new Set()));
    s.add(b);
  };
  for (let at = 0; at < model.peerings.length; at++) {
    const p = model.peerings[at];
    if (p.useRemoteGateways !== true || !p.local || !p.remote) continue;
    pairOf(p.local, p.remote);
    pairOf(p.remote, p.local);
  }
  // Every peering counts, one-sided ones too: Azure refuses to create an overlapping peering.
  // Indexed loops here and below: run once per check, over every peering and (connections x spokes)
  // links, in code not optimized yet, where each step of a for-of allocates.
  const add = (p: PeeringM) =>
    addPeering(p, views, out, transit.get(p.local!)?.has(p.remote!) ? "transit" : "peering");
  for (let i = 0; i < graph.peeringLinks.length; i++) {
    const link = graph.peeringLinks[i];
    for (let j = 0; j < link.xy.length; j++) add(link.xy[j]);
    for (let j = 0; j < link.yx.length; j++) add(link.yx[j]);
  }

  const unresolved = new Set<ConnectionM>();
  for (const { connection: c, part } of graph.unresolvedConnections) {
    unresolved.add(c);
    const what =
      part === "gateway"
        ? `address-space overlap across connection: its gateway's network (${c.gatewayExpr}) cannot be resolved at synth`
        : part === "type"
          ? `address-space overlap: the connection type is ${show(c.type)}`
          : part === "peer-gateway"
            ? `address-space overlap across VNet-to-VNet connection: the peer gateway's network (${c.peerExpr ?? "(not set)"}) cannot be resolved at synth`
            : part === "site"
              ? `address-space overlap across site-to-site connection: its site (${c.siteExpr ?? "(not set)"}) cannot be resolved at synth`
              : `address-space overlap across the connection: NAT rules ${c.unresolvedNat.join(", ")} cannot be resolved at synth`;
    out.cannotVerify(c.path, what);
  }
  const placed = (c: ConnectionM): NetworkM | undefined => {
    if (unresolved.has(c)) return undefined;
    if (!c.gateway?.network) {
      out.cannotVerify(
        c.path,
        `address-space overlap across connection: its gateway's network (${c.gatewayExpr}) cannot be resolved at synth`,
      );
      return undefined;
    }
    return c.gateway.network;
  };

  for (const link of graph.siteLinks) {
    const hub = placed(link.connection);
    if (hub) addSiteConnection(graph, link.connection, hub, link.site, views);
  }
  for (const link of graph.gatewayLinks) {
    for (const c of [...link.gh, ...link.hg]) {
      const hub = placed(c);
      if (!hub) continue;
      // Gateways joined over IPsec see each other as sites (with NAT): the site's declared spaces meet.
      if (link.ipsec) addSiteConnection(graph, c, hub, c.site!, views);
      else addVnetToVnet(graph, c, hub, views, out);
    }
  }
  return views;
}

/** How a member is reached, in words. */
function howOf(m: Member): string {
  return m.throughHub === undefined
    ? m.how
    : `gateway transit: peering ${m.link} uses the gateway of ${m.throughHub}, which has ${m.how}`;
}

function addPeering(p: PeeringM, views: Sink, out: Outcome, via: Member["via"]): void {
  const local = networkEntity(p.local!);
  const remote = networkEntity(p.remote!);
  if (isUnknown(p.completeNetworks)) {
    out.cannotVerify(
      p.path,
      `address-space overlap: whether the peering is subnet-level is ${p.completeNetworks.unknown}`,
    );
    return;
  }
  // Each network sees the other's spaces (or, peering subnets only, the peered subnets of both sides).
  const whole = p.completeNetworks;
  const localSeen = whole ? seenOf(local.spaces) : subnetPrefixes(p.local!, p.localSubnetNames);
  const remoteSeen = whole ? seenOf(remote.spaces) : subnetPrefixes(p.remote!, p.remoteSubnetNames);
  const make = () => ({ link: p.path, how: `peering ${p.path}`, fix: PEERING_FIX, via });
  views.add(local, remote, remoteSeen, whole ? undefined : localSeen, make);
  views.add(remote, local, localSeen, whole ? undefined : remoteSeen, make);
}

function addVnetToVnet(
  graph: ConnectivityGraph,
  c: ConnectionM,
  hub: NetworkM,
  views: Sink,
  out: Outcome,
): void {
  const far = c.peerGateway?.network;
  if (!far) {
    out.cannotVerify(
      c.path,
      `address-space overlap across VNet-to-VNet connection: the peer gateway's network (${c.peerExpr ?? "(not set)"}) cannot be resolved at synth`,
    );
    return;
  }
  const hubE = networkEntity(hub);
  const farE = networkEntity(far);
  const how = `VNet-to-VNet connection ${c.path}`;
  const direct = () => ({ link: c.path, how, fix: V2V_FIX, via: "gateway" as const });
  views.add(hubE, farE, seenOf(far.spaces), undefined, direct);
  views.add(farE, hubE, seenOf(hub.spaces), undefined, direct);
  const spokes = graph.transitPeerings(hub.key);
  for (let i = 0; i < spokes.length; i++) {
    const sp = spokes[i];
    const spoke = networkEntity(sp.local!);
    // (connections x spokes) links at scale: no closure where the sink keeps no member.
    const transit = views.keepsMembers
      ? () => ({ link: sp.path, how, throughHub: hubE.label, fix: TRANSIT_FIX, via: "gateway" as const })
      : NOT_KEPT;
    views.add(spoke, farE, seenOf(far.spaces), undefined, transit);
    views.add(farE, spoke, seenOf(spoke.spaces), undefined, transit);
  }
}

function addSiteConnection(
  graph: ConnectivityGraph,
  c: ConnectionM,
  hub: NetworkM,
  s: SiteM,
  views: Sink,
): void {
  if (c.unresolvedNat.length > 0) return;
  const hubE = networkEntity(hub);
  const site = siteEntity(s);
  const how = `site-to-site connection ${c.path}`;
  const siteSeen = natSeen(site.spaces, c.ingressNat);
  const direct = () => ({ link: c.path, how, fix: IPSEC_FIX, via: "gateway" as const });
  views.add(hubE, site, siteSeen, undefined, direct);
  views.add(site, hubE, natSeen(hub.spaces, c.egressNat), undefined, direct);
  const spokes = graph.transitPeerings(hub.key);
  for (let i = 0; i < spokes.length; i++) {
    const sp = spokes[i];
    const spoke = networkEntity(sp.local!);
    // (connections x spokes) links at scale: no closure where the sink keeps no member.
    const transit = views.keepsMembers
      ? () => ({ link: sp.path, how, throughHub: hubE.label, fix: TRANSIT_FIX, via: "gateway" as const })
      : NOT_KEPT;
    views.add(spoke, site, siteSeen, undefined, transit);
    views.add(site, spoke, natSeen(spoke.spaces, c.egressNat), undefined, transit);
  }
  // Other sites on the same gateway reach this one through it.
  for (const c2 of c.gateway!.connections) {
    if (c2 === c || c2.type !== "IPsec" || !c2.site || c2.site === c.site || c2.unresolvedNat.length > 0)
      continue;
    const other = siteEntity(c2.site);
    views.add(site, other, natSeen(other.spaces, c2.ingressNat), undefined, () => ({
      link: c2.path,
      how: `${hubE.label}'s gateway, which also has site-to-site connection ${c2.path}`,
      fix: IPSEC_FIX,
      via: "gateway" as const,
    }));
  }
}

/**
 * An item of a view's overlap sweep: a prefix as the owner sees it, tagged with the member it belongs
 * to (none for the owner's own prefixes). One object per item: a hub's sites see all its spokes.
 */
interface Item extends Tagged<Member | undefined> {
  readonly seen: SeenPrefix;
}

interface Candidate {
  readonly pair: string;
  readonly direct: boolean;
  /** A peer without gateway transit against what the middle network reaches through its gateway. */
  readonly warning?: boolean;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly values: Record<string, string>;
}

function pairKey(a: Entity, pa: SeenPrefix, b: Entity, pb: SeenPrefix): string {
  const x = `${a.key}|${pa.prefix.text}`;
  const y = `${b.key}|${pb.prefix.text}`;
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

function direct(owner: Entity, self: SeenPrefix, m: Member, other: SeenPrefix): Candidate {
  return {
    pair: pairKey(owner, self, m.entity, other),
    direct: true,
    path: m.link,
    message: `${owner.label} (${describeSeen(self)}) and ${m.entity.label} (${describeSeen(other)}) overlap and are connected by ${howOf(m)}.`,
    fix: capital(m.fix),
    values: {
      network: owner.label,
      prefix: self.prefix.text,
      otherNetwork: m.entity.label,
      otherPrefix: other.prefix.text,
    },
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function checkView(v: View, out: Outcome, candidates: Map<string, Candidate>): void {
  const ownerSeen = seenOf(v.owner.spaces);
  const items: Item[] = [];
  if (!isUnknown(ownerSeen))
    for (const seen of ownerSeen) items.push({ prefix: seen.prefix, tag: undefined, seen });
  const offer = (c: Candidate) => {
    const prev = candidates.get(c.pair);
    // Deterministic whatever the order the links were read in: direct first, errors before warnings,
    // then path, then message.
    const rank = (x: Candidate) => (x.direct ? 0 : 2) + (x.warning ? 1 : 0);
    if (
      !prev ||
      rank(c) < rank(prev) ||
      (rank(c) === rank(prev) && (c.path < prev.path || (c.path === prev.path && c.message < prev.message)))
    )
      candidates.set(c.pair, c);
  };
  for (const m of v.members) {
    if (isUnknown(m.seen)) {
      out.cannotVerify(
        m.link,
        `address-space overlap of ${v.owner.label} with ${m.entity.label}: ${m.seen.unknown}`,
      );
      continue;
    }
    for (const seen of m.seen) items.push({ prefix: seen.prefix, tag: m, seen });
    const self = m.self ?? ownerSeen;
    if (isUnknown(self)) {
      out.cannotVerify(
        m.link,
        `address-space overlap of ${v.owner.label} with ${m.entity.label}: ${self.unknown}`,
      );
      continue;
    }
    if (m.self) {
      // Subnet-level peering: only the peered subnets meet (few prefixes: compare them directly).
      for (const a of self)
        for (const b of m.seen) if (overlaps(a.prefix, b.prefix)) offer(direct(v.owner, a, m, b));
    }
  }
  const pairs = findOverlaps<Member | undefined>(items, (a, b) => {
    if (!a && !b) return true;
    if (a && b) return a.entity.key === b.entity.key;
    return (a ?? b)!.self !== undefined;
  }) as [Item, Item][];
  for (const [a, b] of pairs) {
    if (!a.tag || !b.tag) {
      const owner = a.tag ? b : a;
      const member = a.tag ? a : b;
      offer(direct(v.owner, owner.seen, member.tag!, member.seen));
      continue;
    }
    const [first, second] = a.tag.link <= b.tag.link ? [a, b] : [b, a];
    const m1 = first.tag!;
    const m2 = second.tag!;
    // Peering is not transitive: a peer without gateway transit and what the middle network reaches
    // through its gateway are not connected to each other, and Azure does not refuse the overlap. Two
    // peers of one network (Azure refuses the second peering), or a peer using the gateway, are errors.
    const warning =
      (m1.via === "peering" && m2.via === "gateway") || (m1.via === "gateway" && m2.via === "peering");
    offer({
      pair: pairKey(m1.entity, first.seen, m2.entity, second.seen),
      direct: false,
      warning,
      path: m2.link,
      message: warning
        ? `${m1.entity.label} (${describeSeen(first.seen)}) and ${m2.entity.label} (${describeSeen(second.seen)}) overlap and are both connected to ${v.owner.label}: the first by ${howOf(m1)}, the second by ${howOf(m2)}; Azure accepts it (peering is not transitive), but ${v.owner.label} routes the overlapping prefixes to one of them only.`
        : `${m1.entity.label} (${describeSeen(first.seen)}) and ${m2.entity.label} (${describeSeen(second.seen)}) overlap and are both connected to ${v.owner.label}: the first by ${howOf(m1)}, the second by ${howOf(m2)}; ${v.owner.label} cannot route to both.`,
      fix: `Give ${m1.entity.label} or ${m2.entity.label} an address space that does not overlap the other's, or disconnect one of them from ${v.owner.label}; ${m2.fix}`,
      values: {
        network: m1.entity.label,
        prefix: first.seen.prefix.text,
        otherNetwork: m2.entity.label,
        otherPrefix: second.seen.prefix.text,
        connectedTo: v.owner.label,
      },
    });
  }
}

/**
 * The rule's check; `screen: false` builds the views even when the screen says none can report anything
 * (for the test that the screen never changes the answer).
 */
export function checkOverlaps(model: NetworkModel, screen = true): Outcome {
  const out = new Outcome();
  // First without building the views: usually nothing overlaps, and the notes collect() makes (links
  // that cannot be resolved) are all there is. Otherwise the views are built (their notes made again,
  // into an outcome that is dropped) and looked at.
  const screened = collect(model, out, new Screen());
  if (screen && !screened.viewsMayReport()) return out;
  const views = collect(model, new Outcome(), new Views());
  const candidates = new Map<string, Candidate>();
  for (const v of views.all()) checkView(v, out, candidates);
  for (const c of candidates.values())
    out.find({
      path: c.path,
      message: c.message,
      fix: c.fix,
      values: c.values,
      severity: c.warning ? "warning" : undefined,
    });
  return out;
}
