/**
 * The synth benchmark's topology (scale-plan.ts) written with raw `@cdktf/provider-azurerm` resources
 * and no policies: version (a), the floor. It writes the same resources with the same arguments as
 * the construct version (the defaults the constructs choose are spelled out here).
 */
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import {
  BRANCH_KEY_VARIABLE,
  LOCATION,
  RESOURCE_GROUP,
  STACK,
  branchCount,
  branchSite,
  hubCount,
  hubLocation,
  hubOfBranch,
  hubOfSpoke,
  hubSpace,
  spokeSpaces,
} from "./scale-plan";

/** Adds the topology of `spokes` spokes to `app` in one stack, with provider resources only. */
export function buildRaw(app: App, spokes: number): void {
  const stack = new TerraformStack(app, STACK);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const rg = new ResourceGroup(stack, "Rg", { name: RESOURCE_GROUP, location: LOCATION });
  const hubs: { vnet: VirtualNetwork; gateway: VirtualNetworkGateway }[] = [];
  for (let h = 0; h < hubCount(spokes); h++) {
    const { space, gatewaySubnet } = hubSpace(h);
    const vnet = new VirtualNetwork(stack, `Hub${h}`, {
      name: `vnet-hub${h}`,
      resourceGroupName: rg.name,
      location: hubLocation(h),
      addressSpace: [space],
    });
    const subnet = new Subnet(stack, `Hub${h}GatewaySubnet`, {
      name: "GatewaySubnet",
      resourceGroupName: rg.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [gatewaySubnet],
    });
    const ip = new PublicIp(stack, `Hub${h}GatewayIp`, {
      name: `vgw-hub${h}-pip1`,
      resourceGroupName: rg.name,
      location: hubLocation(h),
      sku: "Standard",
      allocationMethod: "Static",
      zones: ["1", "2", "3"],
    });
    const gateway = new VirtualNetworkGateway(stack, `Hub${h}Gateway`, {
      name: `vgw-hub${h}`,
      resourceGroupName: rg.name,
      location: hubLocation(h),
      type: "Vpn",
      vpnType: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      activeActive: false,
      enableBgp: false,
      ipConfiguration: [
        {
          name: "ipconfig1",
          subnetId: subnet.id,
          publicIpAddressId: ip.id,
          privateIpAddressAllocation: "Dynamic",
        },
      ],
    });
    hubs.push({ vnet, gateway });
  }
  const key = new TerraformVariable(stack, BRANCH_KEY_VARIABLE, {
    type: "string",
    sensitive: true,
    nullable: false,
    description: "Pre-shared key of the branches' site-to-site connections",
  });
  for (let b = 0; b < branchCount(spokes); b++) {
    const { space, deviceAddress } = branchSite(b);
    const site = new LocalNetworkGateway(stack, `Branch${b}`, {
      name: `lgw-branch${b}`,
      resourceGroupName: rg.name,
      location: hubLocation(hubOfBranch(b)),
      gatewayAddress: deviceAddress,
      addressSpace: [space],
    });
    new VirtualNetworkGatewayConnection(stack, `Branch${b}Connection`, {
      name: `cn-branch${b}`,
      resourceGroupName: rg.name,
      location: hubLocation(hubOfBranch(b)),
      type: "IPsec",
      virtualNetworkGatewayId: hubs[hubOfBranch(b)].gateway.id,
      localNetworkGatewayId: site.id,
      sharedKey: key.stringValue,
      connectionProtocol: "IKEv2",
      enableBgp: false,
    });
  }
  for (let i = 0; i < spokes; i++) {
    const spaces = spokeSpaces(i);
    const h = hubOfSpoke(i);
    const hub = hubs[h];
    const spoke = new VirtualNetwork(stack, `Spoke${i}`, {
      name: `vnet-spoke${i}`,
      resourceGroupName: rg.name,
      location: hubLocation(h),
      addressSpace: spaces,
    });
    new Subnet(stack, `Spoke${i}Workload`, {
      name: "workload",
      resourceGroupName: rg.name,
      virtualNetworkName: spoke.name,
      addressPrefixes: [spaces[0]],
    });
    new VirtualNetworkPeering(stack, `Hub${h}ToSpoke${i}`, {
      name: `vnet-hub${h}-to-vnet-spoke${i}`,
      resourceGroupName: rg.name,
      virtualNetworkName: hub.vnet.name,
      remoteVirtualNetworkId: spoke.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: true,
      useRemoteGateways: false,
    });
    new VirtualNetworkPeering(stack, `Spoke${i}ToHub${h}`, {
      name: `vnet-spoke${i}-to-vnet-hub${h}`,
      resourceGroupName: rg.name,
      virtualNetworkName: spoke.name,
      remoteVirtualNetworkId: hub.vnet.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: true,
      // Azure refuses use_remote_gateways until the hub's gateway exists.
      dependsOn: [hub.gateway],
    });
  }
}
