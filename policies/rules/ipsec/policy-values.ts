import { IPSEC_ALGORITHM_FIELDS, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import {
  IPSEC_POLICY_VALUES,
  UNDOCUMENTED_PFS_GROUPS,
  ipsecPolicyCountViolation,
  ipsecValueViolation,
} from "../../../core/azure/ipsec";
import { orList } from "../../../core/text";

/**
 * `Ipsec.PolicyValues`: a connection's custom IPsec/IKE policy is one Azure refuses.
 * - More than one `ipsec_policy` block: "Only one policy per connection" (the provider's MaxItems 1).
 * - A missing algorithm: "Partial policies aren't allowed": `dh_group`, `ike_encryption`,
 *   `ike_integrity`, `ipsec_encryption`, `ipsec_integrity` and `pfs_group` are all required.
 * - A value outside the documented lists of ipsec-ike-policy-howto (IKE encryption DES/DES3 and IKE
 *   integrity GCMAES128/256 are still in the provider's enum but no longer documented: errors, as the
 *   catalogue decides). The undocumented `PFS14` and `PFSMM` are a warning: the provider's acceptance
 *   tests deploy `pfs_group = "PFS14"` (2026-12 correction), so Azure accepts them.
 * The connection constructs refuse the same values with the same predicate (core/azure/ipsec).
 *
 * Catalogue: IPSEC-ONE-POLICY, IPSEC-COMPLETE, IPSEC-IKE-ENC-VALUES, IPSEC-IKE-INT-VALUES, IPSEC-DH-VALUES, IPSEC-IPSEC-ENC-VALUES, IPSEC-IPSEC-INT-VALUES, IPSEC-PFS-VALUES.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 */
export const IpsecPolicyValues: Rule = {
  id: "Ipsec.PolicyValues",
  severity: "error",
  description: `A connection has more than one ipsec_policy, a policy without one of its six algorithms, or an algorithm Microsoft does not document (error; ${orList(UNDOCUMENTED_PFS_GROUPS)}, which Azure accepts: warning).`,
  source:
    "https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const label = connectionLabel(c);
      const count = c.ipsecPolicies.length;
      const tooMany = ipsecPolicyCountViolation(count);
      if (tooMany) {
        out.find({
          path: c.path,
          message: `${label} has ${count} ipsec_policy blocks; a connection takes at most ${tooMany.max} custom IPsec/IKE policy.`,
          fix: "Keep one ipsec_policy block with the algorithms both ends support.",
          values: { ipsecPolicies: String(count) },
        });
      }
      for (const policy of c.ipsecPolicies) {
        const missing: string[] = [];
        for (const { field: key, attribute } of IPSEC_ALGORITHM_FIELDS) {
          const v = policy[key];
          if (v === undefined) {
            missing.push(attribute);
            continue;
          }
          if (isUnknown(v)) {
            out.cannotVerify(
              c.path,
              `whether ipsec_policy.${attribute} is a value Azure accepts: it is ${v.unknown}`,
            );
            continue;
          }
          const problem = ipsecValueViolation(key, v);
          if (!problem) continue;
          out.find({
            path: c.path,
            severity: problem.accepted ? "warning" : "error",
            message: problem.accepted
              ? `${label} has ipsec_policy.${attribute} ${v}, which Azure accepts but does not document for custom IPsec/IKE policies.`
              : `${label} has ipsec_policy.${attribute} ${v}, which is not a value Azure documents for custom IPsec/IKE policies (${IPSEC_POLICY_VALUES[key].join(", ")}).`,
            fix: `Set ${attribute} to one of ${orList(problem.allowed)}, one the peer device supports too.`,
            values: { [attribute]: v },
          });
        }
        if (missing.length > 0) {
          out.find({
            path: c.path,
            message: `${label} has an ipsec_policy without ${missing.join(", ")}; Azure refuses partial IPsec/IKE policies: all six algorithms are required.`,
            fix: `Set ${missing.join(", ")} in the ipsec_policy block, or remove the block to use Azure's default policy.`,
            values: { missing: missing.join(", ") },
          });
        }
      }
    }
    return out;
  },
};
