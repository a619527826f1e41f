import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildReferenceApp } from "../../stacks/app";
import { applyConnectivityPolicies } from "../../policies/aspect";

describe("the reference app with the policies on", () => {
  it("synthesizes every stack, passes every rule, and leaves nothing unverified", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-ref-"));
    const app = buildReferenceApp(new App({ outdir }));
    applyConnectivityPolicies(app);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
    for (const stack of report.stacks) {
      expect(fs.existsSync(path.join(outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    }
    expect(report.stacks.length).toBeGreaterThanOrEqual(3);
  });
});
