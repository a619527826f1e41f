/**
 * A failed synth leaves nothing that looks current in the output folder, and the stack files cdktf
 * writes are replaced atomically (in process; the process cases are in synth-process.test.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VnetPeering, applyConnectivityPolicies } from "../../index";
import { SYNTH_LOCK } from "../../policies/synth-guard";

function newApp(outdir: string, spokeSpace = "10.1.0.0/16"): { app: App; stack: TerraformStack } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const net = (id: string, space: string) =>
    new Vnet(stack, id, {
      name: `vnet-${id}`,
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: [space],
    });
  new VnetPeering(stack, "peering", { local: net("hub", "10.0.0.0/16"), remote: net("spoke", spokeSpace) });
  applyConnectivityPolicies(app, { reachability: false });
  return { app, stack };
}

const stackFile = (outdir: string) => path.join(outdir, "stacks", "net", "cdk.tf.json");
const report = (outdir: string) => path.join(outdir, "connectivity-findings.json");

function passingSynth(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-failed-synth-"));
  newApp(outdir).app.synth();
  expect(fs.existsSync(stackFile(outdir))).toBe(true);
  expect(JSON.parse(fs.readFileSync(report(outdir), "utf8")).passed).toBe(true);
  return outdir;
}

describe("a failed synth leaves nothing that looks current", () => {
  it("an error at construction removes the earlier synth's stack files and its report", () => {
    const outdir = passingSynth();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "net");
    expect(
      () =>
        new Vnet(stack, "bad", {
          name: "vnet-bad",
          resourceGroupName: "rg",
          location: "westeurope",
          addressSpace: [],
        }),
    ).toThrow("addressSpace");
    expect(fs.existsSync(stackFile(outdir))).toBe(false);
    expect(fs.existsSync(report(outdir))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "connectivity-findings.sarif"))).toBe(false);
  });

  it("error findings at synth remove the earlier stack files and write a report that says failed", () => {
    const outdir = passingSynth();
    expect(() => newApp(outdir, "10.0.128.0/17").app.synth()).toThrow("AddressSpace.NoOverlap");
    expect(fs.existsSync(stackFile(outdir))).toBe(false);
    expect(JSON.parse(fs.readFileSync(report(outdir), "utf8")).passed).toBe(false);
  });

  it("a synth that fails after the policies passed (another validation) leaves no report that says passed", () => {
    const outdir = passingSynth();
    const { app, stack } = newApp(outdir);
    stack.node.addValidation({ validate: () => ["a check of another library failed"] });
    expect(() => app.synth()).toThrow("a check of another library failed");
    expect(fs.existsSync(report(outdir))).toBe(false);
    expect(fs.existsSync(stackFile(outdir))).toBe(false);
  });

  it("a second synth of the same app that fails removes what the first one wrote", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-failed-synth-"));
    const { app, stack } = newApp(outdir);
    app.synth();
    expect(fs.existsSync(stackFile(outdir))).toBe(true);
    stack.node.addValidation({ validate: () => ["later failure"] });
    expect(() => app.synth()).toThrow("later failure");
    expect(fs.existsSync(stackFile(outdir))).toBe(false);
  });

  it("releases the lock when the synth returns or throws", () => {
    const outdir = passingSynth();
    expect(fs.existsSync(path.join(outdir, SYNTH_LOCK))).toBe(false);
    expect(() => newApp(outdir, "10.0.128.0/17").app.synth()).toThrow();
    expect(fs.existsSync(path.join(outdir, SYNTH_LOCK))).toBe(false);
  });

  it("takes over a lock left by a process that is gone", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-failed-synth-"));
    fs.writeFileSync(path.join(outdir, SYNTH_LOCK), "2147483646");
    newApp(outdir).app.synth();
    expect(fs.existsSync(stackFile(outdir))).toBe(true);
  });
});

describe("stack files are replaced atomically", () => {
  it("writes a new file instead of writing into the old one (a hard link to it keeps the old content)", () => {
    const outdir = passingSynth();
    const keep = path.join(outdir, "earlier-cdk.tf.json");
    fs.linkSync(stackFile(outdir), keep);
    const before = fs.readFileSync(keep, "utf8");
    const { app } = newApp(outdir, "10.2.0.0/16");
    app.synth();
    // truncate-and-write would have changed the linked file too; rename leaves it whole
    expect(fs.readFileSync(keep, "utf8")).toBe(before);
    expect(fs.readFileSync(stackFile(outdir), "utf8")).toContain("10.2.0.0/16");
    expect(fs.readdirSync(path.dirname(stackFile(outdir))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces a symlink planted at a stack file instead of writing through it", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-failed-synth-"));
    const victim = path.join(outdir, "victim.txt");
    fs.writeFileSync(victim, "do not touch");
    fs.mkdirSync(path.dirname(stackFile(outdir)), { recursive: true });
    fs.symlinkSync(victim, stackFile(outdir));
    newApp(outdir).app.synth();
    expect(fs.readFileSync(victim, "utf8")).toBe("do not touch");
    expect(fs.lstatSync(stackFile(outdir)).isSymbolicLink()).toBe(false);
  });
});
