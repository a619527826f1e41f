import { Rule } from "../../rule";
import { IpsecGcmMismatch } from "./gcm-mismatch";
import { IpsecPolicySku } from "./policy-sku";
import { IpsecWeakCrypto } from "./weak-crypto";

export * from "./gcm-mismatch";
export * from "./policy-sku";
export * from "./weak-crypto";

/** The `Ipsec.*` rules: custom IPsec/IKE policies. */
export const IPSEC_RULES: readonly Rule[] = [IpsecGcmMismatch, IpsecPolicySku, IpsecWeakCrypto];
