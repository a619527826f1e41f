import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VpnGateway,
  VpnNatRule,
  VpnNatRuleMode,
  applyConnectivityPolicies,
} from "../../../index";

const app = new App();
const stack = new TerraformStack(app, "vpn-nat");
new AzurermProvider(stack, "azurerm", { features: [{}] });

// Microsoft's NAT example: the VNet and two branches all use 10.0.1.0/24.
const vnet = new Vnet(stack, "Net", {
  name: "vnet-nat",
  resourceGroupName: "rg-nat",
  location: "eastus",
  addressSpace: ["10.0.1.0/24"],
  subnets: [{ name: "workload", addressPrefixes: ["10.0.1.0/25"] }],
});
// NAT needs VpnGw2 or larger: the default VpnGw2AZ has it.
const gateway = new VpnGateway(stack, "Gateway", {
  vnet,
  name: "vgw-nat",
  gatewaySubnetPrefix: "10.0.1.224/27",
});
const natRule = (name: string, mode: VpnNatRuleMode, translated: string) =>
  new VpnNatRule(stack, `${name}Rule`, {
    gateway,
    name,
    mode,
    internalMappings: [{ addressSpace: "10.0.1.0/24" }],
    externalMappings: [{ addressSpace: translated }],
  });

// EgressSnat: the VNet appears to both branches as 100.0.1.0/24.
const vnetRule = natRule("VNet", "EgressSnat", "100.0.1.0/24");
const branches = [
  { name: "Branch1", deviceAddress: "198.51.100.10", translated: "100.0.2.0/24" },
  { name: "Branch2", deviceAddress: "198.51.100.20", translated: "100.0.3.0/24" },
];
for (const branch of branches) {
  const site = new LocalSite(stack, `${branch.name}Site`, {
    name: `lng-${branch.name.toLowerCase()}`,
    resourceGroupName: "rg-nat",
    location: "eastus",
    gatewayAddress: branch.deviceAddress,
    addressSpace: ["10.0.1.0/24"],
  });
  new SiteToSiteConnection(stack, `VNet${branch.name}`, {
    gateway,
    site,
    name: `VNet-${branch.name}`,
    // A sensitive Terraform variable, given at plan: TF_VAR_branch1_psk=... terraform apply
    sharedKey: SharedKey.fromVariable(stack, `${branch.name.toLowerCase()}_psk`),
    natRules: {
      // IngressSnat: the branch appears to the VNet as its translated space.
      ingress: [natRule(branch.name, "IngressSnat", branch.translated)],
      egress: [vnetRule],
    },
  });
}

applyConnectivityPolicies(app);
app.synth();
