/**
 * CIDR arithmetic shared by the constructs (validation at construction) and the policy engine
 * (overlap checks at synth).
 *
 * Text is parsed with ipaddr.js (strict four-part decimal IPv4, RFC 4291 IPv6); everything after
 * parsing is integer arithmetic on the first and last address of the prefix, as bigints so that
 * IPv4 and IPv6 share one code path.
 */
import * as ipaddr from "ipaddr.js";

/** An address prefix (CIDR block) reduced to its inclusive integer range. */
export interface Prefix {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** First address of the block. */
  readonly start: bigint;
  /** Last address of the block. */
  readonly end: bigint;
  /** Prefix length (the number after the slash). */
  readonly length: number;
  /** Canonical text, e.g. `10.0.0.0/16`. */
  readonly text: string;
}

/** Why a text is not a usable prefix. */
export type CidrProblem =
  | { readonly kind: "syntax"; readonly detail: string }
  | { readonly kind: "host-bits"; readonly canonical: string };

/** Result of {@link tryParsePrefix}. */
export type ParseResult =
  | { readonly ok: true; readonly prefix: Prefix }
  | { readonly ok: false; readonly problem: CidrProblem };

const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;
const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

/** The number of bits of an address of the family: 32 or 128. */
export function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function addressToBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let value = 0n;
  for (const byte of addr.toByteArray()) {
    value = (value << 8n) | BigInt(byte);
  }
  return value;
}

/** Formats an integer address of the given family as text. */
export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    // Dotted decimal without leading zeros, as ipaddr.js writes it (the engine formats every prefix it
    // reads: no byte array and no parser object per address).
    const v = Number(value);
    return `${Math.floor(v / 16777216) % 256}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
  }
  const bytes: number[] = [];
  for (let i = 15; i >= 0; i--) {
    bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** The block of that family starting at `start` (which must be aligned) with that length. */
export function makePrefix(family: 4 | 6, start: bigint, length: number): Prefix {
  const hostBits = BigInt(bitsOf(family) - length);
  const end = start | ((1n << hostBits) - 1n);
  return { family, start, end, length, text: `${formatAddress(family, start)}/${length}` };
}

/** Texts parsed lately: the model and the rules read each network's prefixes several times. */
const parsed = new Map<string, ParseResult>();
const PARSED_LIMIT = 50_000;

/**
 * Parses a CIDR text without throwing. Host bits set (`10.0.0.1/16`) is a problem of its own
 * so callers can suggest the canonical block. Results are immutable and shared: the same text gives
 * the same object.
 */
export function tryParsePrefix(text: string): ParseResult {
  if (typeof text !== "string") {
    return { ok: false, problem: { kind: "syntax", detail: "not a string" } };
  }
  // A CIDR text is at most 49 characters (a full IPv6 address and /128): longer ones are not kept.
  if (text.length > 64) return parseText(text);
  const known = parsed.get(text);
  if (known) return known;
  const result = parseText(text);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(text, result);
  return result;
}

/**
 * The IPv4 reader of {@link tryParsePrefix}, in one pass over the characters and in plain numbers: a
 * dotted-decimal address in canonical form (four parts of 0 to 255 without leading zeros, what
 * ipaddr.js's `isValidFourPartDecimal` accepts) and a prefix length of 0 to 32 without a leading zero.
 * It answers the prefix, or the host-bits problem with the canonical block; undefined for any other
 * text, which is either not IPv4 or an IPv4 syntax problem ({@link ipv4SyntaxProblem}). The engine
 * parses every address space and subnet prefix of a configuration once per synth, and the constructs
 * each prop: tens of thousands at scale.
 */
function parseCanonicalIpv4(text: string): ParseResult | undefined {
  let value = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    const first = i;
    let n = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      i++;
    }
    const digits = i - first;
    if (digits === 0 || digits > 3 || n > 255 || (digits > 1 && text.charCodeAt(first) === 48))
      return undefined;
    value = value * 256 + n;
    // Three dots, then the slash.
    if (text.charCodeAt(i) !== (part < 3 ? 46 : 47)) return undefined;
    i++;
  }
  const first = i;
  let length = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    length = length * 10 + (c - 48);
    i++;
  }
  const digits = i - first;
  if (digits === 0 || digits > 2 || length > 32 || (digits > 1 && text.charCodeAt(first) === 48))
    return undefined;
  const size = 2 ** (32 - length);
  const start = value - (value % size);
  if (start !== value) {
    return {
      ok: false,
      problem: { kind: "host-bits", canonical: makePrefix(4, BigInt(start), length).text },
    };
  }
  return {
    ok: true,
    prefix: { family: 4, start: BigInt(value), end: BigInt(value + size - 1), length, text },
  };
}

/** Reads any text: the IPv4 reader's answer when it has one, else the problem, or an IPv6 prefix. */
function parseText(text: string): ParseResult {
  const v4 = parseCanonicalIpv4(text);
  if (v4) return v4;
  const slash = text.indexOf("/");
  if (slash < 0 || slash !== text.lastIndexOf("/")) {
    return { ok: false, problem: { kind: "syntax", detail: "expected <address>/<prefix length>" } };
  }
  const addrText = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!PREFIX_LENGTH.test(lenText)) {
    return { ok: false, problem: { kind: "syntax", detail: `prefix length '${lenText}' is not a number` } };
  }
  if (!addrText.includes(":")) return ipv4SyntaxProblem(addrText, lenText);
  if (!ipaddr.IPv6.isValid(addrText) || addrText.includes("%")) {
    return { ok: false, problem: { kind: "syntax", detail: `'${addrText}' is not an IPv6 address` } };
  }
  const length = Number(lenText);
  if (length > 128) {
    return {
      ok: false,
      problem: { kind: "syntax", detail: `prefix length /${length} is longer than 128 bits` },
    };
  }
  const value = addressToBigInt(ipaddr.IPv6.parse(addrText));
  const hostBits = BigInt(128 - length);
  const start = (value >> hostBits) << hostBits;
  if (start !== value) {
    return { ok: false, problem: { kind: "host-bits", canonical: makePrefix(6, start, length).text } };
  }
  return { ok: true, prefix: makePrefix(6, start, length) };
}

/**
 * What is wrong with an IPv4 text the IPv4 reader did not answer, its length already a number without
 * leading zeros: the address is not four canonical parts, or (the address being one) the length is
 * over 32.
 */
function ipv4SyntaxProblem(addrText: string, lenText: string): ParseResult {
  const octets = FOUR_PART_DECIMAL.test(addrText) ? addrText.split(".").map(Number) : [];
  if (octets.length !== 4 || octets.some((o) => o > 255)) {
    return {
      ok: false,
      problem: { kind: "syntax", detail: `'${addrText}' is not a dotted-decimal IPv4 address` },
    };
  }
  return {
    ok: false,
    problem: { kind: "syntax", detail: `prefix length /${Number(lenText)} is longer than 32 bits` },
  };
}

/** Human-readable reason for a parse problem, naming the text and how to fix it. */
export function describeProblem(text: string, problem: CidrProblem): string {
  if (problem.kind === "host-bits") {
    return `'${text}' has host bits set; did you mean '${problem.canonical}'?`;
  }
  return `'${text}' is not a valid CIDR block (${problem.detail}); write it like '10.0.0.0/16'`;
}

/** Parses a CIDR text, throwing an Error that says what is wrong. */
export function parsePrefix(text: string): Prefix {
  const result = tryParsePrefix(text);
  if (!result.ok) {
    throw new Error(describeProblem(text, result.problem));
  }
  return result.prefix;
}

/**
 * Parses a single dotted-decimal IPv4 address (no prefix length) to its integer value, without
 * throwing; undefined when the text is not one.
 */
export function tryParseIpv4Address(text: string): bigint | undefined {
  if (typeof text !== "string" || text.includes("/")) return undefined;
  const parsed = tryParsePrefix(`${text}/32`);
  return parsed.ok && parsed.prefix.family === 4 ? parsed.prefix.start : undefined;
}

/** True when `outer` contains every address of `inner` (same family). */
export function contains(outer: Prefix, inner: Prefix): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

/** True when the two prefixes share at least one address. */
export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** True when `inner` lies inside at least one of `outers`. */
export function containedInAny(outers: readonly Prefix[], inner: Prefix): boolean {
  return outers.some((o) => contains(o, inner));
}

/** Up to this many items, {@link findOverlaps} sorts by insertion. */
const SMALL_SORT = 24;

/** An item for {@link findOverlaps}: a prefix and whatever the caller needs to name it. */
export interface Tagged<T> {
  readonly prefix: Prefix;
  readonly tag: T;
}

/**
 * All overlapping pairs among the items, skipping pairs the caller says to ignore (for example two
 * prefixes of the same network). Sort-and-sweep: O(n log n + pairs), never pairwise over all items.
 * Each pair is reported once, the earlier-starting item first.
 */
export function findOverlaps<T>(
  items: readonly Tagged<T>[],
  ignore: (a: T, b: T) => boolean = () => false,
): [Tagged<T>, Tagged<T>][] {
  const n = items.length;
  // Sort on a number key (exact for IPv4, the top 53 bits for IPv6), falling back to the bigints only
  // on ties: comparing numbers is several times faster than following two pointers to compare bigints.
  // Keys, ends and the order are arrays of numbers, not an object per item: at scale this runs over
  // every link of every network (hundreds of thousands of items), and the garbage costs more than the
  // sweep. IPv4 ends are numbers (exact), so that the sweep compares numbers; IPv6 ends stay bigints.
  const keys: number[] = new Array(n);
  const ends: number[] = new Array(n);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = items[i].prefix;
    const v4 = p.family === 4;
    keys[i] = v4 ? Number(p.start) : 2 ** 33 + Number(p.start >> 75n);
    ends[i] = v4 ? Number(p.end) : 0;
    order[i] = i;
  }
  // Ties keep the items' order (the index last), as a stable sort would.
  const before = (x: number, y: number): number => {
    if (keys[x] !== keys[y]) return keys[x] - keys[y];
    const a = items[x].prefix.start;
    const b = items[y].prefix.start;
    return a < b ? -1 : a > b ? 1 : x - y;
  };
  if (n <= SMALL_SORT) {
    // A network's own view is a few prefixes: sorted in place (the built-in sort copies the array).
    for (let k = 1; k < n; k++) {
      const x = order[k];
      let m = k - 1;
      for (; m >= 0 && before(order[m], x) > 0; m--) order[m + 1] = order[m];
      order[m + 1] = x;
    }
  } else {
    order.sort(before);
  }
  const result: [Tagged<T>, Tagged<T>][] = [];
  // Active items (indices) whose end is at or after the current start. Prefixes nest or are disjoint,
  // so the active ones form a chain of containing blocks: the list stays as short as the nesting depth.
  // The first `live` entries are the list, compacted in place (kept in order) and never shrunk: setting
  // an array's length smaller gives back its store, which the next push allocates again.
  const active: number[] = [];
  let live = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const item = items[i];
    const p = item.prefix;
    const v4 = p.family === 4;
    let kept = 0;
    for (let r = 0; r < live; r++) {
      const j = active[r];
      const q = items[j].prefix;
      if (q.family === p.family && (v4 ? ends[j] >= keys[i] : q.end >= p.start)) active[kept++] = j;
    }
    live = kept;
    for (let r = 0; r < live; r++) {
      const a = items[active[r]];
      if (!ignore(a.tag, item.tag)) result.push([a, item]);
    }
    active[live++] = i;
  }
  return result;
}

/** The smallest list of CIDR blocks that covers exactly the addresses `start`..`end` (inclusive). */
export function rangeToPrefixes(family: 4 | 6, start: bigint, end: bigint): Prefix[] {
  const bits = bitsOf(family);
  const out: Prefix[] = [];
  let cur = start;
  while (cur <= end) {
    let length = bits;
    // Grow the block while it stays aligned at `cur` and inside the range.
    while (length > 0) {
      const size = 1n << BigInt(bits - length + 1);
      if (cur % size !== 0n || cur + size - 1n > end) break;
      length--;
    }
    const p = makePrefix(family, cur, length);
    out.push(p);
    cur = p.end + 1n;
  }
  return out;
}

/** Where {@link freeBlock} looks first: the lowest free block, or the highest. */
export type BlockSearch = "lowest" | "highest";

/**
 * The free block of prefix length `length` inside the first of `within` that has one: the lowest (or
 * the highest) aligned block that overlaps none of `taken`. Containers of another family, or smaller
 * than the block, are skipped; undefined when no container has room. Linear in `taken` per container
 * (after sorting): the taken ranges are merged once, then walked.
 */
export function freeBlock(
  within: readonly Prefix[],
  taken: readonly Prefix[],
  length: number,
  search: BlockSearch = "lowest",
): Prefix | undefined {
  for (const container of within) {
    if (!Number.isInteger(length) || length < container.length || length > bitsOf(container.family)) continue;
    const busy = mergedRanges(
      taken.filter(
        (t) => t.family === container.family && t.start <= container.end && container.start <= t.end,
      ),
    );
    const found =
      search === "lowest" ? lowestFree(container, busy, length) : highestFree(container, busy, length);
    if (found) return found;
  }
  return undefined;
}

/** Sorted, disjoint, inclusive ranges covering exactly the given prefixes. */
function mergedRanges(prefixes: readonly Prefix[]): { start: bigint; end: bigint }[] {
  const sorted = [...prefixes].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: bigint; end: bigint }[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end + 1n) {
      if (p.end > last.end) last.end = p.end;
    } else {
      out.push({ start: p.start, end: p.end });
    }
  }
  return out;
}

function lowestFree(
  container: Prefix,
  busy: { start: bigint; end: bigint }[],
  length: number,
): Prefix | undefined {
  const size = 1n << BigInt(bitsOf(container.family) - length);
  const alignUp = (v: bigint) => ((v + size - 1n) / size) * size;
  let candidate = container.start;
  for (const range of busy) {
    if (candidate + size - 1n < range.start) break;
    if (range.end >= candidate) candidate = alignUp(range.end + 1n);
  }
  return candidate + size - 1n <= container.end ? makePrefix(container.family, candidate, length) : undefined;
}

function highestFree(
  container: Prefix,
  busy: { start: bigint; end: bigint }[],
  length: number,
): Prefix | undefined {
  const size = 1n << BigInt(bitsOf(container.family) - length);
  // The highest aligned block start is the container's end rounded down to a block boundary.
  let candidate = ((container.end + 1n) / size) * size - size;
  for (let i = busy.length - 1; i >= 0; i--) {
    const range = busy[i];
    if (candidate > range.end) break;
    if (range.start <= candidate + size - 1n) {
      // Round down to the block boundary below the busy range.
      if (range.start < size) return undefined;
      candidate = (range.start / size) * size - size;
    }
  }
  return candidate >= container.start ? makePrefix(container.family, candidate, length) : undefined;
}
