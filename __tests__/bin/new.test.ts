import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { main } from "../../bin/cli";
import { TEMPLATES, appFiles, newCommand } from "../../bin/new";

/*
 * `cdktf-azure-connectivity new <template> [dir]`: the app it writes is compiled against this
 * repository's source (the package's name mapped to index.ts) and synthesized with the policies; a
 * variant with an overlapping spoke fails with AddressSpace.NoOverlap; the pins are the README's.
 */

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-new-"));
}

function generate(template: string, dir: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = newCommand([template, dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/**
 * Runs an app's main.ts (its text with `edit` applied) from a file beside this test (removed after), the
 * package's name mapped to this repository's index.ts, in `cwd`; returns the synth output folder's
 * findings report. The file is required in-process, as readme-examples.test.ts runs the README's.
 */
let runs = 0;
function synth(appDir: string, edit: (text: string) => string = (t) => t): any {
  const text = edit(fs.readFileSync(path.join(appDir, "main.ts"), "utf8")).replace(
    '"cdktf-azure-connectivity"',
    '"../../index"',
  );
  const file = path.join(__dirname, `new-app-${process.pid}-${++runs}.tmp.ts`);
  fs.writeFileSync(file, text);
  const outdir = tmp();
  const saved = process.env.CDKTF_OUTDIR;
  const savedCwd = process.cwd();
  process.env.CDKTF_OUTDIR = outdir;
  process.chdir(appDir);
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the app (app.synth())
      require(file);
    });
    expect(fs.existsSync(path.join(outdir, "stacks/network/cdk.tf.json"))).toBe(true);
    return JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
  } finally {
    process.chdir(savedCwd);
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
    fs.rmSync(file, { force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The README's pins: its install commands (cdktf and cdktn rows, and the toolchain line). */
function readmePins(framework: "cdktf" | "cdktn"): Record<string, string> {
  const row = new RegExp("`npm install -E (" + framework + "-azure-connectivity@[^`]+)`").exec(README)![1];
  const tool = /`npm install -D -E ([^`]+)`/.exec(README.replace(/\n/g, " "))![1];
  const pins: Record<string, string> = {};
  for (const spec of [...row.split(" "), ...tool.split(/\s+/)]) {
    const at = spec.indexOf("@", 1); // the alias keeps its target: name@npm:@scope/name@version
    if (framework === "cdktn" && spec.startsWith("cdktf-cli")) continue; // the cdktf CLI: cdktf apps only
    pins[spec.slice(0, at)] = spec.slice(at + 1);
  }
  return pins;
}

describe("new: the app it writes", () => {
  const dirs: Record<string, string> = {};
  beforeAll(() => {
    for (const template of Object.keys(TEMPLATES)) {
      dirs[template] = path.join(tmp(), `my-${template}`);
      const r = generate(template, dirs[template]);
      expect(r).toMatchObject({ code: 0, err: [] });
      expect(r.out.join("\n")).toMatch(/npm install\n\s+npx cdktf synth\n\s+npm test/);
    }
  });
  afterAll(() => {
    for (const d of Object.values(dirs)) fs.rmSync(path.dirname(d), { recursive: true, force: true });
  });

  it.each(Object.keys(TEMPLATES))("%s: the files, the README's pins, an .npmrc without a token", (t) => {
    const dir = dirs[t];
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        ".gitignore",
        ".npmrc",
        "cdktf.json",
        "main.test.ts",
        "main.ts",
        "package.json",
        "tsconfig.json",
      ].sort(),
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8")).app).toBe("npx ts-node main.ts");
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe(`my-${t}`);
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).toEqual(readmePins("cdktf"));
    expect(pkg.dependencies["cdktf-azure-connectivity"]).toBe("npm:@your-org/cdktf-azure-connectivity@0.1.0");
    const npmrc = fs.readFileSync(path.join(dir, ".npmrc"), "utf8");
    expect(npmrc).toContain("# @your-org:registry=https://npm.example.internal/");
    expect(npmrc).toContain("# //npm.example.internal/:_authToken=${NPM_TOKEN}");
    // Every line a comment: nothing is sent anywhere until the user fills it in.
    expect(npmrc.split("\n").filter((l) => l.trim() && !l.startsWith("#"))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).toMatch(/^node_modules\/$/m);
  });

  it("peering: main.ts is the README's quick start", () => {
    const quickStart = /```ts\n([\s\S]*?)```/.exec(README)![1];
    expect(fs.readFileSync(path.join(dirs.peering, "main.ts"), "utf8")).toBe(
      quickStart.replace(' (see "Policies" below)', ": an error finding fails the synth"),
    );
  });

  it("compiles (main.ts and main.test.ts of each template) against this repository's source", () => {
    const files = Object.values(dirs).flatMap((d) => [path.join(d, "main.ts"), path.join(d, "main.test.ts")]);
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      baseUrl: ROOT,
      paths: { "cdktf-azure-connectivity": ["index.ts"], "*": ["node_modules/*", "node_modules/@types/*"] },
      typeRoots: [path.join(ROOT, "node_modules/@types")],
      types: ["node", "jest"],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });

  it("peering: synthesizes with the policies, no error finding", () => {
    const report = synth(dirs.peering);
    expect(report.findings.filter((f: any) => f.severity === "error")).toEqual([]);
  });

  it("hub-spoke: synthesizes with the policies (gateway, site, two spokes), no error finding", () => {
    const report = synth(dirs["hub-spoke"]);
    expect(report.findings.filter((f: any) => f.severity === "error")).toEqual([]);
    // The pool's record, written on the first synth, is the app's to commit.
    expect(fs.existsSync(path.join(dirs["hub-spoke"], "network-addresses.json"))).toBe(true);
  });

  it("peering with an overlapping spoke fails with AddressSpace.NoOverlap", () => {
    expect(() => synth(dirs.peering, (t) => t.replace('["10.2.0.0/16"]', '["10.1.0.0/16"]'))).toThrow(
      /AddressSpace\.NoOverlap/,
    );
  });

  it("hub-spoke with a spoke overlapping the hub fails with AddressSpace.NoOverlap", () => {
    const overlapping = (text: string) =>
      text.replace(/\bHubAndSpoke,/, "HubAndSpoke, Vnet, VnetPeering,").replace(
        "applyConnectivityPolicies(app);",
        `const legacy = new Vnet(stack, "Legacy", {
  name: "vnet-legacy",
  resourceGroupName: "rg-network",
  location: "westeurope",
  addressSpace: ["10.0.0.0/16"],
});
new VnetPeering(stack, "HubLegacy", { local: region.hub, remote: legacy });
applyConnectivityPolicies(app);`,
      );
    expect(() => synth(dirs["hub-spoke"], overlapping)).toThrow(/AddressSpace\.NoOverlap/);
  });
});

describe("new: the cdktn package's templates", () => {
  it("import cdktn and the cdktn package, with the README's cdktn pins and overrides line", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { stageCdktn } = require("../../scripts/flavor");
    const root = tmp();
    try {
      stageCdktn(["templates"], root, ROOT);
      const files = appFiles("peering", "app", { root, name: "cdktn-azure-connectivity", version: "0.1.0" });
      expect(files["main.ts"]).toContain('import { App, TerraformStack } from "cdktn";');
      expect(files["main.ts"]).toContain('from "@cdktn/provider-azurerm/lib/provider";');
      expect(files["main.ts"]).toContain('} from "cdktn-azure-connectivity";');
      expect(files["main.ts"]).not.toMatch(/["']cdktf|@cdktf\//);
      const pkg = JSON.parse(files["package.json"]);
      expect({ ...pkg.dependencies, ...pkg.devDependencies }).toEqual(readmePins("cdktn"));
      expect(pkg.overrides).toEqual({ "@cdktn/provider-azurerm": { cdktn: "$cdktn" } });
      expect(files[".npmrc"]).toContain("cdktn-azure-connectivity");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("new: refusals (exit 2, one line, nothing written)", () => {
  let base: string;
  beforeEach(() => {
    base = tmp();
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it("a folder that is not empty", () => {
    fs.writeFileSync(path.join(base, "keep.txt"), "mine");
    const r = generate("peering", base);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/new: .* is not empty; give a new or empty folder/)]);
    expect(fs.readdirSync(base)).toEqual(["keep.txt"]);
  });

  it("an unknown template", () => {
    const r = generate("mesh", path.join(base, "app"));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      expect.stringContaining("unknown template 'mesh'; templates: hub-spoke, peering"),
    ]);
    expect(fs.existsSync(path.join(base, "app"))).toBe(false);
  });

  it("a symbolic link at the folder, even to an empty folder: not followed", () => {
    const real = path.join(base, "real");
    fs.mkdirSync(real);
    fs.symlinkSync(real, path.join(base, "link"));
    const r = generate("peering", path.join(base, "link"));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringContaining("is a symbolic link; not followed")]);
    expect(fs.readdirSync(real)).toEqual([]);
  });

  it("a file where the folder should be, an unknown option, no template", () => {
    fs.writeFileSync(path.join(base, "file"), "x");
    expect(generate("peering", path.join(base, "file")).code).toBe(2);
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    expect(newCommand(["peering", "--force"], io)).toBe(2);
    expect(newCommand([], io)).toBe(2);
    expect(err).toEqual([
      expect.stringContaining("unknown option --force"),
      expect.stringContaining("which template? hub-spoke, peering"),
    ]);
  });

  it("the CLI: `new` in the usage text, `new --help`, exit codes through main", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(["--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("new <template> [dir]");
    expect(await main(["new", "--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("hub-spoke");
    expect(await main(["new", "nope", path.join(base, "x")], io)).toBe(2);
    expect(await main(["new", "peering", path.join(base, "app")], io)).toBe(0);
    expect(fs.existsSync(path.join(base, "app/main.ts"))).toBe(true);
  });
});
