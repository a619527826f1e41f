/**
 * Brute-force oracles for the property tests: a prefix as the explicit set of its addresses, over a
 * small universe (a /20 of IPv4) so every set can be enumerated.
 */
export const UNIVERSE_BASE = (10 << 24) >>> 0; // 10.0.0.0
export const UNIVERSE_BITS = 12; // 10.0.0.0/20: 4096 addresses

export function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

/** Every address of base/len, by enumeration. */
export function addressesOf(base: number, len: number): Set<number> {
  const size = 2 ** (32 - len);
  const out = new Set<number>();
  for (let i = 0; i < size; i++) out.add(base + i);
  return out;
}

export function setOverlaps(a: Set<number>, b: Set<number>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

export function setContains(outer: Set<number>, inner: Set<number>): boolean {
  for (const x of inner) if (!outer.has(x)) return false;
  return true;
}

/** A prefix of the small universe as [base, length]. */
export type SmallPrefix = readonly [number, number];

/**
 * The free block by enumeration: the aligned blocks of `len` in each container, lowest (or highest)
 * first, the first whose addresses are all outside the taken ones. The specification of `freeBlock`.
 */
export function oracleFreeBlock(
  within: readonly SmallPrefix[],
  taken: readonly SmallPrefix[],
  len: number,
  search: "lowest" | "highest" = "lowest",
): SmallPrefix | undefined {
  const busy = new Set<number>();
  for (const [b, l] of taken) for (const a of addressesOf(b, l)) busy.add(a);
  for (const [cb, cl] of within) {
    if (len < cl) continue;
    const size = 2 ** (32 - len);
    const count = 2 ** (32 - cl) / size;
    for (let k = 0; k < count; k++) {
      const i = search === "lowest" ? k : count - 1 - k;
      const base = cb + i * size;
      let free = true;
      for (let a = base; a < base + size && free; a++) if (busy.has(a)) free = false;
      if (free) return [base, len];
    }
  }
  return undefined;
}
