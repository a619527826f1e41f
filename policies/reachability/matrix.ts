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
 *
 * What the check could not verify, read or decide is recorded as `notChecked` when the writer is given the
 * check (`options.checked`: the pipeline passes it at synth and for the CLI), so that `diff` of two saved
 * matrices lists it as it would for the configurations (`not-checked.ts`).
 *
 * Fixes: a pair carries a `fix` only when an intent asks about it (the fix the intent's finding offers,
 * re-checked before it was offered); pairs nobody asked about are answered without one.
 */
import { Finding } from "../finding";
import {
  IntentAnswer,
  IntentGroupMembers,
  PairReach,
  ReachEntity,
  ReachStep,
  ReachabilityAnalysis,
  TopologyGateway,
  TopologyLink,
} from "./analysis";
import { describePath, entityText, naturalCompare } from "./describe";
import { cut, markdownText, safeJson } from "./escape";
import { CheckedRun, NotCheckedSummary, notCheckedOfRun } from "./not-checked";

/** Most networks and sites for which the full matrix is written (4,950 pairs, about 2 MB of JSON). */
export const MATRIX_LIMIT = 100;
/** Most entities shown as a table in the Markdown summary; above it, each entity's list only. */
const TABLE_LIMIT = 20;
/** Most intents that hold listed one by one in the Markdown summary (every one that does not is listed). */
export const INTENTS_LISTED_HOLDING = 50;

/** Options of the matrix writers. */
export interface ReachabilityMatrixOptions {
  /**
   * Most networks and sites for the full matrix; above it the summary form is written.
   * @default MATRIX_LIMIT (100)
   */
  readonly limit?: number;
  /**
   * The check the matrix is written for (its report and the configuration's suppressions): what it could
   * not verify, read or decide is recorded as `notChecked`. The policies (at synth) and the CLI pass their
   * check's; without it the matrix records none, and `diff` says whether everything was checked is not
   * known.
   */
  readonly checked?: CheckedRun;
}

/** An intent in the matrix JSON: what it asks, whether it holds, and the fix its finding offers. */
export interface IntentSummary {
  /** Must reach, or must not reach. */
  readonly kind: IntentAnswer["kind"];
  /** Construct path of the scope that declared it. */
  readonly path: string;
  /** The intent in words. */
  readonly text: string;
  /** Entity id of its first end (its text when not in the app). */
  readonly from: string;
  /** Entity id of its other end (its text when not in the app). */
  readonly to: string;
  /** Holds, broken, unknown before apply, or an end is not in the app. */
  readonly status: IntentAnswer["status"];
  /** Why it does not hold, or cannot be decided. */
  readonly reason?: string;
  /** The fix its `Reachability.Intent` finding offers (re-checked), or why no single change does it. */
  readonly fix?: string;
  /** For a pair of an intent over groups apart: that intent's text (see `intentGroups`). */
  readonly group?: string;
}

/**
 * An intent over groups apart in the matrix JSON: its groups and how many of its pairs hold. Each pair
 * that does not hold is in `intents` (with `group` set to this intent's text); the pairs that hold are
 * only counted, so that the document grows with the members and not with the pairs.
 */
export interface IntentGroupSummary {
  /** Construct path of the scope that declared it. */
  readonly path: string;
  /** The intent in words. */
  readonly text: string;
  /** Each group, in name order. */
  readonly groups: readonly IntentGroupMembers[];
  /** Pairs of members of different groups that are both in the app. */
  readonly pairs: number;
  /** Of those, the pairs that hold. */
  readonly holding: number;
  /** Pairs that can exchange traffic (each listed in `intents`). */
  readonly broken: number;
  /** Pairs that cannot be decided before apply (each listed in `intents`). */
  readonly unknown: number;
  /** Members that are not networks or sites of the app (their text); none of their pairs was asked. */
  readonly notFound: readonly string[];
  /** Networks and sites that are members of more than one group (entity ids): the intent cannot hold. */
  readonly inSeveralGroups: readonly string[];
}

/** A finding in the matrix JSON (what the `diff` command compares). */
export interface FindingSummary {
  /** Rule id. */
  readonly ruleId: string;
  /** Error or warning. */
  readonly severity: Finding["severity"];
  /** Construct path. */
  readonly path: string;
  /** The message. */
  readonly message: string;
  /** Accepted with a suppression. */
  readonly suppressed: boolean;
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
  /** The reachability intents, each with its outcome (of an intent over groups, the pairs that do not hold). */
  readonly intents: readonly IntentSummary[];
  /** The intents over groups apart, with their counts; absent when there are none. */
  readonly intentGroups?: readonly IntentGroupSummary[];
  /** The findings of the check (suppressed ones included, marked), when the writer was given them. */
  readonly findings?: readonly FindingSummary[];
  /**
   * What the check it was written for could not verify, read or decide (suppressed ones marked): checks
   * not verifiable, modules and blocks not read, expressions not understood, intents and (matrix form)
   * pairs that cannot be decided. Absent when the writer was not given the check
   * (`ReachabilityMatrixOptions.checked`), and in a matrix written by an earlier version: then whether
   * everything was checked is not known.
   */
  readonly notChecked?: NotCheckedSummary;
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
  const sites = new Map<string, string[]>();
  const v2v = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  const byNetwork = new Map<string, string>();
  for (const g of a.gateways) if (g.network) byNetwork.set(g.network, g.id);
  for (const l of a.links) {
    if (l.kind === "site-to-site") add(sites, byNetwork.get(l.a) ?? l.a, l.b);
    else if (l.kind === "vnet-to-vnet" && l.state !== "down") {
      add(v2v, l.a, l.b);
      add(v2v, l.b, l.a);
    }
  }
  return a.gateways.map((g) => ({
    ...g,
    sites: [...(sites.get(g.id) ?? [])].sort(),
    vnetToVnet: [...(v2v.get(g.id) ?? [])].sort(),
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

/** The `Reachability.Intent` finding of an intent, when there is one. */
function intentFinding(i: IntentAnswer, findings: readonly Finding[]): Finding | undefined {
  return findings.find(
    (f) =>
      f.ruleId === "Reachability.Intent" &&
      f.path === i.path &&
      f.values?.kind === i.kind &&
      f.values?.intent === i.text &&
      // Two intents can read alike (two networks of one name): the ends' entity ids tell them apart.
      (f.values?.from === undefined || f.values.from === i.from) &&
      (f.values?.to === undefined || f.values.to === i.to),
  );
}

function intentSummaries(a: ReachabilityAnalysis, findings: readonly Finding[]): IntentSummary[] {
  return a.intents.map((i) => {
    const f = intentFinding(i, findings);
    const reason =
      i.status === "holds"
        ? undefined
        : i.answer?.status === "yes"
          ? `they can exchange traffic: ${describePath(i.answer)}`
          : (i.answer?.reason ?? f?.message.slice(`${f.ruleId}: `.length).split(" Fix: ")[0]);
    return {
      kind: i.kind,
      path: i.path,
      text: i.text,
      from: i.from,
      to: i.to,
      status: i.status,
      ...(reason ? { reason } : {}),
      ...(f ? { fix: f.fix } : {}),
      ...(i.group !== undefined ? { group: i.group } : {}),
    };
  });
}

function intentGroupSummaries(a: ReachabilityAnalysis): IntentGroupSummary[] {
  return a.intentGroups.map((g) => ({
    path: g.path,
    text: g.text,
    groups: g.groups,
    pairs: g.pairs,
    holding: g.holding,
    broken: g.broken,
    unknown: g.unknown,
    notFound: g.notFound.map((e) => e.text),
    inSeveralGroups: g.inSeveralGroups.map((x) => x.id),
  }));
}

/** The matrix JSON object (deterministic for a given model and findings). */
export function reachabilityMatrix(
  a: ReachabilityAnalysis,
  options: ReachabilityMatrixOptions = {},
  findings?: readonly Finding[],
): ReachabilityMatrix {
  const limit = options.limit ?? MATRIX_LIMIT;
  const intents = intentSummaries(a, findings ?? []);
  // Every pair in the matrix form (computed once, for the pairs and what could not be decided of them).
  const answers = a.entities.length <= limit ? allPairs(a) : undefined;
  const base = {
    tool: "cdktf-azure-connectivity" as const,
    entities: a.entities,
    gateways: gatewaySummaries(a),
    links: a.links,
    intents,
    ...(a.intentGroups.length > 0 ? { intentGroups: intentGroupSummaries(a) } : {}),
    ...(findings
      ? {
          findings: findings.map((f) => ({
            ruleId: f.ruleId,
            severity: f.severity,
            path: f.path,
            message: f.message,
            suppressed: f.suppressed,
          })),
        }
      : {}),
    ...(options.checked ? { notChecked: notCheckedOfRun(a, options.checked, intents, answers) } : {}),
  };
  if (answers) {
    // The fix of an intent's pair: the one its finding offers.
    const fixes = new Map<string, string>();
    for (const i of intents)
      if (i.fix && i.status !== "holds") fixes.set([i.from, i.to].sort().join("\u0000"), i.fix);
    const pairs = answers.map((p) => {
      const fix = fixes.get([p.a, p.b].sort().join("\u0000"));
      return fix ? { ...p, fix } : p;
    });
    const counts = { yes: 0, no: 0, unknown: 0 };
    for (const p of pairs) counts[p.status]++;
    return { ...base, form: "matrix", pairs, counts };
  }
  const peers = new Map<string, string[]>();
  const gws = new Map<string, string[]>();
  // forEach and indexed loops: once per synth over thousands of links, in code not optimized yet.
  a.links.forEach((l) => {
    if (l.kind !== "peering" || l.state === "down") return;
    (peers.get(l.a) ?? peers.set(l.a, []).get(l.a)!).push(l.b);
    (peers.get(l.b) ?? peers.set(l.b, []).get(l.b)!).push(l.a);
  });
  const uses = (n: string, g: string) => (gws.get(n) ?? gws.set(n, []).get(n)!).push(g);
  for (const g of a.gateways) {
    if (g.network) uses(g.network, g.id);
    for (let i = 0; i < g.spokes.length; i++) uses(g.spokes[i], g.id);
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

/**
 * The JSON text written to the output folder: indented in the matrix form, compact in the summary form
 * (several megabytes for thousands of networks, read by tools rather than people).
 */
export function reachabilityJson(
  a: ReachabilityAnalysis,
  options: ReachabilityMatrixOptions = {},
  findings?: readonly Finding[],
): string {
  return matrixJson(reachabilityMatrix(a, options, findings));
}

/** The JSON text of a matrix object. */
export function matrixJson(m: ReachabilityMatrix): string {
  return safeJson(JSON.stringify(m, null, m.form === "matrix" ? 2 : undefined)) + "\n";
}

// --- Markdown ----------------------------------------------------------------------------------------

const MARK: Record<PairReach["status"], string> = { yes: "yes", no: "no", unknown: "?" };
const INTENT_MARK: Record<IntentAnswer["status"], string> = {
  holds: "holds",
  broken: "**broken**",
  unknown: "**unknown**",
  "not-found": "**not checked: an end is not in the app**",
};

/** An entity or gateway id as Markdown text. */
const md = (id: string) => markdownText(cut(entityText(id)));

const LINK_WORDS: Record<ReachStep["link"], string> = {
  peering: "peering",
  "gateway-transit": "gateway transit",
  "vnet-to-vnet": "VNet-to-VNet",
  "site-to-site": "site-to-site",
};

/** Through what, as Markdown: the links of the path from `self` and the gateways on the way, with NAT. */
export function reachThrough(r: PairReach, self: string): string {
  const steps = r.a === self ? (r.path ?? []) : [...(r.path ?? [])].reverse();
  const parts: string[] = [];
  steps.forEach((s, i) => {
    parts.push(LINK_WORDS[s.link]);
    const next = r.a === self ? s.to : s.from;
    if (i < steps.length - 1 && next.startsWith("gateway:")) parts.push(md(next));
  });
  const nat = (r.translations ?? []).map(
    (t) =>
      `${md(t.of)} ${t.original} seen as ${t.translated} (${t.mode} rule ${markdownText(cut(t.rule, 40))})`,
  );
  const sub = r.subnets
    ? [
        `subnet-level: ${Object.entries(r.subnets)
          .map(([id, names]) => `${md(id)} ${names.map((n) => markdownText(cut(n, 40))).join(", ")}`)
          .join(" with ")}`,
      ]
    : [];
  return [parts.join(" → "), ...nat, ...sub].filter((x) => x !== "").join("; ");
}

function findingLine(f: Finding): string {
  const tag = f.suppressed
    ? `${f.severity}, suppressed (${markdownText(cut(f.suppressionReason ?? "", 120))})`
    : `**${f.severity}**`;
  const message = f.message.startsWith(`${f.ruleId}: `) ? f.message.slice(f.ruleId.length + 2) : f.message;
  return `- ${tag} ${markdownText(f.ruleId)} at ${markdownText(cut(f.path, 120))}: ${markdownText(message)}`;
}

/**
 * One line for an intent over groups: its groups and sizes, how many pairs hold, and how many do not
 * (those are listed above it, as intents).
 */
function groupLine(g: IntentGroupSummary): string {
  const sizes = g.groups.map((x) => `${markdownText(x.name)} ${x.members}`).join(", ");
  const open = g.broken + g.unknown;
  const outcome =
    g.pairs === 0
      ? "no pair to check (fewer than two groups with members in the app)"
      : open === 0
        ? `all ${g.pairs} pair(s) hold`
        : `${g.holding} of ${g.pairs} pair(s) hold; ${g.broken > 0 ? `**${g.broken} broken**` : "0 broken"}, ${g.unknown > 0 ? `**${g.unknown} unknown**` : "0 unknown"} (listed above)`;
  const missing =
    g.notFound.length > 0
      ? `; **not checked: ${g.notFound.length} member(s) not in the app** (${markdownText(g.notFound.join(", "))})`
      : "";
  const several =
    g.inSeveralGroups.length > 0
      ? `; **cannot hold: ${markdownText(g.inSeveralGroups.map(entityText).join(", "))} in more than one group**`
      : "";
  return `${markdownText(g.text)}: members ${sizes}; ${outcome}${missing}${several}.`;
}

/**
 * A Markdown summary: counts, intents and whether they hold, findings (suppressed ones marked), links
 * that carry no traffic, the matrix as a table (at most 20 entities), and per network and site what it
 * reaches and through what (in the summary form, its peers and gateways, and what each gateway reaches).
 */
export function reachabilityMarkdown(
  a: ReachabilityAnalysis,
  findings: readonly Finding[] = [],
  options: ReachabilityMatrixOptions = {},
): string {
  return matrixMarkdown(a, reachabilityMatrix(a, options, findings), findings);
}

/** The Markdown summary of a matrix object (see {@link reachabilityMarkdown}). */
export function matrixMarkdown(
  a: ReachabilityAnalysis,
  m: ReachabilityMatrix,
  findings: readonly Finding[],
): string {
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
  if (m.intents.length > 0 || (m.intentGroups?.length ?? 0) > 0) {
    lines.push("", "## Intents", "");
    // Every intent that does not hold; those that hold only while they are few (thousands of lines
    // saying "holds" help no one). An intent over groups is one line with its counts.
    const holding = m.intents.filter((i) => i.status === "holds").length;
    const listHolding = holding <= INTENTS_LISTED_HOLDING;
    for (const i of m.intents) {
      if (i.status === "holds" && !listHolding) continue;
      const why =
        i.status === "holds" ? "" : i.reason ? `: ${markdownText(i.reason.replace(/\.$/, ""))}.` : "";
      const fix = i.status !== "holds" && i.fix ? ` Fix: ${markdownText(i.fix)}` : "";
      lines.push(`- ${markdownText(i.text)}: ${INTENT_MARK[i.status]}${why}${fix}`);
    }
    if (!listHolding) {
      lines.push(
        `- ${holding} intent(s) hold, not listed here (more than ${INTENTS_LISTED_HOLDING}): the matrix JSON (\`intents\`) lists every intent with its outcome.`,
      );
    }
    for (const g of m.intentGroups ?? []) lines.push(`- ${groupLine(g)}`);
  }
  if (findings.length > 0) {
    lines.push("", "## Findings", "");
    for (const f of findings) lines.push(findingLine(f));
  }
  const down = a.links.filter((l) => l.state !== "up");
  if (down.length > 0) {
    lines.push("", "## Links that carry no traffic or may not", "");
    for (const l of down)
      lines.push(`- ${l.kind} ${md(l.a)} - ${md(l.b)}: **${l.state}**: ${markdownText(l.reason ?? "")}`);
  }
  if (m.pairs && a.entities.length <= TABLE_LIMIT) {
    const ids = a.entities.map((e) => e.id);
    const index = new Map<string, PairReach>();
    for (const p of m.pairs) index.set(`${p.a}\u0000${p.b}`, p);
    lines.push("", "## Matrix", "", `| | ${ids.map(md).join(" | ")} |`);
    lines.push(`|---|${ids.map(() => "---").join("|")}|`);
    for (const x of ids) {
      const row = ids.map((y) => {
        if (x === y) return "-";
        const p = index.get(`${x}\u0000${y}`) ?? index.get(`${y}\u0000${x}`)!;
        return MARK[p.status];
      });
      lines.push(`| ${md(x)} | ${row.join(" | ")} |`);
    }
  }
  if (m.pairs) {
    lines.push("", "## What each network and site reaches", "");
    const of = new Map<string, PairReach[]>();
    for (const p of m.pairs) {
      if (p.status === "no") continue;
      (of.get(p.a) ?? of.set(p.a, []).get(p.a)!).push(p);
      (of.get(p.b) ?? of.set(p.b, []).get(p.b)!).push(p);
    }
    for (const e of [...a.entities].sort((x, y) => naturalCompare(x.id, y.id))) {
      const list = (of.get(e.id) ?? []).map((p) => ({ p, other: p.a === e.id ? p.b : p.a }));
      list.sort((x, y) => naturalCompare(x.other, y.other));
      const items = list.map(
        ({ p, other }) =>
          `${md(other)} (${reachThrough(p, e.id)}${p.status === "unknown" ? `; **unknown**: ${markdownText(p.reason ?? "")}` : ""})`,
      );
      lines.push(`- ${md(e.id)}: ${items.length > 0 ? items.join("; ") : "nothing"}`);
    }
  } else {
    lines.push(
      "",
      `## What each network and site reaches (summary: more than ${m.limit} networks and sites)`,
      "",
      "Each network reaches its peers over peerings that carry traffic, and what the gateways it uses reach (listed per gateway below).",
      "",
    );
    const list = (ids: readonly string[]) =>
      ids.length > 10
        ? `${[...ids].slice(0, 10).map(md).join(", ")} and ${ids.length - 10} more`
        : ids.map(md).join(", ");
    for (const r of m.reach!) {
      if (r.peers.length === 0 && r.gateways.length === 0) continue;
      lines.push(
        `- ${md(r.id)}: peers ${list(r.peers) || "none"}; through ${list(r.gateways) || "no gateway"}`,
      );
    }
    lines.push("", "### Gateways", "");
    for (const g of m.gateways) {
      lines.push(
        `- ${md(g.id)}${g.network ? ` in ${md(g.network)}` : ""}: used by ${g.spokes.length} spoke(s) through gateway transit; sites ${list(g.sites) || "none"}; VNet-to-VNet ${list(g.vnetToVnet) || "none"}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
