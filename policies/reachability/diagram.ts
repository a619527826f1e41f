/**
 * The topology as a diagram an engineer can paste into a design review: networks, sites and VPN
 * gateways as nodes, grouped in clusters per stack (and, inside a stack, per subscription and region
 * when it has several); peerings, gateway transit, VNet-to-VNet and site-to-site connections as edges,
 * with their NAT rules (direction, the side whose prefix they rewrite, the gateway they are on) and BGP;
 * gateways with SKU, active-active and ASN; sites with ASN; the intents drawn between their ends (must
 * reach / must not reach, met, broken or unknown); each finding labelled with its rule id on the node or
 * edge it is about, suppressed ones shown as such; a legend. Links that carry no traffic are dashed,
 * unknown ones dotted. Names are wrapped to fit their box and cut when very long; everything is in
 * natural order (spoke2 before spoke10), so the same topology always gives the same text.
 *
 * One graph, written as Mermaid text and as Graphviz DOT (rendered to SVG by `svg.ts`).
 *
 * Size: above {@link DIAGRAM_LIMIT} nodes, networks with a single peering and nothing else (spokes)
 * are drawn as one node per hub and cluster ("120 networks, spoke1 … spoke120"), and above
 * {@link LINKS_DRAWN_LIMIT} links each full mesh of networks is one node ("full mesh of 60 networks"),
 * so the diagram stays readable and bounded. Above {@link INTENTS_DRAWN_LIMIT} intents, only those
 * that do not hold are drawn, broken ones first, up to that many; the legend says how many are not
 * drawn, and the matrix JSON lists them all.
 */
import { Finding } from "../finding";
import {
  IntentAnswer,
  ReachEntity,
  ReachabilityAnalysis,
  ReachTranslation,
  TopologyGateway,
} from "./analysis";
import { naturalCompare } from "./describe";
import { cut, dotText, mermaidText, wrap } from "./escape";

/** Most nodes drawn one by one. */
export const DIAGRAM_LIMIT = 150;

/**
 * Most links drawn one by one: above, each full mesh of networks (at least {@link MESH_MIN}, every pair
 * peered and carrying traffic, nothing else on them) is drawn as one node. A mesh of 60 networks is
 * 1,770 peerings, which Graphviz did not lay out within two minutes (30: 435 peerings, 8 seconds).
 */
export const LINKS_DRAWN_LIMIT = 150;

/** Fewest networks of a full mesh drawn as one node. */
const MESH_MIN = 4;

/**
 * Most intents drawn. Every intent is an edge between its two ends, and an end drawn for an intent is
 * never collapsed with the other spokes: thousands of intents (10,000 when environments were kept apart
 * one intent per pair of 200 spokes) are more than a reader can follow or Graphviz can lay out in
 * reasonable time.
 */
export const INTENTS_DRAWN_LIMIT = 40;

/** A finding as the diagram labels it. */
export interface DiagramFinding {
  /** Rule id. */
  readonly ruleId: string;
  /** Error or warning. */
  readonly severity: Finding["severity"];
  /** Accepted with a suppression: drawn as such, never as a problem. */
  readonly suppressed: boolean;
  /** Construct path of the finding. */
  readonly path: string;
}

/** A cluster of nodes: a stack, or a subscription or region inside one. */
export interface TopologyCluster {
  /** Cluster id in the diagram texts. */
  readonly id: string;
  /** Its label. */
  readonly label: string;
  /** The enclosing cluster, when nested. */
  readonly parent?: string;
}

/** A node of the drawn topology: a network, a site, a gateway, or a group of collapsed spokes. */
export interface TopologyNode {
  /** Node id in the diagram texts. */
  readonly id: string;
  /** Entity or gateway id it stands for. */
  readonly key: string;
  /** What it stands for. */
  readonly kind: "network" | "site" | "gateway" | "group";
  /** Label lines (wrapped). */
  readonly lines: string[];
  /** The innermost cluster it is drawn in. */
  readonly cluster?: string;
  /** Findings about it. */
  readonly findings: DiagramFinding[];
  /** Drawn as a finding (an unsuppressed finding is about it). */
  highlighted: boolean;
}

/** An edge of the drawn topology. */
export interface TopologyEdge {
  /** Node id of one end. */
  readonly from: string;
  /** Node id of the other end. */
  readonly to: string;
  /** What kind of link it draws (`intent`: a reachability intent between its ends). */
  readonly kind: "peering" | "transit" | "vnet-to-vnet" | "site-to-site" | "hosts" | "intent";
  /** Whether the link carries traffic. */
  readonly state: "up" | "down" | "unknown";
  /** Edge label (lines separated by `\n`). */
  readonly label: string;
  /** Findings about the link. */
  readonly findings: DiagramFinding[];
  /** For an intent: which, and whether it is met. */
  readonly intent?: { readonly kind: IntentAnswer["kind"]; readonly outcome: "met" | "broken" | "unknown" };
  /** Drawn as a finding. */
  highlighted: boolean;
}

/** The graph both writers draw. */
export interface TopologyGraph {
  /** Clusters, outer ones first. */
  readonly clusters: readonly TopologyCluster[];
  /** The nodes, cluster by cluster, in natural order. */
  readonly nodes: readonly TopologyNode[];
  /** The edges. */
  readonly edges: readonly TopologyEdge[];
  /** Findings about nothing drawn (a subnet's NSG, a NAT rule, ...): listed under the legend. */
  readonly elsewhere: readonly DiagramFinding[];
  /**
   * Intents not drawn (more than {@link INTENTS_DRAWN_LIMIT}), by outcome: the legend counts them.
   * Absent when every intent is drawn.
   */
  readonly intentsNotDrawn?: { readonly met: number; readonly broken: number; readonly unknown: number };
  /**
   * Intents over groups apart that have pairs, with how many are met, broken and unknown: the legend has
   * a line for each (the pairs that are not met are drawn as intents). Absent when there are none.
   */
  readonly intentGroups?: readonly {
    readonly text: string;
    readonly met: number;
    readonly broken: number;
    readonly unknown: number;
  }[];
}

function spacesLine(spaces: ReachEntity["spaces"]): string {
  return Array.isArray(spaces)
    ? (spaces as string[]).join(", ") || "(no address space)"
    : "(address space unknown)";
}

function findingLine(f: DiagramFinding): string {
  return f.suppressed ? `${f.ruleId} (suppressed)` : `⚠ ${f.ruleId}`;
}

const bare = (id: string) => id.slice(id.indexOf(":") + 1);

/** The construct path of a resource's construct: its path without a final `/Resource`. */
const constructOf = (p: string) => p.replace(/\/Resource$/, "");

function natLine(t: ReachTranslation): string {
  return `${t.mode === "EgressSnat" ? "egress" : "ingress"} NAT on ${cut(bare(t.gateway), 30)}: ${cut(bare(t.of), 30)} ${t.original} → ${t.translated}`;
}

function gatewayLines(g: TopologyGateway): string[] {
  const kind = [g.sku ?? "VPN gateway", ...(g.activeActive ? ["active-active"] : [])].join(", ");
  const bgp = g.bgp ? [g.asn !== undefined ? `BGP, ASN ${g.asn}` : "BGP"] : [];
  return [...wrap(g.name), kind, ...bgp];
}

/** Clusters per stack, then subscription and region where a stack has several. */
class Clusters {
  public readonly list: TopologyCluster[] = [];
  private readonly byPath = new Map<string, string>();

  constructor(items: readonly { stack?: string; subscription?: string; location?: string }[]) {
    const stacks = new Map<string, { subs: Set<string>; regions: Map<string, Set<string>> }>();
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const st = it.stack ?? "";
      const s = stacks.get(st) ?? { subs: new Set(), regions: new Map() };
      const sub = it.subscription ?? "";
      s.subs.add(sub);
      const r = s.regions.get(sub) ?? new Set();
      r.add(it.location ?? "");
      s.regions.set(sub, r);
      stacks.set(st, s);
    }
    this.layout = new Map();
    for (const [st, s] of stacks) {
      const oneSub = s.subs.size === 1;
      const regions = new Set([...s.regions.values()].flatMap((r) => [...r]));
      this.layout.set(st, { oneSub, oneRegion: regions.size === 1, regions: s.regions });
    }
  }

  private readonly layout: Map<
    string,
    { oneSub: boolean; oneRegion: boolean; regions: Map<string, Set<string>> }
  >;

  private readonly labelCache = new Map<string, string[]>();

  /** The label path of an item's cluster: stack, then subscription and region when needed. */
  public labels(it: { stack?: string; subscription?: string; location?: string }): string[] {
    const k = `${it.stack ?? ""}\u0000${it.subscription ?? ""}\u0000${it.location ?? ""}`;
    let out = this.labelCache.get(k);
    if (!out) {
      out = this.computeLabels(it);
      this.labelCache.set(k, out);
    }
    return out;
  }

  private computeLabels(it: { stack?: string; subscription?: string; location?: string }): string[] {
    const st = it.stack ?? "";
    const l = this.layout.get(st)!;
    const sub = it.subscription ?? "";
    const region = it.location ?? "";
    const shortSub = sub
      ? `subscription ${sub.length > 13 ? `${sub.slice(0, 8)}…` : sub}`
      : "subscription not known";
    const head = st ? `stack ${cut(st, 40)}` : "outside the app (known by id)";
    const extra: string[] = [];
    if (l.oneSub && sub) extra.push(shortSub);
    if (l.oneRegion && region) extra.push(region);
    const out = [[head, ...extra].join(" · ")];
    if (!l.oneSub) out.push(shortSub);
    if (!l.oneRegion && (l.oneSub || l.regions.get(sub)!.size > 1)) out.push(region || "region not known");
    else if (!l.oneRegion && region) out[out.length - 1] += ` · ${region}`;
    return out;
  }

  /** Registers the clusters of the label paths, in natural order; returns each path's innermost id. */
  public assign(paths: readonly string[][]): void {
    const unique = new Map<string, string[]>();
    for (const p of paths)
      for (let i = 1; i <= p.length; i++) unique.set(p.slice(0, i).join("\u0000"), p.slice(0, i));
    const sorted = [...unique.values()].sort((a, b) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = naturalCompare(a[i], b[i]);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    });
    for (const p of sorted) {
      const id = `c${this.list.length}`;
      const key = p.join("\u0000");
      this.byPath.set(key, id);
      const parent = p.length > 1 ? this.byPath.get(p.slice(0, -1).join("\u0000")) : undefined;
      this.list.push({ id, label: p[p.length - 1], ...(parent ? { parent } : {}) });
    }
  }

  public idOf(path: readonly string[]): string | undefined {
    return this.byPath.get(path.join("\u0000"));
  }
}

/**
 * Where each finding is drawn: the node or link whose resource it is about, or nowhere. Only the paths
 * the findings could be under are kept (a clean topology of thousands of networks keeps none).
 */
class Placement {
  private readonly targets = new Map<string, string>();
  private readonly wanted = new Set<string>();

  constructor(paths: readonly string[]) {
    for (const path of paths) {
      let p = path;
      for (;;) {
        this.wanted.add(p);
        const i = p.lastIndexOf("/");
        if (i <= 0) break;
        p = p.slice(0, i);
      }
    }
  }

  /** `target` (a node key or `link:<n>`) owns the resource at `path` and everything under it. */
  public own(path: string, target: string): void {
    if (this.wanted.has(path) && !this.targets.has(path)) this.targets.set(path, target);
  }

  /** The target that owns the path, or the nearest enclosing one. */
  public find(path: string): string | undefined {
    let p = path;
    for (;;) {
      const t = this.targets.get(p);
      if (t !== undefined) return t;
      const i = p.lastIndexOf("/");
      if (i <= 0) return undefined;
      p = p.slice(0, i);
    }
  }
}

/**
 * Builds the graph (deterministic: clusters, nodes and edges in natural order). Findings are placed on
 * what they are about; intents come from the analysis, drawn between their ends.
 */
export function topologyGraph(a: ReachabilityAnalysis, findings: readonly Finding[] = []): TopologyGraph {
  const entities = a.entities;
  const entityIndex = new Map(entities.map((e) => [e.id, e]));

  // --- where findings go -----------------------------------------------------------------------
  // (Nothing to place without findings: a clean topology of thousands of networks skips it.)
  const placement = new Placement(findings.map((f) => f.path));
  if (findings.length > 0) {
    a.links.forEach((l, i) => {
      for (const p of l.paths) placement.own(p, `link:${i}`);
    });
    for (const e of entities) {
      placement.own(e.path, e.id);
      placement.own(constructOf(e.path), e.id);
    }
    for (const g of a.gateways) {
      placement.own(g.path, g.id);
      placement.own(constructOf(g.path), g.id);
    }
  }
  // A finding about a resource not drawn (a subnet's NSG association, ...) goes on the network or site
  // its values name, when they name exactly one.
  const byName = new Map<string, string[]>();
  if (findings.length > 0)
    for (const e of entities) {
      for (const k of [e.name, `${e.kind} ${e.name}`]) {
        const ids = byName.get(k);
        if (ids) ids.push(e.id);
        else byName.set(k, [e.id]);
      }
    }
  const byValues = (f: Finding): string | undefined => {
    const hits = new Set<string>();
    for (const [k, v] of Object.entries(f.values ?? {})) {
      if (!/network|site/i.test(k)) continue;
      for (const id of byName.get(v) ?? []) hits.add(id);
    }
    return hits.size === 1 ? [...hits][0] : undefined;
  };
  const byTarget = new Map<string, DiagramFinding[]>();
  const elsewhere: DiagramFinding[] = [];
  const intentFindings = new Map<string, DiagramFinding[]>();
  for (const f of findings) {
    const d: DiagramFinding = {
      ruleId: f.ruleId,
      severity: f.severity,
      suppressed: f.suppressed,
      path: f.path,
    };
    if (f.ruleId === "Reachability.Intent" && f.values?.intent !== undefined) {
      // With the ends' entity ids: two intents can read alike (two networks of one name).
      const k = `${f.path}\u0000${f.values.kind}\u0000${f.values.intent}\u0000${f.values.from ?? ""}\u0000${f.values.to ?? ""}`;
      intentFindings.set(k, [...(intentFindings.get(k) ?? []), d]);
      continue;
    }
    const t = placement.find(f.path) ?? byValues(f);
    if (t === undefined) elsewhere.push(d);
    else byTarget.set(t, [...(byTarget.get(t) ?? []), d]);
  }
  const on = (key: string) => byTarget.get(key) ?? [];
  const active = (fs: readonly DiagramFinding[]) => fs.some((f) => !f.suppressed);

  // --- collapsed spokes --------------------------------------------------------------------------
  // A gateway is drawn in its network's cluster; one without a known network in its own stack's.
  const clusters = new Clusters([...entities, ...a.gateways.filter((g) => g.network === undefined)]);
  const clusterLabels = new Map<string, string[]>();
  entities.forEach((e) => clusterLabels.set(e.id, clusters.labels(e)));
  for (const g of a.gateways) {
    const net = g.network ? entityIndex.get(g.network) : undefined;
    clusterLabels.set(g.id, clusters.labels(net ?? g));
  }
  const degree = new Map<string, number>();
  a.links.forEach((l) => {
    degree.set(l.a, (degree.get(l.a) ?? 0) + 1);
    degree.set(l.b, (degree.get(l.b) ?? 0) + 1);
  });
  const withGateway = new Set(a.gateways.map((g) => g.network).filter((n): n is string => n !== undefined));
  const { drawn: drawnIntents, notDrawn: intentsNotDrawn } = intentsToDraw(a.intents);
  const intentEnds = new Set(drawnIntents.flatMap((i) => [i.from, i.to]));
  const groupOf = new Map<string, string>();
  const groups = new Map<
    string,
    { hub: string; members: string[]; state: TopologyEdge["state"]; transit: boolean; cluster: string[] }
  >();
  if (entities.length + a.gateways.length > DIAGRAM_LIMIT) {
    a.links.forEach((l, i) => {
      if (l.kind !== "peering" || on(`link:${i}`).length > 0) return;
      // Each end in turn as the spoke (no pair built or destructured per link: thousands of links).
      for (let k = 0; k < 2; k++) {
        const spoke = k === 0 ? l.a : l.b;
        const hub = k === 0 ? l.b : l.a;
        if (
          degree.get(spoke) !== 1 ||
          (degree.get(hub) ?? 0) <= 1 ||
          withGateway.has(spoke) ||
          on(spoke).length > 0 ||
          intentEnds.has(spoke)
        )
          continue;
        const transit = l.transitFrom === spoke;
        const cluster = clusterLabels.get(spoke)!;
        const gk = [hub, l.state, String(transit), ...cluster].join("\u0000");
        const g = groups.get(gk) ?? { hub, members: [], state: l.state, transit, cluster };
        g.members.push(spoke);
        groups.set(gk, g);
        groupOf.set(spoke, gk);
      }
    });
  }

  // --- full meshes -------------------------------------------------------------------------------
  // Networks whose peers, with themselves, are the same set (in one cluster) are each peered with every
  // other: a full mesh. Drawn as one node when the links are too many to draw, if nothing on them needs
  // its own edge (every peering up and without gateway transit, no finding, no gateway, no intent).
  const meshOf = new Map<string, string>();
  const meshes = new Map<string, { members: string[]; cluster: string[] }>();
  if (a.links.length > LINKS_DRAWN_LIMIT) {
    const peers = new Map<string, string[]>();
    const plain = new Set(entities.filter((e) => e.kind === "network").map((e) => e.id));
    a.links.forEach((l, i) => {
      const simple =
        l.kind === "peering" &&
        l.state === "up" &&
        l.transitFrom === undefined &&
        on(`link:${i}`).length === 0;
      for (let k = 0; k < 2; k++) {
        const x = k === 0 ? l.a : l.b;
        const y = k === 0 ? l.b : l.a;
        if (!simple) plain.delete(x);
        else {
          const list = peers.get(x);
          if (list) list.push(y);
          else peers.set(x, [y]);
        }
      }
    });
    for (const id of plain) {
      if (groupOf.has(id) || withGateway.has(id) || on(id).length > 0 || intentEnds.has(id)) continue;
      const closed = [...new Set([id, ...(peers.get(id) ?? [])])].sort();
      const cluster = clusterLabels.get(id)!;
      const mk = [...cluster, "", ...closed].join("\u0000");
      const m = meshes.get(mk) ?? { members: [], cluster };
      m.members.push(id);
      meshes.set(mk, m);
    }
    for (const [mk, m] of meshes) {
      if (m.members.length < MESH_MIN) meshes.delete(mk);
      else for (const id of m.members) meshOf.set(id, mk);
    }
  }

  // --- clusters and nodes ------------------------------------------------------------------------
  interface Draft {
    key: string;
    kind: TopologyNode["kind"];
    name: string;
    lines: string[];
    cluster: string[];
    findings: DiagramFinding[];
  }
  const drafts: Draft[] = [];
  for (const e of entities) {
    if (groupOf.has(e.id) || meshOf.has(e.id)) continue;
    const lines = [...wrap(e.name), ...wrap(spacesLine(e.spaces), 32)];
    if (e.kind === "site" && e.asn !== undefined) lines.push(`BGP, ASN ${e.asn}`);
    drafts.push({
      key: e.id,
      kind: e.kind,
      name: e.name,
      lines,
      cluster: clusterLabels.get(e.id)!,
      findings: on(e.id),
    });
  }
  for (const g of a.gateways) {
    drafts.push({
      key: g.id,
      kind: "gateway",
      name: g.name,
      lines: gatewayLines(g),
      cluster: clusterLabels.get(g.id)!,
      findings: on(g.id),
    });
  }
  for (const [gk, g] of groups) {
    const names = g.members.map((m) => entityIndex.get(m)!.name).sort(naturalCompare);
    drafts.push({
      key: `group:${gk}`,
      kind: "group",
      name: names[0],
      lines: [`${names.length} networks`, ...wrap(`${names[0]} … ${names[names.length - 1]}`)],
      cluster: g.cluster,
      findings: [],
    });
  }
  for (const [mk, m] of meshes) {
    const names = m.members.map((x) => entityIndex.get(x)!.name).sort(naturalCompare);
    drafts.push({
      key: `mesh:${mk}`,
      kind: "group",
      name: names[0],
      lines: [`full mesh of ${names.length} networks`, ...wrap(`${names[0]} … ${names[names.length - 1]}`)],
      cluster: m.cluster,
      findings: [],
    });
  }
  clusters.assign(drafts.map((d) => d.cluster));
  const kindOrder: Record<TopologyNode["kind"], number> = { network: 0, group: 1, gateway: 2, site: 3 };
  const clusterIndex = (d: Draft) => Number(clusters.idOf(d.cluster)!.slice(1));
  drafts.sort(
    (p, q) =>
      clusterIndex(p) - clusterIndex(q) ||
      kindOrder[p.kind] - kindOrder[q.kind] ||
      naturalCompare(p.name, q.name) ||
      naturalCompare(p.key, q.key),
  );
  const nodes: TopologyNode[] = [];
  const nodeId = new Map<string, string>();
  for (const d of drafts) {
    const id = `n${nodes.length}`;
    nodes.push({
      id,
      key: d.key,
      kind: d.kind,
      lines: [...d.lines, ...d.findings.map(findingLine)],
      cluster: clusters.idOf(d.cluster),
      findings: d.findings,
      highlighted: active(d.findings),
    });
    nodeId.set(d.key, id);
  }
  const nodeOf = (entity: string) => {
    const gk = groupOf.get(entity);
    const mk = meshOf.get(entity);
    return nodeId.get(gk !== undefined ? `group:${gk}` : mk !== undefined ? `mesh:${mk}` : entity);
  };

  // --- edges ---------------------------------------------------------------------------------------
  const edges: TopologyEdge[] = [];
  const push = (e: Omit<TopologyEdge, "from" | "to"> & { from?: string; to?: string }) => {
    if (e.from !== undefined && e.to !== undefined) edges.push(e as TopologyEdge);
  };
  for (const g of a.gateways) {
    if (g.network)
      push({
        from: nodeOf(g.network),
        to: nodeId.get(g.id),
        kind: "hosts",
        state: "up",
        label: "",
        findings: [],
        highlighted: false,
      });
  }
  const doneGroups = new Set<string>();
  // A mesh's own peerings are its node; each neighbour outside it gets one edge from the mesh.
  const meshEdges = new Map<string, number>();
  // (Asked of every link only when there is a mesh: thousands of links at scale.)
  if (meshes.size > 0)
    a.links.forEach((l) => {
      const ma = meshOf.get(l.a);
      const mb = meshOf.get(l.b);
      if (ma === undefined && mb === undefined) return;
      if (ma !== undefined && ma === mb) return;
      const ends = [nodeOf(l.a)!, nodeOf(l.b)!].sort().join(" ");
      meshEdges.set(ends, (meshEdges.get(ends) ?? 0) + 1);
    });
  for (const [ends, count] of meshEdges) {
    const [from, to] = ends.split(" ");
    push({
      from,
      to,
      kind: "peering",
      state: "up",
      label: count === 1 ? "peering" : `${count} peerings`,
      findings: [],
      highlighted: false,
    });
  }
  a.links.forEach((l, i) => {
    if (meshOf.has(l.a) || meshOf.has(l.b)) return;
    const fs = on(`link:${i}`);
    const labelOf = (lines: string[]) => [...lines, ...fs.map(findingLine)].join("\n");
    const stateText = l.state === "up" ? "" : l.state === "down" ? " (no traffic)" : " (unknown)";
    if (l.kind === "peering") {
      const gk = groupOf.get(l.a) ?? groupOf.get(l.b);
      if (gk !== undefined) {
        if (doneGroups.has(gk)) return;
        doneGroups.add(gk);
        const g = groups.get(gk)!;
        push({
          from: nodeId.get(`group:${gk}`),
          to: nodeOf(g.hub),
          kind: g.transit ? "transit" : "peering",
          state: g.state,
          label: `${g.transit ? "peering, gateway transit" : "peering"}${g.state === "up" ? "" : ` (${g.state === "down" ? "no traffic" : "unknown"})`}`,
          findings: [],
          highlighted: false,
        });
        return;
      }
      const transit = l.transitFrom !== undefined;
      const [from, to] = l.transitFrom === l.b ? [l.b, l.a] : [l.a, l.b];
      push({
        from: nodeOf(from),
        to: nodeOf(to),
        kind: transit ? "transit" : "peering",
        state: l.state,
        label: labelOf([`${transit ? "peering, gateway transit" : "peering"}${stateText}`]),
        findings: fs,
        highlighted: active(fs),
      });
    } else if (l.kind === "vnet-to-vnet") {
      push({
        from: nodeId.get(l.a),
        to: nodeId.get(l.b),
        kind: "vnet-to-vnet",
        state: l.state,
        label: labelOf([
          `VNet-to-VNet${l.overIpsec ? " over IPsec" : ""}${l.bgp ? ", BGP" : ""}${stateText}`,
          ...(l.nat ?? []).map(natLine),
        ]),
        findings: fs,
        highlighted: active(fs),
      });
    } else {
      const gw = a.gateways.find((g) => g.network === l.a || g.id === l.a);
      push({
        from: nodeId.get(gw?.id ?? l.a) ?? nodeOf(l.a),
        to: nodeOf(l.b),
        kind: "site-to-site",
        state: l.state,
        label: labelOf([`site-to-site${l.bgp ? ", BGP" : ""}${stateText}`, ...(l.nat ?? []).map(natLine)]),
        findings: fs,
        highlighted: active(fs),
      });
    }
  });
  for (const i of drawnIntents) {
    const fs =
      intentFindings.get(`${i.path}\u0000${i.kind}\u0000${i.text}\u0000${i.from}\u0000${i.to}`) ?? [];
    const outcome = i.status === "holds" ? "met" : i.status === "broken" ? "broken" : "unknown";
    push({
      from: nodeOf(i.from),
      to: nodeOf(i.to),
      kind: "intent",
      state: i.answer?.status === "yes" ? "up" : i.answer?.status === "no" ? "down" : "unknown",
      label: [
        `${i.kind === "mustReach" ? "must reach" : "must not reach"}: ${outcome}`,
        ...fs.map(findingLine),
      ].join("\n"),
      findings: fs,
      intent: { kind: i.kind, outcome },
      highlighted: active(fs),
    });
  }
  return {
    clusters: clusters.list,
    nodes,
    edges,
    elsewhere,
    ...(intentsNotDrawn ? { intentsNotDrawn } : {}),
    // An intent over groups with no pair yet (one group in the app) has nothing to draw or count: the
    // Markdown and the matrix JSON still list it.
    ...(a.intentGroups.some((g) => g.pairs > 0)
      ? {
          intentGroups: a.intentGroups
            .filter((g) => g.pairs > 0)
            .map((g) => ({
              text: g.text,
              met: g.holding,
              broken: g.broken,
              unknown: g.unknown,
            })),
        }
      : {}),
  };
}

/**
 * The intents the diagram draws: all of them (those whose ends were found) up to
 * {@link INTENTS_DRAWN_LIMIT}; beyond, broken ones, then unknown ones, up to the limit, and none that
 * holds. With how many of each outcome are left out.
 */
function intentsToDraw(intents: readonly IntentAnswer[]): {
  drawn: IntentAnswer[];
  notDrawn?: { met: number; broken: number; unknown: number };
} {
  const drawable = intents.filter((i) => i.status !== "not-found");
  if (drawable.length <= INTENTS_DRAWN_LIMIT) return { drawn: drawable };
  const broken = drawable.filter((i) => i.status === "broken");
  const unknown = drawable.filter((i) => i.status !== "broken" && i.status !== "holds");
  const drawn = [...broken, ...unknown].slice(0, INTENTS_DRAWN_LIMIT);
  const left = (list: IntentAnswer[]) => list.filter((i) => !drawn.includes(i)).length;
  return {
    drawn,
    notDrawn: {
      met: drawable.length - broken.length - unknown.length,
      broken: left(broken),
      unknown: left(unknown),
    },
  };
}

/**
 * The legend's lines about intents: one per intent over groups (its pairs met are counted, not drawn),
 * and one about the intents not drawn, when some are not.
 */
function intentLines(graph: TopologyGraph): string[] {
  const counts = (n: { met: number; broken: number; unknown: number }) =>
    [
      n.broken > 0 ? `${n.broken} broken` : "",
      n.unknown > 0 ? `${n.unknown} unknown` : "",
      n.met > 0 ? `${n.met} met` : "",
    ].filter((x) => x !== "");
  const out = (graph.intentGroups ?? []).map((g) => {
    const parts = counts(g);
    return `Intent over groups: ${cut(g.text, 120)}: ${parts.length > 0 ? `pairs ${parts.join(", ")} (met ones not drawn)` : "no pair"}`;
  });
  const n = graph.intentsNotDrawn;
  if (n) {
    out.push(
      `Intents not drawn (over ${INTENTS_DRAWN_LIMIT}, unmet ones first): ${counts(n).join(", ")}; the matrix JSON lists them all`,
    );
  }
  return out;
}

// --- colours ---------------------------------------------------------------------------------------

const RED = "#c53030";
const ORANGE = "#c05621";
const GREEN = "#2f855a";
const GREY = "#718096";

function findingColor(fs: readonly DiagramFinding[]): string | undefined {
  const live = fs.filter((f) => !f.suppressed);
  if (live.some((f) => f.severity === "error")) return RED;
  if (live.length > 0) return ORANGE;
  return fs.length > 0 ? GREY : undefined;
}

const INTENT_COLOR = { met: GREEN, broken: RED, unknown: ORANGE } as const;

/** The lines under the legend that list findings drawn nowhere. */
function elsewhereLines(graph: TopologyGraph): string[] {
  if (graph.elsewhere.length === 0) return [];
  const shown = graph.elsewhere.slice(0, 8).map((f) => `${findingLine(f)} at ${cut(f.path, 48)}`);
  const more =
    graph.elsewhere.length > 8 ? [`… and ${graph.elsewhere.length - 8} more (see the report)`] : [];
  return ["Findings on resources not drawn:", ...shown, ...more];
}

// --- Mermaid -----------------------------------------------------------------------------------------

/** Mermaid flowchart text. */
export function toMermaid(graph: TopologyGraph): string {
  const out = ["flowchart LR"];
  const shape = (n: TopologyNode) => {
    const label = `"${mermaidText(n.lines)}"`;
    return n.kind === "site"
      ? `[(${label})]`
      : n.kind === "gateway"
        ? `{{${label}}}`
        : n.kind === "group"
          ? `[[${label}]]`
          : `[${label}]`;
  };
  const children = (parent: string | undefined) => graph.clusters.filter((c) => c.parent === parent);
  const emit = (cluster: string | undefined, indent: string) => {
    for (const n of graph.nodes.filter((x) => x.cluster === cluster)) out.push(`${indent}${n.id}${shape(n)}`);
    for (const c of children(cluster)) {
      out.push(`${indent}subgraph ${c.id}["${mermaidText([c.label])}"]`);
      emit(c.id, `${indent}  `);
      out.push(`${indent}end`);
    }
  };
  emit(undefined, "  ");
  graph.edges.forEach((e) => {
    const label = e.label ? `|"${mermaidText(e.label.split("\n"))}"|` : "";
    const arrow =
      e.kind === "intent"
        ? e.intent!.kind === "mustReach"
          ? "-.->"
          : "-.-x"
        : e.kind === "hosts"
          ? "---"
          : e.state === "down"
            ? "-.-x"
            : e.state === "unknown"
              ? "-.-"
              : e.kind === "vnet-to-vnet"
                ? "<==>"
                : e.kind === "transit"
                  ? "-->"
                  : "<-->";
    out.push(`  ${e.from} ${arrow}${label} ${e.to}`);
  });
  // The legend: one node per kind and a line per style.
  const legend = [
    "Legend",
    "box: network · cylinder: site · hexagon: VPN gateway · double box: collapsed spokes or full mesh",
    "solid: carries traffic · x / dotted: no traffic / unknown · thick: VNet-to-VNet · arrow: gateway transit (spoke → hub)",
    "dotted arrow: intent (green met, red broken, orange unknown) · red outline or line: finding (⚠ rule id) · grey: suppressed",
    ...intentLines(graph),
    ...elsewhereLines(graph),
  ];
  out.push(`  legend["${mermaidText(legend)}"]`);
  out.push("  classDef network fill:#e8f1fb,stroke:#2b6cb0");
  out.push("  classDef site fill:#f0f0f0,stroke:#555");
  out.push("  classDef gateway fill:#fff5d6,stroke:#b7791f");
  out.push("  classDef group fill:#e8f1fb,stroke:#2b6cb0,stroke-dasharray:4 2");
  out.push("  classDef legend fill:#ffffff,stroke:#a0aec0,text-align:left");
  out.push(`  classDef finding stroke:${RED},stroke-width:3px`);
  out.push(`  classDef warned stroke:${ORANGE},stroke-width:3px`);
  out.push(`  classDef suppressed stroke:${GREY},stroke-width:2px,stroke-dasharray:3 3`);
  for (const kind of ["network", "site", "gateway", "group"] as const) {
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    if (ids.length > 0) out.push(`  class ${ids.join(",")} ${kind}`);
  }
  out.push("  class legend legend");
  for (const [cls, color] of [
    ["finding", RED],
    ["warned", ORANGE],
    ["suppressed", GREY],
  ] as const) {
    const ids = graph.nodes.filter((n) => findingColor(n.findings) === color).map((n) => n.id);
    if (ids.length > 0) out.push(`  class ${ids.join(",")} ${cls}`);
  }
  graph.edges.forEach((e, i) => {
    const color = e.intent ? INTENT_COLOR[e.intent.outcome] : findingColor(e.findings);
    if (color) out.push(`  linkStyle ${i} stroke:${color},stroke-width:${e.intent ? 2 : 3}px`);
  });
  return out.join("\n") + "\n";
}

// --- DOT -------------------------------------------------------------------------------------------

const NODE_STYLE: Record<TopologyNode["kind"], [string, string]> = {
  network: ['shape=box, style="rounded,filled", fillcolor="#e8f1fb"', "#2b6cb0"],
  site: ['shape=cylinder, style=filled, fillcolor="#f0f0f0"', "#555555"],
  gateway: ['shape=hexagon, style=filled, fillcolor="#fff5d6"', "#b7791f"],
  group: ['shape=box3d, style=filled, fillcolor="#e8f1fb"', "#2b6cb0"],
};

/** The legend: a table (a Graphviz HTML-like label) with a sample of each node, line and colour. */
function dotLegend(graph: TopologyGraph): string {
  const esc = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const row = (sample: string, text: string, color = "#1a202c") =>
    `<TR><TD ALIGN="LEFT"><FONT COLOR="${color}">${esc(sample)}</FONT></TD><TD WIDTH="10"></TD><TD ALIGN="LEFT">${esc(text)}</TD><TD WIDTH="70"></TD></TR>`;
  const rows = [
    `<TR><TD COLSPAN="4"><B>Legend</B></TD></TR>`,
    row("box", "network (name, address spaces)", "#2b6cb0"),
    row("cylinder", "site: local network gateway (address spaces, BGP ASN)", "#555555"),
    row("hexagon", "VPN gateway (SKU, active-active, BGP ASN)", "#b7791f"),
    row("3-D box", "spokes of one hub, or a full mesh, drawn as one node (first … last)", "#2b6cb0"),
    row("frame", "stack (and subscription, region where a stack has several)", "#4a5568"),
    row("────", "link that carries traffic"),
    row("━━━━", "VNet-to-VNet"),
    row("───▶", "gateway transit (spoke uses the hub's gateway)"),
    row("─ ─ ─", "no traffic (one direction only, access off, refused)", "#888888"),
    row("·····", "unknown before apply"),
    row("- - ▶", "intent: must reach", GREEN),
    row("- - ⊣", "intent: must not reach (green met, red broken, orange unknown)", RED),
    row("⚠ Rule.Id", "finding on that node or link (red error, orange warning)", RED),
    row("(suppressed)", "Rule.Id (suppressed): a finding accepted with a suppression", GREY),
    row("NAT", "egress NAT rewrites the network side, ingress NAT the far side"),
    ...intentLines(graph).map((l) => `<TR><TD COLSPAN="4" ALIGN="LEFT">${esc(l)}</TD></TR>`),
    ...elsewhereLines(graph).map((l, i) =>
      i === 0
        ? `<TR><TD COLSPAN="4" ALIGN="LEFT"><B>${esc(l)}</B></TD></TR>`
        : `<TR><TD COLSPAN="4" ALIGN="LEFT">${esc(l)}</TD></TR>`,
    ),
  ];
  return `  legend [shape=plaintext, style="", label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="#a0aec0">${rows.join("")}</TABLE>>];`;
}

/** Graphviz DOT text. */
export function toDot(graph: TopologyGraph): string {
  const out = [
    "graph topology {",
    '  graph [rankdir=LR, fontname="Helvetica", bgcolor="white", newrank=true, nodesep=0.3, ranksep=0.6];',
    '  node [fontname="Helvetica", fontsize=11, margin="0.2,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const children = (parent: string | undefined) => graph.clusters.filter((c) => c.parent === parent);
  const emitNodes = (cluster: string | undefined, indent: string) => {
    for (const n of graph.nodes.filter((x) => x.cluster === cluster)) {
      const [shape, color] = NODE_STYLE[n.kind];
      const fc = findingColor(n.findings);
      const stroke =
        fc === GREY
          ? `color="${GREY}", penwidth=2, peripheries=2`
          : fc
            ? `color="${fc}", penwidth=3`
            : `color="${color}"`;
      out.push(`${indent}${n.id} [label="${dotText(n.lines)}", ${shape}, ${stroke}];`);
    }
  };
  const emitCluster = (c: TopologyCluster, indent: string) => {
    out.push(`${indent}subgraph cluster_${c.id} {`);
    out.push(
      `${indent}  graph [label="${dotText([c.label])}", labeljust=l, style="rounded,dashed", color="#a0aec0", fontcolor="#4a5568", fontsize=10];`,
    );
    emitNodes(c.id, `${indent}  `);
    for (const inner of children(c.id)) emitCluster(inner, `${indent}  `);
    out.push(`${indent}}`);
  };
  emitNodes(undefined, "  ");
  // Graphviz stacks unconnected parts bottom-up in the order they come: the top-level clusters go in
  // reverse natural order, so that the first is drawn at the top, and the legend last (above them).
  for (const c of [...children(undefined)].reverse()) emitCluster(c, "  ");
  for (const e of graph.edges) {
    const fc = e.intent ? INTENT_COLOR[e.intent.outcome] : findingColor(e.findings);
    const attrs = [
      e.label ? `label="${dotText(e.label.split("\n"))}"` : "",
      e.kind === "intent"
        ? `style=dashed, penwidth=2, constraint=false, dir=forward, arrowhead=${e.intent!.kind === "mustReach" ? "vee" : "tee"}`
        : e.kind === "hosts"
          ? `color="#a0aec0"`
          : e.state === "down"
            ? "style=dashed"
            : e.state === "unknown"
              ? "style=dotted"
              : e.kind === "vnet-to-vnet"
                ? "penwidth=2.5"
                : "",
      e.kind === "transit" ? "dir=forward, arrowhead=normal" : "",
      fc
        ? `color="${fc}", fontcolor="${fc}"${e.kind === "intent" ? "" : `, penwidth=${fc === GREY ? 1.5 : 3}`}`
        : e.state === "down" && e.kind !== "hosts"
          ? 'color="#888888"'
          : "",
    ].filter((x) => x !== "");
    out.push(`  ${e.from} -- ${e.to}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
  }
  out.push(dotLegend(graph));
  out.push("}");
  return out.join("\n") + "\n";
}
