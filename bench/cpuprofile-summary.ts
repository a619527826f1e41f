/**
 * Sums the self time of a V8 `.cpuprofile` (from `node --cpu-prof`) per function and per file:
 * `ts-node --transpile-only bench/cpuprofile-summary.ts <file.cpuprofile> [top]`.
 * Used to find where a benchmark's time goes (README, "Benchmarks").
 */
import * as fs from "fs";
import * as path from "path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** A short file name: the package and the path inside it for node_modules, else relative to the cwd. */
function shortFile(url: string): string {
  if (!url) return "(native)";
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) return file.slice(nm + "node_modules/".length);
  return path.relative(process.cwd(), file) || file;
}

export function summarize(profile: Profile): {
  totalMs: number;
  byFunction: [string, number][];
  byFile: [string, number][];
  /** Inclusive time (self + callees) per function, for the call tree's heavy paths. */
  inclusive: [string, number][];
} {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${shortFile(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalMs = 0;
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + t);
    const f = shortFile(n.callFrame.url);
    byFile.set(f, (byFile.get(f) ?? 0) + t);
    totalMs += t;
  }
  // Inclusive: each function counted once per stack (recursion not double-counted).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + t);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, byFunction: sorted(byFunction), byFile: sorted(byFile), inclusive: sorted(inclusive) };
}

function main(): void {
  const [file, topText] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: cpuprofile-summary <file.cpuprofile> [top]\n");
    process.exit(2);
  }
  const top = Number(topText ?? 25);
  const s = summarize(JSON.parse(fs.readFileSync(file, "utf8")) as Profile);
  const pct = (t: number) =>
    `${t.toFixed(0).padStart(7)} ms ${((100 * t) / s.totalMs).toFixed(1).padStart(5)}%`;
  process.stdout.write(`total sampled ${s.totalMs.toFixed(0)} ms\n\nself time by file:\n`);
  for (const [f, t] of s.byFile.slice(0, top)) process.stdout.write(`${pct(t)}  ${f}\n`);
  process.stdout.write("\nself time by function:\n");
  for (const [f, t] of s.byFunction.slice(0, top)) process.stdout.write(`${pct(t)}  ${f}\n`);
  process.stdout.write("\ninclusive time by function:\n");
  for (const [f, t] of s.inclusive.slice(0, top)) process.stdout.write(`${pct(t)}  ${f}\n`);
}

if (require.main === module) main();
