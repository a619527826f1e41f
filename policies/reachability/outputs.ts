/**
 * The files written to the output folder on every synth (and next to the input by the CLI): the
 * reachability matrix (JSON), a Markdown summary, and the topology diagram as Mermaid, DOT and SVG.
 *
 * Every file is written to a temporary file in the folder and renamed into place (`../io.ts`). The DOT
 * and the Mermaid text are written on every synth; the SVG is rendered only when the topology changed
 * (an SVG is kept when it records the hash of the current DOT and holds only what Graphviz writes), and
 * at synth it is rendered by a detached process, off synth's critical path.
 */
import * as fs from "fs";
import * as path from "path";
import { Finding } from "../finding";
import { removeFile, writeFileAtomic } from "../io";
import { NetworkModel } from "../model";
import { analyzeReachability } from "./analysis";
import { topologyGraph, toDot, toMermaid } from "./diagram";
import { ReachabilityMatrixOptions, matrixJson, matrixMarkdown, reachabilityMatrix } from "./matrix";
import { dotHash, isSafeSvg, renderSvgInBackground, renderSvgSync, svgDotHash, svgFailure } from "./svg";

/** File name of the reachability matrix (JSON) in the output folder. */
export const REACHABILITY_JSON = "connectivity-reachability.json";
/** File name of the reachability summary (Markdown) in the output folder. */
export const REACHABILITY_MARKDOWN = "connectivity-reachability.md";
/** File name of the topology diagram as Mermaid in the output folder. */
export const TOPOLOGY_MERMAID = "connectivity-topology.mmd";
/** File name of the topology diagram as Graphviz DOT in the output folder. */
export const TOPOLOGY_DOT = "connectivity-topology.dot";
/** File name of the topology diagram as SVG in the output folder. */
export const TOPOLOGY_SVG = "connectivity-topology.svg";

/** Options of {@link writeReachabilityOutputs}. */
export interface ReachabilityOutputOptions extends ReachabilityMatrixOptions {
  /**
   * Render the SVG: `true` renders it before returning (a child Node process running Graphviz as
   * WebAssembly, about half a second), `"background"` leaves it to a detached process (the file appears
   * when it is done; a stale one is removed at once), `false` writes none. Either way an SVG that is
   * already current for this DOT is kept as it is.
   * @default true (the policies at synth: "background")
   */
  readonly svg?: boolean | "background";
}

/** What was written. */
export interface ReachabilityOutputs {
  /** Paths of the files written (or kept, for a current SVG; the SVG rendered in the background is not listed). */
  readonly files: string[];
  /**
   * The SVG: kept because it was current, rendered now, being rendered in the background, not wanted,
   * or not rendered because Graphviz failed (`svgError` says why).
   */
  readonly svg: "current" | "rendered" | "background" | "off" | "failed";
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
  const m = reachabilityMatrix(a, options, findings);
  return {
    json: matrixJson(m),
    markdown: matrixMarkdown(a, m, findings),
    mermaid: toMermaid(graph),
    dot: toDot(graph),
  };
}

/**
 * The SVG at `file` when it is a regular file (never through a symlink) rendered from this DOT, and
 * safe; undefined otherwise.
 */
function currentSvg(file: string, hash: string): string | undefined {
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    const svg = fs.readFileSync(file, "utf8");
    return svgDotHash(svg) === hash && isSafeSvg(svg) ? svg : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the matrix, the summary and the diagram to `outdir`. A failure to render the SVG is returned,
 * not thrown, and leaves no stale SVG.
 */
export function writeReachabilityOutputs(
  outdir: string,
  model: NetworkModel,
  findings: readonly Finding[] = [],
  options: ReachabilityOutputOptions = {},
): ReachabilityOutputs {
  fs.mkdirSync(outdir, { recursive: true });
  const t = reachabilityTexts(model, findings, options);
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
  const mode = options.svg ?? true;
  if (mode === false) {
    removeFile(svgFile);
    return { files, svg: "off" };
  }
  const hash = dotHash(t.dot);
  // The SVG of an unchanged topology is still current: re-synthesizing the same network (the usual
  // edit-synth loop) does not pay for Graphviz again.
  const current = currentSvg(svgFile, hash);
  if (current !== undefined) {
    files.push(svgFile);
    // Graphviz failed on this very DOT at an earlier synth (in the background): said again, not retried.
    const failure = svgFailure(current);
    if (failure !== undefined) {
      return {
        files,
        svg: "failed",
        svgError: `Graphviz could not render this topology at an earlier synth (${failure}); ${TOPOLOGY_DOT} and ${TOPOLOGY_MERMAID} hold the diagram, and ${TOPOLOGY_SVG} says why`,
      };
    }
    return { files, svg: "current" };
  }
  if (mode === "background") {
    removeFile(svgFile);
    renderSvgInBackground(path.join(outdir, TOPOLOGY_DOT), svgFile, hash);
    return { files, svg: "background" };
  }
  try {
    write(TOPOLOGY_SVG, renderSvgSync(t.dot));
    return { files, svg: "rendered" };
  } catch (e) {
    removeFile(svgFile);
    return { files, svg: "failed", svgError: (e as Error).message };
  }
}
