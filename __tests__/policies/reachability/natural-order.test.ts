import * as fc from "fast-check";
import { naturalCompare } from "../../../policies/reachability/describe";

/** The definition, written the plain way: split into runs of digits and of other text, compare run by run. */
function oracle(a: string, b: string): number {
  const runs = (s: string) => s.match(/(\d+)|(\D+)/g) ?? [];
  const xs = runs(a);
  const ys = runs(b);
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const [u, v] = [x.replace(/^0+(?=\d)/, ""), y.replace(/^0+(?=\d)/, "")];
      if (u.length !== v.length) return u.length - v.length;
      if (u !== v) return u < v ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (xs.length !== ys.length) return xs.length - ys.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Names as they come: network names with numbers, leading zeros, separators, and any text at all.
const piece = fc.oneof(
  fc.constantFrom("spoke", "hub", "vnet-", "-", ".", "_", " ", "a", "B", "~", "é", "\u00a0"),
  fc.nat({ max: 200 }).map(String),
  fc.constantFrom("0", "00", "007", "10", "9"),
);
const name = fc.oneof(
  fc.array(piece, { maxLength: 6 }).map((p) => p.join("")),
  fc.string({ maxLength: 8 }),
);

describe("naturalCompare", () => {
  it("orders numbers by value: spoke2 before spoke10, spoke98 before spoke148", () => {
    const names = ["spoke10", "spoke148", "spoke2", "spoke98", "spoke0", "hub1", "spoke02"];
    expect([...names].sort(naturalCompare)).toEqual([
      "hub1",
      "spoke0",
      "spoke02",
      "spoke2",
      "spoke10",
      "spoke98",
      "spoke148",
    ]);
  });

  it("agrees in sign with the run-by-run definition (property, against the oracle)", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(Math.sign(oracle(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it("is a total order: antisymmetric and transitive, 0 only for equal texts (property)", () => {
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) <= 0 && naturalCompare(b, c) <= 0)
          expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5_000 },
    );
  });
});
