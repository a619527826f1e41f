import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet } from "../../constructs/vnet";
import { VnetPeering } from "../../constructs/vnet-peering";
import { applyConnectivityPolicies } from "../../policies/aspect";
import { ConnectivitySuppressions } from "../../authoring/suppressions";
import { main } from "../../bin/cli";
import { blockLines, locateInFiles } from "../../policies/input/locate";
import { sarifReport } from "../../policies/report";
import { check } from "../../policies/pipeline";
import { ALL_RULES } from "../../policies/rules";
import { peering, tfDoc, vnet as rawVnet } from "../../test-utils/terraform";
import * as PKG from "../../package.json";
import DRAFT_04 from "ajv/lib/refs/json-schema-draft-04.json";

const ROOT = path.resolve(__dirname, "../..");

/** ajv over draft-04 (the SARIF schema) and draft-07 (ours). */
function validator(schemaFile: string): (data: unknown) => string[] {
  const ajv = new Ajv({ schemaId: "auto", allErrors: true });
  ajv.addMetaSchema(DRAFT_04);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}
const sarifErrors = validator(path.join(ROOT, "__tests__/fixtures/sarif/sarif-schema-2.1.0.json"));
const reportErrors = validator(path.join(ROOT, "schemas/connectivity-findings.schema.json"));

function vnet(scope: TerraformStack, id: string, space: string): Vnet {
  return new Vnet(scope, id, {
    name: `vnet-${id}`,
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: [space],
  });
}

/** An app with one overlap finding, suppressed (so the synth writes the stack) or not. */
function synthOverlap(suppress: boolean): { outdir: string; error?: Error } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-report-"));
  const app = new App({ outdir });
  const s = new TerraformStack(app, "one");
  new AzurermProvider(s, "azurerm", { features: [{}] });
  const p = new VnetPeering(s, "p", {
    local: vnet(s, "a", "10.0.0.0/16"),
    remote: vnet(s, "b", "10.0.0.0/24"),
  });
  if (suppress)
    ConnectivitySuppressions.add(p, { ruleId: "AddressSpace.NoOverlap", reason: "a test of the regions" });
  applyConnectivityPolicies(app, { reachability: false, summary: false });
  try {
    app.synth();
    return { outdir };
  } catch (e) {
    return { outdir, error: e as Error };
  }
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("SARIF report", () => {
  it("validates against the official SARIF 2.1.0 schema, with tool version and per-rule help", async () => {
    const { outdir, error } = synthOverlap(false);
    expect(error).toBeDefined();
    const sarif = read(path.join(outdir, "connectivity-findings.sarif"));
    expect(sarifErrors(sarif)).toEqual([]);
    const driver = sarif.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: "cdktf-azure-connectivity", version: PKG.version });
    for (const r of driver.rules) {
      expect(r.help.text).toBeTruthy();
      expect(r.helpUri).toMatch(/^https:\/\//);
    }
    expect(sarif.runs[0].results[0].locations[0].logicalLocations).toEqual([
      { fullyQualifiedName: "one/p/LocalToRemote", kind: "resource" },
    ]);
  });

  it("points each result at the resource's line in the written stack file", async () => {
    const { outdir, error } = synthOverlap(true);
    expect(error).toBeUndefined();
    const sarif = read(path.join(outdir, "connectivity-findings.sarif"));
    expect(sarifErrors(sarif)).toEqual([]);
    const [result] = sarif.runs[0].results;
    const loc = result.locations[0].physicalLocation;
    const file = new URL(loc.artifactLocation.uri).pathname;
    expect(file).toBe(path.join(outdir, "stacks/one/cdk.tf.json"));
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const at = loc.region.startLine;
    // The block's key (its name), whose metadata names the construct.
    expect(lines[at - 1]).toMatch(/^\s+"[^"]+": \{$/);
    const block = lines.slice(at - 1, at + 12).join("\n");
    expect(block).toContain('"path": "one/p/LocalToRemote"');
  });

  it("keeps partial fingerprints across runs and tells findings apart", async () => {
    const a = read(path.join(synthOverlap(false).outdir, "connectivity-findings.sarif"));
    const b = read(path.join(synthOverlap(false).outdir, "connectivity-findings.sarif"));
    const prints = (s: any) => s.runs[0].results.map((r: any) => r.partialFingerprints);
    expect(prints(a)).toEqual(prints(b));
    expect(prints(a)[0]["connectivityFinding/v1"]).toMatch(/^[0-9a-f]{32}$/);
    const doc = tfDoc(
      rawVnet("a", ["10.0.0.0/16"]),
      rawVnet("b", ["10.0.0.0/24"]),
      peering("a-b", "a", "b"),
      peering("b-a", "b", "a"),
    );
    const report = check([{ stack: "x", doc }]).report;
    const fps = (sarifReport(report, ALL_RULES) as any).runs[0].results.map(
      (r: any) => r.partialFingerprints["connectivityFinding/v1"],
    );
    expect(new Set(fps).size).toBe(fps.length);
  });

  it("gives repository-relative URIs with a uriBaseId, and the line of the address in plain Terraform JSON", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cac-repo-"));
    const file = path.join(root, "infra", "main.tf.json");
    fs.mkdirSync(path.dirname(file));
    const doc = tfDoc(
      rawVnet("a", ["10.0.0.0/16"]),
      rawVnet("b", ["10.0.1.0/24"]),
      peering("a-to-b", "a", "b"),
    );
    const text = JSON.stringify(doc, null, 2);
    fs.writeFileSync(file, text);
    const report = check([{ stack: "infra", doc, pathPrefix: "" }]).report;
    expect(report.findings.length).toBeGreaterThan(0);
    const sarif = sarifReport(report, ALL_RULES, locateInFiles([{ file, stack: "infra" }]), { root }) as any;
    expect(sarifErrors(sarif)).toEqual([]);
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: "infra/main.tf.json", uriBaseId: "%SRCROOT%" });
    expect(text.split("\n")[loc.region.startLine - 1]).toContain('"a-to-b": {');
  });

  it("finds block lines in Terraform JSON written with blocks as arrays, and in one-line JSON", async () => {
    const text =
      '{"resource":[{"azurerm_virtual_network":[{"a":{"name":"x"}}]},\n{"azurerm_subnet":{"s":{}}}],\n"data":{"t":{"d":{}}}}';
    expect([...blockLines(text)]).toEqual([
      ["azurerm_virtual_network.a", 1],
      ["azurerm_subnet.s", 2],
      ["data.t.d", 3],
    ]);
    expect(blockLines("{ not json").size).toBe(0);
  });
});

describe("connectivity-findings.json", () => {
  it("validates against the published schema, from a synth and from the CLI", async () => {
    const { outdir } = synthOverlap(true);
    const report = read(path.join(outdir, "connectivity-findings.json"));
    expect(report.version).toBe(PKG.version);
    expect(reportErrors(report)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-report-cli-"));
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify(
        tfDoc(rawVnet("a", ["10.0.0.0/16"]), rawVnet("b", ["10.0.1.0/24"]), peering("a-to-b", "a", "b")),
      ),
    );
    const out: string[] = [];
    await main(["check", "--format", "json", "--reachability", "--out", path.join(dir, "out"), dir], {
      out: (l) => out.push(l),
      err: () => undefined,
    });
    const cli = JSON.parse(out.join("\n"));
    expect(cli.findings.length).toBeGreaterThan(0);
    expect(reportErrors(cli)).toEqual([]);
    expect(reportErrors({ ...cli, surprise: 1 })).not.toEqual([]);
  });

  it("is shipped in both packages", async () => {
    expect(PKG.files).toEqual(expect.arrayContaining(["schemas/*.json", "docs/*.md", "docs/*.svg"]));
  });
});
