/**
 * The address plan of the synth benchmark's topology (issue 7), shared by the raw-provider and the
 * construct versions so both write the same Terraform: N spokes on hubs of at most
 * {@link HUB_CAPACITY} spokes, each hub with a VPN gateway whose peerings offer gateway transit, both
 * peering directions, a subnet per spoke, and a site-to-site branch (local network gateway + IPsec
 * connection on its spokes' hub) every {@link SPOKES_PER_BRANCH} spokes.
 *
 * No cdktf import here: the child process of each run loads only what its variant needs.
 */
import { ipv4Text } from "./prefixes";
import { HUB_CAPACITY, hubCount, spokeSpaces } from "./topology";

export { HUB_CAPACITY, hubCount, spokeSpaces };

/** One branch (on-premises site with a site-to-site connection) per this many spokes. */
export const SPOKES_PER_BRANCH = 20;
export const LOCATION = "westeurope";

export { REGIONS, hubLocation } from "./topology";
export const RESOURCE_GROUP = "rg-bench";
export const STACK = "hub-and-spoke";
/** Name of the Terraform variable holding the branches' pre-shared key. */
export const BRANCH_KEY_VARIABLE = "branch_shared_key";

/** Number of branches of a topology of `spokes` spokes. */
export function branchCount(spokes: number): number {
  return Math.ceil(spokes / SPOKES_PER_BRANCH);
}

/** Hub h: 10.0.h.0/24, its GatewaySubnet the first /27 of it. */
export function hubSpace(h: number): { space: string; gatewaySubnet: string } {
  if (h > 255) throw new Error("more than 256 hubs do not fit in 10.0.0.0/16");
  return { space: `10.0.${h}.0/24`, gatewaySubnet: `10.0.${h}.0/27` };
}

/** The hub that spoke i (0-based) is peered with. */
export function hubOfSpoke(i: number): number {
  return Math.floor(i / HUB_CAPACITY);
}

/** The hub that branch b connects to: the hub of the branch's first spoke. */
export function hubOfBranch(b: number): number {
  return hubOfSpoke(b * SPOKES_PER_BRANCH);
}

/** Documentation ranges (RFC 5737) for the branches' VPN device addresses: 762 distinct addresses. */
const DEVICE_NETS = ["192.0.2", "198.51.100", "203.0.113"];

/** Branch b: a /24 in 172.16.0.0/12 and a distinct public device address. */
export function branchSite(b: number): { space: string; deviceAddress: string } {
  if (b >= 254 * DEVICE_NETS.length)
    throw new Error(`branch ${b}: too many branches for the device addresses`);
  const base = 172 * 2 ** 24 + 16 * 2 ** 16 + b * 256;
  return {
    space: ipv4Text(base, 24),
    deviceAddress: `${DEVICE_NETS[Math.floor(b / 254)]}.${(b % 254) + 1}`,
  };
}

/** What the benchmark expects each version to write, per resource type (a check that both wrote the same topology). */
export function expectedResources(spokes: number): Record<string, number> {
  const hubs = hubCount(spokes);
  const branches = branchCount(spokes);
  return {
    azurerm_resource_group: 1,
    azurerm_virtual_network: hubs + spokes,
    azurerm_subnet: hubs + spokes,
    azurerm_public_ip: hubs,
    azurerm_virtual_network_gateway: hubs,
    azurerm_virtual_network_peering: 2 * spokes,
    azurerm_local_network_gateway: branches,
    azurerm_virtual_network_gateway_connection: branches,
  };
}
