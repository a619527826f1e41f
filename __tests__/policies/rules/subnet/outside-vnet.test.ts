import { Vnet } from "../../../../index";
import { SubnetOutsideVnet } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { RG, data, ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SubnetOutsideVnet;

describe("Subnet.OutsideVnet", () => {
  test("fails: a subnet resource outside the network's address space", () => {
    const d = tfDoc(vnet("hub", ["10.0.0.0/16"]), subnet("app", "hub", "app", ["10.1.0.0/24"]));
    const [f, ...rest] = findings(d, RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "azurerm_subnet.app", "subnet app of network hub", "10.1.0.0/24", "(10.0.0.0/16)");
    expect(f.values).toMatchObject({
      network: "hub",
      subnet: "app",
      prefix: "10.1.0.0/24",
      addressSpace: "10.0.0.0/16",
    });
  });

  test("fails: a subnet larger than the space that holds its start, and an inline subnet outside", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/24", "10.0.2.0/24"], {
        subnet: [{ name: "inline", address_prefixes: ["192.168.0.0/24"] }],
      }),
      subnet("wide", "hub", "wide", ["10.0.0.0/23"]),
    );
    const found = findings(d, RULE);
    expect(found.map((f) => f.path)).toEqual(["azurerm_subnet.wide", "azurerm_virtual_network.hub"]);
    expectFinding(found[0], RULE, "azurerm_subnet.wide", "10.0.0.0/23", "(10.0.0.0/24, 10.0.2.0/24)");
    expectFinding(
      found[1],
      RULE,
      "azurerm_virtual_network.hub",
      "subnet inline of network hub (inline subnet block)",
      "192.168.0.0/24",
    );
  });

  test("passes: subnets inside any of several spaces, IPv4 and IPv6", () => {
    const d = tfDoc(
      vnet("hub", ["10.2.0.0/16", "10.0.0.0/16", "172.16.0.0/24", "fd00:db8::/48"]),
      subnet("a", "hub", "a", ["10.0.0.0/24"]),
      subnet("b", "hub", "b", ["10.2.255.0/24", "172.16.0.0/25"]),
      subnet("c", "hub", "c", ["fd00:db8::/64"]),
    );
    expect(findings(d, RULE)).toEqual([]);
  });

  test("unknown: a network space from a variable, or a subnet whose network cannot be resolved, are unverifiable", () => {
    const spaceVar = run(
      tfDoc(vnet("hub", ref("var.space")), subnet("a", "hub", "a", ["10.0.0.0/24"])),
      RULE,
    );
    expect(spaceVar.findings).toEqual([]);
    expect(spaceVar.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.space")]);
    const orphan = run(
      tfDoc(subnet("a", "hub", "a", ["10.0.0.0/24"], { virtual_network_name: ref("var.vnet_name") })),
      RULE,
    );
    expect(orphan.findings).toEqual([]);
    expect(orphan.unverifiable).toEqual([expect.objectContaining({ path: "azurerm_subnet.a" })]);
    const existing = run(
      tfDoc(
        data("azurerm_virtual_network", "hub", { name: "hub-existing", resource_group_name: RG }),
        subnet("a", "hub", "a", ["10.0.0.0/24"], {
          virtual_network_name: ref("data.azurerm_virtual_network.hub.name"),
        }),
      ),
      RULE,
    );
    expect(existing.findings).toEqual([]);
    expect(existing.unverifiable).toEqual([
      expect.objectContaining({
        path: "data.azurerm_virtual_network.hub",
        what: expect.stringContaining("read at plan"),
      }),
    ]);
  });

  test("constructs: Vnet refuses a subnet outside its space; an override through the escape hatch fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "app", addressPrefixes: ["10.0.1.0/24"] }],
    });
    expect(() => net.addSubnet("db", { addressPrefixes: ["10.9.0.0/24"] })).toThrow(
      /outside the network's address space/,
    );
    expect(checkApp(app, RULE).findings).toEqual([]);
    net.subnets.app.addOverride("address_prefixes", ["10.9.1.0/24"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/hub/Subnet-app", "subnet app of network vnet-hub", "10.9.1.0/24");
  });
});
