/**
 * The rules, by area (`policies/rules/<area>/`, one file per rule, ids `Area.Check`), the pack of each
 * area, and every rule as one namespace object (`rules`) for custom packs.
 */
import { Rule } from "../rule";
import * as addressSpace from "./address-space";
import * as bgp from "./bgp";
import * as connection from "./connection";
import * as gateway from "./gateway";
import * as gatewaySubnet from "./gateway-subnet";
import * as ipsec from "./ipsec";
import * as nat from "./nat";
import * as peering from "./peering";
import * as reachability from "./reachability";
import * as secret from "./secret";
import * as site from "./site";
import * as subnet from "./subnet";
import * as vnet from "./vnet";

export * from "./address-space";
export * from "./bgp";
export * from "./connection";
export * from "./gateway";
export * from "./gateway-subnet";
export * from "./ipsec";
export * from "./nat";
export * from "./peering";
export * from "./reachability";
export * from "./secret";
export * from "./site";
export * from "./subnet";
export * from "./vnet";

/** Every rule of the package by area: `Area.Check` -> the pack of that area. */
export const RULE_PACKS: Readonly<Record<string, readonly Rule[]>> = {
  GatewaySubnet: gatewaySubnet.GATEWAY_SUBNET_RULES,
  Gateway: gateway.GATEWAY_RULES,
  Bgp: bgp.BGP_RULES,
  Site: site.SITE_RULES,
  Peering: peering.PEERING_RULES,
  Connection: connection.CONNECTION_RULES,
  Nat: nat.NAT_RULES,
  Ipsec: ipsec.IPSEC_RULES,
  AddressSpace: addressSpace.ADDRESS_SPACE_RULES,
  Subnet: subnet.SUBNET_RULES,
  Vnet: vnet.VNET_RULES,
  Secret: secret.SECRET_RULES,
  Reachability: reachability.REACHABILITY_RULES,
};

/** Every rule of the package, in the order they run (the default pack): area by area. */
export const ALL_RULES: readonly Rule[] = Object.values(RULE_PACKS).flat();

/**
 * Every rule as a member named like its id without the dot (`rules.GatewaySubnetNoNsg` is
 * `GatewaySubnet.NoNsg`), to build packs: `new ConnectivityPolicies({ rules: [rules.AddressSpaceNoOverlap] })`.
 */
export const rules = {
  ...membersOf(gatewaySubnet),
  ...membersOf(gateway),
  ...membersOf(bgp),
  ...membersOf(site),
  ...membersOf(peering),
  ...membersOf(connection),
  ...membersOf(nat),
  ...membersOf(ipsec),
  ...membersOf(addressSpace),
  ...membersOf(subnet),
  ...membersOf(vnet),
  ...membersOf(secret),
  ...membersOf(reachability),
};

/** An area module's rules: its exports that are rules (not its pack, nor helpers). */
type Members<T> = { readonly [K in keyof T as T[K] extends Rule ? K : never]: T[K] };

function isRule(v: unknown): v is Rule {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Rule).id === "string" &&
    typeof (v as Rule).check === "function"
  );
}

function membersOf<T extends object>(area: T): Members<T> {
  return Object.fromEntries(Object.entries(area).filter(([, v]) => isRule(v))) as Members<T>;
}
