/**
 * `cdktf-azure-connectivity check` (bin/cli.ts, in-process) with suppressions of the ids the engine
 * reports about the input itself, written in the `"//"` metadata of a `.tf.json` file beside HCL (as a
 * configuration without cdktf carries them) or recorded by ConnectivitySuppressions in a cdktf.out;
 * the metadata of every `.tf.json` file of a folder read, not the first file's only.
 */
import * as fs from "fs";
import * as path from "path";
import { App, Fn, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { main } from "../../bin/cli";
import { ConnectivitySuppressions } from "../../authoring/suppressions";
import { METADATA_KEY } from "../../core/metadata";
import { tmpdir as newTmpdir, writeTree } from "../../test-utils/files";
import { RG, requiredAzurerm, subnet, tfDoc, vnet } from "../../test-utils/terraform";

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
/** A new temporary folder, removed after the tests. */
function tmpdir(): string {
  const d = newTmpdir("cac-check-supp-");
  made.push(d);
  return d;
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The `"//"` metadata of a `.tf.json` file holding suppressions. */
const suppressions = (...list: { path: string; ruleId: string; reason: string }[]) => ({
  "//": { [METADATA_KEY]: { suppressions: list } },
});

const TAGS = "azurerm_virtual_network.hub.tags";
const TAGS_WHAT = `${TAGS} is not understood: the function timestamp is not supported`;
const UNREAD_FIX =
  "Give the checker what the message names (fix the file or the part of the plan, install or point to the module, replace what cannot be evaluated), or suppress Input.Unread for this path with a reason.";
const STRICT_LINE = `Input.Unread: not verifiable (strict): ${TAGS_WHAT}. Fix: ${UNREAD_FIX}`;
const REASON = "The tags carry a timestamp; no policy reads the tags (OPS-7).";

/** A network in HCL whose tags use a function the evaluator does not implement (Input.Unread). */
const HCL = `resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
  tags                = { created = timestamp() }
}
`;

describe("check: suppressions of Input.Unread and Input.UnknownArgument", () => {
  test("HCL with a .tf.json suppressing Input.Unread at the path: --strict exits 0, the item listed as suppressed with the reason", async () => {
    const bare = writeTree(tmpdir(), { "main.tf": HCL });
    const failing = await cli(["check", "--strict", bare]);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain(`[${TAGS}] error: ${STRICT_LINE}`);

    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "suppressions.tf.json": suppressions({ path: TAGS, ruleId: "Input.Unread", reason: REASON }),
    });
    // Was exit 1, strict or not, on "[azurerm_virtual_network.hub.tags] error: Suppression.UnknownRule:
    // suppression of Input.Unread at azurerm_virtual_network.hub.tags names no rule that ran (69 rules),
    // so it hides nothing; ...", though the suppression applied.
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(0);
    expect(strict.out.split("\n")).toEqual([
      `[${TAGS}] error, suppressed (${REASON}): ${STRICT_LINE}`,
      "Read 1 configuration(s): 1 module instance(s), 1 resource block(s), 1 instance(s); 1 not understood.",
      "2 file(s), 1 stack(s): 0 error(s), 0 warning(s), 1 suppressed, 0 not verifiable (--strict: not verifiable fails).",
    ]);
    const json = JSON.parse((await cli(["check", "--strict", "--format", "json", dir])).out);
    expect(json).toMatchObject({
      passed: true,
      summary: { errors: 0, warnings: 0, suppressed: 1, unverifiable: 0 },
      unverifiable: [],
    });
    expect(json.findings).toEqual([
      {
        ruleId: "Input.Unread",
        severity: "error",
        path: TAGS,
        message: STRICT_LINE,
        fix: UNREAD_FIX,
        values: { notVerifiable: TAGS_WHAT },
        suppressed: true,
        suppressionReason: REASON,
      },
    ]);
    const sarif = JSON.parse((await cli(["check", "--strict", "--format", "sarif", dir])).out);
    expect(sarif.runs[0].results.map((r: any) => [r.ruleId, r.suppressions])).toEqual([
      ["Input.Unread", [{ kind: "inSource", justification: REASON }]],
    ]);
    // Without --strict what was not read fails nothing: listed as not verifiable, suppressed or not.
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toContain(`[${TAGS}] Input.Unread (not verified): ${TAGS_WHAT}`);
    expect(lax.out).toContain("0 error(s), 0 warning(s), 0 suppressed, 1 not verifiable.");
    expect(lax.out).not.toContain("Suppression.UnknownRule");
  });

  test("a suppression at another path does not cover it: --strict still exits 1", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "suppressions.tf.json": suppressions({
        path: "azurerm_virtual_network.spoke",
        ruleId: "Input.Unread",
        reason: REASON,
      }),
    });
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`[${TAGS}] error: ${STRICT_LINE}`);
    expect(strict.out).not.toContain("Suppression.UnknownRule");
  });

  test("Input.UnknownArgument suppressed in the metadata: the warning listed as suppressed, no error", async () => {
    const reason = "Kept until the module is moved to address_prefixes (NET-89).";
    const dir = writeTree(tmpdir(), {
      "main.tf.json": tfDoc(
        requiredAzurerm("~> 3.100"),
        vnet("hub", ["10.0.0.0/16"]),
        subnet("s", "hub", "default", [], { address_prefixes: undefined, address_prefix: "10.0.1.0/24" }),
        suppressions({ path: "azurerm_subnet.s", ruleId: "Input.UnknownArgument", reason }),
      ),
    });
    const r = await cli(["check", "--strict", dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `[azurerm_subnet.s] warning, suppressed (${reason}): Input.UnknownArgument: azurerm_subnet.s sets address_prefix, which azurerm 3.x does not know`,
    );
    expect(r.out).toContain("0 error(s), 0 warning(s), 1 suppressed, 0 not verifiable");
  });

  test("a suppression of Suppression.UnknownRule is that error: exit 1", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "suppressions.tf.json": suppressions({
        path: TAGS,
        ruleId: "Suppression.UnknownRule",
        reason: REASON,
      }),
    });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `[${TAGS}] error: Suppression.UnknownRule: suppression of Suppression.UnknownRule at ${TAGS} is not applied: Suppression.UnknownRule reports a suppression that hides nothing (a typo), and is never itself suppressed, since that would hide the typo again; reason given: "${REASON}". Fix: Remove this suppression, and correct or remove each suppression a Suppression.UnknownRule error names.`,
    );
  });

  test("a cdktf.out whose app suppressed Input.Unread with ConnectivitySuppressions: --strict exits 0, as the strict synth passes", async () => {
    const outdir = path.join(tmpdir(), "cdktf.out");
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const hub = new VirtualNetwork(stack, "hub", {
      name: "hub",
      resourceGroupName: RG,
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const late = new Subnet(stack, "late", {
      name: "late",
      resourceGroupName: RG,
      virtualNetworkName: hub.name,
      addressPrefixes: ["10.0.1.0/24"],
      count: Fn.lengthOf(hub.id) as unknown as number,
    });
    ConnectivitySuppressions.add(late, { ruleId: "Input.Unread", reason: REASON });
    app.synth();
    const r = await cli(["check", "--strict", outdir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `[net/late] error, suppressed (${REASON}): Input.Unread: not verifiable (strict): azurerm_subnet.late was not checked: its count (\${length(azurerm_virtual_network.hub.id)}) is not known`,
    );
    expect(r.out).toContain("0 error(s), 0 warning(s), 1 suppressed, 0 not verifiable");
  });
});

describe("check: a cdktf.out, an argument not evaluated under its resource's construct", () => {
  test("a suppression on the resource's construct covers it: --strict exits 0, as the strict synth passes", async () => {
    const outdir = path.join(tmpdir(), "cdktf.out");
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const hub = new VirtualNetwork(stack, "hub", {
      name: "hub",
      resourceGroupName: RG,
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      tags: { created: Fn.timestamp() },
    });
    ConnectivitySuppressions.add(hub, { ruleId: "Input.Unread", reason: REASON });
    app.synth();
    // Was exit 1 on "[net/azurerm_virtual_network.hub.tags] error: Input.Unread: ...": the argument
    // was reported beside the construct net/hub, not under it.
    const r = await cli(["check", "--strict", outdir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`[net/hub/tags] error, suppressed (${REASON}): ${STRICT_LINE}`);
    expect(r.out).toContain("0 error(s), 0 warning(s), 1 suppressed, 0 not verifiable");
  });
});

/** HCL of two networks whose tags use a function the evaluator does not implement (Input.Unread each). */
const TWO_HCL = `${HCL}
resource "azurerm_virtual_network" "spoke" {
  name                = "spoke"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ["10.1.0.0/16"]
  tags                = { created = timestamp() }
}
`;
const SPOKE_TAGS = "azurerm_virtual_network.spoke.tags";
const SPOKE_WHAT = `${SPOKE_TAGS} is not understood: the function timestamp is not supported`;
const SPOKE_LINE = `Input.Unread: not verifiable (strict): ${SPOKE_WHAT}. Fix: ${UNREAD_FIX}`;
const SPOKE_REASON = "The spoke's tags carry a timestamp too; no policy reads them (OPS-8).";

describe("check: the metadata of every .tf.json file of a folder", () => {
  test("two .tf.json files beside HCL, each suppressing one network's tags: --strict exits 0, both suppressed", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": TWO_HCL,
      "hub.tf.json": suppressions({ path: TAGS, ruleId: "Input.Unread", reason: REASON }),
      "spoke.tf.json": suppressions({ path: SPOKE_TAGS, ruleId: "Input.Unread", reason: SPOKE_REASON }),
    });
    // Was exit 1: only hub.tf.json's "//" was read, so "[azurerm_virtual_network.spoke.tags] error:
    // Input.Unread: not verifiable (strict): ..." failed the check, the suppression beside it unread.
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(0);
    expect(strict.out.split("\n")).toEqual([
      `[${TAGS}] error, suppressed (${REASON}): ${STRICT_LINE}`,
      `[${SPOKE_TAGS}] error, suppressed (${SPOKE_REASON}): ${SPOKE_LINE}`,
      "Read 1 configuration(s): 1 module instance(s), 2 resource block(s), 2 instance(s); 2 not understood.",
      "3 file(s), 1 stack(s): 0 error(s), 0 warning(s), 2 suppressed, 0 not verifiable (--strict: not verifiable fails).",
    ]);
    const json = JSON.parse((await cli(["check", "--strict", "--format", "json", dir])).out);
    expect(json.passed).toBe(true);
    expect(json.findings.map((f: any) => [f.path, f.suppressed, f.suppressionReason])).toEqual([
      [TAGS, true, REASON],
      [SPOKE_TAGS, true, SPOKE_REASON],
    ]);
  });

  test("an override file's suppressions are read too", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "override.tf.json": suppressions({ path: TAGS, ruleId: "Input.Unread", reason: REASON }),
    });
    // Was exit 1: the "//" of override files was not read.
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(0);
    expect(strict.out).toContain(`[${TAGS}] error, suppressed (${REASON}): ${STRICT_LINE}`);
    expect(strict.out).toContain("0 error(s), 0 warning(s), 1 suppressed, 0 not verifiable");
  });

  test("a reachability intent in a second .tf.json file is checked: exit 1, never a silent pass", async () => {
    const network = (name: string) => ({
      address: `azurerm_virtual_network.${name}`,
      text: `network ${name}`,
    });
    const dir = writeTree(tmpdir(), {
      "main.tf.json": tfDoc(vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"])),
      "a.tf.json": suppressions(),
      "b.tf.json": {
        "//": {
          [METADATA_KEY]: {
            intents: [
              { kind: "mustReach", path: "azurerm_virtual_network.a", from: network("a"), to: network("b") },
            ],
          },
        },
      },
    });
    // Was exit 0 ("0 error(s)"): b.tf.json's intent was not read, so nothing said it was not checked.
    const r = await cli(["check", "--out", tmpdir(), dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "[azurerm_virtual_network.a] error: Reachability.Intent: network a must reach network b, but they cannot exchange traffic",
    );
    expect(r.out).toContain(
      "3 file(s), 1 stack(s): 1 error(s), 0 warning(s), 0 suppressed, 0 not verifiable.",
    );
  });

  test("what cannot be merged is reported with its file: the package's metadata not an object, another stack name", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "a.tf.json": { "//": { metadata: { stackName: "net" } } },
      "b.tf.json": { "//": { [METADATA_KEY]: "suppress everything", metadata: { stackName: "other" } } },
    });
    const a = path.join(dir, "a.tf.json");
    const b = path.join(dir, "b.tf.json");
    const notObject = `${b}: "//"."${METADATA_KEY}" is the string "suppress everything", not an object of suppressions and intents, so it was not read`;
    const otherStack = `${b}: "//".metadata.stackName names the stack "other", but ${a} names it "net"; the folder was read as stack "net"`;
    // Was: the tags' Input.Unread only; b.tf.json's "//" was not read, and nothing said so.
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(
      `[b.tf.json] error: Input.Unread: not verifiable (strict): ${notObject}. Fix: ${UNREAD_FIX}`,
    );
    expect(strict.out).toContain(
      `[b.tf.json] error: Input.Unread: not verifiable (strict): ${otherStack}. Fix: ${UNREAD_FIX}`,
    );
    const json = JSON.parse((await cli(["check", "--format", "json", dir])).out);
    expect(json.unverifiable).toEqual([
      { ruleId: "Input.Unread", path: TAGS, what: TAGS_WHAT },
      { ruleId: "Input.Unread", path: "b.tf.json", what: notObject },
      { ruleId: "Input.Unread", path: "b.tf.json", what: otherStack },
    ]);
    expect(json.coverage.notUnderstood).toEqual(
      expect.arrayContaining([
        { path: "b.tf.json", what: notObject },
        { path: "b.tf.json", what: otherStack },
      ]),
    );
  });
});

describe("check: a suppression on a Terraform address covers what is inside it", () => {
  /** A network `name` whose tags use a function the evaluator does not implement. */
  const network = (name: string) => HCL.replace(/"hub"/g, `"${name}"`);
  const line = (address: string, suppressed?: string) =>
    `[${address}.tags] error${suppressed ? `, suppressed (${suppressed})` : ""}: Input.Unread: not verifiable (strict): ${address}.tags is not understood: the function timestamp is not supported. Fix: ${UNREAD_FIX}`;

  test("on a resource: its arguments, never another resource whose name starts the same", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": `${network("hub")}\n${network("hub2")}`,
      "suppressions.tf.json": suppressions({
        path: "azurerm_virtual_network.hub",
        ruleId: "Input.Unread",
        reason: REASON,
      }),
    });
    // Was exit 1 with both lines unsuppressed: `azurerm_virtual_network.hub` covered only what is
    // under it by `/` or `[`, not its argument `.tags`.
    const r = await cli(["check", "--strict", dir]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toEqual([
      line("azurerm_virtual_network.hub", REASON),
      line("azurerm_virtual_network.hub2"),
      "Read 1 configuration(s): 1 module instance(s), 2 resource block(s), 2 instance(s); 2 not understood.",
      "2 file(s), 1 stack(s): 1 error(s), 0 warning(s), 1 suppressed, 0 not verifiable (--strict: not verifiable fails).",
    ]);
    const json = JSON.parse((await cli(["check", "--strict", "--format", "json", dir])).out);
    expect(json.findings.map((f: any) => [f.path, f.suppressed, f.suppressionReason])).toEqual([
      ["azurerm_virtual_network.hub.tags", true, REASON],
      ["azurerm_virtual_network.hub2.tags", false, undefined],
    ]);
  });

  test("a resource type alone is not a resource: it covers none of that type", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": HCL,
      "suppressions.tf.json": suppressions({
        path: "azurerm_virtual_network",
        ruleId: "Input.Unread",
        reason: REASON,
      }),
    });
    const r = await cli(["check", "--strict", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(line("azurerm_virtual_network.hub"));
  });

  test("on a module call: what the module holds, never another call whose name starts the same", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": `module "x" {\n  source = "./net"\n}\n\nmodule "xy" {\n  source = "./net"\n}\n`,
      "net/main.tf": HCL,
      "suppressions.tf.json": suppressions({ path: "module.x", ruleId: "Input.Unread", reason: REASON }),
    });
    // Was exit 1 with both lines unsuppressed: `module.x` did not cover `module.x.azurerm_...`.
    const r = await cli(["check", "--strict", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(line("module.x.azurerm_virtual_network.hub", REASON));
    expect(r.out).toContain(line("module.xy.azurerm_virtual_network.hub"));
    expect(r.out).toContain("1 error(s), 0 warning(s), 1 suppressed, 0 not verifiable");
  });
});

describe("check: the package's metadata in a called module's files", () => {
  test("is not read there, and says so with the file: --strict exits 1, never a silent pass", async () => {
    const network = (name: string) => ({
      address: `azurerm_virtual_network.${name}`,
      text: `network ${name}`,
    });
    const dir = writeTree(tmpdir(), {
      "main.tf": `module "x" {\n  source = "./net"\n}\n`,
      "net/main.tf.json": tfDoc(vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"])),
      "net/intents.tf.json": {
        "//": {
          [METADATA_KEY]: {
            intents: [
              { kind: "mustReach", path: "azurerm_virtual_network.a", from: network("a"), to: network("b") },
            ],
          },
        },
      },
    });
    const what = `${path.join(dir, "net", "intents.tf.json")}: the suppressions and intents of "//"."${METADATA_KEY}" are read in the root module's files only, not in a called module's, so these were not read (no suppression applied, no intent checked); write them in a .tf.json file of the root module, with the paths the report gives`;
    // Was exit 0, strict or not, on "0 error(s), 0 warning(s), 0 suppressed, 0 not verifiable": the
    // module's intent was never checked, and nothing said so.
    const strict = await cli(["check", "--strict", "--out", tmpdir(), dir]);
    expect(strict.code).toBe(1);
    expect(strict.out.split("\n")).toEqual([
      `[module.x.intents.tf.json] error: Input.Unread: not verifiable (strict): ${what}. Fix: ${UNREAD_FIX}`,
      "Read 1 configuration(s): 2 module instance(s), 2 resource block(s), 2 instance(s); 1 not understood.",
      "3 file(s), 1 stack(s): 1 error(s), 0 warning(s), 0 suppressed, 0 not verifiable (--strict: not verifiable fails).",
    ]);
    const lax = JSON.parse((await cli(["check", "--format", "json", "--out", tmpdir(), dir])).out);
    expect(lax.unverifiable).toEqual([{ ruleId: "Input.Unread", path: "module.x.intents.tf.json", what }]);
  });
});
