import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/connectivity-policies";
import { ALL_RULES } from "../../../policies/rules";
import { LINK_RULES } from "../../../policies/rules/link-pack";

function referenceApp(): App {
  return buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-link-ref-")) }));
}

describe("the link pack", () => {
  test("each rule has an Area.Check id, a description, a learn.microsoft.com or provider/Terraform source, and is in ALL_RULES", () => {
    const ids = LINK_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of LINK_RULES) {
      expect(r.id).toMatch(/^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.source).toMatch(
        /^https:\/\/(learn\.microsoft\.com\/|github\.com\/hashicorp\/terraform-provider-azurerm\/|developer\.hashicorp\.com\/)/,
      );
      expect(ALL_RULES).toContain(r);
    }
  });

  test("stays silent on the reference stacks: no finding, nothing left unverified", () => {
    const report = new ConnectivityPolicies({ rules: LINK_RULES }).check(referenceApp());
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
  });

  test("the reference app synthesizes with the link pack applied", () => {
    const app = referenceApp();
    applyConnectivityPolicies(app, { rules: LINK_RULES });
    expect(() => app.synth()).not.toThrow();
  });

  test("the reference app synthesizes with every rule applied", () => {
    const app = referenceApp();
    applyConnectivityPolicies(app);
    expect(() => app.synth()).not.toThrow();
  });
});
