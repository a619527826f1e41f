import {
  GATEWAY_SUBNET_NAME,
  isGatewaySubnetName,
  natRuleNameViolation,
  sameAzureName,
} from "../../../core/azure/naming";

describe("isGatewaySubnetName", () => {
  it.each([
    ["GatewaySubnet", true],
    ["gatewaysubnet", true],
    ["GATEWAYSUBNET", true],
    ["gatewaySubnet", true],
    ["GatewaySubnet2", false],
    ["Gateway-Subnet", false],
    ["", false],
    [undefined, false],
    [42, false],
  ])("%j -> %s", (name, expected) => {
    expect(isGatewaySubnetName(name)).toBe(expected);
  });

  it("is the documented name", () => {
    expect(GATEWAY_SUBNET_NAME).toBe("GatewaySubnet");
  });
});

describe("sameAzureName", () => {
  it.each([
    ["workloads", "Workloads", true],
    ["a", "b", false],
    ["snet-1", "snet-1 ", false],
  ])("%s vs %s -> %s", (a, b, expected) => {
    expect(sameAzureName(a, b)).toBe(expected);
  });
});

describe("natRuleNameViolation", () => {
  it.each([
    ["vnet-egress", undefined],
    ["vnet_egress.1", undefined],
    ["vnet/egress", { character: "/", suggestion: "vnet-egress" }],
    ["/a//b/", { character: "/", suggestion: "-a--b-" }],
  ])("%s -> %j", (name, expected) => {
    expect(natRuleNameViolation(name)).toEqual(expected);
  });
});
