import { Vnet } from "../../../../index";
import { AddressSpaceReserved } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = AddressSpaceReserved;
const NET = "azurerm_virtual_network.hub";

describe("AddressSpace.Reserved", () => {
  test.each([
    ["224.1.0.0/16", "224.0.0.0/4", "multicast"],
    ["127.0.0.0/8", "127.0.0.0/8", "loopback"],
    ["169.254.0.0/24", "169.254.0.0/16", "link-local"],
    ["168.63.128.0/23", "168.63.129.16/32", "internal DNS"],
    ["255.255.255.255/32", "255.255.255.255/32", "broadcast"],
  ])("fails: VNet address space %s overlaps %s", (space, reserved, why) => {
    const [f, ...rest] = findings(vnet("hub", ["10.0.0.0/16", space]), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, NET, `network hub has address space ${space}`, reserved, why);
    expect(f.values).toMatchObject({ network: "hub", prefix: space, reserved });
  });

  test("fails: a subnet resource and an inline subnet in a reserved range", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"], { subnet: [{ name: "inline", address_prefixes: ["169.254.1.0/24"] }] }),
      subnet("app", "hub", "app", ["127.0.0.0/24"]),
    );
    const found = findings(d, RULE);
    expect(found).toHaveLength(2);
    expectFinding(found[1], RULE, NET, "inline subnet inline of network hub has prefix 169.254.1.0/24");
    expectFinding(
      found[0],
      RULE,
      "azurerm_subnet.app",
      "subnet app of network hub",
      "127.0.0.0/24",
      "loopback",
    );
  });

  test("fails: invalid CIDR text and host bits set", () => {
    const found = findings(vnet("hub", ["10.0.0/16", "10.1.0.5/16"]), RULE);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("'10.0.0/16' is not a valid CIDR block"),
      expect.stringContaining("'10.1.0.5/16' has host bits set; did you mean '10.1.0.0/16'?"),
    ]);
    for (const f of found) expectFinding(f, RULE, NET, "InvalidAddressPrefixFormat");
  });

  test("passes: private ranges, RFC 6598 space, IPv6, and data sources are not checked", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16", "100.64.0.0/10", "fd00:db8::/48"]),
      subnet("app", "hub", "app", ["10.0.1.0/24", "fd00:db8::/64"]),
    );
    expect(findings(d, RULE)).toEqual([]);
  });

  test("unknown: an address space from a variable is unverifiable", () => {
    const report = run(vnet("hub", ref("var.address_space")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.address_space")]);
  });

  test("constructs: Vnet refuses a reserved range; an override through the escape hatch fails synth", () => {
    const { app, stack } = constructApp();
    const props = { name: "vnet-hub", resourceGroupName: "rg-net", location: "westeurope" };
    expect(() => new Vnet(stack, "bad", { ...props, addressSpace: ["169.254.0.0/16"] })).toThrow(
      /169\.254\.0\.0\/16/,
    );
    const net = new Vnet(stack, "hub", { ...props, addressSpace: ["10.0.0.0/16"] });
    expect(checkApp(app, RULE).findings).toEqual([]);
    net.resource.addOverride("address_space", ["10.0.0.0/16", "224.0.0.0/24"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/hub/Resource",
      "network vnet-hub has address space 224.0.0.0/24",
      "multicast",
    );
  });
});
