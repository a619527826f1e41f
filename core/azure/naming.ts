/**
 * Naming facts: the gateway subnet's name, how Azure compares names, and characters Azure refuses in
 * names. One copy for the constructs and the rules.
 */

/**
 * The name of the subnet every virtual network gateway is deployed into: "The gateway subnet must be
 * named 'GatewaySubnet' to work properly".
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 */
export const GATEWAY_SUBNET_NAME = "GatewaySubnet";

/**
 * True when two Azure resource names are the same name: Azure compares resource names (subnets
 * included) without regard to case.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export function sameAzureName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * True when the subnet name is the gateway subnet's. Azure and the provider (`validate.IsGatewaySubnet`)
 * compare it case-insensitively, so `gatewaySubnet` is one too.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/validate/gateway_subnet.go
 */
export function isGatewaySubnetName(name: unknown): boolean {
  return typeof name === "string" && sameAzureName(name, GATEWAY_SUBNET_NAME);
}

/**
 * A character Azure refuses in VPN gateway NAT rule names: "Can I use a slash (/) in a NAT rule name?
 * No. You'll receive an error."
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NAT_RULE_NAME_FORBIDDEN = "/";

/** Why Azure refuses a NAT rule name (undefined when it accepts it). */
export interface NatRuleNameViolation {
  /** The character Azure refuses. */
  readonly character: string;
  /** The name with that character replaced by a hyphen, to suggest. */
  readonly suggestion: string;
}

/** Whether Azure refuses this VPN gateway NAT rule name. */
export function natRuleNameViolation(name: string): NatRuleNameViolation | undefined {
  if (!name.includes(NAT_RULE_NAME_FORBIDDEN)) return undefined;
  return { character: NAT_RULE_NAME_FORBIDDEN, suggestion: name.split(NAT_RULE_NAME_FORBIDDEN).join("-") };
}

/**
 * A region as Azure compares it: `West Europe` and `westeurope` are the same region (Azure accepts the
 * display name and the name, in any case).
 * @see https://learn.microsoft.com/azure/reliability/regions-list
 */
export function regionKey(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** True when two locations name the same Azure region. */
export function sameRegion(a: string, b: string): boolean {
  return regionKey(a) === regionKey(b);
}

/**
 * The Azure resource types whose names the constructs write, as the naming rules page lists them
 * (Microsoft.Network, and Microsoft.Resources for resource groups).
 */
export type AzureNameKind =
  | "virtualNetworks"
  | "subnets"
  | "virtualNetworkPeerings"
  | "virtualNetworkGateways"
  | "localNetworkGateways"
  | "connections"
  | "publicIPAddresses"
  | "resourceGroups";

/** Azure's naming rule of one resource type. */
export interface AzureNameRule {
  /** The entity as the naming rules page names it. */
  readonly entity: string;
  /** Fewest characters. */
  readonly min: number;
  /** Most characters. */
  readonly max: number;
  /** The valid characters, in the page's words. */
  readonly characters: string;
  /** The whole name, as a pattern (length apart). */
  readonly pattern: RegExp;
}

/**
 * Microsoft.Network names: "Alphanumerics, underscores, periods, and hyphens. Start with alphanumeric.
 * End alphanumeric or underscore."
 */
const NETWORK_CHARACTERS =
  "alphanumerics, underscores, periods and hyphens, starting with an alphanumeric and ending with an alphanumeric or underscore";
const NETWORK_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/**
 * Length and characters of the names of each resource type the constructs create.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
 */
export const AZURE_NAME_RULES: Readonly<Record<AzureNameKind, AzureNameRule>> = {
  virtualNetworks: {
    entity: "virtual network",
    min: 2,
    max: 64,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  subnets: { entity: "subnet", min: 1, max: 80, characters: NETWORK_CHARACTERS, pattern: NETWORK_PATTERN },
  virtualNetworkPeerings: {
    entity: "virtual network peering",
    min: 1,
    max: 80,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  virtualNetworkGateways: {
    entity: "virtual network gateway",
    min: 1,
    max: 80,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  localNetworkGateways: {
    entity: "local network gateway",
    min: 1,
    max: 80,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  connections: {
    entity: "connection",
    min: 1,
    max: 80,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  publicIPAddresses: {
    entity: "public IP address",
    min: 1,
    max: 80,
    characters: NETWORK_CHARACTERS,
    pattern: NETWORK_PATTERN,
  },
  // "Alphanumerics, underscores, parentheses, hyphens, periods, and Unicode characters that match the
  // regex documentation. Can't end with period." (the API's regex: ^[-\w\._\(\)]+$)
  resourceGroups: {
    entity: "resource group",
    min: 1,
    max: 90,
    characters: "letters, digits, underscores, parentheses, hyphens and periods, not ending with a period",
    pattern: /^[-\p{L}\p{Nd}_.()]*[-\p{L}\p{Nd}_()]$/u,
  },
};

/** Why Azure refuses a name. */
export type AzureNameViolation =
  | { readonly kind: "length"; readonly length: number; readonly rule: AzureNameRule }
  | { readonly kind: "characters"; readonly rule: AzureNameRule };

/** Whether Azure refuses `name` for a resource of this type (undefined when it accepts it). */
export function azureNameViolation(kind: AzureNameKind, name: string): AzureNameViolation | undefined {
  const rule = AZURE_NAME_RULES[kind];
  const length = codePoints(name);
  if (length < rule.min || length > rule.max) return { kind: "length", length, rule };
  if (!rule.pattern.test(name)) return { kind: "characters", rule };
  return undefined;
}

/** The length of a string in code points (as Azure counts characters), without splitting it. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * A name the package makes up (a default such as `<network>-to-<network>`) made to fit the rule of its
 * resource type: characters Azure refuses become hyphens, and a name too long is cut and ends with a
 * hash of the whole name, so two long defaults stay different. A name that fits is returned unchanged.
 */
export function fitAzureName(kind: AzureNameKind, name: string): string {
  if (!azureNameViolation(kind, name)) return name;
  const rule = AZURE_NAME_RULES[kind];
  let s = [...name].map((c) => (/[A-Za-z0-9_.-]/.test(c) ? c : "-")).join("");
  if (!/^[A-Za-z0-9]/.test(s)) s = `n${s}`;
  if (s.length > rule.max || !rule.pattern.test(s)) {
    const hash = fnv1a(name);
    s = `${s.slice(0, rule.max - hash.length - 1).replace(/[^A-Za-z0-9_]+$/, "")}-${hash}`;
  }
  return s.length < rule.min ? s.padEnd(rule.min, "0") : s;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable suffix (not a security hash). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A character Azure says not to use in any resource name: "Don't use # in a resource name. It
 * interferes with URL parsing on Azure Resource Manager requests."
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export const RESOURCE_NAME_FORBIDDEN = "#";

/**
 * Tags: a name of 1-512 characters without `<>%&\?/`, a value of at most 256 characters.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
 */
export const TAG_RULES = { nameMax: 512, valueMax: 256, nameForbidden: "<>%&\\?/" } as const;

/** Why Azure refuses a tag (undefined when it accepts it). */
export function tagViolation(name: string, value: string): string | undefined {
  if (name.length < 1 || name.length > TAG_RULES.nameMax) {
    return `a tag name has 1 to ${TAG_RULES.nameMax} characters, not ${name.length}`;
  }
  const bad = [...TAG_RULES.nameForbidden].find((c) => name.includes(c));
  if (bad) return `a tag name may not contain '${bad}' (nor any of ${TAG_RULES.nameForbidden})`;
  if (value.length > TAG_RULES.valueMax) {
    return `a tag value has at most ${TAG_RULES.valueMax} characters, not ${value.length}`;
  }
  return undefined;
}
