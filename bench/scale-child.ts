/**
 * One run of the synth benchmark, in a fresh process (so peak memory is this run's own):
 * `node scale-child.js <raw|constructs|policies> <spokes> <outdir>`.
 *
 * Measures what a user waits for in `cdktf synth` once the modules are loaded: constructing the tree
 * and `app.synth()` writing `cdk.tf.json` (and, with the policies, their report) to `outdir`. Prints
 * one JSON line: wall and CPU ms, the module load time apart, peak RSS (maxRSS, taken before the
 * written files are read back for the checks) and what was written.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { ConnectivityPoliciesProps } from "../policies/aspect";
import { STACK, expectedResources } from "./scale-plan";

/**
 * CPU ms of the child processes this process has waited for (Linux `/proc/self/stat` cutime + cstime,
 * in clock ticks of 10 ms); 0 where /proc is not available.
 */
function waitedChildrenCpuMs(): number {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

export type Variant = "raw" | "constructs" | "policies";
/** Diagnostic variants: (c) without the topology SVG, and without any reachability output. */
export type DiagnosticVariant = "policies-no-svg" | "policies-no-reachability";

const POLICY_PROPS: Record<string, ConnectivityPoliciesProps> = {
  policies: {},
  "policies-no-svg": { reachability: { svg: false } },
  "policies-no-reachability": { reachability: false },
};

export interface ChildResult {
  readonly variant: Variant | DiagnosticVariant;
  readonly spokes: number;
  /** Constructing the tree + app.synth(), wall ms. */
  readonly ms: number;
  /**
   * Same interval, CPU ms: user + system of all the process's threads, plus the child processes it
   * waited for (the policies render the topology SVG in one).
   */
  readonly cpuMs: number;
  /** Loading cdktf, the provider classes and (b, c) the package, before the timed part (wall ms). */
  readonly loadMs: number;
  /** Peak resident set size of the process (MB). */
  readonly peakMb: number;
  /** Size of the written cdk.tf.json (bytes). */
  readonly jsonBytes: number;
  /** Resources written, per type. */
  readonly resources: Record<string, number>;
  /** Problems with what was written (wrong resource counts, policy findings): empty when all is well. */
  readonly problems: string[];
  /** (c): CPU ms of the policies' steps in the synth process (model, rules, reports, reachability outputs). */
  readonly parts?: { model: number; rules: number; reports: number; reachability: number };
  /**
   * (c): wall ms from the end of synth until the topology SVG, rendered in the background, was written
   * (outside the timed interval; waited for so that it does not run into the next measured process).
   */
  readonly svgAfterMs?: number;
}

async function main(): Promise<void> {
  const [variant, spokesText, outdir] = process.argv.slice(2) as [
    Variant | DiagnosticVariant,
    string,
    string,
  ];
  const spokes = Number(spokesText);
  const l0 = performance.now();
  // Loaded here, not at the top, so that the raw version does not load the package.
  const { App } = await import("cdktf");
  let build: (app: InstanceType<typeof App>) => void;
  if (variant === "raw") {
    const { buildRaw } = await import("./scale-raw");
    build = (app) => buildRaw(app, spokes);
  } else {
    const { buildWithConstructs } = await import("./scale-constructs");
    const policies = POLICY_PROPS[variant];
    build = (app) => buildWithConstructs(app, spokes, policies ?? false);
  }
  const loadMs = performance.now() - l0;

  const c0 = process.cpuUsage();
  const children0 = waitedChildrenCpuMs();
  const t0 = performance.now();
  const app = new App({ outdir });
  build(app);
  app.synth();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const childrenCpuMs = waitedChildrenCpuMs() - children0;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  let parts: ChildResult["parts"];
  let svgAfterMs: number | undefined;
  if (variant !== "raw" && variant !== "constructs") {
    const { lastRunCpuMs } = await import("../policies/pipeline");
    parts = { ...lastRunCpuMs };
    const { backgroundRenders } = await import("../policies/reachability/svg");
    const s0 = performance.now();
    await backgroundRenders();
    svgAfterMs = performance.now() - s0;
  }

  const file = path.join(outdir, "stacks", STACK, "cdk.tf.json");
  const jsonBytes = fs.statSync(file).size;
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  const resources: Record<string, number> = {};
  for (const [type, byName] of Object.entries(doc.resource as Record<string, object>))
    resources[type] = Object.keys(byName).length;
  const problems: string[] = [];
  const expected = expectedResources(spokes);
  for (const type of new Set([...Object.keys(expected), ...Object.keys(resources)])) {
    if ((resources[type] ?? 0) !== (expected[type] ?? 0))
      problems.push(`${type}: ${resources[type] ?? 0} written, ${expected[type] ?? 0} expected`);
  }
  if (variant in POLICY_PROPS) {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
    const s = report.summary;
    if (s.errors + s.warnings + s.unverifiable > 0)
      problems.push(`policies: ${s.errors} errors, ${s.warnings} warnings, ${s.unverifiable} unverifiable`);
  }
  const result: ChildResult = {
    variant,
    spokes,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000 + childrenCpuMs,
    loadMs,
    peakMb,
    jsonBytes,
    resources,
    problems,
    ...(parts ? { parts } : {}),
    ...(svgAfterMs !== undefined ? { svgAfterMs } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
