import { Rule } from "../../rule";
import { GatewayCoexistence } from "./coexistence";
import { GatewayIpConfigurations } from "./ip-configurations";
import { GatewayOnePerVnet } from "./one-per-vnet";
import { GatewayPolicyBasedLimits } from "./policy-based-limits";
import { GatewayPublicIp } from "./public-ip";
import { GatewayRegion } from "./region";
import { GatewayRetiredSku } from "./retired-sku";
import { GatewaySkuForType } from "./sku-for-type";
import { GatewayTunnelLimit } from "./tunnel-limit";
import { GatewayVnetPrefixLimit } from "./vnet-prefix-limit";
import { GatewaySkuFeature } from "./sku-feature";

export * from "./coexistence";
export * from "./ip-configurations";
export * from "./one-per-vnet";
export * from "./policy-based-limits";
export * from "./public-ip";
export * from "./region";
export * from "./retired-sku";
export * from "./sku-for-type";
export * from "./tunnel-limit";
export * from "./vnet-prefix-limit";
export * from "./sku-feature";

/** The `Gateway.*` rules: virtual network gateways: SKU, features, public IPs, one per network. */
export const GATEWAY_RULES: readonly Rule[] = [
  GatewayCoexistence,
  GatewayIpConfigurations,
  GatewayOnePerVnet,
  GatewayPolicyBasedLimits,
  GatewayPublicIp,
  GatewayRegion,
  GatewayRetiredSku,
  GatewaySkuFeature,
  GatewaySkuForType,
  GatewayTunnelLimit,
  GatewayVnetPrefixLimit,
];
