/**
 * `cdktf-azure-connectivity diff <before> <after>`: what a change does to reachability, for review
 * before deploy. Each side is a `cdktf.out` folder, a folder of Terraform JSON (or anything the CLI's
 * input loader reads), or a saved `connectivity-reachability.json`.
 *
 * Exit codes: 0 nothing changed, 1 something changed, 3 an intent stops holding (or a new one does
 * not hold), 2 unusable input.
 */
import * as fs from "fs";
import { LoadOptions, UnusableInputError, loadInputs } from "../policies/input/load";
import { check } from "../policies/pipeline";
import {
  DIFF_EXIT,
  ReachabilitySnapshot,
  diffExitCode,
  diffJson,
  diffMarkdown,
  diffSnapshots,
  isReachabilityMatrix,
  snapshotOfMatrix,
  snapshotOfModel,
} from "../policies/reachability/diff";
import { ALL_RULES } from "../policies/rules";

/** Where the command writes. */
export interface DiffIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: cdktf-azure-connectivity diff [--format markdown|json] [--var-file <file>] [--var <name>=<value>] <before> <after>

Compares the reachability of two configurations: pairs of networks and sites that become reachable or
unreachable, intents that start or stop holding, findings added or removed, links added, removed or
changed. <before> and <after> are each anything check reads (a cdktf.out folder, a folder of HCL or
Terraform JSON, a .tf or .tf.json file, a terraform show -json plan) or a saved
connectivity-reachability.json. --var-file and --var (repeatable) give variable values to both sides,
as check takes them.

Exit code 0: nothing changed; 1: something changed; 3: an intent stops holding (or a new one does not
hold); 2: unusable input.`;

/** A saved matrix, when the path is one; undefined for anything else. */
function savedMatrix(p: string): ReachabilitySnapshot | undefined {
  if (!p.endsWith(".json") || p.endsWith(".tf.json") || !fs.existsSync(p) || !fs.statSync(p).isFile())
    return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(p, "utf8"));
  } catch (e) {
    throw new UnusableInputError(`${p}: not valid JSON (${(e as Error).message})`);
  }
  if (!isReachabilityMatrix(doc))
    throw new UnusableInputError(
      `${p}: not a connectivity-reachability.json written by cdktf-azure-connectivity`,
    );
  return snapshotOfMatrix(doc);
}

async function snapshot(p: string, options: LoadOptions): Promise<ReachabilitySnapshot> {
  const saved = savedMatrix(p);
  if (saved) return saved;
  // Any input `check` reads: cdktf.out, Terraform JSON or HCL folders, plans.
  const loaded = await loadInputs([p], options);
  const result = check(loaded.docs, ALL_RULES);
  return snapshotOfModel(result.model, result.report.findings);
}

/** Runs `diff`; returns the exit code. */
export async function diffCommand(argv: readonly string[], io: DiffIo): Promise<number> {
  let format = "markdown";
  const paths: string[] = [];
  const varFiles: string[] = [];
  const vars: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      io.out(USAGE);
      return 0;
    }
    if (a === "--format" || a.startsWith("--format=")) {
      format = a === "--format" ? (argv[++i] ?? "") : a.slice("--format=".length);
      if (format !== "markdown" && format !== "json") {
        io.err(`--format must be markdown or json.\n${USAGE}`);
        return DIFF_EXIT.unusableInput;
      }
    } else if (a === "--var-file" || a === "--var") {
      const value = argv[++i];
      if (value === undefined) {
        io.err(`${a} needs a value.\n${USAGE}`);
        return DIFF_EXIT.unusableInput;
      }
      (a === "--var" ? vars : varFiles).push(value);
    } else if (a.startsWith("-")) {
      io.err(`Unknown option '${a}'.\n${USAGE}`);
      return DIFF_EXIT.unusableInput;
    } else {
      paths.push(a);
    }
  }
  if (paths.length !== 2) {
    io.err(`diff takes two inputs, before and after (got ${paths.length}).\n${USAGE}`);
    return DIFF_EXIT.unusableInput;
  }
  let before: ReachabilitySnapshot;
  let after: ReachabilitySnapshot;
  try {
    before = await snapshot(paths[0], { varFiles, vars });
    after = await snapshot(paths[1], { varFiles, vars });
  } catch (e) {
    if (e instanceof UnusableInputError) {
      io.err(`cdktf-azure-connectivity: ${e.message}\n${USAGE}`);
      return DIFF_EXIT.unusableInput;
    }
    throw e;
  }
  const d = diffSnapshots(before, after);
  io.out((format === "json" ? diffJson(d) : diffMarkdown(d)).trimEnd());
  return diffExitCode(d);
}
