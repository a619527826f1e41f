import { IPSEC_ALGORITHM_FIELDS, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";

/** Algorithms of a custom policy that Microsoft's compliance guidance steers away from. */
const WEAK = new Set(["DES", "DES3", "MD5", "SHA1", "DHGroup1", "DHGroup2", "PFS1"]);
/** Quick Mode SA lifetime: "Seconds (integer; minimum 300, default 27,000)". */
const MIN_SA_LIFETIME = 300;
/** Quick Mode SA data size: "Kilobytes (integer; minimum 1,024, default 102,400,000)"; 0 (no volume rekey) is accepted. */
const MIN_SA_DATASIZE = 1024;
/** "DPD timeout: Seconds (integer; minimum 9, maximum 3,600, default 45)". */
const DPD_MIN = 9;
const DPD_MAX = 3600;

/**
 * `Ipsec.WeakCrypto`: a custom IPsec/IKE policy with DES, DES3, MD5, SHA1, DHGroup1, DHGroup2 or
 * PFS1 (warning: Azure accepts them, but its cryptographic-requirements guidance points to DH groups
 * 14, 24 and ECP256/384 and AES/GCM ciphers for compliance), or SA lifetime, SA data size or DPD
 * timeout outside the documented ranges (error: minimum 300 s, 1,024 KB (0 accepted), 9-3,600 s).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 */
export const IpsecWeakCrypto: Rule = {
  id: "Ipsec.WeakCrypto",
  severity: "warning",
  description:
    "A custom IPsec/IKE policy uses DES, DES3, MD5, SHA1, DHGroup1, DHGroup2 or PFS1 (warning), or an SA lifetime, SA data size or DPD timeout out of range (error).",
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
          `whether dpd_timeout_seconds is within ${DPD_MIN}-${DPD_MAX}: it is ${dpd.unknown}`,
        );
      } else if (dpd !== undefined && (dpd < DPD_MIN || dpd > DPD_MAX)) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has dpd_timeout_seconds ${dpd}; Azure accepts ${DPD_MIN} to ${DPD_MAX} seconds.`,
          fix: "Set dpd_timeout_seconds between 9 and 3600 (30 to 45 is recommended; the default is 45).",
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
        if (v !== undefined && WEAK.has(v)) weak.push(`${field} ${v}`);
      }
      if (weak.length > 0) {
        out.find({
          path: c.path,
          message: `${label} has a custom IPsec/IKE policy with weak algorithms (${weak.join(", ")}).`,
          fix: "Use AES256 or GCMAES256 ciphers, SHA256 or SHA384 integrity, DHGroup14, DHGroup24, ECP256 or ECP384, and PFS2048, PFS24, ECP256 or ECP384 (whatever the peer device supports).",
          values: { weak: weak.join(", ") },
        });
      }

      const lifetime = policy.saLifetime;
      if (isUnknown(lifetime)) {
        out.cannotVerify(
          c.path,
          `whether ipsec_policy.sa_lifetime is at least ${MIN_SA_LIFETIME}: it is ${lifetime.unknown}`,
        );
      } else if (lifetime !== undefined && lifetime < MIN_SA_LIFETIME) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has ipsec_policy.sa_lifetime ${lifetime} seconds; Azure's minimum IPsec SA lifetime is ${MIN_SA_LIFETIME} seconds.`,
          fix: "Set sa_lifetime to at least 300 seconds (Azure's default is 27000), or leave it out.",
          values: { saLifetime: String(lifetime) },
        });
      }
      const datasize = policy.saDatasize;
      if (isUnknown(datasize)) {
        out.cannotVerify(
          c.path,
          `whether ipsec_policy.sa_datasize is 0 or at least ${MIN_SA_DATASIZE}: it is ${datasize.unknown}`,
        );
      } else if (datasize !== undefined && datasize !== 0 && datasize < MIN_SA_DATASIZE) {
        out.find({
          path: c.path,
          severity: "error",
          message: `${label} has ipsec_policy.sa_datasize ${datasize} KB; Azure accepts 0 or at least ${MIN_SA_DATASIZE} KB.`,
          fix: "Set sa_datasize to at least 1024 KB (Azure's default is 102400000), or 0, or leave it out.",
          values: { saDatasize: String(datasize) },
        });
      }
    }
    return out;
  },
};
