/**
 * Azure networking limits on how many networks and subnets may exist. One copy for the constructs and
 * the rules; only the resources a configuration declares can be counted at synth.
 */

/**
 * The most virtual networks per subscription and region: "Virtual networks: 1,000 per region per
 * subscription".
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 */
export const VNETS_PER_SUBSCRIPTION_REGION = 1000;

/**
 * The most subnets per virtual network: "Subnets per virtual network: 3,000".
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 */
export const SUBNETS_PER_VNET = 3000;
