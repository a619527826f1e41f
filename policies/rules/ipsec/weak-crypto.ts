import { IPSEC_ALGORITHM_FIELDS, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import {
  DPD_TIMEOUT_SECONDS,
  RECOMMENDED_IPSEC,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
  WEAK_IPSEC_ALGORITHMS,
  dpdTimeoutViolation,
  isWeakIpsecAlgorithm,
  saDataSizeViolation,
  saLifetimeViolation,
} from "../../../core/azure/ipsec";
import { orList } from "../../../core/text";

const DPD = DPD_TIMEOUT_SECONDS;
const LIFETIME = SA_LIFETIME_SECONDS;
const DATASIZE = SA_DATASIZE_KILOBYTES;
const R = RECOMMENDED_IPSEC;

/**
 * `Ipsec.WeakCrypto`: a custom IPsec/IKE policy with DES, DES3, MD5, SHA1, DHGroup1, DHGroup2 or
 * PFS1 (warning: Azure accepts them, but its cryptographic-requirements guidance points to DH groups
 * 14, 24 and ECP256/384 and AES/GCM ciphers for compliance), or SA lifetime, SA data size or DPD
 * timeout outside the documented ranges (error: minimum 300 s, 1,024 KB (0 accepted), 9-3,600 s;
 * integers up to 2,147,483,647). The connection constructs refuse the same ranges with the same
 * predicates (core/azure/ipsec).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 */
export const IpsecWeakCrypto: Rule = {
  id: "Ipsec.WeakCrypto",
  severity: "warning",
  description: `A custom IPsec/IKE policy uses ${orList(WEAK_IPSEC_ALGORITHMS)} (warning), or an SA lifetime, SA data size or DPD timeout out of range (error).`,
  source:
    "https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const label = connectionLabel(c);
      const dpd = c.dpdTimeoutSeconds;
      if (isUnknown(dpd)) {
        out.cannotVerify(
          c.path,
          `whether dpd_timeout_seconds is within ${DPD.min}-${DPD.max}: it is ${dpd.unknown}`,
        );
      } else if (dpd !== undefined && dpdTimeoutViolation(dpd)) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has dpd_timeout_seconds ${dpd}; Azure accepts ${DPD.min} to ${DPD.max} seconds.`,
          fix: `Set dpd_timeout_seconds between ${DPD.min} and ${DPD.max} (${DPD.recommended.min} to ${DPD.recommended.max} is recommended; the default is ${DPD.default}).`,
          values: { dpdTimeoutSeconds: String(dpd) },
        });
      }
      const policy = c.ipsecPolicy;
      if (!policy) continue;

      const weak: string[] = [];
      for (const { field: key, attribute: field } of IPSEC_ALGORITHM_FIELDS) {
        const v = policy[key];
        if (isUnknown(v)) {
          out.cannotVerify(c.path, `whether ipsec_policy.${field} is a weak algorithm: it is ${v.unknown}`);
          continue;
        }
        if (v !== undefined && isWeakIpsecAlgorithm(v)) weak.push(`${field} ${v}`);
      }
      if (weak.length > 0) {
        out.find({
          path: c.path,
          message: `${label} has a custom IPsec/IKE policy with weak algorithms (${weak.join(", ")}).`,
          fix: `Use ${orList(R.ciphers)} ciphers, ${orList(R.integrity)} integrity, ${orList(R.dhGroups)}, and ${orList(R.pfsGroups)} (whatever the peer device supports).`,
          values: { weak: weak.join(", ") },
        });
      }

      const lifetime = policy.saLifetime;
      if (isUnknown(lifetime)) {
        out.cannotVerify(
          c.path,
          `whether ipsec_policy.sa_lifetime is at least ${LIFETIME.min}: it is ${lifetime.unknown}`,
        );
      } else if (lifetime !== undefined && saLifetimeViolation(lifetime)) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has ipsec_policy.sa_lifetime ${lifetime} seconds; Azure accepts an integer from ${LIFETIME.min} (its minimum IPsec SA lifetime) to ${LIFETIME.max} seconds.`,
          fix: `Set sa_lifetime to at least ${LIFETIME.min} seconds (Azure's default is ${LIFETIME.default}), or leave it out.`,
          values: { saLifetime: String(lifetime) },
        });
      }
      const datasize = policy.saDatasize;
      if (isUnknown(datasize)) {
        out.cannotVerify(
          c.path,
          `whether ipsec_policy.sa_datasize is ${DATASIZE.alsoAllowed} or at least ${DATASIZE.min}: it is ${datasize.unknown}`,
        );
      } else if (datasize !== undefined && saDataSizeViolation(datasize)) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has ipsec_policy.sa_datasize ${datasize} KB; Azure accepts ${DATASIZE.alsoAllowed} or an integer from ${DATASIZE.min} to ${DATASIZE.max} KB.`,
          fix: `Set sa_datasize to at least ${DATASIZE.min} KB (Azure's default is ${DATASIZE.default}), or ${DATASIZE.alsoAllowed}, or leave it out.`,
          values: { saDatasize: String(datasize) },
        });
      }
    }
    return out;
  },
};
