import { Construct } from "constructs";
import { TerraformStack, TerraformVariable } from "cdktf";
import {
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetToVnetIpsecConnection,
  VpnGateway,
  VpnNatRule,
} from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/**
 * Seed 001 and Microsoft's NAT example: a VNet and two branches, all on 10.0.1.0/24, made reachable by
 * NAT on the VNet's gateway (EgressSnat 10.0.1.0/24 -> 100.0.1.0/24 for the VNet, IngressSnat
 * 10.0.1.0/24 -> 100.0.2.0/24 for branch 1 and -> 100.0.3.0/24 for branch 2). Branch 1 is an on-premises
 * site (site-to-site IPsec); branch 2 is another Azure VNet, joined over IPsec with each gateway seeing
 * the other as a site, since VNet-to-VNet connections cannot carry NAT.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#example
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
 */
export class VpnNatStack extends TerraformStack {
  public readonly vnet: Vnet;
  public readonly gateway: VpnGateway;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rg = resourceGroup(this, "Rg", "rg-vpn-nat", "eastus");
    this.vnet = new Vnet(this, "VNet", {
      name: "vnet-nat",
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: ["10.0.1.0/24"],
      subnets: [{ name: "workload", addressPrefixes: ["10.0.1.0/25"] }],
    });
    // NAT needs VpnGw2 or larger: the default VpnGw2AZ.
    this.gateway = new VpnGateway(this, "Gateway", {
      vnet: this.vnet,
      name: "vgw-nat",
      gatewaySubnetPrefix: "10.0.1.224/27",
    });
    const nat = (id: string, mode: "EgressSnat" | "IngressSnat", external: string) =>
      new VpnNatRule(this, `${id}Nat`, {
        gateway: this.gateway,
        name: id,
        mode,
        internalMappings: [{ addressSpace: "10.0.1.0/24" }],
        externalMappings: [{ addressSpace: external }],
      });
    const vnetRule = nat("VNet", "EgressSnat", "100.0.1.0/24");
    const branch1Rule = nat("Branch1", "IngressSnat", "100.0.2.0/24");
    const branch2Rule = nat("Branch2", "IngressSnat", "100.0.3.0/24");

    // Branch 1: on-premises, its key in Key Vault (the vault is given at plan).
    const keyVaultId = new TerraformVariable(this, "key_vault_id", {
      type: "string",
      description: "Resource id of the Key Vault holding the branch 1 pre-shared key (secret 'branch1-psk')",
    });
    const branch1 = new LocalSite(this, "Branch1Site", {
      name: "lng-branch1",
      resourceGroupName: rg.name,
      location: rg.location,
      gatewayAddress: "198.51.100.10",
      addressSpace: ["10.0.1.0/24"],
    });
    new SiteToSiteConnection(this, "VNetBranch1", {
      gateway: this.gateway,
      site: branch1,
      name: "VNet-Branch1",
      sharedKey: SharedKey.fromKeyVault(this, "Branch1Psk", {
        keyVaultId: keyVaultId.stringValue,
        secretName: "branch1-psk",
      }),
      natRules: { ingress: [branch1Rule], egress: [vnetRule] },
    });

    // Branch 2: an Azure VNet with the same space and its own gateway; NAT only on the VNet's side.
    const branch2Net = new Vnet(this, "Branch2", {
      name: "vnet-branch2",
      resourceGroupName: rg.name,
      location: "westus",
      addressSpace: ["10.0.1.0/24"],
      subnets: [{ name: "workload", addressPrefixes: ["10.0.1.0/25"] }],
    });
    const branch2Gateway = new VpnGateway(this, "Branch2Gateway", {
      vnet: branch2Net,
      name: "vgw-branch2",
      gatewaySubnetPrefix: "10.0.1.224/27",
    });
    new VnetToVnetIpsecConnection(this, "VNetBranch2", {
      local: this.gateway,
      remote: branch2Gateway,
      sharedKey: SharedKey.generate(this, "branch2_psk"),
      localToRemote: { name: "VNet-Branch2", natRules: { ingress: [branch2Rule], egress: [vnetRule] } },
      remoteToLocal: { name: "Branch2-VNet" },
    });
  }
}
