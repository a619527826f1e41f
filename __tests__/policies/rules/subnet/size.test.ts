import { Vnet } from "../../../../index";
import { SubnetSize } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SubnetSize;

function net(prefixes: string[] | string, space = "10.0.0.0/16") {
  return tfDoc(vnet("hub", [space]), subnet("app", "hub", "snet-app", prefixes));
}

describe("Subnet.Size", () => {
  test("fails: an IPv4 subnet smaller than /29 or larger than /2, an IPv6 subnet that is not /64", () => {
    const [f, ...rest] = findings(net(["10.0.0.0/30"]), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "azurerm_subnet.app", "snet-app", "10.0.0.0/30", "smaller than /29");
    const [big] = findings(net(["0.0.0.0/1"], "0.0.0.0/0"), RULE);
    expectFinding(big, RULE, "azurerm_subnet.app", "0.0.0.0/1", "larger than /2");
    const [v6] = findings(net(["10.0.1.0/24", "2001:db8::/56"], "2001:db8::/48"), RULE);
    expectFinding(v6, RULE, "azurerm_subnet.app", "2001:db8::/56", "exactly /64");
    const inline = vnet("hub", ["10.0.0.0/16"], {
      subnet: [{ name: "tiny", address_prefixes: ["10.0.0.0/31"] }],
    });
    expect(findings(inline, RULE).map((x) => x.message)).toEqual([expect.stringContaining("10.0.0.0/31")]);
  });

  test("passes: /29, /2, /64; a GatewaySubnet /30 is left to GatewaySubnet.Size", () => {
    expect(run(net(["10.0.0.0/29", "2001:db8::/64"]), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(net(["0.0.0.0/2"], "0.0.0.0/0"), RULE)).toEqual({ findings: [], unverifiable: [] });
    const gw = tfDoc(vnet("hub", ["10.0.0.0/16"]), subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/30"]));
    expect(findings(gw, RULE)).toEqual([]);
  });

  test("unknown: prefixes from a variable", () => {
    const report = run(net(ref("var.prefixes")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: "azurerm_subnet.app" }),
    ]);
  });

  test("constructs: Vnet refuses the sizes (same predicate); an override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    };
    expect(
      () =>
        new Vnet(stack, "bad", { ...props, subnets: [{ name: "tiny", addressPrefixes: ["10.0.0.0/30"] }] }),
    ).toThrow(/net\/bad.*smaller than \/29/);
    const net = new Vnet(stack, "hub", {
      ...props,
      subnets: [{ name: "app", addressPrefixes: ["10.0.0.0/24"] }],
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    net.subnets.app.addOverride("address_prefixes", ["10.0.0.0/30"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/hub/Subnet-app", "10.0.0.0/30", "smaller than /29");
  });
});
