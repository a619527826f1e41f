/**
 * What a synth leaves in the app's output folder (`cdktf.out`), when it fails or is interrupted, or
 * when two synths of one app run at once:
 *
 * - a failed synth leaves nothing that looks current. A construct that refuses its props
 *   (ConnectivityValidationError), any other error that ends the process before its synth completed,
 *   and error findings at synth each remove the stack files (`cdk.tf.json`, `cdk.tf`) and the findings
 *   report (`connectivity-findings.json`, `.sarif`) that an earlier synth left there;
 * - it removes only what is older than itself: a file written after this app's construction began
 *   was written by another synth running at the same time (a second terminal, a watch mode), whose
 *   successful output is not this one's to delete;
 * - one synth at a time touches the folder: a lock file (`.connectivity-synth.lock`, created
 *   exclusively, holding the process id) is held from the first stack's validation until the synth
 *   returns, and taken by a failure before it removes anything; a lock whose process is gone is taken over;
 * - stack files are written atomically: cdktf writes each `cdk.tf.json` itself with `fs.writeFileSync`
 *   (truncate, then write: a synth interrupted in between leaves a 0-byte file). While a synth holds
 *   the lock, the writes of the app's stack files go through a temporary file renamed into place
 *   (policies/io.ts), so a reader sees the old file or the new one, never part of one, and a symlink
 *   at the target is replaced, never followed.
 */
// The module object itself (not an import namespace copy): cdktf calls `fs.writeFileSync` on it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require("fs");
import * as path from "path";
import { IConstruct } from "constructs";
import { App, TerraformStack } from "../core/framework";
import { setOutputGuard } from "../core/output-guard";
import { terminalText } from "../core/text";
import { writeFileAtomic } from "./io";
import { REPORT_JSON, REPORT_SARIF } from "./report";

/** The lock file in the output folder. */
export const SYNTH_LOCK = ".connectivity-synth.lock";

/** The stack files cdktf writes, per stack folder. */
const STACK_FILES = ["cdk.tf.json", "cdk.tf"];

/** How long a synth waits for another one's lock before it gives up: two minutes. */
const LOCK_WAIT_MS = 120_000;

/** Per output folder: when this process began constructing the app that writes to it. */
interface Tracked {
  /** Milliseconds since the epoch, rounded down (file times are compared with it). */
  readonly since: number;
  /** The last synth of the app in this process completed. */
  passed: boolean;
}

const tracked = new Map<string, Tracked>();
const apps = new WeakMap<IConstruct, Tracked>();
let exitHook = false;

/** The files this process wrote through the guard, with their modification times. */
const writtenHere = new Map<string, number>();

/** The output folder of the app of `scope`, absolute, when the root is an App. */
function outdirOf(scope: IConstruct): string | undefined {
  const root = scope.node.root;
  return App.isApp(root) ? path.resolve((root as App).outdir) : undefined;
}

/**
 * Remembers when the app of `scope` began to be constructed (the first construct of ours in it), and
 * wraps the App's `synth()`: a synth that throws, for any reason, invalidates the output folder.
 */
export function trackApp(scope: IConstruct): Tracked | undefined {
  const root = scope.node.root;
  const known = apps.get(root);
  if (known) return known;
  const outdir = outdirOf(root);
  if (!outdir) return undefined;
  const t: Tracked = { since: Math.floor(Date.now()), passed: false };
  apps.set(root, t);
  tracked.set(outdir, t);
  const app = root as App;
  const synth = app.synth;
  app.synth = function (this: App): void {
    t.passed = false;
    try {
      synth.call(this);
    } catch (e) {
      failSynth(outdir, t.since);
      throw e;
    } finally {
      endSynth(outdir);
    }
    t.passed = true;
  };
  if (!exitHook) {
    exitHook = true;
    // Any error that ends the process (an uncaught TypeError in the app's code, a failed synth)
    // before its synth completed: what an earlier synth left must not look like this one's output.
    process.on("exit", (code) => {
      if (code === 0) return;
      for (const [dir, entry] of tracked) {
        if (!entry.passed) failSynth(dir, entry.since);
      }
    });
  }
  return t;
}

/** Whether the process `pid` is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Locks held by this process, by output folder (re-entrant). */
const held = new Map<string, number>();

/**
 * Takes the output folder's lock, waiting for another synth to release it; a lock left by a process
 * that is gone is taken over. Returns the function that releases it.
 */
export function lockOutput(outdir: string): () => void {
  const count = held.get(outdir);
  if (count !== undefined) {
    held.set(outdir, count + 1);
    return once(() => release(outdir));
  }
  fs.mkdirSync(outdir, { recursive: true });
  const file = path.join(outdir, SYNTH_LOCK);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.set(outdir, 1);
      return once(() => release(outdir));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = Number(readOrEmpty(file));
    // A lock without a live owner: its process is gone, or died between creating it and writing its id.
    const orphan = owner > 0 ? !alive(owner) : Date.now() - (mtimeOf(file) ?? 0) > 5_000;
    if (Number.isInteger(owner) && orphan) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        terminalText(
          `cdktf-azure-connectivity: another synth (process ${owner || "unknown"}) has held ${file} for ` +
            `two minutes; remove the file if no synth is running`,
        ),
      );
    }
    sleep(50);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function release(outdir: string): void {
  const count = held.get(outdir) ?? 0;
  if (count > 1) {
    held.set(outdir, count - 1);
    return;
  }
  held.delete(outdir);
  const file = path.join(outdir, SYNTH_LOCK);
  if (readOrEmpty(file) === String(process.pid)) fs.rmSync(file, { force: true });
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

/** The modification time of `file` (not following a symlink), or undefined when there is none. */
function mtimeOf(file: string): number | undefined {
  try {
    return fs.lstatSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether `file` is stale for a synth that began at `since`: older, or written by this process. */
function stale(file: string, since: number): boolean {
  const m = mtimeOf(file);
  return m !== undefined && (m < since || writtenHere.get(file) === m);
}

/** Whether the findings report says the app passed. */
function saysPassed(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { passed?: unknown }).passed === true;
  } catch {
    return false;
  }
}

/**
 * A synth that began at `since` failed: removes what would look current in `outdir`: the stack files
 * of every stack folder older than the synth or written by this process, and the findings report when
 * it is older or says the app passed. What another synth wrote since is kept. Takes the folder's lock.
 */
export function failSynth(outdir: string, since: number): void {
  if (!fs.existsSync(outdir)) return;
  const unlock = lockOutput(outdir);
  try {
    const stacksDir = path.join(outdir, "stacks");
    let ids: string[] = [];
    try {
      ids = fs.readdirSync(stacksDir);
    } catch {
      ids = [];
    }
    for (const id of ids) {
      for (const f of STACK_FILES) {
        const file = path.join(stacksDir, id, f);
        if (stale(file, since)) fs.rmSync(file, { force: true });
      }
    }
    const json = path.join(outdir, REPORT_JSON);
    const m = mtimeOf(json);
    if (m !== undefined && (m < since || (writtenHere.get(json) === m && saysPassed(json)))) {
      for (const f of [REPORT_JSON, REPORT_SARIF]) fs.rmSync(path.join(outdir, f), { force: true });
    }
  } finally {
    unlock();
  }
}

/**
 * Error findings at synth: removes the stack files of `stackIds` that an earlier synth left (older than
 * this app's construction, or written by this process), keeping what a concurrent synth wrote since.
 */
export function removeStaleStacks(root: IConstruct, stackIds: readonly string[]): void {
  const outdir = outdirOf(root);
  if (!outdir) return;
  const since = appSince(root);
  const unlock = lockOutput(outdir);
  try {
    for (const id of stackIds) {
      for (const f of STACK_FILES) {
        const file = path.join(outdir, "stacks", id, f);
        if (stale(file, since)) fs.rmSync(file, { force: true });
      }
    }
  } finally {
    unlock();
  }
}

/** When the app of `scope` began to be constructed (now, when it is not known). */
export function appSince(scope: IConstruct): number {
  return trackApp(scope)?.since ?? Date.now();
}

/**
 * Records that this process wrote `file` (a report written through policies/io.ts): a synth of this
 * process that fails afterwards removes it if it still says the app passed.
 */
export function noteWritten(file: string): void {
  const target = path.resolve(file);
  const m = mtimeOf(target);
  if (m !== undefined) writtenHere.set(target, m);
}

/** Synths in progress in this process, by output folder. */
const active = new Map<string, { readonly unlock: () => void; readonly targets: Set<string> }>();
let patched: typeof fs.writeFileSync | undefined;

/**
 * Called at the first validation of a synth: takes the output folder's lock until the synth returns
 * (the end of the current synchronous run, a microtask), and routes cdktf's writes of the app's stack
 * files through an atomic write until then. Idempotent within one synth.
 */
export function beginSynth(root: IConstruct, stacks: readonly TerraformStack[]): void {
  const outdir = outdirOf(root);
  if (!outdir || active.has(outdir)) return;
  trackApp(root);
  const unlock = lockOutput(outdir);
  const targets = new Set([
    ...stacks.flatMap((s) => STACK_FILES.map((f) => path.join(outdir, "stacks", s.node.id, f))),
    path.join(outdir, REPORT_JSON),
    path.join(outdir, REPORT_SARIF),
  ]);
  active.set(outdir, { unlock, targets });
  if (!patched) {
    const original = fs.writeFileSync;
    patched = original;
    fs.writeFileSync = function (file: fs.PathOrFileDescriptor, data: unknown, ...rest: unknown[]) {
      const target = typeof file === "string" ? path.resolve(file) : undefined;
      if (target && typeof data === "string" && isTarget(target)) {
        writeFileAtomic(target, data);
        noteWritten(target);
        return;
      }
      return (original as (...a: unknown[]) => void).call(fs, file, data, ...rest);
    } as typeof fs.writeFileSync;
  }
  // app.synth() ends it when it returns (trackApp's wrapper); any other synth (Testing.synth) at the
  // end of the current synchronous run.
  queueMicrotask(() => endSynth(outdir));
}

/** Ends the synth writing to `outdir`: cdktf's own writes again, the lock released. */
function endSynth(outdir: string): void {
  const a = active.get(outdir);
  if (!a) return;
  active.delete(outdir);
  if (active.size === 0 && patched) {
    fs.writeFileSync = patched;
    patched = undefined;
  }
  a.unlock();
}

function isTarget(file: string): boolean {
  for (const { targets } of active.values()) if (targets.has(file)) return true;
  return false;
}

setOutputGuard({
  seen: (scope) => void trackApp(scope),
  failed: (scope) => {
    const outdir = outdirOf(scope);
    if (outdir) failSynth(outdir, appSince(scope));
  },
});
