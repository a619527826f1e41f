import * as fc from "fast-check";
import { BlockAllocator, RecordDocument, formatRecord, parseRecord } from "../../core/allocation";
import { Prefix, freeBlock, parsePrefix } from "../../core/cidr";
import {
  SmallPrefix,
  UNIVERSE_BASE,
  UNIVERSE_BITS,
  addressesOf,
  ipv4Text,
  oracleFreeBlock,
  setContains,
  setOverlaps,
} from "../../test-utils/oracle";

/** An aligned prefix of the small universe with a length in [min, 32]. */
const smallPrefix = (min = 32 - UNIVERSE_BITS) =>
  fc.integer({ min, max: 32 }).chain((len) =>
    fc.integer({ min: 0, max: 2 ** UNIVERSE_BITS / 2 ** (32 - len) - 1 }).map((i) => {
      const base = UNIVERSE_BASE + i * 2 ** (32 - len);
      return [base, len] as SmallPrefix;
    }),
  );

const toPrefix = ([b, l]: SmallPrefix): Prefix => parsePrefix(`${ipv4Text(b)}/${l}`);
const toSmall = (p: Prefix): SmallPrefix => [Number(p.start), p.length];
const setOf = ([b, l]: SmallPrefix) => addressesOf(b, l);

/** Containers that do not overlap each other (as a pool's supernets). */
const containers = fc
  .array(
    smallPrefix(20).filter(([, l]) => l <= 23),
    { minLength: 1, maxLength: 3 },
  )
  .map((list) => list.filter((p, i) => list.slice(0, i).every((q) => !setOverlaps(setOf(p), setOf(q)))));

describe("freeBlock against the enumerating oracle", () => {
  it("finds the same lowest and highest free block, or none", () => {
    fc.assert(
      fc.property(
        containers,
        fc.array(smallPrefix(), { maxLength: 12 }),
        fc.integer({ min: 20, max: 32 }),
        fc.constantFrom("lowest" as const, "highest" as const),
        (within, taken, len, search) => {
          const got = freeBlock(within.map(toPrefix), taken.map(toPrefix), len, search);
          expect(got ? toSmall(got) : undefined).toEqual(oracleFreeBlock(within, taken, len, search));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("skips containers of the other family and those smaller than the block", () => {
    const within = [parsePrefix("fd00::/48"), parsePrefix("10.0.0.0/28"), parsePrefix("10.1.0.0/16")];
    expect(freeBlock(within, [], 24)?.text).toBe("10.1.0.0/24");
    expect(freeBlock(within, [], 64)?.text).toBe("fd00::/64");
    expect(freeBlock(within, [parsePrefix("10.1.0.0/17")], 24, "highest")?.text).toBe("10.1.255.0/24");
  });
});

/** One synth: the keys asked for, in order. Each key always asks for the same size. */
const KEYS = ["a", "b", "c", "d", "e", "f", "g", "h"];
const sizeOf = (key: string) => 24 + (key.charCodeAt(0) % 5); // 24..28
const runs = fc.array(fc.shuffledSubarray(KEYS), { minLength: 1, maxLength: 6 });

/** Synthesizes `runs` one after the other, each run starting from the record the previous one left. */
function synthesize(within: SmallPrefix[], reserved: SmallPrefix[], sequence: string[][]) {
  let record = new Map<string, Prefix>();
  const results: Map<string, Prefix | "exhausted">[] = [];
  for (const keys of sequence) {
    const allocator = new BlockAllocator(within.map(toPrefix), record);
    for (const r of reserved) allocator.reserve({ prefix: toPrefix(r), why: "test" });
    const got = new Map<string, Prefix | "exhausted">();
    for (const key of keys) {
      const r = allocator.allocate(key, sizeOf(key));
      if (r.ok) got.set(key, r.prefix);
      else {
        expect(r.problem.kind === "exhausted" || r.problem.kind === "larger-than-pool").toBe(true);
        got.set(key, "exhausted");
      }
    }
    results.push(got);
    record = new Map(allocator.allocations);
  }
  return { results, record };
}

describe("BlockAllocator: allocation by stable key with a record", () => {
  const reservedArb = fc.array(smallPrefix(22), { maxLength: 3 });

  it("never gives two keys overlapping blocks, and keeps every block in the pool and off the reserved ranges", () => {
    fc.assert(
      fc.property(containers, reservedArb, runs, (within, reserved, sequence) => {
        const { record } = synthesize(within, reserved, sequence);
        const blocks = [...record.values()].map(toSmall);
        blocks.forEach((p, i) => {
          expect(within.some((c) => setContains(setOf(c), setOf(p)))).toBe(true);
          for (const r of reserved) expect(setOverlaps(setOf(p), setOf(r))).toBe(false);
          for (const q of blocks.slice(i + 1)) expect(setOverlaps(setOf(p), setOf(q))).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("never moves a key once allocated: insertions, deletions and reorderings leave it where it is", () => {
    fc.assert(
      fc.property(containers, reservedArb, runs, (within, reserved, sequence) => {
        const { results } = synthesize(within, reserved, sequence);
        const first = new Map<string, string>();
        for (const got of results) {
          for (const [key, p] of got) {
            if (p === "exhausted") continue;
            const seen = first.get(key);
            if (seen === undefined) first.set(key, p.text);
            else expect(p.text).toBe(seen);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives a new key the lowest free block, as the enumerating oracle does, and runs out only when the oracle does", () => {
    fc.assert(
      fc.property(containers, reservedArb, runs, (within, reserved, sequence) => {
        // The oracle: a map of key -> block; a new key takes the oracle's first free block.
        const record = new Map<string, SmallPrefix>();
        const { results } = synthesize(within, reserved, sequence);
        sequence.forEach((keys, run) => {
          for (const key of keys) {
            let expected: SmallPrefix | "exhausted" | undefined = record.get(key);
            if (!expected) {
              const found = oracleFreeBlock(within, [...record.values(), ...reserved], sizeOf(key));
              expected = found ?? "exhausted";
              if (found) record.set(key, found);
            }
            const got = results[run].get(key)!;
            expect(got === "exhausted" ? got : toSmall(got)).toEqual(expected);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a key asked for twice, a recorded block of another size, outside the pool, on a reserved range or on another key's block", () => {
    const within = [parsePrefix("10.0.0.0/16")];
    const recorded = new Map([
      ["a", parsePrefix("10.0.0.0/24")],
      ["b", parsePrefix("10.9.0.0/24")],
      ["c", parsePrefix("10.0.0.0/25")],
      ["d", parsePrefix("10.0.5.0/24")],
    ]);
    const allocator = new BlockAllocator(within, recorded);
    expect(allocator.reserve({ prefix: parsePrefix("10.0.5.0/26"), why: "site" })).toEqual([
      { key: "d", prefix: parsePrefix("10.0.5.0/24") },
    ]);
    expect(allocator.allocate("a", 22)).toMatchObject({ ok: false, problem: { kind: "size-changed" } });
    expect(allocator.allocate("b", 24)).toMatchObject({ ok: false, problem: { kind: "outside" } });
    expect(allocator.allocate("c", 25)).toMatchObject({
      ok: false,
      problem: { kind: "recorded-overlap", otherKey: "a" },
    });
    expect(allocator.allocate("d", 24)).toMatchObject({
      ok: false,
      problem: { kind: "reserved", reservation: { why: "site" } },
    });
    expect(allocator.allocate("e", 24)).toMatchObject({ ok: true, isNew: true });
    expect(allocator.allocate("e", 24)).toMatchObject({ ok: false, problem: { kind: "requested-twice" } });
    expect(allocator.allocate("f", 8)).toMatchObject({ ok: false, problem: { kind: "larger-than-pool" } });
  });
});

describe("the record document", () => {
  const doc: RecordDocument = {
    version: 1,
    pools: {
      z: {
        "vnet-b": { space: "10.0.4.0/22" },
        "vnet-a": { space: "10.0.0.0/22", subnets: { web: "10.0.0.0/24", app: "10.0.1.0/24" } },
      },
    },
  };

  it("is written with sorted keys and read back the same", () => {
    const text = formatRecord(doc);
    expect(text.indexOf('"vnet-a"')).toBeLessThan(text.indexOf('"vnet-b"'));
    expect(text.indexOf('"app"')).toBeLessThan(text.indexOf('"web"'));
    expect(text.endsWith("}\n")).toBe(true);
    expect(parseRecord(text)).toEqual(doc);
  });

  it.each([
    ["not json", "it is not JSON"],
    ['{"version": 2, "pools": {}}', "its version is 2; this package reads version 1"],
    [
      '{"version": 1, "pools": {"p": {"k": {"space": "10.0.0.1/16"}}}}',
      "pool 'p', network 'k': `space` is not a CIDB block".replace("CIDB", "CIDR"),
    ],
    [
      '{"version": 1, "pools": {"p": {"k": {"space": "10.0.0.0/16", "subnets": {"s": 1}}}}}',
      "pool 'p', network 'k': subnet 's' is not a CIDR block",
    ],
  ])("refuses %s", (text, message) => {
    expect(() => parseRecord(text)).toThrow(message);
  });
});
