import { Construct } from "constructs";
import { TerraformStack, dependable } from "cdktf";
import {
  LocalSite,
  ReachabilityIntents,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetPeering,
  VpnGateway,
} from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/**
 * Seeds 003 and 004: a hub with a VPN gateway and a site-to-site connection to on-premises; two spokes
 * peered with gateway transit (the hub's side allows it, each spoke's side uses the remote gateway), so
 * the spokes reach on-premises through the hub's gateway without gateways of their own.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview#gateways-and-on-premises-connectivity
 */
export class HubSpokeVpnStack extends TerraformStack {
  public readonly hub: Vnet;
  public readonly gateway: VpnGateway;
  public readonly spokes: Vnet[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rg = resourceGroup(this, "Rg", "rg-hub-spoke-vpn", "westeurope");
    this.hub = new Vnet(this, "Hub", {
      name: "vnet-hub-vpn",
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: ["10.100.0.0/16"],
      subnets: [{ name: "shared", addressPrefixes: ["10.100.1.0/24"] }],
    });
    this.gateway = new VpnGateway(this, "HubGateway", {
      vnet: this.hub,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.100.255.0/27",
    });
    const onPrem = new LocalSite(this, "OnPrem", {
      name: "lng-onprem",
      resourceGroupName: rg.name,
      location: rg.location,
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    new SiteToSiteConnection(this, "HubToOnPrem", {
      gateway: this.gateway,
      site: onPrem,
      // The on-premises device needs the same key: given at plan as TF_VAR_onprem_shared_key.
      sharedKey: SharedKey.fromVariable(this, "onprem_shared_key", {
        description: "Pre-shared key of the hub's site-to-site connection to on-premises",
      }),
    });
    for (let i = 1; i <= 2; i++) {
      const spoke = new Vnet(this, `Spoke${i}`, {
        name: `vnet-spoke${i}-vpn`,
        resourceGroupName: rg.name,
        location: rg.location,
        addressSpace: [`10.${100 + i}.0.0/16`],
        subnets: [{ name: "workload", addressPrefixes: [`10.${100 + i}.1.0/24`] }],
      });
      const peering = new VnetPeering(this, `HubSpoke${i}`, {
        local: this.hub,
        remote: spoke,
        localToRemote: { allowGatewayTransit: true },
        remoteToLocal: { useRemoteGateways: true },
      });
      // Azure refuses use_remote_gateways until the hub's gateway exists.
      peering.remoteToLocal!.dependsOn = [dependable(this.gateway.resource)];
      this.spokes.push(spoke);
      // Checked at every synth: the spokes must reach the datacenter through the hub's gateway.
      ReachabilityIntents.mustReach(
        this,
        spoke,
        onPrem,
        "spokes reach the datacenter through the hub's gateway",
      );
    }
  }
}
