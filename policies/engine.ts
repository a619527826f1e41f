/**
 * The engine: builds the model from Terraform documents, runs the rules, applies suppressions.
 * One engine serves the aspect (at synth) and `checkTerraform` / the CLI (on any Terraform JSON).
 */
import { NetworkModel, SuppressionM } from "./model";
import { Rule, RuleContext } from "./rule";
import { Finding, PolicyReport, Unverifiable } from "./finding";

/** Rule id under which the report lists what the engine could not read. */
export const INPUT_UNREAD = "Input.Unread";

function covers(s: SuppressionM, ruleId: string, path: string): boolean {
  return (s.ruleId === ruleId || s.ruleId === "*") && (path === s.path || path.startsWith(`${s.path}/`));
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /**
   * What could not be decided before apply fails like an error (see {@link RuleContext.strict}).
   * @default false
   */
  readonly strict?: boolean;
}

/** Runs the rules over a model. Findings are sorted by path then rule id, each reported once. */
export function evaluate(
  model: NetworkModel,
  rules: readonly Rule[],
  options: EvaluateOptions = {},
): PolicyReport {
  const findings: Finding[] = [];
  const unverifiable: Unverifiable[] = [];
  const seen = new Set<string>();
  const context: RuleContext = { rules, ...(options.strict ? { strict: true } : {}) };
  for (const rule of rules) {
    const outcome = rule.check(model, context);
    for (const f of outcome.findings) {
      const message = `${rule.id}: ${f.message} Fix: ${f.fix}`;
      const dedupe = `${rule.id}\u0000${f.path}\u0000${message}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const suppression = model.suppressions.find((s) => covers(s, rule.id, f.path));
      findings.push({
        ruleId: rule.id,
        severity: f.severity ?? rule.severity,
        path: f.path,
        message,
        fix: f.fix,
        values: f.values,
        suppressed: suppression !== undefined,
        suppressionReason: suppression?.reason,
      });
    }
    for (const u of outcome.unverified) {
      const dedupe = `${rule.id}\u0000${u.path}\u0000${u.what}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      unverifiable.push({ ruleId: rule.id, path: u.path, what: u.what });
    }
  }
  // What the model builder could not read is as unverified as a value unknown at synth.
  for (const u of model.unread) unverifiable.push({ ruleId: INPUT_UNREAD, path: u.path, what: u.what });
  const order = (a: { path: string; ruleId: string }, b: { path: string; ruleId: string }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
  findings.sort(order);
  unverifiable.sort(order);
  return { findings, unverifiable };
}
