/**
 * cdktf-azure-connectivity: constructs that synthesize azurerm Terraform for Azure VNet connectivity,
 * and the policy layer that checks it (at synth, or on any Terraform) before `terraform apply`.
 *
 * This file is the public API; everything else is internal.
 * @packageDocumentation
 */

// --- Constructs ---------------------------------------------------------------------------------
export { ConnectivityPolicyError, ConnectivityValidationError } from "./core/errors";
export * from "./constructs/address-pool";
export * from "./constructs/vnet";
export * from "./constructs/vnet-peering";
export * from "./constructs/vpn-gateway";
export * from "./constructs/local-site";
export * from "./constructs/shared-key";
export * from "./constructs/vpn-nat-rule";
export * from "./constructs/vpn-connection-options";
export * from "./constructs/site-to-site-connection";
export * from "./constructs/vnet-to-vnet-connection";
export * from "./constructs/vnet-to-vnet-ipsec-connection";

// The Azure facts the construct props are typed from (core/azure), for apps that build their own props.
export {
  IKE_ENCRYPTION,
  IKE_INTEGRITY,
  DH_GROUPS,
  IPSEC_ENCRYPTION,
  IPSEC_INTEGRITY,
  PFS_GROUPS,
} from "./core/azure/ipsec";
export { VPN_GATEWAY_SKUS, VPN_GATEWAY_GENERATIONS } from "./core/azure/gateway";
export type { VpnGatewaySkuName, VpnGatewayGenerationName } from "./core/azure/gateway";

// --- Patterns: whole topologies in one declaration ------------------------------------------------
export * from "./patterns/hub-and-spoke";

// --- What apps write besides constructs ---------------------------------------------------------
export { ConnectivitySuppressions } from "./authoring/suppressions";
export type { PolicySuppression } from "./authoring/suppressions";
export { ReachabilityGroups, ReachabilityIntents } from "./authoring/intents";
export type { ReachabilityEndpoint } from "./authoring/intents";

// --- The policies: at synth, and on any Terraform -------------------------------------------------
export { ConnectivityPolicies, applyConnectivityPolicies } from "./policies/aspect";
export type { ConnectivityPoliciesProps } from "./policies/aspect";
export {
  checkTerraform,
  checkTerraformDocuments,
  checkTerraformFiles,
  UnusableInputError,
} from "./policies/check-terraform";
export type { CheckFilesOptions, CheckOptions } from "./policies/check-terraform";
export type { StackDocument } from "./policies/input/terraform-json";
export type { InputCoverage } from "./policies/input/read";
export { blockingFindings, formatFinding, formatFindingBlock } from "./policies/finding";
export type { Finding, PolicyReport, Unverifiable } from "./policies/finding";

// --- Rules, packs, and what custom rules read ---------------------------------------------------
export type { Rule, RuleContext, RuleFinding, RuleOutcome, RuleUnverified, Severity } from "./policies/rule";
export {
  ALL_RULES,
  RULE_PACKS,
  rules,
  ADDRESS_SPACE_RULES,
  BGP_RULES,
  CONNECTION_RULES,
  GATEWAY_RULES,
  GATEWAY_SUBNET_RULES,
  IPSEC_RULES,
  NAT_RULES,
  PEERING_RULES,
  REACHABILITY_RULES,
  SECRET_RULES,
  SITE_RULES,
  SUBNET_RULES,
  AddressSpaceNoOverlap,
  GatewaySubnetNoNsg,
  NatUnsupportedConnection,
  ReachabilityIntent,
} from "./policies/rules";
export { isUnknown } from "./policies/model";
export type {
  NetworkModel,
  ElementM,
  NetworkM,
  SubnetM,
  SubnetAttachmentM,
  RouteM,
  RouteTableM,
  GatewayM,
  GatewayIpConfigurationM,
  BgpPeeringAddressM,
  PublicIpM,
  AzurermVersionM,
  SiteM,
  SiteBgpM,
  PeeringM,
  SharedKeyForm,
  SharedKeyM,
  IpsecPolicyM,
  ConnectionM,
  NatMappingM,
  NatRuleM,
  SuppressionM,
  IntentEndpointM,
  IntentM,
  IntentGroupsM,
  UnreadM,
  ProviderM,
  Source,
  Spaces,
  Unknown,
  Value,
} from "./policies/model";
export { connectivityGraph } from "./policies/graph";
export type {
  ConnectivityGraph,
  PeeringLink,
  GatewayLink,
  SiteLink,
  Attachment,
  NotTransit,
  LinkState,
  LinkCode,
  LinkOverlap,
  UnresolvedConnection,
  Tri,
} from "./policies/graph";
export type { SeenPrefix } from "./policies/nat-translate";
export type { Prefix } from "./core/cidr";

// --- Reachability ---------------------------------------------------------------------------------
export * from "./policies/reachability";
