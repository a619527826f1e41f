/**
 * `cdktf-azure-connectivity diff <before> <after>`: pairs that become reachable or unreachable, intents
 * that start or stop holding, findings added or removed; Markdown and JSON; exit codes 0 (nothing
 * changed), 1 (changed), 3 (an intent broke), 2 (unusable input), 4 (with --strict: a side not read or
 * verified in full). On Terraform folders, on saved matrices, and on the reference app before and after
 * a change; what a side could not read or verify is listed, never compared as if it were.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { diffCommand } from "../../bin/diff";
import { main } from "../../bin/cli";
import { IntentMeta, METADATA_KEY } from "../../core/metadata";
import { applyConnectivityPolicies, Vnet, VnetPeering } from "../../index";
import { buildReferenceApp } from "../../stacks/app";
import { HubSpokePeeringStack } from "../../stacks/hub-spoke-peering";
import { check } from "../../policies/pipeline";
import { analyzeReachability } from "../../policies/reachability";
import { snapshotOfModel } from "../../policies/reachability/diff";
import { allPairs } from "../../policies/reachability/matrix";
import {
  Json,
  connection,
  peering,
  ref,
  routeTable,
  routeTableAssociation,
  stackDoc,
  subnet,
  topology,
  variable,
  vnet,
} from "../../test-utils/terraform";

const { gateway, peer, peerBoth, s2s, site } = topology;

/** A folder of HCL: a main.tf with these lines. */
function hclFolder(...lines: string[]): string {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, "main.tf"), lines.join("\n"));
  return dir;
}

/** An HCL network `name` whose address space is the expression `space`. */
function hclVnet(name: string, space: string): string[] {
  return [
    `resource "azurerm_virtual_network" "${name}" {`,
    `  name = "${name}"`,
    '  resource_group_name = "rg"',
    '  location = "westeurope"',
    `  address_space = [${space}]`,
    "}",
  ];
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-diff-"));
}

/** A folder holding one stack's Terraform JSON, as cdktf.out/stacks/<stack>/cdk.tf.json. */
function folder(doc: Json): string {
  const dir = tmpdir();
  fs.mkdirSync(path.join(dir, "stacks", "net"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "net", "cdk.tf.json"), JSON.stringify(doc));
  return dir;
}

/**
 * The connectivity-reachability.json that `check --reachability` (with `flags`) writes for `dir`, as
 * synth writes it, under a name of its own.
 */
async function savedFrom(dir: string, ...flags: string[]): Promise<string> {
  const out = tmpdir();
  expect(
    await main(["check", ...flags, "--reachability", "--out", out, dir], {
      out: () => undefined,
      err: () => undefined,
    }),
  ).toBeLessThan(2);
  fs.renameSync(path.join(out, "connectivity-reachability.json"), path.join(out, "before.json"));
  return path.join(out, "before.json");
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await diffCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const mustReach: IntentMeta = {
  kind: "mustReach",
  path: "net",
  from: { path: "net/spoke", text: "network spoke" },
  to: { path: "net/onprem", text: "site onprem" },
  reason: "apps call the datacenter",
};

/**
 * The hub and spoke of {@link hubSpoke} with the intent `mustReach`, whose answer cannot be decided at
 * synth: whether the spoke uses the hub's gateway is a variable.
 */
function undecidedDoc(suppressions: Json[] = []): Json {
  return stackDoc(
    "net",
    variable("transit", "bool"),
    vnet("hub", ["10.0.0.0/16"]),
    gateway("hub", "10.0.255.0/27"),
    site("onprem", ["192.168.0.0/16"]),
    s2s("hub", "onprem"),
    vnet("spoke", ["10.1.0.0/16"]),
    peer("spoke", "hub", { use_remote_gateways: "${var.transit}" }),
    peer("hub", "spoke", { allow_gateway_transit: true }),
    { "//": { [METADATA_KEY]: { intents: [mustReach], ...(suppressions.length ? { suppressions } : {}) } } },
  );
}

/** A hub with a site; the spoke uses the hub's gateway when `transit`. */
function hubSpoke(transit: boolean, ...more: Json[]): Json {
  return stackDoc(
    "net",
    vnet("hub", ["10.0.0.0/16"]),
    gateway("hub", "10.0.255.0/27"),
    site("onprem", ["192.168.0.0/16"]),
    s2s("hub", "onprem"),
    vnet("spoke", ["10.1.0.0/16"]),
    peerBoth("spoke", "hub", transit ? { transitVia: "hub" } : {}),
    ...more,
    { "//": { [METADATA_KEY]: { intents: [mustReach] } } },
  );
}

describe("diff of two Terraform folders", () => {
  it("nothing changed: exit 0", async () => {
    const r = await run([folder(hubSpoke(true)), folder(hubSpoke(true))]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("No change");
  });

  it("a new network and peering: the pairs that become reachable, the links added; exit 1", async () => {
    const r = await run([
      folder(hubSpoke(true)),
      folder(hubSpoke(true, vnet("other", ["10.2.0.0/16"]), peerBoth("other", "hub"))),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("### Pairs that become reachable");
    expect(r.out).toContain(
      "- network hub ↔ network other: no → **yes**: network hub -> network other by peering",
    );
    expect(r.out).toContain("- added network other");
    expect(r.out).toContain("- added peering network hub - network other (up)");
  });

  it("gateway transit turned off: the spoke no longer reaches the site, the intent stops holding, its finding is added; exit 3", async () => {
    const r = await run([folder(hubSpoke(true)), folder(hubSpoke(false))]);
    expect(r.code).toBe(3);
    expect(r.out).toContain("**1 intent(s) broken**, 1 pair(s) become unreachable, 1 finding(s) added.");
    expect(r.out).toContain(
      "- network spoke must reach site onprem (apps call the datacenter): holds → **broken**: peering net/spoke-to-hub of network spoke does not set use\\_remote\\_gateways",
    );
    expect(r.out).toContain("- network spoke ↔ site onprem: yes → **no**: peering net/spoke-to-hub");
    expect(r.out).toContain("### Findings added");
    // The other way round the intent starts holding and the finding goes.
    const back = await run([folder(hubSpoke(false)), folder(hubSpoke(true))]);
    expect(back.code).toBe(1);
    expect(back.out).toContain("### Intents that start holding");
    expect(back.out).toContain("### Findings removed");
  });

  it("JSON, for machines", async () => {
    const r = await run(["--format", "json", folder(hubSpoke(true)), folder(hubSpoke(false))]);
    const d = JSON.parse(r.out);
    expect(d).toMatchObject({
      tool: "cdktf-azure-connectivity",
      changed: true,
      pairsCompared: true,
      unreachable: [{ a: "network:spoke", b: "site:onprem", before: "yes", after: "no" }],
      intentsBroken: [{ before: "holds", after: "broken" }],
    });
    expect(d.findingsAdded.map((f: { ruleId: string }) => f.ruleId)).toEqual(["Reachability.Intent"]);
  });

  it("a one-sided peering becomes two-sided: the link's state changes", async () => {
    const before = stackDoc("net", vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peer("a", "b"));
    const after = stackDoc("net", vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peerBoth("a", "b"));
    const r = await run([folder(before), folder(after)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("- peering network a - network b: down → **up**");
    expect(r.out).toContain("### Findings removed");
  });
});

/**
 * The hub and spoke of {@link hubSpoke} without the intent: the spoke uses the hub's gateway (`true`),
 * does not (`false`), or does when the variable `transit` says so (`"var"`: not known at synth). The
 * peering waits for the gateway either way, so the pair is the only thing that changes.
 */
function transitDoc(transit: boolean | "var"): Json {
  const spokeToHub =
    transit === false
      ? {}
      : {
          use_remote_gateways: transit === "var" ? "${var.transit}" : true,
          depends_on: ["azurerm_virtual_network_gateway.gw_hub"],
        };
  return stackDoc(
    "net",
    variable("transit", "bool"),
    vnet("hub", ["10.0.0.0/16"]),
    gateway("hub", "10.0.255.0/27"),
    site("onprem", ["192.168.0.0/16"]),
    s2s("hub", "onprem"),
    vnet("spoke", ["10.1.0.0/16"]),
    peer("spoke", "hub", spokeToHub),
    peer("hub", "spoke", { allow_gateway_transit: true }),
  );
}

describe("a pair whose answer becomes unknown, or is decided: a change of its own kind", () => {
  const UNKNOWN_WHY =
    "whether network spoke uses the gateway of network hub is not known at synth (use\\_remote\\_gateways / allow\\_gateway\\_transit are unknown)";

  it("yes -> unknown: 'become undecidable', with why it cannot be decided; exit 1, never 'No change'", async () => {
    const r = await run([folder(transitDoc(true)), folder(transitDoc("var"))]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("1 pair(s) become undecidable.");
    expect(r.out).toContain("### Pairs that become undecidable");
    expect(r.out).toContain(
      `- network spoke ↔ site onprem: yes → **unknown**: ${UNKNOWN_WHY}; path: network spoke -> gateway gw-hub`,
    );
    expect(r.out).not.toContain("No change");
    const d = JSON.parse(
      (await run(["--format", "json", folder(transitDoc(true)), folder(transitDoc("var"))])).out,
    );
    expect(d).toMatchObject({
      changed: true,
      reachable: [],
      unreachable: [],
      decided: [],
      undecidable: [{ a: "network:spoke", b: "site:onprem", before: "yes", after: "unknown" }],
    });
    expect(d.undecidable[0].why).toMatch(
      /^whether network spoke uses the gateway of network hub is not known at synth/,
    );
  });

  it("no -> unknown is not 'become reachable': it becomes undecidable; exit 1", async () => {
    const r = await run([folder(transitDoc(false)), folder(transitDoc("var"))]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("1 pair(s) become undecidable.");
    expect(r.out).toContain(`- network spoke ↔ site onprem: no → **unknown**: ${UNKNOWN_WHY}`);
    expect(r.out).not.toContain("become reachable");
  });

  it("unknown -> yes and unknown -> no: 'now decided', with the path or the reason; exit 1", async () => {
    const yes = await run([folder(transitDoc("var")), folder(transitDoc(true))]);
    expect(yes.code).toBe(1);
    expect(yes.out).toContain("1 pair(s) now decided.");
    expect(yes.out).toContain("### Pairs now decided");
    expect(yes.out).toContain(
      "- network spoke ↔ site onprem: unknown → **yes**: network spoke -> gateway gw-hub",
    );
    const no = await run(["--format", "json", folder(transitDoc("var")), folder(transitDoc(false))]);
    expect(no.code).toBe(1);
    expect(JSON.parse(no.out)).toMatchObject({
      unreachable: [],
      undecidable: [],
      decided: [{ a: "network:spoke", b: "site:onprem", before: "unknown", after: "no" }],
    });
  });
});

describe("an intent whose answer becomes unknown counts as one that stops holding (exit 3)", () => {
  const INTENT = "network spoke must reach site onprem (apps call the datacenter)";

  it("holds -> unknown: it can no longer be shown to hold, exit 3", async () => {
    const r = await run([folder(hubSpoke(true)), folder(undecidedDoc())]);
    expect(r.code).toBe(3);
    expect(r.out).toContain("**1 intent(s) no longer shown to hold**");
    expect(r.out).toContain("### Intents that stop holding");
    expect(r.out).toContain(
      `- ${INTENT}: holds → **unknown**: whether network spoke uses the gateway of network hub`,
    );
  });

  it("unknown -> broken: it is now shown not to hold, exit 3 (it was 'other intent changes', exit 1); unknown -> holds and broken -> unknown, exit 1", async () => {
    const r = await run([folder(undecidedDoc()), folder(hubSpoke(false))]);
    expect(r.code).toBe(3);
    expect(r.out).toContain("**1 intent(s) broken**");
    expect(r.out).toContain(`- ${INTENT}: unknown → **broken**`);
    expect(r.out).not.toContain("### Other intent changes");
    expect((await run([folder(undecidedDoc()), folder(hubSpoke(true))])).code).toBe(1);
    const back = await run([folder(hubSpoke(false)), folder(undecidedDoc())]);
    expect(back.code).toBe(1);
    expect(back.out).toContain("### Other intent changes");
    expect(back.out).toContain(`- ${INTENT}: broken → **unknown**`);
  });
});

/**
 * Stack `net`: networks a and b, not linked, and a route table whose route sends b's traffic from a to
 * an appliance; with `on`, the table is on a's subnet (the pair's answer is then unknown). `extra`:
 * more fragments.
 */
function routedPair(on: boolean, ...extra: Json[]): Json {
  return stackDoc(
    "net",
    vnet("a", ["10.1.0.0/16"]),
    vnet("b", ["10.2.0.0/16"]),
    subnet("sa", "a", "apps", ["10.1.0.0/24"]),
    routeTable("rt", [
      {
        name: "to-b",
        address_prefix: "10.2.0.0/16",
        next_hop_type: "VirtualAppliance",
        next_hop_in_ip_address: "10.1.0.4",
      },
    ]),
    ...(on ? [routeTableAssociation("rta", "sa", "rt")] : []),
    ...extra,
  );
}

describe("above the matrix size limit (100 networks and sites), from the configurations", () => {
  /** `n` networks s0, s1, ... on their own, beside networks a and b. */
  const others = (n: number) => Array.from({ length: n }, (_, i) => vnet(`s${i}`, [`10.${100 + i}.0.0/16`]));
  /** With `on`, a route on network a's subnet sends traffic for network b to an appliance. */
  const routed = (on: boolean, n = 120, routedAll = false) =>
    routedPair(
      on,
      ...others(n),
      // Every network with a routed subnet: too many pairs to work out.
      ...(routedAll
        ? Array.from({ length: n }, (_, i) => [
            subnet(`ss${i}`, `s${i}`, "apps", [`10.${100 + i}.0.0/24`]),
            routeTableAssociation(`rtas${i}`, `ss${i}`, "rt"),
          ]).flat()
        : []),
    );
  /** With `on`, a peering from network a whose remote network is a variable. */
  const unresolved = (on: boolean) =>
    stackDoc(
      "net",
      variable("remote"),
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"]),
      ...(on ? [peering("a-to-x", "a", ref("var.remote"))] : []),
      ...others(120),
    );

  it("a user-defined route makes a pair unknown without a link: the pair becomes undecidable, exit 1 (it was a bare 'No change', exit 0)", async () => {
    const r = await run([folder(routed(false)), folder(routed(true))]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("1 pair(s) become undecidable.");
    expect(r.out).toContain(
      "- network a ↔ network b: no → **unknown**: not connected: no peering, VNet-to-VNet connection or gateway transit joins network a and network b; but route to-b (10.2.0.0/16) on subnet apps of network a sends traffic for network b to a next hop the analysis does not model",
    );
    expect(r.out).not.toContain("No change");
  });

  it("a peering whose remote network is not known at synth: every pair of its network becomes undecidable, exit 1 (it was 'No change in what was read and verified', exit 0)", async () => {
    const r = await run(["--format", "json", folder(unresolved(false)), folder(unresolved(true))]);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out);
    expect(d.changed).toBe(true);
    expect(d.undecidable).toHaveLength(121);
    expect(d.undecidable).toContainEqual(
      expect.objectContaining({
        a: "network:a",
        b: "network:b",
        before: "no",
        after: "unknown",
        why: "peering net/a-to-x: its remote network (${var.remote}) cannot be resolved at synth",
      }),
    );
  });

  it("the pairs compared are those of the full matrix: through peerings, gateways, user-defined routes, and links not resolved at synth (on a network, and on a gateway: its spokes and sites)", () => {
    const doc = stackDoc(
      "net",
      variable("remote"),
      variable("site"),
      vnet("hub", ["10.0.0.0/16"]),
      gateway("hub", "10.0.255.0/27"),
      site("onprem", ["192.168.0.0/16"]),
      site("branch", ["192.169.0.0/16"]),
      s2s("hub", "onprem"),
      // The hub's gateway has a connection to a site not known at synth.
      connection("hub-to-x", "gw_hub", {
        type: "IPsec",
        site: "x",
        extra: { local_network_gateway_id: ref("var.site") },
      }),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("spoke", "hub", { transitVia: "hub" }),
      vnet("a", ["10.2.0.0/16"]),
      peering("a-to-x", "a", ref("var.remote")),
      vnet("b", ["10.3.0.0/16"]),
      subnet("sb", "b", "apps", ["10.3.0.0/24"]),
      routeTable("rt", [
        {
          name: "to-s7",
          address_prefix: "10.107.0.0/16",
          next_hop_type: "VirtualAppliance",
          next_hop_in_ip_address: "10.3.0.4",
        },
      ]),
      routeTableAssociation("rta", "sb", "rt"),
      ...others(100),
    );
    const { model, report } = check([{ stack: "net", doc }]);
    const a = analyzeReachability(model);
    expect(a.entities.length).toBeGreaterThan(100);
    const full = allPairs(a).filter((p) => p.status !== "no");
    const keyOf = (x: string, y: string) => [x, y].sort().join(" ");
    expect(full.filter((p) => p.status === "unknown").length).toBeGreaterThan(200);
    const snapshot = snapshotOfModel(model, report.findings);
    expect(snapshot.pairsOmitted).toBeUndefined();
    expect([...snapshot.pairs!.values()].map((p) => `${keyOf(p.a, p.b)} ${p.status}`).sort()).toEqual(
      full.map((p) => `${keyOf(p.a, p.b)} ${p.status}`).sort(),
    );
  });

  it("too many such pairs to work out: listed as not compared, never a bare 'No change'; 4 with --strict", async () => {
    const many = folder(routed(true, 500, true));
    const r = await run([many, many]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "- **pairs not compared**: the pairs of 501 network(s) and site(s) with user-defined routes or a link not resolved at synth, which may be unknown without a link between them: not worked out for 502 networks and sites (more than 100)",
    );
    expect(r.out).not.toContain("No change: every pair");
    expect(r.out).toContain("No change in what was read and verified");
    expect((await run(["--strict", many, many])).code).toBe(4);
    const d = JSON.parse((await run(["--format", "json", many, many])).out);
    expect(d.allChecked).toBe(false);
    expect(d.notChecked.after.pairsNotCompared).toMatch(/^the pairs of 501 network\(s\)/);
  });
});

describe("diff of saved matrices", () => {
  const saved = (doc: Json) => savedFrom(folder(doc));

  it("gives the same answer as the folders they were written from, and may be mixed with a folder", async () => {
    const a = hubSpoke(true);
    const b = hubSpoke(false);
    const fromFolders = await run(["--format", "json", folder(a), folder(b)]);
    const fromSaved = await run(["--format", "json", await saved(a), await saved(b)]);
    const mixed = await run(["--format", "json", await saved(a), folder(b)]);
    expect(fromSaved.code).toBe(3);
    expect(JSON.parse(fromSaved.out)).toEqual(JSON.parse(fromFolders.out));
    expect(JSON.parse(mixed.out)).toEqual(JSON.parse(fromFolders.out));
  });

  it("carries what a saved matrix records as undecided: an intent whose answer is unknown is listed, and --strict exits 4", async () => {
    const before = await saved(hubSpoke(true));
    const after = await saved(undecidedDoc());
    const r = await run([before, after]);
    expect(r.out).toContain("**Not everything was read or verified** (after)");
    expect(r.out).toContain(
      "- net: **cannot be decided**: network spoke must reach site onprem (apps call the datacenter)",
    );
    expect((await run(["--strict", before, after])).code).toBe(4);
    const d = JSON.parse((await run(["--format", "json", before, after])).out);
    expect(d.allChecked).toBe(false);
    expect(d.notChecked.after.intentsUndecided).toEqual([
      expect.objectContaining({
        path: "net",
        text: "network spoke must reach site onprem (apps call the datacenter)",
        suppressed: false,
      }),
    ]);
    // A matrix with nothing undecided passes --strict, as before.
    expect((await run(["--strict", before, before])).code).toBe(0);
  });

  it("a matrix in its summary form has no pairs: links, intents and findings are compared, its pairs are listed as not compared (--strict: 4)", async () => {
    const many = (n: number) => {
      const fragments: Json[] = [];
      for (let i = 0; i < n; i++)
        fragments.push(vnet(`s${i}`, [`10.${100 + i}.0.0/16`]), peerBoth(`s${i}`, "hub"));
      return fragments;
    };
    const before = await saved(hubSpoke(true, ...many(100)));
    const r = await run([before, await saved(hubSpoke(true, ...many(101)))]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("_Pairs not compared: a saved matrix in its summary form lists no pairs");
    expect(r.out).toContain("- added network s100");
    // The same matrix on both sides: its pairs were not compared, so never "every pair is as before".
    const same = await run([before, before]);
    expect(same.code).toBe(0);
    expect(same.out).toContain("**Not everything was read or verified** (before and after)");
    expect(same.out).toContain(
      "- **pairs not compared**: a saved matrix in its summary form (more than 100 networks and sites) lists no pairs; compare the configurations (cdktf.out folders) for pairs",
    );
    expect(same.out).not.toContain("No change: every pair");
    expect(same.out).toContain("No change in what was read and verified");
    expect((await run(["--strict", before, before])).code).toBe(4);
  });
});

describe("what a side could not read or verify: listed per side, never a bare 'No change'", () => {
  const clean = () => hclFolder(...hclVnet("a", '"10.0.0.0/16"'), ...hclVnet("b", '"10.1.0.0/16"'));
  /** Network a's address space comes from a local calling a function the tool does not know. */
  const unknownFunction = () =>
    hclFolder(
      "locals {",
      '  space = frobnicate("10.0.0.0/16")',
      "}",
      ...hclVnet("a", "local.space"),
      ...hclVnet("b", '"10.1.0.0/16"'),
    );
  /** A module whose source folder does not exist, and one more network. */
  const missingModule = () =>
    hclFolder(
      'module "net" {',
      '  source = "./missing"',
      "}",
      ...hclVnet("a", '"10.0.0.0/16"'),
      ...hclVnet("b", '"10.1.0.0/16"'),
      ...hclVnet("c", '"10.2.0.0/16"'),
    );

  it("an address space from a function the tool does not know: the after side names it, before the verdict; exit 0, and 4 with --strict", async () => {
    const r = await run([clean(), unknownFunction()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("**Not everything was read or verified** (after)");
    expect(r.out).toContain("### Not read or not verified: after");
    expect(r.out).not.toContain("### Not read or not verified: before");
    // An expression the evaluator cannot evaluate is not read (Input.Unread): --strict fails on it.
    expect(r.out).toContain(
      '- local.space: **not read** (Input.Unread): local.space = frobnicate("10.0.0.0/16") cannot be evaluated: the function frobnicate is not supported; its value is unknown',
    );
    expect(r.out).toContain(
      "- azurerm\\_virtual\\_network.a: **not verified** (AddressSpace.Reserved): whether the address space of network a is valid",
    );
    // Never the bare verdict: what was not read may have changed.
    expect(r.out).not.toContain("No change: every pair");
    expect(r.out).toContain("No change in what was read and verified");
    expect(r.out.indexOf("### Not read or not verified: after")).toBeLessThan(r.out.indexOf("No change in"));
    const strict = await run(["--strict", clean(), unknownFunction()]);
    expect(strict.code).toBe(4);
    expect(strict.out).toContain("--strict: exit 4");
    expect(strict.out).toContain("local.space: **not read** (Input.Unread)");
  });

  it("the same incomplete folder on both sides: both sides listed, nothing said to be unchanged unqualified", async () => {
    const r = await run([unknownFunction(), unknownFunction()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("**Not everything was read or verified** (before and after)");
    expect(r.out).toContain("### Not read or not verified: before");
    expect(r.out).toContain("### Not read or not verified: after");
    expect(r.out).not.toContain("No change: every pair");
  });

  it("a module whose source cannot be read: the JSON carries it per side; exit 1 (something changed), 4 with --strict", async () => {
    const r = await run(["--format", "json", clean(), missingModule()]);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out);
    expect(d).toMatchObject({ changed: true, allChecked: false, entitiesAdded: ["network:c"] });
    expect(d.notChecked.before).toEqual({
      notVerifiable: [],
      notUnderstood: [],
      intentsUndecided: [],
      pairsUndecided: [],
    });
    expect(d.notChecked.after.notVerifiable).toEqual([
      {
        ruleId: "Input.Unread",
        path: "module.net",
        what: expect.stringContaining("module.net (local module ./missing) was not read"),
        suppressed: false,
      },
    ]);
    // Listed once: what was not read is not also listed as not understood.
    expect(d.notChecked.after.notUnderstood).toEqual([]);
    const md = await run([clean(), missingModule()]);
    expect(md.out).toContain(
      "- module.net: **not read** (Input.Unread): module.net (local module ./missing) was not read",
    );
    expect((await run(["--strict", "--format", "json", clean(), missingModule()])).code).toBe(4);
    // Whichever side it is on.
    expect((await run(["--strict", missingModule(), clean()])).code).toBe(4);
  });

  it("an intent that cannot be decided before apply, on both sides: listed, 4 with --strict; a suppression with a reason passes --strict, as it does for check --strict", async () => {
    const undecided = (suppressions: Json[] = []) => folder(undecidedDoc(suppressions));
    const r = await run([undecided(), undecided()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "- net: **cannot be decided**: network spoke must reach site onprem (apps call the datacenter): whether network spoke uses the gateway of network hub is not known at synth",
    );
    expect(r.out).toContain("- net/spoke-to-hub: **not verified** (Peering.GatewayTransit)");
    expect((await run(["--strict", undecided(), undecided()])).code).toBe(4);
    const accepted = [{ ruleId: "*", path: "net", reason: "decided after apply by the network team" }];
    const suppressed = await run(["--strict", undecided(accepted), undecided(accepted)]);
    expect(suppressed.code).toBe(0);
    // Still listed, marked: a suppression accepts it, it does not make it read.
    expect(suppressed.out).toContain("**Not everything was read or verified** (before and after)");
    expect(suppressed.out).toContain("(suppressed: decided after apply by the network team)");
  });

  it("a saved matrix records what its check could not verify or read (notChecked): two saved matrices list it as the folders do, and --strict exits 4 (they read a bare 'No change', exit 0)", async () => {
    const [unknownDir, missingDir] = [unknownFunction(), missingModule()];
    const before = await savedFrom(unknownDir);
    const after = await savedFrom(missingDir);
    const m = JSON.parse(fs.readFileSync(after, "utf8"));
    expect(m.notChecked.notVerifiable).toContainEqual(
      expect.objectContaining({ ruleId: "Input.Unread", path: "module.net", suppressed: false }),
    );
    const same = await run([before, before]);
    expect(same.code).toBe(0);
    expect(same.out).toContain("**Not everything was read or verified** (before and after)");
    expect(same.out).toContain("local.space: **not read** (Input.Unread)");
    expect(same.out).not.toContain("No change: every pair");
    expect((await run(["--strict", before, before])).code).toBe(4);
    // What the matrices say is what their folders say.
    const fromSaved = JSON.parse((await run(["--format", "json", before, after])).out);
    const fromFolders = JSON.parse((await run(["--format", "json", unknownDir, missingDir])).out);
    expect(fromSaved.notChecked).toEqual(fromFolders.notChecked);
    expect(fromSaved.allChecked).toBe(false);
    // A clean configuration's matrix records that nothing was left unchecked: --strict passes.
    const clean1 = await savedFrom(clean());
    expect(JSON.parse(fs.readFileSync(clean1, "utf8")).notChecked).toEqual({
      notVerifiable: [],
      notUnderstood: [],
      intentsUndecided: [],
      pairsUndecided: [],
    });
    expect(await run(["--strict", clean1, clean1])).toMatchObject({
      code: 0,
      out: expect.stringContaining("No change: every pair, intent, finding and link is as before."),
    });
  });

  it("a matrix from check --strict records its checks not verifiable (error findings there) once", async () => {
    const strictSaved = await savedFrom(unknownFunction(), "--strict");
    const m = JSON.parse(fs.readFileSync(strictSaved, "utf8"));
    expect(m.notChecked.notVerifiable).toContainEqual(
      expect.objectContaining({ ruleId: "Input.Unread", path: "local.space", suppressed: false }),
    );
    const r = await run([strictSaved, strictSaved]);
    expect(r.out.split("local.space: **not read** (Input.Unread)").length - 1).toBe(2);
    expect((await run(["--strict", strictSaved, strictSaved])).code).toBe(4);
  });

  it("a saved matrix written before notChecked was recorded: 'not known whether everything was checked', never a bare 'No change'; 4 with --strict", async () => {
    const old = await savedFrom(clean());
    const doc = JSON.parse(fs.readFileSync(old, "utf8"));
    delete doc.notChecked;
    fs.writeFileSync(old, JSON.stringify(doc));
    const r = await run([old, old]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "- **not known whether everything was checked**: this saved matrix does not record what its check could not verify or read (written by an earlier version); write it again with this version, or diff the configurations",
    );
    expect(r.out).not.toContain("No change: every pair");
    expect(r.out).toContain("No change in what was read and verified");
    expect((await run(["--strict", old, old])).code).toBe(4);
    const d = JSON.parse((await run(["--format", "json", old, clean()])).out);
    expect(d.allChecked).toBe(false);
    expect(d.notChecked.before.notRecorded).toBe(true);
    expect(d.notChecked.after.notRecorded).toBeUndefined();
  });

  it("a pair accepted by a suppression stays accepted in the saved matrix: --strict passes on the matrices as on the folders", async () => {
    const accepted = [{ ruleId: "*", path: "net", reason: "decided after apply by the network team" }];
    const m = await savedFrom(folder(undecidedDoc(accepted)));
    const doc = JSON.parse(fs.readFileSync(m, "utf8"));
    expect(doc.notChecked.pairsUndecided).toEqual([
      expect.objectContaining({
        a: "network:spoke",
        b: "site:onprem",
        suppressed: true,
        suppressionReason: "decided after apply by the network team",
      }),
    ]);
    expect((await run(["--strict", m, m])).code).toBe(0);
    expect((await run(["--strict", await savedFrom(folder(undecidedDoc())), m])).code).toBe(4);
  });

  it("a pair read in full is as before: no list, the bare verdict, exit 0 with --strict; the JSON says everything was checked", async () => {
    const r = await run(["--strict", clean(), clean()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("No change: every pair, intent, finding and link is as before.");
    expect(r.out).not.toContain("Not read");
    const d = JSON.parse((await run(["--format", "json", clean(), clean()])).out);
    expect(d).toMatchObject({ changed: false, allChecked: true });
    const empty = {
      notVerifiable: [],
      notUnderstood: [],
      intentsUndecided: [],
      pairsUndecided: [],
    };
    expect(d.notChecked).toEqual({ before: empty, after: empty });
  });
});

describe("a pair whose answer is unknown: listed per side as not decided, and --strict fails on it", () => {
  const routed = (on: boolean, suppressions: Json[] = []) =>
    routedPair(on, ...(suppressions.length ? [{ "//": { [METADATA_KEY]: { suppressions } } }] : []));
  const WHY =
    "not connected: no peering, VNet-to-VNet connection or gateway transit joins network a and network b; but route to-b (10.2.0.0/16) on subnet apps of network a sends traffic for network b to a next hop the analysis does not model";

  it("the same unknown pair on both sides (no check unverified, no intent): listed on both sides, never a bare 'No change'; exit 0, and 4 with --strict", async () => {
    const r = await run([folder(routed(true)), folder(routed(true))]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("**Not everything was read or verified** (before and after)");
    expect(r.out).toContain(`- network a ↔ network b: **cannot be decided**: ${WHY.replace(/_/g, "\\_")}`);
    expect(r.out).not.toContain("No change: every pair");
    expect(r.out).toContain("No change in what was read and verified");
    const strict = await run(["--strict", folder(routed(true)), folder(routed(true))]);
    expect(strict.code).toBe(4);
    expect(strict.out).toContain("(--strict: exit 4)");
    const d = JSON.parse((await run(["--format", "json", folder(routed(false)), folder(routed(true))])).out);
    expect(d.allChecked).toBe(false);
    expect(d.notChecked.before.pairsUndecided).toEqual([]);
    expect(d.notChecked.after.pairsUndecided).toEqual([
      { a: "network:a", b: "network:b", reason: WHY, suppressed: false },
    ]);
    // Whichever side it is on.
    expect((await run(["--strict", folder(routed(true)), folder(routed(false))])).code).toBe(4);
  });

  it("from saved matrices too: --strict exits 4", async () => {
    const out = tmpdir();
    await main(["check", "--reachability", "--out", out, folder(routed(true))], {
      out: () => undefined,
      err: () => undefined,
    });
    const saved = path.join(out, "connectivity-reachability.json");
    expect((await run(["--strict", saved, saved])).code).toBe(4);
    expect((await run([saved, saved])).out).toContain("- network a ↔ network b: **cannot be decided**");
  });

  it("accepted by a suppression of Reachability.Intent (or *) whose path covers both ends, with its reason: --strict passes; one that covers one end, or names another rule, does not", async () => {
    const accept = (ruleId: string, at: string) =>
      folder(routed(true, [{ ruleId, path: at, reason: "the firewall decides" }]));
    for (const ruleId of ["Reachability.Intent", "*"]) {
      const r = await run(["--strict", accept(ruleId, "net"), accept(ruleId, "net")]);
      expect(r.code).toBe(0);
      expect(r.out).toContain("**cannot be decided**");
      expect(r.out).toContain("(suppressed: the firewall decides)");
    }
    expect(
      (
        await run([
          "--strict",
          accept("Reachability.Intent", "net/a"),
          accept("Reachability.Intent", "net/a"),
        ])
      ).code,
    ).toBe(4);
    expect(
      (
        await run([
          "--strict",
          accept("AddressSpace.NoOverlap", "net"),
          accept("AddressSpace.NoOverlap", "net"),
        ])
      ).code,
    ).toBe(4);
  });
});

describe("unusable input and help", () => {
  it("exits 2 on a missing path, a JSON file that is not a saved matrix, or one input", async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, "other.json"), JSON.stringify({ hello: 1 }));
    expect((await run([path.join(dir, "nope"), path.join(dir, "nope")])).code).toBe(2);
    expect((await run([path.join(dir, "other.json"), path.join(dir, "other.json")])).err).toContain(
      "not a connectivity-reachability.json written by cdktf-azure-connectivity",
    );
    expect((await run([dir])).code).toBe(2);
    expect((await run(["--format", "xml", dir, dir])).code).toBe(2);
  });

  it("gives --var and --var-file to both sides, as check takes them: an HCL network whose space is a variable", async () => {
    const hcl = (dir: string) => {
      fs.writeFileSync(
        path.join(dir, "main.tf"),
        [
          'variable "space" {}',
          'resource "azurerm_virtual_network" "a" {',
          '  name = "a"',
          '  resource_group_name = "rg"',
          '  location = "westeurope"',
          "  address_space = [var.space]",
          "}",
          'resource "azurerm_virtual_network" "b" {',
          '  name = "b"',
          '  resource_group_name = "rg"',
          '  location = "westeurope"',
          '  address_space = ["10.1.0.0/16"]',
          "}",
        ].join("\n"),
      );
      return dir;
    };
    const before = hcl(tmpdir());
    const after = hcl(tmpdir());
    const r = await run(["--var", "space=10.0.0.0/16", "--format", "json", before, after]);
    expect(r.code).toBe(0);
    expect((await run(["--var"])).code).toBe(2);
    expect((await run(["--var-file", path.join(before, "missing.tfvars"), before, after])).code).toBe(2);
    // TF_VAR_<name> from the environment too, as check reads it: both sides verified, --strict passes.
    const viaEnv = async (env: Record<string, string>) => {
      const out: string[] = [];
      const code = await diffCommand(["--strict", "--format", "json", before, after], {
        out: (l) => out.push(l),
        err: () => undefined,
        env,
      });
      return { code, json: JSON.parse(out.join("\n")) };
    };
    expect(await viaEnv({ TF_VAR_space: "10.0.0.0/16" })).toMatchObject({
      code: 0,
      json: { allChecked: true },
    });
    expect(await viaEnv({})).toMatchObject({ code: 4, json: { allChecked: false } });
  });

  it("--help, and the CLI's diff command", async () => {
    expect(await run(["--help"])).toMatchObject({
      code: 0,
      out: expect.stringContaining("Usage: cdktf-azure-connectivity diff"),
    });
    const out: string[] = [];
    expect(await main(["diff", "--help"], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out.join("\n")).toContain(
      "Exit code 0: nothing changed; 1: something changed; 3: an intent stops holding",
    );
    expect(out.join("\n")).toContain("--strict");
    expect(out.join("\n")).toContain("4: with --strict, a side not read or verified in full");
  });
});

describe("the reference app before and after a change", () => {
  function synth(change?: (app: App) => void): string {
    const outdir = tmpdir();
    const app = buildReferenceApp(new App({ outdir }));
    change?.(app);
    applyConnectivityPolicies(app, { reachability: { svg: false } });
    try {
      app.synth();
    } catch {
      // An intent broken by the change fails synth; the matrix is written all the same.
    }
    return outdir;
  }
  const before = synth();

  it("a fourth spoke on the hub of hub-spoke-peering: reachable pairs and links added, exit 1 (from the cdktf.out folders)", async () => {
    const after = synth((app) => {
      const s = app.node.findChild("hub-spoke-peering") as HubSpokePeeringStack;
      const spoke = new Vnet(s, "Spoke4", {
        name: "vnet-spoke4",
        resourceGroupName: "rg-hub-spoke",
        location: "westeurope",
        addressSpace: ["10.4.0.0/16"],
      });
      new VnetPeering(s, "HubToSpoke4", { local: s.hub, remote: spoke });
    });
    const r = await run([before, after]);
    expect(r.code).toBe(1);
    expect(r.out).toMatchSnapshot();
  });

  it("spoke1 peered with spoke2: 'spokes stay apart' stops holding, exit 3 (from the saved matrices: synth failed)", async () => {
    const after = synth((app) => {
      const s = app.node.findChild("hub-spoke-peering") as HubSpokePeeringStack;
      new VnetPeering(s, "Spoke1ToSpoke2", { local: s.spokes[0], remote: s.spokes[1] });
    });
    const r = await run([
      path.join(before, "connectivity-reachability.json"),
      path.join(after, "connectivity-reachability.json"),
    ]);
    expect(r.code).toBe(3);
    expect(r.out).toMatchSnapshot();
  });
});
