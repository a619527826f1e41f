/**
 * `npx ts-node --transpile-only bench/reachability.ts [--quick]`: how the reachability analysis and
 * its outputs scale on the engine benchmark's hub-and-spoke topologies (hubs of 250 spokes, each hub
 * with a VPN gateway and a site; spokes use their hub's gateway). Prints markdown; never fails on timing.
 *
 * Measured per size: building the analysis and answering, for every spoke, the pair (spoke, its hub's
 * site) and the pair (spoke, next spoke) (the answers a user's intents ask), then the outputs without
 * the SVG (matrix JSON in its summary form above 100 entities, Markdown, Mermaid, DOT).
 */
import { buildModel } from "../policies/model";
import { analyzeReachability } from "../policies/reachability/analysis";
import { reachabilityTexts } from "../policies/reachability/outputs";
import { int, measure, ms, table } from "./timing";
import { hubAndSpoke } from "./topology";

const quick = process.argv.includes("--quick");
const SIZES = quick ? [100, 1_000] : [100, 1_000, 5_000, 10_000];

const rows: string[][] = [];
let previous: { n: number; t: number } | undefined;
for (const spokes of SIZES) {
  const model = buildModel(hubAndSpoke({ spokes }));
  // Each spoke with its hub's site (the pair its "must reach on-premises" intent asks) and its neighbour.
  const asked: [string, string][] = [];
  const spokeIds: string[] = [];
  for (const p of model.peerings) {
    const hub = p.remote?.label ?? "";
    if (!p.local || !hub.startsWith("vnet-hub")) continue;
    spokeIds.push(`network:${p.local.label}`);
    asked.push([`network:${p.local.label}`, `site:lgw-onprem-hub${hub.slice("vnet-hub".length)}`]);
  }
  spokeIds.forEach((id, i) => asked.push([id, spokeIds[(i + 1) % spokeIds.length]]));
  const pairs = measure(() => {
    // A shallow copy is a new cache key: the analysis is built afresh on every run.
    const a = analyzeReachability({ ...model });
    let yes = 0;
    for (const [x, y] of asked) if (a.pair(x, y).status === "yes") yes++;
    return { entities: a.entities.length, yes };
  });
  const outputs = measure(() => reachabilityTexts({ ...model }));
  const t = pairs.median;
  const growth = previous ? `${(t / previous.t).toFixed(1)}x for ${(spokes / previous.n).toFixed(0)}x` : "";
  previous = { n: spokes, t };
  rows.push([
    int(spokes),
    int(pairs.result.entities),
    `${int(pairs.result.yes)} of ${int(asked.length)}`,
    ms(t),
    growth,
    ms(outputs.median),
    int(outputs.result.json.length),
  ]);
}
process.stdout.write(
  `## Reachability\n\n${table(
    [
      "spokes",
      "entities",
      "pairs answered yes",
      "analysis + pairs (ms)",
      "growth",
      "outputs, no SVG (ms)",
      "JSON bytes",
    ],
    rows,
  )}\n`,
);
