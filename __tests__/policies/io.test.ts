/**
 * The files the policies write are written to a temporary file and renamed into place: a symlink at a
 * target is replaced, never followed, and no temporary file is left behind.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { removeFile, writeFileAtomic } from "../../policies/io";
import { buildModel } from "../../policies/model";
import { check, writeOutputs } from "../../policies/pipeline";
import {
  REACHABILITY_JSON,
  REACHABILITY_MARKDOWN,
  TOPOLOGY_DOT,
  TOPOLOGY_MERMAID,
  TOPOLOGY_SVG,
  writeReachabilityOutputs,
} from "../../policies/reachability/outputs";
import { backgroundRenders, dotHash, renderSvgSync, svgDotHash } from "../../policies/reachability/svg";
import { REPORT_JSON, REPORT_SARIF } from "../../policies/report";
import { ALL_RULES } from "../../policies/rules";
import { stackDoc, topology, vnet } from "../../test-utils/terraform";

const doc = stackDoc(
  "net",
  vnet("a", ["10.1.0.0/16"]),
  vnet("b", ["10.2.0.0/16"]),
  topology.peerBoth("a", "b"),
);

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-io-"));
}

/** A file outside the output folder, and a symlink to it planted at `name` in a fresh output folder. */
function planted(name: string): { outdir: string; victim: string } {
  const outdir = tmp();
  const victim = path.join(tmp(), "victim.txt");
  fs.writeFileSync(victim, "precious\n");
  fs.symlinkSync(victim, path.join(outdir, name));
  return { outdir, victim };
}

function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));
}

describe("writeFileAtomic", () => {
  it("writes the text and leaves no temporary file", () => {
    const dir = tmp();
    const file = path.join(dir, "x.txt");
    writeFileAtomic(file, "one\n");
    writeFileAtomic(file, "two\n");
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
    expect(leftovers(dir)).toEqual([]);
  });

  it("replaces a symlink at the target instead of writing through it", () => {
    const { outdir, victim } = planted("x.txt");
    writeFileAtomic(path.join(outdir, "x.txt"), "new\n");
    expect(fs.lstatSync(path.join(outdir, "x.txt")).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(path.join(outdir, "x.txt"), "utf8")).toBe("new\n");
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
  });

  it("fails, and leaves nothing, when the target is a folder", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "x.txt"));
    expect(() => writeFileAtomic(path.join(dir, "x.txt"), "new\n")).toThrow();
    expect(leftovers(dir)).toEqual([]);
  });

  it("removeFile removes a symlink, not what it points to", () => {
    const { outdir, victim } = planted("x.svg");
    removeFile(path.join(outdir, "x.svg"));
    expect(fs.existsSync(path.join(outdir, "x.svg"))).toBe(false);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
  });
});

describe("the outputs of a synth", () => {
  it("a symlink connectivity-reachability.md -> some file is replaced and the file it pointed to is unchanged", () => {
    const { outdir, victim } = planted(REACHABILITY_MARKDOWN);
    writeReachabilityOutputs(outdir, buildModel([{ stack: "net", doc }]), [], { svg: false });
    const written = path.join(outdir, REACHABILITY_MARKDOWN);
    expect(fs.lstatSync(written).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(written, "utf8")).toMatch(/^# Reachability/);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
    expect(leftovers(outdir)).toEqual([]);
  });

  it("the findings report replaces a symlink too", () => {
    const { outdir, victim } = planted(REPORT_JSON);
    writeOutputs(outdir, check([{ stack: "net", doc }]), {
      reports: true,
      reachability: false,
      rules: ALL_RULES,
    });
    expect(fs.lstatSync(path.join(outdir, REPORT_JSON)).isSymbolicLink()).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, REPORT_JSON), "utf8")).passed).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
  });
});

describe("every file the policies write (issue 16)", () => {
  const ALL = [
    REPORT_JSON,
    REPORT_SARIF,
    REACHABILITY_JSON,
    REACHABILITY_MARKDOWN,
    TOPOLOGY_MERMAID,
    TOPOLOGY_DOT,
    TOPOLOGY_SVG,
  ];
  /** The pipeline's outputs; the SVG rendered (seconds) only where a test is about it. */
  const synthOutputs = (outdir: string, svg = true) =>
    writeOutputs(outdir, check([{ stack: "net", doc }]), {
      reports: true,
      reachability: { svg },
      rules: ALL_RULES,
    });

  it.each(ALL)("%s: a symlink there is replaced by the file, the file it pointed to is unchanged", (name) => {
    const { outdir, victim } = planted(name);
    synthOutputs(outdir, name === TOPOLOGY_SVG);
    expect(fs.lstatSync(path.join(outdir, name)).isFile()).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
    expect(leftovers(outdir)).toEqual([]);
  });

  it("a symlink to a folder at a target is replaced, and nothing is written into the folder", () => {
    const outdir = tmp();
    const elsewhere = tmp();
    for (const name of ALL) fs.symlinkSync(elsewhere, path.join(outdir, name));
    synthOutputs(outdir);
    for (const name of ALL) expect(fs.lstatSync(path.join(outdir, name)).isFile()).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it("a planted .dot with an SVG rendered from it is not trusted: the SVG is drawn from this synth's DOT", () => {
    const outdir = tmp();
    const plantedDot = 'graph topology { "all clear" }';
    fs.writeFileSync(path.join(outdir, TOPOLOGY_DOT), plantedDot);
    fs.writeFileSync(path.join(outdir, TOPOLOGY_SVG), renderSvgSync(plantedDot));
    expect(writeReachabilityOutputs(outdir, buildModel([{ stack: "net", doc }])).svg).toBe("rendered");
    const dot = fs.readFileSync(path.join(outdir, TOPOLOGY_DOT), "utf8");
    expect(dot).not.toBe(plantedDot);
    const svg = fs.readFileSync(path.join(outdir, TOPOLOGY_SVG), "utf8");
    expect(svgDotHash(svg)).toBe(dotHash(dot));
    expect(svg).not.toContain("all clear");
  });

  it("an SVG without the hash (an older or hand-made one) is drawn again", () => {
    const outdir = tmp();
    synthOutputs(outdir);
    const svgFile = path.join(outdir, TOPOLOGY_SVG);
    const unmarked = fs
      .readFileSync(svgFile, "utf8")
      .replace(/<!-- cdktf-azure-connectivity dot-hash: [0-9a-f]+ -->\n/, "");
    fs.writeFileSync(svgFile, unmarked);
    expect(
      writeReachabilityOutputs(
        outdir,
        buildModel([{ stack: "net", doc }]),
        check([{ stack: "net", doc }]).report.findings,
      ).svg,
    ).toBe("rendered");
    expect(svgDotHash(fs.readFileSync(svgFile, "utf8"))).toBeDefined();
  });

  it("the background renderer replaces a symlink planted while it runs, and writes nothing through it", async () => {
    const outdir = tmp();
    const victim = path.join(tmp(), "victim.txt");
    fs.writeFileSync(victim, "precious\n");
    const written = writeReachabilityOutputs(outdir, buildModel([{ stack: "net", doc }]), [], {
      svg: "background",
    });
    expect(written.svg).toBe("background");
    fs.symlinkSync(victim, path.join(outdir, TOPOLOGY_SVG));
    await backgroundRenders();
    expect(fs.lstatSync(path.join(outdir, TOPOLOGY_SVG)).isFile()).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
    expect(leftovers(outdir)).toEqual([]);
  });

  it("the background renderer writes no SVG when the DOT changed while it ran (a newer synth owns it)", async () => {
    const outdir = tmp();
    writeOutputs(outdir, check([{ stack: "net", doc }]), {
      reports: false,
      reachability: { svg: "background" },
      rules: ALL_RULES,
    });
    fs.writeFileSync(path.join(outdir, TOPOLOGY_DOT), 'graph topology { "newer" }');
    await backgroundRenders();
    expect(fs.existsSync(path.join(outdir, TOPOLOGY_SVG))).toBe(false);
  });
});
