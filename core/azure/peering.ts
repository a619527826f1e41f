/**
 * Virtual network peering facts.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering
 */

/**
 * Virtual network peerings per virtual network: "Virtual network peerings per virtual network: 500", a
 * hard limit of Azure Resource Manager networking; the 501st peering is refused.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 */
export const MAX_PEERINGS_PER_NETWORK = 500;

/**
 * Peerings per network that an Azure Virtual Network Manager connectivity configuration can create (not
 * Terraform peering resources).
 * @see https://learn.microsoft.com/azure/architecture/networking/guide/spoke-to-spoke-networking
 */
export const MAX_MANAGED_PEERINGS_PER_NETWORK = 1000;

/** Whether a network has more peerings than Azure allows. */
export function peeringLimitViolation(count: number): { readonly max: number } | undefined {
  return count > MAX_PEERINGS_PER_NETWORK ? { max: MAX_PEERINGS_PER_NETWORK } : undefined;
}
