import { Rule } from "../../rule";
import { NatActiveActive } from "./active-active";
import { NatBgp } from "./bgp";
import { NatDirection } from "./direction";
import { NatDynamicOneConnection } from "./dynamic-one-connection";
import { NatIngressShared } from "./ingress-shared";
import { NatLimit } from "./limit";
import { NatMapping } from "./mapping";
import { NatMappingShape } from "./mapping-shape";
import { NatRuleName } from "./rule-name";
import { NatStaticPrefixMismatch } from "./static-prefix-mismatch";
import { NatUnsupportedConnection } from "./unsupported-connection";

export * from "./active-active";
export * from "./bgp";
export * from "./direction";
export * from "./dynamic-one-connection";
export * from "./ingress-shared";
export * from "./limit";
export * from "./mapping";
export * from "./mapping-shape";
export * from "./rule-name";
export * from "./static-prefix-mismatch";
export * from "./unsupported-connection";

/** The `Nat.*` rules: gateway NAT rules. */
export const NAT_RULES: readonly Rule[] = [
  NatActiveActive,
  NatBgp,
  NatDirection,
  NatDynamicOneConnection,
  NatIngressShared,
  NatLimit,
  NatMapping,
  NatMappingShape,
  NatRuleName,
  NatStaticPrefixMismatch,
  NatUnsupportedConnection,
];
