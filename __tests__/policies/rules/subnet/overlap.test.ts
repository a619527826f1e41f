import { Vnet } from "../../../../index";
import { SubnetOverlap } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SubnetOverlap;

describe("Subnet.Overlap", () => {
  test("fails: two subnets of one network overlap", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("a", "hub", "app", ["10.0.1.0/24"]),
      subnet("b", "hub", "db", ["10.0.1.128/25"]),
    );
    const [f, ...rest] = findings(d, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_subnet.b",
      "subnet app (10.0.1.0/24) and subnet db (10.0.1.128/25) of network hub overlap",
    );
    expect(f.values).toEqual({
      network: "hub",
      subnet: "app",
      prefix: "10.0.1.0/24",
      otherSubnet: "db",
      otherPrefix: "10.0.1.128/25",
    });
  });

  test("fails: an inline subnet and a subnet resource, one finding per overlapping pair", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"], { subnet: [{ name: "inline", address_prefixes: ["10.0.0.0/22"] }] }),
      subnet("a", "hub", "a", ["10.0.1.0/24"]),
      subnet("b", "hub", "b", ["10.0.2.0/24"]),
      subnet("c", "hub", "c", ["10.0.8.0/24"]),
    );
    const found = findings(d, RULE);
    expect(found).toHaveLength(2);
    for (const f of found) expectFinding(f, RULE, f.path, "subnet inline (10.0.0.0/22)");
  });

  test("passes: adjacent subnets; overlapping subnets of different networks", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      subnet("a", "hub", "a", ["10.0.0.0/25"]),
      subnet("b", "hub", "b", ["10.0.0.128/25"]),
      subnet("c", "spoke", "a", ["10.0.0.0/24"]),
    );
    expect(findings(d, RULE)).toEqual([]);
  });

  test("unknown: a sibling's prefixes from a variable are unverifiable", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("a", "hub", "a", ["10.0.0.0/24"]),
      subnet("b", "hub", "b", ref("var.b_prefixes")),
    );
    const report = run(d, RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.b_prefixes")]);
  });

  test("constructs: Vnet refuses overlapping subnets; an override through the escape hatch fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnets: [
        { name: "app", addressPrefixes: ["10.0.1.0/24"] },
        { name: "db", addressPrefixes: ["10.0.2.0/24"] },
      ],
    });
    expect(() => net.addSubnet("web", { addressPrefixes: ["10.0.1.0/25"] })).toThrow(/overlaps subnet 'app'/);
    expect(checkApp(app, RULE).findings).toEqual([]);
    net.subnets.db.addOverride("address_prefixes", ["10.0.1.64/26"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/hub/Subnet-db",
      "subnet app (10.0.1.0/24) and subnet db (10.0.1.64/26) of network vnet-hub",
    );
  });
});
