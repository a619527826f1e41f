import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/aspect";
import { ALL_RULES, NAT_RULES, PEERING_RULES, RULE_PACKS, rules } from "../../../policies/rules";
import { VnetPeering } from "../../../constructs/vnet-peering";
import { constructApp, constructVnet } from "../../../test-utils/vpn";
import { natSetup } from "./nat-construct-fixture";

function referenceApp(): App {
  return buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-link-ref-")) }));
}

const packs = Object.entries(RULE_PACKS);

describe("the packs, one per area", () => {
  test("every rule is in exactly one pack, the pack of its id's area, and in the rules namespace", () => {
    expect(packs.flatMap(([, p]) => p)).toEqual([...ALL_RULES]);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const [area, pack] of packs) for (const r of pack) expect(r.id.split(".")[0]).toBe(area);
    expect(Object.values(rules).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...ALL_RULES].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    for (const [name, r] of Object.entries(rules)) expect(name).toBe(r.id.replace(".", ""));
  });

  test.each(packs)(
    "%s: each rule has an Area.Check id, a description, a learn.microsoft.com or provider/Terraform source",
    (_area, pack) => {
      for (const r of pack) {
        expect(r.id).toMatch(/^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$/);
        expect(r.description.length).toBeGreaterThan(20);
        expect(r.source).toMatch(
          /^https:\/\/(learn\.microsoft\.com\/|github\.com\/hashicorp\/terraform-provider-azurerm\/|developer\.hashicorp\.com\/|registry\.terraform\.io\/)/,
        );
      }
    },
  );

  test("each pack stays silent on the reference stacks: no finding, nothing left unverified", () => {
    const app = referenceApp();
    for (const [area, pack] of packs) {
      const report = new ConnectivityPolicies({ rules: pack, writeReport: false }).check(app);
      expect({ area, findings: report.findings, unverifiable: report.unverifiable }).toEqual({
        area,
        findings: [],
        unverifiable: [],
      });
    }
  });

  test("the reference app synthesizes with every rule applied", () => {
    const app = referenceApp();
    applyConnectivityPolicies(app);
    expect(() => app.synth()).not.toThrow();
  });

  test("an error of the pack fails app.synth() with the rule id, the construct path and the fix, and writes no stack", () => {
    const s = natSetup();
    s.egress.resource.addOverride("name", "vnet/egress");
    applyConnectivityPolicies(s.app, { rules: NAT_RULES });
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
    applyConnectivityPolicies(app, { rules: PEERING_RULES });
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(app.outdir, "stacks", "net", "cdk.tf.json"))).toBe(true);
  });
});
