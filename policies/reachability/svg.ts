/**
 * SVG from DOT, offline: Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, the wasm embedded
 * in the package; no browser, no network). The package is ESM-only and its API asynchronous, so it runs
 * in a child Node process: {@link renderSvgSync} blocks until the SVG is back (for the synth-time
 * writer, which is synchronous), {@link renderSvg} is the asynchronous form.
 */
import { spawn, spawnSync } from "child_process";
import { pathToFileURL } from "url";

const SCRIPT = `
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

function moduleUrl(): string {
  return pathToFileURL(require.resolve("@hpcc-js/wasm-graphviz")).href;
}

function args(): string[] {
  return ["--input-type=module", "-e", SCRIPT, "--", moduleUrl()];
}

/** Renders DOT to SVG, blocking. Throws with Graphviz's message when the DOT is not valid. */
export function renderSvgSync(dot: string): string {
  const r = spawnSync(process.execPath, args(), {
    input: dot,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`Graphviz failed: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Renders DOT to SVG. */
export function renderSvg(dot: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args(), { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`Graphviz failed: ${Buffer.concat(err).toString("utf8").trim()}`));
    });
    child.stdin.end(dot);
  });
}
