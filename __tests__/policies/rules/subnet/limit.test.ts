import { Vnet } from "../../../../index";
import { SubnetLimit } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { Json, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SubnetLimit;

/** Network `hub` (10.0.0.0/8) with `n` /29 subnets, `inline` of them as inline blocks. */
function net(n: number, inline = 0): Json {
  const prefix = (i: number) => `10.${(i >> 5) & 255}.${(i >> 13) & 255}.${(i & 31) * 8}/29`;
  const blocks = Array.from({ length: inline }, (_, i) => ({
    name: `in${i}`,
    address_prefixes: [prefix(i)],
  }));
  const subs = Array.from({ length: n - inline }, (_, i) =>
    subnet(`s${i}`, "hub", `snet-${i}`, [prefix(inline + i)]),
  );
  return tfDoc(vnet("hub", ["10.0.0.0/8"], inline ? { subnet: blocks } : {}), ...subs);
}

describe("Subnet.Limit", () => {
  test("fails: more than 3,000 subnets declared in one network (resources and inline blocks)", () => {
    const [f, ...rest] = findings(net(3001, 1), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network.hub",
      "network hub has 3001 subnets declared",
      "at most 3000",
    );
  });

  test("passes: 3,000 subnets", () => {
    expect(run(net(3000), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: subnets of an existing network are not counted (only declared ones), never a finding", () => {
    expect(run(tfDoc(vnet("hub", ["10.0.0.0/16"]), subnet("a", "hub", "a", ["10.0.0.0/24"])), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("constructs: a Vnet's subnets are counted; inline subnets added through the escape hatch too", () => {
    // The Vnet construct refuses subnet 3,001 with the same constant (core/azure/limits.ts); adding
    // 3,000 subnets through it is too slow for a unit test, so the refusal is checked on raw input only.
    const { app, stack } = constructApp();
    const v = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/8"],
      subnets: [{ name: "app", addressPrefixes: ["10.0.0.0/24"] }],
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    const blocks = Array.from({ length: 3001 }, (_, i) => ({
      name: `in${i}`,
      address_prefixes: [`10.${1 + (i >> 8)}.${i & 255}.0/29`],
    }));
    v.resource.addOverride("subnet", blocks);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/hub/Resource", "network vnet-hub has 3002 subnets declared");
  });
});
