import { VpnNatRule } from "../../../../constructs/vpn-nat-rule";
import { appFindings, expectWellFormed, findingsOf } from "../../../../test-utils/policy";
import { Json, natRule, networkWithGateway, tfDoc } from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Nat.Limit";

function gatewayWithRules(n: number): Json {
  const parts: Json[] = [networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27")];
  for (let i = 0; i < n; i++) {
    const mode = i % 2 === 0 ? "EgressSnat" : "IngressSnat";
    parts.push(
      natRule(`r${i}`, "hub_gw", mode, `10.${i >> 8}.${i & 255}.0/24`, `100.${i >> 8}.${i & 255}.0/24`),
    );
  }
  return tfDoc(...parts);
}

describe("Nat.Limit", () => {
  test("501 NAT rules on one gateway is an error on the gateway with the counts", () => {
    const found = findingsOf(gatewayWithRules(501), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: "azurerm_virtual_network_gateway.hub_gw" });
    expect(found[0].message).toContain(
      "gateway hub_gw has 501 NAT rules (250 IngressSnat, 251 EgressSnat or other)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("500 NAT rules is within the limit", () => {
    expect(findingsOf(gatewayWithRules(500), RULE)).toEqual([]);
  });

  test("constructs: 501 VpnNatRules on one VpnGateway fail, naming the gateway", () => {
    const { app, stack } = constructApp();
    const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    for (let i = 0; i < 501; i++) {
      new VpnNatRule(stack, `R${i}`, {
        gateway,
        name: `r${i}`,
        mode: "IngressSnat",
        internalMappings: [{ addressSpace: `10.${i >> 8}.${i & 255}.0/24` }],
        externalMappings: [{ addressSpace: `100.${i >> 8}.${i & 255}.0/24` }],
      });
    }
    const found = appFindings(app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/Hub/Resource");
  });
});
