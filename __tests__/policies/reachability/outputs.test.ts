/**
 * The outputs: matrix JSON, Markdown, Mermaid, DOT and the SVG rendered offline; deterministic, bounded.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOMParser, Document } from "@xmldom/xmldom";
import { buildModel } from "../../../policies/model";
import { Finding } from "../../../policies/finding";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { METADATA_KEY } from "../../../core/metadata";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { reachabilityMatrix } from "../../../policies/reachability/matrix";
import { toDot, toMermaid, topologyGraph } from "../../../policies/reachability/diagram";
import {
  backgroundRenders,
  dotHash,
  failedSvg,
  isSafeSvg,
  renderSvg,
  renderSvgInBackground,
  renderSvgSync,
  svgDotHash,
  svgFailure,
} from "../../../policies/reachability/svg";
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
    {
      "//": {
        [METADATA_KEY]: {
          intents: [
            {
              kind: "mustReach",
              path: "net",
              from: { path: "net/spoke2", text: "network spoke2" },
              to: { path: "net/onprem", text: "site onprem" },
              reason: "apps call the datacenter",
            },
            {
              kind: "mustNotReach",
              path: "net",
              from: { path: "net/spoke1", text: "network spoke1" },
              to: { path: "net/spoke2", text: "network spoke2" },
            },
          ],
          suppressions: [
            {
              path: "net/lonely-to-hub",
              ruleId: "Peering.MissingReverse",
              reason: "the reverse peering is on its way; CHG-42",
            },
          ],
        },
      },
    },
  );
}

function model() {
  return buildModel([{ stack: "net", doc: sample() }]);
}

/** The findings of every rule on the sample (an intent broken, a peering one-sided but suppressed, ...). */
const findings: readonly Finding[] = checkTerraformDocuments([{ stack: "net", doc: sample() }]).findings;

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
  const results = dirs.map((d) => writeReachabilityOutputs(d, model(), findings));

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
    expect(texts).toContain("egress NAT on gw-hub: hub 10.0.0.0/16 → 100.0.0.0/16");
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

let tinySvg: string | undefined;
/** A small SVG as Graphviz writes it (rendered once). */
function tiny(): string {
  tinySvg ??= renderSvgSync("graph { a -- b }");
  return tinySvg;
}

describe("the SVG cache", () => {
  it("keeps an SVG only when it records the hash of the current DOT and holds only what Graphviz writes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-"));
    const first = writeReachabilityOutputs(dir, model(), findings);
    expect(first.svg).toBe("rendered");
    const svgFile = path.join(dir, TOPOLOGY_SVG);
    const svg = fs.readFileSync(svgFile, "utf8");
    expect(svgDotHash(svg)).toBe(dotHash(fs.readFileSync(path.join(dir, TOPOLOGY_DOT), "utf8")));
    expect(isSafeSvg(svg)).toBe(true);
    expect(writeReachabilityOutputs(dir, model(), findings).svg).toBe("current");
    // Another topology's DOT: rendered again.
    expect(writeReachabilityOutputs(dir, model(), []).svg).toBe("rendered");
  });

  it("a planted SVG with a script, the right hash and all, is rendered again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-"));
    writeReachabilityOutputs(dir, model(), findings);
    const svgFile = path.join(dir, TOPOLOGY_SVG);
    const good = fs.readFileSync(svgFile, "utf8");
    fs.writeFileSync(svgFile, good.replace("</svg>", "<script>fetch('https://evil.example')</script></svg>"));
    expect(writeReachabilityOutputs(dir, model(), findings).svg).toBe("rendered");
    expect(fs.readFileSync(svgFile, "utf8")).toBe(good);
  });

  it("a symlink at the SVG is replaced, and the file it pointed to is unchanged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-"));
    const victim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cac-victim-")), "v.txt");
    fs.writeFileSync(victim, "precious\n");
    fs.symlinkSync(victim, path.join(dir, TOPOLOGY_SVG));
    expect(writeReachabilityOutputs(dir, model(), []).svg).toBe("rendered");
    expect(fs.lstatSync(path.join(dir, TOPOLOGY_SVG)).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
  });

  it.each([
    ["a script", "<script>alert(1)</script>"],
    ["an event handler", '<g onload="alert(1)"></g>'],
    ["a link", '<a xlink:href="javascript:alert(1)"><text>x</text></a>'],
    ["foreign content", "<foreignObject><div>x</div></foreignObject>"],
    ["CDATA", "<![CDATA[<script>alert(1)</script>]]>"],
    ["an image", '<image href="https://evil.example/x.png"/>'],
  ])("isSafeSvg refuses %s", (_what, planted) => {
    const svg = tiny();
    expect(isSafeSvg(svg)).toBe(true);
    expect(isSafeSvg(svg.replace("</svg>", `${planted}</svg>`))).toBe(false);
    expect(isSafeSvg(svg.replace(/<!DOCTYPE[^>]*>/, '<!DOCTYPE svg [<!ENTITY x "y">]>'))).toBe(false);
  });
});

describe("a diagram Graphviz cannot render", () => {
  it("the SVG written instead says why, records the DOT's hash, and is safe", () => {
    const hash = dotHash("graph { a -- }");
    const svg = failedSvg('syntax error in line 1 near "}" <b>&</b> -- then -', hash);
    expect(svgDotHash(svg)).toBe(hash);
    expect(isSafeSvg(svg)).toBe(true);
    const doc = parseXml(svg);
    expect([...Array.from(doc.getElementsByTagName("text"))].map((t) => t.textContent)).toEqual([
      "The topology could not be rendered by Graphviz:",
      'syntax error in line 1 near "}" <b>&</b> -- then -',
      "connectivity-topology.dot and connectivity-topology.mmd hold the diagram.",
    ]);
    // A comment holds no "--" and does not end in "-".
    expect(svgFailure(svg)).toBe('syntax error in line 1 near "}" <b>&</b> - - then - ');
  });

  it("the background renderer writes that SVG with Graphviz's message, and the next synth warns instead of rendering again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-"));
    // The outputs of the sample, then its DOT replaced by one Graphviz refuses (as a layout too large
    // for its memory is refused, after tens of seconds).
    writeReachabilityOutputs(dir, model(), findings, { svg: false });
    const dotFile = path.join(dir, TOPOLOGY_DOT);
    const svgFile = path.join(dir, TOPOLOGY_SVG);
    fs.writeFileSync(dotFile, "graph { a -- }");
    renderSvgInBackground(dotFile, svgFile, dotHash("graph { a -- }"));
    await backgroundRenders();
    const written = fs.readFileSync(svgFile, "utf8");
    expect(svgFailure(written)).toMatch(/syntax error in line 1/);
    expect(svgDotHash(written)).toBe(dotHash("graph { a -- }"));
    expect(isSafeSvg(written)).toBe(true);

    // A layout that takes longer than the limit (here 1 ms: the DOT is fine) is stopped, and said.
    const fine = "graph { a -- b }";
    fs.writeFileSync(dotFile, fine);
    renderSvgInBackground(dotFile, svgFile, dotHash(fine), 1);
    await backgroundRenders();
    const stopped = fs.readFileSync(svgFile, "utf8");
    expect(svgFailure(stopped)).toBe("Graphviz took longer than 0 s to lay out this diagram");
    // Byte for byte what failedSvg writes: the detached renderer's copy of it (a script of its own,
    // run by a plain node process) and the function stay the same.
    expect(stopped).toBe(failedSvg("Graphviz took longer than 0 s to lay out this diagram", dotHash(fine)));

    // The same failure for the sample's own DOT: kept, and said again, not rendered again.
    const dot = reachabilityTexts(model(), findings).dot;
    fs.writeFileSync(svgFile, failedSvg("out of memory when trying to allocate 96 bytes", dotHash(dot)));
    const again = writeReachabilityOutputs(dir, model(), findings, { svg: "background" });
    expect(again.svg).toBe("failed");
    expect(again.svgError).toBe(
      "Graphviz could not render this topology at an earlier synth (out of memory when trying to allocate 96 bytes); connectivity-topology.dot and connectivity-topology.mmd hold the diagram, and connectivity-topology.svg says why",
    );
    expect(svgFailure(fs.readFileSync(svgFile, "utf8"))).toBe(
      "out of memory when trying to allocate 96 bytes",
    );
    // Another topology: rendered again.
    expect(writeReachabilityOutputs(dir, model(), []).svg).toBe("rendered");
  });
});

describe("names that each syntax would read as markup", () => {
  const weird = 'legacy "finance" <prod> | `db` [eu] {x} #1\nsecond line';
  const long = `vnet-${"verylongname".repeat(8)}`;
  const m = () =>
    buildModel([
      {
        stack: "net",
        doc: stackDoc(
          "net",
          vnet("a", ["10.1.0.0/16"], { name: weird }),
          vnet("b", ["10.2.0.0/16"], { name: long }),
          peerBoth("a", "b"),
        ),
      },
    ]);

  it("Mermaid: no quote, angle bracket, pipe, backtick, bracket or newline inside a label", () => {
    const mermaid = reachabilityTexts(m()).mermaid;
    const labels = [...mermaid.matchAll(/\["(.*?)"\]|\|"(.*?)"\|/g)].map((x) => x[1] ?? x[2]);
    expect(labels.length).toBeGreaterThan(3);
    for (const l of labels) for (const line of l.split("<br/>")) expect(line).not.toMatch(/["<>|`[\]{}\n]/);
    expect(mermaid).toContain("legacy #quot;finance#quot; #lt;prod#gt;<br/>#124; #96;db#96; #91;eu#93;");
  });

  it("DOT: Graphviz reads it, and the SVG shows the names as text", () => {
    const svg = renderSvgSync(reachabilityTexts(m()).dot);
    const texts = Array.from(parseXml(svg).getElementsByTagName("text")).map((t) => t.textContent ?? "");
    const all = texts.join(" ");
    expect(all).toContain('legacy "finance"');
    expect(all).toContain("<prod> | `db` [eu]");
    // Long names are cut, and wrapped to fit their box.
    expect(all).toContain("…");
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(80);
  });

  it("Markdown: markup escaped, one line per item, long names cut", () => {
    const md = reachabilityTexts(m()).markdown;
    const line = md.split("\n").find((l) => l.startsWith("- network legacy"))!;
    expect(line).toContain('legacy "finance" &lt;prod> \\| \\`db\\` \\[eu\\] \\{x\\} #1 second l…');
    expect(md).not.toContain("<prod>");
    expect(md).toContain("…");
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    const header = md.split("\n").find((l) => l.startsWith("| |"))!;
    const rows = md.split("\n").filter((l) => l.startsWith("| network"));
    expect(rows).toHaveLength(2);
    // Every cell separator is a real one: each row has as many cells as the header (3 columns).
    for (const row of [header, ...rows]) expect(cells(row)).toBe(5);
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
    expect(reachabilityTexts(model(), findings).mermaid).toMatchSnapshot();
  });

  it("DOT", () => {
    expect(reachabilityTexts(model(), findings).dot).toMatchSnapshot();
  });

  it("Markdown summary", () => {
    expect(reachabilityTexts(model(), findings).markdown).toMatchSnapshot();
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
    expect(graph.nodes.map((n) => n.lines[0])).toEqual(["hub", "5000 networks", "gw-hub", "onprem"]);
    expect(toMermaid(graph)).toContain('"5000 networks<br/>spoke0000 … spoke4999"');
  });
});

describe("a full mesh (more links than LINKS_DRAWN_LIMIT)", () => {
  // 60 networks, every pair peered both ways (1,770 peerings), each also peered with a hub that has a
  // gateway (so it is not one of them); and four networks of a mesh of their own, one of whose
  // peerings is one-sided (so they are drawn one by one).
  const mesh = Array.from({ length: 60 }, (_, i) => `mesh${i}`);
  const other = ["odd0", "odd1", "odd2", "odd3"];
  const fragments: Json[] = [vnet("hub", ["10.0.0.0/16"]), gateway("hub", "10.0.255.0/27")];
  mesh.forEach((name, i) => fragments.push(vnet(name, [`10.${10 + i}.0.0/16`]), peerBoth(name, "hub")));
  for (let i = 0; i < mesh.length; i++)
    for (let j = i + 1; j < mesh.length; j++) fragments.push(peerBoth(mesh[i], mesh[j]));
  other.forEach((name, i) => fragments.push(vnet(name, [`10.${100 + i}.0.0/16`])));
  for (let i = 0; i < other.length; i++)
    for (let j = i + 1; j < other.length; j++)
      fragments.push(i === 0 && j === 1 ? peer(other[i], other[j]) : peerBoth(other[i], other[j]));
  const m = buildModel([{ stack: "net", doc: stackDoc("net", ...fragments) }]);
  const graph = topologyGraph(analyzeReachability(m), []);

  it("draws the mesh as one node, with one edge to each neighbour outside it", () => {
    const group = graph.nodes.filter((n) => n.kind === "group");
    expect(group.map((n) => n.lines)).toEqual([["full mesh of 60 networks", "mesh0 … mesh59"]]);
    const [meshNode] = group;
    const hub = graph.nodes.find((n) => n.kind === "network" && n.lines[0] === "hub")!;
    const ofMesh = graph.edges.filter((e) => e.from === meshNode.id || e.to === meshNode.id);
    expect(ofMesh).toEqual([expect.objectContaining({ kind: "peering", state: "up", label: "60 peerings" })]);
    expect([ofMesh[0].from, ofMesh[0].to].sort()).toEqual([hub.id, meshNode.id].sort());
    // The other four are not a full mesh that carries traffic: each drawn, each of their six peerings too.
    expect(graph.nodes.filter((n) => other.includes(n.lines[0]))).toHaveLength(4);
    expect(graph.edges.filter((e) => e.kind === "peering" && e !== ofMesh[0])).toHaveLength(6);
  });

  it("renders at once (drawn one by one, Graphviz did not lay the 1,770 peerings out in two minutes)", () => {
    const dot = toDot(graph);
    expect(dot.length).toBeLessThan(10_000);
    const svg = renderSvgSync(dot);
    expect(isSafeSvg(svg)).toBe(true);
    expect(svg).toContain("full mesh of 60 networks");
  });
});

describe("many intents (environments kept apart pair by pair)", () => {
  // 30 prod and 30 dev spokes of one hub: 900 must-not-reach intents, and one pair peered directly.
  const prod = Array.from({ length: 30 }, (_, i) => `prod${i}`);
  const dev = Array.from({ length: 30 }, (_, i) => `dev${i}`);
  const fragments: Json[] = [vnet("hub", ["10.0.0.0/16"]), gateway("hub", "10.0.255.0/27")];
  [...prod, ...dev].forEach((name, i) => {
    fragments.push(vnet(name, [`10.${10 + i}.0.0/16`]), peerBoth(name, "hub", { transitVia: "hub" }));
  });
  fragments.push(peerBoth("prod0", "dev0"));
  const intents = prod.flatMap((p) =>
    dev.map((d) => ({
      kind: "mustNotReach",
      path: "net",
      from: { path: `net/${p}`, text: `network ${p}` },
      to: { path: `net/${d}`, text: `network ${d}` },
      reason: "environments stay apart",
    })),
  );
  const doc = stackDoc("net", ...fragments, { "//": { [METADATA_KEY]: { intents } } });
  const m = buildModel([{ stack: "net", doc }]);
  const found = checkTerraformDocuments([{ stack: "net", doc }]).findings;
  const texts = reachabilityTexts(m, found);

  it("draws only the intents that do not hold, and the legend counts the rest", () => {
    const graph = topologyGraph(analyzeReachability(m), found);
    const drawn = graph.edges.filter((e) => e.kind === "intent");
    expect(drawn.map((e) => e.intent)).toEqual([{ kind: "mustNotReach", outcome: "broken" }]);
    expect(graph.intentsNotDrawn).toEqual({ met: 899, broken: 0, unknown: 0 });
    for (const text of [texts.dot, texts.mermaid]) {
      expect(text).toContain(
        "Intents not drawn (over 40, unmet ones first): 899 met; the matrix JSON lists them all",
      );
    }
  });

  it("lists every intent that does not hold in the Markdown, and counts those that hold", () => {
    const section = texts.markdown.split("## Intents")[1].split("\n## ")[0];
    const items = section.split("\n").filter((l) => l.startsWith("- "));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(
      /^- network prod0 must not reach network dev0 \(environments stay apart\): \*\*broken\*\*/,
    );
    expect(items[1]).toBe(
      "- 899 intent(s) hold, not listed here (more than 50): the matrix JSON (`intents`) lists every intent with its outcome.",
    );
    // The matrix JSON keeps all of them.
    expect(JSON.parse(texts.json).intents).toHaveLength(900);
  });

  it("draws and lists every intent while they are few", () => {
    const few = stackDoc("net", ...fragments, {
      "//": { [METADATA_KEY]: { intents: intents.slice(0, 40) } },
    });
    const fm = buildModel([{ stack: "net", doc: few }]);
    const graph = topologyGraph(analyzeReachability(fm));
    expect(graph.edges.filter((e) => e.kind === "intent")).toHaveLength(40);
    expect(graph.intentsNotDrawn).toBeUndefined();
    const md = reachabilityTexts(fm).markdown;
    expect(
      md
        .split("## Intents")[1]
        .split("\n## ")[0]
        .split("\n")
        .filter((l) => l.startsWith("- ")),
    ).toHaveLength(40);
  });
});
