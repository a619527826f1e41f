import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import { skuFeatureViolation, skuListText, vpnSkusWhere } from "../../../core/azure/gateway";

/**
 * `Ipsec.PolicySku`: a custom IPsec/IKE policy on a connection of a Basic gateway. "IPsec/IKE policy
 * only works on the following gateway SKUs: VpnGw1~5 and VpnGw1AZ~5AZ, Standard and HighPerformance."
 *
 * Catalogue: IPSEC-SKU.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#about-policy-parameters
 */
export const IpsecPolicySku: Rule = {
  id: "Ipsec.PolicySku",
  severity: "error",
  description: `A connection of a ${skuListText(vpnSkusWhere((f) => !f.customIpsecPolicy))} SKU gateway has a custom IPsec/IKE policy.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#about-policy-parameters",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (!c.ipsecPolicy) continue;
      if (!c.gateway) {
        out.cannotVerify(
          c.path,
          `whether the gateway supports a custom IPsec/IKE policy: the gateway (${c.gatewayExpr}) cannot be resolved at synth`,
        );
        continue;
      }
      const sku = c.gateway.sku;
      if (isUnknown(sku)) {
        out.cannotVerify(
          c.path,
          `whether ${gatewayLabel(c.gateway)} supports a custom IPsec/IKE policy: its sku is ${sku.unknown}`,
        );
        continue;
      }
      if (typeof sku !== "string") continue;
      const noPolicy = skuFeatureViolation(sku, "customIpsecPolicy");
      if (!noPolicy) continue;
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} has a custom ipsec_policy, but its ${gatewayLabel(c.gateway)} has sku ${sku}, which does not support custom IPsec/IKE policies.`,
        fix: `Remove the ipsec_policy block, or use a VpnGw SKU (e.g. ${noPolicy.smallest} or larger) for the gateway.`,
        values: { gateway: String(c.gateway.name ?? c.gateway.path), sku },
      });
    }
    return out;
  },
};
