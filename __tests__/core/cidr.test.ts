import * as fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { contains, findOverlaps, makePrefix, overlaps, parsePrefix, tryParsePrefix } from "../../core/cidr";
import { reservedOverlaps } from "../../core/azure/address";
import {
  UNIVERSE_BASE,
  UNIVERSE_BITS,
  addressesOf,
  ipv4Text,
  setContains,
  setOverlaps,
} from "../../test-utils/oracle";

/** An aligned IPv4 prefix inside the small universe, as [base, length]. */
const smallPrefix = fc.integer({ min: 32 - UNIVERSE_BITS, max: 32 }).chain((len) =>
  fc.integer({ min: 0, max: 2 ** (32 - (32 - UNIVERSE_BITS)) / 2 ** (32 - len) - 1 }).map((i) => {
    const base = UNIVERSE_BASE + i * 2 ** (32 - len);
    return [base, len] as const;
  }),
);

describe("parsePrefix", () => {
  it("parses IPv4 and IPv6 blocks to their first and last address", () => {
    const p = parsePrefix("10.1.0.0/16");
    expect(p).toMatchObject({ family: 4, length: 16, text: "10.1.0.0/16" });
    expect(p.end - p.start).toBe(65535n);
    const v6 = parsePrefix("fd00:db8::/48");
    expect(v6).toMatchObject({ family: 6, length: 48, text: "fd00:db8::/48" });
  });

  it.each([
    ["10.0.0.0", "expected <address>/<prefix length>"],
    ["10.0.0/16", "not a dotted-decimal IPv4 address"],
    ["10.0.0.256/24", "not a dotted-decimal IPv4 address"],
    ["010.0.0.0/8", "not a dotted-decimal IPv4 address"],
    ["10.0.0.0/33", "longer than 32 bits"],
    ["10.0.0.0/ 8", "is not a number"],
    ["10.0.0.0/08", "is not a number"],
    ["fd00::/129", "longer than 128 bits"],
    ["fd00:::1/64", "not an IPv6 address"],
    ["", "expected <address>/<prefix length>"],
  ])("refuses %j (%s)", (text, why) => {
    expect(() => parsePrefix(text)).toThrow(why);
  });

  it("refuses host bits and suggests the canonical block", () => {
    expect(() => parsePrefix("10.0.0.1/16")).toThrow(
      "'10.0.0.1/16' has host bits set; did you mean '10.0.0.0/16'?",
    );
    const r = tryParsePrefix("fd00::1/64");
    expect(r).toEqual({ ok: false, problem: { kind: "host-bits", canonical: "fd00::/64" } });
  });

  it("round-trips every aligned prefix of the universe through its text", () => {
    fc.assert(
      fc.property(smallPrefix, ([base, len]) => {
        const text = `${ipv4Text(base)}/${len}`;
        const p = parsePrefix(text);
        expect(p.text).toBe(text);
        expect(Number(p.start)).toBe(base);
        expect(Number(p.end)).toBe(base + 2 ** (32 - len) - 1);
      }),
    );
  });
});

describe("IPv4 parsing and formatting against ipaddr.js", () => {
  /** What tryParsePrefix answered before its IPv4 fast path: ipaddr.js parses, the bigint arithmetic aligns. */
  function oracle(text: string): ReturnType<typeof tryParsePrefix> {
    const [addr, lenText] = text.split("/");
    if (!/^(0|[1-9]\d{0,2})$/.test(lenText))
      return { ok: false, problem: { kind: "syntax", detail: `prefix length '${lenText}' is not a number` } };
    const valid =
      /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(addr) && ipaddr.IPv4.isValidFourPartDecimal(addr);
    if (!valid)
      return {
        ok: false,
        problem: { kind: "syntax", detail: `'${addr}' is not a dotted-decimal IPv4 address` },
      };
    const length = Number(lenText);
    if (length > 32)
      return {
        ok: false,
        problem: { kind: "syntax", detail: `prefix length /${length} is longer than 32 bits` },
      };
    const value = ipaddr.IPv4.parse(addr)
      .toByteArray()
      .reduce((v, b) => (v << 8n) | BigInt(b), 0n);
    const host = BigInt(32 - length);
    const start = (value >> host) << host;
    const text0 = `${ipaddr.fromByteArray([...Array(4)].map((_, i) => Number((start >> BigInt(24 - 8 * i)) & 0xffn))).toString()}/${length}`;
    if (start !== value) return { ok: false, problem: { kind: "host-bits", canonical: text0 } };
    return { ok: true, prefix: { family: 4, start, end: start | ((1n << host) - 1n), length, text: text0 } };
  }
  // Valid parts and lengths, and the near misses a one-pass reader could take for them: leading zeros,
  // four digits, signs, spaces, letters, empty parts.
  const octet = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map(String),
    fc.constantFrom("256", "999", "01", "00", "-1", "", "0255", " 1", "1 ", "1a", "+1"),
  );
  const length = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map(String),
    fc.constantFrom("08", "032", "", "100", "3 ", "-0", "2a", "0x8"),
  );
  const text = fc
    .tuple(fc.array(octet, { minLength: 3, maxLength: 5 }), length)
    .map(([parts, len]) => `${parts.join(".")}/${len}`);

  it("answers as ipaddr.js does for any text of dotted parts and a length", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(tryParsePrefix(t)).toEqual(oracle(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("formats any address, aligned at any length, as ipaddr.js does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), (v, len) => {
        const start = Math.floor(v / 2 ** (32 - len)) * 2 ** (32 - len);
        const bytes = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256);
        expect(makePrefix(4, BigInt(start), len).text).toBe(
          `${ipaddr.fromByteArray(bytes).toString()}/${len}`,
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe("contains and overlaps against enumerated address sets", () => {
  it("agree with the brute-force oracle", () => {
    fc.assert(
      fc.property(smallPrefix, smallPrefix, ([b1, l1], [b2, l2]) => {
        const p1 = parsePrefix(`${ipv4Text(b1)}/${l1}`);
        const p2 = parsePrefix(`${ipv4Text(b2)}/${l2}`);
        const s1 = addressesOf(b1, l1);
        const s2 = addressesOf(b2, l2);
        expect(overlaps(p1, p2)).toBe(setOverlaps(s1, s2));
        expect(contains(p1, p2)).toBe(setContains(s1, s2));
      }),
      { numRuns: 300 },
    );
  });

  it("never relate prefixes of different families", () => {
    expect(overlaps(parsePrefix("0.0.0.0/0"), parsePrefix("::/0"))).toBe(false);
    expect(contains(parsePrefix("::/0"), parsePrefix("10.0.0.0/8"))).toBe(false);
  });
});

describe("tryParsePrefix results", () => {
  it("are shared for the same text, and a text too long to be a prefix is refused, not kept", () => {
    expect(tryParsePrefix("10.9.0.0/16")).toBe(tryParsePrefix("10.9.0.0/16"));
    expect(tryParsePrefix("10.9.0.1/16")).toEqual({
      ok: false,
      problem: { kind: "host-bits", canonical: "10.9.0.0/16" },
    });
    const long = `${"1".repeat(70)}/16`;
    expect(tryParsePrefix(long)).toMatchObject({ ok: false, problem: { kind: "syntax" } });
    expect(tryParsePrefix(long)).not.toBe(tryParsePrefix(long));
  });
});

describe("findOverlaps", () => {
  it("finds exactly the overlapping pairs a pairwise brute force finds", () => {
    fc.assert(
      fc.property(fc.array(smallPrefix, { maxLength: 25 }), (list) => {
        const items = list.map(([b, l], i) => ({ prefix: parsePrefix(`${ipv4Text(b)}/${l}`), tag: i }));
        const expected = new Set<string>();
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            if (setOverlaps(addressesOf(...list[i]), addressesOf(...list[j]))) expected.add(`${i}-${j}`);
          }
        }
        const found = new Set(
          findOverlaps(items).map(([a, b]) => `${Math.min(a.tag, b.tag)}-${Math.max(a.tag, b.tag)}`),
        );
        expect(found).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("over both families and both sort paths: the brute force's pairs, each once, the earlier start first", () => {
    // IPv4 from the small universe, IPv6 in fd00::/120; up to 80 items (short lists sort by insertion).
    const v6 = fc.integer({ min: 120, max: 128 }).chain((len) =>
      fc.integer({ min: 0, max: 2 ** (128 - 120) / 2 ** (128 - len) - 1 }).map((i) => {
        const start = i * 2 ** (128 - len);
        return {
          text: `fd00::${start.toString(16)}/${len}`,
          family: 6,
          start,
          end: start + 2 ** (128 - len) - 1,
        };
      }),
    );
    const v4 = smallPrefix.map(([base, len]) => ({
      text: `${ipv4Text(base)}/${len}`,
      family: 4,
      start: base,
      end: base + 2 ** (32 - len) - 1,
    }));
    fc.assert(
      fc.property(fc.array(fc.oneof(v4, v6), { maxLength: 80 }), (list) => {
        const items = list.map((x, i) => ({ prefix: parsePrefix(x.text), tag: i }));
        const expected = new Set<string>();
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            const [a, b] = [list[i], list[j]];
            if (a.family === b.family && a.start <= b.end && b.start <= a.end) expected.add(`${i}-${j}`);
          }
        }
        const pairs = findOverlaps(items);
        const keys = pairs.map(([a, b]) => `${Math.min(a.tag, b.tag)}-${Math.max(a.tag, b.tag)}`);
        expect(new Set(keys)).toEqual(expected);
        expect(keys.length).toBe(expected.size);
        for (const [a, b] of pairs) {
          // The earlier-starting item first; on the same start, the one given first.
          const [x, y] = [list[a.tag], list[b.tag]];
          expect(x.start < y.start || (x.start === y.start && a.tag < b.tag)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("skips the pairs the caller ignores", () => {
    const items = [
      { prefix: parsePrefix("10.0.0.0/16"), tag: "a" },
      { prefix: parsePrefix("10.0.1.0/24"), tag: "a" },
      { prefix: parsePrefix("10.0.2.0/24"), tag: "b" },
    ];
    const pairs = findOverlaps(items, (x, y) => x === y);
    expect(pairs.map(([x, y]) => [x.prefix.text, y.prefix.text])).toEqual([["10.0.0.0/16", "10.0.2.0/24"]]);
  });

  it("treats adjacent ranges as disjoint", () => {
    const items = [
      { prefix: parsePrefix("10.0.0.0/24"), tag: 1 },
      { prefix: parsePrefix("10.0.1.0/24"), tag: 2 },
    ];
    expect(findOverlaps(items)).toEqual([]);
  });
});

describe("reservedOverlaps", () => {
  it.each([
    "224.0.0.0/4",
    "239.1.0.0/16",
    "127.0.0.0/8",
    "169.254.10.0/24",
    "168.63.129.16/32",
    "255.255.255.255/32",
    "0.0.0.0/0",
  ])("flags %s", (text) => {
    expect(reservedOverlaps(parsePrefix(text)).length).toBeGreaterThan(0);
  });
  it.each(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "168.63.129.0/31"])(
    "allows %s",
    (text) => {
      expect(reservedOverlaps(parsePrefix(text))).toEqual([]);
    },
  );
});
