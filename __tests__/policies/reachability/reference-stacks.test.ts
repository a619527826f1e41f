/**
 * Golden reachability matrices of the reference topologies (stacks/), reviewed: what each seed's
 * network can reach once deployed, and the diagram of the hub-and-spoke VPN topology.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { buildModel } from "../../../policies/model";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { reachabilityMatrix } from "../../../policies/reachability/matrix";
import { reachabilityTexts } from "../../../policies/reachability/outputs";

const app = buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-ref-reach-")) }));
const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));

function modelOf(stack: TerraformStack) {
  return buildModel([{ stack: stack.node.path, doc: stack.toTerraform() }]);
}

describe.each(stacks.map((s) => [s.node.id, s] as const))("%s", (_id, stack) => {
  it("golden matrix", () => {
    const m = reachabilityMatrix(analyzeReachability(modelOf(stack)));
    expect({
      counts: m.counts,
      pairs: m.pairs!.map((p) => `${p.a} - ${p.b}: ${p.status}${p.code ? ` (${p.code})` : ""}`),
    }).toMatchSnapshot();
  });
});

it("the hub-and-spoke VPN topology's spokes reach on-premises through the hub's gateway, not each other", () => {
  const stack = stacks.find((s) => s.node.id === "hub-spoke-vpn")!;
  const a = analyzeReachability(modelOf(stack));
  const spokes = a.entities.filter((e) => e.kind === "network" && e.name !== "vnet-hub-vpn");
  const site = a.entities.find((e) => e.kind === "site")!;
  expect(spokes).toHaveLength(2);
  for (const s of spokes) expect(a.pair(s.id, site.id).status).toBe("yes");
  expect(a.pair(spokes[0].id, spokes[1].id)).toMatchObject({ status: "no", code: "non-transitive" });
  expect(reachabilityTexts(modelOf(stack)).mermaid).toMatchSnapshot();
});

it("Microsoft's NAT example: the VNet and branch 2 (another VNet, joined over IPsec with a site per side) reach each other, translated", () => {
  const stack = stacks.find((s) => s.node.id === "vpn-nat")!;
  const a = analyzeReachability(modelOf(stack));
  expect(a.entities.map((e) => e.id)).toEqual([
    "network:vnet-branch2",
    "network:vnet-nat",
    "site:lng-branch1",
  ]);
  const r = a.pair("network:vnet-nat", "network:vnet-branch2");
  expect(r.status).toBe("yes");
  expect(r.path!.map((s) => s.link)).toEqual(["vnet-to-vnet"]);
  expect(r.translations!.map((t) => `${t.of} ${t.original} -> ${t.translated}`)).toEqual([
    "network:vnet-nat 10.0.1.0/24 -> 100.0.1.0/24",
    "network:vnet-branch2 10.0.1.0/24 -> 100.0.3.0/24",
  ]);
  expect(a.pair("network:vnet-nat", "site:lng-branch1").translations!.map((t) => t.translated)).toEqual([
    "100.0.1.0/24",
    "100.0.2.0/24",
  ]);
});
