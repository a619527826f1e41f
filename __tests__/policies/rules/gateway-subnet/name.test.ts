import { Vnet, VpnGateway } from "../../../../index";
import { applyConnectivityPolicies } from "../../../../policies/aspect";
import { GatewaySubnetName } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  armVnetId,
  gateway,
  hub,
  publicIp,
  ref,
  subnet,
  tfDoc,
  vnet,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySubnetName;
const GW = "azurerm_virtual_network_gateway.hub";
const ARM_VNET = armVnetId("hub-existing");

describe("GatewaySubnet.Name", () => {
  test("fails: the gateway's ip_configuration uses a subnet named snet-gateway", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "snet-gateway", ["10.0.255.0/27"]),
      publicIp("pip1"),
      gateway("hub", { subnets: ["gw"], pips: ["pip1"] }),
    );
    const [f, ...rest] = findings(d, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub",
      "subnet snet-gateway of network hub",
      "ipconfig1",
      "GatewaySubnet",
    );
    expect(f.severity).toBe("error");
    expect(f.values).toMatchObject({ gateway: "vgw-hub", subnet: "snet-gateway", network: "hub" });
  });

  test("fails: a literal subnet id whose last segment is not GatewaySubnet", () => {
    const d = tfDoc(
      publicIp("pip1"),
      gateway("hub", { pips: ["pip1"], subnets: [`${ARM_VNET}/subnets/default`] }),
    );
    const [f] = findings(d, RULE);
    expectFinding(f, RULE, GW, "subnet default", "hub-existing");
  });

  test("passes: GatewaySubnet, in any letter case, as a resource or a literal id", () => {
    expect(findings(hub(), RULE)).toEqual([]);
    const lower = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "gatewaysubnet", ["10.0.255.0/27"]),
      publicIp("pip1"),
      gateway("hub", { subnets: ["gw"], pips: ["pip1"] }),
    );
    expect(findings(lower, RULE)).toEqual([]);
    const literal = tfDoc(
      publicIp("pip1"),
      gateway("hub", { pips: ["pip1"], subnets: [`${ARM_VNET}/subnets/GatewaySubnet`] }),
    );
    expect(findings(literal, RULE)).toEqual([]);
  });

  test("unknown: a subnet id from a variable gives no finding and is reported unverifiable", () => {
    const d = tfDoc(
      publicIp("pip1"),
      gateway("hub", { pips: ["pip1"], subnets: [ref("var.gateway_subnet_id")] }),
    );
    const report = run(d, RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toHaveLength(1);
    expect(report.unverifiable[0]).toMatchObject({ ruleId: RULE.id, path: GW });
    expect(report.unverifiable[0].what).toContain("var.gateway_subnet_id");
  });

  test("constructs: a GatewaySubnet renamed through the escape hatch fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    expect(checkApp(app, RULE).findings).toEqual([]);
    gw.gatewaySubnet.addOverride("name", "snet-gateway");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/gw/Resource", "gateway vgw-hub", "subnet snet-gateway of network vnet-hub");
    applyConnectivityPolicies(app, { rules: [RULE], writeReport: false });
    expect(() => app.synth()).toThrow(/GatewaySubnet\.Name: gateway vgw-hub uses subnet snet-gateway/);
  });
});
