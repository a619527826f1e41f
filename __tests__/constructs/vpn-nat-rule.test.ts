import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { VirtualNetworkGatewayNatRule } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-nat-rule";
import { VpnNatRule, VpnNatRuleProps } from "../../index";
import { gateway, newStack, resources } from "../../test-utils/vpn";

function setup(props: Partial<VpnNatRuleProps> = {}, sku?: any) {
  const stack = newStack();
  const gw = gateway(stack, "Gw", "10.0.0.0/16", "10.0.255.0/27", sku ? { sku } : {});
  const make = () =>
    new VpnNatRule(stack, "Rule", {
      gateway: gw,
      name: "vnet-egress",
      mode: "EgressSnat",
      internalMappings: [{ addressSpace: "10.0.0.0/16" }],
      externalMappings: [{ addressSpace: "100.0.0.0/16" }],
      ...props,
    });
  return { stack, gw, make };
}

describe("VpnNatRule", () => {
  it("synthesizes a static rule on its gateway", () => {
    const { stack, make } = setup();
    const rule = make();
    expect(rule.type).toBe("Static");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayNatRule, {
      name: "vnet-egress",
      resource_group_name: "rg-gwnet",
      mode: "EgressSnat",
      type: "Static",
      internal_mapping: [{ address_space: "10.0.0.0/16" }],
      external_mapping: [{ address_space: "100.0.0.0/16" }],
    });
    const [r] = resources(stack, "azurerm_virtual_network_gateway_nat_rule");
    expect(r.virtual_network_gateway_id).toMatch(/^\$\{azurerm_virtual_network_gateway\.Gw_\w+\.id\}$/);
  });

  it("maps a port (static) and applies to one instance of an active-active gateway", () => {
    const stack = newStack();
    const gw = gateway(stack, "Gw", "10.0.0.0/16", "10.0.255.0/27", { activeActive: true });
    new VpnNatRule(stack, "Rule", {
      gateway: gw,
      name: "branch-ingress",
      mode: "IngressSnat",
      internalMappings: [{ addressSpace: "10.0.1.0/24", portRange: "443" }],
      externalMappings: [{ addressSpace: "100.0.2.0/24", portRange: "8443" }],
      ipConfigurationId: gw.ipConfigurationIds[1],
    });
    const [r] = resources(stack, "azurerm_virtual_network_gateway_nat_rule");
    expect(r.internal_mapping).toEqual([{ address_space: "10.0.1.0/24", port_range: "443" }]);
    expect(r.external_mapping).toEqual([{ address_space: "100.0.2.0/24", port_range: "8443" }]);
    expect(r.ip_configuration_id).toMatch(/\/ipConfigurations\/ipconfig2$/);
  });

  it("accepts a dynamic rule with a /26 pool", () => {
    const { stack, make } = setup({ type: "Dynamic", externalMappings: [{ addressSpace: "100.0.0.0/26" }] });
    make();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayNatRule, {
      type: "Dynamic",
    });
  });

  it("matches its HCL snapshot", () => {
    const { stack, make } = setup();
    make();
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    it.each(["Basic", "VpnGw1AZ"])("on a %s gateway (NAT needs VpnGw2 or larger)", (sku) => {
      const stack = newStack();
      const gw = gateway(stack, "Gw", "10.0.0.0/16", sku === "Basic" ? "10.0.255.0/29" : "10.0.255.0/27", {
        sku: sku as any,
      });
      expect(
        () =>
          new VpnNatRule(stack, "Rule", {
            gateway: gw,
            name: "r",
            mode: "EgressSnat",
            internalMappings: [{ addressSpace: "10.0.0.0/16" }],
            externalMappings: [{ addressSpace: "100.0.0.0/16" }],
          }),
      ).toThrow(
        `[test/Rule] \`gateway\`: 'test/Gw' has sku '${sku}', which has no NAT; use VpnGw2AZ or larger (NAT is available on VpnGw2-5 and VpnGw2AZ-5AZ)`,
      );
    });

    const cases: [string, Partial<VpnNatRuleProps>, string][] = [
      [
        "static mappings of different sizes",
        { externalMappings: [{ addressSpace: "100.0.0.0/24" }] },
        "[test/Rule] `externalMappings[0].addressSpace`: '100.0.0.0/24' is a /24 but internal '10.0.0.0/16' is a /16; a Static rule maps 1:1, so use a /16 (or type 'Dynamic' for a smaller pool)",
      ],
      [
        "a dynamic pool larger than /26",
        { type: "Dynamic", externalMappings: [{ addressSpace: "100.0.0.0/24" }] },
        "[test/Rule] `externalMappings[0].addressSpace`: '100.0.0.0/24' is larger than /26, the largest external pool Azure supports for a Dynamic rule; use a /26 or smaller pool, or type 'Static' for a 1:1 mapping",
      ],
      [
        "a port on a dynamic rule",
        {
          type: "Dynamic",
          internalMappings: [{ addressSpace: "10.0.0.0/16", portRange: "80" }],
          externalMappings: [{ addressSpace: "100.0.0.0/26" }],
        },
        "[test/Rule] `internalMappings[0].portRange`: '80' is set on a Dynamic rule; port mappings work only with type 'Static'",
      ],
      [
        "two prefixes in one rule",
        {
          internalMappings: [{ addressSpace: "10.0.0.0/24" }, { addressSpace: "10.0.1.0/24" }],
          externalMappings: [{ addressSpace: "100.0.0.0/24" }, { addressSpace: "100.0.1.0/24" }],
        },
        "[test/Rule] `internalMappings`: 2 mappings (10.0.0.0/24, 10.0.1.0/24) in one rule; Azure translates one prefix per NAT rule, so create one VpnNatRule per prefix",
      ],
      ["no mapping", { internalMappings: [] }, "[test/Rule] `internalMappings` needs at least one mapping"],
      [
        "a name with a slash",
        { name: "a/b" },
        "[test/Rule] `name`: 'a/b' contains '/', which Azure refuses in NAT rule names; use another character",
      ],
      [
        "an unknown mode",
        { mode: "DNAT" as any },
        "[test/Rule] `mode`: 'DNAT' is not a NAT mode; use 'EgressSnat' (the VNet's addresses) or 'IngressSnat' (a site's)",
      ],
      [
        "a malformed prefix",
        { internalMappings: [{ addressSpace: "10.0.0.1/16" }] },
        "[test/Rule] `internalMappings[0].addressSpace`: '10.0.0.1/16' has host bits set; did you mean '10.0.0.0/16'?",
      ],
    ];
    it.each(cases)("for %s", (_name, props, message) => {
      const { make } = setup(props);
      expect(make).toThrow(message);
    });
  });
});
