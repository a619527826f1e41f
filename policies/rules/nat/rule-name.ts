import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";

/**
 * `Nat.RuleName`: a VPN gateway NAT rule's name contains `/`. "Can I use a slash (/) in a NAT rule
 * name? No. You'll receive an error."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatRuleName: Rule = {
  id: "Nat.RuleName",
  severity: "error",
  description: "A VPN gateway NAT rule's name contains '/'.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const r of model.natRules) {
      if (isUnknown(r.name)) {
        out.cannotVerify(r.path, `whether the NAT rule name contains '/': it is ${r.name.unknown}`);
        continue;
      }
      if (typeof r.name !== "string" || !r.name.includes("/")) continue;
      out.find({
        path: r.path,
        message: `gateway NAT rule name '${r.name}' contains '/', which Azure refuses in NAT rule names.`,
        fix: `Rename the NAT rule without '/', e.g. '${r.name.replace(/\//g, "-")}'.`,
        values: { name: r.name },
      });
    }
    return out;
  },
};
