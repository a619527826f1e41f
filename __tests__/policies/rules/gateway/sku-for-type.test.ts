import { Vnet, VpnGateway } from "../../../../index";
import { GatewaySkuForType } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { erGateway, hub, publicIp, ref, subnet, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySkuForType;
const GW = "azurerm_virtual_network_gateway.hub";
const ER = "azurerm_virtual_network_gateway.er";

/** A network `hub` with an ExpressRoute gateway `er` in its GatewaySubnet `gw`. */
function erHub(extra: Record<string, unknown> = {}) {
  return tfDoc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
    erGateway("er", "gw", extra),
  );
}

describe("Gateway.SkuForType", () => {
  test.each([
    ["Standard", "a legacy VPN SKU that Azure no longer creates (existing ones are migrated to VpnGw1AZ)"],
    ["HighPerformance", "migrated to VpnGw2AZ"],
    ["UltraPerformance", "an ExpressRoute-only SKU"],
    ["ErGw1AZ", "an ExpressRoute-only SKU"],
    ["ErGwScale", "an ExpressRoute-only SKU"],
    ["VpnGw9", "not a VPN gateway SKU"],
  ])("fails: a Vpn gateway with sku %s", (sku, why) => {
    const [f, ...rest] = findings(hub({ sku }), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, GW, `gateway vgw-hub (type Vpn) has sku ${sku}`, why);
    expect(f.severity).toBe("error");
    expect(f.values).toMatchObject({ gateway: "vgw-hub", type: "Vpn", sku });
  });

  test("fails: an ExpressRoute gateway with a VPN SKU, or with a public IP; a gateway of another type", () => {
    const [sku] = findings(erHub({ sku: "VpnGw2AZ" }), RULE);
    expectFinding(
      sku,
      RULE,
      ER,
      "gateway er-er (type ExpressRoute) has sku VpnGw2AZ",
      "not an ExpressRoute gateway SKU",
    );
    const withIp = tfDoc(
      erHub({
        ip_configuration: {
          name: "erconfig",
          subnet_id: "${azurerm_subnet.gw.id}",
          public_ip_address_id: "${azurerm_public_ip.er.id}",
        },
      }),
      publicIp("er"),
    );
    const [ip, ...rest] = findings(withIp, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      ip,
      RULE,
      ER,
      "gateway er-er (type ExpressRoute) sets public_ip_address_id (azurerm_public_ip.er) in ip_configuration erconfig",
      "Azure assigns and manages the public IP",
    );
    expect(ip.fix).toContain("azurerm 3.x requires it");
    const [type] = findings(hub({ extra: { type: "LocalGateway" } }), RULE);
    expectFinding(type, RULE, GW, "has type LocalGateway", "Vpn or ExpressRoute");
  });

  test("passes: VPN SKUs on Vpn gateways (compared case-insensitively), ExpressRoute SKUs without a public IP", () => {
    expect(run(hub(), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(findings(hub({ sku: "Basic", generation: "Generation1" }), RULE)).toEqual([]);
    expect(findings(hub({ sku: "vpngw1az" }), RULE)).toEqual([]);
    for (const sku of ["ErGw1AZ", "ErGw3AZ", "ErGwScale", "UltraPerformance", "Standard"])
      expect(run(erHub({ sku }), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a SKU or a type from a variable is not verifiable", () => {
    const sku = run(hub({ sku: ref("var.sku") }), RULE);
    expect(sku.findings).toEqual([]);
    expect(sku.unverifiable).toEqual([
      expect.objectContaining({ path: GW, what: expect.stringContaining("its sku is ${var.sku}") }),
    ]);
    const type = run(hub({ extra: { type: ref("var.type") } }), RULE);
    expect(type.findings).toEqual([]);
    expect(type.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("its type is ${var.type}"),
    ]);
  });

  test("constructs: VpnGateway refuses legacy and ExpressRoute SKUs with the same predicate; overrides fail synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const props = { vnet: net, name: "vgw-hub", gatewaySubnetPrefix: "10.0.255.0/27" };
    expect(() => new VpnGateway(stack, "legacy", { ...props, sku: "HighPerformance" as never })).toThrow(
      /net\/legacy.*'HighPerformance' is a legacy VPN SKU that Azure no longer creates/,
    );
    expect(() => new VpnGateway(stack, "er", { ...props, sku: "ErGw2AZ" as never })).toThrow(
      /net\/er.*'ErGw2AZ' is an ExpressRoute-only SKU/,
    );
    const gw = new VpnGateway(stack, "gw", props);
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    gw.resource.addOverride("sku", "HighPerformance");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw/Resource",
      "gateway vgw-hub (type Vpn) has sku HighPerformance",
      "legacy VPN SKU",
    );
  });
});
