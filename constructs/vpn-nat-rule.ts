import { Construct } from "constructs";
import { VirtualNetworkGatewayNatRule } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-nat-rule";
import { ConnectivityValidationError } from "../core/errors";
import { assertSameFramework } from "../core/framework-identity";
import { IVpnGateway } from "./vpn-gateway";
import { recordExistingGateway } from "./private/hints";
import { isUnresolved, parseCidrProp, requireNonEmpty } from "./private/validate";
import { Prefix } from "../core/cidr";
import { skuFeatureViolation, skuListText } from "../core/azure/gateway";
import {
  NAT_PREFIXES_PER_RULE,
  dynamicPoolViolation,
  portMappingRefused,
  staticNatViolation,
} from "../core/azure/nat";
import { natRuleNameViolation } from "../core/azure/naming";
import { NAT_PORTS, portRangeViolation } from "../core/azure/nat";
import { MAX_SHOWN_VALUE, quoted, terminalText } from "../core/text";
import { Field, checkProps, isGateway } from "./private/props";

const MAPPINGS: Field = {
  t: "list",
  of: { t: "object", fields: { addressSpace: { t: "cidr" }, portRange: { t: "string", optional: true } } },
};

/** The shapes of {@link VpnNatRuleProps}, checked at run time (the values by the constructor). */
const VPN_NAT_RULE_PROPS = {
  gateway: { t: "instance", what: "a VpnGateway (or VpnGateway.fromId / fromAttributes)", test: isGateway },
  name: { t: "resourceName" },
  mode: { t: "string" },
  type: { t: "string", optional: true },
  internalMappings: MAPPINGS,
  externalMappings: MAPPINGS,
  ipConfigurationId: { t: "string", nonEmpty: true, optional: true },
} as const satisfies Record<string, Field>;

/**
 * What a NAT rule translates: `EgressSnat` the gateway's own network (VNet side), `IngressSnat` a
 * connected site's network. One SNAT rule translates both directions of the traffic.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export type VpnNatRuleMode = "IngressSnat" | "EgressSnat";

/**
 * `Static` maps 1:1 (prefixes of equal size, traffic may start on either side); `Dynamic` maps to a
 * smaller pool and lets traffic start only from the internal side.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export type VpnNatRuleType = "Static" | "Dynamic";

/** One address mapping of a NAT rule. */
export interface VpnNatMapping {
  /** Address prefix (CIDR), e.g. `10.0.1.0/24`. */
  readonly addressSpace: string;
  /**
   * Port to translate (a single port; Static rules only).
   * @default - all ports
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly portRange?: string;
}

/** Properties of a {@link VpnNatRule}. */
export interface VpnNatRuleProps {
  /** The gateway the rule belongs to: VpnGw2 or larger (NAT is not available on Basic, VpnGw1 and VpnGw1AZ). */
  readonly gateway: IVpnGateway;
  /** Name of the rule (no `/`). */
  readonly name: string;
  /** Which side's addresses the rule translates. */
  readonly mode: VpnNatRuleMode;
  /**
   * Static (1:1) or dynamic mapping.
   * @default "Static"
   */
  readonly type?: VpnNatRuleType;
  /**
   * Addresses before translation: the VNet's for EgressSnat, the site's for IngressSnat. One prefix per
   * rule: Azure translates one address prefix per NAT rule.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   */
  readonly internalMappings: VpnNatMapping[];
  /**
   * Addresses after translation (one prefix): for Static rules the same size as the internal prefix; for
   * Dynamic rules a pool of /26 or smaller.
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto#nat-limitations
   */
  readonly externalMappings: VpnNatMapping[];
  /**
   * IP configuration (gateway instance) the rule applies to; on an active-active gateway create one rule
   * per instance, e.g. with `gateway.ipConfigurationIds[1]`.
   * @default - none (set it on active-active gateways: one rule per instance)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   */
  readonly ipConfigurationId?: string;
}

/**
 * A NAT rule of a VPN gateway (`azurerm_virtual_network_gateway_nat_rule`), attached to site-to-site
 * connections with `natRules: { ingress, egress }`. This is how networks with overlapping address
 * spaces are connected.
 *
 * Catalogue: NAT-SKU, NAT-ONE-PREFIX, NAT-STATIC-SAME-LEN, NAT-DYNAMIC-MAX, NAT-PORTS, NAT-NAME-SLASH.
 *
 * @example
 * new VpnNatRule(stack, "VnetEgress", {
 *   gateway, name: "VNet", mode: "EgressSnat",
 *   internalMappings: [{ addressSpace: "10.0.1.0/24" }], externalMappings: [{ addressSpace: "100.0.1.0/24" }],
 * });
 */
export class VpnNatRule extends Construct {
  /** The underlying `azurerm_virtual_network_gateway_nat_rule` (escape hatch). */
  public readonly resource: VirtualNetworkGatewayNatRule;
  /** The VPN gateway the rule belongs to. */
  public readonly gateway: IVpnGateway;
  /** `EgressSnat` or `IngressSnat`. */
  public readonly mode: VpnNatRuleMode;
  /** `Static` or `Dynamic`. */
  public readonly type: VpnNatRuleType;
  /** The rule's name. */
  public readonly ruleName: string;
  /** The internal (pre-NAT) prefix, as given. */
  public readonly internalAddressSpace: string;
  /** The external (post-NAT) prefix, as given. */
  public readonly externalAddressSpace: string;

  constructor(scope: Construct, id: string, props: VpnNatRuleProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VPN_NAT_RULE_PROPS);
    requireNonEmpty(this, "name", props.name);
    const badName = isUnresolved(props.name) ? undefined : natRuleNameViolation(props.name);
    if (badName) {
      throw new ConnectivityValidationError(
        this,
        `\`name\`: '${props.name}' contains '${badName.character}', which Azure refuses in NAT rule names; use another character`,
      );
    }
    const gateway = props.gateway;
    const noNat =
      gateway.sku === undefined || isUnresolved(gateway.sku)
        ? undefined
        : skuFeatureViolation(gateway.sku, "nat");
    if (noNat) {
      throw new ConnectivityValidationError(
        this,
        `\`gateway\`: '${gateway.node.path}' has sku '${gateway.sku}', which has no NAT; ` +
          `use ${noNat.smallest} or larger (NAT is available on ${skuListText(noNat.offeredBy)})`,
      );
    }
    const type = props.type ?? "Static";
    if (!isUnresolved(props.mode) && props.mode !== "IngressSnat" && props.mode !== "EgressSnat") {
      throw new ConnectivityValidationError(
        this,
        `\`mode\`: '${props.mode}' is not a NAT mode; use 'EgressSnat' (the VNet's addresses) or 'IngressSnat' (a site's)`,
      );
    }
    if (!isUnresolved(type) && type !== "Static" && type !== "Dynamic") {
      throw new ConnectivityValidationError(
        this,
        `\`type\`: '${type}' is not a NAT type; use 'Static' or 'Dynamic'`,
      );
    }
    const internal = this.parseMappings("internalMappings", props.internalMappings, type);
    const external = this.parseMappings("externalMappings", props.externalMappings, type);
    if (type === "Static") this.validateStaticPairs(props, type, internal, external);
    if (!isUnresolved(type)) {
      // "The maximum supported external mapping subnet size for Dynamic NAT is /26" (nat-howto, limitations).
      external.forEach((p, i) => {
        const tooLarge = p ? dynamicPoolViolation(type, p) : undefined;
        if (tooLarge) {
          throw new ConnectivityValidationError(
            this,
            `\`externalMappings[${i}].addressSpace\`: '${props.externalMappings[i].addressSpace}' is larger than /${tooLarge.largest}, the largest ` +
              `external pool Azure supports for a Dynamic rule; use a /${tooLarge.largest} or smaller pool, or type 'Static' for a 1:1 mapping`,
          );
        }
      });
    }

    this.gateway = gateway;
    this.mode = props.mode;
    this.type = type;
    this.ruleName = props.name;
    this.internalAddressSpace = props.internalMappings[0].addressSpace;
    this.externalAddressSpace = props.externalMappings[0].addressSpace;
    this.resource = new VirtualNetworkGatewayNatRule(this, "Resource", {
      name: props.name,
      resourceGroupName: gateway.resourceGroupName,
      virtualNetworkGatewayId: gateway.gatewayId,
      mode: props.mode,
      type,
      ipConfigurationId: props.ipConfigurationId,
      internalMapping: props.internalMappings.map((m) => ({
        addressSpace: m.addressSpace,
        portRange: m.portRange,
      })),
      externalMapping: props.externalMappings.map((m) => ({
        addressSpace: m.addressSpace,
        portRange: m.portRange,
      })),
      provider: gateway.provider,
    });
    recordExistingGateway(this.resource, gateway);
  }

  /** Resource id of the rule (a Terraform reference), as connections list it. */
  public get ruleId(): string {
    return this.resource.id;
  }

  private parseMappings(
    prop: string,
    mappings: VpnNatMapping[],
    /** `Static` or `Dynamic`. */
    type: VpnNatRuleType,
  ): (Prefix | undefined)[] {
    if (!mappings || mappings.length === 0) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\` needs at least one mapping, e.g. [{ addressSpace: '10.0.1.0/24' }]`,
      );
    }
    // "Each NAT rule can include only one address prefix for NAT": one rule per prefix (VPN FAQ, NAT).
    if (mappings.length > NAT_PREFIXES_PER_RULE) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: ${mappings.length} mappings (${terminalText(mappings.map((m) => String(m.addressSpace)).join(", "), MAX_SHOWN_VALUE)}) in one rule; ` +
          "Azure translates one prefix per NAT rule, so create one VpnNatRule per prefix",
      );
    }
    return mappings.map((m, i) => {
      if (m.portRange !== undefined && !isUnresolved(type) && portMappingRefused(type)) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}[${i}].portRange\`: '${m.portRange}' is set on a Dynamic rule; port mappings work only with type 'Static'`,
        );
      }
      // "Port mappings can't take ranges at this time. Individual port needs to be entered." (nat-overview)
      if (m.portRange !== undefined && !isUnresolved(m.portRange) && portRangeViolation(m.portRange)) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}[${i}].portRange\`: ${quoted(m.portRange)} is not a single port; Azure maps one port (${NAT_PORTS.min} to ${NAT_PORTS.max}) per mapping, not a range or a list`,
        );
      }
      return parseCidrProp(this, `${prop}[${i}].addressSpace`, m.addressSpace);
    });
  }

  /** Static NAT is 1:1: internal and external prefixes pair up with equal lengths (VPN FAQ, NAT section). */
  private validateStaticPairs(
    props: VpnNatRuleProps,
    /** `Static` or `Dynamic`. */
    type: VpnNatRuleType,
    internal: (Prefix | undefined)[],
    external: (Prefix | undefined)[],
  ): void {
    if (internal.length !== external.length) {
      throw new ConnectivityValidationError(
        this,
        `\`externalMappings\`: ${external.length} mapping(s) for ${internal.length} internal mapping(s); ` +
          "a Static rule maps 1:1, so give one external prefix per internal prefix",
      );
    }
    internal.forEach((inner, i) => {
      const outer = external[i];
      const mismatch = inner && outer ? staticNatViolation(type, inner, outer) : undefined;
      if (mismatch) {
        throw new ConnectivityValidationError(
          this,
          `\`externalMappings[${i}].addressSpace\`: '${props.externalMappings[i].addressSpace}' is a /${mismatch.externalLength} ` +
            `but internal '${props.internalMappings[i].addressSpace}' is a /${mismatch.internalLength}; a Static rule maps 1:1, ` +
            `so use a /${mismatch.internalLength} (or type 'Dynamic' for a smaller pool)`,
        );
      }
    });
  }
}
