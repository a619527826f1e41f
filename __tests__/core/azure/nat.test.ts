import { parsePrefix } from "../../../core/cidr";
import {
  APIPA_PREFIX,
  MAX_NAT_RULES_PER_GATEWAY,
  NAT_LIST_MODE,
  bgpRouteTranslationMissing,
  dynamicRuleConnectionsViolation,
  natBgpPeerViolation,
  natListViolation,
  natRuleNeedsInstance,
  portRangeViolation,
  NAT_PREFIXES_PER_RULE,
  dynamicPoolViolation,
  natRefusedOnConnectionType,
  natRefusedWithPolicyBasedSelectors,
  natRuleLimitViolation,
  portMappingRefused,
  staticNatViolation,
} from "../../../core/azure/nat";

const p = parsePrefix;

describe("NAT", () => {
  it.each([
    ["IPsec", false],
    ["Vnet2Vnet", true],
    ["ExpressRoute", true],
    ["ipsec", true], // compared exactly, as the provider's enum
  ])("on a %s connection refused: %s", (type, refused) => {
    expect(natRefusedOnConnectionType(type)).toBe(refused);
  });

  it("is refused with policy-based traffic selectors", () => {
    expect(natRefusedWithPolicyBasedSelectors(true)).toBe(true);
    expect(natRefusedWithPolicyBasedSelectors(false)).toBe(false);
  });

  it.each([
    ["Static", "10.0.1.0/24", "100.0.1.0/24", undefined],
    ["Static", "10.0.1.0/24", "100.0.1.0/25", { internalLength: 24, externalLength: 25 }],
    ["Static", "10.0.0.0/16", "100.0.0.0/8", { internalLength: 16, externalLength: 8 }],
    ["Dynamic", "10.0.0.0/16", "100.0.1.0/26", undefined],
  ])("%s %s -> %s: %j", (type, internal, external, expected) => {
    expect(staticNatViolation(type, p(internal), p(external))).toEqual(expected);
  });

  it.each([
    ["Dynamic", "100.0.1.0/26", undefined],
    ["Dynamic", "100.0.1.0/28", undefined],
    ["Dynamic", "100.0.0.0/25", { largest: 26 }],
    ["Static", "100.0.0.0/16", undefined],
  ])("%s pool %s -> %j", (type, external, expected) => {
    expect(dynamicPoolViolation(type, p(external))).toEqual(expected);
  });

  it("maps ports on static rules only, one prefix per rule", () => {
    expect(portMappingRefused("Dynamic")).toBe(true);
    expect(portMappingRefused("Static")).toBe(false);
    expect(NAT_PREFIXES_PER_RULE).toBe(1);
  });

  it("allows 500 rules per gateway", () => {
    expect(MAX_NAT_RULES_PER_GATEWAY).toBe(500);
    expect(natRuleLimitViolation(500)).toBeUndefined();
    expect(natRuleLimitViolation(501)).toEqual({ max: 500 });
  });
});

describe("NAT on connections", () => {
  it("each list of a connection takes rules of its mode", () => {
    expect(NAT_LIST_MODE).toEqual({ ingress: "IngressSnat", egress: "EgressSnat" });
    expect(natListViolation("ingress", "EgressSnat")).toEqual({ expected: "IngressSnat" });
    expect(natListViolation("egress", "EgressSnat")).toBeUndefined();
  });

  it.each([
    ["443", false],
    [" 80 ", false],
    ["80-90", true],
    ["80,443", true],
    ["0", true],
    ["65536", true],
    ["http", true],
  ])("port mapping '%s' refused: %s", (text, refused) => {
    expect(portRangeViolation(text)).toBe(refused);
  });

  it("a Dynamic rule serves one connection; Static rules any number", () => {
    expect(dynamicRuleConnectionsViolation("Dynamic", 2)).toEqual({ max: 1 });
    expect(dynamicRuleConnectionsViolation("Dynamic", 1)).toBeUndefined();
    expect(dynamicRuleConnectionsViolation("Static", 5)).toBeUndefined();
  });

  it("a Dynamic rule on an active-active gateway names its instance", () => {
    expect(natRuleNeedsInstance("Dynamic", true)).toBe(true);
    expect(natRuleNeedsInstance("Static", true)).toBe(false);
    expect(natRuleNeedsInstance("Dynamic", false)).toBe(false);
  });

  it("BGP peer addresses: no APIPA, and not inside an ingress internal mapping", () => {
    expect(APIPA_PREFIX.text).toBe("169.254.0.0/16");
    expect(natBgpPeerViolation(p("169.254.21.1/32"), [])).toEqual({ kind: "apipa" });
    expect(natBgpPeerViolation(p("10.0.1.1/32"), [p("10.0.1.0/24")])).toMatchObject({ kind: "pre-nat" });
    expect(natBgpPeerViolation(p("100.0.2.1/32"), [p("10.0.1.0/24")])).toBeUndefined();
    expect(bgpRouteTranslationMissing(undefined)).toBe(true);
    expect(bgpRouteTranslationMissing(true)).toBe(false);
  });
});
