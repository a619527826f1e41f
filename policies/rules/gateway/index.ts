import { Rule } from "../../rule";
import { GatewayOnePerVnet } from "./one-per-vnet";
import { GatewayPublicIp } from "./public-ip";
import { GatewayRetiredSku } from "./retired-sku";
import { GatewaySkuFeature } from "./sku-feature";

export { GatewayOnePerVnet, GatewayPublicIp, GatewayRetiredSku, GatewaySkuFeature };

/** The `Gateway.*` rules: virtual network gateways: SKU, features, public IPs, one per network. */
export const GATEWAY_RULES: readonly Rule[] = [
  GatewayOnePerVnet,
  GatewayPublicIp,
  GatewayRetiredSku,
  GatewaySkuFeature,
];
