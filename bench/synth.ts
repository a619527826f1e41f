/**
 * The same hub-and-spoke as topology.ts built with the package's constructs (Vnet, VnetPeering) in a
 * cdktf app, for the synth benchmark. The hubs' VPN gateways, public IPs, sites and IPsec connections
 * are raw provider resources (the policies see them alike).
 */
import * as fs from "fs";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { Vnet } from "../constructs/vnet";
import { VnetPeering } from "../constructs/vnet-peering";
import { applyConnectivityPolicies } from "../policies/connectivity-policies";
import { HUB_CAPACITY, hubCount, spokeSpaces } from "./topology";

/** A hub: Vnet with GatewaySubnet, VPN gateway with its public IP, a site and an IPsec connection. */
function addHub(stack: TerraformStack, h: number, rg: ResourceGroup, key: TerraformVariable): Vnet {
  const hub = new Vnet(stack, `Hub${h}`, {
    name: `vnet-hub${h}`,
    resourceGroupName: rg.name,
    location: rg.location,
    addressSpace: [`10.0.${h}.0/24`],
    subnets: [{ name: "GatewaySubnet", addressPrefixes: [`10.0.${h}.0/27`] }],
  });
  const pip = new PublicIp(stack, `Hub${h}GatewayIp`, {
    name: `pip-vgw-hub${h}`,
    resourceGroupName: rg.name,
    location: rg.location,
    allocationMethod: "Static",
    sku: "Standard",
    zones: ["1", "2", "3"],
  });
  const gateway = new VirtualNetworkGateway(stack, `Hub${h}Gateway`, {
    name: `vgw-hub${h}`,
    resourceGroupName: rg.name,
    location: rg.location,
    type: "Vpn",
    vpnType: "RouteBased",
    sku: "VpnGw2AZ",
    generation: "Generation2",
    ipConfiguration: [
      {
        name: "default",
        subnetId: hub.subnets.GatewaySubnet.id,
        publicIpAddressId: pip.id,
        privateIpAddressAllocation: "Dynamic",
      },
    ],
  });
  const site = new LocalNetworkGateway(stack, `Hub${h}OnPrem`, {
    name: `lgw-onprem-hub${h}`,
    resourceGroupName: rg.name,
    location: rg.location,
    gatewayAddress: `203.0.113.${10 + (h % 200)}`,
    addressSpace: [`192.168.${h % 256}.0/24`],
  });
  new VirtualNetworkGatewayConnection(stack, `Hub${h}OnPremConnection`, {
    name: `cn-hub${h}-onprem`,
    resourceGroupName: rg.name,
    location: rg.location,
    type: "IPsec",
    virtualNetworkGatewayId: gateway.id,
    localNetworkGatewayId: site.id,
    sharedKey: key.stringValue,
  });
  return hub;
}

/** A cdktf app with one stack holding the hubs (one per {@link HUB_CAPACITY} spokes) and `spokes` spokes. */
export function constructApp(spokes: number): App {
  const app = Testing.app();
  const stack = new TerraformStack(app, "hub");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const rg = new ResourceGroup(stack, "Rg", { name: "rg-bench", location: "westeurope" });
  const key = new TerraformVariable(stack, "vpn_shared_key", { type: "string", sensitive: true });
  const hubs: Vnet[] = [];
  for (let h = 0; h < hubCount(spokes); h++) hubs.push(addHub(stack, h, rg, key));
  for (let i = 0; i < spokes; i++) {
    const spaces = spokeSpaces(i);
    const spoke = new Vnet(stack, `Spoke${i}`, {
      name: `vnet-spoke${i}`,
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: spaces,
      subnets: [{ name: "workload", addressPrefixes: [spaces[0]] }],
    });
    new VnetPeering(stack, `HubToSpoke${i}`, {
      local: hubs[Math.floor(i / HUB_CAPACITY)],
      remote: spoke,
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
  }
  return app;
}

/** Synthesizes the app (optionally with the policies on every stack) and removes what it wrote. */
export function synthApp(app: App, policies: boolean): void {
  if (policies) applyConnectivityPolicies(app);
  try {
    app.synth();
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}
