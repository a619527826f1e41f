import { Rule } from "../rule";
import { AddressSpaceReserved } from "./address-space/reserved";
import { BgpReservedAsn } from "./bgp/reserved-asn";
import { GatewayOnePerVnet } from "./gateway/one-per-vnet";
import { GatewayPublicIp } from "./gateway/public-ip";
import { GatewayRetiredSku } from "./gateway/retired-sku";
import { GatewaySkuFeature } from "./gateway/sku-feature";
import { GatewaySubnetName } from "./gateway-subnet/name";
import { GatewaySubnetRouteTable } from "./gateway-subnet/route-table";
import { GatewaySubnetSize } from "./gateway-subnet/size";
import { SiteAddressOrBgp } from "./site/address-or-bgp";
import { SubnetOutsideVnet } from "./subnet/outside-vnet";
import { SubnetOverlap } from "./subnet/overlap";

export {
  AddressSpaceReserved,
  BgpReservedAsn,
  GatewayOnePerVnet,
  GatewayPublicIp,
  GatewayRetiredSku,
  GatewaySkuFeature,
  GatewaySubnetName,
  GatewaySubnetRouteTable,
  GatewaySubnetSize,
  SiteAddressOrBgp,
  SubnetOutsideVnet,
  SubnetOverlap,
};

/** Rules on gateways, gateway subnets, sites' BGP settings and address spaces (issue 5). */
export const GATEWAY_RULES: readonly Rule[] = [
  GatewaySubnetName,
  GatewaySubnetSize,
  GatewaySubnetRouteTable,
  GatewaySkuFeature,
  GatewayRetiredSku,
  GatewayPublicIp,
  GatewayOnePerVnet,
  BgpReservedAsn,
  SiteAddressOrBgp,
  AddressSpaceReserved,
  SubnetOutsideVnet,
  SubnetOverlap,
];
