import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule, RuleFinding } from "../../rule";
import {
  GENERATION1_ONLY,
  GENERATION2_ONLY,
  NO_NAT_SKUS,
  gatewayLabel,
  is,
  isBasicSku,
  isCreated,
  isVpnGateway,
  knownSku,
} from "../labels";

/**
 * `Gateway.SkuFeature`: what a VPN gateway's SKU does not offer.
 * - Basic: no BGP, no active-active, Generation1 only.
 * - VpnGw1 and VpnGw1AZ: Generation1 only; VpnGw4/5 and VpnGw4AZ/5AZ: Generation2 only.
 * - PolicyBased: Basic only (every other SKU is route-based).
 * - NAT rules: VpnGw2-5 and VpnGw2AZ-5AZ only (not Basic, VpnGw1, VpnGw1AZ).
 * An unset `generation` is left to Azure (the provider's attribute is optional and computed), so it
 * is never guessed; an unset `vpn_type` is RouteBased, unset `active_active` and BGP are off.
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
  description:
    "A VPN gateway uses a feature its SKU lacks: BGP, active-active or Generation2 on Basic; VpnGw4/5(AZ) on Generation1; Generation2 with VpnGw1(AZ); PolicyBased on a non-Basic SKU; NAT rules on Basic/VpnGw1/VpnGw1AZ.",
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
  const basic = isBasicSku(sku);
  const key = sku.toLowerCase();
  if (basic) {
    const flag = (value: unknown, name: string, what: string) => {
      if (isUnknown(value))
        out.cannotVerify(
          g.path,
          `whether ${gatewayLabel(g)} (sku Basic) ${what}: ${name} is ${value.unknown}`,
        );
      return value === true;
    };
    if (flag(g.bgpEnabled, "bgp_enabled", "uses BGP"))
      out.find(
        finding(
          g,
          sku,
          "has BGP enabled",
          "the Basic SKU does not support BGP",
          "Use a VpnGw SKU such as VpnGw2AZ, or turn BGP off.",
          "bgp",
        ),
      );
    if (flag(g.activeActive, "active_active", "is active-active"))
      out.find(
        finding(
          g,
          sku,
          "is active-active",
          "the Basic SKU does not support active-active gateways",
          "Use a VpnGw SKU such as VpnGw2AZ, or set active_active = false.",
          "active-active",
        ),
      );
  }
  const gen = g.generation;
  if (isUnknown(gen)) {
    if (GENERATION1_ONLY.has(key) || GENERATION2_ONLY.has(key))
      out.cannotVerify(
        g.path,
        `whether sku ${sku} of ${gatewayLabel(g)} exists in its generation: generation is ${gen.unknown}`,
      );
  } else if (is(gen, "Generation2") && GENERATION1_ONLY.has(key)) {
    out.find(
      finding(
        g,
        sku,
        "is Generation2",
        `sku ${sku} exists in Generation1 only`,
        'Set generation = "Generation1", or use a Generation2 SKU such as VpnGw2AZ.',
        "Generation2",
      ),
    );
  } else if (is(gen, "Generation1") && GENERATION2_ONLY.has(key)) {
    out.find(
      finding(
        g,
        sku,
        "is Generation1",
        `sku ${sku} exists in Generation2 only`,
        'Set generation = "Generation2", or use a Generation1 SKU such as VpnGw3AZ.',
        "Generation1",
      ),
    );
  }
  if (!basic) {
    if (isUnknown(g.vpnType)) {
      out.cannotVerify(
        g.path,
        `whether ${gatewayLabel(g)} (sku ${sku}) is route-based: vpn_type is ${g.vpnType.unknown}`,
      );
    } else if (is(g.vpnType, "PolicyBased")) {
      out.find(
        finding(
          g,
          sku,
          "is PolicyBased",
          "policy-based VPN is available with the Basic SKU only",
          'Set vpn_type = "RouteBased" (policy-based devices can still connect with use_policy_based_traffic_selectors on the connection).',
          "PolicyBased",
        ),
      );
    }
  }
  if (NO_NAT_SKUS.has(key) && g.natRules.length > 0) {
    const rules = g.natRules.map((r) => `${show(r.name)} (${r.path})`).join(", ");
    out.find(
      finding(
        g,
        sku,
        `has NAT rules ${rules}`,
        "NAT is supported on VpnGw2-5 and VpnGw2AZ-5AZ only",
        "Use sku VpnGw2AZ or larger, or remove the NAT rules.",
        "NAT",
      ),
    );
  }
}
