import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Synthesizes main.ts with the connectivity policies on (applyConnectivityPolicies): a policy error
// fails the synth, and the findings report next to the stack lists no error.
test("the network synthesizes with the connectivity policies and no error finding", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "connectivity-synth-"));
  const cwd = process.cwd();
  process.env.CDKTF_OUTDIR = outdir;
  try {
    process.chdir(__dirname);
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs main.ts (app.synth())
      require("./main");
    });
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
    const errors = report.findings.filter((f: any) => f.severity === "error" && !f.suppressed);
    expect(errors).toEqual([]);
    expect(fs.existsSync(path.join(outdir, "stacks/network/cdk.tf.json"))).toBe(true);
  } finally {
    process.chdir(cwd);
    delete process.env.CDKTF_OUTDIR;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
