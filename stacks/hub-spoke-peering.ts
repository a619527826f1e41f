import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { ReachabilityIntents, Vnet, VnetPeering } from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/**
 * Seed 003: a hub network peered with three spokes (both directions each). Peering is not
 * transitive, so the spokes reach the hub but not each other.
 */
export class HubSpokePeeringStack extends TerraformStack {
  public readonly hub: Vnet;
  public readonly spokes: Vnet[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rg = resourceGroup(this, "Rg", "rg-hub-spoke", "westeurope");
    this.hub = new Vnet(this, "Hub", {
      name: "vnet-hub",
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "shared", addressPrefixes: ["10.0.1.0/24"] }],
    });
    for (let i = 1; i <= 3; i++) {
      const spoke = new Vnet(this, `Spoke${i}`, {
        name: `vnet-spoke${i}`,
        resourceGroupName: rg.name,
        location: rg.location,
        addressSpace: [`10.${i}.0.0/16`],
        subnets: [{ name: "workload", addressPrefixes: [`10.${i}.1.0/24`] }],
      });
      new VnetPeering(this, `HubToSpoke${i}`, { local: this.hub, remote: spoke });
      this.spokes.push(spoke);
    }
    // Checked at every synth: peering is not transitive, so the spokes stay apart.
    ReachabilityIntents.mustNotReach(this, this.spokes[0], this.spokes[1], "spokes stay apart");
  }
}
