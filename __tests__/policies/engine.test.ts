import { UnusableInputError, checkTerraform, checkTerraformDocuments } from "../../policies/check-terraform";
import { azureEnforces, suppressionOf, SUPPRESSION_UNKNOWN_RULE } from "../../policies/engine";
import { blockingFindings, formatFinding } from "../../policies/finding";
import { jsonReport } from "../../policies/report";
import { Outcome, Rule } from "../../policies/rule";
import { AddressSpaceNoOverlap } from "../../policies/rules/address-space/no-overlap";
import { GatewaySubnetNoNsg } from "../../policies/rules/gateway-subnet/no-nsg";
import { NatUnsupportedConnection } from "../../policies/rules/nat/unsupported-connection";
import {
  Json,
  connection,
  idOf,
  natRule,
  nsg,
  nsgAssociation,
  peering,
  requiredAzurerm,
  stackMeta,
  subnet,
  tfDoc,
  variable,
  vnet,
  vpnGateway,
} from "../../test-utils/terraform";

const HINT = "cdktf-azure-connectivity";

/**
 * The rules these tests are about. Pinned, so that rules added to the default pack later (which
 * may also have something to say about these documents) do not change what is asserted here.
 */
const CORE: Rule[] = [GatewaySubnetNoNsg, AddressSpaceNoOverlap, NatUnsupportedConnection];
const check = (doc: unknown) => checkTerraform(doc, { rules: CORE });

function suppress(...list: { path: string; ruleId: string; reason: unknown }[]): Json {
  return { "//": { [HINT]: { suppressions: list } } };
}

/** GatewaySubnet with an NSG at `net/hub/gateway-subnet-nsg`, and an overlapping peering at `net/hub/peering`. */
function violations(): Json {
  return tfDoc(
    vnet("hub", ["10.0.0.0/16"], {}, "net/hub/vnet"),
    subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"], {}, "net/hub/gateway-subnet"),
    nsg("n"),
    nsgAssociation("a", idOf("azurerm_subnet", "gw"), "n", "net/hub/gateway-subnet-nsg"),
    vnet("spoke", ["10.0.0.0/24"], {}, "net/spoke/vnet"),
    peering("p", "hub", "spoke", {}, "net/hub/peering"),
  );
}

const REASON = "Accepted by the network team until the migration in Q3 (ticket NET-42).";

describe("suppressions", () => {
  test("a suppressed finding stays in the report, marked suppressed, with the reason", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNsg", reason: REASON }),
    );
    const found = check(doc);
    const nsgFinding = found.find((f) => f.ruleId === "GatewaySubnet.NoNsg");
    expect(nsgFinding).toMatchObject({
      path: "net/hub/gateway-subnet-nsg",
      severity: "error",
      suppressed: true,
      suppressionReason: REASON,
    });
    expect(nsgFinding!.message).toContain("GatewaySubnet");
    const other = found.find((f) => f.ruleId === "AddressSpace.NoOverlap");
    expect(other).toMatchObject({ path: "net/hub/peering", suppressed: false });
    expect(other!.suppressionReason).toBeUndefined();
    // Suppressed findings never block; the line printed for them carries the reason.
    expect(blockingFindings(found).map((f) => f.ruleId)).toEqual(["AddressSpace.NoOverlap"]);
    expect(formatFinding(nsgFinding!)).toContain("suppressed");
    expect(formatFinding(nsgFinding!)).toContain(REASON);
  });

  test("a suppressed error of a rule Azure enforces says, on every report line, that Azure will refuse it if right", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNsg", reason: REASON }),
    );
    const found = check(doc);
    const suppressed = found.find((f) => f.ruleId === "GatewaySubnet.NoNsg")!;
    expect(suppressed).toMatchObject({ suppressed: true, azureWillRefuse: true });
    expect(formatFinding(suppressed)).toContain("Azure will refuse it at apply");
    // An unsuppressed finding does not carry it (it blocks anyway).
    const open = found.find((f) => f.ruleId === "AddressSpace.NoOverlap")!;
    expect(open.azureWillRefuse).toBeUndefined();
    expect(formatFinding(open)).not.toContain("Azure will refuse");
  });

  test("a suppressed warning, or a suppressed reachability intent (the app's design), does not say Azure will refuse it", () => {
    expect(azureEnforces("Secret.PlainSharedKey", "warning")).toBe(false);
    expect(azureEnforces("Reachability.Intent", "error")).toBe(false);
    expect(azureEnforces("GatewaySubnet.NoNsg", "error")).toBe(true);
    const warn: Rule = {
      id: "Test.Warn",
      severity: "warning",
      description: "a warning on every peering",
      source: "https://example.com",
      check: (m) => {
        const out = new Outcome();
        for (const p of m.peerings) out.find({ path: p.path, message: "warned.", fix: "none." });
        return out;
      },
    };
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/peering", ruleId: "Test.Warn", reason: REASON }),
    );
    const f = checkTerraform(doc, { rules: [warn] })[0];
    expect(f).toMatchObject({ ruleId: "Test.Warn", suppressed: true });
    expect(f.azureWillRefuse).toBeUndefined();
  });

  test("a suppression naming a rule that did not run is an error (a typo hides nothing), never suppressible", () => {
    const doc = tfDoc(
      violations(),
      suppress(
        { path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNSG", reason: REASON },
        { path: "net/hub", ruleId: "Gateway.NoSuchRule", reason: REASON },
        { path: "net", ruleId: "*", reason: REASON },
      ),
    );
    const found = check(doc);
    const unknown = found.filter((f) => f.ruleId === SUPPRESSION_UNKNOWN_RULE);
    expect(unknown.map((f) => [f.path, f.severity, f.suppressed, f.values])).toEqual([
      ["net/hub", "error", false, { ruleId: "Gateway.NoSuchRule" }],
      ["net/hub/gateway-subnet-nsg", "error", false, { ruleId: "GatewaySubnet.NoNSG" }],
    ]);
    expect(unknown[1].message).toContain("suppression of GatewaySubnet.NoNSG at net/hub/gateway-subnet-nsg");
    expect(unknown[1].fix).toBe("Write the rule id as GatewaySubnet.NoNsg.");
    expect(unknown[0].fix).toContain("rule table");
    // The '*' suppression covers the real findings, not the engine's error.
    expect(blockingFindings(found).map((f) => f.ruleId)).toEqual([
      SUPPRESSION_UNKNOWN_RULE,
      SUPPRESSION_UNKNOWN_RULE,
    ]);
  });

  test("a suppression of a rule that ran but found nothing is fine", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"], {}, "net/hub/vnet"),
      suppress({ path: "net/hub", ruleId: "GatewaySubnet.NoNsg", reason: REASON }),
    );
    expect(check(doc)).toEqual([]);
  });

  test("a suppression on a parent path covers its children", () => {
    const doc = tfDoc(
      violations(),
      suppress(
        { path: "net/hub", ruleId: "GatewaySubnet.NoNsg", reason: REASON },
        { path: "net", ruleId: "AddressSpace.NoOverlap", reason: REASON },
      ),
    );
    const found = check(doc);
    expect(found.map((f) => [f.ruleId, f.path, f.suppressed, f.suppressionReason])).toEqual([
      ["GatewaySubnet.NoNsg", "net/hub/gateway-subnet-nsg", true, REASON],
      ["AddressSpace.NoOverlap", "net/hub/peering", true, REASON],
    ]);
    expect(blockingFindings(found)).toEqual([]);
  });

  test("a path that is only a string prefix (not a parent) does not cover", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hu", ruleId: "GatewaySubnet.NoNsg", reason: REASON }),
    );
    const f = check(doc).find((x) => x.ruleId === "GatewaySubnet.NoNsg");
    expect(f).toMatchObject({ suppressed: false });
  });

  test("a suppression for another rule id does not suppress", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/gateway-subnet-nsg", ruleId: "AddressSpace.NoOverlap", reason: REASON }),
    );
    const f = check(doc).find((x) => x.ruleId === "GatewaySubnet.NoNsg");
    expect(f).toMatchObject({ path: "net/hub/gateway-subnet-nsg", suppressed: false });
    expect(f!.suppressionReason).toBeUndefined();
  });

  test("a suppression for a sibling path does not suppress", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/spoke", ruleId: "AddressSpace.NoOverlap", reason: REASON }),
    );
    const f = check(doc).find((x) => x.ruleId === "AddressSpace.NoOverlap");
    expect(f).toMatchObject({ path: "net/hub/peering", suppressed: false });
  });

  /** Whether a suppression at `at` covers what is reported at `path` (as the engine applies it). */
  const coversPath = (at: string, path: string) =>
    suppressionOf([{ path: at, ruleId: "*", reason: REASON }], "Input.Unread", path) !== undefined;

  test.each([
    ["azurerm_virtual_network.hub", "azurerm_virtual_network.hub.tags"],
    ["azurerm_virtual_network.hub", 'azurerm_virtual_network.hub["a"].tags'],
    ['azurerm_subnet.s["a.b/c"]', 'azurerm_subnet.s["a.b/c"].delegation'],
    ["data.azurerm_virtual_network.hub", "data.azurerm_virtual_network.hub.address_space"],
    ["module.x", "module.x.azurerm_subnet.s"],
    ["module.x", "module.x.azurerm_subnet.s.tags"],
    ["module.x", 'module.x["a"].module.y.azurerm_subnet.s'],
    ["module.x", "module.x.output.ids"],
    ["module.x[0].module.y", "module.x[0].module.y.azurerm_subnet.s"],
    ["module.x.azurerm_subnet.s", "module.x.azurerm_subnet.s.tags"],
    ["net/azurerm_virtual_network.hub", "net/azurerm_virtual_network.hub.tags"],
    ["net/hub", "net/hub/tags"],
  ])("a suppression at %s covers %s", (at, path) => {
    expect(coversPath(at, path)).toBe(true);
  });

  test.each([
    ["azurerm_virtual_network.hub", "azurerm_virtual_network.hub2"],
    ["azurerm_virtual_network.hub", "azurerm_virtual_network.hub2.tags"],
    ["azurerm_virtual_network.hub", "azurerm_virtual_network.hub-b.tags"],
    ["azurerm_virtual_network", "azurerm_virtual_network.hub"],
    ["azurerm_virtual_network", "azurerm_virtual_network.hub.tags"],
    ["data.azurerm_virtual_network", "data.azurerm_virtual_network.hub"],
    ["data", "data.azurerm_virtual_network.hub"],
    ["module", "module.x.azurerm_subnet.s"],
    ["module.x", "module.xy.azurerm_subnet.s"],
    ["module.x.azurerm_subnet", "module.x.azurerm_subnet.s"],
    ["azurerm_virtual_network.hub", "module.m.azurerm_virtual_network.hub.tags"],
    ["net/hub", "net/hub.v2"],
    ["net/hub", "net/hub.tags"],
    ["net", "net.v2/azurerm_virtual_network.hub"],
  ])("a suppression at %s does not cover %s", (at, path) => {
    expect(coversPath(at, path)).toBe(false);
  });

  test("ruleId '*' suppresses every rule under the path", () => {
    const doc = tfDoc(violations(), suppress({ path: "net/hub", ruleId: "*", reason: REASON }));
    const found = check(doc);
    expect(found).toHaveLength(2);
    expect(found.every((f) => f.suppressed && f.suppressionReason === REASON)).toBe(true);
  });

  test("a suppression without a reason is ignored", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNsg", reason: undefined }),
    );
    const f = check(doc).find((x) => x.ruleId === "GatewaySubnet.NoNsg");
    expect(f).toMatchObject({ suppressed: false });
  });

  // The reason is mandatory (design.md, issue 4): a hand-written suppression without one in a .tf.json
  // does not silence the finding for checkTerraform and the CLI either.
  test("a suppression with an empty reason is ignored", () => {
    const doc = tfDoc(
      violations(),
      suppress({ path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNsg", reason: "  " }),
    );
    const f = check(doc).find((x) => x.ruleId === "GatewaySubnet.NoNsg");
    expect(f).toMatchObject({ suppressed: false });
  });

  test("suppressions on plain Terraform addresses (no cdktf metadata)", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("p", "hub", "spoke"),
      suppress({
        path: "azurerm_virtual_network_peering.p",
        ruleId: "AddressSpace.NoOverlap",
        reason: REASON,
      }),
    );
    expect(check(doc)).toEqual([
      expect.objectContaining({
        ruleId: "AddressSpace.NoOverlap",
        path: "azurerm_virtual_network_peering.p",
        suppressed: true,
        suppressionReason: REASON,
      }),
    ]);
  });
});

/**
 * What the engine reports about the input itself, under ids that are not rules': `Input.Unread` (a
 * value it could not evaluate, here a function it does not implement) and `Input.UnknownArgument` (an
 * argument the pinned azurerm 3.x does not know).
 */
describe("suppressions of the engine's own ids", () => {
  const UNREAD_PATH = "azurerm_virtual_network.hub.tags";
  const UNREAD_WHAT = `${UNREAD_PATH} is not understood: the function timestamp is not supported`;
  const UNREAD_FIX =
    "Give the checker what the message names (fix the file or the part of the plan, install or point to the module, replace what cannot be evaluated), or suppress Input.Unread for this path with a reason.";
  const TAGS_REASON = "The tags carry a timestamp; no policy reads the tags (OPS-7).";
  const ARG_REASON = "Removed once the provider is upgraded to 4.x next sprint (NET-51).";

  function input(...suppressions: { path: string; ruleId: string; reason: unknown }[]): Json {
    return tfDoc(
      requiredAzurerm("~> 3.100"),
      vnet("hub", ["10.0.0.0/16"], { tags: { created: "${timestamp()}" } }),
      subnet("s", "hub", "default", [], { address_prefixes: undefined, address_prefix: "10.0.1.0/24" }),
      ...(suppressions.length > 0 ? [suppress(...suppressions)] : []),
    );
  }
  const run = (doc: Json, strict = false) =>
    checkTerraformDocuments([{ stack: "", doc }], { rules: CORE, strict });
  const strictUnread = {
    ruleId: "Input.Unread",
    severity: "error",
    path: UNREAD_PATH,
    message: `Input.Unread: not verifiable (strict): ${UNREAD_WHAT}. Fix: ${UNREAD_FIX}`,
    fix: UNREAD_FIX,
    values: { notVerifiable: UNREAD_WHAT },
  };

  test("without a suppression: Input.Unread fails under strict with the fix that says to suppress it", () => {
    const strict = run(input(), true);
    expect(strict.findings.filter((f) => f.ruleId === "Input.Unread")).toEqual([
      { ...strictUnread, suppressed: false, suppressionReason: undefined },
    ]);
    expect(blockingFindings(strict.findings).map((f) => f.ruleId)).toEqual(["Input.Unread"]);
  });

  test("Input.Unread and Input.UnknownArgument suppress what they name, stay in the report with the reason, and strict passes", () => {
    const doc = input(
      { path: UNREAD_PATH, ruleId: "Input.Unread", reason: TAGS_REASON },
      { path: "azurerm_subnet.s", ruleId: "Input.UnknownArgument", reason: ARG_REASON },
    );
    // Was: each refused as `Suppression.UnknownRule: suppression of Input.Unread at ... names no rule
    // that ran`, an error that failed the check even though the suppression applied.
    const lax = run(doc);
    expect(lax.findings).toEqual([
      {
        ruleId: "Input.UnknownArgument",
        severity: "warning",
        path: "azurerm_subnet.s",
        message:
          "Input.UnknownArgument: azurerm_subnet.s sets address_prefix, which azurerm 3.x does not know (removed in azurerm 3.0); terraform plan refuses it (the configuration pins azurerm ~> 3.100 in required_providers). Fix: Use address_prefixes instead (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/3.0-upgrade-guide).",
        fix: "Use address_prefixes instead (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/3.0-upgrade-guide).",
        values: { argument: "address_prefix", azurerm: "~> 3.100" },
        suppressed: true,
        suppressionReason: ARG_REASON,
      },
    ]);
    // Without strict what was not read fails nothing, suppressed or not: it is listed as not verifiable
    // (as a rule's check not verifiable is), never dropped.
    expect(lax.unverifiable).toEqual([{ ruleId: "Input.Unread", path: UNREAD_PATH, what: UNREAD_WHAT }]);

    const strict = run(doc, true);
    expect(strict.findings).toEqual([
      lax.findings[0],
      { ...strictUnread, suppressed: true, suppressionReason: TAGS_REASON },
    ]);
    expect(strict.unverifiable).toEqual([]);
    expect(blockingFindings(strict.findings)).toEqual([]);
    expect(formatFinding(strict.findings[1])).toBe(
      `[${UNREAD_PATH}] error, suppressed (${TAGS_REASON}): Input.Unread: not verifiable (strict): ${UNREAD_WHAT}. Fix: ${UNREAD_FIX}`,
    );
    expect(jsonReport(strict)).toMatchObject({
      passed: true,
      summary: { errors: 0, warnings: 0, suppressed: 2, unverifiable: 0 },
    });
  });

  test("they cover their path and what is under it only, and a near miss is named", () => {
    const doc = input(
      { path: "azurerm_virtual_network.spoke", ruleId: "Input.Unread", reason: TAGS_REASON },
      { path: "azurerm_subnet.s", ruleId: "Input.UnRead", reason: TAGS_REASON },
    );
    const strict = run(doc, true);
    expect(strict.findings.map((f) => [f.ruleId, f.path, f.suppressed])).toEqual([
      ["Input.UnknownArgument", "azurerm_subnet.s", false],
      [SUPPRESSION_UNKNOWN_RULE, "azurerm_subnet.s", false],
      ["Input.Unread", UNREAD_PATH, false],
    ]);
    expect(strict.findings[1].message).toBe(
      `${SUPPRESSION_UNKNOWN_RULE}: suppression of Input.UnRead at azurerm_subnet.s names no rule that ran (3 rules), so it hides nothing; reason given: "${TAGS_REASON}". Fix: Write the rule id as Input.Unread.`,
    );
    // A suppression on a parent covers them, as it covers a rule's findings.
    const parent = checkTerraformDocuments(
      [{ stack: "network", doc: input({ path: "network", ruleId: "Input.Unread", reason: TAGS_REASON }) }],
      { rules: CORE, strict: true },
    );
    expect(parent.findings.filter((f) => f.ruleId === "Input.Unread")).toEqual([
      expect.objectContaining({
        path: `network/${UNREAD_PATH}`,
        suppressed: true,
        suppressionReason: TAGS_REASON,
      }),
    ]);
  });

  test("Suppression.UnknownRule is never suppressed: a suppression naming it is that error, and the typo stays an error", () => {
    const doc = tfDoc(
      violations(),
      suppress(
        { path: "net/hub/gateway-subnet-nsg", ruleId: "GatewaySubnet.NoNSG", reason: REASON },
        { path: "net/hub", ruleId: SUPPRESSION_UNKNOWN_RULE, reason: REASON },
      ),
    );
    const unknown = check(doc).filter((f) => f.ruleId === SUPPRESSION_UNKNOWN_RULE);
    expect(unknown.map((f) => [f.path, f.severity, f.suppressed, f.values])).toEqual([
      ["net/hub", "error", false, { ruleId: SUPPRESSION_UNKNOWN_RULE }],
      ["net/hub/gateway-subnet-nsg", "error", false, { ruleId: "GatewaySubnet.NoNSG" }],
    ]);
    expect(unknown[0].message).toBe(
      `${SUPPRESSION_UNKNOWN_RULE}: suppression of ${SUPPRESSION_UNKNOWN_RULE} at net/hub is not applied: ${SUPPRESSION_UNKNOWN_RULE} reports a suppression that hides nothing (a typo), and is never itself suppressed, since that would hide the typo again; reason given: "${REASON}". Fix: Remove this suppression, and correct or remove each suppression a ${SUPPRESSION_UNKNOWN_RULE} error names.`,
    );
  });
});

describe("findings: order, de-duplication, shape", () => {
  test("findings are sorted by path, then rule id", () => {
    const doc = tfDoc(
      variable("shared_key"),
      // Declared in an order that is not the sorted one.
      vnet("zeta", ["10.9.0.0/16"], {}, "z/vnet"),
      vnet("alpha", ["10.9.0.0/16"], {}, "a/vnet"),
      peering("z_to_a", "zeta", "alpha", {}, "z/peering"),
      nsg("n"),
      subnet("gw_m", "zeta", "GatewaySubnet", ["10.9.255.0/27"], {}, "m/subnet"),
      nsgAssociation("m", idOf("azurerm_subnet", "gw_m"), "n", "m/nsg"),
      // Same path, two rules: a VNet-to-VNet connection with NAT between overlapping networks.
      vnet("london", ["10.1.0.0/16"]),
      vnet("madrid", ["10.1.0.0/16"]),
      vpnGateway("gw_london", "london", "10.1.255.0/27"),
      vpnGateway("gw_madrid", "madrid", "10.1.255.0/27"),
      natRule("egress", "gw_london", "EgressSnat", "10.1.0.0/16", "100.1.0.0/16"),
      connection("v2v", "gw_london", {
        type: "Vnet2Vnet",
        peer: "gw_madrid",
        egress: ["egress"],
        path: "c/v2v",
      }),
    );
    const found = check(doc);
    expect(found.map((f) => [f.path, f.ruleId])).toEqual([
      ["c/v2v", "AddressSpace.NoOverlap"],
      ["c/v2v", "Nat.UnsupportedConnection"],
      ["m/nsg", "GatewaySubnet.NoNsg"],
      ["z/peering", "AddressSpace.NoOverlap"],
    ]);
  });

  test("every finding has the public shape and its message starts with the rule id and ends with the fix", () => {
    const found = check(violations());
    expect(found.length).toBe(2);
    for (const f of found) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["ruleId", "severity", "path", "message"]));
      expect(f.ruleId).toMatch(/^[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+$/);
      expect(["error", "warning"]).toContain(f.severity);
      expect(f.message.startsWith(`${f.ruleId}: `)).toBe(true);
      expect(f.message.endsWith(`Fix: ${f.fix}`)).toBe(true);
    }
  });

  /** A rule that reports what it is given, to test the engine alone. */
  function fakeRule(id: string, report: (o: Outcome) => void): Rule {
    return {
      id,
      severity: "warning",
      description: "test rule",
      source: "https://example.com",
      check: () => {
        const o = new Outcome();
        report(o);
        return o;
      },
    };
  }

  test("identical findings and unverifiable entries are reported once, sorted", () => {
    const rule = fakeRule("Test.Dup", (o) => {
      o.find({ path: "b", message: "same.", fix: "Do it." });
      o.find({ path: "a", message: "other.", fix: "Do it." });
      o.find({ path: "b", message: "same.", fix: "Do it." });
      o.find({ path: "b", message: "different.", fix: "Do it.", severity: "error" });
      o.cannotVerify("y", "x is unknown");
      o.cannotVerify("x", "x is unknown");
      o.cannotVerify("y", "x is unknown");
    });
    const r = checkTerraformDocuments([{ stack: "", doc: { terraform: {} } }], { rules: [rule] });
    expect(r.findings.map((f) => [f.path, f.severity, f.message])).toEqual([
      ["a", "warning", "Test.Dup: other. Fix: Do it."],
      ["b", "warning", "Test.Dup: same. Fix: Do it."],
      ["b", "error", "Test.Dup: different. Fix: Do it."],
    ]);
    expect(r.unverifiable).toEqual([
      { ruleId: "Test.Dup", path: "x", what: "x is unknown" },
      { ruleId: "Test.Dup", path: "y", what: "x is unknown" },
    ]);
  });

  test("only the rules passed in options run", () => {
    const r = checkTerraformDocuments([{ stack: "", doc: violations() }], { rules: [GatewaySubnetNoNsg] });
    expect(r.findings.map((f) => f.ruleId)).toEqual(["GatewaySubnet.NoNsg"]);
  });

  test("a document's cdktf stack name prefixes plain Terraform addresses", () => {
    const doc = tfDoc(
      stackMeta("network", "local"),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("p", "hub", "spoke"),
    );
    expect(check(doc).map((f) => f.path)).toEqual(["network/azurerm_virtual_network_peering.p"]);
  });

  test("a configuration without resources has no findings; an empty object is not a configuration", () => {
    expect(checkTerraform({ terraform: {} })).toEqual([]);
    expect(checkTerraformDocuments([{ stack: "", doc: { terraform: {} } }])).toMatchObject({
      findings: [],
      unverifiable: [],
      coverage: { resources: 0, instances: 0 },
    });
    expect(() => checkTerraform({})).toThrow(UnusableInputError);
    expect(() => checkTerraform({})).toThrow(/empty JSON object: expected Terraform JSON/);
  });
});

describe("checkTerraform input", () => {
  test.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", '{"resource": {}}'],
    ["a boolean", true],
    ["an array", [{ resource: {} }]],
  ])("throws UnusableInputError on %s", (_what, input) => {
    expect(() => checkTerraform(input)).toThrow(UnusableInputError);
  });

  test("checkTerraformDocuments names the stack whose document is not an object", () => {
    expect(() =>
      checkTerraformDocuments([
        { stack: "good", doc: {} },
        { stack: "bad", doc: [] },
      ]),
    ).toThrow(/stack 'bad'.*an array/);
  });

  test("unexpected shapes inside an object document do not crash", () => {
    const docs: Json[] = [
      { resource: null },
      { resource: "nope" },
      { resource: { azurerm_virtual_network: null } },
      { resource: { azurerm_virtual_network: { hub: null } } },
      { resource: { azurerm_virtual_network: { hub: [] } } },
      { resource: { azurerm_virtual_network_peering: { p: {} } } },
      { resource: { azurerm_virtual_network_gateway_connection: { c: { type: "IPsec" } } } },
      { resource: { azurerm_subnet_network_security_group_association: { a: {} } } },
      { "//": { [HINT]: { suppressions: "nope" } } },
    ];
    for (const doc of docs) expect(() => checkTerraform(doc)).not.toThrow();
  });
});
