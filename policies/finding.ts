import { InputCoverage } from "./input/read";
import { terminalText } from "../core/text";
import { Severity } from "./rule";

/** A finding as reported to users (the public contract of `checkTerraform`). */
export interface Finding {
  /** Rule id, `Area.Check`. */
  readonly ruleId: string;
  /** `error` fails synth (unless suppressed); `warning` is reported. */
  readonly severity: Severity;
  /** Construct path of the offending resource (its Terraform address for plain JSON). */
  readonly path: string;
  /** One line: the rule id, what is wrong with the values, and the fix. */
  readonly message: string;
  /** The fix alone. */
  readonly fix: string;
  /** The offending values. */
  readonly values?: Record<string, string>;
  /** True when a suppression with a reason covers the finding; it then never fails synth. */
  readonly suppressed: boolean;
  /** The suppression's reason. */
  readonly suppressionReason?: string;
  /**
   * True on a suppressed error of a rule Azure enforces: if the finding is right, Azure will refuse the
   * configuration at apply. Every synth and every CLI run prints it again.
   */
  readonly azureWillRefuse?: boolean;
}

/** A check that could not be made because a value is unknown at synth. */
export interface Unverifiable {
  /** The rule whose check could not be made (`Input.Unread` for input the engine could not read). */
  readonly ruleId: string;
  /** Construct path (or Terraform address) concerned. */
  readonly path: string;
  /** What was not checked, and which value was unknown. */
  readonly what: string;
}

/** Everything one evaluation found. */
export interface PolicyReport {
  /** Every finding, suppressed ones included (marked). */
  readonly findings: Finding[];
  /** Every check that could not be made, and why (under strict: none, they are error findings). */
  readonly unverifiable: Unverifiable[];
  /** What was read of the input, and what was not read or not understood. */
  readonly coverage?: InputCoverage;
}

/** What tells two findings apart: rule, path and message (the same finding reported twice is one). */
export function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.path}\u0000${f.message}`;
}

/** Error findings that are not suppressed: the ones that fail synth and exit 1. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error" && !f.suppressed);
}

/** What is appended to a suppressed finding of a rule Azure enforces, on every synth and CLI run. */
export const AZURE_WILL_REFUSE =
  "Suppressed, but Azure enforces this rule: if the finding is right, Azure will refuse it at apply.";

/**
 * One line per finding: `[path] severity: RuleId: message Fix: fix` (the message starts with the rule id).
 * Names and values in it come from the configuration, so the line is made safe for a terminal or a CI
 * log (control characters escaped, workflow commands neutralised, a very long line cut).
 */
export function formatFinding(f: Finding): string {
  const tag = f.suppressed ? `${f.severity}, suppressed (${f.suppressionReason})` : f.severity;
  const refuse = f.azureWillRefuse ? ` ${AZURE_WILL_REFUSE}` : "";
  return terminalText(`[${f.path}] ${tag}: ${f.message}${refuse}`);
}

/** Unsuppressed errors, unsuppressed warnings and suppressed findings: the counts every summary shows. */
export function countFindings(findings: readonly Finding[]): {
  errors: number;
  warnings: number;
  suppressed: number;
} {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else if (f.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings, suppressed };
}

/** What is wrong, without the rule id the message starts with and the fix it ends with. */
function whatIsWrong(f: Finding): string {
  let text = f.message;
  if (text.startsWith(`${f.ruleId}: `)) text = text.slice(f.ruleId.length + 2);
  const fix = ` Fix: ${f.fix}`;
  if (text.endsWith(fix)) text = text.slice(0, -fix.length);
  return text;
}

/**
 * A finding as a block a person reads once: the construct path, the rule id and what is wrong on the
 * first line, then the values and the fix, each on its own line indented under it.
 */
export function formatFindingBlock(f: Finding): string {
  const tag = f.suppressed ? `${f.severity}, suppressed (${f.suppressionReason})` : f.severity;
  // Each line is made safe on its own: names and values come from the configuration, and a newline in
  // one must not start a line of its own (a forged CI workflow command).
  const refuse = f.azureWillRefuse ? ` ${AZURE_WILL_REFUSE}` : "";
  const lines = [terminalText(`[${f.path}] ${tag}: ${f.ruleId}: ${whatIsWrong(f)}${refuse}`)];
  if (f.values && Object.keys(f.values).length > 0) {
    lines.push(
      `    ${terminalText(
        `values: ${Object.entries(f.values)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`,
      )}`,
    );
  }
  lines.push(`    ${terminalText(`Fix: ${f.fix}`)}`);
  return lines.join("\n");
}

/** One line each for the warnings and for what could not be verified; none when there is nothing. */
export function summaryLines(report: PolicyReport, where: string): string[] {
  const { warnings } = countFindings(report.findings);
  const lines: string[] = [];
  if (warnings > 0) {
    const ids = [
      ...new Set(
        report.findings.filter((f) => f.severity === "warning" && !f.suppressed).map((f) => f.ruleId),
      ),
    ];
    lines.push(`${warnings} warning${warnings === 1 ? "" : "s"} (${ids.join(", ")})${where}`);
  }
  const n = report.unverifiable.length;
  if (n > 0) {
    const ids = [...new Set(report.unverifiable.map((u) => u.ruleId))];
    lines.push(
      `${n} check${n === 1 ? "" : "s"} not verifiable, a value unknown until apply (${ids.join(", ")})${where}`,
    );
  }
  return lines;
}
