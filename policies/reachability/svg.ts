/**
 * SVG from DOT, offline: Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, the wasm embedded
 * in the package; no browser, no network). The package is ESM-only and its API asynchronous, so it runs
 * in a child Node process: {@link renderSvgSync} blocks until the SVG is back, {@link renderSvg} is the
 * asynchronous form, and {@link renderSvgInBackground} leaves the rendering to a detached process that
 * writes the file itself (synth does not wait for it).
 *
 * Every SVG the package writes carries the SHA-256 of the DOT it was rendered from, in a comment after
 * the XML declaration. A later synth keeps an SVG only when that hash is the hash of its DOT and the SVG
 * holds nothing but what Graphviz writes ({@link isSafeSvg}): a planted SVG with a `<script>` in it, or
 * one from another topology, is rendered again.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import { pathToFileURL } from "url";

const RENDER = `
const [url] = process.argv.slice(-1);
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { Graphviz } = await import(url);
const graphviz = await Graphviz.load();
try {
  process.stdout.write(graphviz.dot(Buffer.concat(chunks).toString("utf8"), "svg"));
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e).trim().split("\\n")[0]);
  process.exit(1);
}
`;

/** The comment in which an SVG records the hash of its DOT (after the XML declaration). */
const MARK = "<!-- cdktf-azure-connectivity dot-hash: ";
/** The comment in which an SVG written in place of a diagram records why. */
const FAILED_MARK = "<!-- cdktf-azure-connectivity render-failed: ";

/**
 * What the SVG file holds when Graphviz could not render the DOT (a layout too large for its memory, a
 * DOT it refuses): the reason, said in the picture and recorded in a comment, and the DOT's hash, so
 * that the next synth of the same topology reports the failure (a warning) instead of rendering it
 * again. `@@HASH@@`, `@@COMMENT@@` (the reason, safe in a comment) and `@@TEXT@@` (the reason, escaped
 * for XML) are filled in by {@link failedSvg} and by the detached renderer.
 */
const FAILED_TEMPLATE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
${MARK}@@HASH@@ -->
${FAILED_MARK}@@COMMENT@@ -->
<svg width="@@WIDTH@@pt" height="80pt" viewBox="0.00 0.00 @@WIDTH@@.00 80.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph">
<title>topology not rendered</title>
<text text-anchor="start" x="8" y="20" font-family="Helvetica,sans-Serif" font-size="12.00">The topology could not be rendered by Graphviz:</text>
<text text-anchor="start" x="8" y="42" font-family="Helvetica,sans-Serif" font-size="12.00">@@TEXT@@</text>
<text text-anchor="start" x="8" y="64" font-family="Helvetica,sans-Serif" font-size="12.00">connectivity-topology.dot and connectivity-topology.mmd hold the diagram.</text>
</g>
</svg>
`;

/** The longest reason kept (characters), and the narrowest picture (points). */
const REASON_MAX = 240;
const FAILED_MIN_WIDTH = 480;

/**
 * The reason, on one line and short, safe inside an XML comment and as XML text, and the width that
 * fits it (7 points a character at 12 points).
 */
function failureParts(reason: string): { comment: string; text: string; width: string } {
  const line = reason.replace(/\s+/g, " ").trim().slice(0, REASON_MAX) || "Graphviz failed";
  return {
    comment: line.replace(/-{2,}/g, (d) => d.split("").join(" ")).replace(/-$/, "- "),
    text: line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    width: String(Math.max(FAILED_MIN_WIDTH, line.length * 7 + 16)),
  };
}

/** The SVG written in place of a diagram Graphviz could not render (see {@link svgFailure}). */
export function failedSvg(reason: string, hash: string): string {
  const { comment, text, width } = failureParts(reason);
  return FAILED_TEMPLATE.replace("@@HASH@@", hash)
    .replace("@@COMMENT@@", () => comment)
    .replace("@@TEXT@@", () => text)
    .replace(/@@WIDTH@@/g, width);
}

/** Why the SVG is not a diagram, when it is what {@link failedSvg} writes; undefined for a diagram. */
export function svgFailure(svg: string): string | undefined {
  const at = svg.indexOf(FAILED_MARK);
  return at < 0 ? undefined : svg.slice(at + FAILED_MARK.length, svg.indexOf(" -->", at));
}

/** How long Graphviz may take to lay out a diagram (ms): the detached renderer and {@link renderSvgSync} both stop it then. */
export const RENDER_LIMIT_MS = 120_000;

/**
 * The detached renderer: reads the DOT file, renders it, and writes the SVG (through a temporary file
 * and a rename) only if the DOT file still has the hash it was started for: a newer synth's renderer
 * owns a newer DOT. Graphviz lays the diagram out in a worker thread that is stopped after the time
 * limit. When Graphviz fails (it runs out of memory on very large layouts, after tens of seconds) or
 * takes longer than the limit, the renderer writes {@link failedSvg}'s SVG with the reason instead: no
 * one waits for this process, so the file is where the failure is seen (and the next synth warns about
 * it), and the process never holds a core longer than the limit.
 */
const RENDER_FILE = `
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
const [url, dotFile, svgFile, hash, limitText] = process.argv.slice(-5);
const limit = Number(limitText);
const sha = (t) => createHash("sha256").update(t).digest("hex");
const dot = fs.readFileSync(dotFile, "utf8");
if (sha(dot) !== hash) process.exit(0);
// Graphviz prints why it stops (e.g. "out of memory ...") to stderr and then throws "Program terminated".
const worker = new Worker(
  // Dynamic imports only: the worker's code is read as a module or as a script depending on the flags.
  "import('node:worker_threads').then(({ parentPort, workerData }) =>" +
    "  import(workerData.url).then((m) => m.Graphviz.load()).then((g) => {" +
    "    try { parentPort.postMessage({ svg: g.dot(workerData.dot, 'svg') }); }" +
    "    catch (e) { parentPort.postMessage({ error: String(e && e.message ? e.message : e) }); }" +
    "  }, (e) => parentPort.postMessage({ error: String(e && e.message ? e.message : e) })));",
  { eval: true, workerData: { url, dot }, stderr: true, stdout: true },
);
const printed = [];
worker.stderr.on("data", (c) => printed.push(String(c)));
worker.stdout.resume();
const result = await new Promise((resolve) => {
  const timer = setTimeout(() => {
    void worker.terminate();
    resolve({ error: "Graphviz took longer than " + Math.round(limit / 1e3) + " s to lay out this diagram" });
  }, limit);
  worker.on("message", (m) => { clearTimeout(timer); resolve(m); });
  worker.on("error", (e) => { clearTimeout(timer); resolve({ error: String(e && e.message ? e.message : e) }); });
  // A worker that ends without a word (Graphviz exiting the thread): said, not waited for until the limit.
  worker.on("exit", (code) => { clearTimeout(timer); resolve({ error: "Graphviz stopped (exit code " + code + ")" }); });
});
await worker.terminate();
let marked;
if (typeof result.svg === "string") {
  marked = result.svg.replace(/^(<\\?xml[^>]*\\?>\\n?)?/, (head) => (head || "") + ${JSON.stringify(MARK)} + hash + " -->\\n");
} else {
  // As failedSvg does (a test compares the two byte for byte).
  const first = printed.join("").trim().split("\\n")[0];
  const why = (first ? first + " (" : "") + String(result.error).trim().split("\\n")[0] + (first ? ")" : "");
  const line = why.replace(/\\s+/g, " ").trim().slice(0, ${REASON_MAX}) || "Graphviz failed";
  const comment = line.replace(/-{2,}/g, (d) => d.split("").join(" ")).replace(/-$/, "- ");
  const text = line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const width = String(Math.max(${FAILED_MIN_WIDTH}, line.length * 7 + 16));
  marked = ${JSON.stringify(FAILED_TEMPLATE)}.replace("@@HASH@@", hash).replace("@@COMMENT@@", () => comment).replace("@@TEXT@@", () => text).replace(/@@WIDTH@@/g, width);
}
if (sha(fs.readFileSync(dotFile, "utf8")) !== hash) process.exit(0);
const tmp = path.join(path.dirname(svgFile), "." + path.basename(svgFile) + "." + process.pid + "." + randomBytes(6).toString("hex") + ".tmp");
const fd = fs.openSync(tmp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
try { fs.writeFileSync(fd, marked); } finally { fs.closeSync(fd); }
try { fs.renameSync(tmp, svgFile); } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
`;

function moduleUrl(): string {
  return pathToFileURL(require.resolve("@hpcc-js/wasm-graphviz")).href;
}

function args(script: string, ...rest: string[]): string[] {
  return ["--input-type=module", "-e", script, "--", moduleUrl(), ...rest];
}

/** The SHA-256 of a DOT text, as the SVG records it. */
export function dotHash(dot: string): string {
  return createHash("sha256").update(dot).digest("hex");
}

/** The SVG with the hash of its DOT recorded after the XML declaration. */
function markSvg(svg: string, hash: string): string {
  return svg.replace(/^(<\?xml[^>]*\?>\n?)?/, (head) => `${head || ""}${MARK}${hash} -->\n`);
}

/** The DOT hash an SVG records, when it records one. */
export function svgDotHash(svg: string): string | undefined {
  return /<!-- cdktf-azure-connectivity dot-hash: ([0-9a-f]{64}) -->/.exec(svg)?.[1];
}

/** The elements Graphviz writes in an SVG (and the ones its gradients use). */
const GRAPHVIZ_ELEMENTS = new Set([
  "svg",
  "g",
  "title",
  "desc",
  "path",
  "polygon",
  "polyline",
  "ellipse",
  "circle",
  "rect",
  "line",
  "text",
  "tspan",
  "defs",
  "lineargradient",
  "radialgradient",
  "stop",
]);

/**
 * True when the SVG holds only what Graphviz writes for our DOT: its elements, no event handler
 * attributes, no links, no script, no CDATA, no DOCTYPE with an internal subset.
 */
export function isSafeSvg(svg: string): boolean {
  const body = svg.replace(/<!--[\s\S]*?-->/g, "").replace(/^\s*<\?xml[^>]*\?>/, "");
  const doctype = /<!DOCTYPE[^>]*>/i.exec(body);
  if (doctype && doctype[0].includes("[")) return false;
  for (const m of body.replace(/<!DOCTYPE[^>]*>/i, "").matchAll(/<([^>]*)>/g)) {
    const tag = m[1];
    const name = /^\/?\s*([A-Za-z][\w:.-]*)/.exec(tag)?.[1]?.toLowerCase();
    if (!name || !GRAPHVIZ_ELEMENTS.has(name)) return false;
    if (/\s(on[a-z]+|href|xlink:href|src|style)\s*=/i.test(tag)) return false;
    if (/javascript:|url\s*\(/i.test(tag)) return false;
  }
  return true;
}

/** Renders DOT to SVG, blocking. Throws with Graphviz's message when the DOT is not valid. */
export function renderSvgSync(dot: string): string {
  const r = spawnSync(process.execPath, args(RENDER), {
    input: dot,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: RENDER_LIMIT_MS,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`Graphviz failed: ${r.stderr.trim()}`);
  return markSvg(r.stdout, dotHash(dot));
}

/** Renders DOT to SVG. */
export function renderSvg(dot: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args(RENDER), { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(markSvg(Buffer.concat(out).toString("utf8"), dotHash(dot)));
      else reject(new Error(`Graphviz failed: ${Buffer.concat(err).toString("utf8").trim()}`));
    });
    child.stdin.end(dot);
  });
}

/** A background rendering: its process once started, and its end. */
interface Render {
  child?: ChildProcess;
  done: Promise<void>;
}
const pending = new Set<Render>();
/** Callers of backgroundRenders waiting now: renderers started meanwhile keep this process alive. */
let waiting = 0;

/**
 * Renders the DOT file to the SVG file in a detached process that outlives this one: synth returns
 * without waiting. The SVG is written only if the DOT file still has `hash` when the rendering is done.
 *
 * The process starts once the current synchronous run is over (`setImmediate`), that is after
 * `app.synth()` has written every stack: Graphviz takes a core for a second or more, and started
 * inside synth it would compete with the rest of synth (writing the stacks) for the machine's cores.
 */
export function renderSvgInBackground(
  dotFile: string,
  svgFile: string,
  hash: string,
  limitMs: number = RENDER_LIMIT_MS,
): void {
  const render: Render = { done: Promise.resolve() };
  render.done = new Promise<void>((resolve) => {
    setImmediate(() => {
      let child: ChildProcess;
      try {
        child = spawn(process.execPath, args(RENDER_FILE, dotFile, svgFile, hash, String(limitMs)), {
          detached: true,
          stdio: "ignore",
        });
      } catch {
        // No SVG then (the stale one is already removed); the DOT file is the diagram.
        resolve();
        return;
      }
      child.on("exit", () => resolve());
      child.on("error", () => resolve());
      render.child = child;
      // This process may exit before the renderer is done: the renderer carries on alone, unless
      // someone waits for it (backgroundRenders).
      if (waiting === 0) child.unref();
    });
  });
  pending.add(render);
  void render.done.then(() => pending.delete(render));
}

/**
 * Resolves when every background rendering started by this process is over (benchmarks, tests, an
 * app that reads the SVG right after `app.synth()`); the process waits for them meanwhile.
 */
export async function backgroundRenders(): Promise<void> {
  waiting++;
  try {
    while (pending.size > 0) {
      for (const r of pending) r.child?.ref();
      await Promise.all([...pending].map((r) => r.done));
    }
  } finally {
    waiting--;
  }
}
