/**
 * Custom IPsec/IKE policy and tunnel facts of VPN connections: the values Microsoft documents for each
 * algorithm, the ones its guidance steers away from, the GCM pairing, and the ranges of the SA lifetime,
 * the SA data size and the dead peer detection timeout. The connection constructs validate their props
 * with these predicates and the `Ipsec.*` rules check raw Terraform with the same ones.
 *
 * Algorithm names are compared exactly, as the provider's enums (and this package so far) do.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */

/**
 * IKE (phase 1) encryption documented for a custom policy. DES and DES3 are still accepted by the API and
 * the provider's enum but no longer documented.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const IKE_ENCRYPTION = ["GCMAES256", "GCMAES128", "AES256", "AES192", "AES128"] as const;

/**
 * IKE (phase 1) integrity (the PRF when the IKE cipher is GCM). The provider's enum also accepts
 * GCMAES128/256, which Microsoft does not document.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const IKE_INTEGRITY = ["SHA384", "SHA256", "SHA1", "MD5"] as const;

/**
 * IKE Diffie-Hellman groups. `DHGroup2048` is the same group as `DHGroup14`.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const DH_GROUPS = [
  "DHGroup24",
  "ECP384",
  "ECP256",
  "DHGroup14",
  "DHGroup2048",
  "DHGroup2",
  "DHGroup1",
  "None",
] as const;

/**
 * IPsec (phase 2) encryption.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const IPSEC_ENCRYPTION = [
  "GCMAES256",
  "GCMAES192",
  "GCMAES128",
  "AES256",
  "AES192",
  "AES128",
  "DES3",
  "DES",
  "None",
] as const;

/**
 * IPsec (phase 2) integrity. With a GCM cipher it must be the same GCM algorithm.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const IPSEC_INTEGRITY = ["GCMAES256", "GCMAES192", "GCMAES128", "SHA256", "SHA1", "MD5"] as const;

/**
 * Perfect forward secrecy groups of the IPsec SAs. `PFS2048` is DH group 14. The API and provider enum
 * also have `PFS14` and `PFSMM` ({@link UNDOCUMENTED_PFS_GROUPS}).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const PFS_GROUPS = ["PFS24", "ECP384", "ECP256", "PFS2048", "PFS2", "PFS1", "None"] as const;

/**
 * PFS groups the API and the provider's enum accept but Microsoft does not document: `PFS14` and `PFSMM`.
 * The provider's acceptance tests deploy `pfs_group = "PFS14"` (the 2026-12 correction of the catalogue):
 * Azure accepts them, so they are a warning, never a refusal.
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 */
export const UNDOCUMENTED_PFS_GROUPS = ["PFS14", "PFSMM"] as const;

/** The documented values of each algorithm field of a custom IPsec/IKE policy. */
export const IPSEC_POLICY_VALUES = {
  ikeEncryption: IKE_ENCRYPTION,
  ikeIntegrity: IKE_INTEGRITY,
  dhGroup: DH_GROUPS,
  ipsecEncryption: IPSEC_ENCRYPTION,
  ipsecIntegrity: IPSEC_INTEGRITY,
  pfsGroup: PFS_GROUPS,
} as const;

/** The algorithm fields of a custom IPsec/IKE policy. */
export type IpsecAlgorithmField = keyof typeof IPSEC_POLICY_VALUES;

/** Values each field accepts although Microsoft does not document them (a warning, not a refusal). */
export const UNDOCUMENTED_ACCEPTED_VALUES: Readonly<Partial<Record<IpsecAlgorithmField, readonly string[]>>> =
  {
    pfsGroup: UNDOCUMENTED_PFS_GROUPS,
  };

/** A value Microsoft does not document for the field. */
export interface IpsecValueViolation {
  /** The documented values. */
  readonly allowed: readonly string[];
  /** Azure accepts the value all the same ({@link UNDOCUMENTED_ACCEPTED_VALUES}): a warning. */
  readonly accepted: boolean;
}

/**
 * Whether `value` is not one Microsoft documents for the field (undefined when it is). Undocumented
 * values are refused (IKE DES/DES3, IKE integrity GCMAES*: the catalogue's IPSEC-IKE-ENC-VALUES and
 * IPSEC-IKE-INT-VALUES), except those Azure is known to accept (`PFS14`, `PFSMM`), marked `accepted`.
 */
export function ipsecValueViolation(
  field: IpsecAlgorithmField,
  value: string,
): IpsecValueViolation | undefined {
  const allowed: readonly string[] = IPSEC_POLICY_VALUES[field];
  if (allowed.includes(value)) return undefined;
  return { allowed, accepted: UNDOCUMENTED_ACCEPTED_VALUES[field]?.includes(value) ?? false };
}

/**
 * Algorithms of a custom policy that Microsoft's compliance guidance steers away from: DES, DES3, MD5,
 * SHA1, DHGroup1, DHGroup2, PFS1 and PFS2 (PFS2 is the same 1,024-bit group as DHGroup2). Azure accepts
 * them; its cryptographic-requirements guidance points to DH groups 14, 24 and ECP256/384 and AES/GCM
 * ciphers.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const WEAK_IPSEC_ALGORITHMS: readonly string[] = [
  "DES",
  "DES3",
  "MD5",
  "SHA1",
  "DHGroup1",
  "DHGroup2",
  "PFS1",
  "PFS2",
];

/**
 * Values that are weak in one field only: `ipsec_encryption = None` (no encryption of the tunnel's
 * traffic; `None` elsewhere means no PFS or no DH group, which the other weak entries do not cover).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 */
export const WEAK_IPSEC_VALUES_BY_FIELD: Readonly<Partial<Record<IpsecAlgorithmField, readonly string[]>>> = {
  ipsecEncryption: ["None"],
};

/** True when the algorithm is one of {@link WEAK_IPSEC_ALGORITHMS} (in any field). */
export function isWeakIpsecAlgorithm(value: string): boolean {
  return WEAK_IPSEC_ALGORITHMS.includes(value);
}

/** True when the value is weak in this field: a weak algorithm, or a value weak in this field only. */
export function isWeakIpsecValue(field: IpsecAlgorithmField, value: string): boolean {
  return isWeakIpsecAlgorithm(value) || (WEAK_IPSEC_VALUES_BY_FIELD[field]?.includes(value) ?? false);
}

/**
 * Custom IPsec/IKE policies per connection: "Only one policy per connection" (the provider's
 * `ipsec_policy` block has MaxItems 1).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export const MAX_IPSEC_POLICIES_PER_CONNECTION = 1;

/** Whether a connection has more custom IPsec/IKE policies than Azure takes. */
export function ipsecPolicyCountViolation(count: number): { readonly max: number } | undefined {
  return count > MAX_IPSEC_POLICIES_PER_CONNECTION ? { max: MAX_IPSEC_POLICIES_PER_CONNECTION } : undefined;
}

/**
 * What to use instead of weak algorithms, strongest first per field (whatever the peer device supports).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
 */
export const RECOMMENDED_IPSEC = {
  ciphers: ["AES256", "GCMAES256"],
  integrity: ["SHA256", "SHA384"],
  dhGroups: ["DHGroup14", "DHGroup24", "ECP256", "ECP384"],
  pfsGroups: ["PFS2048", "PFS24", "ECP256", "ECP384"],
} as const;

/** Prefix of the GCM algorithm names. */
const GCM = "GCMAES";

/** IPsec encryption and integrity that do not pair. */
export interface GcmMismatch {
  /** The GCM algorithm to use for both. */
  readonly algorithm: string;
}

/**
 * Whether IPsec encryption and integrity break the GCM pairing: "If you use GCMAES for IPsec, you must
 * use the same GCMAES algorithm and key length for both IPsec encryption and integrity" (Azure PowerShell
 * refuses such a policy outright). An unset value on one side counts as different.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export function gcmMismatch(
  encryption: string | undefined,
  integrity: string | undefined,
): GcmMismatch | undefined {
  const gcm = (v: string | undefined): v is string => v !== undefined && v.startsWith(GCM);
  if (!gcm(encryption) && !gcm(integrity)) return undefined;
  if (encryption === integrity) return undefined;
  return { algorithm: gcm(encryption) ? encryption : (integrity as string) };
}

/** Largest value of Azure's 32-bit integer fields. */
export const MAX_INT32 = 2147483647;

/** An integer range Azure accepts, with its default. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
  /** Azure's default. */
  readonly default: number;
  /** A value accepted besides the range (0 for the SA data size: no rekey on volume). */
  readonly alsoAllowed?: number;
}

/**
 * IPsec (Quick Mode) SA lifetime in seconds: "Seconds (integer; minimum 300, default 27,000)"; the field
 * is a 32-bit integer.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const SA_LIFETIME_SECONDS: IntegerRange = { min: 300, max: MAX_INT32, default: 27000 };

/**
 * IPsec (Quick Mode) SA data size in KB: "Kilobytes (integer; minimum 1,024, default 102,400,000)"; 0 (no
 * rekey on volume) is accepted too (azure-rules.md: "0 or 1,024-2,147,483,647 KB"). Some provider
 * versions refuse 0 at plan (`IntAtLeast(1024)`).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto#supported-algorithms-and-key-strengths
 */
export const SA_DATASIZE_KILOBYTES: IntegerRange = {
  min: 1024,
  max: MAX_INT32,
  default: 102400000,
  alsoAllowed: 0,
};

/**
 * Dead peer detection timeout in seconds: "Seconds (integer; minimum 9, maximum 3,600, default 45)";
 * 30 to 45 is recommended.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export const DPD_TIMEOUT_SECONDS: IntegerRange & {
  readonly recommended: { readonly min: number; readonly max: number };
} = { min: 9, max: 3600, default: 45, recommended: { min: 30, max: 45 } };

/** Whether `value` is outside the range (undefined when Azure accepts it). */
export function rangeViolation(value: number, range: IntegerRange): IntegerRange | undefined {
  if (value === range.alsoAllowed) return undefined;
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return range;
}

/** Whether Azure refuses this SA lifetime. */
export function saLifetimeViolation(seconds: number): IntegerRange | undefined {
  return rangeViolation(seconds, SA_LIFETIME_SECONDS);
}

/** Whether Azure refuses this SA data size. */
export function saDataSizeViolation(kilobytes: number): IntegerRange | undefined {
  return rangeViolation(kilobytes, SA_DATASIZE_KILOBYTES);
}

/** Whether Azure refuses this DPD timeout. */
export function dpdTimeoutViolation(seconds: number): IntegerRange | undefined {
  return rangeViolation(seconds, DPD_TIMEOUT_SECONDS);
}

/**
 * Traffic selector policies per connection at most.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const MAX_TRAFFIC_SELECTOR_POLICIES = 100;

/** Whether a connection has more traffic selector policies than Azure allows. */
export function trafficSelectorLimitViolation(count: number): { readonly max: number } | undefined {
  return count > MAX_TRAFFIC_SELECTOR_POLICIES ? { max: MAX_TRAFFIC_SELECTOR_POLICIES } : undefined;
}
