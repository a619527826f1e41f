/**
 * What a check could not read, verify or decide, as the saved matrix records it (`notChecked` in
 * `connectivity-reachability.json`) and as `diff` lists it per side: one computation for both, so that
 * a saved matrix and the configuration it was written from say the same.
 *
 * Suppressions apply as the engine applies them: a check not verifiable by a suppression of its rule at
 * its path, an intent by one of `Reachability.Intent` at its scope, and a pair that cannot be decided by
 * one of `Reachability.Intent` (or `*`) whose path covers both of its ends.
 */
import { STRICT_NOT_VERIFIABLE, suppressionOf } from "../engine";
import { Finding, PolicyReport } from "../finding";
import { SuppressionM } from "../model";
import { PairReach, ReachabilityAnalysis } from "./analysis";
import { naturalCompare } from "./describe";
import type { IntentSummary } from "./matrix";

/** A check that could not be made; `Input.Unread`: a module or block that was not read. */
export interface NotVerifiableSummary {
  /** The rule whose check could not be made. */
  readonly ruleId: string;
  /** Construct path or Terraform address. */
  readonly path: string;
  /** What was not checked, and why. */
  readonly what: string;
  /** Accepted by a suppression (`--strict` does not fail on it, as `check --strict` does not). */
  readonly suppressed: boolean;
  /** The suppression's reason, when known. */
  readonly suppressionReason?: string;
}

/** An expression not understood (and not already listed as a check not verifiable). */
export interface NotUnderstoodSummary {
  /** Where it is. */
  readonly path: string;
  /** What was not understood. */
  readonly what: string;
}

/** An intent whose answer cannot be decided before apply. */
export interface IntentUndecidedSummary {
  /** Construct path of its scope. */
  readonly path: string;
  /** The intent in words. */
  readonly text: string;
  /** Why it cannot be decided. */
  readonly reason?: string;
  /** Its finding is suppressed. */
  readonly suppressed: boolean;
  /** The suppression's reason, when known. */
  readonly suppressionReason?: string;
}

/** A pair whose answer is "unknown": whether they can exchange traffic cannot be decided. */
export interface PairUndecidedSummary {
  /** Entity id of one end. */
  readonly a: string;
  /** Entity id of the other end. */
  readonly b: string;
  /** Why it cannot be decided. */
  readonly reason?: string;
  /**
   * Accepted by a suppression of `Reachability.Intent` (or `*`) whose path covers both ends (`--strict`
   * does not fail on it).
   */
  readonly suppressed: boolean;
  /** The suppression's reason, when known. */
  readonly suppressionReason?: string;
}

/** What a check could not read, verify or decide. */
export interface NotCheckedSummary {
  /** Checks that could not be made (modules and blocks not read among them). */
  readonly notVerifiable: readonly NotVerifiableSummary[];
  /** Expressions not understood (not already listed as not verifiable). */
  readonly notUnderstood: readonly NotUnderstoodSummary[];
  /** Intents that cannot be decided before apply. */
  readonly intentsUndecided: readonly IntentUndecidedSummary[];
  /**
   * Pairs that cannot be decided; absent when the pairs are not known (the matrix's summary form, above
   * its size limit).
   */
  readonly pairsUndecided?: readonly PairUndecidedSummary[];
}

/** A check, as far as what it could not read, verify or decide goes: its report and the suppressions. */
export interface CheckedRun {
  /** The report: its checks not verifiable (or, under strict, their error findings) and its coverage. */
  readonly report: PolicyReport;
  /** The configuration's suppressions (`NetworkModel.suppressions`). */
  readonly suppressions: readonly SuppressionM[];
}

/** The rule whose suppression accepts what reachability cannot decide (intents, and pairs within its path). */
export const REACHABILITY_INTENT = "Reachability.Intent";

/** A check not verifiable that a strict run reported as an error finding, when `f` is one. */
function strictNotVerifiable(f: Finding): NotVerifiableSummary | undefined {
  const what = f.values?.notVerifiable;
  if (typeof what !== "string" || !f.message.startsWith(`${f.ruleId}${STRICT_NOT_VERIFIABLE}`))
    return undefined;
  return {
    ruleId: f.ruleId,
    path: f.path,
    what,
    suppressed: f.suppressed,
    ...(f.suppressionReason ? { suppressionReason: f.suppressionReason } : {}),
  };
}

/** The pairs that cannot be decided, in order, each with what `suppression` says of it. */
export function undecidedPairs(
  pairs: Iterable<PairReach>,
  suppression: (a: string, b: string) => { suppressed: boolean; reason?: string },
): PairUndecidedSummary[] {
  const out: PairUndecidedSummary[] = [];
  for (const p of pairs) {
    if (p.status !== "unknown") continue;
    const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const { suppressed, reason } = suppression(a, b);
    out.push({
      a,
      b,
      ...(p.reason ? { reason: p.reason } : {}),
      suppressed,
      ...(reason ? { suppressionReason: reason } : {}),
    });
  }
  return out.sort((p, q) => naturalCompare(`${p.a} ${p.b}`, `${q.a} ${q.b}`));
}

/** The intents that cannot be decided, each with what `suppression` says of it. */
export function undecidedIntents(
  intents: readonly IntentSummary[],
  suppression: (i: IntentSummary) => { suppressed: boolean; reason?: string },
): IntentUndecidedSummary[] {
  return intents
    .filter((i) => i.status === "unknown")
    .map((i) => {
      const { suppressed, reason } = suppression(i);
      return {
        path: i.path,
        text: i.text,
        ...(i.reason ? { reason: i.reason } : {}),
        suppressed,
        ...(reason ? { suppressionReason: reason } : {}),
      };
    });
}

/**
 * What a check could not read, verify or decide: the report's checks not made (under strict, the error
 * findings they became), what its input coverage did not understand (once: a block not read is not also
 * listed as not understood, as `check` lists them), the intents that cannot be decided, and, when
 * `pairs` are given, the pairs that cannot be decided.
 */
export function notCheckedOfRun(
  a: ReachabilityAnalysis,
  run: CheckedRun,
  intents: readonly IntentSummary[],
  pairs?: Iterable<PairReach>,
): NotCheckedSummary {
  const covering = (ruleId: string, path: string) => {
    const s = suppressionOf(run.suppressions, ruleId, path);
    return { suppressed: s !== undefined, ...(s ? { reason: s.reason } : {}) };
  };
  const notVerifiable: NotVerifiableSummary[] = run.report.unverifiable.map((u) => {
    const { suppressed, reason } = covering(u.ruleId, u.path);
    return {
      ruleId: u.ruleId,
      path: u.path,
      what: u.what,
      suppressed,
      ...(reason ? { suppressionReason: reason } : {}),
    };
  });
  for (const f of run.report.findings) {
    const u = strictNotVerifiable(f);
    if (u) notVerifiable.push(u);
  }
  const listed = new Set(notVerifiable.map((u) => `${u.path}\u0000${u.what}`));
  const notUnderstood = (run.report.coverage?.notUnderstood ?? [])
    .filter((n) => !listed.has(`${n.path}\u0000${n.what}`))
    .map((n) => ({ path: n.path, what: n.what }));
  const intentsUndecided = undecidedIntents(intents, (i) => covering(REACHABILITY_INTENT, i.path));
  if (pairs === undefined) return { notVerifiable, notUnderstood, intentsUndecided };
  // A pair is accepted by a suppression whose path covers both of its ends.
  const pairsUndecided = undecidedPairs(pairs, (x, y) => {
    const [px, py] = [a.entity(x)?.path, a.entity(y)?.path];
    const s =
      px === undefined || py === undefined
        ? undefined
        : run.suppressions.find(
            (c) =>
              suppressionOf([c], REACHABILITY_INTENT, px) !== undefined &&
              suppressionOf([c], REACHABILITY_INTENT, py) !== undefined,
          );
    return { suppressed: s !== undefined, ...(s ? { reason: s.reason } : {}) };
  });
  return { notVerifiable, notUnderstood, intentsUndecided, pairsUndecided };
}
