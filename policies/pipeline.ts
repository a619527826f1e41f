/**
 * The one pipeline of the policy layer: check -> report -> outputs. The aspect (at synth), the CLI and
 * `checkTerraform` all run it, so a configuration gets the same findings, the same reports and the same
 * reachability outputs whichever way it is checked.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "./engine";
import { writeFileAtomic } from "./io";
import { PolicyReport } from "./finding";
import { UnusableInputError } from "./input/errors";
import { InputDocument, readInputs } from "./input/read";
import { NetworkModel, buildModel } from "./model";
import {
  ReachabilityOutputOptions,
  ReachabilityOutputs,
  writeReachabilityOutputs,
} from "./reachability/outputs";
import { LocateFinding, REPORT_JSON, REPORT_SARIF, jsonReport, sarifReport } from "./report";
import { Rule } from "./rule";
import { ALL_RULES } from "./rules";

/**
 * CPU milliseconds of the last run's steps in this process (model, rules, reports, reachability
 * outputs), for the benchmark's breakdown; not part of the public API.
 * @internal
 */
export const lastRunCpuMs = { model: 0, rules: 0, reports: 0, reachability: 0 };

/** CPU milliseconds of this process so far (all threads). */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) * 1e-3;
}

/** A checked configuration: the model the rules read and what they found. */
export interface CheckResult {
  readonly model: NetworkModel;
  readonly report: PolicyReport;
}

/** Options of {@link check}. */
export interface CheckRunOptions {
  /** What could not be verified fails (error findings). */
  readonly strict?: boolean;
}

/**
 * Step 1: reads the documents (configurations expanded, plans read), builds the model and runs the
 * rules. Throws `UnusableInputError` for a document of no known shape.
 */
export function check(
  docs: readonly InputDocument[],
  rules: readonly Rule[] = ALL_RULES,
  options: CheckRunOptions = {},
): CheckResult {
  for (const d of docs) {
    if (d.doc === null || typeof d.doc !== "object" || Array.isArray(d.doc)) {
      throw new UnusableInputError(
        `Terraform JSON of stack '${d.stack}' must be an object, got ${Array.isArray(d.doc) ? "an array" : typeof d.doc}`,
      );
    }
  }
  const t0 = cpuMs();
  const input = readInputs(docs);
  const model = buildModel(input.docs, {
    unread: input.unread,
    ...(input.provider
      ? {
          provider: {
            azurermVersion: input.provider.version,
            ...(input.provider.major !== undefined ? { azurermMajor: input.provider.major } : {}),
          },
        }
      : {}),
  });
  const t1 = cpuMs();
  const report = evaluate(model, rules, { strict: options.strict, inputFindings: input.warnings });
  lastRunCpuMs.model = t1 - t0;
  lastRunCpuMs.rules = cpuMs() - t1;
  return { model, report: { ...report, coverage: input.coverage } };
}

/** What the report files say about where they came from. */
export interface ReportContext {
  /** The rules that ran (SARIF lists them). */
  readonly rules: readonly Rule[];
  /** Extra top-level fields of the JSON report (the stacks or files checked). */
  readonly extra?: Record<string, unknown>;
  /** The file a finding's resource was written to, when known (SARIF physical location). */
  readonly locate?: LocateFinding;
}

/** Step 2: the reports as text (JSON and SARIF 2.1.0). */
export function reportTexts(report: PolicyReport, ctx: ReportContext): { json: string; sarif: string } {
  return {
    json: JSON.stringify(jsonReport(report, ctx.extra), null, 2) + "\n",
    sarif: JSON.stringify(sarifReport(report, ctx.rules, ctx.locate), null, 2) + "\n",
  };
}

/** Options of {@link writeOutputs}. */
export interface OutputOptions extends ReportContext {
  /** Write `connectivity-findings.json` and `.sarif`. */
  readonly reports: boolean;
  /** Write the reachability matrix and diagram, with these options; `false` for none. */
  readonly reachability: ReachabilityOutputOptions | false;
}

/** What {@link writeOutputs} wrote. */
export interface WrittenOutputs {
  readonly files: string[];
  /** Why the topology SVG was not written, when it was not. */
  readonly svgError?: string;
}

/** Step 3: writes the reports and the reachability outputs of a checked configuration to `outdir`. */
export function writeOutputs(outdir: string, result: CheckResult, options: OutputOptions): WrittenOutputs {
  const files: string[] = [];
  const t0 = cpuMs();
  if (options.reports) {
    fs.mkdirSync(outdir, { recursive: true });
    const t = reportTexts(result.report, options);
    for (const [name, text] of [
      [REPORT_JSON, t.json],
      [REPORT_SARIF, t.sarif],
    ] as const) {
      const file = path.join(outdir, name);
      writeFileAtomic(file, text);
      files.push(file);
    }
  }
  const t1 = cpuMs();
  let reach: ReachabilityOutputs | undefined;
  if (options.reachability !== false) {
    // The matrix records what this check could not verify, read or decide (`notChecked`).
    reach = writeReachabilityOutputs(outdir, result.model, result.report.findings, {
      ...options.reachability,
      checked: { report: result.report, suppressions: result.model.suppressions },
    });
    files.push(...reach.files);
  }
  lastRunCpuMs.reports = t1 - t0;
  lastRunCpuMs.reachability = cpuMs() - t1;
  return { files, ...(reach?.svgError ? { svgError: reach.svgError } : {}) };
}
