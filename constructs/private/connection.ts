import { IConstruct } from "constructs";
import { VirtualNetworkGatewayConnectionConfig } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import { ConnectivityValidationError } from "../../core/errors";
import { VpnGateway } from "../vpn-gateway";
import { SharedKey } from "../shared-key";
import { IpsecPolicy, VpnConnectionNatRules, VpnConnectionOptions } from "../vpn-connection-options";
import { VpnNatRule } from "../vpn-nat-rule";
import { isUnresolved, parseCidrProp } from "./validate";
import { natRefusedOnConnectionType, natRefusedWithPolicyBasedSelectors } from "../../core/azure/nat";

/*
 * Checks and Terraform arguments shared by the connection constructs. Every Azure fact below is from the
 * VPN Gateway FAQ (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq) and the custom
 * IPsec/IKE policy article (https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto), tables
 * "Cryptographic algorithms & key strengths"; NAT facts from
 * https://learn.microsoft.com/azure/vpn-gateway/nat-overview and nat-howto#nat-limitations.
 */

const IKE_ENCRYPTION = ["GCMAES256", "GCMAES128", "AES256", "AES192", "AES128"];
const IKE_INTEGRITY = ["SHA384", "SHA256", "SHA1", "MD5"];
const DH_GROUPS = [
  "DHGroup24",
  "ECP384",
  "ECP256",
  "DHGroup14",
  "DHGroup2048",
  "DHGroup2",
  "DHGroup1",
  "None",
];
const IPSEC_ENCRYPTION = [
  "GCMAES256",
  "GCMAES192",
  "GCMAES128",
  "AES256",
  "AES192",
  "AES128",
  "DES3",
  "DES",
  "None",
];
const IPSEC_INTEGRITY = ["GCMAES256", "GCMAES192", "GCMAES128", "SHA256", "SHA1", "MD5"];
const PFS_GROUPS = ["PFS24", "ECP384", "ECP256", "PFS2048", "PFS2", "PFS1", "None"];
const MAX_INT32 = 2147483647;
/** At most 100 traffic selector policies per connection (VPN Gateway limits). */
const MAX_TRAFFIC_SELECTORS = 100;

/** Which kind of connection the options are for. */
export type ConnectionKind = "Vnet2Vnet" | "IPsec";

function checkEnum(scope: IConstruct, prop: string, value: string, allowed: string[]): void {
  if (value === undefined || isUnresolved(value)) {
    if (value === undefined) {
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\` is required: Azure refuses partial IPsec/IKE policies; use one of ${allowed.join(", ")}`,
      );
    }
    return;
  }
  if (!allowed.includes(value)) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${value}' is not an algorithm Microsoft documents for a custom IPsec/IKE policy; use one of ${allowed.join(", ")}`,
    );
  }
}

function checkInteger(
  scope: IConstruct,
  prop: string,
  value: number | undefined,
  ok: (n: number) => boolean,
  allowed: string,
): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!Number.isInteger(value) || !ok(value)) {
    throw new ConnectivityValidationError(scope, `\`${prop}\`: '${value}' is out of range; use ${allowed}`);
  }
}

/** Validates a custom IPsec/IKE policy's values. */
/** Refuses a connection of a gateway to itself. */
export function requireTwoGateways(scope: IConstruct, local: VpnGateway, remote: VpnGateway): void {
  if (local === remote) {
    throw new ConnectivityValidationError(
      scope,
      `\`local\` and \`remote\` are the same gateway ('${local.node.path}'); connect two different gateways`,
    );
  }
}

export function validateIpsecPolicy(scope: IConstruct, prop: string, policy: IpsecPolicy): void {
  checkEnum(scope, `${prop}.ikeEncryption`, policy.ikeEncryption, IKE_ENCRYPTION);
  checkEnum(scope, `${prop}.ikeIntegrity`, policy.ikeIntegrity, IKE_INTEGRITY);
  checkEnum(scope, `${prop}.dhGroup`, policy.dhGroup, DH_GROUPS);
  checkEnum(scope, `${prop}.ipsecEncryption`, policy.ipsecEncryption, IPSEC_ENCRYPTION);
  checkEnum(scope, `${prop}.ipsecIntegrity`, policy.ipsecIntegrity, IPSEC_INTEGRITY);
  checkEnum(scope, `${prop}.pfsGroup`, policy.pfsGroup, PFS_GROUPS);
  const enc = policy.ipsecEncryption;
  const integ = policy.ipsecIntegrity;
  if (!isUnresolved(enc) && !isUnresolved(integ)) {
    const gcm = (s: string) => s.startsWith("GCMAES");
    if ((gcm(enc) || gcm(integ)) && enc !== integ) {
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\`: ipsecEncryption '${enc}' and ipsecIntegrity '${integ}' do not match; with GCM both must be ` +
          `the same GCM algorithm, e.g. ipsecEncryption and ipsecIntegrity both '${gcm(enc) ? enc : integ}'`,
      );
    }
  }
  checkInteger(
    scope,
    `${prop}.saLifetimeSeconds`,
    policy.saLifetimeSeconds,
    (n) => n >= 300 && n <= MAX_INT32,
    "at least 300 seconds (Azure's default is 27000)",
  );
  checkInteger(
    scope,
    `${prop}.saDataSizeKilobytes`,
    policy.saDataSizeKilobytes,
    (n) => n === 0 || (n >= 1024 && n <= MAX_INT32),
    `0 or 1024 to ${MAX_INT32} KB (Azure's default is 102400000)`,
  );
}

/** Validates the options of a connection made on `gateway`. */
export function validateConnectionOptions(
  scope: IConstruct,
  gateway: VpnGateway,
  options: VpnConnectionOptions,
  kind: ConnectionKind,
  natRules: VpnConnectionNatRules | undefined,
  natProp: string,
): void {
  const sku = isUnresolved(gateway.sku) ? undefined : gateway.sku;
  if (options.ipsecPolicy) {
    if (sku === "Basic") {
      throw new ConnectivityValidationError(
        scope,
        `\`ipsecPolicy\`: gateway '${gateway.node.path}' has sku 'Basic', which does not support custom IPsec/IKE policies; ` +
          "use a VpnGw SKU such as 'VpnGw2AZ' or remove ipsecPolicy",
      );
    }
    validateIpsecPolicy(scope, "ipsecPolicy", options.ipsecPolicy);
  }
  if (options.usePolicyBasedTrafficSelectors === true && !options.ipsecPolicy) {
    throw new ConnectivityValidationError(
      scope,
      "`usePolicyBasedTrafficSelectors` is true but no `ipsecPolicy` is given; Azure needs a custom IPsec/IKE policy " +
        "to use policy-based traffic selectors: add ipsecPolicy",
    );
  }
  const selectors = options.trafficSelectorPolicies;
  if (selectors && selectors.length > 0) {
    if (options.usePolicyBasedTrafficSelectors !== true) {
      throw new ConnectivityValidationError(
        scope,
        "`trafficSelectorPolicies` are given but `usePolicyBasedTrafficSelectors` is not true, so Azure would ignore them; " +
          "set usePolicyBasedTrafficSelectors: true or remove trafficSelectorPolicies",
      );
    }
    if (selectors.length > MAX_TRAFFIC_SELECTORS) {
      throw new ConnectivityValidationError(
        scope,
        `\`trafficSelectorPolicies\`: ${selectors.length} policies; Azure allows at most ${MAX_TRAFFIC_SELECTORS} per connection`,
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
  checkInteger(
    scope,
    "dpdTimeoutSeconds",
    options.dpdTimeoutSeconds,
    (n) => n >= 9 && n <= 3600,
    "9 to 3600 seconds (Azure's default is 45; 30-45 is recommended)",
  );
  const protocol = options.connectionProtocol;
  if (protocol !== undefined && !isUnresolved(protocol)) {
    if (protocol !== "IKEv2" && protocol !== "IKEv1") {
      throw new ConnectivityValidationError(
        scope,
        `\`connectionProtocol\`: '${protocol}' is not an IKE version; use 'IKEv2' (recommended) or 'IKEv1'`,
      );
    }
    if (protocol === "IKEv1" && sku === "Basic") {
      throw new ConnectivityValidationError(
        scope,
        `\`connectionProtocol\`: 'IKEv1' is not supported on gateway '${gateway.node.path}' with sku 'Basic'; ` +
          "use 'IKEv2' or a VpnGw SKU",
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
  if (options.bgp === true && gateway.bgpAsn === undefined) {
    throw new ConnectivityValidationError(
      scope,
      `\`bgp\` is true but gateway '${gateway.node.path}' has no BGP settings; give the gateway \`bgp: { asn }\` ` +
        "(not available on Basic) or set bgp to false",
    );
  }
  validateNatRules(scope, gateway, options, kind, natRules, natProp);
}

function validateNatRules(
  scope: IConstruct,
  gateway: VpnGateway,
  options: VpnConnectionOptions,
  kind: ConnectionKind,
  natRules: VpnConnectionNatRules | undefined,
  natProp: string,
): void {
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
  const check = (list: VpnNatRule[], prop: string, mode: string) => {
    for (const rule of list) {
      if (rule.gateway !== gateway) {
        throw new ConnectivityValidationError(
          scope,
          `\`${natProp}.${prop}\`: NAT rule '${rule.node.path}' belongs to gateway '${rule.gateway.node.path}', not to ` +
            `this connection's gateway '${gateway.node.path}'; create the rule on '${gateway.node.path}'`,
        );
      }
      if (!isUnresolved(rule.mode) && rule.mode !== mode) {
        throw new ConnectivityValidationError(
          scope,
          `\`${natProp}.${prop}\`: NAT rule '${rule.node.path}' has mode '${rule.mode}'; ${prop} rules must be ` +
            `${mode} (IngressSnat translates the site's addresses, EgressSnat the VNet's): move it to ` +
            `${prop === "ingress" ? "egress" : "ingress"}`,
        );
      }
    }
  };
  check(ingress, "ingress", "IngressSnat");
  check(egress, "egress", "EgressSnat");
}

/** The Terraform arguments shared by every connection. */
export function connectionArguments(
  gateway: VpnGateway,
  sharedKey: SharedKey,
  options: VpnConnectionOptions,
  natRules: VpnConnectionNatRules | undefined,
): Omit<VirtualNetworkGatewayConnectionConfig, "name" | "type"> {
  const policy = options.ipsecPolicy;
  const ingress = natRules?.ingress ?? [];
  const egress = natRules?.egress ?? [];
  return {
    // A connection lives in its gateway's region (connections in another region are refused by ARM).
    location: gateway.location,
    resourceGroupName: gateway.resourceGroupName,
    virtualNetworkGatewayId: gateway.gatewayId,
    // Always explicit: without it Azure generates a different random key per connection.
    sharedKey: sharedKey.value,
    connectionProtocol: options.connectionProtocol ?? "IKEv2",
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

/** `<a>-to-<b>` when both names are literals, else a name from the construct ids. */
export function defaultConnectionName(
  from: { name: string; id: string },
  to: { name: string; id: string },
): string {
  if (!isUnresolved(from.name) && !isUnresolved(to.name)) return `${from.name}-to-${to.name}`;
  return `cn-${from.id}-to-${to.id}`.toLowerCase();
}
