import { IConstruct } from "constructs";
import { VirtualNetworkGatewayConnectionConfig } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../../core/errors";
import { sameBgpAsn } from "../../core/azure/bgp";
import { IVpnGateway } from "../vpn-gateway";
import { SharedKey } from "../shared-key";
import { IpsecPolicy, VpnConnectionNatRules, VpnConnectionOptions } from "../vpn-connection-options";
import { VpnNatRule } from "../vpn-nat-rule";
import { isUnresolved, parseCidrProp } from "./validate";
import {
  DPD_TIMEOUT_SECONDS,
  IPSEC_POLICY_VALUES,
  IntegerRange,
  IpsecAlgorithmField,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
  dpdTimeoutViolation,
  gcmMismatch,
  ipsecValueViolation,
  saDataSizeViolation,
  saLifetimeViolation,
  trafficSelectorLimitViolation,
} from "../../core/azure/ipsec";
import {
  VPN_TYPES,
  defaultIkeVersion,
  ikeVersionViolation,
  skuFeatureViolation,
  skuListText,
  vpnSkusWhere,
} from "../../core/azure/gateway";
import {
  NAT_LIST_MODE,
  natListViolation,
  natRefusedOnConnectionType,
  natRefusedWithPolicyBasedSelectors,
} from "../../core/azure/nat";
import {
  CONNECTION_PROTOCOLS,
  DEFAULT_CONNECTION_PROTOCOL,
  connectionProtocolViolation,
} from "../../core/azure/connection";
import { fitAzureName } from "../../core/azure/naming";
import { CIDR_LIST, Field, TAGS, isGateway } from "./props";

const IPSEC_FIELD: Field = { t: "string", optional: true };

/** The shapes of {@link VpnConnectionOptions}, checked at run time (the values by validateConnectionOptions). */
export const CONNECTION_OPTIONS = {
  ipsecPolicy: {
    t: "object",
    optional: true,
    fields: {
      ikeEncryption: IPSEC_FIELD,
      ikeIntegrity: IPSEC_FIELD,
      dhGroup: IPSEC_FIELD,
      ipsecEncryption: IPSEC_FIELD,
      ipsecIntegrity: IPSEC_FIELD,
      pfsGroup: IPSEC_FIELD,
      saLifetimeSeconds: { t: "number", optional: true },
      saDataSizeKilobytes: { t: "number", optional: true },
    },
  },
  usePolicyBasedTrafficSelectors: { t: "boolean", optional: true },
  trafficSelectorPolicies: {
    t: "list",
    optional: true,
    of: { t: "object", fields: { localAddressCidrs: CIDR_LIST, remoteAddressCidrs: CIDR_LIST } },
  },
  dpdTimeoutSeconds: { t: "number", optional: true },
  connectionProtocol: { t: "string", optional: true },
  connectionMode: { t: "string", optional: true },
  bgp: { t: "boolean", optional: true },
  tags: TAGS,
} as const satisfies Record<string, Field>;

/** NAT rules of a connection: lists of VpnNatRule. */
export const NAT_RULES: Field = {
  t: "object",
  optional: true,
  fields: {
    ingress: {
      t: "list",
      optional: true,
      of: { t: "instance", what: "a VpnNatRule", test: (v) => v instanceof VpnNatRule },
    },
    egress: {
      t: "list",
      optional: true,
      of: { t: "instance", what: "a VpnNatRule", test: (v) => v instanceof VpnNatRule },
    },
  },
};

/** A VPN gateway of this app. */
export const GATEWAY: Field = {
  t: "instance",
  what: "a VpnGateway (or VpnGateway.fromId / fromAttributes)",
  test: isGateway,
};

/** A pre-shared key; a plain string is refused without being shown (it may be the key). */
export const SHARED_KEY: Field = {
  t: "instance",
  what: "a SharedKey (SharedKey.generate, SharedKey.fromVariable or SharedKey.fromKeyVault)",
  test: (v) => v instanceof SharedKey,
  secret: true,
};

/** The options of one side of a VnetToVnetIpsecConnection (its `IpsecSideOptions`). */
export const IPSEC_SIDE: Field = {
  t: "object",
  optional: true,
  fields: {
    name: { t: "string", name: "connections", optional: true },
    siteName: { t: "string", name: "localNetworkGateways", optional: true },
    natRules: NAT_RULES,
    siteAddressSpace: { ...CIDR_LIST, optional: true },
  },
};

/** The props both VNet-to-VNet constructs take: the connection options, two gateways and one key. */
export const GATEWAY_PAIR = {
  ...CONNECTION_OPTIONS,
  local: GATEWAY,
  remote: GATEWAY,
  sharedKey: {
    ...SHARED_KEY,
    missing:
      "both directions need the same explicit key (Azure would generate a different one " +
      "for each); use SharedKey.generate",
  },
} as const satisfies Record<string, Field>;

/*
 * Checks and Terraform arguments shared by the connection constructs. The Azure facts they check live in
 * core/azure (ipsec.ts, nat.ts, gateway.ts), where the rules read them too.
 */

/** Which kind of connection the options are for. */
export type ConnectionKind = "Vnet2Vnet" | "IPsec";

function checkEnum(scope: IConstruct, prop: string, field: IpsecAlgorithmField, value: string): void {
  if (value === undefined) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}.${field}\` is required: Azure refuses partial IPsec/IKE policies; use one of ${IPSEC_POLICY_VALUES[field].join(", ")}`,
    );
  }
  if (isUnresolved(value)) return;
  const problem = ipsecValueViolation(field, value);
  // Undocumented values Azure accepts (PFS14, PFSMM) pass: Ipsec.PolicyValues warns about them at synth.
  if (problem && !problem.accepted) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}.${field}\`: '${value}' is not an algorithm Microsoft documents for a custom IPsec/IKE policy; use one of ${problem.allowed.join(", ")}`,
    );
  }
}

function checkRange(
  scope: IConstruct,
  prop: string,
  value: number | undefined,
  violation: (n: number) => IntegerRange | undefined,
  allowed: string,
): void {
  if (value === undefined || isUnresolved(value)) return;
  if (violation(value)) {
    throw new ConnectivityValidationError(scope, `\`${prop}\`: '${value}' is out of range; use ${allowed}`);
  }
}

/** Refuses a connection of a gateway to itself. */
function requireTwoGateways(scope: IConstruct, local: IVpnGateway, remote: IVpnGateway): void {
  if (local === remote) {
    throw new ConnectivityValidationError(
      scope,
      `\`local\` and \`remote\` are the same gateway ('${local.node.path}'); connect two different gateways`,
    );
  }
}

/** How a VNet-to-VNet construct checks its gateway pair (see {@link validateGatewayPair}). */
export interface GatewayPairCheck {
  readonly kind: ConnectionKind;
  /** The construct's own checks of each side, with the prop that named it. */
  readonly each: (prop: "local" | "remote", gateway: IVpnGateway) => void;
  /** The NAT rules of the connection made on each gateway, and the prop that gave them. */
  readonly natRules: {
    readonly local: readonly [VpnConnectionNatRules | undefined, string];
    readonly remote: readonly [VpnConnectionNatRules | undefined, string];
  };
  /** What the error for the same ASN on both gateways advises. */
  readonly asnAdvice: string;
}

/**
 * The checks both VNet-to-VNet constructs make of their two gateways: two different gateways, a shared
 * key both sides can carry, the construct's own checks of each side, the options of the connection made
 * on each, and different ASNs when BGP is on.
 */
export function validateGatewayPair(
  scope: IConstruct,
  props: VpnConnectionOptions & {
    readonly local: IVpnGateway;
    readonly remote: IVpnGateway;
    readonly sharedKey: SharedKey;
  },
  check: GatewayPairCheck,
): void {
  requireTwoGateways(scope, props.local, props.remote);
  props.sharedKey.validateFor(scope, "sharedKey");
  check.each("local", props.local);
  check.each("remote", props.remote);
  validateConnectionOptions(scope, props.local, props, check.kind, ...check.natRules.local);
  validateConnectionOptions(scope, props.remote, props, check.kind, ...check.natRules.remote);
  // Both gateways have BGP here (validateConnectionOptions); their ASNs must differ.
  requireDistinctAsns(scope, props.local, props.remote, props.bgp, check.asnAdvice);
}

/**
 * Refuses BGP between two gateways of the same (known) ASN: the two ends of a BGP session need
 * different ASNs. `advice` ends the message.
 */
function requireDistinctAsns(
  scope: IConstruct,
  local: IVpnGateway,
  remote: IVpnGateway,
  bgp: boolean | undefined,
  advice: string,
): void {
  if (bgp !== true || isUnresolved(local.bgpAsn) || local.bgpAsn === undefined || remote.bgpAsn === undefined)
    return;
  if (!sameBgpAsn(local.bgpAsn, remote.bgpAsn)) return;
  throw new ConnectivityValidationError(scope, `\`bgp\`: both gateways use ASN '${local.bgpAsn}'; ${advice}`);
}

/** Validates a custom IPsec/IKE policy's values. */
export function validateIpsecPolicy(scope: IConstruct, prop: string, policy: IpsecPolicy): void {
  for (const field of Object.keys(IPSEC_POLICY_VALUES) as IpsecAlgorithmField[]) {
    checkEnum(scope, prop, field, policy[field]);
  }
  const enc = policy.ipsecEncryption;
  const integ = policy.ipsecIntegrity;
  if (!isUnresolved(enc) && !isUnresolved(integ)) {
    const mismatch = gcmMismatch(enc, integ);
    if (mismatch) {
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\`: ipsecEncryption '${enc}' and ipsecIntegrity '${integ}' do not match; with GCM both must be ` +
          `the same GCM algorithm, e.g. ipsecEncryption and ipsecIntegrity both '${mismatch.algorithm}'`,
      );
    }
  }
  const life = SA_LIFETIME_SECONDS;
  checkRange(
    scope,
    `${prop}.saLifetimeSeconds`,
    policy.saLifetimeSeconds,
    saLifetimeViolation,
    `at least ${life.min} seconds (Azure's default is ${life.default})`,
  );
  const size = SA_DATASIZE_KILOBYTES;
  checkRange(
    scope,
    `${prop}.saDataSizeKilobytes`,
    policy.saDataSizeKilobytes,
    saDataSizeViolation,
    `${size.alsoAllowed} or ${size.min} to ${size.max} KB (Azure's default is ${size.default})`,
  );
}

/**
 * What a connection's checks read: the construct, the gateway the connection is made on, its options,
 * its kind, its NAT rules and the prop that gave them.
 */
type ConnectionCheck = readonly [
  scope: IConstruct,
  gateway: IVpnGateway,
  options: VpnConnectionOptions,
  kind: ConnectionKind,
  natRules: VpnConnectionNatRules | undefined,
  natProp: string,
];

/** Validates the options of a connection made on `gateway`. */
export function validateConnectionOptions(...args: ConnectionCheck): void {
  const [scope, gateway, options] = args;
  if (gateway.location === undefined) {
    throw new ConnectivityValidationError(
      scope,
      `gateway '${gateway.node.path}' is an existing gateway of unknown region; a connection is created in its gateway's ` +
        "region: give `location` to VpnGateway.fromAttributes",
    );
  }
  const sku = gateway.sku === undefined || isUnresolved(gateway.sku) ? undefined : gateway.sku;
  if (options.ipsecPolicy) {
    const noPolicy = sku === undefined ? undefined : skuFeatureViolation(sku, "customIpsecPolicy");
    if (noPolicy) {
      throw new ConnectivityValidationError(
        scope,
        `\`ipsecPolicy\`: gateway '${gateway.node.path}' has sku '${sku}', which does not support custom IPsec/IKE policies; ` +
          `use a VpnGw SKU such as '${noPolicy.suggestion}' or remove ipsecPolicy`,
      );
    }
    validateIpsecPolicy(scope, "ipsecPolicy", options.ipsecPolicy);
  }
  // Policy-based traffic selectors work with Azure's default policy too: no ipsecPolicy needed
  // (ipsec-ike-policy-howto; the 2026-12 correction of azure-rules.md).
  const selectors = options.trafficSelectorPolicies;
  if (selectors && selectors.length > 0) {
    if (options.usePolicyBasedTrafficSelectors !== true) {
      throw new ConnectivityValidationError(
        scope,
        "`trafficSelectorPolicies` are given but `usePolicyBasedTrafficSelectors` is not true, so Azure would ignore them; " +
          "set usePolicyBasedTrafficSelectors: true or remove trafficSelectorPolicies",
      );
    }
    const tooMany = trafficSelectorLimitViolation(selectors.length);
    if (tooMany) {
      throw new ConnectivityValidationError(
        scope,
        `\`trafficSelectorPolicies\`: ${selectors.length} policies; Azure allows at most ${tooMany.max} per connection`,
      );
    }
    selectors.forEach((sel, i) => {
      for (const [side, list] of [
        ["localAddressCidrs", sel.localAddressCidrs],
        ["remoteAddressCidrs", sel.remoteAddressCidrs],
      ] as const) {
        if (!isUnresolved(list) && (!list || list.length === 0)) {
          throw new ConnectivityValidationError(
            scope,
            `\`trafficSelectorPolicies[${i}].${side}\` needs at least one CIDR block`,
          );
        }
        if (!isUnresolved(list)) {
          list.forEach((c) => parseCidrProp(scope, `trafficSelectorPolicies[${i}].${side}`, c));
        }
      }
    });
  }
  const dpd = DPD_TIMEOUT_SECONDS;
  checkRange(
    scope,
    "dpdTimeoutSeconds",
    options.dpdTimeoutSeconds,
    dpdTimeoutViolation,
    `${dpd.min} to ${dpd.max} seconds (Azure's default is ${dpd.default}; ${dpd.recommended.min}-${dpd.recommended.max} is recommended)`,
  );
  const protocol = options.connectionProtocol;
  if (protocol !== undefined && !isUnresolved(protocol)) {
    if (connectionProtocolViolation(protocol)) {
      throw new ConnectivityValidationError(
        scope,
        `\`connectionProtocol\`: '${protocol}' is not an IKE version; use ${CONNECTION_PROTOCOLS.map((p) => `'${p}'`).join(" (recommended) or ")}`,
      );
    }
    const vpnType = isUnresolved(gateway.vpnType) ? undefined : gateway.vpnType;
    const wrong = vpnType === undefined ? undefined : ikeVersionViolation(sku, vpnType, protocol);
    if (wrong?.kind === "policy-based-ikev1-only") {
      throw new ConnectivityValidationError(
        scope,
        `\`connectionProtocol\`: '${protocol}' is not supported on gateway '${gateway.node.path}', which is PolicyBased ` +
          `(${wrong.allowed.join(", ")} only); use '${wrong.allowed[0]}' or a RouteBased gateway`,
      );
    }
    if (wrong?.kind === "sku-without-ikev1") {
      throw new ConnectivityValidationError(
        scope,
        `\`connectionProtocol\`: '${protocol}' is not supported on route-based gateway '${gateway.node.path}' with sku '${sku}'; ` +
          `use '${DEFAULT_CONNECTION_PROTOCOL}' or a VpnGw SKU`,
      );
    }
  }
  const mode = options.connectionMode;
  if (
    mode !== undefined &&
    !isUnresolved(mode) &&
    !["Default", "InitiatorOnly", "ResponderOnly"].includes(mode)
  ) {
    throw new ConnectivityValidationError(
      scope,
      `\`connectionMode\`: '${mode}' is not a connection mode; use 'Default', 'InitiatorOnly' or 'ResponderOnly'`,
    );
  }
  // An existing gateway's BGP settings are unknown unless given: only a new gateway is known to have none.
  if (options.bgp === true && gateway.bgpAsn === undefined && !gateway.isExisting) {
    throw new ConnectivityValidationError(
      scope,
      `\`bgp\` is true but gateway '${gateway.node.path}' has no BGP settings; give the gateway \`bgp: { asn }\` ` +
        `(not available on ${skuListText(vpnSkusWhere((f) => !f.bgp))}) or set bgp to false`,
    );
  }
  validateNatRules(...args);
}

function validateNatRules(...args: ConnectionCheck): void {
  const [scope, gateway, options, kind, natRules, natProp] = args;
  const ingress = natRules?.ingress ?? [];
  const egress = natRules?.egress ?? [];
  if (ingress.length === 0 && egress.length === 0) return;
  const names = [...ingress, ...egress].map((r) => r.node.path).join(", ");
  if (natRefusedOnConnectionType(kind)) {
    throw new ConnectivityValidationError(
      scope,
      `\`${natProp}\`: NAT rules (${names}) on a VNet-to-VNet connection; Azure supports NAT on IPsec connections only. ` +
        "Connect the networks with VnetToVnetIpsecConnection (each gateway sees the other as a site) to use NAT",
    );
  }
  if (natRefusedWithPolicyBasedSelectors(options.usePolicyBasedTrafficSelectors === true)) {
    throw new ConnectivityValidationError(
      scope,
      `\`${natProp}\`: NAT rules (${names}) with usePolicyBasedTrafficSelectors; Azure does not support NAT on ` +
        "connections with policy-based traffic selectors: remove one of them",
    );
  }
  const check = (list: VpnNatRule[], prop: "ingress" | "egress") => {
    for (const rule of list) {
      if (rule.gateway !== gateway) {
        throw new ConnectivityValidationError(
          scope,
          `\`${natProp}.${prop}\`: NAT rule '${rule.node.path}' belongs to gateway '${rule.gateway.node.path}', not to ` +
            `this connection's gateway '${gateway.node.path}'; create the rule on '${gateway.node.path}'`,
        );
      }
      const wrong = isUnresolved(rule.mode) ? undefined : natListViolation(prop, rule.mode);
      if (wrong) {
        throw new ConnectivityValidationError(
          scope,
          `\`${natProp}.${prop}\`: NAT rule '${rule.node.path}' has mode '${rule.mode}'; ${prop} rules must be ` +
            `${wrong.expected} (${NAT_LIST_MODE.ingress} translates the site's addresses, ${NAT_LIST_MODE.egress} the VNet's): move it to ` +
            `${prop === "ingress" ? "egress" : "ingress"}`,
        );
      }
    }
  };
  check(ingress, "ingress");
  check(egress, "egress");
}

/** The Terraform arguments shared by every connection. */
export function connectionArguments(
  gateway: IVpnGateway,
  sharedKey: SharedKey,
  options: VpnConnectionOptions,
  natRules: VpnConnectionNatRules | undefined,
): Omit<VirtualNetworkGatewayConnectionConfig, "name" | "type"> {
  const policy = options.ipsecPolicy;
  const ingress = natRules?.ingress ?? [];
  const egress = natRules?.egress ?? [];
  return {
    // A connection lives in its gateway's region (connections in another region are refused by ARM).
    location: gateway.location!,
    resourceGroupName: gateway.resourceGroupName,
    virtualNetworkGatewayId: gateway.gatewayId,
    // Always explicit: without it Azure generates a different random key per connection.
    sharedKey: sharedKey.value,
    // PolicyBased gateways take IKEv1 only; the others default to IKEv2 (core/azure/gateway.ts).
    connectionProtocol:
      options.connectionProtocol ?? defaultIkeVersion(gateway.vpnType ?? VPN_TYPES.routeBased),
    connectionMode: options.connectionMode,
    dpdTimeoutSeconds: options.dpdTimeoutSeconds,
    enableBgp: options.bgp ?? false,
    usePolicyBasedTrafficSelectors: options.usePolicyBasedTrafficSelectors,
    ipsecPolicy: policy
      ? {
          ikeEncryption: policy.ikeEncryption,
          ikeIntegrity: policy.ikeIntegrity,
          dhGroup: policy.dhGroup,
          ipsecEncryption: policy.ipsecEncryption,
          ipsecIntegrity: policy.ipsecIntegrity,
          pfsGroup: policy.pfsGroup,
          saLifetime: policy.saLifetimeSeconds,
          saDatasize: policy.saDataSizeKilobytes,
        }
      : undefined,
    trafficSelectorPolicy: options.trafficSelectorPolicies?.map((t) => ({
      localAddressCidrs: t.localAddressCidrs,
      remoteAddressCidrs: t.remoteAddressCidrs,
    })),
    ingressNatRuleIds: ingress.length > 0 ? ingress.map((r) => r.ruleId) : undefined,
    egressNatRuleIds: egress.length > 0 ? egress.map((r) => r.ruleId) : undefined,
    tags: options.tags,
    provider: gateway.provider,
  };
}

/**
 * `<a>-to-<b>` when both names are literals, else a name from the construct ids; shortened to Azure's 80
 * characters (two 80-character gateway names make 164).
 */
export function defaultConnectionName(
  from: { name: string; id: string },
  to: { name: string; id: string },
): string {
  if (!isUnresolved(from.name) && !isUnresolved(to.name)) {
    return fitAzureName("connections", `${from.name}-to-${to.name}`);
  }
  return fitAzureName("connections", `cn-${from.id}-to-${to.id}`.toLowerCase());
}
