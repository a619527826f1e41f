import * as fc from "fast-check";
import {
  Prefix,
  Tagged,
  contains,
  findOverlaps,
  makePrefix,
  parsePrefix,
  rangeToPrefixes,
} from "../../../../core/cidr";
import { NatRuleM } from "../../../../policies/model";
import { translate } from "../../../../policies/nat-translate";
import { isUnknown } from "../../../../policies/input/terraform-json";
import {
  UNIVERSE_BASE,
  UNIVERSE_BITS,
  addressesOf,
  ipv4Text,
  setOverlaps,
} from "../../../../test-utils/oracle";

// ---------------------------------------------------------------------------------------------
// Generators

/** An aligned IPv4 prefix inside the small universe (10.0.0.0/20), as [base, length]. */
const smallPrefix = fc.integer({ min: 32 - UNIVERSE_BITS, max: 32 }).chain((len) =>
  fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS / 2 ** (32 - len) - 1 }).map((i) => {
    const base = UNIVERSE_BASE + i * 2 ** (32 - len);
    return [base, len] as const;
  }),
);

const toPrefix = ([base, len]: readonly [number, number]): Prefix => parsePrefix(`${ipv4Text(base)}/${len}`);

/** fd00::/116: an IPv6 universe of the same size, addresses as offsets from its base. */
const V6_BASE = parsePrefix("fd00::/116").start;
const smallPrefix6 = fc.integer({ min: 128 - UNIVERSE_BITS, max: 128 }).chain((len) =>
  fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS / 2 ** (128 - len) - 1 }).map((i) => {
    const offset = i * 2 ** (128 - len);
    return makePrefix(6, V6_BASE + BigInt(offset), len);
  }),
);

/** A prefix of either family, with a group number (for the ignore function). */
const item = fc.record({
  prefix: fc.oneof(smallPrefix.map(toPrefix), smallPrefix6),
  group: fc.integer({ min: 0, max: 3 }),
});

/** Every address of a prefix (small universes only), as "family:offset" strings. */
function addressSet(p: Prefix): Set<string> {
  const out = new Set<string>();
  for (let a = p.start; a <= p.end; a++) out.add(`${p.family}:${a}`);
  return out;
}

function setsEqual<T>(a: Set<T>, b: Set<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
describe("findOverlaps against a brute-force pairwise oracle", () => {
  test("finds exactly the overlapping pairs (enumerated address sets), each once", () => {
    fc.assert(
      fc.property(fc.array(smallPrefix, { maxLength: 30 }), (list) => {
        const items = list.map((p, i) => ({ prefix: toPrefix(p), tag: i }));
        const expected = new Set<string>();
        for (let i = 0; i < list.length; i++)
          for (let j = i + 1; j < list.length; j++)
            if (setOverlaps(addressesOf(...list[i]), addressesOf(...list[j]))) expected.add(`${i}-${j}`);
        const pairs = findOverlaps(items);
        const keys = pairs.map(([a, b]) => `${Math.min(a.tag, b.tag)}-${Math.max(a.tag, b.tag)}`);
        expect(new Set(keys)).toEqual(expected);
        // Each pair once, never an item with itself.
        expect(keys.length).toBe(new Set(keys).size);
        for (const [a, b] of pairs) expect(a.tag).not.toBe(b.tag);
      }),
      { numRuns: 300 },
    );
  });

  test("the earlier-starting item comes first in each pair", () => {
    fc.assert(
      fc.property(fc.array(smallPrefix, { maxLength: 30 }), (list) => {
        const items = list.map((p, i) => ({ prefix: toPrefix(p), tag: i }));
        for (const [a, b] of findOverlaps(items)) expect(a.prefix.start <= b.prefix.start).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("mixed IPv4/IPv6 items with an ignore function: exactly the oracle's pairs", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (list) => {
        const items: Tagged<{ i: number; group: number }>[] = list.map((x, i) => ({
          prefix: x.prefix,
          tag: { i, group: x.group },
        }));
        const sets = list.map((x) => addressSet(x.prefix));
        const expected = new Set<string>();
        for (let i = 0; i < list.length; i++)
          for (let j = i + 1; j < list.length; j++) {
            if (list[i].group === list[j].group) continue;
            let hit = false;
            for (const a of sets[i])
              if (sets[j].has(a)) {
                hit = true;
                break;
              }
            if (hit) expected.add(`${i}-${j}`);
          }
        const pairs = findOverlaps(items, (a, b) => a.group === b.group);
        const keys = pairs.map(([a, b]) => `${Math.min(a.tag.i, b.tag.i)}-${Math.max(a.tag.i, b.tag.i)}`);
        expect(new Set(keys)).toEqual(expected);
        expect(keys.length).toBe(expected.size);
        for (const [a, b] of pairs) expect(a.prefix.family).toBe(b.prefix.family);
      }),
      { numRuns: 300 },
    );
  });

  test("does not depend on the order of the input", () => {
    fc.assert(
      fc.property(
        fc.array(smallPrefix, { maxLength: 25 }).chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(
              list.map((_, i) => i),
              { minLength: list.length },
            ),
          ),
        ),
        ([list, order]) => {
          const items = list.map((p, i) => ({ prefix: toPrefix(p), tag: i }));
          const norm = (pairs: [Tagged<number>, Tagged<number>][]) =>
            pairs.map(([a, b]) => `${Math.min(a.tag, b.tag)}-${Math.max(a.tag, b.tag)}`).sort();
          expect(norm(findOverlaps(order.map((i) => items[i])))).toEqual(norm(findOverlaps(items)));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("many identical prefixes: every pair (n choose 2)", () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ prefix: parsePrefix("10.0.0.0/24"), tag: i }));
    expect(findOverlaps(items)).toHaveLength((40 * 39) / 2);
  });
});

// ---------------------------------------------------------------------------------------------
/**
 * Oracle of the minimal CIDR cover: the maximal nodes of the binary prefix tree that lie inside
 * the range, found by walking the tree from the root (independent of rangeToPrefixes' greedy loop).
 */
function trieCover(bits: number, start: bigint, end: bigint): string[] {
  const out: string[] = [];
  const walk = (base: bigint, len: number) => {
    const last = base + (1n << BigInt(bits - len)) - 1n;
    if (last < start || base > end) return;
    if (start <= base && last <= end) {
      out.push(`${base}/${len}`);
      return;
    }
    const half = 1n << BigInt(bits - len - 1);
    walk(base, len + 1);
    walk(base + half, len + 1);
  };
  walk(0n, 0);
  return out;
}

/**
 * The properties of a cover of start..end, as a list of problems (empty when it is right). Plain
 * checks rather than one `expect` per block keep the property runs fast.
 */
function coverProblems(family: 4 | 6, start: bigint, end: bigint, blocks: Prefix[]): string[] {
  const bits = family === 4 ? 32 : 128;
  const problems: string[] = [];
  if (blocks.length === 0) return ["no blocks"];
  // Covers exactly the range: starts at start, ends at end, contiguous and in order.
  if (blocks[0].start !== start) problems.push(`first block ${blocks[0].text} does not start at ${start}`);
  if (blocks[blocks.length - 1].end !== end) problems.push(`last block does not end at ${end}`);
  for (let i = 1; i < blocks.length; i++)
    if (blocks[i].start !== blocks[i - 1].end + 1n)
      problems.push(`gap or overlap between ${blocks[i - 1].text} and ${blocks[i].text}`);
  for (const b of blocks) {
    const size = 1n << BigInt(bits - b.length);
    // Aligned blocks with consistent end and text.
    if (b.family !== family) problems.push(`${b.text} has family ${b.family}`);
    if (b.start % size !== 0n) problems.push(`${b.text} is not aligned`);
    if (b.end !== b.start + size - 1n) problems.push(`${b.text} has end ${b.end}`);
    const back = parsePrefix(b.text);
    if (back.start !== b.start || back.length !== b.length) problems.push(`${b.text} does not round-trip`);
  }
  // Minimal: no two neighbours could be merged into one block.
  for (let i = 1; i < blocks.length; i++) {
    const a = blocks[i - 1];
    const b = blocks[i];
    if (a.length === b.length && a.length > 0 && a.start % (2n << BigInt(bits - a.length)) === 0n)
      problems.push(`${a.text} and ${b.text} could be one block`);
  }
  // And exactly the tree oracle's minimal cover.
  const got = blocks.map((b) => `${b.start}/${b.length}`).join(" ");
  const want = trieCover(bits, start, end).join(" ");
  if (got !== want) problems.push(`cover ${got} is not the minimal cover ${want}`);
  return problems;
}

describe("rangeToPrefixes", () => {
  test("covers exactly the range (enumerated) with aligned, minimal blocks: small IPv4 universe", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS - 1 }),
        fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS - 1 }),
        (x, y) => {
          const start = BigInt(UNIVERSE_BASE + Math.min(x, y));
          const end = BigInt(UNIVERSE_BASE + Math.max(x, y));
          const blocks = rangeToPrefixes(4, start, end);
          expect(coverProblems(4, start, end, blocks)).toEqual([]);
          // By enumeration: the blocks hold exactly the addresses of the range.
          const covered = new Set<bigint>();
          for (const b of blocks) for (let a = b.start; a <= b.end; a++) covered.add(a);
          let outside = 0;
          for (const a of covered) if (a < start || a > end) outside++;
          expect(outside).toBe(0);
          expect(covered.size).toBe(Number(end - start + 1n));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("whole IPv4 space: arbitrary ranges", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
        (x, y) => {
          const [start, end] = x <= y ? [x, y] : [y, x];
          expect(coverProblems(4, start, end, rangeToPrefixes(4, start, end))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("whole IPv6 space: arbitrary ranges", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
        (x, y) => {
          const [start, end] = x <= y ? [x, y] : [y, x];
          expect(coverProblems(6, start, end, rangeToPrefixes(6, start, end))).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("edges: the whole space, one address, the top address, an aligned block", () => {
    expect(rangeToPrefixes(4, 0n, 2n ** 32n - 1n).map((p) => p.text)).toEqual(["0.0.0.0/0"]);
    expect(rangeToPrefixes(6, 0n, 2n ** 128n - 1n).map((p) => p.text)).toEqual(["::/0"]);
    expect(rangeToPrefixes(4, 2n ** 32n - 1n, 2n ** 32n - 1n).map((p) => p.text)).toEqual([
      "255.255.255.255/32",
    ]);
    const p = parsePrefix("10.0.4.0/22");
    expect(rangeToPrefixes(4, p.start, p.end)).toEqual([p]);
    const q = parsePrefix("10.0.0.1/32");
    const r = parsePrefix("10.0.0.254/32");
    expect(rangeToPrefixes(4, q.start, r.end).map((x) => x.text)).toEqual([
      "10.0.0.1/32",
      "10.0.0.2/31",
      "10.0.0.4/30",
      "10.0.0.8/29",
      "10.0.0.16/28",
      "10.0.0.32/27",
      "10.0.0.64/26",
      "10.0.0.128/26",
      "10.0.0.192/27",
      "10.0.0.224/28",
      "10.0.0.240/29",
      "10.0.0.248/30",
      "10.0.0.252/31",
      "10.0.0.254/32",
    ]);
  });

  test("an empty range (start after end) gives no blocks", () => {
    expect(rangeToPrefixes(4, 10n, 9n)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
/** A NAT rule as the model has it: one internal and one external mapping. */
function natRule(name: string, internal: Prefix, external: Prefix, type = "Static"): NatRuleM {
  return {
    key: name,
    path: `gw/${name}`,
    name,
    mode: "EgressSnat",
    type,
    internal: [{ space: internal, text: internal.text }],
    external: [{ space: external, text: external.text }],
    dynamicMappings: false,
  };
}

/** External universe: 100.64.0.0/20, disjoint from the internal one. */
const EXTERNAL_BASE = (100 << 24) + (64 << 16);

/** A static one-to-one mapping: an internal prefix of the universe, an external one of the same length. */
const mapping = smallPrefix.chain(([base, len]) =>
  fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS / 2 ** (32 - len) - 1 }).map((i) => ({
    internal: toPrefix([base, len]),
    external: parsePrefix(`${ipv4Text(EXTERNAL_BASE + i * 2 ** (32 - len))}/${len}`),
  })),
);

/** Up to three mappings with pairwise disjoint internal prefixes (as NAT rules of one connection are). */
const disjointMappings = fc.array(mapping, { minLength: 1, maxLength: 3 }).map((list) => {
  const kept: typeof list = [];
  for (const m of list)
    if (kept.every((k) => k.internal.end < m.internal.start || m.internal.end < k.internal.start))
      kept.push(m);
  return kept;
});

/** Where one address goes through static mappings. */
function image(addr: bigint, maps: { internal: Prefix; external: Prefix }[]): bigint {
  const m = maps.find((x) => x.internal.start <= addr && addr <= x.internal.end);
  return m ? m.external.start + (addr - m.internal.start) : addr;
}

describe("translate (static one-to-one NAT)", () => {
  test("a prefix inside the internal prefix maps to the same offset and length in the external one", () => {
    fc.assert(
      fc.property(mapping, smallPrefix, ({ internal, external }, raw) => {
        const p = toPrefix(raw);
        fc.pre(contains(internal, p));
        const out = translate([p], [natRule("r", internal, external)]);
        if (isUnknown(out)) throw new Error("unexpected unknown");
        expect(out).toHaveLength(1);
        expect(out[0].prefix.length).toBe(p.length);
        expect(out[0].prefix.start - external.start).toBe(p.start - internal.start);
        expect(out[0].prefix).toEqual(makePrefix(4, external.start + (p.start - internal.start), p.length));
        expect(out[0].natFrom).toEqual({ original: p.text, rule: "r" });
      }),
      { numRuns: 300 },
    );
  });

  test("a prefix outside the internal prefix stays as it is", () => {
    fc.assert(
      fc.property(mapping, smallPrefix, ({ internal, external }, raw) => {
        const p = toPrefix(raw);
        fc.pre(p.end < internal.start || internal.end < p.start);
        const out = translate([p], [natRule("r", internal, external)]);
        expect(out).toEqual([{ prefix: p }]);
      }),
      { numRuns: 300 },
    );
  });

  test("any prefix: the translated blocks are exactly the image of its addresses", () => {
    fc.assert(
      fc.property(disjointMappings, fc.array(smallPrefix, { minLength: 1, maxLength: 3 }), (maps, raws) => {
        const prefixes = raws.map(toPrefix);
        const rules = maps.map((m, i) => natRule(`r${i}`, m.internal, m.external));
        const out = translate(prefixes, rules);
        if (isUnknown(out)) throw new Error("unexpected unknown");
        const expected = new Set<bigint>();
        for (const p of prefixes) for (let a = p.start; a <= p.end; a++) expected.add(image(a, maps));
        const got = new Set<bigint>();
        for (const s of out) for (let a = s.prefix.start; a <= s.prefix.end; a++) got.add(a);
        expect(setsEqual(got, expected)).toBe(true);
        // A block is marked translated exactly when it lies in the external universe.
        for (const s of out) {
          const inExternal = s.prefix.start >= BigInt(EXTERNAL_BASE);
          expect(s.natFrom !== undefined).toBe(inExternal);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("one prefix: with disjoint external prefixes, the blocks it becomes do not overlap and keep its size", () => {
    fc.assert(
      fc.property(disjointMappings, smallPrefix, (maps, raw) => {
        fc.pre(
          maps.every((m, i) =>
            maps.every(
              (n, j) => i === j || m.external.end < n.external.start || n.external.end < m.external.start,
            ),
          ),
        );
        const p = toPrefix(raw);
        const out = translate(
          [p],
          maps.map((m, i) => natRule(`r${i}`, m.internal, m.external)),
        );
        if (isUnknown(out)) throw new Error("unexpected unknown");
        const total = out.reduce((n, s) => n + (s.prefix.end - s.prefix.start + 1n), 0n);
        expect(total).toBe(p.end - p.start + 1n);
        const pairs = findOverlaps(out.map((s, i) => ({ prefix: s.prefix, tag: i })));
        expect(pairs).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test("examples: Microsoft's NAT overview, a part of a larger space, no rules, a dynamic pool", () => {
    const r = natRule("vnet-egress", parsePrefix("10.0.1.0/24"), parsePrefix("100.0.1.0/24"));
    expect(translate([parsePrefix("10.0.1.0/24")], [r])).toEqual([
      { prefix: parsePrefix("100.0.1.0/24"), natFrom: { original: "10.0.1.0/24", rule: "vnet-egress" } },
    ]);
    const part = translate([parsePrefix("10.0.0.0/22")], [r]);
    expect(isUnknown(part) ? part : part.map((s) => s.prefix.text).sort()).toEqual(
      ["10.0.0.0/24", "100.0.1.0/24", "10.0.2.0/23"].sort(),
    );
    expect(translate([parsePrefix("10.0.1.0/24")], [])).toEqual([{ prefix: parsePrefix("10.0.1.0/24") }]);
    const pool = natRule("pool", parsePrefix("10.0.0.0/16"), parsePrefix("100.64.0.0/26"), "Dynamic");
    expect(translate([parsePrefix("10.0.5.0/24")], [pool])).toEqual([
      { prefix: parsePrefix("100.64.0.0/26"), natFrom: { original: "10.0.5.0/24", rule: "pool" } },
    ]);
  });

  test("an unknown mapping makes the translation unknown (never guessed)", () => {
    const r: NatRuleM = {
      ...natRule("r", parsePrefix("10.0.1.0/24"), parsePrefix("100.0.1.0/24")),
      external: [{ space: { unknown: "${var.external}" }, text: "${var.external}" }],
    };
    const out = translate([parsePrefix("10.0.1.0/24")], [r]);
    expect(isUnknown(out)).toBe(true);
    expect(isUnknown(out) && out.unknown).toContain("${var.external}");
  });
});
