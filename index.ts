export * from "./core/errors";
export * from "./constructs/vnet";
export * from "./constructs/vnet-peering";
export * from "./policies/finding";
export type { Rule, RuleFinding, RuleOutcome, RuleUnverified, Severity } from "./policies/rule";
export { checkTerraform, checkTerraformDocuments } from "./policies/check-terraform";
export type { CheckOptions } from "./policies/check-terraform";
export { ConnectivityPolicies, applyConnectivityPolicies } from "./policies/aspect";
export type { ConnectivityPoliciesProps } from "./policies/aspect";
export { ConnectivitySuppressions } from "./authoring/suppressions";
export type { PolicySuppression } from "./authoring/suppressions";
export { ReachabilityIntents } from "./authoring/intents";
export type { ReachabilityEndpoint } from "./authoring/intents";
export {
  ALL_RULES,
  AddressSpaceNoOverlap,
  GatewaySubnetNoNsg,
  NatUnsupportedConnection,
  ReachabilityIntent,
} from "./policies/rules";
export {
  analyzeReachability,
  reachabilityMatrix,
  reachabilityJson,
  reachabilityMarkdown,
  topologyGraph,
  toMermaid,
  toDot,
  renderSvg,
  renderSvgSync,
  writeReachabilityOutputs,
  reachabilityTexts,
  MATRIX_LIMIT,
  DIAGRAM_LIMIT,
} from "./policies/reachability";
export type {
  ReachabilityAnalysis,
  PairReach,
  ReachEntity,
  ReachStatus,
  ReachReasonCode,
  ReachStep,
  ReachTranslation,
  ReachabilityMatrix,
  ReachabilityMatrixOptions,
  ReachabilityOutputOptions,
  ReachabilityOutputs,
  TopologyGateway,
  TopologyLink,
  TopologyGraph,
  TopologyNode,
  TopologyEdge,
  GatewaySummary,
} from "./policies/reachability";
/** The network model custom rules read (see `Rule`). */
export type {
  NetworkModel,
  NetworkM,
  SubnetM,
  RouteTableM,
  GatewayM,
  PublicIpM,
  SiteM,
  PeeringM,
  SharedKeyForm,
  SharedKeyM,
  ConnectionM,
  NatMappingM,
  NatRuleM,
  SuppressionM,
  IntentEndpointM,
  IntentM,
  Spaces,
  Unknown,
} from "./policies/model";
export type { Block, BlockRef, Resolved, Resolver, StackDocument } from "./policies/input/terraform-json";
export type { Prefix } from "./core/cidr";
export * from "./constructs/vpn-gateway";
export * from "./constructs/local-site";
export * from "./constructs/shared-key";
export * from "./constructs/vpn-nat-rule";
export * from "./constructs/vpn-connection-options";
export * from "./constructs/site-to-site-connection";
export * from "./constructs/vnet-to-vnet-connection";
export * from "./constructs/vnet-to-vnet-ipsec-connection";
