import { Rule } from "../../rule";
import { GatewaySubnetName } from "./name";
import { GatewaySubnetNoNsg } from "./no-nsg";
import { GatewaySubnetRouteTable } from "./route-table";
import { GatewaySubnetSize } from "./size";

export * from "./name";
export * from "./no-nsg";
export * from "./route-table";
export * from "./size";

/** The `GatewaySubnet.*` rules: the subnet of a virtual network gateway: name, size, NSG, route tables. */
export const GATEWAY_SUBNET_RULES: readonly Rule[] = [
  GatewaySubnetName,
  GatewaySubnetNoNsg,
  GatewaySubnetRouteTable,
  GatewaySubnetSize,
];
