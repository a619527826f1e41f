import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformVariable } from "cdktf";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VpnGateway, VpnGatewaySku } from "../../index";
import { gateway, newStack, resources, synthesized, vnet } from "../../test-utils/vpn";

describe("VpnGateway", () => {
  it("carves the smallest GatewaySubnet its SKU accepts from the top of the network's space", () => {
    const stack = newStack();
    const net = new Vnet(stack, "Net", {
      name: "vnet-net",
      resourceGroupName: "rg",
      location: "eastus",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "app", size: 24 }],
    });
    new VpnGateway(stack, "Gw", { vnet: net, name: "vgw" });
    const basicNet = vnet(stack, "BasicNet", "10.1.0.0/24");
    new VpnGateway(stack, "BasicGw", { vnet: basicNet, name: "vgw-basic", sku: "Basic" });
    const wideNet = vnet(stack, "WideNet", "10.2.0.0/24");
    new VpnGateway(stack, "WideGw", { vnet: wideNet, name: "vgw-wide", gatewaySubnetSize: 26 });
    const subnets = resources(stack, "azurerm_subnet").map((s) => [s.name, s.address_prefixes[0]]);
    expect(subnets.sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      ["app", "10.0.0.0/24"],
      ["GatewaySubnet", "10.0.255.224/27"],
      ["GatewaySubnet", "10.1.0.248/29"],
      ["GatewaySubnet", "10.2.0.192/26"],
    ]);
  });

  it("defaults to a zone-redundant, Generation2, route-based VpnGw2AZ with a /27 GatewaySubnet", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    expect(gw.sku).toBe("VpnGw2AZ");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(Subnet, {
      name: "GatewaySubnet",
      address_prefixes: ["10.0.255.0/27"],
    });
    expect(synth).toHaveResourceWithProperties(PublicIp, {
      name: "vgw-hub-pip1",
      sku: "Standard",
      allocation_method: "Static",
      zones: ["1", "2", "3"],
      location: "eastus",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, {
      name: "vgw-hub",
      resource_group_name: "rg-hubnet",
      location: "eastus",
      type: "Vpn",
      vpn_type: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      active_active: false,
      enable_bgp: false,
    });
    const [g] = resources(stack, "azurerm_virtual_network_gateway");
    expect(g.ip_configuration).toEqual([
      {
        name: "ipconfig1",
        private_ip_address_allocation: "Dynamic",
        public_ip_address_id: expect.stringMatching(/^\$\{azurerm_public_ip\.Hub_PublicIp1_\w+\.id\}$/),
        subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.HubNet_Subnet-GatewaySubnet_\w+\.id\}$/),
      },
    ]);
    expect(gw.bgpPeeringAddresses).toEqual([]);
  });

  it("creates two IP configurations and two public IPs when active-active, with BGP and APIPA addresses", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", {
      activeActive: true,
      bgp: {
        asn: 65010,
        peerWeight: 10,
        peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.22.1"] }],
      },
      bgpRouteTranslationForNat: true,
    });
    const [g] = resources(stack, "azurerm_virtual_network_gateway");
    expect(g.active_active).toBe(true);
    expect(g.enable_bgp).toBe(true);
    expect(g.bgp_route_translation_for_nat_enabled).toBe(true);
    expect(g.bgp_settings).toEqual({
      asn: 65010,
      peer_weight: 10,
      peering_addresses: [
        { ip_configuration_name: "ipconfig1", apipa_addresses: ["169.254.21.1"] },
        { ip_configuration_name: "ipconfig2", apipa_addresses: ["169.254.22.1"] },
      ],
    });
    expect(g.ip_configuration.map((c: any) => c.name)).toEqual(["ipconfig1", "ipconfig2"]);
    expect(resources(stack, "azurerm_public_ip").map((p) => p.name)).toEqual([
      "vgw-hub-pip1",
      "vgw-hub-pip2",
    ]);
    expect(gw.bgpPeeringAddresses).toEqual(["169.254.21.1", "169.254.22.1"]);
    expect(gw.ipConfigurationIds).toHaveLength(2);
    expect(synthesized(stack, gw.ipConfigurationIds[1])).toEqual(
      expect.stringMatching(
        /^\$\{azurerm_virtual_network_gateway\.Hub_\w+\.id\}\/ipConfigurations\/ipconfig2$/,
      ),
    );
  });

  it("gives the BGP address Azure assigns when no APIPA address is set", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", { bgp: { asn: 65010 } });
    expect(synthesized(stack, gw.bgpPeeringAddresses[0])).toMatch(
      /^\$\{element\(azurerm_virtual_network_gateway\.Hub_\w+\.bgp_settings\[0\]\.peering_addresses\[0\]\.default_addresses, 0\)\}$/,
    );
  });

  it("keeps Azure's default ASN 65515 on a gateway", () => {
    const stack = newStack();
    expect(() =>
      gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", { bgp: { asn: 65515 } }),
    ).not.toThrow();
  });

  it("uses an unzoned Standard IP and Generation1 for Basic with a /29", () => {
    const stack = newStack();
    gateway(stack, "B", "10.2.0.0/16", "10.2.255.0/29", { sku: "Basic" });
    const ips = resources(stack, "azurerm_public_ip");
    expect(ips.every((ip) => ip.zones === undefined && ip.sku === "Standard")).toBe(true);
    const gws = resources(stack, "azurerm_virtual_network_gateway");
    expect(gws.find((g) => g.sku === "Basic")!.generation).toBe("Generation1");
  });

  it("uses the network's existing GatewaySubnet (name compared case-insensitively)", () => {
    const stack = newStack();
    const net = new Vnet(stack, "Net", {
      name: "vnet",
      resourceGroupName: "rg",
      location: "eastus",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "gatewaySubnet", addressPrefixes: ["10.0.255.0/26"] }],
    });
    const gw = new VpnGateway(stack, "Gw", { vnet: net, name: "vgw" });
    expect(gw.gatewaySubnet).toBe(net.findSubnet("GatewaySubnet"));
    expect(resources(stack, "azurerm_subnet")).toHaveLength(1);
  });

  it("does not guess a SKU given as a variable", () => {
    const stack = newStack();
    const sku = new TerraformVariable(stack, "sku", { type: "string" });
    expect(() =>
      gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", {
        sku: sku.stringValue as VpnGatewaySku,
        generation: "Generation1",
      }),
    ).not.toThrow();
  });

  it("takes a resource group, region, provider, tags and zonal public IPs", () => {
    const stack = newStack();
    const provider = new AzurermProvider(stack, "hub", { alias: "hub", features: [{}] });
    gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", {
      resourceGroupName: "rg-gateways",
      location: "westus",
      provider,
      tags: { env: "test" },
      publicIpZones: ["2"],
    });
    const [ip] = resources(stack, "azurerm_public_ip");
    expect(ip).toMatchObject({
      resource_group_name: "rg-gateways",
      location: "westus",
      zones: ["2"],
      tags: { env: "test" },
      provider: "azurerm.hub",
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, {
      resource_group_name: "rg-gateways",
      location: "westus",
      tags: { env: "test" },
      provider: "azurerm.hub",
    });
  });

  it("matches its HCL snapshot", () => {
    const stack = newStack();
    gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", { activeActive: true, bgp: { asn: 65010 } });
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    const cases: [string, any, string][] = [
      [
        "Generation2 with Basic",
        { sku: "Basic", generation: "Generation2", gatewaySubnetPrefix: "10.0.255.0/29" },
        "[test/Gw] `generation`: 'Generation2' is not available with sku 'Basic' (Generation1 only); use generation 'Generation1' or a Generation2 SKU such as 'VpnGw2AZ'",
      ],
      [
        "Generation2 with VpnGw1",
        { sku: "VpnGw1", generation: "Generation2" },
        "[test/Gw] `generation`: 'Generation2' is not available with sku 'VpnGw1'",
      ],
      [
        "Generation2 with VpnGw1AZ",
        { sku: "VpnGw1AZ", generation: "Generation2" },
        "'Generation2' is not available with sku 'VpnGw1AZ'",
      ],
      [
        "Generation1 with VpnGw4",
        { sku: "VpnGw4", generation: "Generation1" },
        "[test/Gw] `generation`: 'Generation1' is not available with sku 'VpnGw4' (Generation2 only); use generation 'Generation2' or a smaller SKU such as 'VpnGw3AZ'",
      ],
      [
        "Generation1 with VpnGw5AZ",
        { sku: "VpnGw5AZ", generation: "Generation1" },
        "'Generation1' is not available with sku 'VpnGw5AZ'",
      ],
      [
        "active-active on Basic",
        { sku: "Basic", activeActive: true, gatewaySubnetPrefix: "10.0.255.0/29" },
        "[test/Gw] `activeActive`: 'true' is not supported by the Basic SKU; use a VpnGw SKU such as 'VpnGw2AZ' or set activeActive to false",
      ],
      [
        "BGP on Basic",
        { sku: "Basic", bgp: { asn: 65010 }, gatewaySubnetPrefix: "10.0.255.0/29" },
        "[test/Gw] `bgp`: BGP (asn '65010') is not supported by the Basic SKU; use a VpnGw SKU such as 'VpnGw2AZ' or remove bgp",
      ],
      [
        "PolicyBased on VpnGw2AZ",
        { vpnType: "PolicyBased" },
        "[test/Gw] `vpnType`: 'PolicyBased' is only available with the Basic SKU, not 'VpnGw2AZ'; use vpnType 'RouteBased'",
      ],
      [
        "a GatewaySubnet smaller than /27",
        { gatewaySubnetPrefix: "10.0.255.0/28" },
        "[test/Gw] `gatewaySubnetPrefix`: '10.0.255.0/28' is smaller than /27, the smallest GatewaySubnet Azure supports for sku 'VpnGw2AZ'; use a /27 or larger",
      ],
      [
        "a legacy SKU",
        { sku: "Standard" },
        "[test/Gw] `sku`: 'Standard' is a legacy VPN SKU that Azure no longer creates (existing gateways are migrated to 'VpnGw1AZ'); use one of Basic",
      ],
      [
        "an ExpressRoute-only SKU",
        { sku: "ErGw1AZ" },
        "[test/Gw] `sku`: 'ErGw1AZ' is an ExpressRoute-only SKU; use one of Basic",
      ],
      [
        "an unknown SKU",
        { sku: "VpnGw9" },
        "[test/Gw] `sku`: 'VpnGw9' is not a VPN gateway SKU; use one of Basic",
      ],
      [
        "a VPN SKU spelled otherwise",
        { sku: "vpngw2az" },
        "[test/Gw] `sku`: 'vpngw2az' is not spelled as Azure documents it; use one of Basic",
      ],
      [
        "an APIPA address outside Azure's range",
        { bgp: { asn: 65010, peeringAddresses: [{ apipaAddresses: ["169.254.20.1"] }] } },
        "[test/Gw] `bgp.peeringAddresses[0].apipaAddresses`: '169.254.20.1' is outside the range Azure allows for custom APIPA BGP addresses (169.254.21.0-169.254.22.255); choose an address in it",
      ],
      [
        "a duplicated APIPA address",
        { bgp: { asn: 65010, peeringAddresses: [{ apipaAddresses: ["169.254.21.1", "169.254.21.1"] }] } },
        "'169.254.21.1' is listed twice",
      ],
      [
        "two APIPA entries for one instance",
        {
          bgp: {
            asn: 65010,
            peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.21.2"] }],
          },
        },
        "[test/Gw] `bgp.peeringAddresses`: 2 entries for 1 IP configuration(s)",
      ],
      [
        "a peer weight above 100",
        { bgp: { asn: 65010, peerWeight: 101 } },
        "[test/Gw] `bgp.peerWeight`: '101' is out of range; use an integer from 0 to 100",
      ],
      [
        "no zones for an AZ SKU",
        { publicIpZones: [] },
        "[test/Gw] `publicIpZones`: an empty list with sku 'VpnGw2AZ'; AZ SKUs need zonal or zone-redundant public IPs: leave publicIpZones out (all three zones) or give one zone, e.g. ['1']",
      ],
      [
        "zones for a non-AZ SKU",
        { sku: "Basic", publicIpZones: ["1"] },
        "[test/Gw] `publicIpZones`: [1] with sku 'Basic'; non-AZ SKUs refuse zonal public IPs: remove publicIpZones or use an AZ SKU such as 'VpnGw1AZ'",
      ],
      [
        "a retired non-AZ SKU",
        { sku: "VpnGw2" },
        "[test/Gw] `sku`: 'VpnGw2' is a non-AZ SKU, which Azure no longer creates (gateway SKU consolidation); use 'VpnGw2AZ', which has the same price and capacity and is zone-redundant",
      ],
      [
        "an ASN out of range",
        { bgp: { asn: 0 } },
        "[test/Gw] `bgp.asn`: '0' is not a valid ASN; use an integer from 1 to 4294967295",
      ],
      [
        "both a GatewaySubnet prefix and a size",
        { gatewaySubnetSize: 26 },
        "[test/Gw] `gatewaySubnetPrefix` and `gatewaySubnetSize` are both set",
      ],
    ];
    it.each(cases)("for %s", (_name, props, message) => {
      const stack = newStack();
      const net = vnet(stack, "Net", "10.0.0.0/16");
      expect(
        () =>
          new VpnGateway(stack, "Gw", {
            vnet: net,
            name: "vgw",
            gatewaySubnetPrefix: "10.0.255.0/27",
            ...props,
          }),
      ).toThrow(message);
    });

    it.each([8074, 8075, 12076, 65517, 65518, 65519, 65520, 23456, 64496, 64511, 65535, 65551, 4294967295])(
      "for the reserved ASN %d",
      (asn) => {
        const stack = newStack();
        const net = vnet(stack, "Net", "10.0.0.0/16");
        expect(
          () =>
            new VpnGateway(stack, "Gw", {
              vnet: net,
              name: "vgw",
              gatewaySubnetPrefix: "10.0.255.0/27",
              bgp: { asn },
            }),
        ).toThrow(
          new RegExp(
            `^\\[test/Gw\\] \`bgp\\.asn\`: '${asn}' is .* and Azure refuses it for BGP peers; use another ASN, e\\.g\\. a private one in 64512-65514 or 65521-65534$`,
          ),
        );
      },
    );

    it("without a GatewaySubnet prefix when the network has none and its space is a variable", () => {
      const stack = newStack();
      const space = new TerraformVariable(stack, "space", { type: "list(string)" });
      const net = new Vnet(stack, "Net", {
        name: "vnet-net",
        resourceGroupName: "rg",
        location: "eastus",
        addressSpace: space.listValue,
      });
      expect(() => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw" })).toThrow(
        "[test/Gw] `gatewaySubnetPrefix` is required: network 'vnet-net' has no GatewaySubnet and its address space is not known at synth; give a /27 or larger prefix inside the network, e.g. gatewaySubnetPrefix: '10.0.255.0/27'",
      );
    });

    it("for a carved GatewaySubnet smaller than the SKU accepts", () => {
      const stack = newStack();
      const net = vnet(stack, "Net", "10.0.0.0/16");
      expect(() => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw", gatewaySubnetSize: 28 })).toThrow(
        "[test/Gw] `gatewaySubnetSize`: a /28 is smaller than /27, the smallest GatewaySubnet Azure supports for sku 'VpnGw2AZ'; use 27 or less (also the minimum for ExpressRoute coexistence)",
      );
    });

    it("for a carved GatewaySubnet that no longer fits in the network", () => {
      const stack = newStack();
      const net = new Vnet(stack, "Net", {
        name: "vnet-net",
        resourceGroupName: "rg",
        location: "eastus",
        addressSpace: ["10.0.0.0/24"],
        subnets: [{ name: "app", addressPrefixes: ["10.0.0.0/24"] }],
      });
      expect(() => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw" })).toThrow(
        "[test/Net] `subnets`: no free /27 is left in network 'vnet-net' (10.0.0.0/24) for 'GatewaySubnet'; give the network a larger address space or ask for smaller subnets",
      );
    });

    it("for a second gateway in the same network", () => {
      const stack = newStack();
      const net = vnet(stack, "Net", "10.0.0.0/16");
      new VpnGateway(stack, "Gw", { vnet: net, name: "vgw", gatewaySubnetPrefix: "10.0.255.0/27" });
      expect(() => new VpnGateway(stack, "Gw2", { vnet: net, name: "vgw2" })).toThrow(
        "[test/Gw2] `vnet`: network 'test/Net' already has the VPN gateway 'test/Gw'; Azure allows one VPN gateway per virtual network",
      );
    });

    it("for a GatewaySubnet prefix next to an existing GatewaySubnet", () => {
      const stack = newStack();
      const net = vnet(stack, "Net", "10.0.0.0/16");
      net.addSubnet("GatewaySubnet", { addressPrefixes: ["10.0.254.0/27"] });
      expect(
        () => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw", gatewaySubnetPrefix: "10.0.255.0/27" }),
      ).toThrow(
        "`gatewaySubnetPrefix`: '10.0.255.0/27' is given but the gateway already has a GatewaySubnet",
      );
    });

    it("for a given subnet not named GatewaySubnet", () => {
      const stack = newStack();
      const net = vnet(stack, "Net", "10.0.0.0/16");
      const other = net.addSubnet("gw", { addressPrefixes: ["10.0.254.0/27"] });
      expect(() => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw", gatewaySubnet: other })).toThrow(
        "[test/Gw] `gatewaySubnet`: subnet 'gw' is not named GatewaySubnet; Azure deploys gateways only into a subnet named GatewaySubnet",
      );
    });

    it("for an existing network known only by id", () => {
      const stack = newStack();
      const net = Vnet.fromId(stack, "X", {
        vnetId: "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/x",
      });
      expect(
        () => new VpnGateway(stack, "Gw", { vnet: net, name: "vgw", gatewaySubnetPrefix: "10.0.255.0/27" }),
      ).toThrow(
        "[test/Gw] `vnet`: 'test/X' is an existing network (Vnet.fromId); a gateway needs a GatewaySubnet this app creates",
      );
    });
  });
});
