/**
 * Reachability before deploy: which virtual networks and sites of the model can exchange traffic,
 * following Azure's documented routing, and why not when they cannot.
 *
 * The facts the analysis uses, each with where Azure documents it:
 * - A peering is one resource per direction; it carries traffic only once both directions exist
 *   (the first stays `Initiated` until the second is created) and both allow virtual network access
 *   ("Allow 'vnet-1' to access 'vnet-2'" off blocks the default VirtualNetwork flow between them).
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#create-a-peering
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#delete-a-peering
 * - Peering is not transitive: with A-B and B-C peered, A cannot reach C through B; a hub's gateway
 *   forwards between spokes only with user-defined routes (not modelled: the pair is then "unknown" when
 *   the source subnets carry routes towards the target, else "no").
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview
 *   @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints
 * - Subnet-level peering (`peer_complete_virtual_networks_enabled = false`) joins only the named subnets.
 *   @see https://learn.microsoft.com/azure/virtual-network/how-to-configure-subnet-peering
 * - Gateway transit: a spoke whose peering has `use_remote_gateways` while the hub's peering has
 *   `allow_gateway_transit` uses the hub's VPN gateway: the gateway's site-to-site and VNet-to-VNet
 *   connectivity applies to the spoke too.
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 * - VNet-to-VNet: one connection per direction; the link works only when both exist.
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
 * - Site-to-site: the gateway routes to the local network gateway's address spaces; NAT rules on the
 *   connection translate them (IngressSnat: the site's spaces as the VNet sees them; EgressSnat: the
 *   VNet's as the site sees them; dynamic rules let traffic start from the internal side only).
 *   @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal
 *   @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * - Transit through a gateway between its sites, or across more than one gateway hop, is documented with
 *   BGP (a BGP gateway propagates what it learns from one BGP peer to the others). Without BGP on every
 *   hop it depends on static prefixes on devices this configuration does not show: "unknown".
 *   @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
 *
 * Cost: adjacency is built once (O(entities + links)); a pair is answered from the adjacency of its
 * two ends, and gateway-level reach is a breadth-first search per gateway, computed only when a pair
 * needs it and then cached. Nothing here is quadratic in the number of networks unless every pair is
 * asked for (the full matrix, written only below a size limit; see `matrix.ts`).
 */
import { Prefix, overlaps, tryParsePrefix } from "../../core/cidr";
import { parseArmId } from "../../core/arm-id";
import { naturalCompare } from "./describe";
import {
  ConnectionM,
  GatewayM,
  IntentEndpointM,
  IntentGroupsM,
  IntentM,
  NetworkM,
  NetworkModel,
  RouteM,
  SiteM,
  Source,
  Spaces,
  SubnetM,
  isUnknown,
  show,
} from "../model";
import { SeenPrefix, translate } from "../nat-translate";
import {
  Attachment,
  ConnectivityGraph,
  GatewayLink,
  PeeringLink,
  SiteLink,
  Tri,
  connectivityGraph,
  gatewayName,
  overlapWithSite,
  worst,
} from "../graph";

/** Whether two entities can exchange traffic. */
export type ReachStatus = "yes" | "no" | "unknown";

/** Why a pair cannot (or may not) exchange traffic. */
export type ReachReasonCode =
  | "no-link"
  | "one-sided-peering"
  | "access-disabled"
  | "non-transitive"
  | "transit-not-enabled"
  | "v2v-missing-direction"
  | "sites-without-bgp"
  | "multi-hop-without-bgp"
  | "managed-elsewhere"
  | "unknown-value"
  | "user-defined-routes"
  | "refused-overlap"
  | "overlap"
  | "site-without-prefixes";

/** A virtual network or a site, as the analysis names it. */
export interface ReachEntity {
  /** Stable id: `network:<name>` or `site:<name>` (with the construct path when two share a name). */
  readonly id: string;
  /** A virtual network or a site. */
  readonly kind: "network" | "site";
  /** Its name in Azure. */
  readonly name: string;
  /** Construct path (or Terraform address / resource id) of its resource. */
  readonly path: string;
  /** Address spaces, or the reason they are unknown. */
  readonly spaces: readonly string[] | { readonly unknown: string };
  /** The stack its block is in (absent for a network known only by its resource id). */
  readonly stack?: string;
  /** Its Azure region, when known. */
  readonly location?: string;
  /** The subscription of the provider its block uses, when known (networks). */
  readonly subscription?: string;
  /** A site's BGP ASN, when its BGP settings give one. */
  readonly asn?: number;
}

/** One link of a path between two entities. */
export interface ReachStep {
  /** What kind of link. */
  readonly link: "peering" | "gateway-transit" | "vnet-to-vnet" | "site-to-site";
  /** Entity id or gateway name at each end. */
  readonly from: string;
  /** Entity or gateway id at the far end. */
  readonly to: string;
  /** Construct paths of the resources that make the link. */
  readonly via: readonly string[];
}

/** A prefix rewritten by NAT on the way. */
export interface ReachTranslation {
  /** Construct path of the connection whose NAT rule applies. */
  readonly connection: string;
  /** The NAT rule. */
  readonly rule: string;
  /** EgressSnat rewrites the network side's prefixes, IngressSnat the far side's. */
  readonly mode: "EgressSnat" | "IngressSnat";
  /** Gateway id of the gateway the rule is on. */
  readonly gateway: string;
  /** The entity whose prefix is rewritten. */
  readonly of: string;
  /** The prefix before NAT. */
  readonly original: string;
  /** The prefix after NAT. */
  readonly translated: string;
}

/** The answer for one pair. */
export interface PairReach {
  /** Entity id of one end. */
  readonly a: string;
  /** Entity id of the other end. */
  readonly b: string;
  /** Whether they can exchange traffic. */
  readonly status: ReachStatus;
  /** For "yes" (and "unknown" when a path exists): the links from `a` to `b`. */
  readonly path?: readonly ReachStep[];
  /** NAT translations seen on the path. */
  readonly translations?: readonly ReachTranslation[];
  /** Subnet-level peering: the subnets of each end that meet (entity id -> subnet names). */
  readonly subnets?: Readonly<Record<string, readonly string[]>>;
  /** For "no" and "unknown": why. */
  readonly code?: ReachReasonCode;
  /** For "no" and "unknown": why. */
  readonly reason?: string;
  /**
   * For the pair of an intent that does not hold: the change that satisfies it, re-checked on a copy of
   * the model (set by the outputs from the intent's finding; the analysis itself never suggests one).
   */
  readonly fix?: string;
  /**
   * The rule whose finding reports the fact behind a "no" or "unknown" (`AddressSpace.NoOverlap` for a
   * peering Azure refuses because the address spaces overlap).
   */
  readonly rule?: string;
}

/** The analysis of a model: entities, and answers for any pair. */
export interface ReachabilityAnalysis {
  /** Networks and sites, sorted by id. */
  readonly entities: readonly ReachEntity[];
  /** The entity with this id. */
  entity(id: string): ReachEntity | undefined;
  /** Whether `a` and `b` can exchange traffic, with the path or the reason. */
  pair(a: string, b: string): PairReach;
  /** The entities `id` exchanges traffic with ("yes") or may ("unknown"), without the "no"s. */
  reach(id: string): PairReach[];
  /**
   * The entities whose pair with another may be "unknown" with no link between them, which {@link reach}
   * does not list: a link of theirs, or of a gateway they use, cannot be resolved at synth, or the
   * network's subnets have user-defined routes (see {@link pair}). Entity ids, sorted.
   */
  offLinkUnknowns(): string[];
  /** Every link: peerings (by pair), VNet-to-VNet (by gateway pair), site-to-site connections. */
  readonly links: readonly TopologyLink[];
  /** Gateways with the network they are in and the networks that use them through gateway transit. */
  readonly gateways: readonly TopologyGateway[];
  /** The entity a reachability intent's end stands for. */
  resolveEndpoint(e: IntentEndpointM): ReachEntity | undefined;
  /**
   * The model's reachability intents, each with its answer (computed on first use): the intents over
   * pairs, then each pair of an intent over groups that does not hold (see `intentGroups`).
   */
  readonly intents: readonly IntentAnswer[];
  /** The model's intents over groups apart, each with its counts and the pairs that do not hold. */
  readonly intentGroups: readonly IntentGroupAnswer[];
}

/** A group of an intent over groups apart: its name, how many members it has, and those in the app. */
export interface IntentGroupMembers {
  /** The group's name. */
  readonly name: string;
  /** Members as declared. */
  readonly members: number;
  /** Entity ids of the members that are in the app, sorted. */
  readonly ids: readonly string[];
}

/**
 * An intent over groups apart and what the analysis answers for it: every pair of members of different
 * groups is asked; the pairs that hold are counted, the others kept as "must not reach" intents.
 */
export interface IntentGroupAnswer {
  /** Construct path of the scope that declared it (where its findings are reported). */
  readonly path: string;
  /** The intent in words: `groups prod and dev must not reach each other (reason)`. */
  readonly text: string;
  /** Each group, in name order (a name given twice is one group). */
  readonly groups: readonly IntentGroupMembers[];
  /** Pairs of members of different groups that are both in the app. */
  readonly pairs: number;
  /** Of those, the pairs that cannot exchange traffic (the intent holds for them). */
  readonly holding: number;
  /** Of those, the pairs that can exchange traffic (each in `notHolding`). */
  readonly broken: number;
  /** Of those, the pairs that cannot be decided before apply (each in `notHolding`). */
  readonly unknown: number;
  /** Members that are not networks or sites of the app. */
  readonly notFound: readonly IntentEndpointM[];
  /**
   * Networks and sites that are members of more than one group (two ends that stand for one network):
   * the intent cannot hold for them, and `Reachability.Intent` reports each.
   */
  readonly inSeveralGroups: readonly { readonly id: string; readonly groups: readonly string[] }[];
  /** Each pair that does not hold (broken or unknown), as a "must not reach" intent with its answer. */
  readonly notHolding: readonly { readonly intent: IntentM; readonly answer: IntentAnswer }[];
}

/** A reachability intent and what the analysis answers for it. */
export interface IntentAnswer {
  /** Must reach, or must not reach. */
  readonly kind: "mustReach" | "mustNotReach";
  /** Construct path of the scope that declared it (where its finding is reported). */
  readonly path: string;
  /** The intent in words: `network a must reach site b (reason)`. */
  readonly text: string;
  /** Entity id of its first end, or the end's text when it is not in the app. */
  readonly from: string;
  /** Entity id of its other end, or the end's text when it is not in the app. */
  readonly to: string;
  /** Holds, broken (the answer is the opposite), unknown before apply, or an end is not in the app. */
  readonly status: "holds" | "broken" | "unknown" | "not-found";
  /** For a pair of an intent over groups apart: that intent's text. */
  readonly group?: string;
  /** The answer for the pair, when both ends are in the app. */
  readonly answer?: PairReach;
}

/** A link of the topology, for the matrix's summary form and the diagram. */
export interface TopologyLink {
  /** What kind of link. */
  readonly kind: "peering" | "vnet-to-vnet" | "site-to-site";
  /** Entity ids for peerings and site-to-site (network end first), gateway ids for VNet-to-VNet. */
  readonly a: string;
  /** Entity or gateway id of the other end. */
  readonly b: string;
  /** Whether it carries traffic. */
  readonly state: "up" | "down" | "unknown";
  /** Why it is down or unknown. */
  readonly reason?: string;
  /** Construct paths of the resources that make it. */
  readonly paths: readonly string[];
  /** Peering: the spoke end uses the other's gateway (`a` or `b`). */
  readonly transitFrom?: string;
  /** VNet-to-VNet over IPsec: each gateway connects to a site that stands for the other gateway. */
  readonly overIpsec?: boolean;
  /** Site-to-site and VNet-to-VNet over IPsec: NAT translations; VNet-to-VNet/site-to-site: BGP on. */
  readonly nat?: readonly ReachTranslation[];
  /** BGP on the link. */
  readonly bgp?: boolean;
}

/** A gateway of the topology. */
export interface TopologyGateway {
  /** Gateway id (`gateway:<name>`). */
  readonly id: string;
  /** Gateway name. */
  readonly name: string;
  /** Construct path (or Terraform address). */
  readonly path: string;
  /** Entity id of its network. */
  readonly network?: string;
  /** Its SKU, when known. */
  readonly sku?: string;
  /** Active-active, when known. */
  readonly activeActive?: boolean;
  /** BGP on, when known. */
  readonly bgp?: boolean;
  /** Its BGP ASN, when set. */
  readonly asn?: number;
  /** The stack its block is in. */
  readonly stack?: string;
  /** Its Azure region, when known. */
  readonly location?: string;
  /** Networks that use it through gateway transit. */
  readonly spokes: readonly string[];
}

// ----------------------------------------------------------------------------------------------

const rank: Record<Tri, number> = { no: 0, unknown: 1, yes: 2 };

type PeeringPair = PeeringLink;
type V2vPair = GatewayLink;

interface GwHop {
  readonly status: Tri;
  /** V2V pairs from the source gateway. */
  readonly hops: V2vPair[];
  /** Every hop has BGP on both ends. */
  readonly bgp: boolean;
}

const analyses = new WeakMap<NetworkModel, ReachabilityAnalysis>();

/**
 * Analyses the model (cached per model object: the rule and the output writer share one analysis).
 * Pure: reads the model only.
 */
export function analyzeReachability(model: NetworkModel): ReachabilityAnalysis {
  let a = analyses.get(model);
  if (!a) {
    a = new Analysis(model);
    analyses.set(model, a);
  }
  return a;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function spacesText(s: Spaces): readonly string[] | { unknown: string } {
  return s.known ? s.prefixes.map((p) => p.text) : { unknown: s.why };
}

function byPath<T extends { path: string }>(list: T[]): T[] {
  return [...list].sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}

class Analysis implements ReachabilityAnalysis {
  public readonly entities: ReachEntity[] = [];
  public readonly links: TopologyLink[] = [];
  public readonly gateways: TopologyGateway[] = [];

  private readonly graph: ConnectivityGraph;
  private readonly byId = new Map<string, ReachEntity>();
  private readonly idOfKey = new Map<string, string>();
  private readonly keyOfId = new Map<string, string>();
  private readonly gwIds = new Map<string, string>();
  private readonly gwByKey = new Map<string, GatewayM>();
  private readonly topoGw = new Map<string, TopologyGateway>();
  private readonly networkOf = new Map<string, NetworkM>();
  private readonly siteOf = new Map<string, SiteM>();
  /** Entities by path, by stack and address, and by address alone: built on first use (intents). */
  private indexes?: {
    readonly byPath: Map<string, ReachEntity>;
    readonly byAddress: Map<string, ReachEntity>;
    readonly byAddressOnly: Map<string, ReachEntity[]>;
  };
  private readonly sourceOf = new Map<string, Source>();
  private readonly gwReachCache = new Map<string, Map<string, GwHop>>();

  constructor(private readonly model: NetworkModel) {
    this.graph = connectivityGraph(model);
    this.addEntities();
    this.addGateways();
    this.addLinks();
    const keys = new Map(this.links.map((l) => [l, pairKey(l.a, l.b)]));
    this.links.sort((p, q) => (keys.get(p)! < keys.get(q)! ? -1 : keys.get(p)! > keys.get(q)! ? 1 : 0));
  }

  // --- building ----------------------------------------------------------------------------------

  private addEntities(): void {
    // Each network and site, made into its entity once the names that repeat are known.
    const all: ({ kind: "network"; x: NetworkM } | { kind: "site"; x: SiteM })[] = [];
    const count = new Map<string, number>();
    const base = (kind: string, x: NetworkM | SiteM) => `${kind}:${x.label}`;
    this.model.networks.forEach((x) => {
      all.push({ kind: "network", x });
      this.networkOf.set(x.key, x);
    });
    this.model.sites.forEach((x) => {
      // A site that stands for a gateway of the app is that gateway (VNet-to-VNet over IPsec).
      if (x.standsFor) return;
      all.push({ kind: "site", x });
      this.siteOf.set(x.key, x);
    });
    all.forEach(({ kind, x }) => count.set(base(kind, x), (count.get(base(kind, x)) ?? 0) + 1));
    all.forEach((d) => {
      const x = d.x;
      const b = base(d.kind, x);
      const id = count.get(b)! > 1 ? `${b} (${x.path})` : b;
      // The optional fields only when known, in this order (the matrix JSON writes them as they are).
      const e: { -readonly [K in keyof ReachEntity]: ReachEntity[K] } = {
        id,
        kind: d.kind,
        name: x.label,
        path: x.path,
        spaces: spacesText(x.spaces),
      };
      if (x.source?.stack !== undefined) e.stack = x.source.stack;
      if (typeof x.location === "string") e.location = x.location;
      if (d.kind === "network" && d.x.subscription !== undefined) e.subscription = d.x.subscription;
      if (d.kind === "site" && typeof d.x.bgpAsn === "number") e.asn = d.x.bgpAsn;
      this.entities.push(e);
      this.byId.set(id, e);
      this.idOfKey.set(x.key, id);
      this.keyOfId.set(id, x.key);
      if (x.source) this.sourceOf.set(id, x.source);
    });
    this.entities.sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  }

  private addGateways(): void {
    const names = new Map<string, number>();
    for (const g of this.model.gateways) names.set(gatewayName(g), (names.get(gatewayName(g)) ?? 0) + 1);
    for (const g of this.model.gateways) {
      this.gwIds.set(
        g.key,
        `gateway:${gatewayName(g)}${names.get(gatewayName(g))! > 1 ? ` (${g.path})` : ""}`,
      );
      this.gwByKey.set(g.key, g);
    }
    for (const g of byPath(this.model.gateways)) {
      if (!this.graph.isVpn(g)) continue;
      const t: TopologyGateway = {
        id: this.gatewayId(g),
        name: gatewayName(g),
        path: g.path,
        ...stripUndefined({
          network: g.network ? this.idOfKey.get(g.network.key) : undefined,
          sku: typeof g.sku === "string" ? g.sku : undefined,
          activeActive: typeof g.activeActive === "boolean" ? g.activeActive : undefined,
          bgp: typeof g.bgpEnabled === "boolean" ? g.bgpEnabled : undefined,
          asn: typeof g.bgpAsn === "number" ? g.bgpAsn : undefined,
          stack: g.source?.stack,
          location: typeof g.location === "string" ? g.location : undefined,
        }),
        spokes: [],
      };
      this.gateways.push(t);
      this.topoGw.set(t.id, t);
    }
    const networks = this.model.networks;
    for (let i = 0; i < networks.length; i++) {
      const n = networks[i];
      const atts = this.graph.attachments(n.key);
      for (let j = 0; j < atts.length; j++) {
        const att = atts[j];
        if (!att.via) continue;
        const t = this.topoGw.get(this.gatewayId(att.gateway));
        if (t) (t.spokes as string[]).push(this.idOfKey.get(n.key)!);
      }
    }
    for (const t of this.gateways) (t.spokes as string[]).sort();
  }

  private addLinks(): void {
    const peerings = this.graph.peeringLinks;
    for (let i = 0; i < peerings.length; i++) {
      const link = peerings[i];
      this.links.push({
        kind: "peering",
        a: this.idOfKey.get(link.x.key)!,
        b: this.idOfKey.get(link.y.key)!,
        state: link.state.state,
        reason: link.state.reason,
        paths: [...link.xy, ...link.yx].map((p) => p.path),
        transitFrom: link.transitSpoke ? this.idOfKey.get(link.transitSpoke.key) : undefined,
      });
    }
    for (const link of this.graph.siteLinks) {
      const net = link.gateway.network;
      this.links.push({
        kind: "site-to-site",
        a: net ? this.idOfKey.get(net.key)! : this.gatewayId(link.gateway),
        b: this.idOfKey.get(link.site.key)!,
        state: link.state.state,
        ...(link.state.reason ? { reason: link.state.reason } : {}),
        paths: [link.connection.path],
        nat: net ? this.natOf(link.connection, net).translations : undefined,
        bgp: link.bgp,
      });
    }
    for (const pair of this.graph.gatewayLinks) {
      this.links.push({
        kind: "vnet-to-vnet",
        a: this.gatewayId(pair.g),
        b: this.gatewayId(pair.h),
        state: pair.state.state,
        reason: pair.state.reason,
        paths: [...pair.gh, ...pair.hg].map((c) => c.path),
        bgp: pair.bgp,
        ...(pair.ipsec ? { overIpsec: true, nat: this.hopNat(pair) } : {}),
      });
    }
  }

  private gatewayId(g: GatewayM): string {
    return this.gwIds.get(g.key)!;
  }

  /** IPsec connections to a site. */
  private siteConns(site: string): ConnectionM[] {
    return this.graph.siteLinksTo(site).map((l) => l.connection);
  }

  /** The site-to-site link a connection makes. */
  private siteLinkOf(c: ConnectionM): SiteLink | undefined {
    return c.site ? this.graph.siteLinksTo(c.site.key).find((l) => l.connection === c) : undefined;
  }

  // --- gateway-level reach -----------------------------------------------------------------------

  /** From gateway g: every gateway reached over VNet-to-VNet links that carry traffic. */
  private gwReach(g: GatewayM): Map<string, GwHop> {
    const cached = this.gwReachCache.get(g.key);
    if (cached) return cached;
    const out = new Map<string, GwHop>();
    out.set(g.key, { status: "yes", hops: [], bgp: true });
    const up = (k: string) =>
      [...(this.graph.gatewayLinksOf(k)?.values() ?? [])]
        .filter((p) => p.state!.state === "up")
        .sort((p, q) => (pairKey(p.g.key, p.h.key) < pairKey(q.g.key, q.h.key) ? -1 : 1));
    const other = (p: V2vPair, k: string) => (p.g.key === k ? p.h : p.g);
    // Direct links: documented for any VNet-to-VNet pair.
    for (const p of up(g.key)) out.set(other(p, g.key).key, { status: "yes", hops: [p], bgp: p.bgp });
    // Further hops: BGP on every hop ("yes"), else not documented ("unknown").
    for (const bgpOnly of [true, false]) {
      const queue: { key: string; hops: V2vPair[]; bgp: boolean }[] = [];
      for (const [k, v] of out)
        if (k !== g.key && (!bgpOnly || v.bgp)) queue.push({ key: k, hops: v.hops, bgp: v.bgp });
      while (queue.length > 0) {
        const cur = queue.shift()!;
        for (const p of up(cur.key)) {
          const next = other(p, cur.key);
          if (out.has(next.key)) continue;
          const bgp = cur.bgp && p.bgp;
          if (bgpOnly && !bgp) continue;
          const hop: GwHop = { status: bgp ? "yes" : "unknown", hops: [...cur.hops, p], bgp };
          out.set(next.key, hop);
          queue.push({ key: next.key, hops: hop.hops, bgp });
        }
      }
    }
    this.gwReachCache.set(g.key, out);
    return out;
  }

  // --- answers -----------------------------------------------------------------------------------

  public entity(id: string): ReachEntity | undefined {
    return this.byId.get(id);
  }

  private intentCache?: IntentAnswer[];

  public get intents(): readonly IntentAnswer[] {
    this.intentCache ??= [
      ...this.model.intents.map((i) => this.answerIntent(i)),
      ...this.intentGroups.flatMap((g) => g.notHolding.map((p) => p.answer)),
    ];
    return this.intentCache;
  }

  private groupCache?: IntentGroupAnswer[];

  public get intentGroups(): readonly IntentGroupAnswer[] {
    this.groupCache ??= this.model.intentGroups.map((g) => this.answerGroups(g));
    return this.groupCache;
  }

  /**
   * Asks every pair of members of different groups once (ends that stand for the same entity, or a pair
   * met again through another member's end, are not asked twice).
   */
  private answerGroups(g: IntentGroupsM): IntentGroupAnswer {
    const text = intentGroupsText(g);
    const notFound: IntentEndpointM[] = [];
    // Groups by name (a name given twice is one group), in name order: a pair reads from the member of
    // the group that comes first, whatever the order the groups were declared in.
    const byName = new Map<string, { m: IntentEndpointM; e: ReachEntity }[]>();
    const sizes = new Map<string, number>();
    for (const group of g.groups) {
      const list = byName.get(group.name) ?? [];
      byName.set(group.name, list);
      sizes.set(group.name, (sizes.get(group.name) ?? 0) + group.members.length);
      for (const m of group.members) {
        const e = this.resolveEndpoint(m);
        if (e) list.push({ m, e });
        else notFound.push(m);
      }
    }
    const names = [...byName.keys()].sort(naturalCompare);
    // A network or site in two groups (its construct and its raw resource, say): its pairs across
    // those groups cannot hold by definition, so it is reported, never skipped in silence.
    const groupsOf = new Map<string, Set<string>>();
    for (const name of names)
      for (const x of byName.get(name)!) groupsOf.set(x.e.id, (groupsOf.get(x.e.id) ?? new Set()).add(name));
    const inSeveralGroups = [...groupsOf]
      .filter(([, of]) => of.size > 1)
      .map(([id, of]) => ({ id, groups: [...of].sort(naturalCompare) }))
      .sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
    const notHolding: { intent: IntentM; answer: IntentAnswer }[] = [];
    const asked = new Set<string>();
    let pairs = 0;
    let holding = 0;
    let unknown = 0;
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        for (const a of byName.get(names[i])!) {
          for (const b of byName.get(names[j])!) {
            if (a.e.id === b.e.id) continue;
            const key = a.e.id < b.e.id ? `${a.e.id}\u0000${b.e.id}` : `${b.e.id}\u0000${a.e.id}`;
            if (asked.has(key)) continue;
            asked.add(key);
            pairs++;
            const answer = this.apartAnswer(a.e.id, b.e.id);
            if (answer === "no") {
              holding++;
              continue;
            }
            if (answer.status === "unknown") unknown++;
            const intent = groupPairIntent(g, names[i], a.m, names[j], b.m);
            notHolding.push({
              intent,
              answer: {
                kind: "mustNotReach",
                path: g.path,
                text: intentText(intent),
                from: a.e.id,
                to: b.e.id,
                status: answer.status === "unknown" ? "unknown" : "broken",
                answer,
                group: text,
              },
            });
          }
        }
      }
    }
    return {
      path: g.path,
      text,
      groups: names.map((name) => ({
        name,
        members: sizes.get(name)!,
        ids: [...new Set(byName.get(name)!.map((x) => x.e.id))].sort(),
      })),
      pairs,
      holding,
      broken: notHolding.length - unknown,
      unknown,
      notFound,
      inSeveralGroups,
      notHolding,
    };
  }

  private answerIntent(i: IntentM): IntentAnswer {
    const from = this.resolveEndpoint(i.from);
    const to = this.resolveEndpoint(i.to);
    const base = { kind: i.kind, path: i.path, text: intentText(i) };
    if (!from || !to)
      return { ...base, from: from?.id ?? i.from.text, to: to?.id ?? i.to.text, status: "not-found" };
    const answer = this.pair(from.id, to.id);
    const wanted = i.kind === "mustReach" ? "yes" : "no";
    const status = answer.status === "unknown" ? "unknown" : answer.status === wanted ? "holds" : "broken";
    return { ...base, from: from.id, to: to.id, status, answer };
  }

  private index(): NonNullable<Analysis["indexes"]> {
    if (!this.indexes) {
      const byPath = new Map<string, ReachEntity>();
      const byAddress = new Map<string, ReachEntity>();
      const byAddressOnly = new Map<string, ReachEntity[]>();
      for (const e of this.entities) {
        byPath.set(e.path, e);
        const source = this.sourceOf.get(e.id);
        if (!source) continue;
        byAddress.set(`${source.stack}\u0000${source.address}`, e);
        const list = byAddressOnly.get(source.address) ?? [];
        list.push(e);
        byAddressOnly.set(source.address, list);
      }
      this.indexes = { byPath, byAddress, byAddressOnly };
    }
    return this.indexes;
  }

  public resolveEndpoint(e: IntentEndpointM): ReachEntity | undefined {
    const { byPath, byAddress, byAddressOnly } = this.index();
    if (e.path !== undefined) {
      const direct = byPath.get(e.path) ?? byPath.get(`${e.path}/Resource`);
      if (direct) return direct;
    }
    if (e.address !== undefined) {
      // The block's Terraform address: in its stack, or the only block with that address (stacks read
      // from folders are named by their folder, not by their construct path).
      const exact = e.stack !== undefined ? byAddress.get(`${e.stack}\u0000${e.address}`) : undefined;
      if (exact) return exact;
      const same = byAddressOnly.get(e.address) ?? [];
      if (same.length === 1) return same[0];
    }
    if (e.path !== undefined) {
      const under = this.entities.filter((x) => x.path.startsWith(`${e.path}/`));
      return under.length === 1 ? under[0] : undefined;
    }
    if (e.id === undefined) return undefined;
    const arm = parseArmId(e.id);
    if (!arm) return undefined;
    const type = arm.type.toLowerCase();
    const same = (name: unknown, rg: unknown) =>
      typeof name === "string" &&
      typeof rg === "string" &&
      name.toLowerCase() === arm.name.toLowerCase() &&
      rg.toLowerCase() === arm.resourceGroupName.toLowerCase();
    if (type === "virtualnetworks") {
      const n =
        this.model.networks.find((x) => x.armId?.toLowerCase() === e.id!.toLowerCase()) ??
        this.model.networks.find((x) => x.kind === "resource" && same(x.name, x.resourceGroup)) ??
        this.model.networks.find((x) => same(x.name, x.resourceGroup));
      return n ? this.byId.get(this.idOfKey.get(n.key)!) : undefined;
    }
    if (type === "localnetworkgateways") {
      const s = this.model.sites.find((x) => same(x.name, x.resourceGroup));
      return s ? this.byId.get(this.idOfKey.get(s.key)!) : undefined;
    }
    return undefined;
  }

  public reach(id: string): PairReach[] {
    const e = this.byId.get(id);
    if (!e) return [];
    const candidates = new Set<string>();
    const addNetwork = (k: string) => candidates.add(this.idOfKey.get(k)!);
    const key = this.keyOfId.get(id)!;
    if (e.kind === "network") {
      for (const k of this.graph.peersOf(key)?.keys() ?? []) addNetwork(k);
      for (const att of this.graph.attachments(key) ?? []) this.gatewayDomain(att.gateway, candidates);
    } else {
      for (const c of this.siteConns(key) ?? []) this.gatewayDomain(c.gateway!, candidates);
    }
    candidates.delete(id);
    return [...candidates]
      .sort()
      .map((other) => this.pair(id, other))
      .filter((r) => r.status !== "no");
  }

  /** Everything reachable through gateway g (its networks, spokes, sites, and gateways beyond). */
  private gatewayDomain(g: GatewayM, out: Set<string>): void {
    for (const hk of this.gwReach(g).keys()) {
      const h = this.gwByKey.get(hk);
      if (!h) continue;
      if (h.network) out.add(this.idOfKey.get(h.network.key)!);
      for (const spoke of this.topoGw.get(this.gatewayId(h))?.spokes ?? []) out.add(spoke);
      for (const c of h.connections) if (c.type === "IPsec" && c.site) out.add(this.idOfKey.get(c.site.key)!);
    }
  }

  private offLink?: Set<string>;

  /**
   * {@link pair}'s answer where it is not "no", and "no" without working out why: the pairs of an intent
   * over groups that hold are only counted, and at thousands of members there are millions of them.
   * The same steps as `pair`: a path found decides; without one, the answer is "no" unless an end may be
   * unknown without a link (`offLinkUnknowns`), which `pair` then decides.
   */
  private apartAnswer(a: string, b: string): PairReach | "no" {
    const best = this.bestPath(a, b);
    if (best) return best.status === "no" ? "no" : best;
    this.offLink ??= new Set(this.offLinkUnknowns());
    if (!this.offLink.has(a) && !this.offLink.has(b)) return "no";
    const r = this.pair(a, b);
    return r.status === "no" ? "no" : r;
  }

  /** The best answer over the paths between two entities, or undefined when there is none. */
  private bestPath(a: string, b: string): PairReach | undefined {
    const ea = this.byId.get(a);
    const eb = this.byId.get(b);
    if (!ea || !eb) throw new Error(`unknown entity ${!ea ? a : b}`);
    const ka = this.keyOfId.get(a)!;
    const kb = this.keyOfId.get(b)!;
    let best: PairReach | undefined;
    const offer = (r: PairReach) => {
      if (!best || rank[r.status] > rank[best.status]) best = r;
    };
    if (ea.kind === "network" && eb.kind === "network") this.networkPair(ea, eb, ka, kb, offer);
    else if (ea.kind === "network" && eb.kind === "site") this.networkSite(ea, eb, ka, kb, offer, false);
    else if (ea.kind === "site" && eb.kind === "network") this.networkSite(eb, ea, kb, ka, offer, true);
    else this.sitePair(ea, eb, ka, kb, offer);
    return best;
  }

  public pair(a: string, b: string): PairReach {
    const ea = this.byId.get(a);
    const eb = this.byId.get(b);
    if (!ea || !eb) throw new Error(`unknown entity ${!ea ? a : b}`);
    if (a === b) return { a, b, status: "yes", path: [] };
    const ka = this.keyOfId.get(a)!;
    const kb = this.keyOfId.get(b)!;
    const best = this.bestPath(a, b);
    if (best && best.status === "yes") return best;
    // A path exists but its link does not carry the traffic (the ends overlap): that is the answer.
    if (best && best.status === "no") return best;
    const no = this.explainNo(ea, eb, ka, kb);
    if (best && best.status === "unknown") return best;
    // A link that cannot be resolved at synth might join them.
    for (const k of [ka, kb, ...this.gatewaysUsedBy(ka), ...this.gatewaysUsedBy(kb)]) {
      const why = this.graph.unresolved.get(k);
      if (why) return { a, b, status: "unknown", code: "unknown-value", reason: why };
    }
    const udr = this.userRoutes(ea, eb, ka, kb, no);
    return udr ?? no;
  }

  /** Keys of the gateways an end uses: a network's own or its hub's, a site's connections'. */
  private gatewaysUsedBy(k: string): string[] {
    const out: string[] = [];
    for (const att of this.graph.attachments(k) ?? []) out.push(att.gateway.key);
    for (const c of this.siteConns(k) ?? []) if (c.gateway) out.push(c.gateway.key);
    return out;
  }

  public offLinkUnknowns(): string[] {
    const out: string[] = [];
    for (const e of this.entities) {
      const k = this.keyOfId.get(e.id)!;
      const unresolved = [k, ...this.gatewaysUsedBy(k)].some((x) => this.graph.unresolved.has(x));
      const n = this.networkOf.get(k);
      if (unresolved || (n && routesWithPrefix(n).length > 0)) out.push(e.id);
    }
    return out.sort();
  }

  private networkPair(
    ea: ReachEntity,
    eb: ReachEntity,
    ka: string,
    kb: string,
    offer: (r: PairReach) => void,
  ): void {
    const a = ea.id;
    const b = eb.id;
    const direct = this.graph.peersOf(ka)?.get(kb);
    if (direct && direct.state!.state !== "down") {
      const r: PairReach = {
        a,
        b,
        status: direct.state!.state === "up" ? "yes" : "unknown",
        path: [this.peeringStep(direct, ka)],
        subnets: this.subnetScope(direct),
        code: direct.state!.code,
        reason: direct.state!.reason,
      };
      offer(stripUndefined(r));
      if (r.status === "yes") return;
    }
    for (const x of this.graph.attachments(ka) ?? []) {
      for (const y of this.graph.attachments(kb) ?? []) {
        if (x.gateway === y.gateway) continue;
        const hop = this.gwReach(x.gateway).get(y.gateway.key);
        if (!hop) continue;
        const status = worst(worst(hop.status, x.status), y.status);
        const path = [
          ...(x.via ? [this.transitStep(x, ka)] : []),
          ...this.hopSteps(x.gateway, hop),
          ...(y.via ? [this.transitStep(y, kb, true)] : []),
        ];
        const nat = hop.hops.filter((p) => p.ipsec).flatMap((p) => this.hopNat(p));
        offer(
          stripUndefined({
            a,
            b,
            status,
            path,
            translations: nat.length > 0 ? nat : undefined,
            code:
              status === "unknown"
                ? hop.status === "unknown"
                  ? "multi-hop-without-bgp"
                  : "unknown-value"
                : undefined,
            reason:
              status === "unknown"
                ? hop.status === "unknown"
                  ? `the path crosses ${hop.hops.length} VNet-to-VNet links without BGP on every hop; transit across gateways is documented with BGP only`
                  : (x.reason ?? y.reason)
                : undefined,
          }),
        );
      }
    }
  }

  private networkSite(
    en: ReachEntity,
    es: ReachEntity,
    kn: string,
    ks: string,
    offer: (r: PairReach) => void,
    siteFirst: boolean,
  ): void {
    const conns = this.siteConns(ks) ?? [];
    for (const x of this.graph.attachments(kn) ?? []) {
      for (const c of conns) {
        const h = c.gateway!;
        const hop = this.gwReach(x.gateway).get(h.key);
        if (!hop) continue;
        let status: Tri = worst(hop.status, x.status);
        let code: ReachReasonCode | undefined;
        let reason: string | undefined = x.status === "unknown" ? x.reason : undefined;
        if (h !== x.gateway && !(hop.bgp && this.graph.bgpOn(c))) {
          status = worst(status, "unknown");
          code = "multi-hop-without-bgp";
          reason = `the site is connected to gateway ${gatewayName(h)}, ${hop.hops.length} VNet-to-VNet hop(s) away, and not every hop and the site-to-site connection run BGP; transit across gateways is documented with BGP only`;
        } else if (status === "unknown")
          code = hop.status === "unknown" ? "multi-hop-without-bgp" : "unknown-value";
        let rule: string | undefined;
        const overlap = overlapWithSite(this.networkOf.get(kn)!, c, c.site!);
        if (overlap && rank[overlap.state === "down" ? "no" : "unknown"] < rank[status]) {
          status = overlap.state === "down" ? "no" : "unknown";
          code = "overlap";
          reason = overlap.reason;
          rule = overlap.rule;
        }
        const link = this.siteLinkOf(c);
        if (link?.state.code === "site-without-prefixes") {
          status = "no";
          code = "site-without-prefixes";
          reason = link.state.reason;
          rule = undefined;
        }
        const nat = h.network ? this.natOf(c, this.networkOf.get(kn)!) : { translations: [] };
        const steps = [
          ...(x.via ? [this.transitStep(x, kn)] : []),
          ...this.hopSteps(x.gateway, hop),
          { link: "site-to-site" as const, from: this.gatewayId(h), to: es.id, via: [c.path] },
        ];
        const r: PairReach = {
          a: siteFirst ? es.id : en.id,
          b: siteFirst ? en.id : es.id,
          status,
          path: status === "no" ? undefined : siteFirst ? reverseSteps(steps) : steps,
          translations: status !== "no" && nat.translations.length > 0 ? nat.translations : undefined,
          code: status === "yes" ? undefined : code,
          reason: status === "yes" ? undefined : reason,
          rule: status === "yes" ? undefined : rule,
        };
        offer(stripUndefined(r));
      }
    }
  }

  private sitePair(
    ea: ReachEntity,
    eb: ReachEntity,
    ka: string,
    kb: string,
    offer: (r: PairReach) => void,
  ): void {
    for (const c1 of this.siteConns(ka) ?? []) {
      for (const c2 of this.siteConns(kb) ?? []) {
        const hop = this.gwReach(c1.gateway!).get(c2.gateway!.key);
        if (!hop) continue;
        const empty = [this.siteLinkOf(c1), this.siteLinkOf(c2)].find(
          (l) => l?.state.code === "site-without-prefixes",
        );
        if (empty) {
          offer({
            a: ea.id,
            b: eb.id,
            status: "no",
            code: "site-without-prefixes",
            reason: empty.state.reason,
          });
          continue;
        }
        const bgp = this.graph.bgpOn(c1) && this.graph.bgpOn(c2) && hop.bgp;
        const same = c1.gateway === c2.gateway;
        const path: ReachStep[] = [
          { link: "site-to-site", from: ea.id, to: this.gatewayId(c1.gateway!), via: [c1.path] },
          ...this.hopSteps(c1.gateway!, hop),
          { link: "site-to-site", from: this.gatewayId(c2.gateway!), to: eb.id, via: [c2.path] },
        ];
        offer(
          stripUndefined({
            a: ea.id,
            b: eb.id,
            status: bgp ? "yes" : "unknown",
            path,
            code: bgp ? undefined : same ? "sites-without-bgp" : "multi-hop-without-bgp",
            reason: bgp
              ? undefined
              : same
                ? `both sites connect to gateway ${gatewayName(c1.gateway!)}, but not both connections run BGP; transit between sites through a gateway is documented with BGP, without it it depends on the sites' devices`
                : `the sites connect to different gateways and not every hop runs BGP; transit across gateways is documented with BGP only`,
          }),
        );
      }
    }
  }

  private peeringStep(pair: PeeringPair, fromKey: string): ReachStep {
    const [from, to] = pair.x.key === fromKey ? [pair.x, pair.y] : [pair.y, pair.x];
    return {
      link: "peering",
      from: this.idOfKey.get(from.key)!,
      to: this.idOfKey.get(to.key)!,
      via: [...pair.xy, ...pair.yx].map((p) => p.path),
    };
  }

  private transitStep(att: Attachment, spokeKey: string, inbound = false): ReachStep {
    const pair = att.via!;
    const spoke = this.idOfKey.get(spokeKey)!;
    const gw = this.gatewayId(att.gateway);
    const via = [...pair.xy, ...pair.yx].map((p) => p.path);
    return inbound
      ? { link: "gateway-transit", from: gw, to: spoke, via }
      : { link: "gateway-transit", from: spoke, to: gw, via };
  }

  private hopSteps(from: GatewayM, hop: GwHop): ReachStep[] {
    const steps: ReachStep[] = [];
    let cur = from;
    for (const p of hop.hops) {
      const next = p.g === cur ? p.h : p.g;
      steps.push({
        link: "vnet-to-vnet",
        from: this.gatewayId(cur),
        to: this.gatewayId(next),
        via: [...p.gh, ...p.hg].map((c) => c.path),
      });
      cur = next;
    }
    return steps;
  }

  private subnetScope(pair: PeeringPair): Record<string, string[]> | undefined {
    const sub = [...pair.xy, ...pair.yx].find((p) => p.completeNetworks === false);
    if (!sub) return undefined;
    const names = (v: string[] | { unknown: string } | undefined) =>
      Array.isArray(v) ? [...v].sort() : [show(v)];
    return {
      [this.idOfKey.get(sub.local!.key)!]: names(sub.localSubnetNames),
      [this.idOfKey.get(sub.remote!.key)!]: names(sub.remoteSubnetNames),
    };
  }

  /** NAT on a site-to-site connection: the site's spaces as the network sees them and the network's as the site sees them. */
  private natOf(c: ConnectionM, n: NetworkM): { translations: ReachTranslation[] } {
    const out: ReachTranslation[] = [];
    const site = c.site;
    const gateway = c.gateway ? this.gatewayId(c.gateway) : c.gatewayExpr;
    const add = (
      of: string,
      spaces: Spaces,
      rules: ConnectionM["ingressNat"],
      mode: ReachTranslation["mode"],
    ) => {
      if (!spaces.known || rules.length === 0) return;
      const seen = translate(spaces.prefixes, rules);
      if (isUnknown(seen)) return;
      for (const s of seen as SeenPrefix[]) {
        if (s.natFrom)
          out.push({
            connection: c.path,
            rule: s.natFrom.rule,
            mode,
            gateway,
            of,
            original: s.natFrom.original,
            translated: s.prefix.text,
          });
      }
    };
    add(this.idOfKey.get(n.key)!, n.spaces, c.egressNat, "EgressSnat");
    if (site) {
      const proxy = site.standsFor;
      const of = proxy
        ? proxy.network
          ? this.idOfKey.get(proxy.network.key)
          : this.gatewayId(proxy)
        : this.idOfKey.get(site.key);
      add(of!, site.spaces, c.ingressNat, "IngressSnat");
    }
    return { translations: out };
  }

  /** NAT on both connections of a VNet-to-VNet link over IPsec. */
  private hopNat(pair: V2vPair): ReachTranslation[] {
    const out: ReachTranslation[] = [];
    for (const c of [...pair.gh, ...pair.hg])
      if (c.gateway?.network) out.push(...this.natOf(c, c.gateway.network).translations);
    return out;
  }

  // --- why not -----------------------------------------------------------------------------------

  private explainNo(ea: ReachEntity, eb: ReachEntity, ka: string, kb: string): PairReach {
    const a = ea.id;
    const b = eb.id;
    const no = (code: ReachReasonCode, reason: string): PairReach => ({ a, b, status: "no", code, reason });
    // 1. A peering between them that carries no traffic.
    const direct = this.graph.peersOf(ka)?.get(kb);
    if (direct && direct.state!.state === "down") {
      const r = no(direct.state!.code!, direct.state!.reason!);
      return direct.state.rule ? { ...r, rule: direct.state.rule } : r;
    }
    // 2. A VNet-to-VNet link between their gateways with one direction only.
    const gwsA = this.gatewaysOf(ka);
    const gwsB = this.gatewaysOf(kb);
    for (const g of gwsA) {
      for (const h of gwsB) {
        const p = this.graph.gatewayLinksOf(g.key)?.get(h.key);
        if (p && p.state!.state === "down") return no(p.state!.code!, p.state!.reason!);
      }
    }
    // 3. A peered hub whose gateway reaches the other end, but gateway transit is not in use.
    for (const [end, other, kEnd, kOther] of [
      [ea, eb, ka, kb],
      [eb, ea, kb, ka],
    ] as const) {
      if (end.kind !== "network") continue;
      for (const [hubKey, pair] of this.graph.peersOf(kEnd) ?? []) {
        const nt = this.graph.notTransit(hubKey).find((t) => t.link === pair && t.spoke.key === kEnd);
        // Not listed as not using the hub's gateway when the spoke has no peering towards the hub: the
        // peering itself carries nothing (only the hub's direction exists).
        const down = !nt && pair.state!.state === "down" ? pair.state! : undefined;
        if (!nt && !down) continue;
        const hub = this.networkOf.get(hubKey)!;
        const reaches = hub.gateways.some((g) => this.gatewayReaches(g, kOther, other.kind));
        if (reaches && nt) {
          return no(
            nt.code,
            `${nt.why}; the gateway of ${hub.label} is what reaches ${other.kind} ${other.name}`,
          );
        }
        if (reaches && down) {
          return no(
            down.code!,
            `the peering between network ${end.name} and network ${hub.label} carries no traffic (${down.reason}); the gateway of ${hub.label} is what reaches ${other.kind} ${other.name}`,
          );
        }
      }
    }
    // 4. Both peered with a third network: peering is not transitive.
    if (ea.kind === "network" && eb.kind === "network") {
      const pa = this.graph.peersOf(ka);
      const pb = this.graph.peersOf(kb);
      if (pa && pb) {
        const [small, large] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
        const middles = [...small.keys()].filter((k) => {
          const p1 = small.get(k)!;
          const p2 = large.get(k);
          return p2 !== undefined && p1.state!.state !== "down" && p2.state!.state !== "down";
        });
        if (middles.length > 0) {
          const m = this.networkOf.get(middles.sort()[0])!;
          return no(
            "non-transitive",
            `network ${ea.name} and network ${eb.name} are both peered with network ${m.label}, but peering is not transitive: traffic does not cross ${m.label}`,
          );
        }
      }
    }
    if (ea.kind === "site" && eb.kind === "site") {
      return no(
        "no-link",
        `not connected: site ${ea.name} and site ${eb.name} are not connected to gateways that reach each other`,
      );
    }
    if (ea.kind === "network" && eb.kind === "network") {
      return no(
        "no-link",
        `not connected: no peering, VNet-to-VNet connection or gateway transit joins network ${ea.name} and network ${eb.name}`,
      );
    }
    const [net, site] = ea.kind === "network" ? [ea, eb] : [eb, ea];
    return no(
      "no-link",
      `not connected: no site-to-site connection reaches site ${site.name} from network ${net.name} or from a gateway it uses`,
    );
  }

  private gatewaysOf(k: string): GatewayM[] {
    const out: GatewayM[] = [];
    for (const att of this.graph.attachments(k) ?? []) out.push(att.gateway);
    const n = this.networkOf.get(k);
    if (n) for (const g of n.gateways) if (this.graph.isVpn(g) && !out.includes(g)) out.push(g);
    return out;
  }

  private gatewayReaches(g: GatewayM, k: string, kind: "network" | "site"): boolean {
    const reach = this.gwReach(g);
    if (kind === "site") return (this.siteConns(k) ?? []).some((c) => reach.has(c.gateway!.key));
    return (this.graph.attachments(k) ?? []).some((att) => att.gateway !== g && reach.has(att.gateway.key));
  }

  /**
   * User-defined routes on the source's subnets towards the target may forward traffic through an
   * appliance or a gateway (not modelled): a "no" between networks then becomes "unknown".
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#user-defined
   */
  private userRoutes(
    ea: ReachEntity,
    eb: ReachEntity,
    ka: string,
    kb: string,
    no: PairReach,
  ): PairReach | undefined {
    if (
      no.code === "access-disabled" ||
      no.code === "one-sided-peering" ||
      no.code === "v2v-missing-direction"
    )
      return undefined;
    const target = (k: string): Prefix[] => {
      const n = this.networkOf.get(k);
      const s = this.siteOf.get(k);
      const sp = n?.spaces ?? s?.spaces;
      return sp && sp.known ? sp.prefixes : [];
    };
    for (const [src, dst, ks, kd] of [
      [ea, eb, ka, kb],
      [eb, ea, kb, ka],
    ] as const) {
      const n = this.networkOf.get(ks);
      if (!n) continue;
      const prefixes = target(kd);
      for (const { subnet, route, text } of routesWithPrefix(n)) {
        const hit = prefixes.some((p) => {
          const q = tryPrefix(text);
          return q !== undefined && q.family === p.family && overlaps(p, q);
        });
        if (hit) {
          return {
            ...no,
            rule: undefined,
            status: "unknown",
            code: "user-defined-routes",
            reason: `${no.reason}; but route ${show(route.name)} (${text}) on subnet ${show(subnet.name)} of ${src.kind} ${src.name} sends traffic for ${dst.kind} ${dst.name} to a next hop the analysis does not model`,
          };
        }
      }
    }
    return undefined;
  }
}

/** The user-defined routes on a network's subnets whose address prefix is a text, in order. */
function routesWithPrefix(n: NetworkM): { subnet: SubnetM; route: RouteM; text: string }[] {
  const out: { subnet: SubnetM; route: RouteM; text: string }[] = [];
  for (const subnet of n.subnets) {
    for (const rt of subnet.routeTables) {
      for (const route of rt.table?.routes ?? []) {
        if (typeof route.addressPrefix === "string") out.push({ subnet, route, text: route.addressPrefix });
      }
    }
  }
  return out;
}

/** An intent in words: `network a must reach site b (reason)`. */
export function intentText(i: IntentM): string {
  const verb = i.kind === "mustReach" ? "must reach" : "must not reach";
  return `${i.from.text} ${verb} ${i.to.text}${i.reason ? ` (${i.reason})` : ""}`;
}

/**
 * An intent over groups in words: `groups prod and dev must not reach each other (reason)`, or with one
 * group so far `group prod must not reach any other group (reason)`.
 */
export function intentGroupsText(g: IntentGroupsM): string {
  const names = [...new Set(g.groups.map((x) => x.name))].sort(naturalCompare);
  const why = g.reason ? ` (${g.reason})` : "";
  if (names.length <= 1) return `group ${names[0] ?? "(none)"} must not reach any other group${why}`;
  return `groups ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} must not reach each other${why}`;
}

/**
 * The "must not reach" intent of one pair of an intent over groups: its reason names both groups, so the
 * pair's finding says why the two must stay apart.
 */
export function groupPairIntent(
  g: IntentGroupsM,
  fromGroup: string,
  from: IntentEndpointM,
  toGroup: string,
  to: IntentEndpointM,
): IntentM {
  const why = `${fromGroup} and ${toGroup}`;
  return {
    kind: "mustNotReach",
    path: g.path,
    from,
    to,
    reason: g.reason ? `${g.reason} (${why})` : `groups ${why} apart`,
  };
}

function tryPrefix(text: string): Prefix | undefined {
  const r = tryParsePrefix(text);
  return r.ok ? r.prefix : undefined;
}

function reverseSteps(steps: ReachStep[]): ReachStep[] {
  return [...steps].reverse().map((s) => ({ ...s, from: s.to, to: s.from }));
}

function stripUndefined<T extends object>(o: T): T {
  const out: any = {};
  // for-in over an object literal: no list of entries is made (called per entity, link and gateway).
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
