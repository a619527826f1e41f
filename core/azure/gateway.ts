/**
 * VPN gateway facts: one table of the SKUs (generations, BGP, active-active, NAT, custom IPsec policy,
 * IKEv1, policy-based VPN, site-to-site tunnels, retired, zone redundancy, GatewaySubnet minimum), the
 * public IPs a gateway needs, and the GatewaySubnet sizes. The `VpnGateway` construct validates its props
 * with these predicates and the gateway rules check raw Terraform with the same ones.
 *
 * SKU names are compared case-insensitively (as Azure does with enum values), except where a caller
 * asks for the exact spelling.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
import { Prefix } from "../cidr";
import { SMALLEST_IPV4_SUBNET } from "./address";

/** Case-insensitive equality, as Azure compares enum values and names. */
const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The VPN gateway SKUs Azure knows today, smallest first: Basic, the non-AZ VpnGw1-5 and the
 * zone-redundant VpnGw1AZ-5AZ. The legacy Standard and HighPerformance and the ExpressRoute SKUs are
 * not VPN SKUs that can be created.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-skus-legacy
 */
export const VPN_GATEWAY_SKUS = [
  "Basic",
  "VpnGw1",
  "VpnGw2",
  "VpnGw3",
  "VpnGw4",
  "VpnGw5",
  "VpnGw1AZ",
  "VpnGw2AZ",
  "VpnGw3AZ",
  "VpnGw4AZ",
  "VpnGw5AZ",
] as const;

/** A VPN gateway SKU name. */
export type VpnGatewaySkuName = (typeof VPN_GATEWAY_SKUS)[number];

/**
 * Generations of a VPN gateway.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export const VPN_GATEWAY_GENERATIONS = ["Generation1", "Generation2"] as const;

/** A VPN gateway generation. */
export type VpnGatewayGenerationName = (typeof VPN_GATEWAY_GENERATIONS)[number];

/** A VPN type. */
export type VpnTypeName = (typeof VPN_TYPE_NAMES)[number];

/** What one VPN gateway SKU offers. */
export interface VpnSkuFacts {
  readonly sku: VpnGatewaySkuName;
  /** Size within its family: 0 for Basic, n for VpnGwn and VpnGwnAZ. */
  readonly size: number;
  /** The generations the SKU exists in. */
  readonly generations: readonly VpnGatewayGenerationName[];
  /** Zone-redundant (an AZ SKU): its zone redundancy follows its public IPs. */
  readonly az: boolean;
  /** BGP. */
  readonly bgp: boolean;
  /** Active-active (two instances). */
  readonly activeActive: boolean;
  /** NAT rules. */
  readonly nat: boolean;
  /** A custom IPsec/IKE policy on its connections. */
  readonly customIpsecPolicy: boolean;
  /** IKEv1 site-to-site connections on a route-based gateway. */
  readonly ikev1: boolean;
  /** The PolicyBased VPN type. */
  readonly policyBased: boolean;
  /** Site-to-site and VNet-to-VNet tunnels at most. */
  readonly s2sTunnels: number;
  /** No longer created new (the non-AZ SKUs: retired, migrated to the AZ SKU of the same size). */
  readonly retired: boolean;
  /** The AZ SKU to use instead, for a SKU that is not zone-redundant. */
  readonly azAlternative?: VpnGatewaySkuName;
  /** The smallest GatewaySubnet (prefix length) the SKU accepts. */
  readonly gatewaySubnetMinimum: number;
  /** Needs Standard, static public IPs (every SKU but Basic, whose public IP SKU the docs still disagree on). */
  readonly standardPublicIp: boolean;
  /** May share its network with an ExpressRoute gateway (every SKU but Basic). */
  readonly expressRouteCoexistence: boolean;
}

/**
 * The GatewaySubnet prefix length every VPN SKU but Basic requires at least: "all other SKUs require a
 * gateway subnet of size /27 or larger" (the current settings article supersedes older FAQ text that
 * allowed /29 generally). /27 is also the minimum for ExpressRoute/VPN coexistence.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager
 */
export const GATEWAY_SUBNET_MINIMUM = 27;

/**
 * The smallest GatewaySubnet of any gateway (the Basic SKU, or an ExpressRoute gateway): /29, the
 * smallest IPv4 subnet Azure allows.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const GATEWAY_SUBNET_ABSOLUTE_MINIMUM = SMALLEST_IPV4_SUBNET;

/**
 * The GatewaySubnet size Microsoft recommends when an ExpressRoute gateway may share it (room for more
 * circuits and for coexistence): /26.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsub
 */
export const GATEWAY_SUBNET_WITH_EXPRESSROUTE = 26;

const G1 = ["Generation1"] as const;
const G2 = ["Generation2"] as const;
const BOTH = ["Generation1", "Generation2"] as const;

function vpnGw(
  size: number,
  generations: readonly VpnGatewayGenerationName[],
  az: boolean,
  s2sTunnels: number,
): VpnSkuFacts {
  const name = `VpnGw${size}${az ? "AZ" : ""}` as VpnGatewaySkuName;
  return {
    sku: name,
    size,
    generations,
    az,
    bgp: true,
    activeActive: true,
    nat: size >= 2,
    customIpsecPolicy: true,
    ikev1: true,
    policyBased: false,
    s2sTunnels,
    retired: !az,
    azAlternative: az ? undefined : (`VpnGw${size}AZ` as VpnGatewaySkuName),
    gatewaySubnetMinimum: GATEWAY_SUBNET_MINIMUM,
    standardPublicIp: true,
    expressRouteCoexistence: true,
  };
}

/**
 * Every VPN SKU and what it offers.
 * - Generations: Generation1 offers Basic and VpnGw1-3(AZ); Generation2 offers VpnGw2-5(AZ) ("Gateway
 *   SKUs by tunnel, connection, and throughput"; the provider's `...Generation1`/`...Generation2` lists).
 * - Basic: dev/test only: no BGP, active-active, custom IPsec/IKE policy, NAT or IKEv1 on RouteBased; the
 *   only SKU that can be PolicyBased; up to 10 tunnels; GatewaySubnet down to /29.
 * - NAT: VpnGw2-5 and VpnGw2AZ-5AZ only ("NAT is supported on the following SKUs: VpnGw2~5, VpnGw2AZ~5AZ").
 * - Tunnels: 30 for VpnGw1-3(AZ), 100 for VpnGw4-5(AZ).
 * - Non-AZ VpnGw1-5 can no longer be created ("you can't create a new gateway using VpnGw1-5 SKUs
 *   (non-AZ SKUs)") and retire on 2026-09-30: each migrates to its AZ twin, which Azure creates in every
 *   region (regional where the region has no availability zones).
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#about-policy-parameters
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const VPN_SKU_TABLE: readonly VpnSkuFacts[] = [
  {
    sku: "Basic",
    size: 0,
    generations: G1,
    az: false,
    bgp: false,
    activeActive: false,
    nat: false,
    customIpsecPolicy: false,
    ikev1: false,
    policyBased: true,
    s2sTunnels: 10,
    retired: false,
    azAlternative: "VpnGw1AZ",
    gatewaySubnetMinimum: GATEWAY_SUBNET_ABSOLUTE_MINIMUM,
    standardPublicIp: false,
    expressRouteCoexistence: false,
  },
  vpnGw(1, G1, false, 30),
  vpnGw(2, BOTH, false, 30),
  vpnGw(3, BOTH, false, 30),
  vpnGw(4, G2, false, 100),
  vpnGw(5, G2, false, 100),
  vpnGw(1, G1, true, 30),
  vpnGw(2, BOTH, true, 30),
  vpnGw(3, BOTH, true, 30),
  vpnGw(4, G2, true, 100),
  vpnGw(5, G2, true, 100),
];

const BY_KEY = new Map(VPN_SKU_TABLE.map((f) => [f.sku.toLowerCase(), f]));

/**
 * The SKU a new VPN gateway gets by default, and the one messages suggest: zone-redundant, with BGP,
 * active-active and NAT, and available in Generation2.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export const DEFAULT_VPN_GATEWAY_SKU: VpnGatewaySkuName = "VpnGw2AZ";

/** The facts of a VPN SKU, compared case-insensitively; undefined for a name that is not a VPN SKU. */
export function vpnSkuFacts(sku: string): VpnSkuFacts | undefined {
  return typeof sku === "string" ? BY_KEY.get(sku.toLowerCase()) : undefined;
}

/** True when `sku` is a VPN SKU spelled exactly as Azure documents it. */
export function isVpnGatewaySku(sku: string): sku is VpnGatewaySkuName {
  return (VPN_GATEWAY_SKUS as readonly string[]).includes(sku);
}

/** The SKUs with a property, in table order. */
export function vpnSkusWhere(test: (f: VpnSkuFacts) => boolean): VpnGatewaySkuName[] {
  return VPN_SKU_TABLE.filter(test).map((f) => f.sku);
}

/**
 * SKU names in short form for messages: `VpnGw2-5 and VpnGw2AZ-5AZ`, `Basic, VpnGw1 and VpnGw1AZ`.
 * Consecutive sizes of one family (non-AZ or AZ) are written as a range.
 */
export function skuListText(skus: readonly string[], last: "and" | "or" = "and"): string {
  const parts: string[] = [];
  const families: { az: boolean; sizes: number[] }[] = [];
  for (const name of skus) {
    const f = vpnSkuFacts(name);
    if (!f || f.size === 0) {
      parts.push(name);
      continue;
    }
    let family = families.find((x) => x.az === f.az);
    if (!family) families.push((family = { az: f.az, sizes: [] }));
    family.sizes.push(f.size);
  }
  for (const { az, sizes } of families) {
    const suffix = az ? "AZ" : "";
    let i = 0;
    while (i < sizes.length) {
      let j = i;
      while (j + 1 < sizes.length && sizes[j + 1] === sizes[j] + 1) j++;
      parts.push(j > i ? `VpnGw${sizes[i]}${suffix}-${sizes[j]}${suffix}` : `VpnGw${sizes[i]}${suffix}`);
      i = j + 1;
    }
  }
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${last} ${parts[parts.length - 1]}`;
}

/** A feature a VPN SKU may lack. */
export type VpnSkuFeature = "bgp" | "activeActive" | "nat" | "customIpsecPolicy" | "ikev1";

/** A feature the SKU does not offer. */
export interface SkuFeatureViolation {
  readonly sku: VpnGatewaySkuName;
  readonly feature: VpnSkuFeature;
  /** The SKUs that do offer it. */
  readonly offeredBy: readonly VpnGatewaySkuName[];
  /** The SKU to suggest: the default SKU when it offers the feature, else the smallest one that does. */
  readonly suggestion: VpnGatewaySkuName;
  /** The smallest SKU that can be created and offers the feature (for "or larger" advice). */
  readonly smallest: VpnGatewaySkuName;
}

/**
 * Whether a VPN SKU lacks a feature: BGP and active-active (not on Basic), NAT (VpnGw2-5 and
 * VpnGw2AZ-5AZ only), a custom IPsec/IKE policy (not on Basic), IKEv1 (not on Basic). Undefined when
 * the SKU offers it, or is not a VPN SKU this table knows (nothing is guessed).
 */
export function skuFeatureViolation(sku: string, feature: VpnSkuFeature): SkuFeatureViolation | undefined {
  const f = vpnSkuFacts(sku);
  if (!f || f[feature]) return undefined;
  const offeredBy = vpnSkusWhere((x) => x[feature]);
  const smallest = VPN_SKU_TABLE.find((x) => x[feature] && x.az && !x.retired)!.sku;
  const suggestion = vpnSkuFacts(DEFAULT_VPN_GATEWAY_SKU)![feature] ? DEFAULT_VPN_GATEWAY_SKU : smallest;
  return { sku: f.sku, feature, offeredBy, suggestion, smallest };
}

/** The VPN type is PolicyBased on a SKU that is not Basic. */
export interface PolicyBasedViolation {
  /** The SKUs that may be PolicyBased. */
  readonly availableOn: readonly VpnGatewaySkuName[];
}

/**
 * Whether a gateway of this SKU may not be PolicyBased: "PolicyBased VPN is only available on Basic". Any
 * other SKU, including names this table does not know (the legacy ones too), is refused.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export function policyBasedViolation(sku: string, vpnType: string): PolicyBasedViolation | undefined {
  if (typeof vpnType !== "string" || vpnType.toLowerCase() !== "policybased") return undefined;
  if (vpnSkuFacts(sku)?.policyBased) return undefined;
  return { availableOn: vpnSkusWhere((x) => x.policyBased) };
}

/**
 * Whether a gateway of this VPN type can take part in a VNet-to-VNet connection: only RouteBased ones
 * ("You can only use PolicyBased VPNs for S2S connections"; the provider's default is RouteBased).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export function vpnTypeRefusesVnet2Vnet(vpnType: string): boolean {
  return isPolicyBased(vpnType);
}

/**
 * The VPN types: RouteBased (every SKU; the provider's default) and PolicyBased (Basic only).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export const VPN_TYPES = { routeBased: "RouteBased", policyBased: "PolicyBased" } as const;

/** The VPN types as a list, as the provider's enum spells them (`vpn_type`). */
export const VPN_TYPE_NAMES = [VPN_TYPES.routeBased, VPN_TYPES.policyBased] as const;

/** True for the PolicyBased VPN type (compared case-insensitively). */
export function isPolicyBased(vpnType: string): boolean {
  return typeof vpnType === "string" && sameText(vpnType, VPN_TYPES.policyBased);
}

/**
 * The IKE versions of a connection: IKEv2 (the default and the recommendation) and IKEv1.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const IKE_VERSIONS = { v1: "IKEv1", v2: "IKEv2" } as const;

/**
 * What a PolicyBased gateway offers: one site-to-site tunnel, IKEv1 only, no point-to-site (nor BGP,
 * active-active or VNet-to-VNet, which the SKU table and {@link vpnTypeRefusesVnet2Vnet} cover); a
 * multi-site configuration needs a RouteBased gateway.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const POLICY_BASED_LIMITS = {
  siteToSiteTunnels: 1,
  ikeVersions: [IKE_VERSIONS.v1] as readonly string[],
  pointToSite: false,
} as const;

/** Why a gateway refuses a connection's IKE version. */
export type IkeVersionViolation =
  | { readonly kind: "policy-based-ikev1-only"; readonly allowed: readonly string[] }
  | { readonly kind: "sku-without-ikev1"; readonly violation: SkuFeatureViolation };

/**
 * Whether a gateway of this SKU and VPN type refuses a connection with this IKE version (compared
 * case-insensitively): a PolicyBased gateway takes IKEv1 only; a RouteBased gateway takes IKEv2, and
 * IKEv1 on every SKU but Basic. Undefined for versions this does not know.
 */
export function ikeVersionViolation(
  sku: string | undefined,
  vpnType: string,
  protocol: string,
): IkeVersionViolation | undefined {
  const p = protocol.toLowerCase();
  if (isPolicyBased(vpnType)) {
    return POLICY_BASED_LIMITS.ikeVersions.some((v) => v.toLowerCase() === p)
      ? undefined
      : { kind: "policy-based-ikev1-only", allowed: POLICY_BASED_LIMITS.ikeVersions };
  }
  if (p !== IKE_VERSIONS.v1.toLowerCase() || sku === undefined) return undefined;
  const violation = skuFeatureViolation(sku, "ikev1");
  return violation ? { kind: "sku-without-ikev1", violation } : undefined;
}

/** The IKE version a connection of a gateway of this VPN type gets when none is given: IKEv1 on PolicyBased, else IKEv2. */
export function defaultIkeVersion(vpnType: string): string {
  return isPolicyBased(vpnType) ? IKE_VERSIONS.v1 : IKE_VERSIONS.v2;
}

/**
 * Whether a VPN gateway of this SKU has more site-to-site and VNet-to-VNet tunnels than it supports
 * (Basic 10; VpnGw1-3 and VpnGw1AZ-3AZ 30; VpnGw4-5 and VpnGw4AZ-5AZ 100). Undefined when within the
 * limit or for a SKU this table does not know.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export function tunnelLimitViolation(sku: string, tunnels: number): { readonly max: number } | undefined {
  const f = vpnSkuFacts(sku);
  return f && tunnels > f.s2sTunnels ? { max: f.s2sTunnels } : undefined;
}

/** The fewest tunnels any VPN SKU supports (below it, no SKU is exceeded). */
export const SMALLEST_TUNNEL_LIMIT = Math.min(...VPN_SKU_TABLE.map((f) => f.s2sTunnels));

/** The tunnel limits by SKU for messages: `Basic 10, VpnGw1-3 and VpnGw1AZ-3AZ 30, VpnGw4-5 and VpnGw4AZ-5AZ 100`. */
export function tunnelLimitsText(): string {
  const limits = [...new Set(VPN_SKU_TABLE.map((f) => f.s2sTunnels))].sort((a, b) => a - b);
  return limits.map((n) => `${skuListText(vpnSkusWhere((f) => f.s2sTunnels === n))} ${n}`).join(", ");
}

/** The SKUs that support more tunnels than `max`, to suggest. */
export function skusWithMoreTunnels(max: number): VpnGatewaySkuName[] {
  return vpnSkusWhere((f) => f.s2sTunnels > max && f.az && !f.retired);
}

/**
 * Virtual network address prefixes a VPN gateway handles: "VNet Address Prefixes: 600 per VPN gateway",
 * those of its own network and of the networks peered with it that use its gateway (gateway transit).
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const MAX_VNET_PREFIXES_PER_VPN_GATEWAY = 600;

/** Whether a VPN gateway handles more virtual network prefixes than Azure allows. */
export function vnetPrefixLimitViolation(prefixes: number): { readonly max: number } | undefined {
  return prefixes > MAX_VNET_PREFIXES_PER_VPN_GATEWAY
    ? { max: MAX_VNET_PREFIXES_PER_VPN_GATEWAY }
    : undefined;
}

/** Why a VPN gateway cannot share its network with an ExpressRoute gateway. */
export type CoexistenceViolation =
  | { readonly kind: "sku"; readonly supportedBy: readonly VpnGatewaySkuName[] }
  | { readonly kind: "policy-based"; readonly required: string }
  | { readonly kind: "gateway-subnet"; readonly minimum: number };

/**
 * Whether a VPN gateway may not coexist with an ExpressRoute gateway in one network: not on the Basic
 * SKU ("Basic SKU gateway is not supported"), only RouteBased ("Only route-based VPN gateway is
 * supported"), and a GatewaySubnet of /27 or larger. Pass what is known (undefined: not checked); each
 * problem is listed once.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-howto-coexist-resource-manager
 */
export function coexistenceViolations(vpn: {
  readonly sku?: string;
  readonly vpnType?: string;
  readonly gatewaySubnetLength?: number;
}): CoexistenceViolation[] {
  const out: CoexistenceViolation[] = [];
  if (vpn.sku !== undefined && vpnSkuFacts(vpn.sku)?.expressRouteCoexistence === false)
    out.push({
      kind: "sku",
      supportedBy: vpnSkusWhere((f) => f.expressRouteCoexistence && f.az && !f.retired),
    });
  if (vpn.vpnType !== undefined && isPolicyBased(vpn.vpnType))
    out.push({ kind: "policy-based", required: VPN_TYPES.routeBased });
  if (vpn.gatewaySubnetLength !== undefined && vpn.gatewaySubnetLength > GATEWAY_SUBNET_MINIMUM)
    out.push({ kind: "gateway-subnet", minimum: GATEWAY_SUBNET_MINIMUM });
  return out;
}

/** The SKU does not exist in that generation. */
export interface GenerationViolation {
  readonly sku: VpnGatewaySkuName;
  /** The generation asked for, as Azure spells it. */
  readonly generation: VpnGatewayGenerationName;
  /** The generations the SKU exists in. */
  readonly availableIn: readonly VpnGatewayGenerationName[];
  /** The zone-redundant SKU of the asked generation closest in size, to suggest. */
  readonly alternative: VpnGatewaySkuName;
}

/**
 * Whether the SKU does not exist in the generation (both compared case-insensitively): Basic, VpnGw1 and
 * VpnGw1AZ exist in Generation1 only; VpnGw4/5(AZ) in Generation2 only. Undefined for a SKU or a
 * generation this table does not know.
 */
export function generationViolation(sku: string, generation: string): GenerationViolation | undefined {
  const f = vpnSkuFacts(sku);
  const gen = VPN_GATEWAY_GENERATIONS.find(
    (g) => typeof generation === "string" && g.toLowerCase() === generation.toLowerCase(),
  );
  if (!f || !gen || f.generations.includes(gen)) return undefined;
  const candidates = VPN_SKU_TABLE.filter((x) => x.az && !x.retired && x.generations.includes(gen));
  const alternative = candidates.reduce((best, x) =>
    Math.abs(x.size - f.size) < Math.abs(best.size - f.size) ? x : best,
  ).sku;
  return { sku: f.sku, generation: gen, availableIn: f.generations, alternative };
}

/** True when the SKU exists in one generation only, so a gateway's generation must be known to check it. */
export function skuHasOneGeneration(sku: string): boolean {
  return vpnSkuFacts(sku)?.generations.length === 1;
}

/**
 * The generation a new gateway of this SKU gets when none is given: Generation2 where the SKU exists in
 * it, else Generation1.
 */
export function defaultGeneration(sku: string): VpnGatewayGenerationName {
  const f = vpnSkuFacts(sku);
  return f && !f.generations.includes("Generation2") ? "Generation1" : "Generation2";
}

/** A SKU Azure no longer creates, and its replacement. */
export interface RetiredSkuViolation {
  readonly sku: VpnGatewaySkuName;
  /** The AZ SKU of the same size. */
  readonly replacement: VpnGatewaySkuName;
  /** The SKUs new gateways use instead (the AZ ones). */
  readonly creatable: readonly VpnGatewaySkuName[];
}

/**
 * Whether Azure no longer creates gateways of this SKU (the non-AZ VpnGw1-5, compared
 * case-insensitively).
 * @see https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation
 */
export function retiredSkuViolation(sku: string): RetiredSkuViolation | undefined {
  const f = vpnSkuFacts(sku);
  if (!f || !f.retired) return undefined;
  return {
    sku: f.sku,
    replacement: f.azAlternative!,
    creatable: vpnSkusWhere((x) => x.az && !x.retired),
  };
}

/** True for the zone-redundant VPN SKUs (VpnGw1AZ-VpnGw5AZ), compared case-insensitively. */
export function isZoneRedundantSku(sku: string): boolean {
  return vpnSkuFacts(sku)?.az === true;
}

/**
 * The zones of a zone-redundant public IP, the default for AZ SKUs: "zone-redundant ... in all three
 * zones".
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways
 */
export const ZONE_REDUNDANT_ZONES: readonly string[] = ["1", "2", "3"];

/** Why a gateway's public IPs have zones its SKU refuses. */
export type ZonesViolation =
  | { readonly kind: "az-needs-zones" }
  | { readonly kind: "non-az-refuses-zones"; readonly alternative: VpnGatewaySkuName };

/**
 * Whether the SKU's public IPs may not have these zones: AZ SKUs take their zone redundancy from their
 * public IPs, which need zones (an unzoned Standard IP is "not zone-redundant by default", per the
 * provider); non-AZ SKUs refuse zonal public IPs. Undefined for a SKU this table does not know.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways#pipskus
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export function publicIpZonesViolation(
  sku: string,
  zones: readonly string[] | undefined,
): ZonesViolation | undefined {
  const f = vpnSkuFacts(sku);
  if (!f) return undefined;
  const count = zones?.length ?? 0;
  if (f.az && count === 0) return { kind: "az-needs-zones" };
  if (!f.az && count > 0) return { kind: "non-az-refuses-zones", alternative: f.azAlternative! };
  return undefined;
}

/**
 * The two types of virtual network gateway: `Vpn` (site-to-site, VNet-to-VNet, point-to-site) and
 * `ExpressRoute`; a network may have one of each. Compared case-insensitively.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwtype
 */
export const GATEWAY_TYPES = { vpn: "Vpn", expressRoute: "ExpressRoute" } as const;

/**
 * The legacy VPN SKUs and the AZ SKU each existing gateway is migrated to: `Standard` and
 * `HighPerformance` can no longer be created for VPN gateways and retire on 2026-03-31.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-skus-legacy
 */
export const LEGACY_VPN_SKUS: readonly { readonly sku: string; readonly replacement: VpnGatewaySkuName }[] = [
  { sku: "Standard", replacement: "VpnGw1AZ" },
  { sku: "HighPerformance", replacement: "VpnGw2AZ" },
];

/**
 * The SKUs of ExpressRoute gateways: the legacy Standard, HighPerformance and UltraPerformance, the
 * zone-redundant ErGw1AZ-ErGw3AZ and the scalable ErGwScale. UltraPerformance, the ErGw SKUs and
 * ErGwScale are ExpressRoute-only.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsku
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 */
export const EXPRESSROUTE_GATEWAY_SKUS = [
  "Standard",
  "HighPerformance",
  "UltraPerformance",
  "ErGw1AZ",
  "ErGw2AZ",
  "ErGw3AZ",
  "ErGwScale",
] as const;

/**
 * The ExpressRoute SKU messages suggest: the smallest zone-redundant one.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsku
 */
export const DEFAULT_EXPRESSROUTE_GATEWAY_SKU: (typeof EXPRESSROUTE_GATEWAY_SKUS)[number] = "ErGw1AZ";

/** Why a gateway's SKU does not fit its type. */
export type GatewaySkuViolation =
  | { readonly kind: "unknown-type"; readonly types: readonly string[] }
  | { readonly kind: "legacy-vpn"; readonly replacement: VpnGatewaySkuName }
  | { readonly kind: "expressroute-only"; readonly vpnSkus: readonly VpnGatewaySkuName[] }
  | { readonly kind: "not-a-vpn-sku"; readonly vpnSkus: readonly VpnGatewaySkuName[] }
  | { readonly kind: "not-an-expressroute-sku"; readonly expressRouteSkus: readonly string[] };

/**
 * Whether a gateway of this type cannot have this SKU (compared case-insensitively): a `Vpn` gateway
 * takes a VPN SKU of {@link VPN_GATEWAY_SKUS}, never a legacy one ({@link LEGACY_VPN_SKUS}, no longer
 * created) nor an ExpressRoute-only one; an `ExpressRoute` gateway takes one of
 * {@link EXPRESSROUTE_GATEWAY_SKUS}; any other type is refused. The `VpnGateway` construct and the
 * `Gateway.SkuForType` rule call it.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-skus-legacy
 */
export function gatewaySkuViolation(type: string, sku: string): GatewaySkuViolation | undefined {
  const vpnSkus = [...VPN_GATEWAY_SKUS];
  if (sameText(type, GATEWAY_TYPES.vpn)) {
    if (vpnSkuFacts(sku)) return undefined;
    const legacy = LEGACY_VPN_SKUS.find((l) => sameText(l.sku, sku));
    if (legacy) return { kind: "legacy-vpn", replacement: legacy.replacement };
    if (EXPRESSROUTE_GATEWAY_SKUS.some((e) => sameText(e, sku)))
      return { kind: "expressroute-only", vpnSkus };
    return { kind: "not-a-vpn-sku", vpnSkus };
  }
  if (sameText(type, GATEWAY_TYPES.expressRoute)) {
    if (EXPRESSROUTE_GATEWAY_SKUS.some((e) => sameText(e, sku))) return undefined;
    return { kind: "not-an-expressroute-sku", expressRouteSkus: EXPRESSROUTE_GATEWAY_SKUS };
  }
  return { kind: "unknown-type", types: Object.values(GATEWAY_TYPES) };
}

/**
 * Whether a gateway of this type may not be given a public IP of the configuration: ExpressRoute gateways
 * get a public IP Azure assigns and manages ("auto-assigned public IP"), and creating one with a public
 * IP association now fails where that applies; the current azurerm provider documents
 * `public_ip_address_id` as not to be set for them (azurerm 3.x still requires it).
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#auto-assigned-public-ip
 * @see https://github.com/hashicorp/terraform-provider-azurerm/issues/30414
 */
export function publicIpRefusedOnGatewayType(type: string): boolean {
  return sameText(type, GATEWAY_TYPES.expressRoute);
}

/**
 * The private IP allocation of a gateway's IP configuration: Dynamic only ("The only valid value is
 * `Dynamic`", the provider documents; "`Static` is not supported by the service yet").
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 */
export const GATEWAY_PRIVATE_IP_ALLOCATION = "Dynamic";

/** True when Azure refuses this private IP allocation on a gateway's IP configuration (compared case-insensitively). */
export function privateIpAllocationRefused(allocation: string): boolean {
  return !sameText(allocation, GATEWAY_PRIVATE_IP_ALLOCATION);
}

/**
 * The public IP every new virtual network gateway gets: Standard SKU, allocated Static ("you must use a
 * Standard SKU public IP address"; Standard public IPs require Static allocation, and Dynamic allocation
 * exists only on Basic public IPs, which can no longer be created). The constructs give every gateway
 * such IPs.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export const GATEWAY_PUBLIC_IP = { sku: "Standard", allocation: "Static" } as const;

/**
 * The public IP that can no longer be created: Basic SKU, the only SKU with Dynamic allocation.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export const RETIRED_PUBLIC_IP = { sku: "Basic", allocation: "Dynamic" } as const;
const BASIC_PUBLIC_IP_SKU = RETIRED_PUBLIC_IP.sku;
const DYNAMIC_ALLOCATION = RETIRED_PUBLIC_IP.allocation;

/**
 * The date from which Basic SKU public IPs (and Dynamic allocation, which only they have) can no longer
 * be created: "`sku` can no longer be set to `Basic` as of 31 March 2025 for new resources".
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export const BASIC_PUBLIC_IP_LAST_CREATED = "31 March 2025";

/**
 * The first azurerm major version whose `azurerm_public_ip` defaults `sku` to Standard: azurerm 3.x
 * documents "Defaults to `Basic`", 4.x "Defaults to `Standard`". An unset `sku` under 3.x is the most
 * reported gateway error in public issues (`PublicIpWithBasicSkuNotAllowedOnVPNGateways`).
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/3.117.1/docs/resources/public_ip
 */
export const AZURERM_STANDARD_PUBLIC_IP_DEFAULT_SINCE = 4;

/** The SKU an `azurerm_public_ip` without `sku` gets under this azurerm major version. */
export function defaultPublicIpSku(azurermMajor: number): string {
  return azurermMajor >= AZURERM_STANDARD_PUBLIC_IP_DEFAULT_SINCE
    ? GATEWAY_PUBLIC_IP.sku
    : BASIC_PUBLIC_IP_SKU;
}

/**
 * True when Microsoft documents this public IP SKU for virtual network gateways (compared
 * case-insensitively): Standard, and Basic (documented, though no longer creatable). Others (the
 * provider's newer `StandardV2`) are not documented for gateways either way.
 */
export function isDocumentedGatewayPublicIpSku(sku: string): boolean {
  const k = sku.toLowerCase();
  return k === GATEWAY_PUBLIC_IP.sku.toLowerCase() || k === BASIC_PUBLIC_IP_SKU.toLowerCase();
}

/**
 * True when a VPN gateway of this SKU refuses a Basic SKU public IP: every SKU but Basic (names the table
 * does not know included), `PublicIpWithBasicSkuNotAllowedOnVPNGateways`.
 */
export function needsStandardPublicIp(sku: string): boolean {
  return vpnSkuFacts(sku)?.standardPublicIp ?? true;
}

/** Why a gateway's public IP is refused. */
export interface PublicIpViolation {
  /** The attribute at fault. */
  readonly attribute: "sku" | "allocation";
  /** What it must be instead. */
  readonly required: string;
  /** Since when such public IPs cannot be created. */
  readonly notCreatedSince: string;
  /** True when the gateway would refuse it even if it existed (a Basic IP on a gateway other than Basic). */
  readonly gatewayRefuses: boolean;
  /** The gateway SKUs that once took Basic public IPs. */
  readonly exemptSkus: readonly VpnGatewaySkuName[];
}

/**
 * Whether a new gateway cannot get a public IP of that SKU and allocation (compared case-insensitively):
 * a Basic SKU or a Dynamic public IP cannot be created any more, whatever the gateway; VPN gateways other
 * than Basic refuse Basic ones anyway. `gatewaySku` is the VPN SKU, or undefined for an ExpressRoute
 * gateway. Pass undefined for what is not known; each problem is listed once.
 */
export function publicIpViolations(
  gatewaySku: string | undefined,
  ip: { readonly sku?: string; readonly allocation?: string },
): PublicIpViolation[] {
  const out: PublicIpViolation[] = [];
  const exemptSkus = vpnSkusWhere((f) => !f.standardPublicIp);
  const eq = (a: string | undefined, b: string) =>
    typeof a === "string" && a.toLowerCase() === b.toLowerCase();
  const gatewayRefuses = gatewaySku !== undefined && needsStandardPublicIp(gatewaySku);
  const notCreatedSince = BASIC_PUBLIC_IP_LAST_CREATED;
  if (eq(ip.sku, BASIC_PUBLIC_IP_SKU))
    out.push({
      attribute: "sku",
      required: GATEWAY_PUBLIC_IP.sku,
      notCreatedSince,
      gatewayRefuses,
      exemptSkus,
    });
  if (eq(ip.allocation, DYNAMIC_ALLOCATION))
    out.push({
      attribute: "allocation",
      required: GATEWAY_PUBLIC_IP.allocation,
      notCreatedSince,
      gatewayRefuses,
      exemptSkus,
    });
  return out;
}

/**
 * What a user-defined route on GatewaySubnet whose prefix covers part of GatewaySubnet does to the
 * gateway: next hop `None` drops the gateway's own traffic, which is not supported (gateway creation is
 * blocked); `VirtualAppliance` breaks the gateway when the appliance drops the traffic, which synth cannot
 * know ("Diagnostics, data path, and control path can be affected if a user-defined route overlaps with the
 * Gateway subnet range"). Compared case-insensitively; undefined for the other next hop types.
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsub
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 */
export function gatewaySubnetRouteViolation(
  nextHopType: string,
): { readonly kind: "blackhole" | "appliance"; readonly nextHopType: string } | undefined {
  if (sameText(nextHopType, "None")) return { kind: "blackhole", nextHopType: "None" };
  if (sameText(nextHopType, "VirtualAppliance"))
    return { kind: "appliance", nextHopType: "VirtualAppliance" };
  return undefined;
}

/**
 * The Terraform resource types Azure deploys into GatewaySubnet: virtual network gateways only ("Never
 * deploy anything else into the gateway subnet"; "Can I deploy VMs to my gateway subnet? No."). A NAT
 * gateway cannot be attached to it either ("NAT gateway can't be deployed in a gateway subnet").
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/nat-gateway/troubleshoot-nat
 */
export const GATEWAY_SUBNET_RESOURCE_TYPES: readonly string[] = ["azurerm_virtual_network_gateway"];

/** True when a resource of this Terraform type may not be placed in (or attached to) GatewaySubnet. */
export function refusedInGatewaySubnet(resourceType: string): boolean {
  return !GATEWAY_SUBNET_RESOURCE_TYPES.includes(resourceType);
}

/** The gateway whose GatewaySubnet is checked: its type and, for a VPN gateway, its SKU when known. */
export interface GatewaySubnetUser {
  /** `Vpn` or `ExpressRoute` (compared case-insensitively). */
  readonly type: string;
  /** The VPN SKU; undefined when unknown, then held to the minimum of every SKU but Basic. */
  readonly sku?: string;
}

/**
 * The smallest GatewaySubnet (prefix length) for the gateway: the SKU's minimum for a VPN gateway (/27,
 * or /29 for Basic; /27 when the SKU is not known); /29 for an ExpressRoute gateway (Microsoft recommends
 * /27 there, it does not require it) and for a GatewaySubnet no gateway uses (`user` undefined).
 */
export function gatewaySubnetMinimum(user?: GatewaySubnetUser): number {
  if (!user || typeof user.type !== "string" || user.type.toLowerCase() !== "vpn") {
    return GATEWAY_SUBNET_ABSOLUTE_MINIMUM;
  }
  if (user.sku === undefined) return GATEWAY_SUBNET_MINIMUM;
  return vpnSkuFacts(user.sku)?.gatewaySubnetMinimum ?? GATEWAY_SUBNET_MINIMUM;
}

/** The GatewaySubnet is smaller than the gateway accepts. */
export interface GatewaySubnetSizeViolation {
  /** The smallest prefix length accepted. */
  readonly minimum: number;
  /** The SKUs that accept a smaller GatewaySubnet than `minimum` (empty at the absolute minimum). */
  readonly smallerFor: readonly VpnGatewaySkuName[];
  /** The smallest GatewaySubnet of any gateway. */
  readonly absoluteMinimum: number;
}

/**
 * Whether an IPv4 GatewaySubnet prefix is too small for the gateway (see {@link gatewaySubnetMinimum});
 * undefined when it is large enough, and for IPv6 prefixes (sized by the subnet rules).
 */
export function gatewaySubnetSizeViolation(
  p: Pick<Prefix, "family" | "length">,
  user?: GatewaySubnetUser,
): GatewaySubnetSizeViolation | undefined {
  if (p.family !== 4) return undefined;
  const minimum = gatewaySubnetMinimum(user);
  if (p.length <= minimum) return undefined;
  return {
    minimum,
    smallerFor: vpnSkusWhere((f) => f.gatewaySubnetMinimum > minimum),
    absoluteMinimum: GATEWAY_SUBNET_ABSOLUTE_MINIMUM,
  };
}
