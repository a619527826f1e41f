import { parsePrefix } from "../../../core/cidr";
import {
  DEFAULT_VPN_GATEWAY_SKU,
  GATEWAY_PUBLIC_IP,
  VPN_GATEWAY_SKUS,
  VPN_SKU_TABLE,
  defaultGeneration,
  gatewaySubnetMinimum,
  gatewaySubnetSizeViolation,
  generationViolation,
  isVpnGatewaySku,
  isZoneRedundantSku,
  defaultPublicIpSku,
  isDocumentedGatewayPublicIpSku,
  needsStandardPublicIp,
  policyBasedViolation,
  publicIpViolations,
  publicIpZonesViolation,
  retiredSkuViolation,
  skuFeatureViolation,
  skuHasOneGeneration,
  skuListText,
  vpnSkuFacts,
  vpnTypeRefusesVnet2Vnet,
} from "../../../core/azure/gateway";

describe("the SKU table", () => {
  it("has one row per SKU, in the order of the SKU list", () => {
    expect(VPN_SKU_TABLE.map((f) => f.sku)).toEqual([...VPN_GATEWAY_SKUS]);
  });

  // The summary table of azure-rules.md (about-gateway-skus).
  it.each([
    ["Basic", ["Generation1"], 10, false, false, false, false, false],
    ["VpnGw1", ["Generation1"], 30, true, true, false, false, true],
    ["VpnGw2", ["Generation1", "Generation2"], 30, true, true, true, false, true],
    ["VpnGw3", ["Generation1", "Generation2"], 30, true, true, true, false, true],
    ["VpnGw4", ["Generation2"], 100, true, true, true, false, true],
    ["VpnGw5", ["Generation2"], 100, true, true, true, false, true],
    ["VpnGw1AZ", ["Generation1"], 30, true, true, false, true, false],
    ["VpnGw2AZ", ["Generation1", "Generation2"], 30, true, true, true, true, false],
    ["VpnGw3AZ", ["Generation1", "Generation2"], 30, true, true, true, true, false],
    ["VpnGw4AZ", ["Generation2"], 100, true, true, true, true, false],
    ["VpnGw5AZ", ["Generation2"], 100, true, true, true, true, false],
  ])(
    "%s: generations %j, %d tunnels, BGP %s, active-active %s, NAT %s, AZ %s, retired %s",
    (sku, gens, tunnels, bgp, aa, nat, az, retired) => {
      const f = vpnSkuFacts(sku)!;
      expect(f).toMatchObject({
        generations: gens,
        s2sTunnels: tunnels,
        bgp,
        activeActive: aa,
        nat,
        az,
        retired,
      });
      expect(f.policyBased).toBe(sku === "Basic");
      expect(f.customIpsecPolicy).toBe(sku !== "Basic");
      expect(f.gatewaySubnetMinimum).toBe(sku === "Basic" ? 29 : 27);
    },
  );

  it("looks SKUs up case-insensitively, but knows the exact spelling", () => {
    expect(vpnSkuFacts("vpngw2az")?.sku).toBe("VpnGw2AZ");
    expect(vpnSkuFacts("BASIC")?.sku).toBe("Basic");
    expect(vpnSkuFacts("Standard")).toBeUndefined();
    expect(vpnSkuFacts("ErGw1AZ")).toBeUndefined();
    expect(isVpnGatewaySku("VpnGw2AZ")).toBe(true);
    expect(isVpnGatewaySku("vpngw2az")).toBe(false);
    expect(isVpnGatewaySku("HighPerformance")).toBe(false);
    expect(DEFAULT_VPN_GATEWAY_SKU).toBe("VpnGw2AZ");
  });

  it.each([
    [
      ["VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"],
      "and",
      "VpnGw2-5 and VpnGw2AZ-5AZ",
    ],
    [["Basic", "VpnGw1", "VpnGw1AZ"], "and", "Basic, VpnGw1 and VpnGw1AZ"],
    [["Basic", "VpnGw1", "VpnGw1AZ"], "or", "Basic, VpnGw1 or VpnGw1AZ"],
    [["VpnGw1", "VpnGw3"], "and", "VpnGw1 and VpnGw3"],
    [["Basic"], "and", "Basic"],
    [[], "and", ""],
  ] as const)("skuListText(%j, %s) is %j", (skus, last, text) => {
    expect(skuListText(skus, last)).toBe(text);
  });
});

describe("skuFeatureViolation", () => {
  it.each([
    ["Basic", "bgp"],
    ["Basic", "activeActive"],
    ["Basic", "customIpsecPolicy"],
    ["Basic", "ikev1"],
    ["Basic", "nat"],
    ["VpnGw1", "nat"],
    ["vpngw1az", "nat"],
  ] as const)("%s lacks %s", (sku, feature) => {
    expect(skuFeatureViolation(sku, feature)).toMatchObject({ feature });
  });

  it.each([
    ["VpnGw1AZ", "bgp"],
    ["VpnGw1AZ", "activeActive"],
    ["VpnGw1AZ", "customIpsecPolicy"],
    ["VpnGw2AZ", "nat"],
    ["VpnGw5", "nat"],
    ["Standard", "nat"], // a name the table does not know: never guessed
    ["ErGw1AZ", "bgp"],
  ] as const)("%s is not refused %s", (sku, feature) => {
    expect(skuFeatureViolation(sku, feature)).toBeUndefined();
  });

  it("says which SKUs offer the feature and which to suggest", () => {
    expect(skuFeatureViolation("VpnGw1AZ", "nat")).toEqual({
      sku: "VpnGw1AZ",
      feature: "nat",
      offeredBy: ["VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"],
      suggestion: "VpnGw2AZ",
      smallest: "VpnGw2AZ",
    });
    expect(skuFeatureViolation("Basic", "customIpsecPolicy")).toMatchObject({
      suggestion: "VpnGw2AZ",
      smallest: "VpnGw1AZ",
    });
  });
});

describe("generationViolation", () => {
  it.each([
    ["Basic", "Generation2", ["Generation1"], "VpnGw2AZ"],
    ["VpnGw1", "generation2", ["Generation1"], "VpnGw2AZ"],
    ["VpnGw1AZ", "Generation2", ["Generation1"], "VpnGw2AZ"],
    ["VpnGw4", "Generation1", ["Generation2"], "VpnGw3AZ"],
    ["VpnGw5AZ", "GENERATION1", ["Generation2"], "VpnGw3AZ"],
  ])("%s in %s: only %j, suggest %s", (sku, gen, only, alternative) => {
    expect(generationViolation(sku, gen)).toMatchObject({ availableIn: only, alternative });
  });

  it.each([
    ["Basic", "Generation1"],
    ["VpnGw2", "Generation1"],
    ["VpnGw3AZ", "Generation2"],
    ["VpnGw5", "Generation2"],
    ["Standard", "Generation2"],
    ["VpnGw4", "Generation3"],
  ])("%s in %s is fine (or not known)", (sku, gen) => {
    expect(generationViolation(sku, gen)).toBeUndefined();
  });

  it("knows which SKUs need a known generation, and the default generation", () => {
    expect(["Basic", "VpnGw1", "VpnGw1AZ", "VpnGw4", "VpnGw5AZ"].every(skuHasOneGeneration)).toBe(true);
    expect(["VpnGw2", "VpnGw3AZ", "Standard"].some(skuHasOneGeneration)).toBe(false);
    expect(defaultGeneration("Basic")).toBe("Generation1");
    expect(defaultGeneration("VpnGw1AZ")).toBe("Generation1");
    expect(defaultGeneration("VpnGw2AZ")).toBe("Generation2");
    expect(defaultGeneration("${var.sku}")).toBe("Generation2");
  });
});

describe("policyBasedViolation and VNet-to-VNet", () => {
  it.each([
    ["Basic", "PolicyBased", undefined],
    ["Basic", "RouteBased", undefined],
    ["VpnGw2AZ", "RouteBased", undefined],
    ["VpnGw2AZ", "PolicyBased", { availableOn: ["Basic"] }],
    ["VpnGw2AZ", "policybased", { availableOn: ["Basic"] }],
    ["Standard", "PolicyBased", { availableOn: ["Basic"] }],
  ])("%s %s -> %j", (sku, type, expected) => {
    expect(policyBasedViolation(sku, type)).toEqual(expected);
  });

  it.each([
    ["PolicyBased", true],
    ["policybased", true],
    ["RouteBased", false],
  ])("vpn type %s refuses VNet-to-VNet: %s", (type, refused) => {
    expect(vpnTypeRefusesVnet2Vnet(type)).toBe(refused);
  });
});

describe("retiredSkuViolation", () => {
  it.each([
    ["VpnGw1", "VpnGw1AZ"],
    ["vpngw3", "VpnGw3AZ"],
    ["VpnGw5", "VpnGw5AZ"],
  ])("%s is retired: use %s", (sku, replacement) => {
    expect(retiredSkuViolation(sku)).toEqual({
      sku: vpnSkuFacts(sku)!.sku,
      replacement,
      creatable: ["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"],
    });
  });

  it.each(["Basic", "VpnGw1AZ", "VpnGw5AZ", "ErGw1AZ", "Standard"])("%s is not", (sku) => {
    expect(retiredSkuViolation(sku)).toBeUndefined();
  });
});

describe("public IPs", () => {
  it("gives every gateway Standard, static public IPs", () => {
    expect(GATEWAY_PUBLIC_IP).toEqual({ sku: "Standard", allocation: "Static" });
  });

  it.each([
    ["VpnGw2AZ", { sku: "Basic", allocation: "Dynamic" }, ["sku", "allocation"]],
    ["VpnGw2AZ", { sku: "basic" }, ["sku"]],
    ["VpnGw2AZ", { allocation: "dynamic" }, ["allocation"]],
    ["VpnGw2AZ", { sku: "Standard", allocation: "Static" }, []],
    ["Standard", { sku: "Basic" }, ["sku"]],
    // Basic and Dynamic public IPs can no longer be created, whatever the gateway.
    ["Basic", { sku: "Basic", allocation: "Dynamic" }, ["sku", "allocation"]],
    [undefined, { sku: "Basic" }, ["sku"]],
  ])("%s with %j -> %j", (sku, ip, attributes) => {
    expect(publicIpViolations(sku, ip).map((v) => v.attribute)).toEqual(attributes);
  });

  it("says whether the gateway refuses a Basic IP as well (every VPN SKU but Basic)", () => {
    expect(publicIpViolations("VpnGw2AZ", { sku: "Basic" })[0].gatewayRefuses).toBe(true);
    expect(publicIpViolations("Basic", { sku: "Basic" })[0].gatewayRefuses).toBe(false);
    expect(publicIpViolations(undefined, { sku: "Basic" })[0].gatewayRefuses).toBe(false);
  });

  it("gives an unset sku the default of the azurerm major version: Basic up to 3.x, Standard from 4.0", () => {
    expect(defaultPublicIpSku(3)).toBe("Basic");
    expect(defaultPublicIpSku(2)).toBe("Basic");
    expect(defaultPublicIpSku(4)).toBe("Standard");
    expect(defaultPublicIpSku(5)).toBe("Standard");
  });

  it("knows which public IP SKUs Microsoft documents for gateways", () => {
    expect(isDocumentedGatewayPublicIpSku("standard")).toBe(true);
    expect(isDocumentedGatewayPublicIpSku("Basic")).toBe(true);
    expect(isDocumentedGatewayPublicIpSku("StandardV2")).toBe(false);
  });

  it("exempts Basic only", () => {
    expect(needsStandardPublicIp("Basic")).toBe(false);
    expect(needsStandardPublicIp("VpnGw1AZ")).toBe(true);
    expect(needsStandardPublicIp("HighPerformance")).toBe(true);
  });

  it.each([
    ["VpnGw2AZ", undefined, { kind: "az-needs-zones" }],
    ["VpnGw2AZ", [], { kind: "az-needs-zones" }],
    ["VpnGw2AZ", ["1"], undefined],
    ["VpnGw2AZ", ["1", "2", "3"], undefined],
    ["VpnGw2", ["1"], { kind: "non-az-refuses-zones", alternative: "VpnGw2AZ" }],
    ["Basic", ["1"], { kind: "non-az-refuses-zones", alternative: "VpnGw1AZ" }],
    ["Basic", [], undefined],
    ["ErGw1AZ", [], undefined],
  ])("%s with zones %j -> %j", (sku, zones, expected) => {
    expect(publicIpZonesViolation(sku, zones)).toEqual(expected);
  });

  it("knows the zone-redundant SKUs", () => {
    expect(VPN_GATEWAY_SKUS.filter(isZoneRedundantSku)).toEqual([
      "VpnGw1AZ",
      "VpnGw2AZ",
      "VpnGw3AZ",
      "VpnGw4AZ",
      "VpnGw5AZ",
    ]);
    expect(isZoneRedundantSku("vpngw2az")).toBe(true);
    expect(isZoneRedundantSku("ErGw1AZ")).toBe(false);
  });
});

describe("GatewaySubnet size", () => {
  it.each([
    [undefined, 29],
    [{ type: "ExpressRoute" }, 29],
    [{ type: "Vpn" }, 27],
    [{ type: "vpn", sku: "Basic" }, 29],
    [{ type: "Vpn", sku: "VpnGw1AZ" }, 27],
    [{ type: "Vpn", sku: "HighPerformance" }, 27],
  ])("minimum for %j is /%d", (user, minimum) => {
    expect(gatewaySubnetMinimum(user)).toBe(minimum);
  });

  it.each([
    ["10.0.255.0/26", { type: "Vpn", sku: "VpnGw2AZ" }, undefined],
    ["10.0.255.0/27", { type: "Vpn", sku: "VpnGw2AZ" }, undefined],
    [
      "10.0.255.0/28",
      { type: "Vpn", sku: "VpnGw2AZ" },
      { minimum: 27, smallerFor: ["Basic"], absoluteMinimum: 29 },
    ],
    ["10.0.255.0/29", { type: "Vpn", sku: "Basic" }, undefined],
    ["10.0.255.0/30", { type: "Vpn", sku: "Basic" }, { minimum: 29, smallerFor: [], absoluteMinimum: 29 }],
    ["10.0.255.0/29", { type: "ExpressRoute" }, undefined],
    ["10.0.255.0/30", undefined, { minimum: 29, smallerFor: [], absoluteMinimum: 29 }],
    ["2001:db8::/120", { type: "Vpn", sku: "VpnGw2AZ" }, undefined],
  ])("%s for %j -> %j", (text, user, expected) => {
    expect(gatewaySubnetSizeViolation(parsePrefix(text), user)).toEqual(expected);
  });
});
