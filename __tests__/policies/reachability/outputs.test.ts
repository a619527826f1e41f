/**
 * The outputs: matrix JSON, Markdown, Mermaid, DOT and the SVG rendered offline; deterministic, bounded.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOMParser, Document } from "@xmldom/xmldom";
import { buildModel } from "../../../policies/model";
import { Finding } from "../../../policies/finding";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { reachabilityMatrix } from "../../../policies/reachability/matrix";
import { toMermaid, topologyGraph } from "../../../policies/reachability/diagram";
import { renderSvg, renderSvgSync } from "../../../policies/reachability/svg";
import {
  REACHABILITY_JSON,
  REACHABILITY_MARKDOWN,
  TOPOLOGY_DOT,
  TOPOLOGY_MERMAID,
  TOPOLOGY_SVG,
  reachabilityTexts,
  writeReachabilityOutputs,
} from "../../../policies/reachability/outputs";
import { Json, stackDoc, topology, vnet } from "../../../test-utils/terraform";

const { gateway, natRule, peer, peerBoth, s2s, site, v2v } = topology;

const NETWORKS = ["hub", "spoke1", "spoke2", "lonely", "east"];

function sample(): Json {
  return stackDoc(
    "net",
    vnet("hub", ["10.0.0.0/16"]),
    gateway("hub", "10.0.255.0/27"),
    vnet("spoke1", ["10.1.0.0/16"]),
    vnet("spoke2", ["10.2.0.0/16"]),
    vnet("lonely", ["10.9.0.0/16"]),
    vnet("east", ["10.3.0.0/16"]),
    gateway("east", "10.3.255.0/27"),
    peerBoth("spoke1", "hub", { transitVia: "hub" }),
    peerBoth("spoke2", "hub"),
    peer("lonely", "hub"),
    v2v("hub", "east"),
    site("onprem", ["10.0.0.0/16"]),
    natRule("hub", "hub-egress", "EgressSnat", "10.0.0.0/16", "100.0.0.0/16"),
    s2s("hub", "onprem", { egress: ["hub-egress"] }),
  );
}

function model() {
  return buildModel([{ stack: "net", doc: sample() }]);
}

const finding: Finding = {
  ruleId: "Reachability.Intent",
  severity: "error",
  path: "net",
  message: "Reachability.Intent: network spoke2 must reach site onprem ...",
  fix: "...",
  values: { from: "network:spoke2", to: "site:onprem", status: "no" },
  suppressed: false,
};

function parseXml(text: string): Document {
  const errors: string[] = [];
  const d = new DOMParser({
    onError: (level, msg) => void (level !== "warning" && errors.push(msg)),
  }).parseFromString(text, "image/svg+xml");
  expect(errors).toEqual([]);
  return d;
}

describe("writeReachabilityOutputs", () => {
  const dirs = [
    fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-")),
    fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-")),
  ];
  // Two runs over two models built from the same JSON.
  const results = dirs.map((d) => writeReachabilityOutputs(d, model(), [finding]));

  it("writes the matrix, the summary, Mermaid, DOT and SVG", () => {
    expect(results[0].svgError).toBeUndefined();
    expect(results[0].files.map((f) => path.basename(f))).toEqual([
      REACHABILITY_JSON,
      REACHABILITY_MARKDOWN,
      TOPOLOGY_MERMAID,
      TOPOLOGY_DOT,
      TOPOLOGY_SVG,
    ]);
  });

  it("renders an SVG that is valid XML and names every network", () => {
    const svg = fs.readFileSync(path.join(dirs[0], TOPOLOGY_SVG), "utf8");
    const d = parseXml(svg);
    expect(d.documentElement?.nodeName).toBe("svg");
    const texts = Array.from(d.getElementsByTagName("text")).map((t) => t.textContent);
    for (const n of NETWORKS) expect(texts).toContain(n);
    expect(texts).toContain("onprem");
    expect(texts).toContain("NAT 10.0.0.0/16 -> 100.0.0.0/16");
  });

  it("is deterministic: the same input gives byte-identical files", () => {
    for (const name of [
      REACHABILITY_JSON,
      REACHABILITY_MARKDOWN,
      TOPOLOGY_MERMAID,
      TOPOLOGY_DOT,
      TOPOLOGY_SVG,
    ]) {
      expect(fs.readFileSync(path.join(dirs[1], name))).toEqual(fs.readFileSync(path.join(dirs[0], name)));
    }
  });

  it("without the SVG, writes the rest and removes a stale SVG", () => {
    const r = writeReachabilityOutputs(dirs[0], model(), [], { svg: false });
    expect(r.files).toHaveLength(4);
    expect(fs.existsSync(path.join(dirs[0], TOPOLOGY_SVG))).toBe(false);
  });
});

describe("renderSvg", () => {
  it("the asynchronous form gives the same SVG; invalid DOT is an error with Graphviz's message", async () => {
    const dot = reachabilityTexts(model()).dot;
    expect(await renderSvg(dot)).toBe(renderSvgSync(dot));
    expect(() => renderSvgSync("graph { a -- }")).toThrow(/^Graphviz failed: .*syntax error/);
  });
});

describe("diagram and summary text", () => {
  it("Mermaid: networks, gateways, sites, peerings (one-sided dashed), V2V with one direction, NAT; findings highlighted", () => {
    expect(reachabilityTexts(model(), [finding]).mermaid).toMatchSnapshot();
  });

  it("DOT", () => {
    expect(reachabilityTexts(model(), [finding]).dot).toMatchSnapshot();
  });

  it("Markdown summary", () => {
    expect(reachabilityTexts(model(), [finding]).markdown).toMatchSnapshot();
  });
});

describe("5,000 spokes", () => {
  const spokes = 5000;
  const fragments: Json[] = [
    vnet("hub", ["10.0.0.0/16"]),
    gateway("hub", "10.0.255.0/27"),
    site("onprem", ["192.168.0.0/16"]),
    s2s("hub", "onprem"),
  ];
  for (let i = 0; i < spokes; i++) {
    const name = `spoke${String(i).padStart(4, "0")}`;
    fragments.push(
      vnet(name, [`10.${100 + Math.floor(i / 256)}.${i % 256}.0/24`]),
      peerBoth(name, "hub", { transitVia: "hub" }),
    );
  }
  const m = buildModel([{ stack: "net", doc: stackDoc("net", ...fragments) }]);
  const a = analyzeReachability(m);

  it("answers pairs from the adjacency: spokes reach the site, not each other", () => {
    expect(a.entities).toHaveLength(spokes + 2);
    expect(a.pair("network:spoke0000", "site:onprem").status).toBe("yes");
    expect(a.pair("network:spoke0000", "network:spoke4999")).toMatchObject({
      status: "no",
      code: "non-transitive",
    });
  });

  it("writes the summary form, linear in the topology, and a collapsed diagram", () => {
    const matrix = reachabilityMatrix(a);
    expect(matrix.form).toBe("summary");
    expect(matrix.reach).toHaveLength(spokes + 2);
    // Linear: a few hundred bytes per network, not per pair.
    expect(JSON.stringify(matrix).length).toBeLessThan(spokes * 1000);
    const graph = topologyGraph(a);
    expect(graph.nodes.map((n) => n.lines[0])).toEqual(["hub", "onprem", "gw-hub", "5000 networks"]);
    expect(toMermaid(graph)).toContain('"5000 networks<br/>spoke0000 ... spoke4999"');
  });
});
