/**
 * One run of the CLI benchmark, in a fresh process (so peak memory is this run's own):
 * `node cli-child.js <args of cdktf-azure-connectivity>...`. Runs the CLI's `main` (its output
 * discarded) and prints one JSON line: exit code, wall and CPU ms of the whole run (module loading
 * excluded), peak RSS, and the CLI's last output line (the summary).
 */
import { performance } from "perf_hooks";
import { main } from "../bin/cli";

export interface CliChildResult {
  readonly code: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  /** The summary lines the CLI printed (coverage and counts). */
  readonly summary: string[];
  /** What it printed on stderr. */
  readonly errors: string[];
}

async function run(): Promise<void> {
  const out: string[] = [];
  const err: string[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(process.argv.slice(2), { out: (l) => out.push(l), err: (l) => err.push(l) });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result: CliChildResult = {
    code,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakMb: process.resourceUsage().maxRSS / 1024,
    summary: out.slice(-2),
    errors: err,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void run();
