import "cdktf/lib/testing/adapters/jest";
import { App, Testing, TerraformStack } from "cdktf";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { VirtualNetworkGatewayNatRule } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-nat-rule";
import { VnetToVnetStack } from "../../stacks/vnet-to-vnet";
import { HubSpokeVpnStack } from "../../stacks/hub-spoke-vpn";
import { VpnNatStack } from "../../stacks/vpn-nat";
import { buildReferenceApp } from "../../stacks/app";
import { ConnectivityPolicies } from "../../policies/aspect";

const stacks: [string, (app: App) => TerraformStack][] = [
  ["vnet-to-vnet", (app) => new VnetToVnetStack(app, "vnet-to-vnet")],
  ["hub-spoke-vpn", (app) => new HubSpokeVpnStack(app, "hub-spoke-vpn")],
  ["vpn-nat", (app) => new VpnNatStack(app, "vpn-nat")],
];

function json(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

describe.each(stacks)("reference stack %s", (_name, make) => {
  it("matches its reviewed HCL snapshot", () => {
    const hcl: string = Testing.synthHcl(make(Testing.app()));
    // Keys are references (variable, Key Vault, random_password), never values.
    for (const line of hcl.split("\n").filter((l) => l.startsWith("shared_key"))) {
      expect(line).toMatch(
        /^shared_key = "\\?\$\{(var\.|data\.azurerm_key_vault_secret\.|random_password\.)/,
      );
    }
    expect(hcl).toMatchSnapshot();
  });

  it("passes the connectivity policies", () => {
    const app = Testing.app();
    make(app);
    const report = new ConnectivityPolicies().check(app);
    expect(report.findings).toEqual([]);
  });

  it("gives every gateway Standard static public IPs and a /27 GatewaySubnet", () => {
    const doc = json(make(Testing.app()));
    const ips = Object.values(doc.resource.azurerm_public_ip) as any[];
    expect(ips.every((ip) => ip.sku === "Standard" && ip.allocation_method === "Static")).toBe(true);
    const subnets = (Object.values(doc.resource.azurerm_subnet) as any[]).filter(
      (s) => s.name === "GatewaySubnet",
    );
    expect(subnets.length).toBe(Object.keys(doc.resource.azurerm_virtual_network_gateway).length);
    expect(subnets.every((s) => s.address_prefixes[0].endsWith("/27"))).toBe(true);
  });
});

describe("VNet-to-VNet across regions (Microsoft's tutorial)", () => {
  it("connects TestVNet1 (East US) and TestVNet4 (West US) both ways with one generated key", () => {
    const stack = new VnetToVnetStack(Testing.app(), "v2v");
    const synth = Testing.synth(stack);
    for (const [name, location] of [
      ["VNet1toVNet4", "${azurerm_resource_group.TestRG1.location}"],
      ["VNet4toVNet1", "${azurerm_resource_group.TestRG4.location}"],
    ]) {
      expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
        name,
        location,
        type: "Vnet2Vnet",
        shared_key: "${random_password.vnet1_vnet4_psk.result}",
      });
    }
    const doc = json(stack);
    expect(Object.values(doc.resource.azurerm_virtual_network).map((v: any) => v.address_space)).toEqual([
      ["10.11.0.0/16"],
      ["10.41.0.0/16"],
    ]);
  });
});

describe("Hub and spoke through the hub's VPN gateway", () => {
  it("lets the spokes use the hub's gateway to reach on-premises", () => {
    const stack = new HubSpokeVpnStack(Testing.app(), "hs");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-hub-vpn-to-vnet-spoke1-vpn",
      allow_gateway_transit: true,
      use_remote_gateways: false,
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-spoke2-vpn-to-vnet-hub-vpn",
      allow_gateway_transit: false,
      use_remote_gateways: true,
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-hub-to-lng-onprem",
      type: "IPsec",
      shared_key: "${var.onprem_shared_key}",
    });
    const doc = json(stack);
    expect(doc.variable.onprem_shared_key.sensitive).toBe(true);
    const spokeSides = (Object.values(doc.resource.azurerm_virtual_network_peering) as any[]).filter(
      (p) => p.use_remote_gateways,
    );
    expect(spokeSides).toHaveLength(2);
    // Created only once the hub's gateway exists.
    for (const p of spokeSides) {
      expect(p.depends_on).toEqual([
        expect.stringMatching(/^azurerm_virtual_network_gateway\.Network_westeurope_Gateway_\w+$/),
      ]);
    }
  });
});

describe("Microsoft's NAT example", () => {
  it("translates the VNet and both branches, all on 10.0.1.0/24, to distinct spaces", () => {
    const stack = new VpnNatStack(Testing.app(), "nat");
    const synth = Testing.synth(stack);
    for (const [name, mode, external] of [
      ["VNet", "EgressSnat", "100.0.1.0/24"],
      ["Branch1", "IngressSnat", "100.0.2.0/24"],
      ["Branch2", "IngressSnat", "100.0.3.0/24"],
    ]) {
      expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayNatRule, {
        name,
        mode,
        type: "Static",
        internal_mapping: [{ address_space: "10.0.1.0/24" }],
        external_mapping: [{ address_space: external }],
      });
    }
    const doc = json(stack);
    const conns = doc.resource.azurerm_virtual_network_gateway_connection as Record<string, any>;
    const byName = (n: string) => Object.values(conns).find((c: any) => c.name === n) as any;
    const ruleRef = (id: string) =>
      expect.stringMatching(
        new RegExp(`^\\$\\{azurerm_virtual_network_gateway_nat_rule\\.${id}Nat_\\w+\\.id\\}$`),
      );
    expect(byName("VNet-Branch1")).toMatchObject({
      type: "IPsec",
      ingress_nat_rule_ids: [ruleRef("Branch1")],
      egress_nat_rule_ids: [ruleRef("VNet")],
    });
    expect(byName("VNet-Branch1").shared_key).toMatch(
      /^\$\{data\.azurerm_key_vault_secret\.Branch1Psk(_\w+)?\.value\}$/,
    );
    expect(byName("VNet-Branch2")).toMatchObject({
      type: "IPsec",
      ingress_nat_rule_ids: [ruleRef("Branch2")],
      egress_nat_rule_ids: [ruleRef("VNet")],
    });
    expect(byName("Branch2-VNet").ingress_nat_rule_ids).toBeUndefined();
    // Branch 2 sees the VNet by its translated space.
    const sites = Object.values(doc.resource.azurerm_local_network_gateway) as any[];
    expect(sites.find((s) => s.name === "lng-vgw-nat").address_space).toEqual(["100.0.1.0/24"]);
    expect(sites.find((s) => s.name === "lng-vgw-branch2").address_space).toEqual(["10.0.1.0/24"]);
  });
});

describe("the reference app", () => {
  it("has every resource kind of the VPN constructs and passes the policies", () => {
    const app = buildReferenceApp(Testing.app());
    const report = new ConnectivityPolicies().check(app);
    expect(report.findings).toEqual([]);
    const kinds = new Set<string>();
    const types = new Set<string>();
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      const doc = json(stack);
      Object.keys(doc.resource ?? {}).forEach((k) => kinds.add(k));
      for (const c of Object.values(
        doc.resource?.azurerm_virtual_network_gateway_connection ?? {},
      ) as any[]) {
        types.add(c.type);
      }
    }
    for (const k of [
      "azurerm_virtual_network_gateway",
      "azurerm_public_ip",
      "azurerm_subnet",
      "azurerm_local_network_gateway",
      "azurerm_virtual_network_gateway_connection",
      "azurerm_virtual_network_gateway_nat_rule",
      "random_password",
    ]) {
      expect(kinds).toContain(k);
    }
    expect([...types].sort()).toEqual(["IPsec", "Vnet2Vnet"]);
  });
});
