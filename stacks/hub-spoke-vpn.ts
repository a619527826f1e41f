import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { AddressPool, AllocationRecord, HubAndSpoke, HubAndSpokeRegion } from "../index";
import { configureBackend, defaultProvider, referenceAddressRecord, resourceGroup } from "./common";

/**
 * Seeds 003 and 004: a hub with a VPN gateway and a site-to-site connection to on-premises; two spokes
 * peered with gateway transit (the hub's side allows it, each spoke's side uses the remote gateway and
 * waits for it), so the spokes reach on-premises through the hub's gateway without gateways of their own.
 * One HubAndSpoke region; the addresses are the pool's, recorded in stacks/network-addresses.json.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview#gateways-and-on-premises-connectivity
 */
export class HubSpokeVpnStack extends TerraformStack {
  public readonly network: HubAndSpoke;
  public readonly region: HubAndSpokeRegion;

  constructor(scope: Construct, id: string, record: AllocationRecord = referenceAddressRecord()) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rg = resourceGroup(this, "Rg", "rg-hub-spoke-vpn", "westeurope");
    const pool = new AddressPool(this, "Addresses", {
      name: "hub-spoke-vpn",
      supernets: ["10.100.0.0/14"],
      record,
    });
    this.network = new HubAndSpoke(this, "Network", {
      pool,
      resourceGroupName: rg.name,
      hubSize: 16,
      spokeSize: 16,
      spokeSubnets: [{ name: "workload", size: 24 }],
    });
    // Checked at every synth (the pattern's intents): the spokes reach the datacenter through the hub's gateway.
    this.region = this.network.addRegion({
      location: "westeurope",
      hub: { name: "vnet-hub-vpn", subnets: [{ name: "shared", size: 24 }] },
      gateway: { name: "vgw-hub" },
      // The on-premises device needs the same key: given at plan as TF_VAR_onprem_shared_key.
      sites: [{ name: "onprem", gatewayAddress: "203.0.113.10", addressSpace: ["192.168.0.0/16"] }],
      spokes: [{ name: "spoke1-vpn" }, { name: "spoke2-vpn" }],
    });
  }
}
