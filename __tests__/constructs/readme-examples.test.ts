import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/*
 * The README's VPN examples are these files, word for word except the import path: tsc type-checks
 * them with the rest of the tests, and this test checks the README still shows them and runs them
 * (with the policies on) into a temporary output folder.
 */

const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const EXAMPLES = path.join(__dirname, "readme-examples");

function asInReadme(file: string): string {
  return fs
    .readFileSync(path.join(EXAMPLES, file), "utf8")
    .replace('from "../../../index";', 'from "cdktf-azure-connectivity";');
}

function vpnSection(): string {
  const start = README.indexOf("## VPN gateways, sites and connections");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
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

describe("README VPN examples", () => {
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
