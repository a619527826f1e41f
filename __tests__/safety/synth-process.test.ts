/**
 * What synths run as processes leave in the output folder: an app that dies of its own TypeError
 * leaves no earlier stack file or report behind, and a synth that fails while another one of the
 * same app succeeds does not delete the successful one's output. (Project `slow`: real processes.)
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sourceTree, tsNode } from "../../test-utils/flavor";

const TREE = sourceTree(["__tests__/fixtures"]);
afterAll(() => TREE.cleanup());

const APP = path.join(TREE.root, "__tests__/fixtures/guarded-app.ts");

function env(outdir: string, mode: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CDKTF_OUTDIR: outdir, GUARD_APP_MODE: mode, CHECKPOINT_DISABLE: "1", ...extra };
}

function runApp(outdir: string, mode: string) {
  const app = tsNode(APP);
  return spawnSync(app.cmd, app.args, { encoding: "utf8", env: env(outdir, mode) });
}

function start(
  outdir: string,
  mode: string,
  extra: Record<string, string>,
): { child: ChildProcess; exit: Promise<number | null>; err: () => string } {
  const app = tsNode(APP);
  const child = spawn(app.cmd, app.args, {
    env: env(outdir, mode, extra),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d) => (err += String(d)));
  child.stdout?.on("data", (d) => (err += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, err: () => err };
}

async function until(file: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stackFile = (outdir: string) => path.join(outdir, "stacks", "net", "cdk.tf.json");
const report = (outdir: string) => path.join(outdir, "connectivity-findings.json");

describe("synths as processes", () => {
  it("an app that throws a TypeError of its own removes the earlier synth's stack files and report", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-synth-process-"));
    const outdir = path.join(dir, "cdktf.out");
    const good = runApp(outdir, "good");
    expect(good.status).toBe(0);
    expect(fs.existsSync(stackFile(outdir))).toBe(true);
    expect(JSON.parse(fs.readFileSync(report(outdir), "utf8")).passed).toBe(true);

    const thrown = runApp(outdir, "throw");
    expect(thrown.status).not.toBe(0);
    expect(thrown.stderr).toContain("TypeError");
    expect(fs.existsSync(stackFile(outdir))).toBe(false);
    expect(fs.existsSync(report(outdir))).toBe(false);
  });

  it("a synth that fails while another succeeds leaves the successful one's output in place", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-synth-process-"));
    const outdir = path.join(dir, "cdktf.out");
    const f = (name: string) => path.join(dir, name);
    // Both apps are constructed before either synthesizes; the good one synthesizes first, the bad
    // one (error findings) after: the good one's files are newer than the bad one's synth began.
    const good = start(outdir, "good", { GUARD_APP_READY: f("good.ready"), GUARD_APP_GO: f("good.go") });
    const bad = start(outdir, "bad", { GUARD_APP_READY: f("bad.ready"), GUARD_APP_GO: f("bad.go") });
    await until(f("good.ready"));
    await until(f("bad.ready"));
    fs.writeFileSync(f("good.go"), "");
    expect(await good.exit).toBe(0);
    const written = fs.readFileSync(stackFile(outdir), "utf8");
    fs.writeFileSync(f("bad.go"), "");
    expect(await bad.exit).not.toBe(0);
    expect(bad.err()).toContain("AddressSpace.NoOverlap");
    expect(fs.readFileSync(stackFile(outdir), "utf8")).toBe(written);
    expect(fs.existsSync(path.join(outdir, ".connectivity-synth.lock"))).toBe(false);
  });

  it("two synths started at once both finish, one at a time, and leave a whole stack file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-synth-process-"));
    const outdir = path.join(dir, "cdktf.out");
    const f = (name: string) => path.join(dir, name);
    const a = start(outdir, "good", { GUARD_APP_READY: f("a.ready"), GUARD_APP_GO: f("go") });
    const b = start(outdir, "good", { GUARD_APP_READY: f("b.ready"), GUARD_APP_GO: f("go") });
    await until(f("a.ready"));
    await until(f("b.ready"));
    fs.writeFileSync(f("go"), "");
    expect([await a.exit, await b.exit]).toEqual([0, 0]);
    expect(JSON.parse(fs.readFileSync(stackFile(outdir), "utf8")).resource).toBeDefined();
    expect(fs.readdirSync(path.dirname(stackFile(outdir))).filter((x) => x.endsWith(".tmp"))).toEqual([]);
  });
});
