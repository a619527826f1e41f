/**
 * Section 3 of `npm run bench`: synth at scale (issue 7). For N spokes, the same hub-and-spoke
 * topology (scale-plan.ts) is synthesized as (a) raw provider resources without policies, the floor,
 * (b) the package's constructs, (c) the constructs with `applyConnectivityPolicies`. Each run is a
 * fresh Node process running JavaScript transpiled once from the TypeScript sources (no ts-node in
 * the measured processes), so its peak RSS is its own; runs alternate a, b, c, a, b, c, ... and the
 * table shows medians.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as ts from "typescript";
import { App } from "cdktf";
import { ChildResult, DiagnosticVariant, Variant } from "./scale-child";
import { buildWithConstructs } from "./scale-constructs";
import { buildRaw } from "./scale-raw";
import { STACK, branchCount, expectedResources, hubCount } from "./scale-plan";
import { int, median, ratio, table } from "./timing";

const ROOT = path.resolve(__dirname, "..");
/** Inside node_modules so the transpiled files resolve cdktf and the providers from the repository. */
const COMPILED = path.join(ROOT, "node_modules", ".cache", "cdktf-azure-connectivity-bench");
const SOURCES = ["bench", "bin", "core", "constructs", "authoring", "patterns", "policies"];
const VARIANTS: readonly Variant[] = ["raw", "constructs", "policies"];

export interface ScaleOptions {
  /** Spoke counts, each with its number of rounds (one round = one run of each variant). */
  readonly sizes: readonly { readonly spokes: number; readonly rounds: number }[];
  readonly out: (line?: string) => void;
  /** Reports a problem with the generated inputs or outputs (never thrown). */
  readonly check: (ok: boolean, what: string) => void;
}

export interface ScaleRow {
  readonly spokes: number;
  readonly rounds: number;
  /** Median wall ms, median CPU ms and the largest peak RSS (MB) per variant. */
  readonly ms: Record<Variant, number>;
  readonly cpuMs: Record<Variant, number>;
  readonly peakMb: Record<Variant, number>;
  /** (c): median CPU ms of the policies' steps in the synth process. */
  readonly parts: { model: number; rules: number; reports: number; reachability: number };
  /** (c): median wall ms after synth until the background SVG was written. */
  readonly svgAfterMs: number;
}

/** Transpiles the sources the child processes need (no type-check: `tsc --noEmit` does that) into {@link COMPILED}. */
export function compileForChildren(child = "scale-child"): { files: number; ms: number; child: string } {
  const t0 = performance.now();
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    declaration: false,
    inlineSourceMap: false,
    inlineSources: false,
    sourceMap: false,
  };
  fs.rmSync(COMPILED, { recursive: true, force: true });
  let files = 0;
  for (const dir of SOURCES) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
      const source = path.join(entry.parentPath, entry.name);
      const relative = path.relative(ROOT, source);
      const js = ts.transpileModule(fs.readFileSync(source, "utf8"), { compilerOptions, fileName: source });
      const target = path.join(COMPILED, relative.replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, js.outputText);
      files++;
    }
  }
  return { files, ms: performance.now() - t0, child: path.join(COMPILED, "bench", `${child}.js`) };
}

/** One run in a fresh process; its output folder is removed afterwards. */
function runChild(child: string, variant: Variant | DiagnosticVariant, spokes: number): ChildResult | string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-bench-"));
  try {
    const r = spawnSync(process.execPath, [child, variant, String(spokes), outdir], {
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    if (r.status !== 0) {
      const why = (r.stderr || r.stdout || String(r.error ?? r.signal)).trim().split("\n").slice(0, 6);
      return `exit ${r.status ?? r.signal}: ${why.join(" / ")}`;
    }
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The raw and construct versions write the same resources: compared on a small topology after
 * replacing logical ids (which differ) by each resource's Azure name.
 */
export function sameTopology(spokes: number): string | undefined {
  const resources = (build: (app: App) => void): string[] => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-bench-check-"));
    try {
      const app = new App({ outdir });
      build(app);
      app.synth();
      const doc = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", STACK, "cdk.tf.json"), "utf8"));
      const names = new Map<string, string>();
      for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource))
        for (const [id, body] of Object.entries(byName)) names.set(`${type}.${id}`, `${type}.${body.name}`);
      const lines: string[] = [];
      for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource)) {
        for (const body of Object.values(byName)) {
          const rest = { ...body };
          delete rest["//"];
          const text = JSON.stringify(rest).replace(
            /(\$\{|")(azurerm_[a-z_]+\.[A-Za-z0-9_-]+)/g,
            (all, before: string, ref: string) => (names.has(ref) ? before + names.get(ref) : all),
          );
          lines.push(`${type} ${text}`);
        }
      }
      return lines.sort();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
  const raw = resources((app) => buildRaw(app, spokes));
  const constructs = resources((app) => buildWithConstructs(app, spokes, false));
  const inRaw = new Set(raw);
  const inConstructs = new Set(constructs);
  const onlyRaw = raw.filter((l) => !inConstructs.has(l));
  const onlyConstructs = constructs.filter((l) => !inRaw.has(l));
  if (raw.length === constructs.length && onlyRaw.length === 0 && onlyConstructs.length === 0)
    return undefined;
  return (
    `${raw.length} raw vs ${constructs.length} construct resources; only raw: ${onlyRaw.slice(0, 2).join(" | ")}; ` +
    `only constructs: ${onlyConstructs.slice(0, 2).join(" | ")}`
  );
}

const seconds = (msValue: number) => (msValue / 1000).toFixed(2);
const cpuLoad = () => os.loadavg()[0];

/** Runs the section and prints its table; returns the measured rows for the targets. */
export function scaleSection(o: ScaleOptions): ScaleRow[] {
  const { out, check } = o;
  const compiled = compileForChildren();
  const mismatch = sameTopology(260);
  check(mismatch === undefined, `raw and construct versions differ at 260 spokes: ${mismatch}`);
  out(
    `Per N: hubs of at most 250 spokes, each hub a VNet with a /27 GatewaySubnet, a VpnGw2AZ gateway with one ` +
      "zone-redundant Standard public IP; every spoke a VNet (two /24 spaces) with one subnet, peered with its hub " +
      "both ways (hub side allows gateway transit, spoke side uses the remote gateway and depends on the gateway); " +
      "one branch every 20 spokes (a local network gateway and an IKEv2 IPsec connection to its spokes' hub, one " +
      "shared-key variable). All in one stack. (a) = raw `@cdktf/provider-azurerm` resources, no policies (the " +
      "floor); (b) = the package's constructs (Vnet, VpnGateway, VnetPeering, LocalSite, SiteToSiteConnection, " +
      "SharedKey); (c) = (b) + `applyConnectivityPolicies(app)`. The raw and construct versions are checked to " +
      "write the same resources (compared at 260 spokes).",
  );
  out();
  out(
    `Each run is a fresh \`node\` process on JavaScript transpiled once from the sources (${compiled.files} files in ` +
      `${(compiled.ms / 1000).toFixed(1)} s; no ts-node in the measured process). Time = constructing the tree + ` +
      "`app.synth()` writing `cdk.tf.json` (and in (c) the policy report) to a temp outdir, module loading " +
      "excluded; wall seconds with CPU seconds in brackets (user + system, all threads, from `process.cpuUsage`, " +
      "plus the child process (c) waits for to render the topology SVG). Peak = the synth process's maxRSS " +
      "(`process.resourceUsage()`; the SVG renderer is a separate short-lived process), the largest of its runs. Runs " +
      "alternate a, b, c, a, b, c, ...; medians (of 2 runs: their mean). Ratios are of the medians, wall (CPU). " +
      "Load = 1-minute load average before each run (median; min..max).",
  );
  out();
  const rows: ScaleRow[] = [];
  const cells: string[][] = [];
  for (const { spokes, rounds } of o.sizes) {
    const runs: Record<Variant, ChildResult[]> = { raw: [], constructs: [], policies: [] };
    const loads: number[] = [];
    const loadMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const variant of VARIANTS) {
        loads.push(cpuLoad());
        const result = runChild(compiled.child, variant, spokes);
        if (typeof result === "string") {
          check(false, `${variant}, ${spokes} spokes: ${result}`);
          continue;
        }
        check(result.problems.length === 0, `${variant}, ${spokes} spokes: ${result.problems.join("; ")}`);
        runs[variant].push(result);
        if (variant === "policies") loadMs.push(result.loadMs);
      }
    }
    if (VARIANTS.some((v) => runs[v].length === 0)) continue;
    const pick = (f: (r: ChildResult) => number) =>
      Object.fromEntries(VARIANTS.map((v) => [v, median(runs[v].map(f))])) as Record<Variant, number>;
    const row: ScaleRow = {
      spokes,
      rounds,
      ms: pick((r) => r.ms),
      cpuMs: pick((r) => r.cpuMs),
      peakMb: Object.fromEntries(
        VARIANTS.map((v) => [v, Math.max(...runs[v].map((r) => r.peakMb))]),
      ) as Record<Variant, number>,
      parts: {
        model: median(runs.policies.map((r) => r.parts?.model ?? 0)),
        rules: median(runs.policies.map((r) => r.parts?.rules ?? 0)),
        reports: median(runs.policies.map((r) => r.parts?.reports ?? 0)),
        reachability: median(runs.policies.map((r) => r.parts?.reachability ?? 0)),
      },
      svgAfterMs: median(runs.policies.map((r) => r.svgAfterMs ?? 0)),
    };
    rows.push(row);
    const resourceCount = Object.values(expectedResources(spokes)).reduce((a, b) => a + b, 0);
    const both = (v: Variant) => `${seconds(row.ms[v])} (${seconds(row.cpuMs[v])})`;
    const vs = (v: Variant) => `${ratio(row.ms[v] / row.ms.raw)} (${ratio(row.cpuMs[v] / row.cpuMs.raw)})`;
    cells.push([
      int(spokes),
      `${hubCount(spokes)} / ${branchCount(spokes)}`,
      int(resourceCount),
      `${(runs.raw[0].jsonBytes / 2 ** 20).toFixed(1)} / ${(runs.constructs[0].jsonBytes / 2 ** 20).toFixed(1)}`,
      String(rounds),
      both("raw"),
      both("constructs"),
      both("policies"),
      vs("constructs"),
      vs("policies"),
      VARIANTS.map((v) => int(row.peakMb[v])).join(" / "),
      `${((row.ms.policies * 1000) / spokes).toFixed(0)} (${((row.cpuMs.policies * 1000) / spokes).toFixed(0)})`,
      `${median(loads).toFixed(1)} (${Math.min(...loads).toFixed(1)}..${Math.max(...loads).toFixed(1)})`,
    ]);
  }
  out(
    table(
      [
        "spokes",
        "hubs / branches",
        "resources",
        "cdk.tf.json MB (a / b)",
        "runs",
        "(a) raw s (CPU)",
        "(b) constructs s (CPU)",
        "(c) + policies s (CPU)",
        "(b)/(a) (CPU)",
        "(c)/(a) (CPU)",
        "peak MB a / b / c",
        "(c) µs / spoke (CPU)",
        "load",
      ],
      cells,
    ),
  );
  out();
  out(
    "Where (c)'s time goes (CPU of the synth process, medians): the policies' steps as measured in the " +
      "pipeline (`lastRunCpuMs`), and the rest of (c) over (a) (the constructs, cdktf rendering the " +
      "stack once for the check and the write, garbage collection of the larger heap). The topology SVG " +
      "is rendered in a detached process after synth returns, only when the topology changed; its wall " +
      "time is shown apart (the child waits for it outside the timed interval).",
  );
  out();
  const share = (part: number, r: ScaleRow) =>
    `${seconds(part)} (${((part / r.cpuMs.policies) * 100).toFixed(1)}%)`;
  out(
    table(
      [
        "spokes",
        "(a) CPU s",
        "(c) CPU s",
        "(c) - (a)",
        "model",
        "rules",
        "reports",
        "reachability outputs",
        "rest of (c) - (a)",
        "SVG after synth (wall s)",
      ],
      rows.map((r) => {
        const over = r.cpuMs.policies - r.cpuMs.raw;
        const own = r.parts.model + r.parts.rules + r.parts.reports + r.parts.reachability;
        return [
          int(r.spokes),
          seconds(r.cpuMs.raw),
          seconds(r.cpuMs.policies),
          `${seconds(over)} (${((over / r.cpuMs.raw) * 100).toFixed(1)}% of (a))`,
          share(r.parts.model, r),
          share(r.parts.rules, r),
          share(r.parts.reports, r),
          share(r.parts.reachability, r),
          seconds(over - own),
          seconds(r.svgAfterMs),
        ];
      }),
    ),
  );
  out();
  return rows;
}

/**
 * Where (c)'s extra time over (b) goes (`--breakdown`): (b), (c), (c) without the topology SVG and (c)
 * without any reachability output, alternating, at one size.
 */
export function breakdownSection(o: { spokes: number; rounds: number } & Omit<ScaleOptions, "sizes">): void {
  const { out, check, spokes, rounds } = o;
  const compiled = compileForChildren();
  const variants: { name: Variant | DiagnosticVariant; what: string }[] = [
    { name: "constructs", what: "(b) constructs, no policies" },
    {
      name: "policies-no-reachability",
      what: "(c) with `reachability: false` (rules and findings report only)",
    },
    {
      name: "policies-no-svg",
      what: "(c) with `reachability: { svg: false }` (matrix, Markdown, Mermaid, DOT; no SVG)",
    },
    { name: "policies", what: "(c) as shipped (everything, SVG rendered in a child process)" },
  ];
  const runs = new Map<string, ChildResult[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const result = runChild(compiled.child, v.name, spokes);
      if (typeof result === "string") {
        check(false, `${v.name}, ${spokes} spokes: ${result}`);
        continue;
      }
      check(result.problems.length === 0, `${v.name}, ${spokes} spokes: ${result.problems.join("; ")}`);
      runs.get(v.name)!.push(result);
    }
  }
  const b = runs.get("constructs")!;
  if (b.length === 0) return;
  const bMs = median(b.map((r) => r.ms));
  const bCpu = median(b.map((r) => r.cpuMs));
  const rows = variants
    .filter((v) => runs.get(v.name)!.length > 0)
    .map((v) => {
      const list = runs.get(v.name)!;
      const wall = median(list.map((r) => r.ms));
      const cpu = median(list.map((r) => r.cpuMs));
      return [
        v.what,
        `${seconds(wall)} (${seconds(cpu)})`,
        `${seconds(wall - bMs)} (${seconds(cpu - bCpu)})`,
        int(Math.max(...list.map((r) => r.peakMb))),
      ];
    });
  out(`### Breakdown of (c) at ${int(spokes)} spokes (${rounds} runs each, alternating; medians)`);
  out();
  out(table(["variant", "s (CPU s)", "over (b): s (CPU s)", "peak MB"], rows));
  out();
}
