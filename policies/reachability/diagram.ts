/**
 * The topology as a diagram: networks, sites and VPN gateways as nodes; peerings, gateway transit,
 * VNet-to-VNet and site-to-site connections (with NAT translations and BGP) as edges; links that
 * carry no traffic dashed, unknown ones dotted; entities and links named by findings highlighted.
 * One graph, written as Mermaid text and as Graphviz DOT (rendered to SVG by `svg.ts`).
 *
 * Size: above {@link DIAGRAM_LIMIT} nodes, networks with a single peering and nothing else (spokes)
 * are drawn as one node per hub ("120 spokes"), so the diagram stays readable and bounded.
 */
import { Finding } from "../finding";
import { ReachabilityAnalysis } from "./analysis";

/** Most nodes drawn one by one. */
export const DIAGRAM_LIMIT = 150;

/** A node of the drawn topology: a network, a site, a gateway, or a group of collapsed spokes. */
export interface TopologyNode {
  /** Node id in the diagram texts. */
  readonly id: string;
  /** Entity or gateway id it stands for. */
  readonly key: string;
  /** What it stands for. */
  readonly kind: "network" | "site" | "gateway" | "group";
  /** Label lines. */
  readonly lines: string[];
  /** Drawn as a finding. */
  highlighted: boolean;
}

/** An edge of the drawn topology. */
export interface TopologyEdge {
  /** Node id of one end. */
  readonly from: string;
  /** Node id of the other end. */
  readonly to: string;
  /** What kind of link it draws. */
  readonly kind: "peering" | "transit" | "vnet-to-vnet" | "site-to-site" | "hosts";
  /** Whether the link carries traffic. */
  readonly state: "up" | "down" | "unknown";
  /** Edge label. */
  readonly label: string;
  /** Drawn as a finding. */
  highlighted: boolean;
}

/** The graph both writers draw. */
export interface TopologyGraph {
  /** The nodes. */
  readonly nodes: readonly TopologyNode[];
  /** The edges. */
  readonly edges: readonly TopologyEdge[];
}

function spacesLine(spaces: readonly string[] | { unknown: string }): string {
  return Array.isArray(spaces)
    ? (spaces as string[]).join(", ") || "(no address space)"
    : "(address space unknown)";
}

/** Builds the graph (deterministic: nodes and edges in the analysis' order). */
export function topologyGraph(a: ReachabilityAnalysis, findings: readonly Finding[] = []): TopologyGraph {
  const active = findings.filter((f) => !f.suppressed);
  const named = new Set<string>();
  const paths = new Set<string>();
  for (const f of active) {
    paths.add(f.path);
    for (const v of Object.values(f.values ?? {})) named.add(v);
  }
  const entityHit = (id: string, name: string, kind: string, path: string) =>
    named.has(id) || named.has(`${kind} ${name}`) || paths.has(path);

  const degree = new Map<string, number>();
  for (const l of a.links) {
    degree.set(l.a, (degree.get(l.a) ?? 0) + 1);
    degree.set(l.b, (degree.get(l.b) ?? 0) + 1);
  }
  const withGateway = new Set(a.gateways.map((g) => g.network).filter((n): n is string => n !== undefined));
  const total = a.entities.length + a.gateways.length;
  // Spokes collapsed per (hub, state, transit) when the diagram would be too large.
  const groupOf = new Map<string, string>();
  const groups = new Map<
    string,
    { hub: string; members: string[]; state: TopologyEdge["state"]; transit: boolean }
  >();
  if (total > DIAGRAM_LIMIT) {
    for (const l of a.links) {
      if (l.kind !== "peering") continue;
      for (const [spoke, hub] of [
        [l.a, l.b],
        [l.b, l.a],
      ]) {
        const e = a.entity(spoke)!;
        if (
          degree.get(spoke) !== 1 ||
          (degree.get(hub) ?? 0) <= 1 ||
          withGateway.has(spoke) ||
          entityHit(e.id, e.name, e.kind, e.path)
        )
          continue;
        if (l.paths.some((p) => paths.has(p))) continue;
        const transit = l.transitFrom === spoke;
        const gk = `${hub}\u0000${l.state}\u0000${transit}`;
        const g = groups.get(gk) ?? { hub, members: [], state: l.state, transit };
        g.members.push(spoke);
        groups.set(gk, g);
        groupOf.set(spoke, gk);
      }
    }
  }

  const nodes: TopologyNode[] = [];
  const nodeId = new Map<string, string>();
  const addNode = (key: string, kind: TopologyNode["kind"], lines: string[], highlighted: boolean) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, key, kind, lines, highlighted });
    nodeId.set(key, id);
  };
  for (const e of a.entities) {
    if (groupOf.has(e.id)) continue;
    addNode(e.id, e.kind, [e.name, spacesLine(e.spaces)], entityHit(e.id, e.name, e.kind, e.path));
  }
  for (const g of a.gateways) {
    addNode(g.id, "gateway", [g.name, g.sku ?? "VPN gateway"], paths.has(g.path));
  }
  const groupNode = new Map<string, string>();
  for (const [gk, g] of [...groups].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const members = [...g.members].sort();
    const names = members.map((m) => a.entity(m)!.name);
    addNode(
      `group:${gk}`,
      "group",
      [`${members.length} networks`, `${names[0]} ... ${names[names.length - 1]}`],
      false,
    );
    groupNode.set(gk, nodeId.get(`group:${gk}`)!);
  }

  const edges: TopologyEdge[] = [];
  for (const g of a.gateways) {
    if (g.network && nodeId.has(g.network))
      edges.push({
        from: nodeId.get(g.network)!,
        to: nodeId.get(g.id)!,
        kind: "hosts",
        state: "up",
        label: "",
        highlighted: false,
      });
  }
  const doneGroups = new Set<string>();
  for (const l of a.links) {
    const hit = l.paths.some((p) => paths.has(p));
    const stateText =
      l.state === "up" ? "" : l.state === "down" ? ` (no traffic: ${shortReason(l.reason)})` : " (unknown)";
    if (l.kind === "peering") {
      const ga = groupOf.get(l.a);
      const gb = groupOf.get(l.b);
      const gk = ga ?? gb;
      if (gk) {
        if (doneGroups.has(gk)) continue;
        doneGroups.add(gk);
        const g = groups.get(gk)!;
        edges.push({
          from: groupNode.get(gk)!,
          to: nodeId.get(g.hub)!,
          kind: g.transit ? "transit" : "peering",
          state: g.state,
          label: `${g.transit ? "peering, gateway transit" : "peering"}${g.state === "up" ? "" : ` (${g.state})`}`,
          highlighted: false,
        });
        continue;
      }
      const transit = l.transitFrom !== undefined;
      const [from, to] = l.transitFrom === l.b ? [l.b, l.a] : [l.a, l.b];
      edges.push({
        from: nodeId.get(from)!,
        to: nodeId.get(to)!,
        kind: transit ? "transit" : "peering",
        state: l.state,
        label: `${transit ? "peering, gateway transit" : "peering"}${stateText}`,
        highlighted: hit,
      });
    } else if (l.kind === "vnet-to-vnet") {
      edges.push({
        from: nodeId.get(l.a)!,
        to: nodeId.get(l.b)!,
        kind: "vnet-to-vnet",
        state: l.state,
        label: [
          `VNet-to-VNet${l.overIpsec ? " over IPsec" : ""}${l.bgp ? ", BGP" : ""}${stateText}`,
          ...(l.nat ?? []).map((t) => `NAT ${t.original} -> ${t.translated}`),
        ].join("\n"),
        highlighted: hit,
      });
    } else {
      const gw = a.gateways.find((g) => g.network === l.a || g.id === l.a);
      const nat = (l.nat ?? []).map((t) => `NAT ${t.original} -> ${t.translated}`);
      edges.push({
        from: nodeId.get(gw?.id ?? l.a)!,
        to: nodeId.get(l.b)!,
        kind: "site-to-site",
        state: l.state,
        label: [`site-to-site${l.bgp ? ", BGP" : ""}`, ...nat].join("\n"),
        highlighted: hit,
      });
    }
  }
  return { nodes, edges: edges.filter((e) => e.from !== undefined && e.to !== undefined) };
}

function shortReason(reason: string | undefined): string {
  if (!reason) return "see report";
  if (reason.includes("no peering back")) return "one direction only";
  if (reason.includes("allow_virtual_network_access = false")) return "access disabled";
  if (reason.includes("no connection back")) return "one direction only";
  return "see report";
}

// --- Mermaid -------------------------------------------------------------------------------------

function mermaidText(s: string): string {
  return s.replace(/"/g, "#quot;").replace(/\n/g, "<br/>");
}

/** Mermaid flowchart text. */
export function toMermaid(graph: TopologyGraph): string {
  const out = ["flowchart LR"];
  for (const n of graph.nodes) {
    const label = `"${mermaidText(n.lines.join("\n"))}"`;
    const shape =
      n.kind === "site"
        ? `[(${label})]`
        : n.kind === "gateway"
          ? `{{${label}}}`
          : n.kind === "group"
            ? `[[${label}]]`
            : `[${label}]`;
    out.push(`  ${n.id}${shape}`);
  }
  graph.edges.forEach((e) => {
    const label = e.label ? `|"${mermaidText(e.label)}"|` : "";
    const arrow =
      e.kind === "hosts"
        ? "---"
        : e.state === "down"
          ? "-.-x"
          : e.state === "unknown"
            ? "-.-"
            : e.kind === "vnet-to-vnet"
              ? "<==>"
              : "<-->";
    out.push(`  ${e.from} ${arrow}${label} ${e.to}`);
  });
  out.push("  classDef network fill:#e8f1fb,stroke:#2b6cb0");
  out.push("  classDef site fill:#f0f0f0,stroke:#555");
  out.push("  classDef gateway fill:#fff5d6,stroke:#b7791f");
  out.push("  classDef group fill:#e8f1fb,stroke:#2b6cb0,stroke-dasharray:4 2");
  out.push("  classDef finding stroke:#c53030,stroke-width:3px");
  for (const kind of ["network", "site", "gateway", "group"] as const) {
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    if (ids.length > 0) out.push(`  class ${ids.join(",")} ${kind}`);
  }
  const hit = graph.nodes.filter((n) => n.highlighted).map((n) => n.id);
  if (hit.length > 0) out.push(`  class ${hit.join(",")} finding`);
  graph.edges.forEach((e, i) => {
    if (e.highlighted) out.push(`  linkStyle ${i} stroke:#c53030,stroke-width:3px`);
  });
  return out.join("\n") + "\n";
}

// --- DOT -----------------------------------------------------------------------------------------

function dotText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Graphviz DOT text. */
export function toDot(graph: TopologyGraph): string {
  const out = [
    "graph topology {",
    '  graph [rankdir=LR, fontname="Helvetica", bgcolor="white"];',
    '  node [fontname="Helvetica", fontsize=11, style=filled];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const style: Record<TopologyNode["kind"], [string, string]> = {
    network: ['shape=box, fillcolor="#e8f1fb"', "#2b6cb0"],
    site: ['shape=cylinder, fillcolor="#f0f0f0"', "#555555"],
    gateway: ['shape=hexagon, fillcolor="#fff5d6"', "#b7791f"],
    group: ['shape=box3d, fillcolor="#e8f1fb"', "#2b6cb0"],
  };
  for (const n of graph.nodes) {
    const [shape, color] = style[n.kind];
    const stroke = n.highlighted ? 'color="#c53030", penwidth=3' : `color="${color}"`;
    out.push(`  ${n.id} [label="${dotText(n.lines.join("\n"))}", ${shape}, ${stroke}];`);
  }
  for (const e of graph.edges) {
    const attrs = [
      e.label ? `label="${dotText(e.label)}"` : "",
      e.state === "down"
        ? "style=dashed"
        : e.state === "unknown"
          ? "style=dotted"
          : e.kind === "vnet-to-vnet"
            ? "style=bold"
            : "",
      e.kind === "transit" ? "arrowhead=normal, dir=forward" : "",
      e.highlighted ? 'color="#c53030", penwidth=3' : e.state === "down" ? 'color="#888888"' : "",
    ].filter((x) => x !== "");
    out.push(`  ${e.from} -- ${e.to}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
  }
  out.push("}");
  return out.join("\n") + "\n";
}
