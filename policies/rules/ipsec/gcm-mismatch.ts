import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import { RECOMMENDED_IPSEC, gcmMismatch } from "../../../core/azure/ipsec";

/**
 * `Ipsec.GcmMismatch`: with a GCM cipher for IPsec, encryption and integrity are the same GCM
 * algorithm: "If you use GCMAES for IPsec, you must use the same GCMAES algorithm and key length for
 * both IPsec encryption and integrity." (Azure PowerShell refuses such a policy outright.)
 *
 * Catalogue: IPSEC-GCM-MATCH.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export const IpsecGcmMismatch: Rule = {
  id: "Ipsec.GcmMismatch",
  severity: "error",
  description:
    "A custom IPsec/IKE policy uses a GCM algorithm for IPsec encryption or integrity but not the same one for both.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (!c.ipsecPolicy) continue;
      const enc = c.ipsecPolicy.ipsecEncryption;
      const integ = c.ipsecPolicy.ipsecIntegrity;
      if (isUnknown(enc) || isUnknown(integ)) {
        out.cannotVerify(
          c.path,
          `whether ipsec_encryption and ipsec_integrity match: ${isUnknown(enc) ? enc.unknown : (integ as { unknown: string }).unknown} is not known at synth`,
        );
        continue;
      }
      const mismatch = gcmMismatch(enc, integ);
      if (!mismatch) continue;
      const same = mismatch.algorithm;
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} has ipsec_encryption ${enc ?? "(not set)"} and ipsec_integrity ${integ ?? "(not set)"}; with GCM both must be the same GCM algorithm and key length.`,
        fix: `Set both ipsec_encryption and ipsec_integrity to ${same}, or use a non-GCM cipher with ${RECOMMENDED_IPSEC.integrity[0]} integrity.`,
        values: { ipsecEncryption: String(enc), ipsecIntegrity: String(integ) },
      });
    }
    return out;
  },
};
