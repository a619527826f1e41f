import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import { MAX_TRAFFIC_SELECTOR_POLICIES, trafficSelectorLimitViolation } from "../../../core/azure/ipsec";

/**
 * `Ipsec.TrafficSelectors`: a connection's custom traffic selectors.
 * - More than 100 `traffic_selector_policy` blocks (error): "Traffic selector policies per connection:
 *   100" (VPN gateway limits).
 * - Traffic selectors without `use_policy_based_traffic_selectors = true` (warning): "For the specified
 *   traffic selector to take effect, be sure to enable policy-based traffic selectors."
 * The connection constructs refuse both.
 *
 * Catalogue: IPSEC-PBTS-COMBOS.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const IpsecTrafficSelectors: Rule = {
  id: "Ipsec.TrafficSelectors",
  severity: "error",
  description: `A connection has more than ${MAX_TRAFFIC_SELECTOR_POLICIES} traffic_selector_policy blocks (error), or traffic selectors without use_policy_based_traffic_selectors, which leaves them unused (warning).`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const count = c.trafficSelectorPolicyCount;
      if (count === 0) continue;
      const label = connectionLabel(c);
      const tooMany = trafficSelectorLimitViolation(count);
      if (tooMany) {
        out.find({
          path: c.path,
          message: `${label} has ${count} traffic_selector_policy blocks; Azure allows at most ${tooMany.max} per connection.`,
          fix: `Merge the selectors into at most ${tooMany.max} traffic_selector_policy blocks (each takes lists of prefixes).`,
          values: { trafficSelectorPolicies: String(count) },
        });
      }
      const pbts = c.usePolicyBasedTrafficSelectors;
      if (isUnknown(pbts)) {
        out.cannotVerify(
          c.path,
          `whether the traffic selectors take effect: use_policy_based_traffic_selectors is ${pbts.unknown}`,
        );
      } else if (pbts !== true) {
        out.find({
          path: c.path,
          severity: "warning",
          message: `${label} has ${count} traffic_selector_policy block(s) but not use_policy_based_traffic_selectors; Azure uses custom traffic selectors only with policy-based traffic selectors.`,
          fix: "Set use_policy_based_traffic_selectors = true, or remove the traffic_selector_policy blocks.",
          values: { trafficSelectorPolicies: String(count) },
        });
      }
    }
    return out;
  },
};
