import { Vnet, VpnGateway } from "../../../../index";
import { applyConnectivityPolicies } from "../../../../policies/aspect";
import { GatewayRetiredSku } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { hub, ref } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayRetiredSku;
const GW = "azurerm_virtual_network_gateway.hub";

describe("Gateway.RetiredSku", () => {
  test.each(["VpnGw1", "VpnGw2", "VpnGw5"])("fails: non-AZ sku %s", (sku) => {
    const [f, ...rest] = findings(
      hub({ sku, generation: sku === "VpnGw5" ? "Generation2" : "Generation1" }),
      RULE,
    );
    expect(rest).toEqual([]);
    expectFinding(f, RULE, GW, `gateway vgw-hub has sku ${sku}`, "no longer creates");
    expect(f.fix).toContain(`${sku}AZ`);
    expect(f.values).toMatchObject({ sku, replacement: `${sku}AZ` });
  });

  test("passes: AZ SKUs, Basic, and ExpressRoute gateways", () => {
    expect(findings(hub(), RULE)).toEqual([]);
    expect(findings(hub({ sku: "VpnGw5AZ" }), RULE)).toEqual([]);
    expect(findings(hub({ sku: "Basic", generation: "Generation1" }), RULE)).toEqual([]);
    expect(findings(hub({ sku: "ErGw1AZ", extra: { type: "ExpressRoute" } }), RULE)).toEqual([]);
  });

  test("unknown: a SKU from a variable is unverifiable", () => {
    const report = run(hub({ sku: ref("var.sku") }), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.sku")]);
  });

  test("constructs: VpnGateway refuses VpnGw2 at construction; forced through the escape hatch it fails synth; the default VpnGw2AZ passes", () => {
    const { app, stack } = constructApp();
    const props = { resourceGroupName: "rg-net", location: "westeurope" };
    const a = new Vnet(stack, "a", { ...props, name: "vnet-a", addressSpace: ["10.0.0.0/16"] });
    const b = new Vnet(stack, "b", { ...props, name: "vnet-b", addressSpace: ["10.1.0.0/16"] });
    new VpnGateway(stack, "gw-a", { vnet: a, name: "vgw-a", gatewaySubnetPrefix: "10.0.255.0/27" });
    expect(
      () =>
        new VpnGateway(stack, "gw-x", {
          vnet: b,
          name: "vgw-x",
          sku: "VpnGw2",
          gatewaySubnetPrefix: "10.1.255.0/27",
        }),
    ).toThrow(/'VpnGw2' is a non-AZ SKU/);
    const gwB = new VpnGateway(stack, "gw-b", {
      vnet: b,
      name: "vgw-b",
      gatewaySubnetPrefix: "10.1.255.0/27",
    });
    gwB.resource.sku = "VpnGw2";
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/gw-b/Resource", "gateway vgw-b has sku VpnGw2");
    applyConnectivityPolicies(app, { rules: [RULE], writeReport: false });
    expect(() => app.synth()).toThrow(/Gateway\.RetiredSku: gateway vgw-b has sku VpnGw2/);
  });
});
