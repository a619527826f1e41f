import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { NAT_RULE_NAME_FORBIDDEN, natRuleNameViolation } from "../../../core/azure/naming";

/**
 * `Nat.RuleName`: a VPN gateway NAT rule's name contains `/`. "Can I use a slash (/) in a NAT rule
 * name? No. You'll receive an error."
 *
 * Catalogue: NAT-NAME-SLASH.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatRuleName: Rule = {
  id: "Nat.RuleName",
  severity: "error",
  description: `A VPN gateway NAT rule's name contains '${NAT_RULE_NAME_FORBIDDEN}'.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const r of model.natRules) {
      if (isUnknown(r.name)) {
        out.cannotVerify(
          r.path,
          `whether the NAT rule name contains '${NAT_RULE_NAME_FORBIDDEN}': it is ${r.name.unknown}`,
        );
        continue;
      }
      const name = r.name;
      const bad = typeof name === "string" ? natRuleNameViolation(name) : undefined;
      if (typeof name !== "string" || !bad) continue;
      out.find({
        path: r.path,
        message: `gateway NAT rule name '${name}' contains '${bad.character}', which Azure refuses in NAT rule names.`,
        fix: `Rename the NAT rule without '${bad.character}', e.g. '${bad.suggestion}'.`,
        values: { name },
      });
    }
    return out;
  },
};
