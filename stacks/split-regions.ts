import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import {
  AddressPool,
  AllocationRecord,
  HubAndSpoke,
  HubAndSpokeRegion,
  HubAndSpokeSpoke,
  SharedKey,
} from "../index";
import { configureBackend, defaultProvider, referenceAddressRecord, resourceGroup } from "./common";

/** A region of the split topology: its branch office (its hub and spokes take their addresses from the pool). */
export interface SplitRegion {
  /** Azure region, e.g. `westeurope`; also names the region's spoke stack (`split-spokes-<location>`). */
  readonly location: string;
  /** Address space of the region's branch office (reached site-to-site through the region's hub gateway). */
  readonly branchSpace: string;
  /** Public IPv4 address of the branch office's VPN device. */
  readonly branchDevice: string;
}

/** The regions of the reference set: three hubs, two spokes each. */
export const SPLIT_REGIONS: readonly SplitRegion[] = [
  { location: "westeurope", branchSpace: "192.168.10.0/24", branchDevice: "203.0.113.21" },
  { location: "northeurope", branchSpace: "192.168.20.0/24", branchDevice: "203.0.113.22" },
  { location: "swedencentral", branchSpace: "192.168.30.0/24", branchDevice: "203.0.113.23" },
];

/** Spokes per region in the reference set. */
const SPOKES_PER_REGION = 2;

/**
 * The state backend of a stack of the set. With local state, cdktf runs Terraform in
 * `cdktf.out/stacks/<stack>/` and a cross-stack reference reads the producing stack's state at the path
 * of that stack's backend, from the consuming stack's folder: {@link configureBackend}'s
 * `terraform.<stack>.tfstate` (relative to the producer's own folder) would not be found from there, so
 * the path goes through the parent folder, which names the same file from every stack's folder. The
 * azurerm backend (`CAC_BACKEND=azurerm`) is shared storage and is configured as for the other stacks.
 */
function splitBackend(stack: TerraformStack, env: NodeJS.ProcessEnv): void {
  if ((env.CAC_BACKEND ?? "local").toLowerCase() !== "local") return configureBackend(stack, env);
  const id = stack.node.id;
  new LocalBackend(stack, { path: `../${id}/terraform.${id}.tfstate` });
}

/**
 * The connectivity stack: a HubAndSpoke whose regions each have a hub with a VPN gateway and a
 * site-to-site connection to the region's branch office; the hubs are peered with each other (global
 * peering, without gateway transit: each hub keeps its gateway, and peering is not transitive, so spokes
 * of one region do not reach another region). It changes rarely and is owned by the platform team; the
 * spoke stacks read its hubs through cdktf cross-stack references (outputs of this stack, read back with
 * `terraform_remote_state`).
 */
export class SplitConnectivityStack extends TerraformStack {
  public readonly network: HubAndSpoke;

  constructor(
    scope: Construct,
    id: string,
    regions: readonly SplitRegion[],
    env: NodeJS.ProcessEnv = process.env,
    record: AllocationRecord = referenceAddressRecord(env),
  ) {
    super(scope, id);
    splitBackend(this, env);
    defaultProvider(this);
    const pool = new AddressPool(this, "Addresses", { name: "split", supernets: ["10.192.0.0/10"], record });
    this.network = new HubAndSpoke(this, "Network", {
      pool,
      // Every region gives its own resource group (rg-connectivity-<location>).
      resourceGroupName: "rg-connectivity",
      hubSize: 16,
      spokeSize: 16,
      spokeSubnets: [{ name: "workload", size: 24 }],
    });
    for (const region of regions) {
      const { location } = region;
      const rg = resourceGroup(this, `Rg-${location}`, `rg-connectivity-${location}`, location);
      this.network.addRegion({
        location,
        resourceGroupName: rg.name,
        hub: { subnets: [{ name: "shared", size: 24 }] },
        gateway: {},
        sites: [
          {
            name: `branch-${location}`,
            gatewayAddress: region.branchDevice,
            addressSpace: [region.branchSpace],
            // The branch's device needs the same key: given at plan as TF_VAR_<location>_branch_shared_key.
            sharedKey: SharedKey.fromVariable(this, `${location}_branch_shared_key`, {
              description: `Pre-shared key of the site-to-site connection to the ${location} branch`,
            }),
          },
        ],
      });
    }
  }
}

/**
 * The spokes of one region, in their own stack (and state): each spoke network and both directions of
 * its peering with the region's hub (HubAndSpoke spokes with this stack as their scope). The hub's id,
 * name and resource group come from the connectivity stack through cross-stack references, which also
 * make this stack depend on it (as does the spokes' use of the hub's gateway): `cdktf deploy` creates the
 * hubs and gateways first, then the spoke stacks of all regions in parallel (`--parallelism`). Each
 * region peers with its own hub, so parallel deployments never write to the same hub network.
 */
export class SplitSpokesStack extends TerraformStack {
  public readonly spokes: HubAndSpokeSpoke[] = [];

  constructor(
    scope: Construct,
    id: string,
    region: HubAndSpokeRegion,
    spokes: number,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(scope, id);
    splitBackend(this, env);
    defaultProvider(this);
    const rg = resourceGroup(this, "Rg", `rg-spokes-${region.location}`, region.location);
    for (let i = 1; i <= spokes; i++) {
      this.spokes.push(
        region.addSpoke({ name: `spoke${i}-${region.location}`, scope: this, resourceGroupName: rg.name }),
      );
    }
  }
}

/** Options of {@link addSplitRegionStacks}. */
export interface SplitRegionOptions {
  /**
   * The regions: one hub (in the connectivity stack) and one spoke stack each.
   * @default SPLIT_REGIONS (westeurope, northeurope, swedencentral)
   */
  readonly regions?: readonly SplitRegion[];
  /**
   * Spokes per region.
   * @default 2
   */
  readonly spokesPerRegion?: number;
  /**
   * Environment that chooses the state backend (`CAC_BACKEND`, see stacks/common.ts).
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The address record.
   * @default the reference record, stacks/network-addresses.json
   */
  readonly record?: AllocationRecord;
}

/** The stacks {@link addSplitRegionStacks} added. */
export interface SplitRegionStacks {
  readonly connectivity: SplitConnectivityStack;
  readonly spokes: SplitSpokesStack[];
}

/**
 * Adds the split hub-and-spoke reference set to `app`: one connectivity stack (`split-connectivity`)
 * with a hub, gateway and branch connection per region, and one spoke stack per region
 * (`split-spokes-<location>`), so each Terraform state stays small and the regions deploy in parallel.
 */
export function addSplitRegionStacks(app: App, options: SplitRegionOptions = {}): SplitRegionStacks {
  const env = options.env ?? process.env;
  const connectivity = new SplitConnectivityStack(
    app,
    "split-connectivity",
    options.regions ?? SPLIT_REGIONS,
    env,
    options.record ?? referenceAddressRecord(env),
  );
  const spokes = connectivity.network.regions.map(
    (region) =>
      new SplitSpokesStack(
        app,
        `split-spokes-${region.location}`,
        region,
        options.spokesPerRegion ?? SPOKES_PER_REGION,
        env,
      ),
  );
  // cdktf turns a reference to another stack's resource into an output of that stack and a
  // terraform_remote_state read when it prepares the consuming stack, which `app.synth()` does first.
  // Preparing the spoke stacks now gives code that renders the stacks before synth (`toTerraform()`,
  // `ConnectivityPolicies.check`) the same documents synth writes; synth prepares them again (idempotent).
  for (const stack of spokes) stack.prepareStack();
  return { connectivity, spokes };
}
