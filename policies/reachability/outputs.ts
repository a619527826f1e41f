/**
 * The files written to the output folder on every synth (and next to the input by the CLI): the
 * reachability matrix (JSON), a Markdown summary, and the topology diagram as Mermaid, DOT and SVG.
 */
import * as fs from "fs";
import * as path from "path";
import { Finding } from "../finding";
import { NetworkModel } from "../model";
import { analyzeReachability } from "./analysis";
import { topologyGraph, toDot, toMermaid } from "./diagram";
import { ReachabilityMatrixOptions, reachabilityJson, reachabilityMarkdown } from "./matrix";
import { renderSvgSync } from "./svg";
import { removeFile, writeFileAtomic } from "../io";

/** File names in the output folder. */
export const REACHABILITY_JSON = "connectivity-reachability.json";
export const REACHABILITY_MARKDOWN = "connectivity-reachability.md";
export const TOPOLOGY_MERMAID = "connectivity-topology.mmd";
export const TOPOLOGY_DOT = "connectivity-topology.dot";
export const TOPOLOGY_SVG = "connectivity-topology.svg";

/** Options of {@link writeReachabilityOutputs}. */
export interface ReachabilityOutputOptions extends ReachabilityMatrixOptions {
  /**
   * Render the SVG (a child Node process running Graphviz as WebAssembly, about half a second).
   * @default true
   */
  readonly svg?: boolean;
}

/** What was written. */
export interface ReachabilityOutputs {
  /** Paths of the files written. */
  readonly files: string[];
  /** Why the SVG could not be rendered, when it could not (the other files are written regardless). */
  readonly svgError?: string;
}

/** The texts of the outputs, without writing them (the SVG excepted). */
export function reachabilityTexts(
  model: NetworkModel,
  findings: readonly Finding[] = [],
  options: ReachabilityMatrixOptions = {},
): { json: string; markdown: string; mermaid: string; dot: string } {
  const a = analyzeReachability(model);
  const graph = topologyGraph(a, findings);
  return {
    json: reachabilityJson(a, options),
    markdown: reachabilityMarkdown(a, findings, options),
    mermaid: toMermaid(graph),
    dot: toDot(graph),
  };
}

/**
 * Writes the matrix, the summary and the diagram to `outdir`. Synchronous (the SVG is rendered in a
 * child process); a failure to render the SVG is returned, not thrown, and leaves no stale SVG.
 */
export function writeReachabilityOutputs(
  outdir: string,
  model: NetworkModel,
  findings: readonly Finding[] = [],
  options: ReachabilityOutputOptions = {},
): ReachabilityOutputs {
  fs.mkdirSync(outdir, { recursive: true });
  const t = reachabilityTexts(model, findings, options);
  // The SVG of an unchanged topology is still current: re-synthesizing the same network (the usual
  // edit-synth loop) does not pay for Graphviz again.
  const dotFile = path.join(outdir, TOPOLOGY_DOT);
  const svgCurrent =
    fs.existsSync(path.join(outdir, TOPOLOGY_SVG)) &&
    fs.existsSync(dotFile) &&
    fs.readFileSync(dotFile, "utf8") === t.dot;
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const file = path.join(outdir, name);
    writeFileAtomic(file, text);
    files.push(file);
  };
  write(REACHABILITY_JSON, t.json);
  write(REACHABILITY_MARKDOWN, t.markdown);
  write(TOPOLOGY_MERMAID, t.mermaid);
  write(TOPOLOGY_DOT, t.dot);
  const svgFile = path.join(outdir, TOPOLOGY_SVG);
  if (options.svg === false) {
    removeFile(svgFile);
    return { files };
  }
  if (svgCurrent) {
    files.push(svgFile);
    return { files };
  }
  try {
    write(TOPOLOGY_SVG, renderSvgSync(t.dot));
    return { files };
  } catch (e) {
    removeFile(svgFile);
    return { files, svgError: (e as Error).message };
  }
}
