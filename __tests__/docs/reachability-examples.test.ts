/*
 * The examples of docs/reachability.md are the files in reachability-examples/, word for word except the
 * import path: tsc type-checks them with the rest of the tests, and this test checks the page still
 * shows them and runs them (policies on) into a temporary output folder, with the outcome the page says.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PAGE = fs.readFileSync(path.join(__dirname, "../../docs/reachability.md"), "utf8");
const EXAMPLES = path.join(__dirname, "reachability-examples");

function asOnPage(file: string): string {
  return fs
    .readFileSync(path.join(EXAMPLES, file), "utf8")
    .replace('from "../../../index";', 'from "cdktf-azure-connectivity";');
}

/** Prettier may wrap the page's lines differently: compare without layout. */
function normalized(code: string): string {
  return code.replace(/\s+/g, "").replace(/,([}\])])/g, "$1");
}

function blocks(lang: string): string[] {
  return [...PAGE.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** Runs an example into a fresh output folder; returns the folder (removed by the caller) and the error. */
function run(file: string): { outdir: string; error?: Error } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-reach-docs-"));
  const saved = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example's top-level code
      require(path.join(EXAMPLES, file));
    });
    return { outdir };
  } catch (e) {
    return { outdir, error: e as Error };
  } finally {
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
  }
}

describe("docs/reachability.md examples", () => {
  it.each(["intents.example.ts", "raw-resources.example.ts", "groups.example.ts"])(
    "shows %s word for word",
    (file) => {
      expect(blocks("ts").map(normalized)).toContainEqual(normalized(asOnPage(file)));
    },
  );

  it("the groups example passes, and its summary has the line the page shows", () => {
    const { outdir, error } = run("groups.example.ts");
    try {
      expect(error).toBeUndefined();
      const md = fs.readFileSync(path.join(outdir, "connectivity-reachability.md"), "utf8");
      const [shown] = blocks("text").filter((b) => b.includes("must not reach each other"));
      expect(md).toContain(shown.trim());
      const matrix = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-reachability.json"), "utf8"));
      expect(matrix.intentGroups).toMatchObject([{ pairs: 9, holding: 9, broken: 0, unknown: 0 }]);
      expect(matrix.intents).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("the intents example synthesizes with strict on, and writes the summary the page shows", () => {
    const { outdir, error } = run("intents.example.ts");
    try {
      expect(error).toBeUndefined();
      const md = fs.readFileSync(path.join(outdir, "connectivity-reachability.md"), "utf8");
      for (const block of blocks("md"))
        for (const line of block.split("\n").filter((l) => l.startsWith("- "))) expect(md).toContain(line);
      const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
      expect(report.passed).toBe(true);
      expect(report.findings).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("the raw-resources example fails synth with the message the page shows, fix included", () => {
    const { outdir, error } = run("raw-resources.example.ts");
    try {
      expect(error).toBeDefined();
      const [shown] = blocks("text").filter((b) => b.includes("Reachability.Intent"));
      expect(shown.trim()).toContain("Fix: ");
      expect(error!.message).toContain(shown.trim());
      // One error, that intent: the data source end is found, and isolated from vnet-db as declared
      // (the one-sided peering is also a Peering.MissingReverse warning).
      const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
      const errors = report.findings.filter((f: { severity: string }) => f.severity === "error");
      expect(errors.map((f: { ruleId: string }) => f.ruleId)).toEqual(["Reachability.Intent"]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
