import { Rule } from "../../rule";
import { IpsecGcmMismatch } from "./gcm-mismatch";
import { IpsecOutOfRange } from "./out-of-range";
import { IpsecPolicySku } from "./policy-sku";
import { IpsecPolicyValues } from "./policy-values";
import { IpsecTrafficSelectors } from "./traffic-selectors";
import { IpsecWeakCrypto } from "./weak-crypto";

export * from "./gcm-mismatch";
export * from "./out-of-range";
export * from "./policy-sku";
export * from "./policy-values";
export * from "./traffic-selectors";
export * from "./weak-crypto";

/** The `Ipsec.*` rules: custom IPsec/IKE policies and tunnel settings. */
export const IPSEC_RULES: readonly Rule[] = [
  IpsecGcmMismatch,
  IpsecOutOfRange,
  IpsecPolicySku,
  IpsecPolicyValues,
  IpsecTrafficSelectors,
  IpsecWeakCrypto,
];
