/**
 * Intents over groups apart (`ReachabilityIntents.groupsApart`): recorded once with their members, every
 * cross-group pair checked, the pairs that do not hold reported and listed, those that hold counted.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Vnet } from "../../../constructs/vnet";
import { VnetPeering } from "../../../constructs/vnet-peering";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/aspect";
import { ReachabilityIntents } from "../../../authoring/intents";
import { ALL_RULES, REACHABILITY_RULES } from "../../../policies/rules";
import { checkTerraform } from "../../../policies/check-terraform";
import { check } from "../../../policies/pipeline";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { reachabilityTexts } from "../../../policies/reachability/outputs";
import { diffSnapshots, snapshotOfMatrix, snapshotOfModel } from "../../../policies/reachability/diff";
import { ReachabilityMatrix } from "../../../policies/reachability/matrix";
import { readStackMetadata } from "../../../core/metadata";

let app: App;
let stack: TerraformStack;

beforeEach(() => {
  app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-groups-")) });
  stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
});

function vnet(id: string, space: string): Vnet {
  return new Vnet(stack, id, {
    name: `vnet-${id}`,
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: [space],
  });
}

/** A hub peered with `prod` spokes and `test` spokes (peering is not transitive: they stay apart). */
function hubAndSpokes(prod: number, test: number): { hub: Vnet; prod: Vnet[]; test: Vnet[] } {
  const hub = vnet("hub", "10.0.0.0/16");
  const make = (env: string, n: number, base: number) =>
    Array.from({ length: n }, (_, i) => {
      const v = vnet(`${env}${i}`, `10.${base + i}.0.0/16`);
      new VnetPeering(stack, `hub-${env}${i}`, { local: hub, remote: v });
      return v;
    });
  return { hub, prod: make("prod", prod, 1), test: make("test", test, 100) };
}

function intentsJson(): any[] {
  return (stack.toTerraform() as any)["//"]["cdktf-azure-connectivity"].intents;
}

function modelOf() {
  const docs = [{ stack: "net", doc: stack.toTerraform() }];
  return check(docs, ALL_RULES);
}

describe("ReachabilityIntents.groupsApart", () => {
  it("records one intent with its members, however many pairs they make", () => {
    const { prod, test } = hubAndSpokes(30, 30);
    const apart = ReachabilityIntents.groupsApart(stack, "production and test stay apart");
    for (const v of prod) apart.add("prod", v);
    for (const v of test) apart.add("test", v);
    const intents = intentsJson();
    // 900 pairs, one entry: its size grows with the 60 members, not with the pairs.
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      kind: "groupsApart",
      path: "net",
      reason: "production and test stay apart",
      groups: [
        { name: "prod", members: expect.any(Array) },
        { name: "test", members: expect.any(Array) },
      ],
    });
    expect(intents[0].groups[0].members).toHaveLength(30);
    expect(intents[0].groups[0].members[0]).toEqual({
      path: "net/prod0",
      address: expect.stringMatching(/^azurerm_virtual_network\.prod0_[0-9A-F]{8}$/),
      stack: "net",
      text: "network vnet-prod0",
    });
    expect(readStackMetadata(stack.toTerraform(), "net").value.intentGroups).toHaveLength(1);

    const { model, report } = modelOf();
    expect(report.findings).toEqual([]);
    const [g] = analyzeReachability(model).intentGroups;
    expect(g).toMatchObject({
      text: "groups prod and test must not reach each other (production and test stay apart)",
      groups: [
        { name: "prod", members: 30, ids: expect.any(Array) },
        { name: "test", members: 30, ids: expect.any(Array) },
      ],
      pairs: 900,
      holding: 900,
      notFound: [],
      inSeveralGroups: [],
      notHolding: [],
    });
  });

  it("refuses an end in two groups, an end twice, a group without a name and an end that is not a network or site", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    const apart = ReachabilityIntents.groupsApart(stack).add("prod", a).add("test", b);
    expect(() => apart.add("test", a)).toThrow(
      "[net] reachability intent over groups: network vnet-a is already in group 'prod'; a network or site belongs to one group, once.",
    );
    expect(() => apart.add("prod", a)).toThrow("network vnet-a is already in group 'prod'");
    expect(() => apart.add(" ", b)).toThrow("a group's name must not be empty");
    const subnet = new Subnet(stack, "sn", {
      name: "app",
      resourceGroupName: "rg",
      virtualNetworkName: "vnet-a",
      addressPrefixes: ["10.1.0.0/24"],
    });
    expect(() => apart.add("dev", subnet)).toThrow(
      "[net] reachability intent: `member of group 'dev'` (net/sn) is a azurerm_subnet",
    );
  });
});

describe("Reachability.Intent over groups", () => {
  it("fails each pair of different groups that can exchange traffic, at the scope that declared the groups", () => {
    const { prod, test } = hubAndSpokes(2, 2);
    new VnetPeering(stack, "shortcut", { local: prod[1], remote: test[0] });
    ReachabilityIntents.groupsApart(stack, "production and test stay apart")
      .add("prod", ...prod)
      .add("test", ...test);
    const findings = new ConnectivityPolicies({ rules: REACHABILITY_RULES }).check(app).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "Reachability.Intent", severity: "error", path: "net" });
    expect(findings[0].message).toBe(
      "Reachability.Intent: network vnet-prod1 must not reach network vnet-test0 (production and test stay apart (prod and test)), but they can exchange traffic: " +
        "network vnet-prod1 -> network vnet-test0 by peering (net/shortcut/LocalToRemote, net/shortcut/RemoteToLocal). " +
        "Fix: Remove the peering between network vnet-prod1 and network vnet-test0 (net/shortcut/LocalToRemote, net/shortcut/RemoteToLocal).",
    );
    applyConnectivityPolicies(app, { rules: REACHABILITY_RULES, reachability: false });
    expect(() => app.synth()).toThrow("network vnet-prod1 must not reach network vnet-test0");
  });

  it("an end that is not in the app fails, naming the closest; a pair it cannot decide is a warning, an error with strict", () => {
    const { prod } = hubAndSpokes(1, 0);
    const ext = Vnet.fromId(stack, "ext", {
      vnetId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/shared-test",
    });
    // One-sided, to a network this app does not create: whether it carries traffic is not known.
    new VnetPeering(stack, "prod-ext", { local: prod[0], remote: ext, createReverse: false });
    ReachabilityIntents.groupsApart(stack)
      .add("prod", prod[0])
      .add("test", ext)
      .add(
        "test",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-prod-0",
      );
    const findings = new ConnectivityPolicies({ rules: REACHABILITY_RULES }).check(app).findings;
    expect(findings.map((f) => [f.severity, f.message.split(": ").slice(0, 2).join(": ")])).toEqual([
      [
        "error",
        'Reachability.Intent: intent "groups prod and test must not reach each other" cannot be checked',
      ],
      [
        "warning",
        'Reachability.Intent: intent "network vnet-prod0 must not reach network shared-test (groups prod and test apart)" cannot be decided before apply',
      ],
    ]);
    expect(findings[0].message).toContain(
      "network vnet-prod-0 (/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-prod-0) is not a network or site of the app; the closest are network vnet-prod0 (net/prod0/Resource)",
    );
    expect(findings[0].values).toMatchObject({ kind: "groupsApart", status: "not-found" });
    expect(findings[1].values).toMatchObject({ status: "unknown", code: "managed-elsewhere" });
    const strict = new ConnectivityPolicies({ rules: REACHABILITY_RULES, strict: true }).check(app);
    expect(strict.findings.map((f) => f.severity)).toEqual(["error", "error"]);
  });

  it("reads a pair the same way whatever order the groups were declared in", () => {
    const { prod, test } = hubAndSpokes(1, 1);
    new VnetPeering(stack, "shortcut", { local: prod[0], remote: test[0] });
    ReachabilityIntents.groupsApart(stack, "apart").add("test", test[0]).add("prod", prod[0]);
    const [f] = new ConnectivityPolicies({ rules: REACHABILITY_RULES }).check(app).findings;
    expect(f.message).toContain(
      "network vnet-prod0 must not reach network vnet-test0 (apart (prod and test)), but they can exchange traffic",
    );
  });

  it("a network in two groups (its construct and its raw resource) is an error, never skipped", () => {
    const { prod } = hubAndSpokes(1, 0);
    ReachabilityIntents.groupsApart(stack).add("prod", prod[0]).add("test", prod[0].resource);
    const findings = new ConnectivityPolicies({ rules: REACHABILITY_RULES }).check(app).findings;
    expect(findings.map((f) => [f.severity, f.path, f.message])).toEqual([
      [
        "error",
        "net",
        'Reachability.Intent: intent "groups prod and test must not reach each other" cannot hold: network vnet-prod0 is a member of groups prod and test (two of its ends name the same network), and a network or site reaches itself. Fix: Put network vnet-prod0 in one group only.',
      ],
    ]);
    const { model, report } = modelOf();
    expect(
      JSON.parse(reachabilityTexts(model, report.findings).json).intentGroups[0].inSeveralGroups,
    ).toEqual(["network:vnet-prod0"]);
  });

  it("never takes one open pair for another that reads alike (two networks of one name)", () => {
    const where = { resourceGroupName: "rg-a", location: "westeurope" };
    const shopA = new Vnet(stack, "shop-a", { ...where, name: "vnet-shop", addressSpace: ["10.1.0.0/16"] });
    const shopB = new Vnet(stack, "shop-b", {
      ...where,
      resourceGroupName: "rg-b",
      name: "vnet-shop",
      addressSpace: ["10.2.0.0/16"],
    });
    const crm = new Vnet(stack, "crm", { ...where, name: "vnet-crm", addressSpace: ["10.3.0.0/16"] });
    new VnetPeering(stack, "a-crm", { local: shopA, remote: crm });
    ReachabilityIntents.groupsApart(stack).add("prod", shopA, shopB).add("test", crm);
    ReachabilityIntents.mustReach(stack, shopB, crm, "the shop calls the crm");
    const findings = new ConnectivityPolicies({ rules: ALL_RULES }).check(app).findings;
    const mustReach = findings.find((f) => f.message.includes("must reach network vnet-crm"))!;
    // Peering the second vnet-shop with vnet-crm would open a second prod-test pair: not offered.
    expect(mustReach.values).toMatchObject({ fixChecked: "no" });
    expect(mustReach.fix).toContain(
      'intent "network vnet-shop must not reach network vnet-crm" would no longer hold',
    );
  });

  it("is read from raw Terraform JSON, and a malformed intent over groups is reported as not read", () => {
    const net = (name: string, space: string) => ({
      name,
      resource_group_name: "rg",
      location: "westeurope",
      address_space: [space],
    });
    const peering = (name: string, from: string, to: string) => ({
      name,
      resource_group_name: "rg",
      virtual_network_name: `\${azurerm_virtual_network.${from}.name}`,
      remote_virtual_network_id: `\${azurerm_virtual_network.${to}.id}`,
    });
    const member = (n: string) => ({ address: `azurerm_virtual_network.${n}`, text: `network ${n}` });
    const doc = (groups: unknown) => ({
      "//": {
        "cdktf-azure-connectivity": {
          intents: [{ kind: "groupsApart", path: "platform", groups, reason: "apart" }],
        },
      },
      resource: {
        azurerm_virtual_network: { a: net("a", "10.1.0.0/16"), b: net("b", "10.2.0.0/16") },
        azurerm_virtual_network_peering: { ab: peering("ab", "a", "b"), ba: peering("ba", "b", "a") },
      },
    });
    const findings = checkTerraform(
      doc([
        { name: "x", members: [member("a")] },
        { name: "y", members: [member("b")] },
      ]),
    );
    expect(findings.filter((f) => f.ruleId === "Reachability.Intent").map((f) => f.message)).toEqual([
      expect.stringContaining(
        "Reachability.Intent: network a must not reach network b (apart (x and y)), but they can exchange traffic",
      ),
    ]);
    const passing = doc([
      { name: "x", members: [member("a")] },
      { name: "y", members: [] },
    ]);
    expect(checkTerraform(passing).filter((f) => f.ruleId === "Reachability.Intent")).toEqual([]);
    // A member that is not an end: the whole intent is not used, and the report says so (strict fails).
    const malformed = doc([{ name: "x", members: [member("a"), { path: 7 }] }]);
    const strict = checkTerraform(malformed, { strict: true });
    expect(strict.map((f) => f.message)).toContainEqual(
      expect.stringContaining(
        "a reachability intent over groups of the package's metadata is malformed and was not checked",
      ),
    );
  });

  it("never offers a fix that would make a pair of an intent over groups reach across", () => {
    const { prod, test } = hubAndSpokes(1, 1);
    ReachabilityIntents.groupsApart(stack).add("prod", prod[0]).add("test", test[0]);
    // Contradicts the groups: the only changes that satisfy it join prod and test.
    ReachabilityIntents.mustReach(stack, prod[0], test[0], "the release job copies to test");
    const [f] = new ConnectivityPolicies({ rules: ALL_RULES }).check(app).findings;
    expect(f.message).toContain(
      "network vnet-prod0 must reach network vnet-test0 (the release job copies to test), but they cannot exchange traffic",
    );
    expect(f.values).toMatchObject({ fixChecked: "no" });
    expect(f.fix).toBe(
      'No single change does it, because peer network vnet-prod0 and network vnet-test0 (both directions): intent "network vnet-prod0 must not reach network vnet-test0" would no longer hold.',
    );
  });
});

describe("the outputs and the diff of an intent over groups", () => {
  it("count the pairs that hold and list those that do not, in the matrix JSON, the Markdown and the diagram's legend", () => {
    const { prod, test } = hubAndSpokes(3, 2);
    new VnetPeering(stack, "shortcut", { local: prod[2], remote: test[1] });
    ReachabilityIntents.groupsApart(stack, "environments apart")
      .add("prod", ...prod)
      .add("test", ...test);
    const { model, report } = modelOf();
    const t = reachabilityTexts(model, report.findings);
    const m = JSON.parse(t.json);
    expect(m.intentGroups).toEqual([
      {
        path: "net",
        text: "groups prod and test must not reach each other (environments apart)",
        groups: [
          {
            name: "prod",
            members: 3,
            ids: ["network:vnet-prod0", "network:vnet-prod1", "network:vnet-prod2"],
          },
          { name: "test", members: 2, ids: ["network:vnet-test0", "network:vnet-test1"] },
        ],
        pairs: 6,
        holding: 5,
        broken: 1,
        unknown: 0,
        notFound: [],
        inSeveralGroups: [],
      },
    ]);
    expect(m.intents).toEqual([
      expect.objectContaining({
        kind: "mustNotReach",
        text: "network vnet-prod2 must not reach network vnet-test1 (environments apart (prod and test))",
        status: "broken",
        group: "groups prod and test must not reach each other (environments apart)",
        fix: expect.stringContaining("Remove the peering between network vnet-prod2 and network vnet-test1"),
      }),
    ]);
    expect(t.markdown).toContain(
      "- network vnet-prod2 must not reach network vnet-test1 (environments apart (prod and test)): **broken**",
    );
    expect(t.markdown).toContain(
      "- groups prod and test must not reach each other (environments apart): members prod 3, test 2; 5 of 6 pair(s) hold; **1 broken**, 0 unknown (listed above).",
    );
    expect(t.dot).toContain(
      "Intent over groups: groups prod and test must not reach each other (environments apart): pairs 1 broken, 5 met (met ones not drawn)",
    );
    expect(t.mermaid).toContain("Intent over groups: groups prod and test must not reach each other");
  });

  it("diff: a pair that starts to reach across breaks the intent, and holds again once the link is gone", () => {
    const { prod, test } = hubAndSpokes(2, 2);
    ReachabilityIntents.groupsApart(stack)
      .add("prod", ...prod)
      .add("test", ...test);
    const before = modelOf();
    new VnetPeering(stack, "shortcut", { local: prod[0], remote: test[1] });
    const after = modelOf();
    const broke = diffSnapshots(
      snapshotOfModel(before.model, before.report.findings),
      snapshotOfModel(after.model, after.report.findings),
    );
    expect(broke.intentsBroken).toEqual([
      expect.objectContaining({
        text: "network vnet-prod0 must not reach network vnet-test1 (groups prod and test apart)",
        before: "absent",
        after: "broken",
      }),
    ]);
    const healed = diffSnapshots(
      snapshotOfModel(after.model, after.report.findings),
      snapshotOfModel(before.model, before.report.findings),
    );
    expect(healed.intentsBroken).toEqual([]);
    expect(healed.intentsOther).toEqual([]);
    expect(healed.intentsHolding).toEqual([
      expect.objectContaining({
        text: "network vnet-prod0 must not reach network vnet-test1 (groups prod and test apart)",
        before: "broken",
        after: "holds",
      }),
    ]);
    // The same from two saved matrix JSON files (`diff before.json after.json`).
    const saved = (c: ReturnType<typeof modelOf>) =>
      snapshotOfMatrix(JSON.parse(reachabilityTexts(c.model, c.report.findings).json) as ReachabilityMatrix);
    const fromFiles = diffSnapshots(saved(after), saved(before));
    expect(fromFiles.intentsHolding.map((i) => [i.text, i.before, i.after])).toEqual([
      [
        "network vnet-prod0 must not reach network vnet-test1 (groups prod and test apart)",
        "broken",
        "holds",
      ],
    ]);
    expect(diffSnapshots(saved(before), saved(after)).intentsBroken.map((i) => i.after)).toEqual(["broken"]);
  });

  it("diff: a pair whose end leaves the groups is no longer checked, not holding", () => {
    const { prod, test } = hubAndSpokes(1, 2);
    new VnetPeering(stack, "shortcut", { local: prod[0], remote: test[0] });
    ReachabilityIntents.groupsApart(stack)
      .add("prod", prod[0])
      .add("test", ...test);
    const before = modelOf();
    // The same peering, vnet-test0 taken out of the groups (a second app of the same networks).
    app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-groups-")) });
    stack = new TerraformStack(app, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const again = hubAndSpokes(1, 2);
    new VnetPeering(stack, "shortcut", { local: again.prod[0], remote: again.test[0] });
    ReachabilityIntents.groupsApart(stack).add("prod", again.prod[0]).add("test", again.test[1]);
    const after = modelOf();
    const d = diffSnapshots(
      snapshotOfModel(before.model, before.report.findings),
      snapshotOfModel(after.model, after.report.findings),
    );
    expect(d.intentsHolding).toEqual([]);
    expect(d.intentsOther.map((i) => [i.text, i.before, i.after])).toEqual([
      [
        "network vnet-prod0 must not reach network vnet-test0 (groups prod and test apart)",
        "broken",
        "absent",
      ],
    ]);
  });
});
