import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/*
 * The README's VPN examples are these files, word for word except the import path: tsc type-checks
 * them with the rest of the tests, and this test checks the README still shows them and runs them
 * (with the policies on) into a temporary output folder.
 */

const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const CONSTRUCTS = fs.readFileSync(path.join(__dirname, "../../docs/constructs.md"), "utf8");
const EXAMPLES = path.join(__dirname, "readme-examples");

function asInReadme(file: string): string {
  return fs
    .readFileSync(path.join(EXAMPLES, file), "utf8")
    .replace('from "../../../index";', 'from "cdktf-azure-connectivity";');
}

function vpnSection(): string {
  const start = CONSTRUCTS.indexOf("## VPN gateways, sites and connections");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = CONSTRUCTS.indexOf("\n## ", start + 1);
  return CONSTRUCTS.slice(start, end < 0 ? undefined : end);
}

/** Prettier wraps the README's longer import line differently: compare without layout. */
function normalized(code: string): string {
  return code.replace(/\s+/g, "").replace(/,([}\])])/g, "$1");
}

function tsBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => normalized(m[1]));
}

function run(file: string): any {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-readme-"));
  const saved = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example's top-level code
      require(path.join(EXAMPLES, file));
    });
    const stackDir = path.join(outdir, "stacks");
    const [stack] = fs.readdirSync(stackDir);
    return JSON.parse(fs.readFileSync(path.join(stackDir, stack, "cdk.tf.json"), "utf8"));
  } finally {
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe("docs/constructs.md VPN examples", () => {
  it.each(["vnet-to-vnet.example.ts", "nat.example.ts"])("shows %s word for word", (file) => {
    expect(tsBlocks(vpnSection())).toContainEqual(normalized(asInReadme(file)));
  });

  it("VNet-to-VNet synthesizes both directions with a generated key, policies on", () => {
    const doc = run("vnet-to-vnet.example.ts");
    const conns = Object.values(doc.resource.azurerm_virtual_network_gateway_connection) as any[];
    expect(conns.map((c) => [c.name, c.type])).toEqual([
      ["VNet1GW-to-VNet4GW", "Vnet2Vnet"],
      ["VNet4GW-to-VNet1GW", "Vnet2Vnet"],
    ]);
    expect(conns.every((c) => c.shared_key === "${random_password.vnet1_vnet4_psk.result}")).toBe(true);
  });

  it("NAT synthesizes Microsoft's example, policies on", () => {
    const doc = run("nat.example.ts");
    const rules = Object.values(doc.resource.azurerm_virtual_network_gateway_nat_rule) as any[];
    expect(rules.map((r) => [r.name, r.mode, r.external_mapping[0].address_space]).sort()).toEqual([
      ["Branch1", "IngressSnat", "100.0.2.0/24"],
      ["Branch2", "IngressSnat", "100.0.3.0/24"],
      ["VNet", "EgressSnat", "100.0.1.0/24"],
    ]);
    const conns = Object.values(doc.resource.azurerm_virtual_network_gateway_connection) as any[];
    expect(conns.map((c) => c.shared_key)).toEqual(["${var.branch1_psk}", "${var.branch2_psk}"]);
    expect(doc.variable.branch1_psk.sensitive).toBe(true);
  });
});

describe("README quick start", () => {
  it("shows quick-start.example.ts word for word, which synthesizes a peering in both directions", () => {
    expect(tsBlocks(README)).toContainEqual(normalized(asInReadme("quick-start.example.ts")));
    const doc = run("quick-start.example.ts");
    expect(Object.keys(doc.resource.azurerm_virtual_network_peering)).toHaveLength(2);
  });

  it("shows the failure of the quick start with Madrid on London's space, which fits on one screen", () => {
    // The quick start with Madrid given London's space, written next to it for the run (one per process).
    const good = fs.readFileSync(path.join(EXAMPLES, "quick-start.example.ts"), "utf8");
    const bad = good.replace('addressSpace: ["10.2.0.0/16"]', 'addressSpace: ["10.1.0.0/16"]');
    expect(bad).not.toBe(good);
    const badFile = path.join(EXAMPLES, `quick-start-overlap-${process.pid}.tmp.ts`);
    // As `npx cdktf synth` runs it: in the app's folder, into cdktf.out.
    const cwd = process.cwd();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-quick-"));
    let message = "";
    try {
      fs.writeFileSync(badFile, bad);
      process.chdir(dir);
      jest.isolateModules(() => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example's top-level code
          require(badFile);
        } catch (e) {
          message = `${(e as Error).name}: ${(e as Error).message}`;
        }
      });
    } finally {
      process.chdir(cwd);
      fs.rmSync(badFile, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(message).toContain("AddressSpace.NoOverlap");
    expect(message.split("\n").length).toBeLessThanOrEqual(20);
    const shown = /```text\n([\s\S]*?)```/.exec(README.slice(README.indexOf("npx cdktf synth` stops with")));
    expect(shown?.[1].trimEnd()).toBe(message);
  });
});
