#!/usr/bin/env node
/**
 * `cdktf-azure-connectivity check <file-or-dir>...`: the policy engine on Terraform JSON on disk.
 * Exit codes: 0 no error finding, 1 at least one (unsuppressed) error finding, 2 unusable input.
 */
import * as path from "path";
import * as fs from "fs";
import { blockingFindings, countFindings, formatFinding } from "../policies/finding";
import { UnusableInputError, loadTerraformJson } from "../policies/input/load";
import { locateInFiles } from "../policies/input/locate";
import { check, reportTexts, writeOutputs } from "../policies/pipeline";
import { analyzeReachability, reachabilityMarkdown, reachabilityMatrix } from "../policies/reachability";
import { ALL_RULES } from "../policies/rules";

/** Where the CLI writes. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: cdktf-azure-connectivity check [--format text|json|sarif] [--reachability] <file-or-dir>...

Checks Terraform JSON (.tf.json files, or folders such as cdktf.out) against the connectivity
policies. Exit code 0: no error finding; 1: error findings; 2: unusable input.
--reachability also prints what can reach what, and writes the reachability matrix and the topology
diagram (Mermaid, DOT, SVG) next to the first input.`;

/** Runs the CLI; returns the exit code. */
export function main(
  argv: readonly string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): number {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  if (command !== "check") {
    io.err(command === undefined ? USAGE : `Unknown command '${command}'.\n${USAGE}`);
    return 2;
  }
  let format = "text";
  let reachability = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--format") {
      format = rest[++i] ?? "";
      if (!["text", "json", "sarif"].includes(format)) {
        io.err(`--format must be text, json or sarif.\n${USAGE}`);
        return 2;
      }
    } else if (a === "--reachability") {
      reachability = true;
    } else if (a.startsWith("--format=")) {
      format = a.slice("--format=".length);
      if (!["text", "json", "sarif"].includes(format)) {
        io.err(`--format must be text, json or sarif.\n${USAGE}`);
        return 2;
      }
    } else {
      paths.push(a);
    }
  }
  let loaded;
  try {
    loaded = loadTerraformJson(paths);
  } catch (e) {
    if (e instanceof UnusableInputError) {
      io.err(`cdktf-azure-connectivity: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const result = check(loaded.docs, ALL_RULES);
  const report = result.report;
  const blocking = blockingFindings(report.findings);
  const analysis = reachability ? analyzeReachability(result.model) : undefined;
  if (reachability) {
    const first = paths[0];
    const dir = fs.statSync(first).isDirectory() ? first : path.dirname(first);
    const written = writeOutputs(dir, result, { reports: false, reachability: {}, rules: ALL_RULES });
    io.err(`cdktf-azure-connectivity: wrote ${written.files.join(", ")}`);
    if (written.svgError)
      io.err(`cdktf-azure-connectivity: the topology SVG was not written: ${written.svgError}`);
  }
  const texts = () =>
    reportTexts(report, {
      rules: ALL_RULES,
      extra: {
        files: loaded.files.map((f) => f.file),
        ...(analysis ? { reachability: reachabilityMatrix(analysis) } : {}),
      },
      locate: locateInFiles(loaded.files),
    });
  if (format === "json") {
    io.out(texts().json.trimEnd());
  } else if (format === "sarif") {
    io.out(texts().sarif.trimEnd());
  } else {
    for (const f of report.findings) io.out(formatFinding(f));
    for (const u of report.unverifiable) io.out(`[${u.path}] ${u.ruleId} (not verified): ${u.what}`);
    const { warnings, suppressed } = countFindings(report.findings);
    if (analysis) io.out(reachabilityMarkdown(analysis, report.findings));
    io.out(
      `${loaded.files.length} file(s), ${loaded.docs.length} stack(s): ${blocking.length} error(s), ${warnings} warning(s), ${suppressed} suppressed, ${report.unverifiable.length} not verifiable.`,
    );
  }
  return blocking.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
