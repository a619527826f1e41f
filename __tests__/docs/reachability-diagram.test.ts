/**
 * The diagram of docs/reachability.md and the README (docs/reachability-reference.svg) is the diagram of the reference app as the
 * current code draws it: the SVG records the hash of the DOT it was rendered from
 * (regenerate with `npm run docs:diagram`), and holds only what Graphviz writes.
 */
import * as fs from "fs";
import { REFERENCE_SVG, referenceDot } from "../../scripts/reachability-diagram";
import { dotHash, isSafeSvg, svgDotHash } from "../../policies/reachability/svg";

it("docs/reachability-reference.svg is the reference app's diagram, current (npm run docs:diagram)", () => {
  const svg = fs.readFileSync(REFERENCE_SVG, "utf8");
  expect(isSafeSvg(svg)).toBe(true);
  expect(svgDotHash(svg)).toBe(dotHash(referenceDot()));
  // What the page says it shows: stacks as clusters, the intents, a legend.
  const text = svg.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  for (const t of ["stack hub-spoke-vpn · westeurope", "must reach: met", "must not reach: met", "Legend"])
    expect(text).toContain(t);
});
