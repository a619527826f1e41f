import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule, RuleFinding } from "../../rule";
import { gatewayLabel, isCreated, isVpnGateway, knownSku } from "../labels";
import {
  VPN_GATEWAY_GENERATIONS,
  VpnSkuFeature,
  generationViolation,
  policyBasedViolation,
  skuFeatureViolation,
  skuHasOneGeneration,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

/** The VPN type only some SKUs offer. */
const POLICY_BASED = "PolicyBased";

const [GEN1, GEN2] = VPN_GATEWAY_GENERATIONS;
const bgpOrActiveActive = skuListText(
  vpnSkusWhere((f) => !f.bgp || !f.activeActive),
  "or",
);
const gen1Only = skuListText(
  vpnSkusWhere((f) => !f.generations.includes(GEN2)),
  "or",
);
const gen2Only = skuListText(
  vpnSkusWhere((f) => !f.generations.includes(GEN1)),
  "or",
);
const policyBasedSkus = skuListText(
  vpnSkusWhere((f) => f.policyBased),
  "or",
);
const noNatSkus = skuListText(
  vpnSkusWhere((f) => !f.nat),
  "or",
);

/**
 * `Gateway.SkuFeature`: what a VPN gateway's SKU does not offer.
 * - Basic: no BGP, no active-active, Generation1 only.
 * - VpnGw1 and VpnGw1AZ: Generation1 only; VpnGw4/5 and VpnGw4AZ/5AZ: Generation2 only.
 * - PolicyBased: Basic only (every other SKU is route-based).
 * - NAT rules: VpnGw2-5 and VpnGw2AZ-5AZ only (not Basic, VpnGw1, VpnGw1AZ).
 * An unset `generation` is left to Azure (the provider's attribute is optional and computed), so it
 * is never guessed; an unset `vpn_type` is RouteBased, unset `active_active` and BGP are off.
 *
 * Catalogue: GW-POLICYBASED-SKU, GW-SKU-GEN1, GW-SKU-GEN2, AA-SKU, AA-ROUTEBASED, NAT-SKU, NAT-ROUTEBASED.
 * Catalogue (partly): BGP-SKU, GW-POLICYBASED-LIMITS.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 */
export const GatewaySkuFeature: Rule = {
  id: "Gateway.SkuFeature",
  severity: "error",
  description: `A VPN gateway uses a feature its SKU lacks: BGP or active-active on ${bgpOrActiveActive}; ${GEN2} with ${gen1Only}; ${GEN1} with ${gen2Only}; ${POLICY_BASED} on a SKU other than ${policyBasedSkus}; NAT rules on ${noNatSkus}.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || !isVpnGateway(g, out, "the SKU's features")) continue;
      const sku = knownSku(g, out, "the SKU's features");
      if (sku === undefined) continue;
      checkGateway(g, sku, out);
    }
    return out;
  },
};

function finding(
  g: GatewayM,
  sku: string,
  what: string,
  why: string,
  fix: string,
  value: string,
): RuleFinding {
  return {
    path: g.path,
    message: `${gatewayLabel(g)} (sku ${sku}) ${what}; ${why}.`,
    fix,
    values: { gateway: show(g.name), sku, feature: value },
  };
}

function checkGateway(g: GatewayM, sku: string, out: Outcome): void {
  const lacking: [VpnSkuFeature, unknown, string, string, string, string, string][] = [
    ["bgp", g.bgpEnabled, "bgp_enabled", "uses BGP", "has BGP enabled", "BGP", "turn BGP off"],
    [
      "activeActive",
      g.activeActive,
      "active_active",
      "is active-active",
      "is active-active",
      "active-active gateways",
      "set active_active = false",
    ],
  ];
  for (const [feature, value, name, what, found, noun, undo] of lacking) {
    const lack = skuFeatureViolation(sku, feature);
    if (!lack) continue;
    if (isUnknown(value)) {
      out.cannotVerify(
        g.path,
        `whether ${gatewayLabel(g)} (sku ${lack.sku}) ${what}: ${name} is ${value.unknown}`,
      );
    } else if (value === true) {
      out.find(
        finding(
          g,
          sku,
          found,
          `the ${lack.sku} SKU does not support ${noun}`,
          `Use a VpnGw SKU such as ${lack.suggestion}, or ${undo}.`,
          feature === "bgp" ? "bgp" : "active-active",
        ),
      );
    }
  }
  const gen = g.generation;
  if (isUnknown(gen)) {
    if (skuHasOneGeneration(sku))
      out.cannotVerify(
        g.path,
        `whether sku ${sku} of ${gatewayLabel(g)} exists in its generation: generation is ${gen.unknown}`,
      );
  } else if (typeof gen === "string") {
    const wrong = generationViolation(sku, gen);
    if (wrong) {
      const only = wrong.availableIn.join(" or ");
      out.find(
        finding(
          g,
          sku,
          `is ${wrong.generation}`,
          `sku ${sku} exists in ${only} only`,
          `Set generation = "${only}", or use a ${wrong.generation} SKU such as ${wrong.alternative}.`,
          wrong.generation,
        ),
      );
    }
  }
  // Whether this SKU may be PolicyBased at all; if not, the gateway's VPN type must be known.
  if (policyBasedViolation(sku, POLICY_BASED)) {
    if (isUnknown(g.vpnType)) {
      out.cannotVerify(
        g.path,
        `whether ${gatewayLabel(g)} (sku ${sku}) is route-based: vpn_type is ${g.vpnType.unknown}`,
      );
    } else if (typeof g.vpnType === "string") {
      const wrong = policyBasedViolation(sku, g.vpnType);
      if (wrong)
        out.find(
          finding(
            g,
            sku,
            `is ${POLICY_BASED}`,
            `policy-based VPN is available with the ${wrong.availableOn.join(", ")} SKU only`,
            'Set vpn_type = "RouteBased" (policy-based devices can still connect with use_policy_based_traffic_selectors on the connection).',
            POLICY_BASED,
          ),
        );
    }
  }
  const noNat = skuFeatureViolation(sku, "nat");
  if (noNat && g.natRules.length > 0) {
    const rules = g.natRules.map((r) => `${show(r.name)} (${r.path})`).join(", ");
    out.find(
      finding(
        g,
        sku,
        `has NAT rules ${rules}`,
        `NAT is supported on ${skuListText(noNat.offeredBy)} only`,
        `Use sku ${noNat.smallest} or larger, or remove the NAT rules.`,
        "NAT",
      ),
    );
  }
}
