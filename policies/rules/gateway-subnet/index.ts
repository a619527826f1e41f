import { Rule } from "../../rule";
import { GatewaySubnetName } from "./name";
import { GatewaySubnetNoNsg } from "./no-nsg";
import { GatewaySubnetOnlyGateways } from "./only-gateways";
import { GatewaySubnetRouteTable } from "./route-table";
import { GatewaySubnetSize } from "./size";

export * from "./name";
export * from "./no-nsg";
export * from "./only-gateways";
export * from "./route-table";
export * from "./size";

/** The `GatewaySubnet.*` rules: the subnet of a virtual network gateway: name, size, NSG, route tables, nothing else in it. */
export const GATEWAY_SUBNET_RULES: readonly Rule[] = [
  GatewaySubnetName,
  GatewaySubnetNoNsg,
  GatewaySubnetOnlyGateways,
  GatewaySubnetRouteTable,
  GatewaySubnetSize,
];
