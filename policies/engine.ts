/**
 * The engine: builds the model from Terraform documents, runs the rules, applies suppressions.
 * One engine serves the aspect (at synth) and `checkTerraform` / the CLI (on any Terraform JSON).
 */
import { NetworkModel, SuppressionM } from "./model";
import { Rule, RuleContext, Severity } from "./rule";
import { Finding, PolicyReport, Unverifiable } from "./finding";

/** Rule id under which the report lists what the engine could not read. */
export const INPUT_UNREAD = "Input.Unread";
/** Rule id of the warning about an argument the pinned azurerm version does not know. */
export const INPUT_UNKNOWN_ARGUMENT = "Input.UnknownArgument";

/**
 * Rule id of the engine's error for a suppression that names a rule id none of the rules that ran has:
 * a typo (or a rule of a pack that did not run) would otherwise hide nothing and say nothing.
 */
export const SUPPRESSION_UNKNOWN_RULE = "Suppression.UnknownRule";

/** How a check not verifiable begins its message under strict, after the rule id (read back by `diff`). */
export const STRICT_NOT_VERIFIABLE = ": not verifiable (strict): ";

/**
 * The ids the engine reports under itself, not a rule's, that a suppression may name as it names a
 * rule: what could not be read (the fix text of `Input.Unread` under strict says to suppress it) and an
 * argument the pinned azurerm version does not know. The engine reports them whatever rules run.
 *
 * `Suppression.UnknownRule` is not one of them, and a suppression naming it is itself that error: the
 * error reports a suppression that hides nothing (a typo), so suppressing it would hide the typo again,
 * the silence the error exists to end; and the fix is always at hand (correct or remove the suppression).
 */
export const ENGINE_RULE_IDS: readonly string[] = [INPUT_UNREAD, INPUT_UNKNOWN_ARGUMENT];

/**
 * True when Azure itself enforces what an error finding of this rule reports, so that a suppressed
 * finding, if right, fails at apply: every error rule except reachability intents (the app's own
 * design, not Azure's).
 */
export function azureEnforces(ruleId: string, severity: Severity): boolean {
  return severity === "error" && !ruleId.startsWith("Reachability.");
}

const NAME = String.raw`[A-Za-z_][\w-]*`;
/** An instance key: `[0]`, `["a"]` (a JSON string). */
const KEY = String.raw`\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;
const MODULE = String.raw`module\.${NAME}(?:${KEY})?`;
/** `type.name` or `data.type.name`: `data` and `module` are never a resource type. */
const RESOURCE = String.raw`(?:data\.)?(?!(?:data|module)\.)${NAME}\.${NAME}(?:${KEY})?`;
/**
 * A path ending in the Terraform address of a resource or data source (`azurerm_virtual_network.hub`,
 * `module.x.azurerm_subnet.s["a"]`) or of a module call (`module.x`, `module.x[0].module.y`), after a
 * stack's `/` or alone. A resource type alone (`azurerm_virtual_network`), a type in a module
 * (`module.x.azurerm_subnet`) or a construct path (`net/hub`) is none.
 */
const ADDRESS_END = new RegExp(String.raw`(?:^|/)(?:${MODULE}\.)*(?:${RESOURCE}|${MODULE})$`);
/** What follows a Terraform address and a `.` when it is inside it: a name (an argument, a block, `output`). */
const INSIDE_ADDRESS = new RegExp(String.raw`^${NAME}(?:$|[.[])`);

/**
 * A suppression covers its path, what is under it (`/`), and the instances of a resource there
 * (`path[0]`). On the Terraform address of a resource or module call, what is inside it is under it
 * too: `azurerm_virtual_network.hub` covers `azurerm_virtual_network.hub.tags` (an argument) and
 * `module.x` covers `module.x.azurerm_subnet.s` (what the module holds), never a sibling whose name
 * only starts the same (`azurerm_virtual_network.hub2`, `module.xy`). A resource type alone is not an
 * address and covers nothing more than its path: a suppression is written for a resource, not for
 * every resource of a type.
 */
function covers(s: SuppressionM, ruleId: string, path: string): boolean {
  if (s.ruleId !== ruleId && s.ruleId !== "*") return false;
  if (path === s.path || path.startsWith(`${s.path}/`) || path.startsWith(`${s.path}[`)) return true;
  return (
    path.startsWith(`${s.path}.`) &&
    INSIDE_ADDRESS.test(path.slice(s.path.length + 1)) &&
    ADDRESS_END.test(s.path)
  );
}

/** The suppression that accepts what `ruleId` reports at `path`, as the engine applies it; undefined for none. */
export function suppressionOf(
  suppressions: readonly SuppressionM[],
  ruleId: string,
  path: string,
): SuppressionM | undefined {
  return suppressions.find((s) => covers(s, ruleId, path));
}

/** A finding about the input itself (not from a rule): an argument the pinned provider does not know. */
export interface InputFinding {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly values?: Record<string, string>;
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * What could not be decided before apply fails like an error: each unverifiable check becomes an
   * error finding, and a reachability intent whose answer is unknown an error instead of a warning
   * (see {@link RuleContext.strict}).
   * @default false
   */
  readonly strict?: boolean;
  /** Warnings about the input (reported as `Input.UnknownArgument`). */
  readonly inputFindings?: readonly InputFinding[];
}

const STRICT_FIX =
  "Make the value known before apply (a literal, a variable with a value, a local module, a plan), or suppress the check for this resource with a reason.";
/** What could not be read at all (a file, a module, a part of a plan, an expression): the message says which. */
const UNREAD_FIX =
  "Give the checker what the message names (fix the file or the part of the plan, install or point to the module, replace what cannot be evaluated), or suppress Input.Unread for this path with a reason.";

function strictFix(ruleId: string): string {
  return ruleId === INPUT_UNREAD ? UNREAD_FIX : STRICT_FIX;
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
      const suppression = suppressionOf(model.suppressions, rule.id, f.path);
      const severity = f.severity ?? rule.severity;
      findings.push({
        ruleId: rule.id,
        severity,
        path: f.path,
        message,
        fix: f.fix,
        values: f.values,
        suppressed: suppression !== undefined,
        suppressionReason: suppression?.reason,
        azureWillRefuse: suppression !== undefined && azureEnforces(rule.id, severity) ? true : undefined,
      });
    }
    for (const u of outcome.unverified) {
      const dedupe = `${rule.id}\u0000${u.path}\u0000${u.what}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      unverifiable.push({ ruleId: rule.id, path: u.path, what: u.what });
    }
  }
  // A suppression must name a rule that ran, or one of the engine's own ids: never itself suppressed.
  let known: Set<string> | undefined;
  for (const s of model.suppressions) {
    if (s.ruleId === "*") continue;
    known ??= new Set([...rules.map((r) => r.id), ...ENGINE_RULE_IDS]);
    if (known.has(s.ruleId)) continue;
    let fix: string;
    let message: string;
    if (s.ruleId.toLowerCase() === SUPPRESSION_UNKNOWN_RULE.toLowerCase()) {
      // Never suppressible (see ENGINE_RULE_IDS): said as such, not as a rule id that does not exist.
      fix = `Remove this suppression, and correct or remove each suppression a ${SUPPRESSION_UNKNOWN_RULE} error names.`;
      message = `suppression of ${s.ruleId} at ${s.path} is not applied: ${SUPPRESSION_UNKNOWN_RULE} reports a suppression that hides nothing (a typo), and is never itself suppressed, since that would hide the typo again; reason given: "${s.reason}". Fix: ${fix}`;
    } else {
      const near = [...known].find((id) => id.toLowerCase() === s.ruleId.toLowerCase());
      fix = near
        ? `Write the rule id as ${near}.`
        : `Use a rule id from the rule table (docs and README), ${ENGINE_RULE_IDS.join(" or ")}, or remove the suppression if the rule is gone.`;
      message = `suppression of ${s.ruleId} at ${s.path} names no rule that ran (${rules.length} rules), so it hides nothing; reason given: "${s.reason}". Fix: ${fix}`;
    }
    const dedupe = `${SUPPRESSION_UNKNOWN_RULE}\u0000${s.path}\u0000${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    findings.push({
      ruleId: SUPPRESSION_UNKNOWN_RULE,
      severity: "error",
      path: s.path,
      message: `${SUPPRESSION_UNKNOWN_RULE}: ${message}`,
      fix,
      values: { ruleId: s.ruleId },
      suppressed: false,
    });
  }
  // What the model builder could not read is as unverified as a value unknown at synth.
  for (const u of model.unread) {
    const dedupe = `${INPUT_UNREAD}\u0000${u.path}\u0000${u.what}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    unverifiable.push({ ruleId: INPUT_UNREAD, path: u.path, what: u.what });
  }
  for (const w of options.inputFindings ?? []) {
    const message = `${INPUT_UNKNOWN_ARGUMENT}: ${w.message} Fix: ${w.fix}`;
    const dedupe = `${INPUT_UNKNOWN_ARGUMENT}\u0000${w.path}\u0000${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const suppression = suppressionOf(model.suppressions, INPUT_UNKNOWN_ARGUMENT, w.path);
    findings.push({
      ruleId: INPUT_UNKNOWN_ARGUMENT,
      severity: "warning",
      path: w.path,
      message,
      fix: w.fix,
      values: w.values,
      suppressed: suppression !== undefined,
      suppressionReason: suppression?.reason,
    });
  }
  if (options.strict) {
    // Under strict, what could not be verified fails like an error finding (suppressions apply).
    for (const u of unverifiable.splice(0)) {
      const suppression = suppressionOf(model.suppressions, u.ruleId, u.path);
      findings.push({
        ruleId: u.ruleId,
        severity: "error",
        path: u.path,
        message: `${u.ruleId}${STRICT_NOT_VERIFIABLE}${u.what}${/[.!?]$/.test(u.what) ? "" : "."} Fix: ${strictFix(u.ruleId)}`,
        fix: strictFix(u.ruleId),
        values: { notVerifiable: u.what },
        suppressed: suppression !== undefined,
        suppressionReason: suppression?.reason,
      });
    }
  }
  const order = (a: { path: string; ruleId: string }, b: { path: string; ruleId: string }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
  findings.sort(order);
  unverifiable.sort(order);
  return { findings, unverifiable };
}
