import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";
import {
  DPD_TIMEOUT_SECONDS,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
  dpdTimeoutViolation,
  saDataSizeViolation,
  saLifetimeViolation,
} from "../../../core/azure/ipsec";

const DPD = DPD_TIMEOUT_SECONDS;
const LIFETIME = SA_LIFETIME_SECONDS;
const DATASIZE = SA_DATASIZE_KILOBYTES;

/**
 * `Ipsec.OutOfRange`: a connection's dead peer detection timeout, or a custom IPsec/IKE policy's SA
 * lifetime or SA data size, outside the range Azure accepts: DPD "Seconds (integer; minimum 9, maximum
 * 3,600, default 45)"; SA lifetime "Seconds (integer; minimum 300, default 27,000)"; SA data size
 * "Kilobytes (integer; minimum 1,024, default 102,400,000)" (0 accepted: no rekey on volume); all 32-bit
 * integers. The connection constructs refuse the same values with the same predicates (core/azure/ipsec).
 *
 * Catalogue: CONN-DPD-RANGE, IPSEC-SA-LIFETIME, IPSEC-SA-DATASIZE.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const IpsecOutOfRange: Rule = {
  id: "Ipsec.OutOfRange",
  severity: "error",
  description: `A connection's DPD timeout is outside ${DPD.min}-${DPD.max} s, or a custom IPsec/IKE policy's SA lifetime is under ${LIFETIME.min} s or its SA data size is neither ${DATASIZE.alsoAllowed} nor at least ${DATASIZE.min} KB.`,
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
          message: `${label} has dpd_timeout_seconds ${dpd}; Azure accepts ${DPD.min} to ${DPD.max} seconds.`,
          fix: `Set dpd_timeout_seconds between ${DPD.min} and ${DPD.max} (${DPD.recommended.min} to ${DPD.recommended.max} is recommended; the default is ${DPD.default}).`,
          values: { dpdTimeoutSeconds: String(dpd) },
        });
      }
      for (const policy of c.ipsecPolicies) {
        const lifetime = policy.saLifetime;
        if (isUnknown(lifetime)) {
          out.cannotVerify(
            c.path,
            `whether ipsec_policy.sa_lifetime is at least ${LIFETIME.min}: it is ${lifetime.unknown}`,
          );
        } else if (lifetime !== undefined && saLifetimeViolation(lifetime)) {
          out.find({
            path: c.path,
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
            message: `${label} has ipsec_policy.sa_datasize ${datasize} KB; Azure accepts ${DATASIZE.alsoAllowed} or an integer from ${DATASIZE.min} to ${DATASIZE.max} KB.`,
            fix: `Set sa_datasize to at least ${DATASIZE.min} KB (Azure's default is ${DATASIZE.default}), or ${DATASIZE.alsoAllowed}, or leave it out.`,
            values: { saDatasize: String(datasize) },
          });
        }
      }
    }
    return out;
  },
};
