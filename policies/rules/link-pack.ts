import { Rule } from "../rule";
import { ConnectionCustomBgpAddresses } from "./connection/custom-bgp-addresses";
import { ConnectionType } from "./connection/type";
import { ConnectionVnet2VnetPair } from "./connection/vnet2vnet-pair";
import { IpsecGcmMismatch } from "./ipsec/gcm-mismatch";
import { IpsecPolicySku } from "./ipsec/policy-sku";
import { IpsecWeakCrypto } from "./ipsec/weak-crypto";
import { NatIngressShared } from "./nat/ingress-shared";
import { NatLimit } from "./nat/limit";
import { NatMapping } from "./nat/mapping";
import { NatRuleName } from "./nat/rule-name";
import { NatStaticPrefixMismatch } from "./nat/static-prefix-mismatch";
import { PeeringGatewayTransit } from "./peering/gateway-transit";
import { PeeringLimit } from "./peering/limit";
import { PeeringMissingReverse } from "./peering/missing-reverse";
import { SecretPlainSharedKey } from "./secret/plain-shared-key";

export {
  ConnectionCustomBgpAddresses,
  ConnectionType,
  ConnectionVnet2VnetPair,
  IpsecGcmMismatch,
  IpsecPolicySku,
  IpsecWeakCrypto,
  NatIngressShared,
  NatLimit,
  NatMapping,
  NatRuleName,
  NatStaticPrefixMismatch,
  PeeringGatewayTransit,
  PeeringLimit,
  PeeringMissingReverse,
  SecretPlainSharedKey,
};

/** Rules on peerings, connections, NAT rules, IPsec policies and shared keys (issue 5). */
export const LINK_RULES: readonly Rule[] = [
  PeeringMissingReverse,
  PeeringGatewayTransit,
  PeeringLimit,
  ConnectionType,
  ConnectionVnet2VnetPair,
  ConnectionCustomBgpAddresses,
  NatStaticPrefixMismatch,
  NatMapping,
  NatRuleName,
  NatIngressShared,
  NatLimit,
  IpsecWeakCrypto,
  IpsecPolicySku,
  IpsecGcmMismatch,
  SecretPlainSharedKey,
];
