/** Reachability: analysis, intents, sound fixes, outputs and the review diff (issues 8 and 18). */
export { analyzeReachability, intentGroupsText, intentText } from "./analysis";
export type {
  IntentAnswer,
  IntentGroupAnswer,
  IntentGroupMembers,
  PairReach,
  ReachEntity,
  ReachReasonCode,
  ReachStatus,
  ReachStep,
  ReachTranslation,
  ReachabilityAnalysis,
  TopologyGateway,
  TopologyLink,
} from "./analysis";
export { FixChecker, applyChanges, explainIntent } from "./fixes";
export type { IntentExplanation, ModelChange, SuggestedFix } from "./fixes";
export { MATRIX_LIMIT, reachabilityJson, reachabilityMarkdown, reachabilityMatrix } from "./matrix";
export type {
  FindingSummary,
  GatewaySummary,
  IntentGroupSummary,
  IntentSummary,
  ReachabilityMatrix,
  ReachabilityMatrixOptions,
} from "./matrix";
export type {
  CheckedRun,
  IntentUndecidedSummary,
  NotCheckedSummary,
  NotUnderstoodSummary,
  NotVerifiableSummary,
  PairUndecidedSummary,
} from "./not-checked";
export {
  DIAGRAM_LIMIT,
  INTENTS_DRAWN_LIMIT,
  LINKS_DRAWN_LIMIT,
  toDot,
  toMermaid,
  topologyGraph,
} from "./diagram";
export type { DiagramFinding, TopologyCluster, TopologyEdge, TopologyGraph, TopologyNode } from "./diagram";
export { backgroundRenders, renderSvg, renderSvgSync } from "./svg";
export {
  REACHABILITY_JSON,
  REACHABILITY_MARKDOWN,
  TOPOLOGY_DOT,
  TOPOLOGY_MERMAID,
  TOPOLOGY_SVG,
  reachabilityTexts,
  writeReachabilityOutputs,
} from "./outputs";
export type { ReachabilityOutputOptions, ReachabilityOutputs } from "./outputs";
export {
  DIFF_EXIT,
  diffExitCode,
  diffJson,
  diffMarkdown,
  diffSnapshots,
  isEmptyDiff,
  isReachabilityMatrix,
  snapshotOfMatrix,
  snapshotOfModel,
} from "./diff";
export type { IntentChange, LinkChange, PairChange, ReachabilityDiff, ReachabilitySnapshot } from "./diff";
