import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backgroundRenders, dotHash, svgDotHash } from "../../policies/reachability/svg";
import { App, Aspects, IAspect, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { Vnet } from "../../constructs/vnet";
import { VnetPeering } from "../../constructs/vnet-peering";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../policies/aspect";
import { ConnectivitySuppressions } from "../../authoring/suppressions";
import { ReachabilityIntents } from "../../authoring/intents";
import { checkTerraformDocuments } from "../../policies/check-terraform";
import { Rule } from "../../policies/rule";
import { NetworkM } from "../../policies/model";
import { ALL_RULES } from "../../policies/rules";
import { buildReferenceApp } from "../../stacks/app";

function tmpOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-aspect-"));
}

function stackWithProvider(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

function vnet(
  scope: TerraformStack,
  id: string,
  space: string,
  subnets: { name: string; prefix: string }[] = [],
): Vnet {
  return new Vnet(scope, id, {
    // Azure names a virtual network with 2 to 64 characters.
    name: id.length >= 2 ? id : `vnet-${id}`,
    resourceGroupName: `rg-${id}`,
    location: "westeurope",
    addressSpace: [space],
    subnets: subnets.map((s) => ({ name: s.name, addressPrefixes: [s.prefix] })),
  });
}

/** The message of the error `fn` throws. */
function thrown(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error, none was thrown");
}

function readReport(outdir: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
}

describe("ConnectivityPolicies at synth", () => {
  it("fails app.synth() on overlapping peered VNets built with our constructs, naming rule, path, prefixes and fix", () => {
    const app = new App({ outdir: tmpOutdir() });
    const stack = stackWithProvider(app, "net");
    const a = vnet(stack, "a", "10.0.0.0/16");
    const b = vnet(stack, "b", "10.0.128.0/17");
    new VnetPeering(stack, "a-b", { local: a, remote: b });
    applyConnectivityPolicies(app);
    const message = thrown(() => app.synth());
    expect(message).toContain("1 policy error");
    expect(message).toContain("[net/a-b/");
    expect(message).toContain("AddressSpace.NoOverlap");
    expect(message).toContain("network vnet-a (10.0.0.0/16)");
    expect(message).toContain("network vnet-b (10.0.128.0/17)");
    expect(message).toContain("Fix: Give one of the networks an address space");
  });

  it("fails on raw provider resources too (inline subnet block with security_group on GatewaySubnet)", () => {
    const app = new App({ outdir: tmpOutdir() });
    const stack = stackWithProvider(app, "raw");
    const nsg = new NetworkSecurityGroup(stack, "nsg", {
      name: "nsg-gw",
      resourceGroupName: "rg",
      location: "westeurope",
    });
    new VirtualNetwork(stack, "hub", {
      name: "hub",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnet: [{ name: "GatewaySubnet", addressPrefixes: ["10.0.255.0/27"], securityGroup: nsg.id }],
    });
    applyConnectivityPolicies(app);
    const message = thrown(() => app.synth());
    expect(message).toContain("[raw/hub] error: GatewaySubnet.NoNsg");
    expect(message).toContain("nsg-gw (raw/nsg)");
    expect(message).toContain("Fix: Remove the NSG association from GatewaySubnet");
  });

  it("lists every error of every stack, each once, though the one instance is on every stack", () => {
    const app = new App({ outdir: tmpOutdir() });
    const s1 = stackWithProvider(app, "one");
    const s2 = stackWithProvider(app, "two");
    const hub = vnet(s1, "hub", "10.0.0.0/16", [{ name: "GatewaySubnet", prefix: "10.0.255.0/27" }]);
    const nsg = new NetworkSecurityGroup(s1, "nsg", {
      name: "nsg",
      resourceGroupName: "rg",
      location: "westeurope",
    });
    new SubnetNetworkSecurityGroupAssociation(s1, "gw-nsg", {
      subnetId: hub.subnets.GatewaySubnet.id,
      networkSecurityGroupId: nsg.id,
    });
    // A cross-stack peering: the spoke in stack two, the hub in stack one.
    const spoke = vnet(s2, "spoke", "10.0.64.0/18");
    new VnetPeering(s2, "spoke-hub", { local: spoke, remote: hub });
    const policies = applyConnectivityPolicies(app);
    const message = thrown(() => app.synth());
    expect(message).toContain("2 policy errors");
    expect(message.match(/GatewaySubnet\.NoNsg:/g)).toHaveLength(1);
    expect(message.match(/AddressSpace\.NoOverlap:/g)).toHaveLength(1);
    expect(message).toContain("[one/gw-nsg]");
    expect(message).toContain("[two/spoke-hub/");
    // The same findings as the check without synth.
    expect(policies.check(app).findings.map((f) => f.ruleId)).toEqual([
      "GatewaySubnet.NoNsg",
      "AddressSpace.NoOverlap",
    ]);
  });

  it("passes a valid app and writes the Terraform, and a report that says so", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s1 = stackWithProvider(app, "one");
    const a = vnet(s1, "a", "10.0.0.0/16");
    const b = vnet(s1, "b", "10.1.0.0/16");
    new VnetPeering(s1, "a-b", { local: a, remote: b });
    applyConnectivityPolicies(app);
    app.synth();
    expect(fs.existsSync(path.join(outdir, "stacks/one/cdk.tf.json"))).toBe(true);
    const report = readReport(outdir);
    expect(report.passed).toBe(true);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0, unverifiable: 0 });
  });

  it("leaves nothing deployable after a failed synth: stale stack files of an earlier synth are removed", () => {
    const outdir = tmpOutdir();
    const build = (bad: boolean) => {
      const app = new App({ outdir });
      const s1 = stackWithProvider(app, "one");
      const s2 = stackWithProvider(app, "two");
      const a = vnet(s1, "a", "10.0.0.0/16");
      const b = vnet(s2, "b", bad ? "10.0.1.0/24" : "10.1.0.0/16");
      new VnetPeering(s2, "b-a", { local: b, remote: a });
      applyConnectivityPolicies(app);
      return app;
    };
    build(false).synth();
    const files = ["stacks/one/cdk.tf.json", "stacks/two/cdk.tf.json"].map((f) => path.join(outdir, f));
    files.forEach((f) => expect(fs.existsSync(f)).toBe(true));
    expect(() => build(true).synth()).toThrow(/AddressSpace\.NoOverlap/);
    files.forEach((f) => expect(fs.existsSync(f)).toBe(false));
    const report = readReport(outdir);
    expect(report.passed).toBe(false);
    expect(report.findings[0]).toMatchObject({
      ruleId: "AddressSpace.NoOverlap",
      path: "two/b-a/LocalToRemote",
    });
  });

  it("catches what another aspect adds to a later stack, and still leaves no stack file", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s1 = stackWithProvider(app, "one");
    const s2 = stackWithProvider(app, "two");
    vnet(s1, "a", "10.0.0.0/16");
    const hub = vnet(s2, "hub", "10.1.0.0/16", [{ name: "GatewaySubnet", prefix: "10.1.255.0/27" }]);
    // A team aspect that (wrongly) puts an NSG on every subnet of stack two.
    const addNsgs: IAspect = {
      visit(node: IConstruct) {
        if (node === s2) {
          const nsg = new NetworkSecurityGroup(s2, "team-nsg", {
            name: "team",
            resourceGroupName: "rg",
            location: "westeurope",
          });
          new SubnetNetworkSecurityGroupAssociation(s2, "team-nsg-gw", {
            subnetId: hub.subnets.GatewaySubnet.id,
            networkSecurityGroupId: nsg.id,
          });
        }
      },
    };
    applyConnectivityPolicies(app);
    Aspects.of(s2).add(addNsgs);
    expect(() => app.synth()).toThrow(/\[two\/team-nsg-gw\] error: GatewaySubnet\.NoNsg/);
    expect(fs.existsSync(path.join(outdir, "stacks/one/cdk.tf.json"))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks/two/cdk.tf.json"))).toBe(false);
  });

  it("checks an intent another aspect adds to a later stack, whether or not the stack declared one before", () => {
    // Intents live in a list the stack's overrides hold; the document checked at the first stack must
    // not share it, or the aspect's addition would seem to have been checked already.
    const build = (earlier: boolean) => {
      const app = new App({ outdir: tmpOutdir() });
      const s1 = stackWithProvider(app, "one");
      const s2 = stackWithProvider(app, "two");
      vnet(s1, "x", "10.0.0.0/16");
      const a = vnet(s2, "vnet-a", "10.1.0.0/16");
      const b = vnet(s2, "vnet-b", "10.2.0.0/16");
      if (earlier) ReachabilityIntents.mustNotReach(s2, a, b, "an earlier intent that holds");
      applyConnectivityPolicies(app);
      Aspects.of(s2).add({
        visit: (node: IConstruct) => {
          if (node === s2) ReachabilityIntents.mustReach(s2, a, b, "a must call b");
        },
      });
      return app;
    };
    expect(() => build(false).synth()).toThrow(/Reachability\.Intent/);
    expect(() => build(true).synth()).toThrow(/Reachability\.Intent/);
  });

  it("runs the rules once per synth, not once per construct or per stack", () => {
    let runs = 0;
    const counting: Rule = {
      id: "Test.Count",
      severity: "warning",
      description: "counts runs",
      source: "test",
      check: () => {
        runs++;
        return { findings: [], unverified: [] };
      },
    };
    const app = new App({ outdir: tmpOutdir() });
    for (const id of ["one", "two", "three"]) vnet(stackWithProvider(app, id), `v-${id}`, "10.0.0.0/16");
    applyConnectivityPolicies(app, { rules: [counting] });
    app.synth();
    expect(runs).toBe(1);
    app.synth();
    expect(runs).toBe(2);
  });

  /** A rule that warns about every network, at the path `pathOf` gives. */
  const warnEveryNetwork = (pathOf: (n: NetworkM) => string): Rule => ({
    id: "Test.Warn",
    severity: "warning",
    description: "always warns",
    source: "test",
    check: (m) => ({
      findings: m.networks.map((n) => ({
        path: pathOf(n),
        message: `warned about ${n.label}.`,
        fix: "nothing.",
      })),
      unverified: [],
    }),
  });

  it("reports warnings as annotations without failing synth", () => {
    const warn = warnEveryNetwork((n) => n.path);
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s = stackWithProvider(app, "one");
    const a = vnet(s, "a", "10.0.0.0/16");
    applyConnectivityPolicies(app, { rules: [warn] });
    app.synth();
    const warnings = a.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn"));
    expect(warnings.map((w) => w.data)).toEqual(["Test.Warn: warned about vnet-a. Fix: nothing."]);
    expect(readReport(outdir).summary.warnings).toBe(1);
  });

  it("puts a warning about an argument (a path below the construct) on the construct, not on the stack", () => {
    const warn = warnEveryNetwork((n) => `${n.path}/tags`);
    const app = new App({ outdir: tmpOutdir() });
    const s = stackWithProvider(app, "one");
    const a = vnet(s, "a", "10.0.0.0/16");
    applyConnectivityPolicies(app, { rules: [warn] });
    app.synth();
    const warnedAt = app.node
      .findAll()
      .filter((c) => c.node.metadata.some((m) => m.type === "@cdktf/warn"))
      .map((c) => c.node.path);
    // The finding's path is the resource's (one/a/Resource) plus the argument; the stack had it.
    expect(warnedAt).toEqual([`${a.node.path}/Resource`]);
  });

  it("an aspect added to the App is never run by cdktf 0.21: the reason for applyConnectivityPolicies", () => {
    const app = new App({ outdir: tmpOutdir() });
    const s = stackWithProvider(app, "one");
    new VnetPeering(s, "p", { local: vnet(s, "a", "10.0.0.0/16"), remote: vnet(s, "b", "10.0.0.0/24") });
    Aspects.of(app).add(new ConnectivityPolicies());
    expect(() => app.synth()).not.toThrow();
    applyConnectivityPolicies(app);
    expect(() => app.synth()).toThrow(/AddressSpace\.NoOverlap/);
  });

  it("fails Testing.synth(stack, true) and Testing.fullSynth like app.synth()", () => {
    const app = Testing.app();
    const s = stackWithProvider(app, "one");
    new VnetPeering(s, "p", { local: vnet(s, "a", "10.0.0.0/16"), remote: vnet(s, "b", "10.0.0.0/24") });
    applyConnectivityPolicies(app);
    expect(() => Testing.synth(s)).not.toThrow(); // validations off: cdktf's default for Testing.synth
    expect(() => Testing.synth(s, true)).toThrow(/AddressSpace\.NoOverlap/);
    expect(() => Testing.fullSynth(s)).toThrow(/AddressSpace\.NoOverlap/);
  });

  it("throws when applyConnectivityPolicies is called before any stack exists", () => {
    expect(() => applyConnectivityPolicies(new App({ outdir: tmpOutdir() }))).toThrow(
      /after creating the stacks/,
    );
  });
});

describe("ConnectivitySuppressions", () => {
  function overlapping(): { app: App; peering: VnetPeering; outdir: string } {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s = stackWithProvider(app, "one");
    const peering = new VnetPeering(s, "p", {
      local: vnet(s, "a", "10.0.0.0/16"),
      remote: vnet(s, "b", "10.0.0.0/24"),
    });
    applyConnectivityPolicies(app);
    return { app, peering, outdir };
  }

  it("suppresses a rule for a construct and its children, keeping the finding in the report with the reason", () => {
    const { app, peering, outdir } = overlapping();
    ConnectivitySuppressions.add(peering, {
      ruleId: "AddressSpace.NoOverlap",
      reason: "migration window, CHG-1234, until 2027-01",
    });
    expect(() => app.synth()).not.toThrow();
    const report = readReport(outdir);
    expect(report.summary).toMatchObject({ errors: 0, suppressed: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: "AddressSpace.NoOverlap",
      path: "one/p/LocalToRemote",
      suppressed: true,
      suppressionReason: "migration window, CHG-1234, until 2027-01",
    });
    // Azure enforces the rule: the report says so, and so does a warning on every synth.
    expect(report.findings[0].azureWillRefuse).toBe(true);
    const warned = () =>
      app.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn"))
        .map((m) => String(m.data));
    expect(warned()).toEqual([
      expect.stringMatching(
        /^\[one\/p\/LocalToRemote\] error, suppressed \(migration window, CHG-1234, until 2027-01\): AddressSpace\.NoOverlap: .* Azure will refuse it at apply\.$/,
      ),
    ]);
    app.synth();
    expect(warned()).toHaveLength(2);
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.sarif"), "utf8"));
    expect(sarif.runs[0].results[0].suppressions).toEqual([
      { kind: "inSource", justification: "migration window, CHG-1234, until 2027-01" },
    ]);
  });

  it("does not suppress other rules", () => {
    const { app, peering } = overlapping();
    ConnectivitySuppressions.add(peering, {
      ruleId: "GatewaySubnet.NoNsg",
      reason: "not relevant to this test at all",
    });
    expect(() => app.synth()).toThrow(/AddressSpace\.NoOverlap/);
  });

  it("fails synth on a suppression naming a rule that does not exist (a typo would hide nothing)", () => {
    const { app, peering } = overlapping();
    ConnectivitySuppressions.add(peering, {
      ruleId: "AddressSpace.NoOverlaps",
      reason: "migration window, CHG-1234, until 2027-01",
    });
    expect(() => app.synth()).toThrow(
      /\[one\/p\] error: Suppression\.UnknownRule: suppression of AddressSpace\.NoOverlaps at one\/p names no rule that ran/,
    );
  });

  it("refuses a suppression without a real reason or with a malformed rule id", () => {
    const { peering } = overlapping();
    expect(() =>
      ConnectivitySuppressions.add(peering, { ruleId: "AddressSpace.NoOverlap", reason: " " }),
    ).toThrow(/\[one\/p\] suppressing AddressSpace\.NoOverlap needs a reason of at least 10 characters/);
    expect(() =>
      ConnectivitySuppressions.add(peering, { ruleId: "overlap", reason: "a good long reason" }),
    ).toThrow(/is not a rule id like 'AddressSpace.NoOverlap'/);
  });
});

describe("reports", () => {
  it("writes SARIF 2.1.0 with the rules and one result per finding located at the construct path", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s = stackWithProvider(app, "one");
    new VnetPeering(s, "p", { local: vnet(s, "a", "10.0.0.0/16"), remote: vnet(s, "b", "10.0.0.0/24") });
    applyConnectivityPolicies(app);
    expect(() => app.synth()).toThrow();
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.name).toBe("cdktf-azure-connectivity");
    expect(sarif.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "AddressSpace.NoOverlap",
      level: "error",
      locations: [
        {
          // The output folder is outside the working folder here: an absolute file URI (see report.test.ts).
          physicalLocation: {
            artifactLocation: { uri: expect.stringMatching(/^file:\/\/.*\/stacks\/one\/cdk\.tf\.json$/) },
            region: { startLine: expect.any(Number) },
          },
          logicalLocations: [{ fullyQualifiedName: "one/p/LocalToRemote", kind: "resource" }],
        },
      ],
    });
  });
});

describe("checkTerraform agrees with the aspect", () => {
  it("finds the same findings in the Terraform JSON written without validation", () => {
    const outdir = tmpOutdir();
    const build = (skipValidation: boolean) => {
      const app = new App({ outdir, skipValidation });
      const s1 = stackWithProvider(app, "one");
      const s2 = stackWithProvider(app, "two");
      const hub = vnet(s1, "hub", "10.0.0.0/16", [{ name: "GatewaySubnet", prefix: "10.0.255.0/27" }]);
      const nsg = new NetworkSecurityGroup(s1, "nsg", {
        name: "nsg",
        resourceGroupName: "rg",
        location: "westeurope",
      });
      new SubnetNetworkSecurityGroupAssociation(s1, "gw-nsg", {
        subnetId: hub.subnets.GatewaySubnet.id,
        networkSecurityGroupId: nsg.id,
      });
      new VnetPeering(s2, "p", { local: vnet(s2, "spoke", "10.0.8.0/21"), remote: hub });
      return { app, policies: applyConnectivityPolicies(app) };
    };
    const written = build(true);
    written.app.synth();
    const docs = ["one", "two"].map((stack) => ({
      stack,
      doc: JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")),
    }));
    const fromFiles = checkTerraformDocuments(docs).findings;
    const fromAspect = build(false).policies.check(written.app).findings;
    const strip = (fs2: { ruleId: string; path: string; message: string }[]) =>
      fs2.map(({ ruleId, path: p, message }) => ({ ruleId, path: p, message }));
    expect(fromFiles).toHaveLength(2);
    expect(strip(fromFiles)).toEqual(strip(fromAspect));
  });
});

describe("output formats", () => {
  it("removes a stale file of the other format when a stack passes (cdk.tf.json after an HCL synth, and back)", () => {
    const outdir = tmpOutdir();
    const build = (hclOutput: boolean) => {
      const app = new App({ outdir, hclOutput });
      vnet(stackWithProvider(app, "one"), "a", "10.0.0.0/16");
      applyConnectivityPolicies(app);
      return app;
    };
    const json = path.join(outdir, "stacks/one/cdk.tf.json");
    const hcl = path.join(outdir, "stacks/one/cdk.tf");
    build(false).synth();
    expect([fs.existsSync(json), fs.existsSync(hcl)]).toEqual([true, false]);
    build(true).synth();
    expect([fs.existsSync(json), fs.existsSync(hcl)]).toEqual([false, true]);
    build(false).synth();
    expect([fs.existsSync(json), fs.existsSync(hcl)]).toEqual([true, false]);
  });
});

describe("what is written is what was checked", () => {
  it("writes each stack's Terraform exactly as rendered, once checked", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s1 = stackWithProvider(app, "one");
    const s2 = stackWithProvider(app, "two");
    const hub = vnet(s1, "hub", "10.0.0.0/16");
    new VnetPeering(s2, "p", { local: vnet(s2, "spoke", "10.1.0.0/16"), remote: hub });
    applyConnectivityPolicies(app);
    app.synth();
    for (const s of [s1, s2]) {
      const written = JSON.parse(
        fs.readFileSync(path.join(outdir, "stacks", s.node.id, "cdk.tf.json"), "utf8"),
      );
      expect(written).toEqual(JSON.parse(JSON.stringify(s.toTerraform())));
    }
    // The stacks render normally afterwards (the reuse is one-shot).
    expect(Object.prototype.hasOwnProperty.call(s1, "toTerraform")).toBe(false);
  });

  it("writes the reference app's stack files byte for byte as cdktf writes them without the policies", () => {
    // The policies render each stack without cdktf's last resolve pass when it changes nothing
    // (core/framework.ts renderStack), and cdktf writes that document: the files must not differ.
    const plain = tmpOutdir();
    const checked = tmpOutdir();
    buildReferenceApp(new App({ outdir: plain })).synth();
    const app = buildReferenceApp(new App({ outdir: checked }));
    applyConnectivityPolicies(app, { reachability: false });
    app.synth();
    const ids = fs.readdirSync(path.join(plain, "stacks")).sort();
    expect(ids.length).toBeGreaterThan(5);
    expect(fs.readdirSync(path.join(checked, "stacks")).sort()).toEqual(ids);
    for (const id of ids) {
      const file = path.join("stacks", id, "cdk.tf.json");
      expect(fs.readFileSync(path.join(checked, file), "utf8")).toBe(
        fs.readFileSync(path.join(plain, file), "utf8"),
      );
    }
  });
});

describe("reachability outputs", () => {
  it("writes the matrix, the summary and the diagram (Mermaid, DOT, SVG) on every synth", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    const s = stackWithProvider(app, "one");
    new VnetPeering(s, "p", { local: vnet(s, "a", "10.0.0.0/16"), remote: vnet(s, "b", "10.1.0.0/16") });
    applyConnectivityPolicies(app, { reachability: { svg: true } });
    app.synth();
    const files = fs.readdirSync(outdir).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "connectivity-reachability.json",
        "connectivity-reachability.md",
        "connectivity-topology.dot",
        "connectivity-topology.mmd",
        "connectivity-topology.svg",
      ]),
    );
    const svg = fs.readFileSync(path.join(outdir, "connectivity-topology.svg"), "utf8");
    expect(svg).toContain("<svg");
    expect(svg).toContain("a");
    expect(fs.readFileSync(path.join(outdir, "connectivity-topology.mmd"), "utf8")).toContain("flowchart");
  });

  it("writes none of them with reachability: false", () => {
    const outdir = tmpOutdir();
    const app = new App({ outdir });
    vnet(stackWithProvider(app, "one"), "a", "10.0.0.0/16");
    applyConnectivityPolicies(app, { reachability: false });
    app.synth();
    expect(
      fs.readdirSync(outdir).filter((f) => f.includes("reachability") || f.includes("topology")),
    ).toEqual([]);
  });
});

describe("the topology SVG", () => {
  const build = (outdir: string, space: string, svg: boolean | "background" = true) => {
    const app = new App({ outdir });
    const s = stackWithProvider(app, "one");
    new VnetPeering(s, "p", { local: vnet(s, "a", "10.0.0.0/16"), remote: vnet(s, "b", space) });
    applyConnectivityPolicies(app, { reachability: { svg } });
    return app;
  };

  it("of an unchanged network is kept from the previous synth (its DOT hash matches); a changed network renders anew", () => {
    const outdir = tmpOutdir();
    const svg = path.join(outdir, "connectivity-topology.svg");
    build(outdir, "10.1.0.0/16").synth();
    const first = fs.statSync(svg);
    expect(svgDotHash(fs.readFileSync(svg, "utf8"))).toBe(
      dotHash(fs.readFileSync(path.join(outdir, "connectivity-topology.dot"), "utf8")),
    );
    build(outdir, "10.1.0.0/16").synth();
    const second = fs.statSync(svg);
    expect([second.ino, second.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
    build(outdir, "10.2.0.0/16").synth();
    expect(fs.readFileSync(svg, "utf8")).toContain("10.2.0.0/16");
  });

  it("a planted SVG with a <script> does not survive, even with the right hash", () => {
    const outdir = tmpOutdir();
    const svg = path.join(outdir, "connectivity-topology.svg");
    build(outdir, "10.1.0.0/16").synth();
    const good = fs.readFileSync(svg, "utf8");
    fs.writeFileSync(svg, good.replace("</svg>", '<script>alert("pwned")</script></svg>'));
    build(outdir, "10.1.0.0/16").synth();
    expect(fs.readFileSync(svg, "utf8")).toBe(good);
  });

  it("at synth, by default, is rendered in the background: the stale SVG goes at once, the new one comes when the renderer is done", async () => {
    const outdir = tmpOutdir();
    const svg = path.join(outdir, "connectivity-topology.svg");
    fs.writeFileSync(svg, "<svg>stale</svg>");
    build(outdir, "10.1.0.0/16", "background").synth();
    expect(fs.existsSync(svg)).toBe(false);
    await backgroundRenders();
    const text = fs.readFileSync(svg, "utf8");
    expect(text).toContain("10.1.0.0/16");
    expect(svgDotHash(text)).toBe(
      dotHash(fs.readFileSync(path.join(outdir, "connectivity-topology.dot"), "utf8")),
    );
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("in the background, the renderer starts only once synth has returned, not while it writes the stacks", async () => {
    const outdir = tmpOutdir();
    const spawned: number[] = [];
    // The module object itself (what svg.ts calls spawn on), not an import namespace copy.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const childProcess = require("child_process") as typeof import("child_process");
    const spy = jest.spyOn(childProcess, "spawn");
    spy.mockImplementation(((...a: Parameters<typeof childProcess.spawn>) => {
      spawned.push(Date.now());
      spy.mockRestore();
      return childProcess.spawn(...a);
    }) as typeof childProcess.spawn);
    try {
      build(outdir, "10.3.0.0/16", "background").synth();
      // The stacks are written; Graphviz has not started yet.
      expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(true);
      expect(spawned).toEqual([]);
      await backgroundRenders();
      expect(spawned).toHaveLength(1);
      expect(fs.readFileSync(path.join(outdir, "connectivity-topology.svg"), "utf8")).toContain(
        "10.3.0.0/16",
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe("strict", () => {
  function unknownSpaceApp(outdir: string): App {
    const app = new App({ outdir });
    const stack = stackWithProvider(app, "net");
    const space = new TerraformVariable(stack, "spoke_space", { type: "string" });
    const hub = new VirtualNetwork(stack, "hub", {
      name: "hub",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const spoke = new VirtualNetwork(stack, "spoke", {
      name: "spoke",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: [space.stringValue],
    });
    for (const [id, local, remote] of [
      ["hub-spoke", hub, spoke],
      ["spoke-hub", spoke, hub],
    ] as const) {
      new VirtualNetworkPeering(stack, id, {
        name: id,
        resourceGroupName: "rg",
        virtualNetworkName: local.name,
        remoteVirtualNetworkId: remote.id,
      });
    }
    return app;
  }

  test("without strict, a value unknown at synth is reported and synth passes", () => {
    const app = unknownSpaceApp(tmpOutdir());
    applyConnectivityPolicies(app, { reachability: false });
    expect(() => app.synth()).not.toThrow();
  });

  test("with strict, what could not be verified fails synth like an error finding", () => {
    const outdir = tmpOutdir();
    const app = unknownSpaceApp(outdir);
    applyConnectivityPolicies(app, { reachability: false, strict: true });
    expect(() => app.synth()).toThrow(/AddressSpace\.NoOverlap: not verifiable \(strict\)/);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "connectivity-findings.json"), "utf8"));
    expect(report.passed).toBe(false);
    expect(report.coverage).toMatchObject({
      documents: { configurations: 1 },
      instances: expect.any(Number),
    });
  });
});
