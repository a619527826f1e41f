import { Vnet, VpnGateway } from "../../../../index";
import { GatewayPublicIp } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  GatewayOpts,
  armId,
  gateway,
  hub,
  publicIp,
  ref,
  subnet,
  tfDoc,
  vnet,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayPublicIp;
const GW = "azurerm_virtual_network_gateway.hub";
const PIP = "azurerm_public_ip.pip1";

/** The hub with its public IP replaced. */
function hubWithIp(ipExtra: Record<string, unknown>, gw: GatewayOpts = {}) {
  return tfDoc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
    publicIp("pip1", ipExtra),
    gateway("hub", { subnets: ["gw"], pips: ["pip1"], ...gw }),
  );
}

describe("Gateway.PublicIp", () => {
  test("fails: a Basic-SKU public IP on a VpnGw2AZ gateway", () => {
    const [f, ...rest] = findings(hubWithIp({ sku: "Basic", allocation_method: "Static" }), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, PIP, "public IP pip-pip1", "gateway vgw-hub (sku VpnGw2AZ)", "sku Basic");
    expect(f.severity).toBe("error");
  });

  test("fails: a dynamically allocated public IP", () => {
    const found = findings(hubWithIp({ sku: "Basic", allocation_method: "Dynamic" }), RULE);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("has sku Basic"),
      expect.stringContaining("has allocation_method Dynamic"),
    ]);
  });

  test("fails: active-active with one IP configuration, active-standby with two, one IP used twice", () => {
    const [aa] = findings(hub({ extra: { active_active: true } }), RULE);
    expectFinding(aa, RULE, GW, "vgw-hub is active-active with 1 ip_configuration", "exactly 2");
    const [as] = findings(hub({ pips: ["pip1", "pip2"], extra: { active_active: false } }), RULE);
    expectFinding(as, RULE, GW, "is active-standby with 2 ip_configuration", "exactly 1");
    const [twice] = findings(hub({ pips: ["pip1", "pip1"] }), RULE);
    expectFinding(twice, RULE, GW, "uses public IP pip-pip1", "more than one ip_configuration");
  });

  test("warns: an AZ SKU with a public IP that lists no zones", () => {
    const [f] = findings(hubWithIp({ zones: undefined }), RULE);
    expectFinding(f, RULE, PIP, "zone-redundant sku VpnGw2AZ", "no zones");
    expect(f.severity).toBe("warning");
  });

  test("passes: Standard static zonal IPs, active-active with two, unset sku (Standard in azurerm 4.x), Basic gateways", () => {
    expect(findings(hub(), RULE)).toEqual([]);
    expect(findings(hub({ pips: ["pip1", "pip2"] }), RULE)).toEqual([]);
    expect(findings(hubWithIp({ sku: undefined }), RULE)).toEqual([]);
    expect(findings(hubWithIp({ zones: undefined }, { sku: "VpnGw2" }), RULE)).toEqual([]);
    const basic = hubWithIp(
      { sku: "Basic", allocation_method: "Dynamic", zones: undefined },
      { sku: "Basic", generation: "Generation1" },
    );
    expect(findings(basic, RULE)).toEqual([]);
  });

  test("unknown: the IP's sku from a variable, or an IP known only by id, are unverifiable", () => {
    const v = run(hubWithIp({ sku: ref("var.pip_sku") }), RULE);
    expect(v.findings).toEqual([]);
    expect(v.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.pip_sku")]);
    const id = armId("publicIPAddresses", "pip-existing");
    const byId = run(hub({ pips: [id] }), RULE);
    expect(byId.findings).toEqual([]);
    expect(byId.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("pip-existing")]);
  });

  test("constructs: VpnGateway creates Standard static zonal IPs; overriding one to Basic/Dynamic fails synth", () => {
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
      activeActive: true,
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    expect(checkApp(app, RULE).findings).toEqual([]);
    gw.publicIps[1].addOverride("sku", "Basic");
    gw.publicIps[1].addOverride("allocation_method", "Dynamic");
    const found = checkApp(app, RULE).findings;
    expect(found).toHaveLength(2);
    for (const f of found)
      expectFinding(f, RULE, "net/gw/PublicIp2", "public IP vgw-hub-pip2", "gateway vgw-hub (sku VpnGw2AZ)");
  });
});
