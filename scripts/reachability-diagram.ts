/**
 * `npm run docs:diagram`: writes `docs/reachability-reference.svg`, the topology diagram of the
 * reference app (every stack of `stacks/`, checked with every rule), as the policies write it at synth.
 * docs/reachability.md and the README show it; `__tests__/docs/reachability-diagram.test.ts` fails when it is not the diagram
 * of the current code (the SVG records the hash of the DOT it was rendered from).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { buildReferenceApp } from "../stacks/app";
import { check } from "../policies/pipeline";
import { reachabilityTexts } from "../policies/reachability/outputs";
import { renderSvgSync } from "../policies/reachability/svg";

/** Where the diagram of docs/reachability.md and the README lives. */
export const REFERENCE_SVG = path.resolve(__dirname, "..", "docs", "reachability-reference.svg");

/** The DOT of the reference app's topology, as the policies write it at synth. */
export function referenceDot(): string {
  const app = buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-docs-")) }));
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const s of stacks) s.prepareStack();
  const result = check(stacks.map((s) => ({ stack: s.node.path, doc: s.toTerraform() })));
  return reachabilityTexts(result.model, result.report.findings).dot;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(REFERENCE_SVG), { recursive: true });
  fs.writeFileSync(REFERENCE_SVG, renderSvgSync(referenceDot()));
  process.stdout.write(`docs:diagram: wrote ${path.relative(process.cwd(), REFERENCE_SVG)}\n`);
}
