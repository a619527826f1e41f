import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../policies/aspect";
import { buildModel } from "../../policies/model";
import { analyzeReachability } from "../../policies/reachability/analysis";
import { SPLIT_REGIONS, SplitRegionStacks, addSplitRegionStacks } from "../../stacks/split-regions";
import { referenceAddressRecord } from "../../stacks/common";
import { AllocationRecord } from "../../index";

const REMOTE_STATE = "data.terraform_remote_state.cross-stack-reference-input-split-connectivity.outputs.";

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-split-"));
}

/** Synthesizes the split set with the policies on, as `cdktf synth` does. */
function synthesized(): { app: App; stacks: SplitRegionStacks; dir: string; report: any } {
  const dir = outdir();
  const app = new App({ outdir: dir });
  const stacks = addSplitRegionStacks(app);
  applyConnectivityPolicies(app);
  app.synth();
  const report = JSON.parse(fs.readFileSync(path.join(dir, "connectivity-findings.json"), "utf8"));
  return { app, stacks, dir, report };
}

function written(dir: string, stack: TerraformStack): any {
  return JSON.parse(fs.readFileSync(path.join(dir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
}

const run = synthesized();
const all = [run.stacks.connectivity, ...run.stacks.spokes];

describe("split reference set: a hub-and-spoke spread over a connectivity stack and one spoke stack per region", () => {
  it("synthesizes every stack and passes the policies with nothing unverifiable", () => {
    expect(run.report.findings).toEqual([]);
    expect(run.report.unverifiable).toEqual([]);
    expect(run.report.stacks).toEqual([
      "split-connectivity",
      ...SPLIT_REGIONS.map((r) => `split-spokes-${r.location}`),
    ]);
    for (const stack of all)
      expect(fs.existsSync(path.join(run.dir, "stacks", stack.node.id, "cdk.tf.json"))).toBe(true);
  });

  it("keeps each region's spokes in their own state and reaches the hub through cross-stack references", () => {
    for (const stack of run.stacks.spokes) {
      const doc = written(run.dir, stack);
      expect(doc.terraform.backend.local.path).toBe(`../${stack.node.id}/terraform.${stack.node.id}.tfstate`);
      expect(Object.keys(doc.data.terraform_remote_state)).toEqual([
        "cross-stack-reference-input-split-connectivity",
      ]);
      // No hub, gateway or site in a spoke stack: only the region's spokes and their peerings.
      expect(Object.keys(doc.resource).sort()).toEqual([
        "azurerm_resource_group",
        "azurerm_subnet",
        "azurerm_virtual_network",
        "azurerm_virtual_network_peering",
      ]);
      for (const peering of Object.values<any>(doc.resource.azurerm_virtual_network_peering)) {
        const hubSide = peering.allow_gateway_transit === true;
        const refs = hubSide
          ? [peering.virtual_network_name, peering.resource_group_name]
          : [peering.remote_virtual_network_id];
        for (const ref of refs)
          expect(ref).toMatch(new RegExp(`^\\$\\{${REMOTE_STATE.replace(/\./g, "\\.")}`));
      }
    }
    const hubOutputs = Object.values<any>(written(run.dir, run.stacks.connectivity).output);
    expect(hubOutputs.length).toBe(SPLIT_REGIONS.length * 3);
    expect(hubOutputs.every((o) => o.sensitive === true)).toBe(true);
  });

  it("reads the connectivity stack's local state where that stack writes it (each runs in cdktf.out/stacks/<stack>/)", () => {
    const backend = written(run.dir, run.stacks.connectivity).terraform.backend.local.path;
    const stateFile = path.resolve(run.dir, "stacks", "split-connectivity", backend);
    expect(stateFile).toBe(
      path.join(run.dir, "stacks", "split-connectivity", "terraform.split-connectivity.tfstate"),
    );
    for (const stack of run.stacks.spokes) {
      const remote = written(run.dir, stack).data.terraform_remote_state[
        "cross-stack-reference-input-split-connectivity"
      ];
      expect(remote.backend).toBe("local");
      expect(path.resolve(run.dir, "stacks", stack.node.id, remote.config.path)).toBe(stateFile);
    }
  });

  it("reads the connectivity stack's state from Azure Storage with the azurerm backend", () => {
    const app = new App({ outdir: outdir() });
    const env = {
      CAC_BACKEND: "azurerm",
      CAC_STATE_RESOURCE_GROUP: "rg-tfstate",
      CAC_STATE_STORAGE_ACCOUNT: "sttfstate",
    };
    const stacks = addSplitRegionStacks(app, { env });
    app.synth();
    const doc = written(app.outdir, stacks.spokes[0]);
    expect(doc.data.terraform_remote_state["cross-stack-reference-input-split-connectivity"]).toMatchObject({
      backend: "azurerm",
      config: {
        resource_group_name: "rg-tfstate",
        storage_account_name: "sttfstate",
        container_name: "tfstate",
        key: "cdktf-azure-connectivity/split-connectivity.tfstate",
      },
    });
  });

  it("gives ConnectivityPolicies.check, before any synth, the same resolved cross-stack references", () => {
    const app = new App({ outdir: outdir() });
    addSplitRegionStacks(app);
    const report = new ConnectivityPolicies().check(app);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
  });

  it("lets the spoke stacks deploy in parallel once the connectivity stack is applied", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(run.dir, "manifest.json"), "utf8"));
    expect(manifest.stacks["split-connectivity"].dependencies).toEqual([]);
    for (const r of SPLIT_REGIONS) {
      expect(manifest.stacks[`split-spokes-${r.location}`].dependencies).toEqual(["split-connectivity"]);
    }
  });

  it("gives the policies the whole topology: each spoke reaches its own region's branch through the hub's gateway, not another region's", () => {
    const docs = all.map((s) => ({ stack: s.node.path, doc: written(run.dir, s) }));
    const a = analyzeReachability(buildModel(docs));
    for (const r of SPLIT_REGIONS) {
      for (const other of SPLIT_REGIONS) {
        const pair = a.pair(`network:vnet-spoke1-${r.location}`, `site:lng-branch-${other.location}`);
        expect(pair.status).toBe(r === other ? "yes" : "no");
      }
      expect(a.pair(`network:vnet-spoke1-${r.location}`, `network:vnet-spoke2-${r.location}`).status).toBe(
        "no",
      );
    }
  });

  it("refuses, at construction, a record that would make a hub overlap a spoke of another stack", () => {
    // Northeurope's hub recorded on 10.201.0.0/16, the address space of westeurope's first spoke (in
    // another stack): the pool sees both, whatever stack they are in.
    const record = AllocationRecord.inMemory({
      split: {
        "vnet-hub-northeurope": { space: "10.201.0.0/16" },
        "vnet-spoke1-westeurope": { space: "10.201.0.0/16" },
      },
    });
    const app = new App({ outdir: outdir() });
    expect(() =>
      addSplitRegionStacks(app, { regions: SPLIT_REGIONS.slice(0, 2), spokesPerRegion: 1, record }),
    ).toThrow(
      "[split-connectivity/Network/northeurope/Hub] `addressPool`: 'vnet-hub-northeurope' is recorded in the in-memory record as 10.201.0.0/16, which overlaps 'vnet-spoke1-westeurope' (10.201.0.0/16)",
    );
  });

  it("fails synth on an overlap that only the cross-stack view shows", () => {
    // Westeurope's first spoke (in its own stack) is given northeurope's hub space through the escape
    // hatch; the two hubs are peered, so westeurope's hub would be peered to two overlapping networks.
    const app = new App({ outdir: outdir() });
    const record = AllocationRecord.inMemory({ split: referenceAddressRecord({}).pool("split") });
    const stacks = addSplitRegionStacks(app, {
      regions: SPLIT_REGIONS.slice(0, 2),
      spokesPerRegion: 1,
      record,
    });
    stacks.spokes[0].spokes[0].vnet.resource.addressSpace = ["10.210.0.0/16"];
    applyConnectivityPolicies(app);
    let message = "";
    try {
      app.synth();
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(
      /\[split-spokes-westeurope\/spoke1-westeurope\/HubPeering\/LocalToRemote\] error: AddressSpace\.NoOverlap: network vnet-hub-northeurope \(10\.210\.0\.0\/16\) and network vnet-spoke1-westeurope \(10\.210\.0\.0\/16\)/,
    );
    expect(message).toContain("split-connectivity/Network/Hubs-westeurope-northeurope/LocalToRemote");
  });

  it.each(all.map((s) => [s.node.id, s] as const))("%s matches its reviewed HCL snapshot", (_id, stack) => {
    // After the app's synth, so cross-stack references are rendered as the remote-state reads and outputs
    // Terraform will see (a stack synthesized alone would show the other stack's resource addresses).
    const hcl: string = stack.toHclTerraform().hcl;
    for (const line of hcl.split("\n").filter((l) => l.startsWith("shared_key"))) {
      expect(line).toMatch(/^shared_key = "\$\{var\.[a-z]+_branch_shared_key\}"$/);
    }
    expect(hcl).toMatchSnapshot();
  });
});
