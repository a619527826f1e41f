import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../bin/cli";
import { NEW_USER_HCL, peering, tfDoc, twoPeeredPlan, vnet } from "../../test-utils/terraform";
import { FRAMEWORK, sourceTree, tsNode } from "../../test-utils/flavor";
import { OUR_FRAMEWORK } from "../../core/framework-identity";
import * as AZURERM_PROVIDER from "@cdktf/provider-azurerm/package.json";

const ROOT = path.resolve(__dirname, "../..");
const TS_NODE = path.join(ROOT, "node_modules/.bin/ts-node");
// The processes below run this tree: the repository on cdktf, a copy renamed for cdktn on cdktn.
const TREE = sourceTree(["__tests__/fixtures"]);
afterAll(() => TREE.cleanup());

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-cli-"));
}

/** A plain Terraform JSON file (not from cdktf): two VNets peered one way. */
function peeringDoc(remoteSpace: string): unknown {
  return tfDoc(vnet("a", ["10.0.0.0/16"]), vnet("b", [remoteSpace]), peering("a-to-b", "a", "b"));
}

function write(dir: string, name: string, doc: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc));
  return file;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("cdktf-azure-connectivity check", () => {
  it("exits 0 on a valid .tf.json", async () => {
    const file = write(tmpdir(), "main.tf.json", peeringDoc("10.1.0.0/16"));
    const r = await run(["check", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("0 error(s)");
  });

  it("exits 1 on an invalid .tf.json and prints the finding with rule id, address and fix", async () => {
    const file = write(tmpdir(), "main.tf.json", peeringDoc("10.0.1.0/24"));
    const r = await run(["check", file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "[azurerm_virtual_network_peering.a-to-b] error: AddressSpace.NoOverlap: network a (10.0.0.0/16) and network b (10.0.1.0/24) overlap",
    );
    expect(r.out).toContain("Fix:");
    expect(r.out).toContain("1 error(s)");
  });

  it("reads folders recursively and prints JSON or SARIF on request", async () => {
    const dir = tmpdir();
    write(dir, "nested/main.tf.json", peeringDoc("10.0.1.0/24"));
    const json = await run(["check", "--format", "json", dir]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ passed: false, summary: { errors: 1 } });
    const sarif = await run(["check", "--format=sarif", dir]);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.out).runs[0].results[0].ruleId).toBe("AddressSpace.NoOverlap");
  });

  it("exits 2 on unusable input: missing path, invalid JSON, a folder without configuration files, no arguments", async () => {
    const dir = tmpdir();
    expect(await run(["check", path.join(dir, "nope.tf.json")])).toMatchObject({
      code: 2,
      err: expect.stringContaining("no such file"),
    });
    const broken = write(dir, "broken.tf.json", "{ not json");
    expect(await run(["check", broken])).toMatchObject({
      code: 2,
      err: expect.stringContaining("not valid JSON"),
    });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "cac-empty-"));
    expect(await run(["check", empty])).toMatchObject({
      code: 2,
      err: expect.stringContaining("nothing to check: no .tf or .tf.json file"),
    });
    expect((await run(["check"])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(["lint", broken])).code).toBe(2);
    expect((await run(["check", "--format", "xml", broken])).code).toBe(2);
  });

  it("writes the reachability files to --out, and prints what can reach what", async () => {
    const dir = tmpdir();
    const out = path.join(tmpdir(), "reach");
    const file = write(dir, "main.tf.json", peeringDoc("10.1.0.0/16"));
    const r = await run(["check", "--reachability", "--out", out, file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("connectivity-reachability.json");
    for (const f of [
      "connectivity-reachability.json",
      "connectivity-reachability.md",
      "connectivity-topology.mmd",
    ]) {
      expect(fs.existsSync(path.join(out, f))).toBe(true);
      // Never into the checked source folder.
      expect(fs.existsSync(path.join(dir, f))).toBe(false);
    }
    // A one-sided peering carries nothing: the summary says so.
    expect(r.out).toMatch(/one-sided|one direction|reverse/i);
    const json = JSON.parse(
      (await run(["check", "--format", "json", "--reachability", "--out", out, file])).out,
    );
    // The same matrix as the file written beside it: findings, fixes and what was not checked included.
    expect(json.reachability).toEqual(
      JSON.parse(fs.readFileSync(path.join(out, "connectivity-reachability.json"), "utf8")),
    );
    expect(json.reachability.notChecked).toBeDefined();
  });

  it("runs as a process with the documented exit codes", () => {
    const dir = tmpdir();
    const good = write(dir, "good/main.tf.json", peeringDoc("10.1.0.0/16"));
    const bad = write(dir, "bad/main.tf.json", peeringDoc("10.0.0.0/8"));
    expect(exec(["check", good]).status).toBe(0);
    const failed = exec(["check", bad]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain("AddressSpace.NoOverlap");
    const missing = exec(["check", path.join(dir, "missing")]);
    expect(missing.status).toBe(2);
    // One line on stderr, newline-terminated, no stack trace.
    expect(missing.stderr).toMatch(/^cdktf-azure-connectivity: .*missing: no such file or folder\n$/);
  }, 180_000);

  it("as a process: an HCL folder and a plan exit 1, a FIFO exits 2 without hanging, --version, reachability files in ./connectivity-out", () => {
    const dir = tmpdir();
    const hcl = path.dirname(write(dir, "hcl/main.tf", NEW_USER_HCL));
    const r = exec(["check", hcl]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("GatewaySubnet.NoNsg");
    expect(r.stdout).toContain("AddressSpace.NoOverlap");
    const plan = write(dir, "plan.json", twoPeeredPlan("10.0.1.0/24"));
    expect(exec(["check", plan]).status).toBe(1);
    const fifo = path.join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const started = Date.now();
    const f = exec(["check", fifo], { timeout: 60_000 });
    expect(f.signal).toBeNull();
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/a named pipe \(FIFO\).*refused without reading it\)\n$/);
    expect(Date.now() - started).toBeLessThan(60_000);
    const version = exec(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(
      `${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`,
    );
    const unknown = exec(["check", "--nope", hcl]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      "cdktf-azure-connectivity: unknown option --nope; see cdktf-azure-connectivity check --help\n",
    );
    // The reachability files go to a folder of their own in the working folder, never the checked one.
    const cwd = tmpdir();
    const reach = exec(["check", "--reachability", good(dir)], { cwd });
    expect(reach.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, "connectivity-out", "connectivity-reachability.json"))).toBe(true);
    expect(fs.readdirSync(path.dirname(good(dir)))).toEqual(["main.tf.json"]);
    expect(reach.stderr.endsWith("\n")).toBe(true);
  }, 180_000);
});

/** A plain valid file in a folder of its own. */
function good(dir: string): string {
  return write(dir, "reach/main.tf.json", peeringDoc("10.1.0.0/16"));
}

/** The CLI of the framework's source tree, as a process. */
function exec(args: string[], options: { cwd?: string; timeout?: number } = {}) {
  return spawnSync(
    TS_NODE,
    ["--transpile-only", "-P", path.join(ROOT, "tsconfig.json"), path.join(TREE.root, "bin/cli.ts"), ...args],
    { encoding: "utf8", ...options },
  );
}

// On cdktf through the cdktf CLI; on cdktn by running the app (`app.synth()`) as a process, because the
// cdktn CLI needs Node 22.19 or later and the suite runs on Node 20.
describe(`${FRAMEWORK} synth ${FRAMEWORK === "cdktf" ? "through the cdktf CLI" : "by running the app"}`, () => {
  const cdktf = path.join(ROOT, "node_modules/cdktf-cli/bundle/bin/cdktf");

  function synth(cwd: string, mode: "good" | "bad") {
    const env = { ...process.env, POLICY_APP_MODE: mode, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" };
    if (FRAMEWORK === "cdktn") {
      const app = tsNode(path.join(TREE.root, "__tests__/fixtures/policy-app.ts"));
      return spawnSync(app.cmd, app.args, {
        cwd,
        encoding: "utf8",
        env: { ...env, CDKTF_OUTDIR: path.join(cwd, "cdktf.out") },
      });
    }
    return spawnSync(process.execPath, [cdktf, "synth"], { cwd, encoding: "utf8", env });
  }

  it("fails with exit code 1 listing every error, writes the report and leaves no stack file to apply", () => {
    const dir = tmpdir();
    const app = `${TS_NODE} --transpile-only -P ${path.join(ROOT, "tsconfig.json")} ${path.join(ROOT, "__tests__/fixtures/policy-app.ts")}`;
    write(dir, "cdktf.json", { language: "typescript", app });
    const stackFiles = ["hub", "spoke"].map((s) => path.join(dir, "cdktf.out/stacks", s, "cdk.tf.json"));

    const good = synth(dir, "good");
    expect(good.status).toBe(0);
    stackFiles.forEach((f) => expect(fs.existsSync(f)).toBe(true));
    // The process ran on the framework and provider under test (the renamed tree on cdktn).
    const doc = JSON.parse(fs.readFileSync(stackFiles[0], "utf8"));
    expect(doc["//"].metadata.version).toBe(OUR_FRAMEWORK.version);
    expect(doc.terraform.required_providers.azurerm.version).toBe(AZURERM_PROVIDER.cdktf.provider.version);

    const bad = synth(dir, "bad");
    expect(bad.status).not.toBe(0);
    const output = bad.stdout + bad.stderr;
    expect(output).toContain("2 policy errors");
    expect(output).toContain("[hub/gw-nsg] error: GatewaySubnet.NoNsg");
    expect(output).toContain("[spoke/spoke-hub/LocalToRemote] error: AddressSpace.NoOverlap");
    // Read once: each finding once, the app (both stacks) named, no stack trace, no advice to skip validation.
    // (The cdktf CLI logs the app's stderr as it comes and repeats it at the end: the repeat is checked.)
    const last = output.slice(output.lastIndexOf("ConnectivityPolicyError"));
    expect(last.split("[hub/gw-nsg] error: GatewaySubnet.NoNsg").length).toBe(2);
    expect(output).toContain("in the app (stacks hub, spoke)");
    expect(output).toContain("Report: cdktf.out/connectivity-findings.json");
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain("skipValidation");
    fs.writeFileSync(path.join(os.tmpdir(), `cac-bad-synth-${FRAMEWORK}.txt`), output);
    // Nothing of this synth, and nothing stale from the earlier one, can be applied.
    stackFiles.forEach((f) => expect(fs.existsSync(f)).toBe(false));
    expect(fs.existsSync(path.join(dir, "cdktf.out/stacks/hub/cdk.tf"))).toBe(false);
    const report = JSON.parse(
      fs.readFileSync(path.join(dir, "cdktf.out/connectivity-findings.json"), "utf8"),
    );
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
      "AddressSpace.NoOverlap",
      "GatewaySubnet.NoNsg",
    ]);
  }, 120000);
});
