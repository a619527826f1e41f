import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import {
  SharedKey,
  Vnet,
  VnetToVnetIpsecConnection,
  VnetToVnetIpsecConnectionProps,
  VpnGateway,
  VpnGatewayProps,
  VpnNatRule,
} from "../../index";
import { gateway, newStack, resources } from "../../test-utils/vpn";

/** Two networks with the same address space (the case NAT is for), each with a gateway. */
function setup(a: Partial<VpnGatewayProps> = {}, b: Partial<VpnGatewayProps> = {}) {
  const stack = newStack();
  const hub = gateway(stack, "Hub", "10.0.1.0/24", "10.0.1.224/27", a);
  const branch = gateway(stack, "Branch", "10.0.1.0/24", "10.0.1.224/27", { location: "westus", ...b });
  const key = SharedKey.generate(stack, "psk");
  const make = (props: Partial<VnetToVnetIpsecConnectionProps> = {}) =>
    new VnetToVnetIpsecConnection(stack, "HubBranch", {
      local: hub,
      remote: branch,
      sharedKey: key,
      ...props,
    });
  return { stack, hub, branch, key, make };
}

function rule(
  stack: TerraformStack,
  gw: VpnGateway,
  id: string,
  mode: "IngressSnat" | "EgressSnat",
  ext: string,
) {
  return new VpnNatRule(stack, id, {
    gateway: gw,
    name: id,
    mode,
    internalMappings: [{ addressSpace: "10.0.1.0/24" }],
    externalMappings: [{ addressSpace: ext }],
  });
}

function hintOf(site: LocalNetworkGateway): any {
  const doc = TerraformStack.of(site).toTerraform() as any;
  return doc.resource.azurerm_local_network_gateway[site.friendlyUniqueId]["//"]["cdktf-azure-connectivity"];
}

describe("VnetToVnetIpsecConnection", () => {
  it("creates a site for each gateway on the other side and an IPsec connection each way", () => {
    const { stack, make } = setup({}, {});
    const c = make();
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, {
      name: "lng-vgw-branch",
      resource_group_name: "rg-hubnet",
      location: "eastus",
      address_space: ["10.0.1.0/24"],
    });
    expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, {
      name: "lng-vgw-hub",
      resource_group_name: "rg-branchnet",
      location: "westus",
    });
    const sites = resources(stack, "azurerm_local_network_gateway");
    expect(sites.find((s) => s.name === "lng-vgw-branch")!.gateway_address).toMatch(
      /^\$\{azurerm_public_ip\.Branch_PublicIp1_\w+\.ip_address\}$/,
    );
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-hub-to-vgw-branch",
      type: "IPsec",
      location: "eastus",
      shared_key: "${random_password.psk.result}",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-branch-to-vgw-hub",
      type: "IPsec",
      location: "westus",
      shared_key: "${random_password.psk.result}",
    });
    // The policies can follow each site to the gateway it stands for.
    expect(hintOf(c.localSite.resource).representsGateway).toMatch(
      /^\$\{azurerm_virtual_network_gateway\.Branch_\w+\.id\}$/,
    );
  });

  it("attaches NAT rules on one side, and the other side sees the translated space", () => {
    const { stack, hub, make } = setup();
    const vnetRule = rule(stack, hub, "VNet", "EgressSnat", "100.0.1.0/24");
    const branchRule = rule(stack, hub, "Branch2", "IngressSnat", "100.0.3.0/24");
    make({ localToRemote: { natRules: { ingress: [branchRule], egress: [vnetRule] } } });
    const sites = resources(stack, "azurerm_local_network_gateway");
    // On the hub side the branch keeps its own (pre-NAT) space: the IngressSnat rule translates it.
    expect(sites.find((s) => s.name === "lng-vgw-branch")!.address_space).toEqual(["10.0.1.0/24"]);
    // On the branch side the hub appears with its post-NAT space.
    expect(sites.find((s) => s.name === "lng-vgw-hub")!.address_space).toEqual(["100.0.1.0/24"]);
    const conns = resources(stack, "azurerm_virtual_network_gateway_connection");
    const hubConn = conns.find((c) => c.name === "vgw-hub-to-vgw-branch")!;
    expect(hubConn.ingress_nat_rule_ids).toEqual([expect.stringMatching(/nat_rule\.Branch2_\w+\.id/)]);
    expect(hubConn.egress_nat_rule_ids).toEqual([expect.stringMatching(/nat_rule\.VNet_\w+\.id/)]);
    const branchConn = conns.find((c) => c.name === "vgw-branch-to-vgw-hub")!;
    expect(branchConn.ingress_nat_rule_ids).toBeUndefined();
  });

  it("uses BGP instead of address spaces when asked", () => {
    const { stack, make } = setup({ bgp: { asn: 65010 } }, { bgp: { asn: 65020 } });
    make({ bgp: true, localToRemote: { siteName: "lng-branch", name: "hub-branch" } });
    const sites = resources(stack, "azurerm_local_network_gateway");
    const branchSite = sites.find((s) => s.name === "lng-branch")!;
    expect(branchSite.address_space).toBeUndefined();
    expect(branchSite.bgp_settings.asn).toBe(65020);
    expect(branchSite.bgp_settings.bgp_peering_address).toMatch(
      /^\$\{element\(azurerm_virtual_network_gateway\.Branch_\w+\.bgp_settings\[0\]\.peering_addresses\[0\]\.default_addresses, 0\)\}$/,
    );
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "hub-branch",
      enable_bgp: true,
    });
  });

  it("takes explicit site address spaces", () => {
    const { stack, make } = setup();
    make({ remoteToLocal: { siteAddressSpace: ["10.0.1.0/25"] } });
    const sites = resources(stack, "azurerm_local_network_gateway");
    expect(sites.find((s) => s.name === "lng-vgw-hub")!.address_space).toEqual(["10.0.1.0/25"]);
  });

  it("passes a network space given as a variable through to the site, unguessed", () => {
    const stack = newStack();
    const space = new TerraformVariable(stack, "branch_space", { type: "list(string)" });
    const hub = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const branchNet = new Vnet(stack, "BranchNet", {
      name: "vnet-branch",
      resourceGroupName: "rg",
      location: "westus",
      addressSpace: space.listValue,
    });
    const branch = new VpnGateway(stack, "Branch", {
      vnet: branchNet,
      name: "vgw-branch",
      gatewaySubnet: branchNet.addSubnet("GatewaySubnet", { addressPrefixes: ["10.1.255.0/27"] }),
    });
    new VnetToVnetIpsecConnection(stack, "HubBranch", {
      local: hub,
      remote: branch,
      sharedKey: SharedKey.generate(stack, "psk"),
    });
    const sites = resources(stack, "azurerm_local_network_gateway");
    expect(sites.find((s) => s.name === "lng-vgw-branch")!.address_space).toBe("${var.branch_space}");
  });

  it("matches its HCL snapshot", () => {
    const { stack, hub, make } = setup();
    make({
      localToRemote: {
        natRules: {
          ingress: [rule(stack, hub, "Branch2", "IngressSnat", "100.0.3.0/24")],
          egress: [rule(stack, hub, "VNet", "EgressSnat", "100.0.1.0/24")],
        },
      },
    });
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    it("for an active-active gateway", () => {
      const { make } = setup({}, { activeActive: true, bgp: { asn: 65020 } });
      expect(() => make()).toThrow(
        "[test/HubBranch] `remote`: gateway 'test/Branch' is active-active, which VnetToVnetIpsecConnection does not support (each instance needs its own site and BGP); use active-standby gateways, or compose LocalSite and SiteToSiteConnection per instance with BGP",
      );
    });

    it("for BGP with Azure's default ASN 65515 (a site may not use it)", () => {
      const { make } = setup({ bgp: { asn: 65515 } }, { bgp: { asn: 65020 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/HubBranch] `bgp`: gateway 'test/Hub' uses ASN '65515', Azure's default, which a site (the other gateway's view of it) may not use; give the gateway another ASN, e.g. a private one in 64512-65514",
      );
    });

    it("for BGP between equal ASNs", () => {
      const { make } = setup({ bgp: { asn: 65010 } }, { bgp: { asn: 65010 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/HubBranch] `bgp`: both gateways use ASN '65010'; the two ends of a BGP session need different ASNs: change the ASN of one gateway",
      );
    });

    it("for BGP when a gateway has none", () => {
      const { make } = setup({ bgp: { asn: 65010 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/HubBranch] `bgp` is true but gateway 'test/Branch' has no BGP settings; give both gateways `bgp: { asn }` with different ASNs",
      );
    });

    it("for NAT on a gateway smaller than VpnGw2 (at the rule)", () => {
      const { stack, hub } = setup({ sku: "VpnGw1AZ", generation: "Generation1" });
      expect(() => rule(stack, hub, "VNet", "EgressSnat", "100.0.1.0/24")).toThrow(
        "[test/VNet] `gateway`: 'test/Hub' has sku 'VpnGw1AZ', which has no NAT; use VpnGw2AZ or larger",
      );
    });

    it("for a NAT rule of the other side's gateway", () => {
      const { stack, branch, make } = setup();
      const r = rule(stack, branch, "BranchEgress", "EgressSnat", "100.0.9.0/24");
      expect(() => make({ localToRemote: { natRules: { egress: [r] } } })).toThrow(
        "[test/HubBranch] `localToRemote.natRules.egress`: NAT rule 'test/BranchEgress' belongs to gateway 'test/Branch', not to this connection's gateway 'test/Hub'; create the rule on 'test/Hub'",
      );
    });

    it("for a malformed site address space", () => {
      const { make } = setup();
      expect(() => make({ remoteToLocal: { siteAddressSpace: ["10.0.1.1/24"] } })).toThrow(
        "[test/HubBranch] `remoteToLocal.siteAddressSpace`: '10.0.1.1/24' has host bits set",
      );
    });
  });
});
