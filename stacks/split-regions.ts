import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VnetPeering, VpnGateway } from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/** A region of the split topology: its hub, its branch office and its spokes' address plan. */
export interface SplitRegion {
  /** Azure region, e.g. `westeurope`; also names the region's spoke stack (`split-spokes-<location>`). */
  readonly location: string;
  /** Second octet of the region's 10.x.0.0/16 blocks: the hub is 10.<octet>.0.0/16, spoke i 10.<octet + i>.0.0/16. */
  readonly octet: number;
  /** Address space of the region's branch office (reached site-to-site through the region's hub gateway). */
  readonly branchSpace: string;
  /** Public IPv4 address of the branch office's VPN device. */
  readonly branchDevice: string;
}

/** The regions of the reference set: three hubs, two spokes each. */
export const SPLIT_REGIONS: readonly SplitRegion[] = [
  { location: "westeurope", octet: 200, branchSpace: "192.168.10.0/24", branchDevice: "203.0.113.21" },
  { location: "northeurope", octet: 210, branchSpace: "192.168.20.0/24", branchDevice: "203.0.113.22" },
  { location: "swedencentral", octet: 220, branchSpace: "192.168.30.0/24", branchDevice: "203.0.113.23" },
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

/** A region's hub as the connectivity stack creates it. */
export interface RegionHub {
  readonly region: SplitRegion;
  readonly hub: Vnet;
  readonly gateway: VpnGateway;
}

/**
 * The connectivity stack: per region a hub network with a VPN gateway and a site-to-site connection to
 * the region's branch office, and global peerings between the hubs. It changes rarely and is owned by
 * the platform team; the spoke stacks read its hubs through cdktf cross-stack references (outputs of
 * this stack, read back with `terraform_remote_state`).
 */
export class SplitConnectivityStack extends TerraformStack {
  public readonly hubs: RegionHub[] = [];

  constructor(
    scope: Construct,
    id: string,
    regions: readonly SplitRegion[],
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(scope, id);
    splitBackend(this, env);
    defaultProvider(this);
    for (const region of regions) {
      const rg = resourceGroup(
        this,
        `Rg-${region.location}`,
        `rg-connectivity-${region.location}`,
        region.location,
      );
      const hub = new Vnet(this, `Hub-${region.location}`, {
        name: `vnet-hub-${region.location}`,
        resourceGroupName: rg.name,
        location: rg.location,
        addressSpace: [`10.${region.octet}.0.0/16`],
        subnets: [{ name: "shared", addressPrefixes: [`10.${region.octet}.1.0/24`] }],
      });
      const gateway = new VpnGateway(this, `Gateway-${region.location}`, {
        vnet: hub,
        name: `vgw-hub-${region.location}`,
        gatewaySubnetPrefix: `10.${region.octet}.255.0/27`,
      });
      const branch = new LocalSite(this, `Branch-${region.location}`, {
        name: `lng-branch-${region.location}`,
        resourceGroupName: rg.name,
        location: rg.location,
        gatewayAddress: region.branchDevice,
        addressSpace: [region.branchSpace],
      });
      new SiteToSiteConnection(this, `HubToBranch-${region.location}`, {
        gateway,
        site: branch,
        // The branch's device needs the same key: given at plan as TF_VAR_<location>_branch_shared_key.
        sharedKey: SharedKey.fromVariable(this, `${region.location}_branch_shared_key`, {
          description: `Pre-shared key of the site-to-site connection to the ${region.location} branch`,
        }),
      });
      this.hubs.push({ region, hub, gateway });
    }
    // The hubs peered with each other (global peering), without gateway transit: each hub keeps its own
    // gateway, and peering is not transitive, so spokes of one region do not reach another region.
    for (let i = 0; i < this.hubs.length; i++) {
      for (let j = i + 1; j < this.hubs.length; j++) {
        const [a, b] = [this.hubs[i], this.hubs[j]];
        new VnetPeering(this, `Hubs-${a.region.location}-${b.region.location}`, {
          local: a.hub,
          remote: b.hub,
        });
      }
    }
  }
}

/**
 * The spokes of one region, in their own stack (and state): each spoke network and both directions of
 * its peering with the region's hub, the hub's side allowing gateway transit and the spoke's side using
 * the hub's gateway. The hub's id, name and resource group come from the connectivity stack through
 * cross-stack references, which also make this stack depend on it: `cdktf deploy` creates the hubs and
 * gateways first (Azure refuses `use_remote_gateways` until the hub's gateway exists), then the spoke
 * stacks of all regions in parallel (`--parallelism`). Each region peers with its own hub, so parallel
 * deployments never write to the same hub network.
 */
export class SplitSpokesStack extends TerraformStack {
  public readonly spokes: Vnet[] = [];

  constructor(
    scope: Construct,
    id: string,
    hub: RegionHub,
    spokes: number,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(scope, id);
    splitBackend(this, env);
    defaultProvider(this);
    const { region } = hub;
    const rg = resourceGroup(this, "Rg", `rg-spokes-${region.location}`, region.location);
    for (let i = 1; i <= spokes; i++) {
      const octet = region.octet + i;
      const spoke = new Vnet(this, `Spoke${i}`, {
        name: `vnet-spoke${i}-${region.location}`,
        resourceGroupName: rg.name,
        location: rg.location,
        addressSpace: [`10.${octet}.0.0/16`],
        subnets: [{ name: "workload", addressPrefixes: [`10.${octet}.1.0/24`] }],
      });
      new VnetPeering(this, `HubSpoke${i}`, {
        local: hub.hub,
        remote: spoke,
        localToRemote: { allowGatewayTransit: true },
        remoteToLocal: { useRemoteGateways: true },
      });
      this.spokes.push(spoke);
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
  );
  const spokes = connectivity.hubs.map(
    (hub) =>
      new SplitSpokesStack(
        app,
        `split-spokes-${hub.region.location}`,
        hub,
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
