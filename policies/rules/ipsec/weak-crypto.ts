import { IPSEC_ALGORITHM_FIELDS, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import {
  RECOMMENDED_IPSEC,
  WEAK_IPSEC_ALGORITHMS,
  WEAK_IPSEC_VALUES_BY_FIELD,
  isWeakIpsecValue,
} from "../../../core/azure/ipsec";
import { orList } from "../../../core/text";

const R = RECOMMENDED_IPSEC;

/**
 * `Ipsec.WeakCrypto`: a custom IPsec/IKE policy with DES, DES3, MD5, SHA1, DHGroup1, DHGroup2, PFS1 or
 * PFS2 (PFS2 is the same 1,024-bit group as DHGroup2), or `ipsec_encryption = None`. Azure accepts them,
 * so this is a warning: its cryptographic-requirements guidance points to DH groups 14, 24 and
 * ECP256/384 and AES/GCM ciphers for compliance. Every `ipsec_policy` block is checked. Values Azure
 * refuses are `Ipsec.PolicyValues` and `Ipsec.OutOfRange`.
 *
 * Catalogue: IPSEC-WEAK.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const IpsecWeakCrypto: Rule = {
  id: "Ipsec.WeakCrypto",
  severity: "warning",
  description: `A custom IPsec/IKE policy uses ${orList(WEAK_IPSEC_ALGORITHMS)}, or ipsec_encryption ${orList(WEAK_IPSEC_VALUES_BY_FIELD.ipsecEncryption ?? [])}: weak algorithms Azure still accepts.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      for (const policy of c.ipsecPolicies) {
        const weak: string[] = [];
        for (const { field: key, attribute: field } of IPSEC_ALGORITHM_FIELDS) {
          const v = policy[key];
          if (isUnknown(v)) {
            out.cannotVerify(c.path, `whether ipsec_policy.${field} is a weak algorithm: it is ${v.unknown}`);
            continue;
          }
          if (v !== undefined && isWeakIpsecValue(key, v)) weak.push(`${field} ${v}`);
        }
        if (weak.length === 0) continue;
        out.find({
          path: c.path,
          message: `${connectionLabel(c)} has a custom IPsec/IKE policy with weak algorithms (${weak.join(", ")}).`,
          fix: `Use ${orList(R.ciphers)} ciphers, ${orList(R.integrity)} integrity, ${orList(R.dhGroups)}, and ${orList(R.pfsGroups)} (whatever the peer device supports).`,
          values: { weak: weak.join(", ") },
        });
      }
    }
    return out;
  },
};
