import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformVariable } from "cdktf";
import { VirtualNetworkGateway } from "@cdktf/provider-azurerm/lib/virtual-network-gateway";
import {
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetToVnetConnection,
  VnetToVnetIpsecConnection,
  VpnGateway,
  VpnNatRule,
} from "../../index";
import { gateway, newStack, resources, vnet } from "../../test-utils/vpn";

const SUB =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network";
const GW_ID = `${SUB}/virtualNetworkGateways/vgw-hub`;
const SITE_ID = `${SUB}/localNetworkGateways/lng-dc1`;
const VNET_ID = `${SUB}/virtualNetworks/vnet-hub`;
const PIP_ID = (n: number) => `${SUB}/publicIPAddresses/pip-${n}`;

describe("VpnGateway.fromId and fromAttributes", () => {
  it("read the name and resource group from the id and create nothing", () => {
    const stack = newStack();
    const gw = VpnGateway.fromId(stack, "Gw", GW_ID);
    expect(gw).toMatchObject({
      gatewayId: GW_ID,
      gatewayName: "vgw-hub",
      resourceGroupName: "rg-hub",
      isExisting: true,
      bgpPeeringAddresses: [],
      publicIpAddresses: [],
    });
    expect(gw.sku).toBeUndefined();
    expect(gw.location).toBeUndefined();
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  it("take the region and provider of the gateway's network when not given", () => {
    const stack = newStack();
    const hub = Vnet.fromId(stack, "Hub", { vnetId: VNET_ID, location: "westeurope" });
    const gw = VpnGateway.fromAttributes(stack, "Gw", {
      gatewayId: GW_ID,
      vnet: hub,
      sku: "VpnGw2AZ",
      bgpAsn: 65010,
    });
    expect(gw).toMatchObject({ location: "westeurope", vnet: hub, sku: "VpnGw2AZ", bgpAsn: 65010 });
  });

  it("carry connections and NAT rules on an existing gateway (HCL snapshot)", () => {
    const stack = newStack();
    const gw = VpnGateway.fromAttributes(stack, "Gw", {
      gatewayId: GW_ID,
      location: "westeurope",
      sku: "VpnGw2AZ",
    });
    const site = new LocalSite(stack, "Dc2", {
      name: "lng-dc2",
      resourceGroupName: "rg-hub",
      location: "westeurope",
      gatewayAddress: "203.0.113.20",
      addressSpace: ["192.168.20.0/24"],
    });
    const rule = new VpnNatRule(stack, "Nat", {
      gateway: gw,
      name: "dc2",
      mode: "IngressSnat",
      internalMappings: [{ addressSpace: "192.168.20.0/24" }],
      externalMappings: [{ addressSpace: "100.64.20.0/24" }],
    });
    new SiteToSiteConnection(stack, "ToDc2", {
      gateway: gw,
      site,
      sharedKey: SharedKey.fromVariable(stack, "dc2_psk"),
      natRules: { ingress: [rule] },
    });
    const [connection] = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(connection).toMatchObject({
      name: "vgw-hub-to-lng-dc2",
      location: "westeurope",
      resource_group_name: "rg-hub",
      virtual_network_gateway_id: GW_ID,
    });
    expect(resources(stack, "azurerm_virtual_network_gateway_nat_rule")[0].virtual_network_gateway_id).toBe(
      GW_ID,
    );
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  it("join a new gateway by VNet-to-VNet, and by IPsec when its public IP and network are known", () => {
    const stack = newStack();
    const mine = gateway(stack, "Branch", "10.50.0.0/16", "10.50.255.0/27", { location: "westeurope" });
    const hub = Vnet.fromId(stack, "Hub", {
      vnetId: VNET_ID,
      addressSpace: ["10.0.0.0/22"],
      location: "westeurope",
    });
    const theirs = VpnGateway.fromAttributes(stack, "Gw", {
      gatewayId: GW_ID,
      vnet: hub,
      publicIpAddresses: ["203.0.113.5"],
    });
    new VnetToVnetConnection(stack, "V2v", {
      local: mine,
      remote: theirs,
      sharedKey: SharedKey.generate(stack, "k1"),
    });
    const other = gateway(stack, "Other", "10.60.0.0/16", "10.60.255.0/27", { location: "westeurope" });
    new VnetToVnetIpsecConnection(stack, "Ipsec", {
      local: other,
      remote: theirs,
      sharedKey: SharedKey.generate(stack, "k2"),
    });
    const sites = resources(stack, "azurerm_local_network_gateway");
    expect(sites.find((s) => s.name === "lng-vgw-hub")).toMatchObject({
      gateway_address: "203.0.113.5",
      address_space: ["10.0.0.0/22"],
    });
  });

  describe("fails at construction", () => {
    it.each([
      ["a variable", "`gatewayId` must be a literal resource id"],
      [VNET_ID, `\`gatewayId\`: '${VNET_ID}' is not a virtual network gateway id`],
    ])("for gateway id %s", (id, message) => {
      const stack = newStack();
      const value =
        id === "a variable" ? new TerraformVariable(stack, "id", { type: "string" }).stringValue : id;
      expect(() => VpnGateway.fromId(stack, "Gw", value)).toThrow(`[test/Gw] ${message}`);
    });

    it("for a second gateway in a network, existing or new", () => {
      const stack = newStack();
      const hub = Vnet.fromId(stack, "Hub", { vnetId: VNET_ID });
      VpnGateway.fromAttributes(stack, "Gw", { gatewayId: GW_ID, vnet: hub });
      expect(() => VpnGateway.fromAttributes(stack, "Gw2", { gatewayId: GW_ID, vnet: hub })).toThrow(
        "[test/Gw2] `vnet`: network 'test/Hub' already has the VPN gateway 'test/Gw'",
      );
      const net = vnet(stack, "Net", "10.1.0.0/16");
      new VpnGateway(stack, "New", { vnet: net, name: "vgw-new" });
      expect(() => VpnGateway.fromAttributes(stack, "Old", { gatewayId: GW_ID, vnet: net })).toThrow(
        "[test/Old] `vnet`: network 'test/Net' already has the VPN gateway 'test/New'",
      );
    });

    it("for an unknown SKU or a bad address", () => {
      expect(() =>
        VpnGateway.fromAttributes(newStack(), "Gw", { gatewayId: GW_ID, sku: "Standard" as any }),
      ).toThrow("[test/Gw] `sku`: 'Standard' is not a VPN gateway SKU");
      expect(() =>
        VpnGateway.fromAttributes(newStack(), "Gw", { gatewayId: GW_ID, publicIpAddresses: ["300.1.1.1"] }),
      ).toThrow("[test/Gw] `publicIpAddresses[0]`");
    });

    it("for a connection on a gateway of unknown region", () => {
      const stack = newStack();
      const gw = VpnGateway.fromId(stack, "Gw", GW_ID);
      const site = LocalSite.fromId(stack, "Site", SITE_ID);
      expect(
        () =>
          new SiteToSiteConnection(stack, "C", {
            gateway: gw,
            site,
            sharedKey: SharedKey.fromVariable(stack, "k"),
          }),
      ).toThrow(
        "[test/C] gateway 'test/Gw' is an existing gateway of unknown region; a connection is created in its gateway's region: give `location` to VpnGateway.fromAttributes",
      );
    });

    it("for an IPsec connection to a gateway whose public IP or network is unknown", () => {
      const stack = newStack();
      const mine = gateway(stack, "Branch", "10.50.0.0/16", "10.50.255.0/27", { location: "westeurope" });
      const noIp = VpnGateway.fromAttributes(stack, "NoIp", { gatewayId: GW_ID, location: "westeurope" });
      expect(
        () =>
          new VnetToVnetIpsecConnection(stack, "A", {
            local: mine,
            remote: noIp,
            sharedKey: SharedKey.generate(stack, "k1"),
          }),
      ).toThrow("[test/A] `remote`: the public IP address of gateway 'test/NoIp' is not known");
      const noNet = VpnGateway.fromAttributes(stack, "NoNet", {
        gatewayId: `${SUB}/virtualNetworkGateways/vgw-2`,
        location: "westeurope",
        publicIpAddresses: ["203.0.113.9"],
      });
      expect(
        () =>
          new VnetToVnetIpsecConnection(stack, "B", {
            local: mine,
            remote: noNet,
            sharedKey: SharedKey.generate(stack, "k2"),
          }),
      ).toThrow("[test/B] the address space of gateway 'test/NoNet''s network is not known");
    });
  });
});

describe("VpnGateway with existing public IPs", () => {
  it("uses them instead of creating public IPs", () => {
    const stack = newStack();
    const net = vnet(stack, "Net", "10.1.0.0/16");
    const gw = new VpnGateway(stack, "Gw", {
      vnet: net,
      name: "vgw",
      activeActive: true,
      existingPublicIps: [
        { publicIpId: PIP_ID(1), ipAddress: "203.0.113.1" },
        { publicIpId: PIP_ID(2), ipAddress: "203.0.113.2" },
      ],
    });
    expect(gw.publicIps).toEqual([]);
    expect(gw.publicIpAddresses).toEqual(["203.0.113.1", "203.0.113.2"]);
    const synth = Testing.synth(stack);
    expect(resources(stack, "azurerm_public_ip")).toEqual([]);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, {
      ip_configuration: [
        expect.objectContaining({ name: "ipconfig1", public_ip_address_id: PIP_ID(1) }),
        expect.objectContaining({ name: "ipconfig2", public_ip_address_id: PIP_ID(2) }),
      ],
    });
  });

  describe("fails at construction", () => {
    const make = (props: object) => () => {
      const stack = newStack();
      new VpnGateway(stack, "Gw", { vnet: vnet(stack, "Net", "10.1.0.0/16"), name: "vgw", ...props });
    };
    it.each([
      [
        { existingPublicIps: [] },
        "`existingPublicIps`: 0 IP(s) for 1 gateway instance(s); give one per instance (two for activeActive)",
      ],
      [
        { existingPublicIps: [{ publicIpId: VNET_ID }] },
        `\`existingPublicIps[0].publicIpId\`: '${VNET_ID}' is not a public IP id`,
      ],
      [
        { activeActive: true, existingPublicIps: [{ publicIpId: PIP_ID(1) }, { publicIpId: PIP_ID(1) }] },
        `\`existingPublicIps\`: '${PIP_ID(1)}' is given twice`,
      ],
      [
        { existingPublicIps: [{ publicIpId: PIP_ID(1) }], publicIpZones: ["1"] },
        "`publicIpZones` applies to the public IPs the gateway creates",
      ],
      [
        { existingPublicIps: [{ publicIpId: PIP_ID(1), ipAddress: "nope" }] },
        "`existingPublicIps[0].ipAddress`",
      ],
    ])("for %j", (props, message) => {
      expect(make(props)).toThrow(`[test/Gw] ${message}`);
    });
  });
});

describe("LocalSite.fromId and fromAttributes", () => {
  it("connect an existing site to a new gateway, keeping the BGP checks on what is known", () => {
    const stack = newStack();
    const gw = gateway(stack, "Gw", "10.1.0.0/16", "10.1.255.0/27", { bgp: { asn: 65010 } });
    const site = LocalSite.fromAttributes(stack, "Dc1", {
      siteId: SITE_ID,
      bgpAsn: 65020,
      addressSpace: ["192.168.1.0/24"],
    });
    expect(site).toMatchObject({ siteName: "lng-dc1", resourceGroupName: "rg-hub", isExisting: true });
    new SiteToSiteConnection(stack, "C", {
      gateway: gw,
      site,
      bgp: true,
      sharedKey: SharedKey.fromVariable(stack, "k"),
    });
    expect(resources(stack, "azurerm_virtual_network_gateway_connection")[0]).toMatchObject({
      name: "vgw-gw-to-lng-dc1",
      local_network_gateway_id: SITE_ID,
      enable_bgp: true,
    });
    const same = LocalSite.fromAttributes(stack, "Same", {
      siteId: `${SUB}/localNetworkGateways/lng-x`,
      bgpAsn: 65010,
    });
    expect(
      () =>
        new SiteToSiteConnection(stack, "D", {
          gateway: gw,
          site: same,
          bgp: true,
          sharedKey: SharedKey.fromVariable(stack, "k2"),
        }),
    ).toThrow("[test/D] `bgp`: site 'test/Same' and gateway 'test/Gw' both use ASN '65010'");
    // An existing site's BGP settings are not known unless given: not refused.
    const unknown = LocalSite.fromId(stack, "Unknown", `${SUB}/localNetworkGateways/lng-y`);
    new SiteToSiteConnection(stack, "E", {
      gateway: gw,
      site: unknown,
      bgp: true,
      sharedKey: SharedKey.fromVariable(stack, "k3"),
    });
  });

  it.each([
    ["a variable", "`siteId` must be a literal resource id"],
    [GW_ID, `\`siteId\`: '${GW_ID}' is not a local network gateway id`],
  ])("refuses the site id %s", (id, message) => {
    const stack = newStack();
    const value =
      id === "a variable" ? new TerraformVariable(stack, "id", { type: "string" }).stringValue : id;
    expect(() => LocalSite.fromId(stack, "S", value)).toThrow(`[test/S] ${message}`);
  });

  it("refuses a bad address space or a reserved ASN", () => {
    expect(() =>
      LocalSite.fromAttributes(newStack(), "S", { siteId: SITE_ID, addressSpace: ["10.0.0.1/8"] }),
    ).toThrow("[test/S] `addressSpace`: '10.0.0.1/8' has host bits set");
    expect(() => LocalSite.fromAttributes(newStack(), "S", { siteId: SITE_ID, bgpAsn: 65515 })).toThrow(
      "[test/S] `bgpAsn`",
    );
  });
});
