/**
 * The reachability matrix as JSON (stable ordering: entities by id, pairs by their two ids) and as a
 * Markdown summary.
 *
 * Size: the full matrix has n(n-1)/2 pairs, so it is written only for at most {@link MATRIX_LIMIT}
 * networks and sites (4,950 pairs). Above that the JSON takes its summary form, linear in the size of
 * the topology: every link with its state, every gateway with the networks that use it, the sites it
 * connects and the gateways it has VNet-to-VNet links with, and per entity its peers and gateways.
 * Two entities exchange traffic when they are peered, or when gateways they use reach each other (see
 * `analysis.ts` for the rules); `analyzeReachability(model).pair(a, b)` answers any pair.
 */
import { Finding } from "../finding";
import { PairReach, ReachEntity, ReachabilityAnalysis, TopologyGateway, TopologyLink } from "./analysis";
import { describePath, entityText } from "./describe";

/** Most networks and sites for which the full matrix is written (4,950 pairs, about 2 MB of JSON). */
export const MATRIX_LIMIT = 100;
/** Most entities shown as a table in the Markdown summary. */
const TABLE_LIMIT = 30;

/** Options of the matrix writers. */
export interface ReachabilityMatrixOptions {
  /**
   * Most networks and sites for the full matrix; above it the summary form is written.
   * @default MATRIX_LIMIT (100)
   */
  readonly limit?: number;
}

/** The JSON document: `form` says which of the two forms it is. */
export interface ReachabilityMatrix {
  /** The package that wrote it. */
  readonly tool: "cdktf-azure-connectivity";
  /** The full matrix, or the summary form above the size limit. */
  readonly form: "matrix" | "summary";
  /** Networks and sites, by id. */
  readonly entities: readonly ReachEntity[];
  /** VPN gateways. */
  readonly gateways: readonly GatewaySummary[];
  /** Every link with its state. */
  readonly links: readonly TopologyLink[];
  /** Matrix form: every pair once (a < b), with its answer. */
  readonly pairs?: readonly PairReach[];
  /** Matrix form: how many pairs can, cannot, and may exchange traffic. */
  readonly counts?: { readonly yes: number; readonly no: number; readonly unknown: number };
  /** Summary form: each entity's peers (peerings that carry or may carry traffic) and gateways it uses. */
  readonly reach?: readonly {
    readonly id: string;
    readonly peers: readonly string[];
    readonly gateways: readonly string[];
  }[];
  /** Summary form: the size limit above which the full matrix is not written. */
  readonly limit?: number;
}

/** A gateway in the matrix JSON, with the sites it connects and its VNet-to-VNet peers. */
export interface GatewaySummary extends TopologyGateway {
  /** Entity ids of the sites it connects. */
  readonly sites: readonly string[];
  /** Gateway ids it has VNet-to-VNet links with. */
  readonly vnetToVnet: readonly string[];
}

function gatewaySummaries(a: ReachabilityAnalysis): GatewaySummary[] {
  return a.gateways.map((g) => ({
    ...g,
    sites: a.links
      .filter((l) => l.kind === "site-to-site" && (l.a === g.network || l.a === g.id))
      .map((l) => l.b)
      .sort(),
    vnetToVnet: a.links
      .filter((l) => l.kind === "vnet-to-vnet" && l.state !== "down" && (l.a === g.id || l.b === g.id))
      .map((l) => (l.a === g.id ? l.b : l.a))
      .sort(),
  }));
}

/** Every pair once, in order; only for small topologies. */
export function allPairs(a: ReachabilityAnalysis): PairReach[] {
  const out: PairReach[] = [];
  const e = a.entities;
  for (let i = 0; i < e.length; i++)
    for (let j = i + 1; j < e.length; j++) out.push(a.pair(e[i].id, e[j].id));
  return out;
}

/** The matrix JSON object (deterministic for a given model). */
export function reachabilityMatrix(
  a: ReachabilityAnalysis,
  options: ReachabilityMatrixOptions = {},
): ReachabilityMatrix {
  const limit = options.limit ?? MATRIX_LIMIT;
  const base = {
    tool: "cdktf-azure-connectivity" as const,
    entities: a.entities,
    gateways: gatewaySummaries(a),
    links: a.links,
  };
  if (a.entities.length <= limit) {
    const pairs = allPairs(a);
    const counts = { yes: 0, no: 0, unknown: 0 };
    for (const p of pairs) counts[p.status]++;
    return { ...base, form: "matrix", pairs, counts };
  }
  const peers = new Map<string, string[]>();
  const gws = new Map<string, string[]>();
  for (const l of a.links) {
    if (l.kind !== "peering" || l.state === "down") continue;
    (peers.get(l.a) ?? peers.set(l.a, []).get(l.a)!).push(l.b);
    (peers.get(l.b) ?? peers.set(l.b, []).get(l.b)!).push(l.a);
  }
  for (const g of a.gateways) {
    for (const n of [...(g.network ? [g.network] : []), ...g.spokes])
      (gws.get(n) ?? gws.set(n, []).get(n)!).push(g.id);
  }
  return {
    ...base,
    form: "summary",
    limit,
    reach: a.entities.map((e) => ({
      id: e.id,
      peers: [...(peers.get(e.id) ?? [])].sort(),
      gateways: [...(gws.get(e.id) ?? [])].sort(),
    })),
  };
}

/** The JSON text written to the output folder. */
export function reachabilityJson(a: ReachabilityAnalysis, options: ReachabilityMatrixOptions = {}): string {
  return JSON.stringify(reachabilityMatrix(a, options), null, 2) + "\n";
}

const MARK: Record<PairReach["status"], string> = { yes: "yes", no: "no", unknown: "?" };

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A Markdown summary: counts, findings, the matrix as a table (small topologies), each pair's path or reason. */
export function reachabilityMarkdown(
  a: ReachabilityAnalysis,
  findings: readonly Finding[] = [],
  options: ReachabilityMatrixOptions = {},
): string {
  const m = reachabilityMatrix(a, options);
  const networks = a.entities.filter((e) => e.kind === "network").length;
  const lines: string[] = ["# Reachability", ""];
  lines.push(
    `${networks} network(s), ${a.entities.length - networks} site(s), ${a.gateways.length} VPN gateway(s), ${a.links.length} link(s).`,
  );
  if (m.counts) {
    lines.push(
      "",
      `Pairs: ${m.counts.yes} can exchange traffic, ${m.counts.no} cannot, ${m.counts.unknown} unknown (a value unknown at synth or behaviour Azure does not document).`,
    );
  }
  const shown = findings.filter((f) => !f.suppressed);
  if (shown.length > 0) {
    lines.push("", "## Findings", "");
    for (const f of shown) lines.push(`- **${f.severity}** \`${f.path}\`: ${f.message}`);
  }
  const down = a.links.filter((l) => l.state !== "up");
  if (down.length > 0) {
    lines.push("", "## Links that carry no traffic or may not", "");
    for (const l of down)
      lines.push(`- ${l.kind} ${entityText(l.a)} - ${entityText(l.b)}: **${l.state}**: ${l.reason ?? ""}`);
  }
  if (m.pairs && a.entities.length <= TABLE_LIMIT) {
    const ids = a.entities.map((e) => e.id);
    const index = new Map<string, PairReach>();
    for (const p of m.pairs) index.set(`${p.a}\u0000${p.b}`, p);
    lines.push("", "## Matrix", "", `| | ${ids.map((id) => cell(entityText(id))).join(" | ")} |`);
    lines.push(`|---|${ids.map(() => "---").join("|")}|`);
    for (const x of ids) {
      const row = ids.map((y) => {
        if (x === y) return "-";
        const p = index.get(`${x}\u0000${y}`) ?? index.get(`${y}\u0000${x}`)!;
        return MARK[p.status];
      });
      lines.push(`| ${cell(entityText(x))} | ${row.join(" | ")} |`);
    }
  }
  if (m.pairs) {
    lines.push("", "## Pairs", "");
    for (const p of m.pairs) {
      const what = p.status === "yes" ? describePath(p) : `${p.reason}${p.fix ? `. Fix: ${p.fix}` : ""}`;
      lines.push(`- ${entityText(p.a)} - ${entityText(p.b)}: **${p.status}**: ${what}`);
    }
  } else {
    lines.push(
      "",
      `## Reach (summary: more than ${m.limit} networks and sites, so the full matrix is not written)`,
      "",
    );
    for (const r of m.reach!) {
      if (r.peers.length === 0 && r.gateways.length === 0) continue;
      const peers =
        r.peers.length > 10
          ? `${r.peers.slice(0, 10).map(entityText).join(", ")} and ${r.peers.length - 10} more`
          : r.peers.map(entityText).join(", ");
      lines.push(
        `- ${entityText(r.id)}: peers ${peers || "none"}; gateways ${r.gateways.map(entityText).join(", ") || "none"}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
