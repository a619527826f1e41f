/** Reachability: analysis, intents and outputs (issue 8). */
export { analyzeReachability } from "./analysis";
export type {
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
export { MATRIX_LIMIT, reachabilityJson, reachabilityMarkdown, reachabilityMatrix } from "./matrix";
export type { GatewaySummary, ReachabilityMatrix, ReachabilityMatrixOptions } from "./matrix";
export { DIAGRAM_LIMIT, toDot, toMermaid, topologyGraph } from "./diagram";
export type { TopologyEdge, TopologyGraph, TopologyNode } from "./diagram";
export { renderSvg, renderSvgSync } from "./svg";
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
