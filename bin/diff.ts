/**
 * `cdktf-azure-connectivity diff <before> <after>`: what a change does to reachability, for review
 * before deploy. Each side is a `cdktf.out` folder, a folder of Terraform JSON (or anything the CLI's
 * input loader reads), or a saved `connectivity-reachability.json`.
 *
 * What either side could not read or verify (checks not made, modules or blocks not read, expressions
 * not understood, intents and pairs that cannot be decided, pairs not compared) is listed per side before
 * the verdict, never compared as if it were read.
 *
 * Exit codes: 0 nothing changed, 1 something changed (a pair that becomes undecidable included), 3 an
 * intent stops holding or can no longer be shown to (its answer becomes unknown), an undecided intent
 * is now broken, or a new one does not hold, 2 unusable input; with --strict, 4 when either side has
 * something not read, not verifiable or not decided that no suppression accepts, whatever changed.
 */
import * as fs from "fs";
import { LoadOptions, UnusableInputError, loadInputs } from "../policies/input/load";
import { check } from "../policies/pipeline";
import {
  DIFF_EXIT,
  ReachabilitySnapshot,
  SideNotChecked,
  diffExitCode,
  diffJsonWith,
  diffMarkdownWith,
  diffSnapshots,
  isReachabilityMatrix,
  notCheckedOfCheck,
  notCheckedOfMatrix,
  snapshotOfMatrix,
  snapshotOfModel,
  strictFails,
} from "../policies/reachability/diff";
import { ReachabilityMatrix } from "../policies/reachability/matrix";
import { ALL_RULES } from "../policies/rules";

/** Where the command writes. */
export interface DiffIo {
  out(line: string): void;
  err(line: string): void;
  /** The environment: `TF_VAR_<name>` variables give values, as for `check`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: cdktf-azure-connectivity diff [--format markdown|json] [--strict] [--var-file <file>] [--var <name>=<value>] <before> <after>

Compares the reachability of two configurations: pairs of networks and sites that become reachable or
unreachable, pairs whose answer becomes unknown (undecidable) or was unknown and is now decided,
intents that start or stop holding, findings added or removed, links added, removed or changed. <before> and <after> are each anything check reads (a cdktf.out folder, a folder of HCL or
Terraform JSON, a .tf or .tf.json file, a terraform show -json plan) or a saved
connectivity-reachability.json. --var-file and --var (repeatable) give variable values to both sides,
as check takes them.

What a side could not read or verify (a check not made, a module or block not read, an expression not
understood, an intent or a pair that cannot be decided before apply, pairs not compared) is not
compared: it is listed per side before the verdict (JSON: notChecked, allChecked). --strict fails on it
as check --strict does: on a check not verifiable or an undecided intent, unless suppressed; and on an
undecided pair unless a suppression of Reachability.Intent (or *) covers both its ends; on pairs not
compared, and on a saved matrix that does not record what its check could not verify (an earlier
version's: "not known whether everything was checked").

Exit code 0: nothing changed; 1: something changed; 3: an intent stops holding (or can no longer be
shown to: its answer becomes unknown), an undecided intent is now broken, or a new one does not hold;
2: unusable input; 4: with --strict, a side not read or verified in full (whatever changed).`;

/** A saved matrix, when the path is one; undefined for anything else. */
function savedMatrix(p: string): ReachabilityMatrix | undefined {
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
  return doc;
}

/** One side: its snapshot, and what it could not read or verify (not compared, listed). */
interface Side {
  readonly snapshot: ReachabilitySnapshot;
  readonly notChecked: SideNotChecked;
}

async function side(p: string, options: LoadOptions): Promise<Side> {
  const saved = savedMatrix(p);
  if (saved) {
    const snapshot = snapshotOfMatrix(saved);
    return { snapshot, notChecked: notCheckedOfMatrix(saved, snapshot) };
  }
  // Any input `check` reads: cdktf.out, Terraform JSON or HCL folders, plans.
  const loaded = await loadInputs([p], options);
  const result = check(loaded.docs, ALL_RULES);
  const snapshot = snapshotOfModel(result.model, result.report.findings);
  return { snapshot, notChecked: notCheckedOfCheck(result.report, result.model, snapshot) };
}

/** Runs `diff`; returns the exit code. */
export async function diffCommand(argv: readonly string[], io: DiffIo): Promise<number> {
  let format = "markdown";
  let strict = false;
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
    } else if (a === "--strict") {
      strict = true;
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
  let before: Side;
  let after: Side;
  try {
    const options: LoadOptions = { varFiles, vars, ...(io.env ? { env: io.env } : {}) };
    before = await side(paths[0], options);
    after = await side(paths[1], options);
  } catch (e) {
    if (e instanceof UnusableInputError) {
      io.err(`cdktf-azure-connectivity: ${e.message}\n${USAGE}`);
      return DIFF_EXIT.unusableInput;
    }
    throw e;
  }
  const d = diffSnapshots(before.snapshot, after.snapshot);
  const notChecked = { before: before.notChecked, after: after.notChecked };
  io.out(
    (format === "json" ? diffJsonWith(d, notChecked) : diffMarkdownWith(d, notChecked, strict)).trimEnd(),
  );
  if (strict && strictFails(notChecked)) return DIFF_EXIT.incomplete;
  return diffExitCode(d);
}
