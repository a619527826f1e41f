import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/aspect";
import { ALL_RULES } from "../../../policies/rules";
import { LINK_RULES } from "../../../policies/rules/link-pack";
import { VnetPeering } from "../../../constructs/vnet-peering";
import { constructApp, constructVnet } from "../../../test-utils/vpn";
import { natSetup } from "./nat-construct-fixture";

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

  test("an error of the pack fails app.synth() with the rule id, the construct path and the fix, and writes no stack", () => {
    const s = natSetup();
    s.egress.resource.addOverride("name", "vnet/egress");
    applyConnectivityPolicies(s.app, { rules: LINK_RULES });
    let message = "";
    try {
      s.app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      "[net/VnetEgress/Resource] error: Nat.RuleName: gateway NAT rule name 'vnet/egress' contains '/'",
    );
    expect(message).toContain("Fix: Rename the NAT rule without '/'");
    expect(fs.existsSync(path.join(s.app.outdir, "stacks", "net", "cdk.tf.json"))).toBe(false);
  });

  test("a warning of the pack does not fail synth", () => {
    const { app, stack } = constructApp();
    new VnetPeering(stack, "AB", {
      local: constructVnet(stack, "A", "10.1.0.0/16"),
      remote: constructVnet(stack, "B", "10.2.0.0/16"),
      createReverse: false,
    });
    applyConnectivityPolicies(app, { rules: LINK_RULES });
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(app.outdir, "stacks", "net", "cdk.tf.json"))).toBe(true);
  });
});
