/**
 * Reachability in review: what a change does to the network, before it is deployed. Two snapshots
 * (each from a checked configuration, or from a saved `connectivity-reachability.json`) are compared:
 * pairs that become reachable or unreachable, pairs whose answer becomes unknown ("undecidable") or was
 * unknown and is decided, intents that start or stop holding, findings added or removed, and the links
 * and networks added, removed or changed. A pair is filed by its answers before and after: "unknown" is
 * never counted as "yes" (a pair from "no" to "unknown" did not become reachable, it became undecidable).
 *
 * Pairs are compared on what each side can reach ("yes" or "unknown"); a pair reachable on neither side
 * did not change. From a configuration every pair is compared: all pairs up to the matrix size limit,
 * as the saved matrix has them, and above it each entity's reach from the adjacency, with the pairs of
 * the networks and sites that may be "unknown" without a link (user-defined routes, a link not resolved
 * at synth) within a budget ({@link snapshotOfModel}; beyond it they are listed as not compared). A saved
 * matrix in its summary form (above the matrix size limit) has no pairs: then only links, intents and
 * findings are compared, and the diff says so.
 *
 * What a side could not read or verify (checks not made, modules or blocks not read, expressions not
 * understood, intents and pairs that cannot be decided, pairs not compared) is not compared, so it is
 * listed per side ({@link SideNotChecked}), before the verdict: "no change" then holds only for what was
 * read.
 */
import { INPUT_UNREAD, STRICT_NOT_VERIFIABLE } from "../engine";
import { Finding, PolicyReport } from "../finding";
import { NetworkModel } from "../model";
import { PairReach, ReachabilityAnalysis, TopologyLink, analyzeReachability } from "./analysis";
import { describePath, entityText, naturalCompare } from "./describe";
import { cut, markdownText, safeJson } from "./escape";
import {
  FindingSummary,
  IntentGroupSummary,
  IntentSummary,
  MATRIX_LIMIT,
  ReachabilityMatrix,
  allPairs,
  reachabilityMatrix,
} from "./matrix";
import {
  NotCheckedSummary,
  NotVerifiableSummary,
  PairUndecidedSummary,
  REACHABILITY_INTENT,
  notCheckedOfRun,
  undecidedIntents,
  undecidedPairs,
} from "./not-checked";

/** One side of a diff. */
export interface ReachabilitySnapshot {
  /** Entity ids of the networks and sites. */
  readonly entities: readonly string[];
  /** Every link with its state. */
  readonly links: readonly TopologyLink[];
  /** Pairs that can (or may) exchange traffic, by `a\u0000b` (a < b); absent when not known (a summary-form matrix). */
  readonly pairs?: ReadonlyMap<string, PairReach>;
  /**
   * Pairs that may exchange traffic but are not in `pairs`, and why: a configuration above the matrix
   * size limit with too many pairs that may be "unknown" without a link (user-defined routes, links not
   * resolved at synth) to work out. Not compared: the diff lists it as not checked.
   */
  readonly pairsOmitted?: string;
  /** The intents with their outcome (of an intent over groups, the pairs that do not hold). */
  readonly intents: readonly IntentSummary[];
  /** The intents over groups apart: a pair of one that is not in `intents` holds. */
  readonly intentGroups?: readonly IntentGroupSummary[];
  /** The findings, when known. */
  readonly findings?: readonly FindingSummary[];
  /** The answer for any pair, when the snapshot comes from a configuration (for the reason of a "no"). */
  readonly explain?: (a: string, b: string) => PairReach;
}

/** A pair whose answer changed. */
export interface PairChange {
  /** Entity id of one end. */
  readonly a: string;
  /** Entity id of the other end. */
  readonly b: string;
  /** The answer before (`no` when it was not reachable). */
  readonly before: PairReach["status"];
  /** The answer after. */
  readonly after: PairReach["status"];
  /**
   * How they reach each other after (for "yes"), why not (for "no"), or why it cannot be decided and the
   * path it would take (for "unknown"), in words.
   */
  readonly why?: string;
}

/** An intent whose outcome changed, or that came or went. */
export interface IntentChange {
  /** The intent in words. */
  readonly text: string;
  /** Construct path of its scope. */
  readonly path: string;
  /** Its outcome before (`absent` when it is new). */
  readonly before: IntentSummary["status"] | "absent";
  /** Its outcome after (`absent` when it was removed). */
  readonly after: IntentSummary["status"] | "absent";
  /** Why it does not hold after, and the fix offered. */
  readonly reason?: string;
  /** The fix offered after. */
  readonly fix?: string;
}

/** A link whose state changed. */
export interface LinkChange {
  /** The link before. */
  readonly before: TopologyLink;
  /** The link after. */
  readonly after: TopologyLink;
}

/** What a change does. */
export interface ReachabilityDiff {
  /** Whether pairs were compared (both sides know their pairs). */
  readonly pairsCompared: boolean;
  /** Pairs that can exchange traffic after and could not before ("no" -> "yes"). */
  readonly reachable: readonly PairChange[];
  /** Pairs that cannot exchange traffic after and could before ("yes" -> "no"). */
  readonly unreachable: readonly PairChange[];
  /**
   * Pairs whose answer becomes "unknown" ("yes" or "no" before): what was decided can no longer be, and
   * may have changed either way.
   */
  readonly undecidable: readonly PairChange[];
  /** Pairs whose answer was "unknown" and is decided after ("yes" or "no"). */
  readonly decided: readonly PairChange[];
  /**
   * Intents the change breaks, or can no longer show to hold: they held and do not (broken, or their
   * answer becomes unknown), they could not be decided and are broken now, or they are new and do not
   * hold (or cannot be decided).
   */
  readonly intentsBroken: readonly IntentChange[];
  /** Intents that hold after and did not before (or new intents that hold). */
  readonly intentsHolding: readonly IntentChange[];
  /** Intents whose outcome changed otherwise (removed ones, or from broken to unknown, ...). */
  readonly intentsOther: readonly IntentChange[];
  /** Findings after that were not there before. */
  readonly findingsAdded: readonly FindingSummary[];
  /** Findings before that are gone after. */
  readonly findingsRemoved: readonly FindingSummary[];
  /** Networks and sites added (entity ids). */
  readonly entitiesAdded: readonly string[];
  /** Networks and sites removed (entity ids). */
  readonly entitiesRemoved: readonly string[];
  /** Links added. */
  readonly linksAdded: readonly TopologyLink[];
  /** Links removed. */
  readonly linksRemoved: readonly TopologyLink[];
  /** Links whose state changed. */
  readonly linksChanged: readonly LinkChange[];
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Most pair answers worked out, above the matrix size limit, for the networks and sites whose pairs may
 * be "unknown" without a link between them (`ReachabilityAnalysis.offLinkUnknowns`): about a second. Above it those
 * pairs are not compared, and the snapshot says so ({@link ReachabilitySnapshot.pairsOmitted}).
 */
const OFF_LINK_BUDGET = 200_000;

/**
 * A snapshot of a checked configuration: every pair that can (or may) exchange traffic. Up to the matrix
 * size limit every pair is answered, as the saved matrix has them. Above it, each entity's reach (its
 * peers and what its gateways reach), and every pair of the entities whose pairs may be "unknown"
 * without a link (user-defined routes, links not resolved at synth) within 200,000 answers; beyond that
 * those pairs are not compared, and `pairsOmitted` says so.
 */
export function snapshotOfModel(model: NetworkModel, findings: readonly Finding[]): ReachabilitySnapshot {
  const a: ReachabilityAnalysis = analyzeReachability(model);
  const pairs = new Map<string, PairReach>();
  let pairsOmitted: string | undefined;
  if (a.entities.length <= MATRIX_LIMIT) {
    // Every pair, as the saved matrix has them: a snapshot compares alike with either.
    for (const r of allPairs(a)) if (r.status !== "no") pairs.set(key(r.a, r.b), r);
  } else {
    for (const e of a.entities) {
      for (const r of a.reach(e.id)) {
        const k = key(r.a, r.b);
        if (!pairs.has(k)) pairs.set(k, r);
      }
    }
    const ends = a.offLinkUnknowns();
    if (ends.length * a.entities.length <= OFF_LINK_BUDGET) {
      for (const e of ends) {
        for (const other of a.entities) {
          const k = key(e, other.id);
          if (other.id === e || pairs.has(k)) continue;
          const r = a.pair(e, other.id);
          if (r.status !== "no") pairs.set(k, r);
        }
      }
    } else {
      pairsOmitted = `the pairs of ${ends.length} network(s) and site(s) with user-defined routes or a link not resolved at synth, which may be unknown without a link between them: not worked out for ${a.entities.length} networks and sites (more than ${MATRIX_LIMIT})`;
    }
  }
  const m = reachabilityMatrix(a, { limit: 0 }, findings);
  return {
    entities: a.entities.map((e) => e.id),
    links: a.links,
    pairs,
    ...(pairsOmitted ? { pairsOmitted } : {}),
    intents: m.intents,
    ...(m.intentGroups ? { intentGroups: m.intentGroups } : {}),
    findings: m.findings,
    explain: (x, y) => a.pair(x, y),
  };
}

/** A snapshot of a saved matrix JSON (`connectivity-reachability.json`). */
export function snapshotOfMatrix(m: ReachabilityMatrix): ReachabilitySnapshot {
  const pairs = m.pairs
    ? new Map(m.pairs.filter((p) => p.status !== "no").map((p) => [key(p.a, p.b), p] as const))
    : undefined;
  const all = m.pairs ? new Map(m.pairs.map((p) => [key(p.a, p.b), p] as const)) : undefined;
  return {
    entities: m.entities.map((e) => e.id),
    links: m.links,
    ...(pairs ? { pairs } : {}),
    intents: m.intents ?? [],
    ...(m.intentGroups ? { intentGroups: m.intentGroups } : {}),
    ...(m.findings ? { findings: m.findings } : {}),
    ...(all ? { explain: (a: string, b: string) => all.get(key(a, b))! } : {}),
  };
}

/** True for a document written by {@link reachabilityMatrix} (a saved `connectivity-reachability.json`). */
export function isReachabilityMatrix(doc: unknown): doc is ReachabilityMatrix {
  const d = doc as Partial<ReachabilityMatrix> | null;
  return (
    d !== null &&
    typeof d === "object" &&
    d.tool === "cdktf-azure-connectivity" &&
    Array.isArray(d.entities) &&
    Array.isArray(d.links) &&
    (d.form === "matrix" || d.form === "summary")
  );
}

const linkKey = (l: TopologyLink) => `${l.kind}\u0000${key(l.a, l.b)}`;
/** An intent's identity: its words, and its ends' entity ids (two networks can have one name). */
const intentKey = (i: IntentSummary) => `${i.path}\u0000${i.kind}\u0000${i.text}\u0000${i.from}\u0000${i.to}`;
const findingKey = (f: FindingSummary) => `${f.ruleId}\u0000${f.path}\u0000${f.message}\u0000${f.suppressed}`;

function byText<T>(list: T[], text: (x: T) => string): T[] {
  return list.sort((p, q) => naturalCompare(text(p), text(q)));
}

/** How a pair reaches (its path), or why not; for "unknown", why it cannot be decided, then the path. */
function pathText(r: PairReach): string {
  const path = describePath(r);
  if (r.status === "unknown" && r.reason) return path ? `${r.reason}; path: ${path}` : r.reason;
  return path || (r.reason ?? "");
}

/** Compares two snapshots. */
export function diffSnapshots(before: ReachabilitySnapshot, after: ReachabilitySnapshot): ReachabilityDiff {
  const reachable: PairChange[] = [];
  const unreachable: PairChange[] = [];
  const undecidable: PairChange[] = [];
  const decided: PairChange[] = [];
  /** Where a change goes: by its answers before and after, never "unknown" as if it were "yes". */
  const file = (c: PairChange) =>
    (c.after === "unknown"
      ? undecidable
      : c.before === "unknown"
        ? decided
        : c.after === "yes"
          ? reachable
          : unreachable
    ).push(c);
  const pairsCompared = before.pairs !== undefined && after.pairs !== undefined;
  if (pairsCompared) {
    for (const [k, r] of after.pairs!) {
      const old = before.pairs!.get(k);
      const was = old?.status ?? "no";
      if (was === r.status) continue;
      file({
        a: r.a < r.b ? r.a : r.b,
        b: r.a < r.b ? r.b : r.a,
        before: was,
        after: r.status,
        why: pathText(r),
      });
    }
    const nowThere = new Set(after.entities);
    for (const [k, r] of before.pairs!) {
      if (after.pairs!.has(k)) continue;
      const [a, b] = r.a < r.b ? [r.a, r.b] : [r.b, r.a];
      // A pair with an end that is gone (a network removed or renamed) has no answer to explain.
      const gone = [a, b].filter((e) => !nowThere.has(e));
      const why =
        gone.length > 0
          ? `${gone.map(entityText).join(" and ")} ${gone.length > 1 ? "are" : "is"} no longer in the app`
          : after.explain?.(a, b)?.reason;
      file({ a, b, before: r.status, after: "no", ...(why ? { why } : {}) });
    }
  }
  const intentsBroken: IntentChange[] = [];
  const intentsHolding: IntentChange[] = [];
  const intentsOther: IntentChange[] = [];
  const oldIntents = new Map(before.intents.map((i) => [intentKey(i), i]));
  const newKeys = new Set(after.intents.map(intentKey));
  for (const i of after.intents) {
    const old = oldIntents.get(intentKey(i));
    const was = old?.status ?? "absent";
    if (was === i.status) continue;
    const change: IntentChange = {
      text: i.text,
      path: i.path,
      before: was,
      after: i.status,
      ...(i.reason && i.status !== "holds" ? { reason: i.reason } : {}),
      ...(i.fix && i.status !== "holds" ? { fix: i.fix } : {}),
    };
    // An answer that becomes unknown counts as one that stops holding: it can no longer be shown to hold.
    if (i.status === "holds") intentsHolding.push(change);
    else if (was === "holds" || was === "absent" || (was === "unknown" && i.status === "broken"))
      intentsBroken.push(change);
    else intentsOther.push(change);
  }
  // A pair of an intent over groups is listed only while it does not hold: one that is gone while its
  // intent and both its ends are still there holds now.
  // Only while both ends are still members of two different groups of that intent: an end taken out
  // of its group, or moved into the other's, is no longer asked, which is not "holds".
  const afterGroups = new Map((after.intentGroups ?? []).map((g) => [`${g.path}\u0000${g.text}`, g]));
  const apartIn = (g: IntentGroupSummary | undefined, x: string, y: string): boolean => {
    if (!g?.groups.every((grp) => Array.isArray(grp.ids))) return false;
    const of = (id: string) => g.groups.filter((grp) => grp.ids.includes(id)).map((grp) => grp.name);
    const [gx, gy] = [of(x), of(y)];
    return gx.length === 1 && gy.length === 1 && gx[0] !== gy[0];
  };
  for (const i of before.intents) {
    if (newKeys.has(intentKey(i))) continue;
    const holdsNow =
      i.group !== undefined && apartIn(afterGroups.get(`${i.path}\u0000${i.group}`), i.from, i.to);
    if (holdsNow) intentsHolding.push({ text: i.text, path: i.path, before: i.status, after: "holds" });
    else intentsOther.push({ text: i.text, path: i.path, before: i.status, after: "absent" });
  }
  const oldFindings = new Set((before.findings ?? []).map(findingKey));
  const newFindings = new Set((after.findings ?? []).map(findingKey));
  const findingsAdded = (after.findings ?? []).filter((f) => !oldFindings.has(findingKey(f)));
  const findingsRemoved = (before.findings ?? []).filter((f) => !newFindings.has(findingKey(f)));
  const oldEntities = new Set(before.entities);
  const newEntities = new Set(after.entities);
  const oldLinks = new Map(before.links.map((l) => [linkKey(l), l]));
  const newLinks = new Map(after.links.map((l) => [linkKey(l), l]));
  const linksChanged: LinkChange[] = [];
  for (const [k, l] of newLinks) {
    const old = oldLinks.get(k);
    if (old && old.state !== l.state) linksChanged.push({ before: old, after: l });
  }
  const pairText = (c: PairChange) => `${c.a} ${c.b}`;
  return {
    pairsCompared,
    reachable: byText(reachable, pairText),
    unreachable: byText(unreachable, pairText),
    undecidable: byText(undecidable, pairText),
    decided: byText(decided, pairText),
    intentsBroken: byText(intentsBroken, (i) => i.text),
    intentsHolding: byText(intentsHolding, (i) => i.text),
    intentsOther: byText(intentsOther, (i) => i.text),
    findingsAdded: byText(findingsAdded, (f) => `${f.path} ${f.ruleId}`),
    findingsRemoved: byText(findingsRemoved, (f) => `${f.path} ${f.ruleId}`),
    entitiesAdded: after.entities.filter((e) => !oldEntities.has(e)).sort(naturalCompare),
    entitiesRemoved: before.entities.filter((e) => !newEntities.has(e)).sort(naturalCompare),
    linksAdded: byText(
      [...newLinks].filter(([k]) => !oldLinks.has(k)).map(([, l]) => l),
      linkKey,
    ),
    linksRemoved: byText(
      [...oldLinks].filter(([k]) => !newLinks.has(k)).map(([, l]) => l),
      linkKey,
    ),
    linksChanged: byText(linksChanged, (c) => linkKey(c.after)),
  };
}

/** True when the diff shows no change at all. */
export function isEmptyDiff(d: ReachabilityDiff): boolean {
  return (
    d.reachable.length +
      d.unreachable.length +
      d.undecidable.length +
      d.decided.length +
      d.intentsBroken.length +
      d.intentsHolding.length +
      d.intentsOther.length +
      d.findingsAdded.length +
      d.findingsRemoved.length +
      d.entitiesAdded.length +
      d.entitiesRemoved.length +
      d.linksAdded.length +
      d.linksRemoved.length +
      d.linksChanged.length ===
    0
  );
}

const md = (id: string) => markdownText(cut(entityText(id)));
const STATUS: Record<string, string> = {
  holds: "holds",
  broken: "broken",
  unknown: "unknown",
  "not-found": "an end is not in the app",
  absent: "absent",
};

/** The diff as Markdown, for a pull-request comment. */
export function diffMarkdown(d: ReachabilityDiff): string {
  return diffMarkdownWith(d);
}

/**
 * The diff as Markdown, with what each side could not read or verify listed first (the CLI's); the
 * verdict says it covers only what was read when a side was not read in full.
 */
export function diffMarkdownWith(d: ReachabilityDiff, notChecked?: NotChecked, strict = false): string {
  const lines = ["## Reachability: what this change does", ""];
  const partial = notChecked !== undefined && !allChecked(notChecked);
  if (partial) lines.push(...notCheckedMarkdown(notChecked, strict));
  if (isEmptyDiff(d)) {
    lines.push(
      partial
        ? "No change in what was read and verified: every pair, intent, finding and link read is as before; what is listed above was not compared."
        : "No change: every pair, intent, finding and link is as before.",
    );
    return lines.join("\n") + "\n";
  }
  const unshown = d.intentsBroken.filter((i) => i.after === "unknown").length;
  const broken = d.intentsBroken.length - unshown;
  const counts = [
    broken > 0 ? `**${broken} intent(s) broken**` : "",
    unshown > 0 ? `**${unshown} intent(s) no longer shown to hold**` : "",
    d.reachable.length > 0 ? `${d.reachable.length} pair(s) become reachable` : "",
    d.unreachable.length > 0 ? `${d.unreachable.length} pair(s) become unreachable` : "",
    d.undecidable.length > 0 ? `${d.undecidable.length} pair(s) become undecidable` : "",
    d.decided.length > 0 ? `${d.decided.length} pair(s) now decided` : "",
    d.findingsAdded.length > 0 ? `${d.findingsAdded.length} finding(s) added` : "",
    d.findingsRemoved.length > 0 ? `${d.findingsRemoved.length} finding(s) removed` : "",
  ].filter((x) => x !== "");
  if (counts.length > 0) lines.push(`${counts.join(", ")}.`, "");
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(
      `### ${title}`,
      "",
      ...items.slice(0, 200),
      ...(items.length > 200 ? [`- … and ${items.length - 200} more`] : []),
      "",
    );
  };
  const intent = (i: IntentChange) =>
    `- ${markdownText(i.text)}: ${STATUS[i.before]} → **${STATUS[i.after]}**${i.reason ? `: ${markdownText(i.reason.replace(/\.$/, ""))}.` : ""}${i.fix ? ` Fix: ${markdownText(i.fix)}` : ""}`;
  section("Intents that stop holding", d.intentsBroken.map(intent));
  section("Intents that start holding", d.intentsHolding.map(intent));
  section("Other intent changes", d.intentsOther.map(intent));
  const pair = (c: PairChange) =>
    `- ${md(c.a)} ↔ ${md(c.b)}: ${c.before} → **${c.after}**${c.why ? `: ${markdownText(c.why)}` : ""}`;
  section("Pairs that become reachable", d.reachable.map(pair));
  section("Pairs that become unreachable", d.unreachable.map(pair));
  section("Pairs that become undecidable", d.undecidable.map(pair));
  section("Pairs now decided", d.decided.map(pair));
  if (!d.pairsCompared)
    lines.push(
      "_Pairs not compared: a saved matrix in its summary form lists no pairs (above its size limit); compare the configurations (cdktf.out folders) for pairs._",
      "",
    );
  const finding = (f: FindingSummary) =>
    `- ${f.suppressed ? `${f.severity}, suppressed` : `**${f.severity}**`} ${markdownText(f.ruleId)} at ${markdownText(cut(f.path, 120))}: ${markdownText(f.message.startsWith(`${f.ruleId}: `) ? f.message.slice(f.ruleId.length + 2) : f.message)}`;
  section("Findings added", d.findingsAdded.map(finding));
  section("Findings removed", d.findingsRemoved.map(finding));
  const link = (l: TopologyLink) => `${l.kind} ${md(l.a)} - ${md(l.b)} (${l.state})`;
  section("Networks and sites", [
    ...d.entitiesAdded.map((e) => `- added ${md(e)}`),
    ...d.entitiesRemoved.map((e) => `- removed ${md(e)}`),
  ]);
  section("Links", [
    ...d.linksAdded.map((l) => `- added ${link(l)}`),
    ...d.linksRemoved.map((l) => `- removed ${link(l)}`),
    ...d.linksChanged.map(
      (c) =>
        `- ${c.after.kind} ${md(c.after.a)} - ${md(c.after.b)}: ${c.before.state} → **${c.after.state}**${c.after.reason ? `: ${markdownText(c.after.reason)}` : ""}`,
    ),
  ]);
  return lines.join("\n").trimEnd() + "\n";
}

/** The diff as JSON. */
export function diffJson(d: ReachabilityDiff): string {
  return diffJsonWith(d);
}

/**
 * The diff as JSON, with what each side could not read or verify (the CLI's): `allChecked` (nothing
 * listed on either side) and `notChecked` (per side).
 */
export function diffJsonWith(d: ReachabilityDiff, notChecked?: NotChecked): string {
  const doc = {
    tool: "cdktf-azure-connectivity",
    changed: !isEmptyDiff(d),
    ...(notChecked ? { allChecked: allChecked(notChecked) } : {}),
    ...d,
    ...(notChecked ? { notChecked } : {}),
  };
  return safeJson(JSON.stringify(doc, null, 2)) + "\n";
}

/**
 * Exit codes of `cdktf-azure-connectivity diff`; `incomplete` only with `--strict`, when either side has
 * something not read, not verifiable or not decided that no suppression accepts (whatever changed):
 * a check not verifiable, an intent or a pair that cannot be decided, pairs not compared, a saved matrix
 * that does not record what its check could not verify.
 */
export const DIFF_EXIT = {
  unchanged: 0,
  changed: 1,
  unusableInput: 2,
  intentBroken: 3,
  incomplete: 4,
} as const;

/**
 * The exit code a diff gives: an intent broke or can no longer be shown to hold (`intentsBroken`),
 * something changed (a pair that becomes undecidable included), or nothing did.
 */
export function diffExitCode(d: ReachabilityDiff): number {
  if (d.intentsBroken.length > 0) return DIFF_EXIT.intentBroken;
  return isEmptyDiff(d) ? DIFF_EXIT.unchanged : DIFF_EXIT.changed;
}

// --- what a side could not read or verify ----------------------------------------------------------

/**
 * What one side of a diff could not read or verify: none of it is compared. From a configuration, or
 * from a saved matrix's `notChecked` (the same computation, `not-checked.ts`).
 */
export interface SideNotChecked extends NotCheckedSummary {
  /** Pairs whose answer is "unknown" (a value known only after apply, routing Azure does not document, user-defined routes). */
  readonly pairsUndecided: readonly PairUndecidedSummary[];
  /**
   * Why pairs of this side were not compared, when some were not: a saved matrix in its summary form, or
   * a configuration above the matrix size limit with too many pairs that may be "unknown" without a link
   * to work out.
   */
  readonly pairsNotCompared?: string;
  /**
   * True for a saved matrix that does not record what its check could not verify or read (written by an
   * earlier version, or without its check): whether everything was checked is not known.
   */
  readonly notRecorded?: boolean;
}

/** What each side could not read or verify. */
export interface NotChecked {
  readonly before: SideNotChecked;
  readonly after: SideNotChecked;
}

/**
 * What a checked configuration could not read or verify ({@link notCheckedOfRun}): the report's checks
 * not made, what its input coverage did not understand, the intents and pairs that cannot be decided,
 * suppressed as the engine applies suppressions; and the pairs not compared.
 */
export function notCheckedOfCheck(
  report: PolicyReport,
  model: NetworkModel,
  snapshot: ReachabilitySnapshot,
): SideNotChecked {
  const n = notCheckedOfRun(
    analyzeReachability(model),
    { report, suppressions: model.suppressions },
    snapshot.intents,
    snapshot.pairs?.values() ?? [],
  );
  return {
    ...n,
    pairsUndecided: n.pairsUndecided ?? [],
    ...(snapshot.pairsOmitted ? { pairsNotCompared: snapshot.pairsOmitted } : {}),
  };
}

/**
 * What a saved matrix records as not read, not verified or not decided: its `notChecked`, and, in its
 * summary form, that its pairs are not compared. A matrix without `notChecked` (an earlier version's)
 * records only its intents (their `Reachability.Intent` finding says whether one is suppressed), its
 * pairs, and, from a strict synth, its checks not verifiable (error findings there): that much is
 * listed, and that whether everything was checked is not known (`notRecorded`).
 */
export function notCheckedOfMatrix(
  m: ReachabilityMatrix,
  snapshot: ReachabilitySnapshot = snapshotOfMatrix(m),
): SideNotChecked {
  const pairsNotCompared = m.pairs
    ? {}
    : {
        pairsNotCompared: `a saved matrix in its summary form (more than ${m.limit ?? MATRIX_LIMIT} networks and sites) lists no pairs; compare the configurations (cdktf.out folders) for pairs`,
      };
  if (m.notChecked) {
    return {
      notVerifiable: m.notChecked.notVerifiable,
      notUnderstood: m.notChecked.notUnderstood,
      intentsUndecided: m.notChecked.intentsUndecided,
      pairsUndecided:
        m.notChecked.pairsUndecided ??
        undecidedPairs(snapshot.pairs?.values() ?? [], () => ({ suppressed: false })),
      ...pairsNotCompared,
    };
  }
  const findings = snapshot.findings ?? [];
  const notVerifiable: NotVerifiableSummary[] = [];
  for (const f of findings) {
    const at = f.message.indexOf(STRICT_NOT_VERIFIABLE);
    if (at < 0 || f.message.slice(0, at) !== f.ruleId) continue;
    const rest = f.message.slice(at + STRICT_NOT_VERIFIABLE.length);
    const fix = rest.lastIndexOf(" Fix: ");
    notVerifiable.push({
      ruleId: f.ruleId,
      path: f.path,
      what: (fix < 0 ? rest : rest.slice(0, fix)).replace(/\.$/, ""),
      suppressed: f.suppressed,
    });
  }
  // The intent rule's message for an intent that cannot be decided (rules/reachability/intent.ts).
  const intentsUndecided = undecidedIntents(snapshot.intents, (i) => ({
    suppressed: findings.some(
      (f) =>
        f.ruleId === REACHABILITY_INTENT &&
        f.path === i.path &&
        f.suppressed &&
        f.message.startsWith(`Reachability.Intent: intent "${i.text}" cannot be decided`),
    ),
  }));
  return {
    notVerifiable,
    notUnderstood: [],
    intentsUndecided,
    // Such a matrix records no suppressions: no pair is accepted.
    pairsUndecided: undecidedPairs(snapshot.pairs?.values() ?? [], () => ({ suppressed: false })),
    ...pairsNotCompared,
    notRecorded: true,
  };
}

const sideEmpty = (s: SideNotChecked) =>
  s.notVerifiable.length + s.notUnderstood.length + s.intentsUndecided.length + s.pairsUndecided.length ===
    0 &&
  s.pairsNotCompared === undefined &&
  s.notRecorded !== true;

/** True when neither side lists anything not read or not verified. */
function allChecked(n: NotChecked): boolean {
  return sideEmpty(n.before) && sideEmpty(n.after);
}

/**
 * True when `--strict` fails on what a side lists: a check not verifiable or an intent that cannot be
 * decided, not suppressed (what `check --strict` fails on; an expression not understood that no check
 * needed does not fail it); a pair that cannot be decided, not suppressed; pairs not compared, or a saved
 * matrix that does not record what its check could not verify (no suppression accepts these).
 */
export function strictFails(n: NotChecked): boolean {
  return [n.before, n.after].some(
    (s) =>
      s.notVerifiable.some((u) => !u.suppressed) ||
      s.intentsUndecided.some((i) => !i.suppressed) ||
      s.pairsUndecided.some((p) => !p.suppressed) ||
      s.pairsNotCompared !== undefined ||
      s.notRecorded === true,
  );
}

/** Most items listed per side in the Markdown (the JSON lists every one). */
const MARKDOWN_ITEMS = 50;

/** The Markdown lines on what each side could not read or verify (none when both were read in full). */
function notCheckedMarkdown(n: NotChecked, strict: boolean): string[] {
  const sides = (["before", "after"] as const).filter((k) => !sideEmpty(n[k]));
  if (sides.length === 0) return [];
  const strictText = strict
    ? strictFails(n)
      ? " (--strict: exit 4)"
      : " (--strict passes: each item is suppressed, or an expression not understood that check --strict does not fail on either)"
    : "";
  const lines = [
    `**Not everything was read or verified** (${sides.join(" and ")}): what follows compares only what was read; what is listed here was not compared, and may have changed${strictText}.`,
    "",
  ];
  const accepted = (x: { suppressed: boolean; suppressionReason?: string }) =>
    x.suppressed ? ` (suppressed${x.suppressionReason ? `: ${markdownText(x.suppressionReason)}` : ""})` : "";
  for (const k of sides) {
    const s = n[k];
    const items = [
      // First: never cut by the item limit.
      ...(s.notRecorded
        ? [
            "- **not known whether everything was checked**: this saved matrix does not record what its check could not verify or read (written by an earlier version); write it again with this version, or diff the configurations",
          ]
        : []),
      ...(s.pairsNotCompared ? [`- **pairs not compared**: ${markdownText(s.pairsNotCompared)}`] : []),
      ...s.notVerifiable.map(
        (u) =>
          `- ${markdownText(cut(u.path, 120))}: **${u.ruleId === INPUT_UNREAD ? "not read" : "not verified"}** (${markdownText(u.ruleId)}): ${markdownText(u.what)}${accepted(u)}`,
      ),
      ...s.notUnderstood.map(
        (u) => `- ${markdownText(cut(u.path, 120))}: **not understood**: ${markdownText(u.what)}`,
      ),
      ...s.intentsUndecided.map(
        (i) =>
          `- ${markdownText(cut(i.path, 120))}: **cannot be decided**: ${markdownText(i.text)}${i.reason ? `: ${markdownText(i.reason)}` : ""}${accepted(i)}`,
      ),
      ...s.pairsUndecided.map(
        (p) =>
          `- ${md(p.a)} ↔ ${md(p.b)}: **cannot be decided**${p.reason ? `: ${markdownText(p.reason)}` : ""}${accepted(p)}`,
      ),
    ];
    lines.push(
      `### Not read or not verified: ${k}`,
      "",
      ...items.slice(0, MARKDOWN_ITEMS),
      ...(items.length > MARKDOWN_ITEMS
        ? [`- … and ${items.length - MARKDOWN_ITEMS} more (--format json lists them all)`]
        : []),
      "",
    );
  }
  return lines;
}
