/**
 * Random IPv4 prefixes for the overlap finder: mostly disjoint /24../28 blocks inside 10.0.0.0/8,
 * deterministic for a seed.
 *
 * 10.0.0.0/8 is cut into 2^k equal slots (the fewest that give every prefix its own slot), and each
 * prefix is a random aligned block inside a slot of its own, so blocks never overlap by accident.
 * With `overlapRate` > 0 that share of the prefixes is instead placed on an earlier prefix: a copy
 * of it, a block inside it, or a block around it (still inside the same slot), so each one overlaps
 * at least one other prefix and the sweep has real pairs to report.
 */
import { Prefix } from "../core/cidr";
import { Random, mulberry32, randInt } from "./prng";

const TEN = 10 * 2 ** 24;

/** `a.b.c.d/len` of an integer address. */
export function ipv4Text(addr: number, length: number): string {
  return `${Math.floor(addr / 2 ** 24) & 255}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}/${length}`;
}

export interface GeneratedPrefixes {
  readonly texts: string[];
  /** First address and length of each prefix (same order as `texts`). */
  readonly starts: Float64Array;
  readonly lengths: Uint8Array;
  /** How many prefixes were placed on an earlier one (each makes at least one overlapping pair). */
  readonly injected: number;
}

function alignedBlock(rnd: Random, outerStart: number, outerLength: number, length: number): number {
  const count = 2 ** (length - outerLength);
  return outerStart + randInt(rnd, 0, count - 1) * 2 ** (32 - length);
}

export function generatePrefixes(n: number, seed: number, overlapRate: number): GeneratedPrefixes {
  const rnd = mulberry32(seed);
  const slotBits = Math.max(0, Math.ceil(Math.log2(Math.max(1, n))));
  const slotLength = 8 + slotBits;
  if (slotLength > 28) throw new Error(`${n} prefixes of /28 or larger do not fit disjoint in 10.0.0.0/8`);
  const slots = 2 ** slotBits;
  // Partial Fisher-Yates: n distinct slots in random order.
  const order = new Uint32Array(slots);
  for (let i = 0; i < slots; i++) order[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (slots - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const starts = new Float64Array(n);
  const lengths = new Uint8Array(n);
  const slotOf = new Uint32Array(n);
  const texts: string[] = new Array(n);
  const minLength = Math.max(24, slotLength);
  let injected = 0;
  for (let i = 0; i < n; i++) {
    let slot: number;
    let length: number;
    let start: number;
    if (i > 0 && overlapRate > 0 && rnd() < overlapRate) {
      // On an earlier prefix j: a copy, a block inside it, or the block around it (inside j's slot).
      const j = randInt(rnd, 0, i - 1);
      slot = slotOf[j];
      const slotStart = TEN + slot * 2 ** (32 - slotLength);
      if (lengths[j] > slotLength && rnd() < 0.5) {
        length = randInt(rnd, slotLength, lengths[j] - 1);
        const size = 2 ** (32 - length);
        start = slotStart + Math.floor((starts[j] - slotStart) / size) * size;
      } else {
        length = randInt(rnd, lengths[j], 28);
        start = alignedBlock(rnd, starts[j], lengths[j], length);
      }
      injected++;
    } else {
      slot = order[i];
      length = randInt(rnd, minLength, 28);
      start = alignedBlock(rnd, TEN + slot * 2 ** (32 - slotLength), slotLength, length);
    }
    starts[i] = start;
    lengths[i] = length;
    slotOf[i] = slot;
    texts[i] = ipv4Text(start, length);
  }
  return { texts, starts, lengths, injected };
}

/** The prefixes as `Prefix` objects built directly (the shape `parsePrefix` returns), without parsing text. */
export function toPrefixes(g: GeneratedPrefixes): Prefix[] {
  const out: Prefix[] = new Array(g.texts.length);
  for (let i = 0; i < out.length; i++) {
    const start = g.starts[i];
    const length = g.lengths[i];
    out[i] = {
      family: 4,
      start: BigInt(start),
      end: BigInt(start + 2 ** (32 - length) - 1),
      length,
      text: g.texts[i],
    };
  }
  return out;
}
