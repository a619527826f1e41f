import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, dependable } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { Vnet, VnetPeering, VpnGateway } from "../../index";

function setup(): { stack: TerraformStack; a: Vnet; b: Vnet } {
  const stack = new TerraformStack(Testing.app(), "test");
  const a = new Vnet(stack, "A", {
    name: "vnet-a",
    resourceGroupName: "rg-a",
    location: "uksouth",
    addressSpace: ["10.1.0.0/16"],
    subnets: [{ name: "app", addressPrefixes: ["10.1.1.0/24"] }],
  });
  const b = new Vnet(stack, "B", {
    name: "vnet-b",
    resourceGroupName: "rg-b",
    location: "spaincentral",
    addressSpace: ["10.2.0.0/16"],
    subnets: [{ name: "db", addressPrefixes: ["10.2.1.0/24"] }],
  });
  return { stack, a, b };
}

function peerings(stack: TerraformStack): Record<string, any>[] {
  return Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_virtual_network_peering);
}

describe("VnetPeering", () => {
  it("names a network of ours by one reference, shared with its subnets (cdktf traces every new token)", () => {
    const { stack, a, b } = setup();
    const p1 = new VnetPeering(stack, "P", { local: a, remote: b });
    const c = new Vnet(stack, "C", {
      name: "vnet-c",
      resourceGroupName: "rg-c",
      location: "uksouth",
      addressSpace: ["10.3.0.0/16"],
    });
    const p2 = new VnetPeering(stack, "Q", { local: a, remote: c });
    // The same token, not two tokens that resolve to the same text.
    const ref = a.subnets.app.virtualNetworkNameInput;
    expect(p1.localToRemote.virtualNetworkNameInput).toBe(ref);
    expect(p2.localToRemote.virtualNetworkNameInput).toBe(ref);
    expect(p1.remoteToLocal!.virtualNetworkNameInput).toBe(b.subnets.db.virtualNetworkNameInput);
    expect(p1.remoteToLocal!.virtualNetworkNameInput).not.toBe(ref);
    const names = peerings(stack).map((p) => p.virtual_network_name);
    expect(names.sort()).toEqual([
      "${azurerm_virtual_network.A_CCC8ACD5.name}",
      "${azurerm_virtual_network.A_CCC8ACD5.name}",
      "${azurerm_virtual_network.B_08E7C7AF.name}",
      expect.stringMatching(/^\$\{azurerm_virtual_network\.C_[0-9A-F]{8}\.name\}$/),
    ]);
  });

  it("creates both directions with safe defaults from one declaration", () => {
    const { stack, a, b } = setup();
    new VnetPeering(stack, "P", { local: a, remote: b });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-a-to-vnet-b",
      resource_group_name: "rg-a",
      virtual_network_name: "${azurerm_virtual_network.A_CCC8ACD5.name}",
      remote_virtual_network_id: "${azurerm_virtual_network.B_08E7C7AF.id}",
      allow_virtual_network_access: true,
      allow_forwarded_traffic: false,
      allow_gateway_transit: false,
      use_remote_gateways: false,
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-b-to-vnet-a",
      resource_group_name: "rg-b",
      virtual_network_name: "${azurerm_virtual_network.B_08E7C7AF.name}",
      remote_virtual_network_id: "${azurerm_virtual_network.A_CCC8ACD5.id}",
    });
    expect(peerings(stack)).toHaveLength(2);
  });

  it("sets per-direction options: transit on the hub side, remote gateways on the spoke side", () => {
    const { stack, a, b } = setup();
    const p = new VnetPeering(stack, "P", {
      local: a,
      remote: b,
      localToRemote: { allowGatewayTransit: true, allowForwardedTraffic: true, name: "hub-to-spoke" },
      remoteToLocal: { useRemoteGateways: true, allowVirtualNetworkAccess: false },
    });
    expect(p.remoteToLocal).toBeDefined();
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "hub-to-spoke",
      allow_gateway_transit: true,
      allow_forwarded_traffic: true,
      use_remote_gateways: false,
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-b-to-vnet-a",
      use_remote_gateways: true,
      allow_gateway_transit: false,
      allow_virtual_network_access: false,
    });
  });

  it("peers only the named subnets, swapped for the reverse direction", () => {
    const { stack, a, b } = setup();
    new VnetPeering(stack, "P", { local: a, remote: b, subnets: { local: ["app"], remote: ["db"] } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-a-to-vnet-b",
      peer_complete_virtual_networks_enabled: false,
      local_subnet_names: ["app"],
      remote_subnet_names: ["db"],
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-b-to-vnet-a",
      peer_complete_virtual_networks_enabled: false,
      local_subnet_names: ["db"],
      remote_subnet_names: ["app"],
    });
  });

  it("creates each direction with its own network's provider (cross-subscription)", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const p1 = new AzurermProvider(stack, "p1", { alias: "sub1", features: [{}], subscriptionId: "1111" });
    const p2 = new AzurermProvider(stack, "p2", { alias: "sub2", features: [{}], subscriptionId: "2222" });
    const a = new Vnet(stack, "A", {
      name: "vnet-a",
      resourceGroupName: "rg",
      location: "uksouth",
      addressSpace: ["10.1.0.0/16"],
      provider: p1,
    });
    const b = new Vnet(stack, "B", {
      name: "vnet-b",
      resourceGroupName: "rg",
      location: "uksouth",
      addressSpace: ["10.2.0.0/16"],
      provider: p2,
    });
    new VnetPeering(stack, "P", { local: a, remote: b });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-a-to-vnet-b",
      provider: "azurerm.sub1",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-b-to-vnet-a",
      provider: "azurerm.sub2",
    });
  });

  it("peers with an existing network known by id, recording its declared space for the policies", () => {
    const { stack, a } = setup();
    const id = "/subscriptions/2222/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x";
    const x = Vnet.fromId(stack, "X", { vnetId: id, addressSpace: ["10.9.0.0/16"] });
    new VnetPeering(stack, "P", { local: a, remote: x });
    const list = peerings(stack);
    const forward = list.find((p) => p.name === "vnet-a-to-vnet-x")!;
    const reverse = list.find((p) => p.name === "vnet-x-to-vnet-a")!;
    expect(forward.remote_virtual_network_id).toBe(id);
    expect(reverse).toMatchObject({ virtual_network_name: "vnet-x", resource_group_name: "rg-x" });
    const full = a.node.root.node
      .findAll()
      .find((c) => c.node.path === "test/P/LocalToRemote") as VirtualNetworkPeering;
    expect(
      (TerraformStack.of(full).toTerraform() as any).resource.azurerm_virtual_network_peering[
        full.friendlyUniqueId
      ]["//"],
    ).toMatchObject({
      "cdktf-azure-connectivity": { existingNetworks: [{ id, addressSpace: ["10.9.0.0/16"] }] },
    });
  });

  it("creates one direction only when asked", () => {
    const { stack, a, b } = setup();
    const p = new VnetPeering(stack, "P", { local: a, remote: b, createReverse: false });
    expect(p.remoteToLocal).toBeUndefined();
    expect(peerings(stack)).toHaveLength(1);
  });

  describe("fails at construction", () => {
    it("when a network is peered with itself", () => {
      const { stack, a } = setup();
      expect(() => new VnetPeering(stack, "P", { local: a, remote: a })).toThrow(
        "[test/P] `local` and `remote` are the same network",
      );
    });

    it("when useRemoteGateways is set without the other side allowing transit", () => {
      const { stack, a, b } = setup();
      expect(
        () =>
          new VnetPeering(stack, "P", { local: a, remote: b, remoteToLocal: { useRemoteGateways: true } }),
      ).toThrow(
        "`remoteToLocal.useRemoteGateways` is true but `localToRemote.allowGatewayTransit` is not: set `localToRemote: { allowGatewayTransit: true }` on the side that has the gateway",
      );
    });

    it("when one direction both offers and uses a gateway", () => {
      const { stack, a, b } = setup();
      expect(
        () =>
          new VnetPeering(stack, "P", {
            local: a,
            remote: b,
            localToRemote: { allowGatewayTransit: true, useRemoteGateways: true },
          }),
      ).toThrow(/allowGatewayTransit and useRemoteGateways are both true/);
    });

    it("when a peered subnet does not exist", () => {
      const { stack, a, b } = setup();
      expect(
        () =>
          new VnetPeering(stack, "P", { local: a, remote: b, subnets: { local: ["app"], remote: ["web"] } }),
      ).toThrow("`subnets.remote`: network 'vnet-b' has no subnet 'web' (it has: db)");
    });
  });
});

describe("VnetPeering with use_remote_gateways never races the remote gateway", () => {
  const transit = {
    localToRemote: { allowGatewayTransit: true },
    remoteToLocal: { useRemoteGateways: true },
  };
  const spokeSide = (stack: TerraformStack) => peerings(stack).find((p) => p.use_remote_gateways === true)!;

  it.each([
    ["before", true],
    ["after", false],
  ])("depends on the hub's gateway declared %s the peering, in the same stack", (_when, gatewayFirst) => {
    const { stack, a, b } = setup();
    const gw = () =>
      new VpnGateway(stack, "HubGw", { vnet: a, name: "vgw-a", gatewaySubnetPrefix: "10.1.255.0/27" });
    if (gatewayFirst) gw();
    new VnetPeering(stack, "P", { local: a, remote: b, ...transit });
    if (!gatewayFirst) gw();
    expect(spokeSide(stack).depends_on).toEqual([
      expect.stringMatching(/^azurerm_virtual_network_gateway\.HubGw_\w+$/),
    ]);
    // The hub's side (allow_gateway_transit) waits for nothing.
    expect(peerings(stack).find((p) => p.allow_gateway_transit === true)!.depends_on).toBeUndefined();
  });

  it("makes every spoke of a hub depend on its gateway, keeping what the user added", () => {
    const { stack, a, b } = setup();
    const gw = new VpnGateway(stack, "HubGw", {
      vnet: a,
      name: "vgw-a",
      gatewaySubnetPrefix: "10.1.255.0/27",
    });
    const c = new Vnet(stack, "C", {
      name: "vnet-c",
      resourceGroupName: "rg-c",
      location: "uksouth",
      addressSpace: ["10.3.0.0/16"],
    });
    new VnetPeering(stack, "P1", { local: a, remote: b, ...transit });
    const p2 = new VnetPeering(stack, "P2", { local: a, remote: c, ...transit });
    p2.remoteToLocal!.dependsOn = [...(p2.remoteToLocal!.dependsOn ?? []), dependable(gw.publicIps[0])];
    const spokes = peerings(stack).filter((p) => p.use_remote_gateways === true);
    expect(spokes.map((p) => p.depends_on)).toEqual([
      [expect.stringMatching(/^azurerm_virtual_network_gateway\.HubGw_\w+$/)],
      [
        expect.stringMatching(/^azurerm_virtual_network_gateway\.HubGw_\w+$/),
        expect.stringMatching(/^azurerm_public_ip\.HubGw_\w+$/),
      ],
    ]);
  });

  it("makes the spoke's stack depend on the hub's stack when they differ", () => {
    const app = Testing.app();
    const hubStack = new TerraformStack(app, "hub");
    const spokeStack = new TerraformStack(app, "spoke");
    const hub = new Vnet(hubStack, "Hub", {
      name: "vnet-hub",
      resourceGroupName: "rg",
      location: "uksouth",
      addressSpace: ["10.0.0.0/16"],
    });
    new VpnGateway(hubStack, "HubGw", { vnet: hub, name: "vgw-hub" });
    const spoke = new Vnet(spokeStack, "Spoke", {
      name: "vnet-spoke",
      resourceGroupName: "rg",
      location: "uksouth",
      addressSpace: ["10.1.0.0/16"],
    });
    new VnetPeering(spokeStack, "P", { local: hub, remote: spoke, ...transit });
    expect(spokeStack.dependencies).toEqual([hubStack]);
    expect(spokeSide(spokeStack).depends_on).toBeUndefined();
  });

  it("adds nothing for an existing gateway, or without use_remote_gateways", () => {
    const { stack, a, b } = setup();
    const id = "/subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x";
    const x = Vnet.fromId(stack, "X", { vnetId: id });
    VpnGateway.fromAttributes(stack, "XGw", {
      gatewayId:
        "/subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworkGateways/vgw-x",
      vnet: x,
    });
    new VnetPeering(stack, "P", { local: x, remote: b, ...transit });
    new VpnGateway(stack, "AGw", { vnet: a, name: "vgw-a", gatewaySubnetPrefix: "10.1.255.0/27" });
    new VnetPeering(stack, "Q", {
      local: a,
      remote: b,
      localToRemote: { name: "q1" },
      remoteToLocal: { name: "q2" },
    });
    expect(peerings(stack).every((p) => p.depends_on === undefined)).toBe(true);
  });
});
