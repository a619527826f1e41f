import { Vnet, VpnGateway } from "../../../../index";
import { GatewayPublicIp } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  GatewayOpts,
  armId,
  azurermVersion,
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
    expectFinding(
      f,
      RULE,
      PIP,
      "public IP pip-pip1",
      "gateway vgw-hub (sku VpnGw2AZ)",
      "sku Basic",
      "can no longer be created (since 31 March 2025)",
      "PublicIpWithBasicSkuNotAllowedOnVPNGateways",
    );
    expect(f.severity).toBe("error");
  });

  test("fails: a Basic or Dynamic public IP on a Basic gateway (they can no longer be created)", () => {
    const basic = hubWithIp(
      { sku: "Basic", allocation_method: "Dynamic", zones: undefined },
      { sku: "Basic", generation: "Generation1" },
    );
    const found = findings(basic, RULE);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("has sku Basic; Basic SKU public IPs can no longer be created"),
      expect.stringContaining("has allocation_method Dynamic; Dynamic allocation exists only on Basic"),
    ]);
    expect(found[0].message).not.toContain("PublicIpWithBasicSkuNotAllowedOnVPNGateways");
  });

  test("fails: a public IP without sku in a configuration that pins azurerm 3.x (its default is Basic)", () => {
    for (const pin of ["~> 3.100", "3.117.1", ">= 3.0, < 4.0"]) {
      const [f, ...rest] = findings(tfDoc(azurermVersion(pin), hubWithIp({ sku: undefined })), RULE);
      expect(rest).toEqual([]);
      expectFinding(
        f,
        RULE,
        PIP,
        "has sku Basic (no sku: the default of azurerm 3.x",
        `pins with '${pin}'`,
        "PublicIpWithBasicSkuNotAllowedOnVPNGateways",
      );
    }
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

  test("passes: Standard static zonal IPs, active-active with two, unset sku under azurerm 4.x, a Basic gateway with a Standard IP, ExpressRoute gateways (Gateway.SkuForType)", () => {
    expect(run(hub(), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(findings(hub({ pips: ["pip1", "pip2"] }), RULE)).toEqual([]);
    for (const pin of ["4.55.0", "~> 4.0", ">= 4.1, < 5"])
      expect(run(tfDoc(azurermVersion(pin), hubWithIp({ sku: undefined })), RULE)).toEqual({
        findings: [],
        unverifiable: [],
      });
    expect(findings(hubWithIp({ zones: undefined }, { sku: "VpnGw2" }), RULE)).toEqual([]);
    const basic = hubWithIp({ zones: undefined }, { sku: "Basic", generation: "Generation1" });
    expect(run(basic, RULE)).toEqual({ findings: [], unverifiable: [] });
    const er = {
      sku: "ErGw1AZ",
      extra: { type: "ExpressRoute", vpn_type: undefined, generation: undefined },
    };
    expect(run(hubWithIp({ sku: "Basic" }, er), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("a dynamic ip_configuration block: the count is not verifiable, never '0 ip_configuration blocks'", () => {
    const doc = hub();
    const body = doc.resource.azurerm_virtual_network_gateway.hub;
    body.dynamic = { ip_configuration: { for_each: ref("var.configs"), content: body.ip_configuration } };
    delete body.ip_configuration;
    const r = run(doc, RULE);
    expect(r.findings).toEqual([]);
    // The rule says what it could not count; the front end also lists the block it could not expand.
    expect(r.unverifiable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: GW,
          what: expect.stringContaining('a dynamic "ip_configuration" block'),
        }),
      ]),
    );
  });

  test("unknown: an IP without sku in a configuration that pins no azurerm version, or several majors", () => {
    for (const doc of [
      hubWithIp({ sku: undefined }),
      tfDoc(azurermVersion(">= 3.0"), hubWithIp({ sku: undefined })),
    ]) {
      const r = run(doc, RULE);
      expect(r.findings).toEqual([]);
      expect(r.unverifiable).toEqual([
        expect.objectContaining({
          path: PIP,
          what: expect.stringMatching(
            /it has no sku, whose default depends on the azurerm version .*(pins no azurerm version|more than one major)/,
          ),
        }),
      ]);
    }
  });

  test("unknown: a StandardV2 public IP (not documented for gateways)", () => {
    const r = run(hubWithIp({ sku: "StandardV2" }), RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("of sku StandardV2")]);
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

  test("constructs: cdktf pins azurerm 4.x, so an IP whose sku is removed is Standard; pinned to 3.x it is Basic", () => {
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
    gw.publicIps[0].resetSku();
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    stack.addOverride("terraform.required_providers.azurerm.version", "~> 3.117");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw/PublicIp1",
      "has sku Basic (no sku: the default of azurerm 3.x",
      "'~> 3.117'",
    );
  });
});
