import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Vnet, VnetProps } from "../../index";

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

const base: VnetProps = {
  name: "vnet-a",
  resourceGroupName: "rg",
  location: "uksouth",
  addressSpace: ["10.0.0.0/16"],
};

describe("Vnet", () => {
  it("synthesizes the network and one azurerm_subnet per subnet", () => {
    const stack = newStack();
    new Vnet(stack, "A", {
      ...base,
      addressSpace: ["10.0.0.0/16", "10.1.0.0/16"],
      subnets: [
        { name: "web", addressPrefixes: ["10.0.1.0/24"] },
        { name: "db", addressPrefixes: ["10.1.1.0/24"] },
      ],
      tags: { env: "test" },
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetwork, {
      name: "vnet-a",
      resource_group_name: "rg",
      location: "uksouth",
      address_space: ["10.0.0.0/16", "10.1.0.0/16"],
      tags: { env: "test" },
    });
    expect(synth).toHaveResourceWithProperties(Subnet, {
      name: "web",
      address_prefixes: ["10.0.1.0/24"],
      virtual_network_name: "${azurerm_virtual_network.A_CCC8ACD5.name}",
    });
    expect(synth).toHaveResourceWithProperties(Subnet, { name: "db", address_prefixes: ["10.1.1.0/24"] });
  });

  it("adds subnets later with addSubnet and finds them case-insensitively", () => {
    const stack = newStack();
    const vnet = new Vnet(stack, "A", base);
    const subnet = vnet.addSubnet("GatewaySubnet", { addressPrefixes: ["10.0.255.0/27"] });
    expect(vnet.findSubnet("gatewaysubnet")).toBe(subnet);
    expect(vnet.findSubnet("nope")).toBeUndefined();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Subnet, { name: "GatewaySubnet" });
  });

  it("accepts a variable address space without guessing it", () => {
    const stack = newStack();
    const space = new TerraformVariable(stack, "space", { type: "list(string)" });
    const vnet = new Vnet(stack, "A", {
      ...base,
      addressSpace: space.listValue,
      subnets: [{ name: "any", addressPrefixes: ["192.168.0.0/24"] }],
    });
    expect(vnet.subnets.any).toBeDefined();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetwork, {
      address_space: "${var.space}",
    });
  });

  it("exposes the underlying resource as an escape hatch", () => {
    const stack = newStack();
    const vnet = new Vnet(stack, "A", base);
    vnet.resource.addOverride("bgp_community", "12076:20000");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetwork, {
      bgp_community: "12076:20000",
    });
  });

  describe("fails at construction", () => {
    it.each([
      [["10.0.0/16"], /\[test\/A\] `addressSpace`: '10.0.0\/16' is not a valid CIDR block/],
      [["10.0.0.1/16"], /`addressSpace`: '10.0.0.1\/16' has host bits set; did you mean '10.0.0.0\/16'\?/],
      [["224.0.0.0/4"], /'224.0.0.0\/4' overlaps 224.0.0.0\/4 \(multicast\), which Azure does not allow/],
      [["127.0.0.0/8"], /loopback/],
      [["169.254.0.0/16"], /link-local/],
      [["168.63.129.16/32"], /Azure's internal DNS/],
      [["255.255.255.255/32"], /broadcast/],
      [["10.0.0.0/8", "10.1.0.0/16"], /'10.1.0.0\/16' overlaps '10.0.0.0\/8' of the same network/],
      [[], /`addressSpace` needs at least one CIDR block/],
    ])("when the address space is %j", (space, message) => {
      expect(() => new Vnet(newStack(), "A", { ...base, addressSpace: space })).toThrow(message);
    });

    it("when a subnet lies outside the network", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            subnets: [{ name: "web", addressPrefixes: ["10.9.0.0/24"] }],
          }),
      ).toThrow(
        "[test/A] `subnet 'web' addressPrefixes`: '10.9.0.0/24' lies outside the network's address space (10.0.0.0/16); choose a prefix inside it or add a range to `addressSpace`",
      );
    });

    it("when sibling subnets overlap", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            subnets: [
              { name: "web", addressPrefixes: ["10.0.0.0/23"] },
              { name: "db", addressPrefixes: ["10.0.1.0/24"] },
            ],
          }),
      ).toThrow("`subnet 'db' addressPrefixes`: '10.0.1.0/24' overlaps subnet 'web' (10.0.0.0/23)");
    });

    it("when a subnet is smaller than /29", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            subnets: [{ name: "tiny", addressPrefixes: ["10.0.0.0/30"] }],
          }),
      ).toThrow(/'10.0.0.0\/30' is smaller than \/29, the smallest IPv4 subnet Azure allows/);
    });

    it("when a subnet has host bits set", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            subnets: [{ name: "web", addressPrefixes: ["10.0.1.7/24"] }],
          }),
      ).toThrow(/did you mean '10.0.1.0\/24'/);
    });

    it("when an IPv6 subnet is not a /64", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            addressSpace: ["10.0.0.0/16", "fd00:db8::/48"],
            subnets: [{ name: "v6", addressPrefixes: ["fd00:db8::/56"] }],
          }),
      ).toThrow(/must be a \/64/);
    });

    it("when a subnet name is used twice", () => {
      const vnet = new Vnet(newStack(), "A", {
        ...base,
        subnets: [{ name: "web", addressPrefixes: ["10.0.1.0/24"] }],
      });
      expect(() => vnet.addSubnet("WEB", { addressPrefixes: ["10.0.2.0/24"] })).toThrow(/declared twice/);
    });

    it("when a required prop is empty", () => {
      expect(() => new Vnet(newStack(), "A", { ...base, name: " " })).toThrow("[test/A] `name` is required");
    });
  });
});

describe("Vnet.fromId", () => {
  const id =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x";

  it("reads name and resource group from the id and creates nothing", () => {
    const stack = newStack();
    const existing = Vnet.fromId(stack, "X", { vnetId: id, addressSpace: ["10.50.0.0/16"] });
    expect(existing).toMatchObject({
      vnetName: "vnet-x",
      resourceGroupName: "rg-x",
      isExisting: true,
      vnetId: id,
    });
    expect(existing.addressSpace).toEqual(["10.50.0.0/16"]);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  it("fails on an id that is not a virtual network's", () => {
    expect(() => Vnet.fromId(newStack(), "X", { vnetId: `${id}/subnets/a` })).toThrow(
      /is not a virtual network id/,
    );
    expect(() => Vnet.fromId(newStack(), "X", { vnetId: "vnet-x" })).toThrow(/is not a virtual network id/);
  });

  it("fails on declared address spaces Azure would refuse", () => {
    expect(() => Vnet.fromId(newStack(), "X", { vnetId: id, addressSpace: ["10.0.0.1/8"] })).toThrow(
      /host bits/,
    );
  });
});

describe("Vnet subnets carved by size", () => {
  const prefixes = (stack: TerraformStack) =>
    Object.fromEntries(
      (Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_subnet) as any[]).map((s) => [
        s.name,
        s.address_prefixes,
      ]),
    );

  it("carves the lowest free blocks around the declared prefixes, GatewaySubnet from the top", () => {
    const stack = newStack();
    const vnet = new Vnet(stack, "A", {
      ...base,
      subnets: [
        { name: "web", size: 24 },
        { name: "fixed", addressPrefixes: ["10.0.0.0/24"] },
        { name: "GatewaySubnet", size: 27 },
        { name: "db", size: 25 },
      ],
    });
    vnet.addSubnet("later", { size: 23 });
    expect(prefixes(stack)).toEqual({
      fixed: ["10.0.0.0/24"],
      web: ["10.0.1.0/24"],
      GatewaySubnet: ["10.0.255.224/27"],
      db: ["10.0.2.0/25"],
      later: ["10.0.4.0/23"],
    });
    expect(vnet.canCarve).toBe(true);
  });

  it("carves an IPv6 /64 from the IPv6 space of a dual-stack network", () => {
    const stack = newStack();
    new Vnet(stack, "A", {
      ...base,
      addressSpace: ["10.0.0.0/24", "fd00:db8::/48"],
      subnets: [
        { name: "v4", size: 26 },
        { name: "v6", size: 64 },
      ],
    });
    expect(prefixes(stack)).toEqual({ v4: ["10.0.0.0/26"], v6: ["fd00:db8::/64"] });
  });

  describe("fails at construction", () => {
    it.each([
      [
        { name: "x", size: 30 },
        "[test/A] `subnet 'x' size`: a /30 is smaller than /29, the smallest IPv4 subnet Azure allows",
      ],
      [
        { name: "x", size: 8 },
        "[test/A] `subnet 'x' size`: a /8 does not fit in the network's address space (10.0.0.0/16)",
      ],
      [{ name: "x", size: 24.5 }, "[test/A] `subnet 'x' size`: '24.5' is not a prefix length"],
      [
        { name: "x", size: 24, addressPrefixes: ["10.0.0.0/24"] },
        "[test/A] subnet 'x': `addressPrefixes` and `size` are both set; give exactly one",
      ],
      [
        { name: "x" },
        "[test/A] subnet 'x': `addressPrefixes` needs at least one CIDR block (or give `size` to carve one)",
      ],
    ])("for %j", (spec, message) => {
      expect(() => new Vnet(newStack(), "A", { ...base, subnets: [spec as any] })).toThrow(message);
    });

    it("when the network is full", () => {
      expect(
        () =>
          new Vnet(newStack(), "A", {
            ...base,
            addressSpace: ["10.0.0.0/24"],
            subnets: [
              { name: "a", size: 25 },
              { name: "b", size: 25 },
              { name: "c", size: 29 },
            ],
          }),
      ).toThrow(
        "[test/A] `subnets`: no free /29 is left in network 'vnet-a' (10.0.0.0/24) for 'c'; give the network a larger address space or ask for smaller subnets",
      );
    });

    it("when the address space is a variable", () => {
      const stack = newStack();
      const space = new TerraformVariable(stack, "space", { type: "list(string)" });
      expect(
        () =>
          new Vnet(stack, "A", {
            ...base,
            addressSpace: space.listValue,
            subnets: [{ name: "x", size: 24 }],
          }),
      ).toThrow(
        "[test/A] `subnet 'x' size`: the network's address space is not known at synth (a token), so no subnet can be carved from it; give `addressPrefixes`",
      );
    });
  });
});
