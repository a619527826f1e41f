import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { Vnet, VnetPeering } from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/**
 * Seed 002: the London and Madrid offices' networks joined by global VNet peering (two regions),
 * both directions from one declaration.
 */
export class LondonMadridStack extends TerraformStack {
  public readonly london: Vnet;
  public readonly madrid: Vnet;
  public readonly peering: VnetPeering;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rgLondon = resourceGroup(this, "RgLondon", "rg-london", "uksouth");
    const rgMadrid = resourceGroup(this, "RgMadrid", "rg-madrid", "spaincentral");
    this.london = new Vnet(this, "London", {
      name: "vnet-london",
      resourceGroupName: rgLondon.name,
      location: rgLondon.location,
      addressSpace: ["10.1.0.0/16"],
      subnets: [{ name: "default", addressPrefixes: ["10.1.0.0/24"] }],
    });
    this.madrid = new Vnet(this, "Madrid", {
      name: "vnet-madrid",
      resourceGroupName: rgMadrid.name,
      location: rgMadrid.location,
      addressSpace: ["10.2.0.0/16"],
      subnets: [{ name: "default", addressPrefixes: ["10.2.0.0/24"] }],
    });
    this.peering = new VnetPeering(this, "LondonMadrid", { local: this.london, remote: this.madrid });
  }
}
