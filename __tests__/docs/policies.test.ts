/**
 * docs/policies.md: the lines of its TypeScript snippets are lines of a compiled example
 * (examples/policies.example.ts, an app with a suppressed overlap), which synthesizes with the policies
 * on: the suppressed finding stays in the report, marked `azureWillRefuse`. A suppression of a rule id
 * that does not exist fails synth with `Suppression.UnknownRule`. Its JSON suppression of `Input.Unread`,
 * beside HCL, lets `check --strict` pass; at synth, an argument not evaluated is under its resource's
 * construct (`network/hub/tags`), which a suppression on the resource covers; in HCL, a suppression on
 * the resource's address covers its arguments, on a resource type alone none.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Fn, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { main } from "../../bin/cli";
import { ConnectivitySuppressions, Vnet, applyConnectivityPolicies } from "../../index";

const PAGE = fs.readFileSync(path.join(__dirname, "../../docs/policies.md"), "utf8");
const EXAMPLE = path.join(__dirname, "examples/policies.example.ts");

/** Runs `f` with the app's output folder in a temporary folder and no SVG renderer; returns the folder. */
function inOutdir(f: () => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-policies-doc-"));
  const saved = { out: process.env.CDKTF_OUTDIR, svg: process.env.CDKTF_AZURE_CONNECTIVITY_SVG };
  process.env.CDKTF_OUTDIR = outdir;
  process.env.CDKTF_AZURE_CONNECTIVITY_SVG = "off";
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    f();
    return outdir;
  } finally {
    stderr.mockRestore();
    for (const [k, v] of [
      ["CDKTF_OUTDIR", saved.out],
      ["CDKTF_AZURE_CONNECTIVITY_SVG", saved.svg],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("docs/policies.md", () => {
  it("shows snippets whose every line is a line of the compiled example", () => {
    const example = fs.readFileSync(EXAMPLE, "utf8");
    const lines = new Set(example.split("\n").map((l) => l.trim()));
    const imported = new Set(
      [...example.matchAll(/import \{([^}]*)\} from "\.\.\/\.\.\/\.\.\/index";/g)].flatMap((m) =>
        m[1].split(",").map((n) => n.trim()),
      ),
    );
    const blocks = [...PAGE.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) {
      for (const line of block.split("\n").map((l) => l.trim())) {
        if (line === "") continue;
        const names = /^import \{([^}]*)\} from "cdktf-azure-connectivity";$/.exec(line);
        if (names) {
          for (const name of names[1].split(",").map((n) => n.trim())) {
            expect({ name, imported: imported.has(name) }).toEqual({ name, imported: true });
          }
        } else {
          expect({ line, inExample: lines.has(line) }).toEqual({ line, inExample: true });
        }
      }
    }
  });

  it("the example synthesizes: the suppressed overlap stays in the report, marked azureWillRefuse", () => {
    const outdir = inOutdir(() =>
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example's top-level code
        require(EXAMPLE);
      }),
    );
    try {
      expect(fs.existsSync(path.join(outdir, "stacks/network/cdk.tf.json"))).toBe(true);
      const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
      const overlap = report.findings.filter((f: any) => f.ruleId === "AddressSpace.NoOverlap");
      expect(overlap.length).toBeGreaterThan(0);
      for (const f of overlap) {
        expect(f).toMatchObject({ suppressed: true, azureWillRefuse: true });
        expect(f.suppressionReason).toContain("CHG-1234");
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("a suppression of a rule id that does not exist fails synth with Suppression.UnknownRule", () => {
    let thrown: unknown;
    const outdir = inOutdir(() => {
      const app = new App();
      const stack = new TerraformStack(app, "network");
      const vnet = new Vnet(stack, "A", {
        name: "vnet-a",
        resourceGroupName: "rg-net",
        location: "westeurope",
        addressSpace: ["10.1.0.0/16"],
      });
      ConnectivitySuppressions.add(vnet, {
        ruleId: "AddressSpace.NoOverlapp",
        reason: "a typo in the rule id",
      });
      applyConnectivityPolicies(app);
      try {
        app.synth();
      } catch (e) {
        thrown = e;
      }
    });
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(String(thrown)).toContain("Suppression.UnknownRule");
  });

  /** A network whose tags use a function the checker does not implement: Input.Unread at its tags. */
  const TIMESTAMP_HCL = `resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.1.0.0/16"]
  tags                = { created = timestamp() }
}
`;

  it("the JSON suppression of Input.Unread, in a .tf.json beside the HCL, lets check --strict pass", async () => {
    const blocks = [...PAGE.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    const doc = JSON.parse(blocks[0]);
    const [suppression] = doc["//"]["cdktf-azure-connectivity"].suppressions;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-policies-doc-"));
    try {
      fs.writeFileSync(path.join(dir, "main.tf"), TIMESTAMP_HCL);
      const cli = async () => {
        const out: string[] = [];
        const code = await main(["check", "--strict", "--format", "json", dir], {
          out: (l) => out.push(l),
          err: () => undefined,
          env: {},
        });
        return { code, report: JSON.parse(out.join("\n")) };
      };
      expect((await cli()).code).toBe(1);
      fs.writeFileSync(path.join(dir, "suppressions.tf.json"), blocks[0]);
      const { code, report } = await cli();
      expect(code).toBe(0);
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: "Input.Unread",
          path: suppression.path,
          suppressed: true,
          suppressionReason: suppression.reason,
        }),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("in HCL, the JSON suppression at the resource's address covers its argument; at the resource type alone, nothing", async () => {
    const [block] = [...PAGE.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    const at = (p: string) => {
      const doc = JSON.parse(block);
      doc["//"]["cdktf-azure-connectivity"].suppressions[0].path = p;
      return doc;
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-policies-doc-"));
    try {
      fs.writeFileSync(path.join(dir, "main.tf"), TIMESTAMP_HCL);
      const check = async (p: string) => {
        fs.writeFileSync(path.join(dir, "suppressions.tf.json"), JSON.stringify(at(p)));
        const out: string[] = [];
        const code = await main(["check", "--strict", "--format", "json", dir], {
          out: (l) => out.push(l),
          err: () => undefined,
          env: {},
        });
        return { code, findings: JSON.parse(out.join("\n")).findings };
      };
      const resource = await check("azurerm_virtual_network.hub");
      expect(resource.code).toBe(0);
      expect(resource.findings).toEqual([
        expect.objectContaining({ path: "azurerm_virtual_network.hub.tags", suppressed: true }),
      ]);
      const type = await check("azurerm_virtual_network");
      expect(type.code).toBe(1);
      expect(type.findings).toEqual([
        expect.objectContaining({ path: "azurerm_virtual_network.hub.tags", suppressed: false }),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("at synth, Input.Unread on an argument is under the resource's construct (network/hub/tags), covered by a suppression on the resource", () => {
    let thrown: unknown;
    const outdir = inOutdir(() => {
      const app = new App();
      const stack = new TerraformStack(app, "network");
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const hub = new VirtualNetwork(stack, "hub", {
        name: "hub",
        resourceGroupName: "rg-net",
        location: "westeurope",
        addressSpace: ["10.1.0.0/16"],
        tags: { created: Fn.timestamp() },
      });
      ConnectivitySuppressions.add(hub, {
        ruleId: "Input.Unread",
        reason: "the tags carry a timestamp, which no policy reads; OPS-7",
      });
      applyConnectivityPolicies(app, { strict: true });
      try {
        app.synth();
      } catch (e) {
        thrown = e;
      }
    });
    try {
      expect(thrown).toBeUndefined();
      const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: "Input.Unread",
          path: "network/hub/tags",
          suppressed: true,
          suppressionReason: "the tags carry a timestamp, which no policy reads; OPS-7",
        }),
      ]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
