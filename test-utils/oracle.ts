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
