/**
 * One connectivity graph: the overlap rule and the reachability analysis agree on what is connected
 * and what Azure refuses, on every reference topology and on the cases where they used to disagree.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { buildReferenceApp } from "../../stacks/app";
import { buildModel, NetworkModel } from "../../policies/model";
import { evaluate } from "../../policies/engine";
import { ALL_RULES } from "../../policies/rules";
import { analyzeReachability } from "../../policies/reachability/analysis";
import { connectivityGraph } from "../../policies/graph";
import { Finding } from "../../policies/finding";
import { peering, tfDoc, vnet } from "../../test-utils/terraform";

function model(doc: unknown): NetworkModel {
  return buildModel([{ stack: "net", doc }]);
}

/**
 * The rules and the matrix agree: no pair is "yes" over a link that carries an error finding of
 * `AddressSpace.NoOverlap`, and every pair of networks that an overlap error names directly (a link
 * between them) is not "yes".
 */
function expectAgreement(m: NetworkModel): void {
  const findings = evaluate(m, ALL_RULES).findings.filter(
    (f: Finding) => f.ruleId === "AddressSpace.NoOverlap" && f.severity === "error" && !f.suppressed,
  );
  const refusedLinks = new Set(findings.map((f) => f.path));
  const a = analyzeReachability(m);
  for (const e1 of a.entities) {
    for (const e2 of a.entities) {
      if (e1.id >= e2.id) continue;
      const r = a.pair(e1.id, e2.id);
      if (r.status !== "yes") continue;
      for (const step of r.path ?? []) {
        for (const via of step.via)
          expect({ pair: `${e1.id} - ${e2.id}`, via, refused: refusedLinks.has(via) }).toEqual({
            pair: `${e1.id} - ${e2.id}`,
            via,
            refused: false,
          });
      }
    }
  }
  for (const f of findings) {
    const net = f.values?.network?.replace(/^(network|site) /, "");
    const other = f.values?.otherNetwork?.replace(/^(network|site) /, "");
    if (!net || !other || f.values?.connectedTo) continue;
    const ea = a.entities.find((e) => e.name === net);
    const eb = a.entities.find((e) => e.name === other);
    if (ea && eb) expect(a.pair(ea.id, eb.id).status).not.toBe("yes");
  }
}

describe("the rules and the reachability matrix agree", () => {
  const app = buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-graph-")) }));
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  it.each(stacks.map((s) => [s.node.id, s] as const))("on reference topology %s", (_id, stack) => {
    expectAgreement(buildModel([{ stack: stack.node.path, doc: stack.toTerraform() }]));
  });

  it("on the whole reference app at once (cross-stack links)", () => {
    for (const s of stacks) s.prepareStack();
    expectAgreement(buildModel(stacks.map((s) => ({ stack: s.node.path, doc: s.toTerraform() }))));
  });

  it("on an overlapping peered pair: Azure refuses the peering, so the pair cannot exchange traffic", () => {
    const m = model(
      tfDoc(
        vnet("london", ["10.1.0.0/16"]),
        vnet("spoke", ["10.1.0.0/16"]),
        peering("london-to-spoke", "london", "spoke"),
        peering("spoke-to-london", "spoke", "london"),
      ),
    );
    const overlap = evaluate(m, ALL_RULES).findings.filter((f) => f.ruleId === "AddressSpace.NoOverlap");
    expect(overlap).toHaveLength(1);
    expect(overlap[0].severity).toBe("error");
    const r = analyzeReachability(m).pair("network:london", "network:spoke");
    expect(r).toMatchObject({ status: "no", code: "refused-overlap", rule: "AddressSpace.NoOverlap" });
    expect(r.reason).toContain("Azure refuses this peering: network london (10.1.0.0/16) and network spoke");
    expect(r.reason).toContain("AddressSpace.NoOverlap");
    const link = connectivityGraph(m).peeringLinks[0];
    expect(link.state).toMatchObject({ state: "down", code: "refused-overlap" });
    expectAgreement(m);
  });

  it("on two overlapping spokes of one hub: neither peering is said to carry traffic", () => {
    const m = model(
      tfDoc(
        vnet("hub", ["10.0.0.0/16"]),
        vnet("a", ["10.1.0.0/16"]),
        vnet("b", ["10.1.0.0/16"]),
        peering("hub-a", "hub", "a"),
        peering("a-hub", "a", "hub"),
        peering("hub-b", "hub", "b"),
        peering("b-hub", "b", "hub"),
      ),
    );
    const overlap = evaluate(m, ALL_RULES).findings.filter((f) => f.ruleId === "AddressSpace.NoOverlap");
    expect(overlap.map((f) => f.severity)).toEqual(["error"]);
    const a = analyzeReachability(m);
    for (const spoke of ["network:a", "network:b"]) {
      expect(a.pair("network:hub", spoke)).toMatchObject({ status: "unknown", code: "refused-overlap" });
    }
    expectAgreement(m);
  });

  it("a peering without overlap stays up, and one-sided is down for both", () => {
    const m = model(
      tfDoc(
        vnet("x", ["10.1.0.0/16"]),
        vnet("y", ["10.2.0.0/16"]),
        vnet("z", ["10.3.0.0/16"]),
        peering("x-y", "x", "y"),
        peering("y-x", "y", "x"),
        peering("x-z", "x", "z"),
      ),
    );
    const g = connectivityGraph(m);
    expect(g.peeringLinks.map((l) => `${l.x.label}-${l.y.label} ${l.state.state}`)).toEqual([
      "x-y up",
      "x-z down",
    ]);
    expect(analyzeReachability(m).pair("network:x", "network:z")).toMatchObject({
      status: "no",
      code: "one-sided-peering",
    });
  });
});
