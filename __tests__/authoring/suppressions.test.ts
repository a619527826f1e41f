/**
 * ConnectivitySuppressions (authoring/suppressions.ts) with the ids the engine reports about the input
 * itself: `Input.Unread` (here a count known only after apply, so the subnet is not read) and
 * `Input.UnknownArgument` (an argument azurerm 4.x does not know), at synth, strict and not; an
 * argument that cannot be evaluated is reported under its resource's construct, which a suppression
 * on the construct covers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Fn, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { ConnectivitySuppressions, PolicySuppression } from "../../authoring/suppressions";
import { Vnet } from "../../constructs/vnet";
import { applyConnectivityPolicies } from "../../policies/aspect";

const UNREAD_WHAT =
  "azurerm_subnet.late was not checked: its count (${length(azurerm_virtual_network.hub.id)}) is not known: azurerm_virtual_network.hub.id is known only after apply";
const UNREAD_FIX =
  "Give the checker what the message names (fix the file or the part of the plan, install or point to the module, replace what cannot be evaluated), or suppress Input.Unread for this path with a reason.";
const ARG_MESSAGE =
  "Input.UnknownArgument: azurerm_subnet.legacy sets address_prefix, which azurerm 4.x does not know (removed in azurerm 3.0); terraform plan refuses it";
const UNREAD_REASON = "The subnet count follows the hub; checked in the plan job (NET-88).";
const ARG_REASON = "Kept until the module is moved to address_prefixes (NET-89).";

let saved: string | undefined;
const outdirs: string[] = [];
/** What synth printed on stderr (the summary lines of a synth that passes). */
let stderr: jest.SpyInstance;
beforeAll(() => {
  saved = process.env.CDKTF_AZURE_CONNECTIVITY_SVG;
  process.env.CDKTF_AZURE_CONNECTIVITY_SVG = "off";
});
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  for (const d of outdirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(() => {
  if (saved === undefined) delete process.env.CDKTF_AZURE_CONNECTIVITY_SVG;
  else process.env.CDKTF_AZURE_CONNECTIVITY_SVG = saved;
});

/**
 * An app whose stack `net` has a subnet `late` whose count is known only after apply (Input.Unread at
 * net/late) and a subnet `legacy` setting address_prefix (Input.UnknownArgument at net/legacy), each
 * with the suppressions given.
 */
function app(
  strict: boolean,
  suppress: { late?: PolicySuppression[]; legacy?: PolicySuppression[] } = {},
): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-authoring-"));
  outdirs.push(outdir);
  const a = new App({ outdir });
  const stack = new TerraformStack(a, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const hub = new VirtualNetwork(stack, "hub", {
    name: "hub",
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: ["10.0.0.0/16"],
  });
  const late = new Subnet(stack, "late", {
    name: "late",
    resourceGroupName: "rg",
    virtualNetworkName: hub.name,
    addressPrefixes: ["10.0.1.0/24"],
    count: Fn.lengthOf(hub.id) as unknown as number,
  });
  const legacy = new Subnet(stack, "legacy", {
    name: "legacy",
    resourceGroupName: "rg",
    virtualNetworkName: hub.name,
    addressPrefixes: ["10.0.2.0/24"],
  });
  legacy.addOverride("address_prefix", "10.0.2.0/24");
  if (suppress.late) ConnectivitySuppressions.add(late, ...suppress.late);
  if (suppress.legacy) ConnectivitySuppressions.add(legacy, ...suppress.legacy);
  applyConnectivityPolicies(a, { strict });
  return { app: a, outdir };
}

function synth(a: App): string | undefined {
  try {
    a.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const readReport = (outdir: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));

const SUPPRESSED = {
  late: [{ ruleId: "Input.Unread", reason: UNREAD_REASON }],
  legacy: [{ ruleId: "Input.UnknownArgument", reason: ARG_REASON }],
};

describe("ConnectivitySuppressions of Input.Unread and Input.UnknownArgument", () => {
  it("without them, a strict synth fails on both, the fix of Input.Unread saying to suppress it", () => {
    const { app: a } = app(true);
    const message = synth(a);
    expect(message).toContain(
      "found 1 policy error, 1 warning, 0 not verifiable (strict) in the app (stack net); no stack was written.",
    );
    expect(message).toContain(
      [
        `[net/late] error: Input.Unread: not verifiable (strict): ${UNREAD_WHAT}.`,
        `    values: notVerifiable=${UNREAD_WHAT}`,
        `    Fix: ${UNREAD_FIX}`,
      ].join("\n"),
    );
    expect(message).toContain(`[net/legacy] warning: ${ARG_MESSAGE}`);
  });

  it("a strict synth passes with them: each stays in the report, suppressed, with its reason", () => {
    const { app: a, outdir } = app(true, SUPPRESSED);
    // Was: "[net/late] error: Suppression.UnknownRule: suppression of Input.Unread at net/late names no
    // rule that ran (69 rules), so it hides nothing; ...", and the same for Input.UnknownArgument.
    expect(synth(a)).toBeUndefined();
    expect(fs.existsSync(path.join(outdir, "stacks/net/cdk.tf.json"))).toBe(true);
    const report = readReport(outdir);
    expect(report).toMatchObject({
      passed: true,
      summary: { errors: 0, warnings: 0, suppressed: 2, unverifiable: 0 },
      unverifiable: [],
    });
    expect(report.findings).toEqual([
      {
        ruleId: "Input.Unread",
        severity: "error",
        path: "net/late",
        message: `Input.Unread: not verifiable (strict): ${UNREAD_WHAT}. Fix: ${UNREAD_FIX}`,
        fix: UNREAD_FIX,
        values: { notVerifiable: UNREAD_WHAT },
        suppressed: true,
        suppressionReason: UNREAD_REASON,
      },
      expect.objectContaining({
        ruleId: "Input.UnknownArgument",
        severity: "warning",
        path: "net/legacy",
        message: expect.stringContaining(ARG_MESSAGE),
        suppressed: true,
        suppressionReason: ARG_REASON,
      }),
    ]);
  });

  it("without strict they do not fail synth either; what was not read is still listed as not verifiable", () => {
    const { app: a, outdir } = app(false, SUPPRESSED);
    expect(synth(a)).toBeUndefined();
    const report = readReport(outdir);
    expect(report).toMatchObject({
      passed: true,
      summary: { errors: 0, warnings: 0, suppressed: 1, unverifiable: 1 },
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "Input.UnknownArgument",
        path: "net/legacy",
        suppressed: true,
        suppressionReason: ARG_REASON,
      }),
    ]);
    expect(report.unverifiable).toEqual([{ ruleId: "Input.Unread", path: "net/late", what: UNREAD_WHAT }]);
    expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toContain(
      `cdktf-azure-connectivity: 1 check not verifiable, a value unknown until apply (Input.Unread): see ${outdir}`,
    );
  });

  it("suppress only what is at their construct and under it", () => {
    const { app: a } = app(true, {
      late: [{ ruleId: "Input.UnknownArgument", reason: ARG_REASON }],
      legacy: [{ ruleId: "Input.Unread", reason: UNREAD_REASON }],
    });
    const message = synth(a);
    expect(message).toContain(`[net/late] error: Input.Unread: not verifiable (strict): ${UNREAD_WHAT}.`);
    expect(message).toContain(`[net/legacy] warning: ${ARG_MESSAGE}`);
    expect(message).not.toContain("Suppression.UnknownRule");
  });

  it("a suppression of Suppression.UnknownRule fails synth, saying it is never suppressed", () => {
    const { app: a } = app(false, {
      late: [{ ruleId: "Suppression.UnknownRule", reason: "silence the typo check, please" }],
    });
    expect(synth(a)).toContain(
      '[net/late] error: Suppression.UnknownRule: suppression of Suppression.UnknownRule at net/late is not applied: Suppression.UnknownRule reports a suppression that hides nothing (a typo), and is never itself suppressed, since that would hide the typo again; reason given: "silence the typo check, please".',
    );
  });
});

describe("an argument that cannot be evaluated, at synth: reported under its resource's construct", () => {
  const TAGS_REASON = "The tags carry a timestamp, which no policy reads (OPS-7).";
  const tagsWhat = (address: string) =>
    `${address}.tags is not understood: the function timestamp is not supported`;

  /** A strict app whose stack `network` has a raw network `hub`, and our Vnet `Hub`, tags stamped at apply. */
  function stamped(suppress: (hub: VirtualNetwork, vnet: Vnet) => void): { app: App; outdir: string } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-authoring-"));
    outdirs.push(outdir);
    const a = new App({ outdir });
    const stack = new TerraformStack(a, "network");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const hub = new VirtualNetwork(stack, "hub", {
      name: "hub",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      tags: { created: Fn.timestamp() },
    });
    const vnet = new Vnet(stack, "Hub", {
      name: "vnet-hub",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.1.0.0/16"],
      tags: { created: Fn.timestamp() },
    });
    suppress(hub, vnet);
    applyConnectivityPolicies(a, { strict: true });
    return { app: a, outdir };
  }
  const vnetAddress = (a: App) => {
    const stack = a.node.findChild("network") as TerraformStack;
    const doc = stack.toTerraform() as any;
    const [name] = Object.keys(doc.resource.azurerm_virtual_network).filter((n) => n !== "hub");
    return `azurerm_virtual_network.${name}`;
  };

  it("at the construct path and the argument (network/hub/tags), not at network/azurerm_virtual_network.hub.tags", () => {
    const { app: a } = stamped(() => undefined);
    const address = vnetAddress(a);
    const message = synth(a);
    // Was "[network/azurerm_virtual_network.hub.tags] error: ...", which no suppression on the
    // resource's construct covered.
    expect(message).toContain(
      `[network/hub/tags] error: Input.Unread: not verifiable (strict): ${tagsWhat("azurerm_virtual_network.hub")}.`,
    );
    expect(message).toContain(
      `[network/Hub/Resource/tags] error: Input.Unread: not verifiable (strict): ${tagsWhat(address)}.`,
    );
    expect(message).not.toContain("[network/azurerm_virtual_network.");
  });

  it("a suppression on the resource, or on our construct above it, covers it: the strict synth passes", () => {
    const { app: a, outdir } = stamped((hub, vnet) => {
      ConnectivitySuppressions.add(hub, { ruleId: "Input.Unread", reason: TAGS_REASON });
      ConnectivitySuppressions.add(vnet, { ruleId: "Input.Unread", reason: TAGS_REASON });
    });
    const address = vnetAddress(a);
    expect(synth(a)).toBeUndefined();
    const report = readReport(outdir);
    expect(report).toMatchObject({
      passed: true,
      summary: { errors: 0, warnings: 0, suppressed: 2, unverifiable: 0 },
    });
    expect(report.findings.map((f: any) => [f.path, f.values, f.suppressed, f.suppressionReason])).toEqual([
      ["network/Hub/Resource/tags", { notVerifiable: tagsWhat(address) }, true, TAGS_REASON],
      ["network/hub/tags", { notVerifiable: tagsWhat("azurerm_virtual_network.hub") }, true, TAGS_REASON],
    ]);
  });

  it("a suppression on another construct does not cover it", () => {
    const { app: a } = stamped((hub) => {
      ConnectivitySuppressions.add(hub, { ruleId: "Input.Unread", reason: TAGS_REASON });
    });
    const address = vnetAddress(a);
    const message = synth(a);
    expect(message).toContain(
      `[network/Hub/Resource/tags] error: Input.Unread: not verifiable (strict): ${tagsWhat(address)}.`,
    );
    expect(message).not.toContain("[network/hub/tags] error");
  });
});
