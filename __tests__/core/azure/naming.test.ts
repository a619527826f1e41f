import * as fc from "fast-check";
import {
  AZURE_NAME_RULES,
  GATEWAY_SUBNET_NAME,
  azureNameViolation,
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

describe("azureNameViolation counts characters as Azure does (code points)", () => {
  it("reports the length of any too-long name as its code points, a surrogate pair as one", () => {
    const rule = AZURE_NAME_RULES.virtualNetworks;
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: rule.max - 2, maxLength: rule.max + 40 }),
        (name) => {
          const points = [...name].length;
          const v = azureNameViolation("virtualNetworks", name);
          if (points > rule.max) expect(v).toEqual({ kind: "length", length: points, rule });
          else expect(v?.kind).not.toBe("length");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("counts an emoji as one character and a lone surrogate as one", () => {
    const max = AZURE_NAME_RULES.virtualNetworks.max;
    expect(azureNameViolation("virtualNetworks", `${"a".repeat(max - 1)}😀`)?.kind).toBe("characters");
    expect(azureNameViolation("virtualNetworks", `${"a".repeat(max)}\ud83d`)).toMatchObject({
      kind: "length",
      length: max + 1,
    });
  });
});
