import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/aspect";
import { GATEWAY_RULES } from "../../../policies/rules/gateway-pack";

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "gateway-pack-"));
}

describe("gateway pack on the reference stacks", () => {
  test("every rule of the pack stays silent on the reference topologies", () => {
    const app = buildReferenceApp(new App({ outdir: outdir() }));
    const report = new ConnectivityPolicies({ rules: GATEWAY_RULES, writeReport: false }).check(app);
    expect(report.findings).toEqual([]);
  });

  test("the reference app synthesizes with the policies on", () => {
    const app = buildReferenceApp(new App({ outdir: outdir() }));
    applyConnectivityPolicies(app, { rules: GATEWAY_RULES });
    expect(() => app.synth()).not.toThrow();
  });

  test("the pack has unique Area.Check ids, each with a description and a learn.microsoft.com or provider source", () => {
    const ids = GATEWAY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of GATEWAY_RULES) {
      expect(r.id).toMatch(/^[A-Z][A-Za-z]*\.[A-Z][A-Za-z]*$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.source).toMatch(/^https:\/\/(learn\.microsoft\.com|registry\.terraform\.io)\//);
    }
  });
});
