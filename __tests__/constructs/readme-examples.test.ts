import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/*
 * The README's VPN examples and docs/patterns.md's hub-and-spoke example are these files, word for word
 * except the import path: tsc type-checks them with the rest of the tests, and this test checks the
 * documents still show them and runs them (with the policies on) into a temporary output folder.
 */

const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const PATTERNS = fs.readFileSync(path.join(__dirname, "../../docs/patterns.md"), "utf8");
const CONSTRUCTS = fs.readFileSync(path.join(__dirname, "../../docs/constructs.md"), "utf8");
const EXAMPLES = path.join(__dirname, "readme-examples");

function asInReadme(file: string): string {
  return fs
    .readFileSync(path.join(EXAMPLES, file), "utf8")
    .replace('from "../../../index";', 'from "cdktf-azure-connectivity";');
}

function section(title: string, doc = README): string {
  const start = doc.indexOf(`## ${title}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

function vpnSection(): string {
  return section("VPN gateways, sites and connections", CONSTRUCTS);
}

/** Prettier wraps the README's longer import line differently: compare without layout. */
function normalized(code: string): string {
  return code.replace(/\s+/g, "").replace(/,([}\])])/g, "$1");
}

function tsBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => normalized(m[1]));
}

/** Runs an example (in `cwd`, where its relative files are read and written) and returns its stack's JSON. */
function run(file: string, cwd?: string): any {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-readme-"));
  const saved = process.env.CDKTF_OUTDIR;
  const savedCwd = process.cwd();
  process.env.CDKTF_OUTDIR = outdir;
  if (cwd) process.chdir(cwd);
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example's top-level code
      require(path.join(EXAMPLES, file));
    });
    const stackDir = path.join(outdir, "stacks");
    const [stack] = fs.readdirSync(stackDir);
    return JSON.parse(fs.readFileSync(path.join(stackDir, stack, "cdk.tf.json"), "utf8"));
  } finally {
    process.chdir(savedCwd);
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs a variant of an example: its text with `edit` applied, from a file beside it (removed after). */
function runVariant(file: string, edit: (text: string) => string, cwd: string): any {
  const variant = `variant-${process.pid}-${file}`;
  const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
  const edited = edit(text);
  expect(edited).not.toBe(text);
  fs.writeFileSync(path.join(EXAMPLES, variant), edited);
  try {
    return run(variant, cwd);
  } finally {
    fs.rmSync(path.join(EXAMPLES, variant), { force: true });
  }
}

/** Address spaces and subnet prefixes by network name, from a stack's JSON. */
function addresses(doc: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const names: Record<string, string> = {};
  for (const [id, v] of Object.entries<any>(doc.resource.azurerm_virtual_network)) {
    out[v.name] = v.address_space;
    names[id] = v.name;
  }
  for (const s of Object.values<any>(doc.resource.azurerm_subnet)) {
    const owner = names[/\$\{azurerm_virtual_network\.([\w-]+)\.name\}/.exec(s.virtual_network_name)![1]];
    out[`${owner}/${s.name}`] = s.address_prefixes;
  }
  return out;
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

describe("docs/patterns.md hub-and-spoke example", () => {
  const file = "hub-and-spoke.example.ts";

  it("is shown word for word, in the README and in the page the README links to", () => {
    expect(README).toContain("](docs/patterns.md)");
    expect(tsBlocks(section("A whole hub and spoke"))).toContainEqual(normalized(asInReadme(file)));
    expect(tsBlocks(section("Hub and spoke, addresses planned", PATTERNS))).toContainEqual(
      normalized(asInReadme(file)),
    );
  });

  it("synthesizes three regions, two sites and a gateway per hub, twelve spokes, policies and intents on", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "cac-readme-app-"));
    const doc = run(file, cwd);
    const count = (type: string) => Object.keys(doc.resource[type]).length;
    expect(count("azurerm_virtual_network")).toBe(15);
    expect(count("azurerm_virtual_network_gateway")).toBe(3);
    expect(count("azurerm_local_network_gateway")).toBe(6);
    expect(count("azurerm_virtual_network_gateway_connection")).toBe(6);
    // 12 hub-spoke peerings and 3 hub-hub peerings, both directions each.
    expect(count("azurerm_virtual_network_peering")).toBe(30);
    const intents = doc["//"]["cdktf-azure-connectivity"].intents as any[];
    expect(intents.filter((i) => i.kind === "mustReach")).toHaveLength(24);
    // Environments apart: one intent over groups (six prod and six test spokes: 36 pairs, each checked).
    const [apart, ...more] = intents.filter((i) => i.kind === "groupsApart");
    expect(more).toEqual([]);
    expect(apart.groups.map((g: any) => [g.name, g.members.length])).toEqual([
      ["prod", 6],
      ["test", 6],
    ]);
    expect(intents.filter((i) => i.kind === "mustNotReach")).toEqual([]);
    const record = JSON.parse(fs.readFileSync(path.join(cwd, "network-addresses.json"), "utf8"));
    expect(Object.keys(record.pools.Addresses)).toHaveLength(15);
  });

  it("gives no other network new addresses when a spoke is added, in the middle of the others", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "cac-readme-app-"));
    const before = addresses(run(file, cwd));
    const after = addresses(
      runVariant(file, (text) => text.replace('["shop", "crm"]', '["shop", "new", "crm"]'), cwd),
    );
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + 3 * 2 * 2);
    for (const [network, prefixes] of Object.entries(before)) expect(after[network]).toEqual(prefixes);
    expect(after["vnet-new-prod-westeurope"]).toBeDefined();
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
