/**
 * Azure clouds (instances): the global cloud and the national clouds, how a configuration names them
 * (the azurerm provider's `environment`) and which regions belong to which. Peerings and VNet-to-VNet
 * connections join networks of one cloud only; the `Peering.SameCloud` and `Connection.SameCloud`
 * rules decide a network's or gateway's cloud with these functions.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti
 */

/** An Azure cloud, named as the azurerm provider's `environment` names it (plus the air-gapped US clouds). */
export type AzureCloud = "public" | "usgovernment" | "china" | "usnat" | "ussec";

/**
 * The values of the azurerm provider's `environment`: "Possible values are public, usgovernment, and
 * china. Defaults to public." (`ARM_ENVIRONMENT` sets it too, so an unset `environment` alone does not
 * prove the public cloud.)
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs#environment
 */
export const PROVIDER_ENVIRONMENTS: readonly AzureCloud[] = ["public", "usgovernment", "china"];

/**
 * Region name prefixes of the national clouds (names compared in lower case without spaces, as Azure
 * does: `US Gov Virginia` is `usgovvirginia`): Azure Government (`usgovvirginia`, `usgovtexas`,
 * `usgovarizona`, and the DoD regions `usdodeast`, `usdodcentral`), Azure operated by 21Vianet in China
 * (`chinaeast`, `chinanorth3`, ...) and the air-gapped US clouds (`usnateast`, `usseceast`, ...). Every
 * other region is in the global (public) cloud.
 * @see https://learn.microsoft.com/azure/azure-government/documentation-government-developer-guide
 * @see https://learn.microsoft.com/azure/china/resources-developer-guide
 */
export const NATIONAL_REGION_PREFIXES: readonly { readonly prefix: string; readonly cloud: AzureCloud }[] = [
  { prefix: "usgov", cloud: "usgovernment" },
  { prefix: "usdod", cloud: "usgovernment" },
  { prefix: "china", cloud: "china" },
  { prefix: "usnat", cloud: "usnat" },
  { prefix: "ussec", cloud: "ussec" },
];

/** A region name as Azure compares it: lower case, without spaces. */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

/** The cloud a region belongs to. */
export function cloudOfLocation(location: string): AzureCloud {
  const l = normalizeLocation(location);
  return NATIONAL_REGION_PREFIXES.find((r) => l.startsWith(r.prefix))?.cloud ?? "public";
}

/** The cloud an azurerm provider `environment` selects; undefined for a value the provider does not know. */
export function cloudOfEnvironment(environment: string): AzureCloud | undefined {
  return PROVIDER_ENVIRONMENTS.find((e) => e === environment.toLowerCase());
}

/** Human name of a cloud, for messages. */
export function cloudName(cloud: AzureCloud): string {
  switch (cloud) {
    case "public":
      return "the global Azure cloud";
    case "usgovernment":
      return "Azure Government";
    case "china":
      return "Azure operated by 21Vianet (China)";
    default:
      return `the ${cloud} cloud`;
  }
}

/**
 * Whether two networks in these clouds cannot be peered, or two gateways joined VNet-to-VNet: "You can't
 * globally peer from Azure public regions to national cloud regions"; "VNet-to-VNet supports connecting
 * virtual networks within the same Azure instance. For example, you can't create a connection between
 * global Azure and Chinese/German/US government Azure instances. Consider using a Site-to-Site VPN
 * connection for these scenarios."
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti
 */
export function crossCloudViolation(a: AzureCloud, b: AzureCloud): boolean {
  return a !== b;
}
