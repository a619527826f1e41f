import { Vnet, VpnGateway } from "../../../../index";
import { GatewaySubnetSize } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { hub, ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySubnetSize;
const SUBNET = "azurerm_subnet.gw";

describe("GatewaySubnet.Size", () => {
  test("fails: a /28 GatewaySubnet for a VpnGw2AZ gateway (only Basic may go below /27)", () => {
    const [f, ...rest] = findings(hub({}, "10.0.255.0/28"), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      SUBNET,
      "subnet GatewaySubnet of network hub",
      "10.0.255.0/28",
      "/27",
      "vgw-hub (sku VpnGw2AZ)",
    );
    expect(f.values).toMatchObject({ prefix: "10.0.255.0/28", minimum: "/27" });
  });

  test("fails: a /30 GatewaySubnet even for the Basic SKU (/29 is the smallest)", () => {
    const d = hub({ sku: "Basic", generation: "Generation1" }, "10.0.255.0/30");
    const [f] = findings(d, RULE);
    expectFinding(f, RULE, SUBNET, "10.0.255.0/30", "/29", "sku Basic");
  });

  test("fails: a /30 GatewaySubnet no gateway uses yet", () => {
    const d = tfDoc(vnet("hub", ["10.0.0.0/16"]), subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/30"]));
    const [f] = findings(d, RULE);
    expectFinding(f, RULE, SUBNET, "10.0.255.0/30", "/29");
  });

  test("passes: /27 and larger for VpnGw2AZ, /29 for Basic, /28 for an unused GatewaySubnet", () => {
    expect(findings(hub(), RULE)).toEqual([]);
    expect(findings(hub({}, "10.0.255.0/26"), RULE)).toEqual([]);
    expect(findings(hub({ sku: "Basic", generation: "Generation1" }, "10.0.255.0/29"), RULE)).toEqual([]);
    const unused = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/28"]),
    );
    expect(findings(unused, RULE)).toEqual([]);
  });

  test("unknown: a /28 with the SKU from a variable, and prefixes from a variable, are unverifiable", () => {
    const skuVar = run(hub({ sku: ref("var.sku") }, "10.0.255.0/28"), RULE);
    expect(skuVar.findings).toEqual([]);
    expect(skuVar.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.sku")]);
    const prefixVar = run(hub({}, ref("var.gateway_prefix")), RULE);
    expect(prefixVar.findings).toEqual([]);
    expect(prefixVar.unverifiable).toHaveLength(1);
    expect(prefixVar.unverifiable[0].what).toContain("var.gateway_prefix");
  });

  test("constructs: VpnGateway refuses a /28 at construction; the rule still catches it through the escape hatch", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    expect(
      () =>
        new VpnGateway(stack, "bad", { vnet: net, name: "vgw-bad", gatewaySubnetPrefix: "10.0.254.0/28" }),
    ).toThrow(/smaller than \/27/);
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    expect(checkApp(app, RULE).findings).toEqual([]);
    gw.gatewaySubnet.addOverride("address_prefixes", ["10.0.255.0/28"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/hub/Subnet-GatewaySubnet", "10.0.255.0/28", "gateway vgw-hub (sku VpnGw2AZ)");
  });
});
