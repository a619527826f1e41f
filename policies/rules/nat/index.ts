import { Rule } from "../../rule";
import { NatIngressShared } from "./ingress-shared";
import { NatLimit } from "./limit";
import { NatMapping } from "./mapping";
import { NatRuleName } from "./rule-name";
import { NatStaticPrefixMismatch } from "./static-prefix-mismatch";
import { NatUnsupportedConnection } from "./unsupported-connection";

export * from "./ingress-shared";
export * from "./limit";
export * from "./mapping";
export * from "./rule-name";
export * from "./static-prefix-mismatch";
export * from "./unsupported-connection";

/** The `Nat.*` rules: gateway NAT rules. */
export const NAT_RULES: readonly Rule[] = [
  NatIngressShared,
  NatLimit,
  NatMapping,
  NatRuleName,
  NatStaticPrefixMismatch,
  NatUnsupportedConnection,
];
