/**
 * Section 5 of `npm run bench`: the CLI (`cdktf-azure-connectivity check`) on the synth benchmark's
 * topology written four ways (cli-inputs.ts): HCL with `for_each` and a tfvars file, HCL with one
 * block per resource, a `terraform show -json` plan of the latter, and cdktf's `cdk.tf.json`. Each run
 * is a fresh Node process (cli-child.ts, on JavaScript transpiled once) so its time and peak memory are
 * its own; the table shows the median time and the largest peak.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CliChildResult } from "./cli-child";
import { blocks, writeBlocksFolder, writeForEachFolder, writePlan } from "./cli-inputs";
import { hubCount } from "./scale-plan";
import { compileForChildren } from "./scale";
import { hubAndSpoke } from "./topology";
import { int, median, table } from "./timing";

export interface CliOptions {
  readonly sizes: readonly { readonly spokes: number; readonly rounds: number }[];
  readonly out: (line?: string) => void;
  readonly check: (ok: boolean, what: string) => void;
}

/** One row of the section, for the README. */
export interface CliRow {
  readonly spokes: number;
  readonly input: string;
  readonly mb: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakMb: number;
}

function sizeMb(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size / 2 ** 20;
  return fs.readdirSync(p).reduce((sum, f) => sum + sizeMb(path.join(p, f)), 0);
}

function runChild(child: string, args: string[]): CliChildResult | string {
  const r = spawnSync(process.execPath, [child, ...args], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as CliChildResult;
  } catch {
    return `exit ${r.status}: ${(r.stderr || r.stdout).slice(0, 500)}`;
  }
}

/** The section: generates the inputs, runs the CLI on each, prints the table. */
export function cliSection(o: CliOptions): CliRow[] {
  o.out("## 5. The CLI on HCL, plans and cdktf output");
  o.out();
  o.out(
    "`cdktf-azure-connectivity check` on the topology of section 3 (hubs of at most 250 spokes with a VPN gateway, " +
      "both peering directions, a subnet per spoke, a branch every 20 spokes): **HCL, for_each**: one `main.tf` " +
      "iterating maps given in `terraform.tfvars.json`; **HCL, blocks**: one block per resource, one `.tf` file per " +
      "hub; **plan**: `terraform show -json` of the latter with every resource to be created (ids known after " +
      "apply, references through the plan's configuration); **cdk.tf.json**: cdktf's output. Each run is a fresh " +
      "process (module loading excluded): wall ms (CPU ms), peak RSS of the process. Every run must end with exit 0 " +
      "and nothing not verifiable.",
  );
  o.out();
  const compiled = compileForChildren("cli-child");
  const rows: CliRow[] = [];
  const printed: string[][] = [];
  for (const { spokes, rounds } of o.sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-bench-cli-"));
    try {
      const b = blocks(spokes);
      const inputs: [string, string][] = [];
      writeForEachFolder(path.join(dir, "for-each"), b);
      inputs.push(["HCL, for_each", path.join(dir, "for-each")]);
      writeBlocksFolder(path.join(dir, "blocks"), b);
      inputs.push(["HCL, blocks", path.join(dir, "blocks")]);
      writePlan(path.join(dir, "plan.json"), b);
      inputs.push(["plan", path.join(dir, "plan.json")]);
      const [doc] = hubAndSpoke({ spokes });
      fs.mkdirSync(path.join(dir, "cdktf", "stacks", "hub"), { recursive: true });
      fs.writeFileSync(path.join(dir, "cdktf", "stacks", "hub", "cdk.tf.json"), JSON.stringify(doc.doc));
      inputs.push(["cdk.tf.json", path.join(dir, "cdktf")]);
      for (const [name, p] of inputs) {
        const results: CliChildResult[] = [];
        for (let i = 0; i < rounds; i++) {
          const args = name.startsWith("HCL") ? ["check", "--var", "branch_shared_key=k", p] : ["check", p];
          const r = runChild(compiled.child, args);
          if (typeof r === "string") {
            o.check(false, `${name}, ${spokes} spokes: ${r}`);
            break;
          }
          o.check(
            r.code === 0,
            `${name}, ${spokes} spokes: exit ${r.code} (${r.summary.join(" | ")}${r.errors.join(" ")})`,
          );
          o.check(
            /, 0 not verifiable/.test(r.summary.join(" ")),
            `${name}, ${spokes} spokes: ${r.summary.join(" | ")}`,
          );
          results.push(r);
        }
        if (results.length === 0) continue;
        const row: CliRow = {
          spokes,
          input: name,
          mb: sizeMb(p),
          ms: median(results.map((r) => r.ms)),
          cpuMs: median(results.map((r) => r.cpuMs)),
          peakMb: Math.max(...results.map((r) => r.peakMb)),
        };
        rows.push(row);
        const read = /Read (.*?);/.exec(results[0].summary.join(" "))?.[1] ?? "";
        printed.push([
          int(spokes),
          `${hubCount(spokes)}`,
          name,
          row.mb.toFixed(1),
          `${(row.ms / 1000).toFixed(2)} (${(row.cpuMs / 1000).toFixed(2)})`,
          int(row.peakMb),
          String(results.length),
          read,
        ]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  o.out(
    table(["spokes", "hubs", "input", "MB", "s (CPU s)", "peak MB", "runs", "what the CLI read"], printed),
  );
  o.out();
  return rows;
}
