/**
 * The synth benchmark's topology (scale-plan.ts) with the package's constructs: versions (b) and,
 * with `applyConnectivityPolicies`, (c).
 */
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { LocalSite } from "../constructs/local-site";
import { SharedKey } from "../constructs/shared-key";
import { SiteToSiteConnection } from "../constructs/site-to-site-connection";
import { Vnet } from "../constructs/vnet";
import { VnetPeering } from "../constructs/vnet-peering";
import { VpnGateway } from "../constructs/vpn-gateway";
import { ConnectivityPoliciesProps, applyConnectivityPolicies } from "../policies/aspect";
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

/**
 * Adds the topology of `spokes` spokes to `app` in one stack; with `policies`, the connectivity policies
 * too (props other than the defaults: for the breakdown of what the policies cost).
 */
export function buildWithConstructs(
  app: App,
  spokes: number,
  policies: boolean | ConnectivityPoliciesProps,
): void {
  const stack = new TerraformStack(app, STACK);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const rg = new ResourceGroup(stack, "Rg", { name: RESOURCE_GROUP, location: LOCATION });
  const gateways: VpnGateway[] = [];
  for (let h = 0; h < hubCount(spokes); h++) {
    const { space, gatewaySubnet } = hubSpace(h);
    const hub = new Vnet(stack, `Hub${h}`, {
      name: `vnet-hub${h}`,
      resourceGroupName: rg.name,
      location: hubLocation(h),
      addressSpace: [space],
    });
    gateways.push(
      new VpnGateway(stack, `Hub${h}Gateway`, {
        vnet: hub,
        name: `vgw-hub${h}`,
        gatewaySubnetPrefix: gatewaySubnet,
      }),
    );
  }
  const key = SharedKey.fromVariable(stack, BRANCH_KEY_VARIABLE, {
    description: "Pre-shared key of the branches' site-to-site connections",
  });
  for (let b = 0; b < branchCount(spokes); b++) {
    const { space, deviceAddress } = branchSite(b);
    const site = new LocalSite(stack, `Branch${b}`, {
      name: `lgw-branch${b}`,
      resourceGroupName: rg.name,
      location: hubLocation(hubOfBranch(b)),
      gatewayAddress: deviceAddress,
      addressSpace: [space],
    });
    new SiteToSiteConnection(stack, `Branch${b}Connection`, {
      gateway: gateways[hubOfBranch(b)],
      site,
      sharedKey: key,
      name: `cn-branch${b}`,
    });
  }
  for (let i = 0; i < spokes; i++) {
    const spaces = spokeSpaces(i);
    const spoke = new Vnet(stack, `Spoke${i}`, {
      name: `vnet-spoke${i}`,
      resourceGroupName: rg.name,
      location: hubLocation(hubOfSpoke(i)),
      addressSpace: spaces,
      subnets: [{ name: "workload", addressPrefixes: [spaces[0]] }],
    });
    const gateway = gateways[hubOfSpoke(i)];
    // The spoke's direction uses the hub's gateway: VnetPeering makes it depend on the gateway (Azure
    // refuses use_remote_gateways until the gateway exists), as (a) writes by hand.
    new VnetPeering(stack, `Hub${hubOfSpoke(i)}Spoke${i}`, {
      local: gateway.vnet,
      remote: spoke,
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
  }
  if (policies) applyConnectivityPolicies(app, policies === true ? {} : policies);
}
