/** Timing helpers: warm-up, several runs, median; explicit GC between runs when it can be had. */
import { performance } from "perf_hooks";
import * as v8 from "v8";
import * as vm from "vm";

v8.setFlagsFromString("--expose-gc");
const gcFn: (() => void) | undefined = (() => {
  try {
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

/** Runs a full garbage collection if the runtime allows it (so one run's garbage is not billed to the next). */
export function gc(): void {
  gcFn?.();
}

/** Wall time and CPU time (user + system, all threads of the process) of one call, in milliseconds. */
export function timeOnce<T>(fn: () => T): { ms: number; cpuMs: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, result };
}

export interface Measurement<T> {
  /** Median wall time of the measured runs (ms). */
  readonly median: number;
  /** Median CPU time of the measured runs (ms; less disturbed than wall time on a busy machine). */
  readonly cpuMedian: number;
  readonly min: number;
  readonly max: number;
  /** Number of measured runs (the warm-up not included). */
  readonly runs: number;
  /** Result of the last run. */
  readonly result: T;
}

export interface MeasureOptions {
  /** Measured runs at least. @default 3 */
  readonly minRuns?: number;
  /** Measured runs at most. @default 9 */
  readonly maxRuns?: number;
  /** Stop adding runs once they have taken this long in total (ms). @default 2000 */
  readonly budgetMs?: number;
  /** Warm-up runs (not measured). @default 1 */
  readonly warmups?: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Warm-up, then runs `fn` until `minRuns` runs are done and the budget is used up (or `maxRuns`),
 * with a GC before each run. An odd number of runs is kept so the median is a measured run.
 */
export function measure<T>(fn: () => T, options: MeasureOptions = {}): Measurement<T> {
  const minRuns = options.minRuns ?? 3;
  const maxRuns = options.maxRuns ?? 9;
  const budget = options.budgetMs ?? 2000;
  for (let i = 0; i < (options.warmups ?? 1); i++) {
    gc();
    fn();
  }
  const times: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  let spent = 0;
  while (times.length < maxRuns && (times.length < minRuns || spent < budget || times.length % 2 === 0)) {
    gc();
    const r = timeOnce(fn);
    times.push(r.ms);
    cpu.push(r.cpuMs);
    spent += r.ms;
    result = r.result;
  }
  return {
    median: median(times),
    cpuMedian: median(cpu),
    min: Math.min(...times),
    max: Math.max(...times),
    runs: times.length,
    result: result as T,
  };
}

/** `1,234` */
export function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Milliseconds with a sensible number of digits. */
export function ms(n: number): string {
  return n >= 100 ? int(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A ratio, e.g. `10.3x`; a dash when there is nothing to compare with. */
export function ratio(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? "-" : `${n.toFixed(2)}x`;
}

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
