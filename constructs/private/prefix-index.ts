import { Prefix } from "../../core/cidr";

/**
 * Disjoint prefixes (the subnets of a network, or its address spaces once checked) kept sorted by start,
 * so that the block a new prefix overlaps, or the block that contains it, is found by binary search:
 * adding n subnets one by one costs O(n log n) comparisons (plus the array inserts), never n^2.
 */
export class DisjointPrefixIndex<T> {
  private readonly byFamily = new Map<4 | 6, { prefix: Prefix; tag: T }[]>();

  /** The entry with the greatest start at or before `at`, in that family. */
  private floor(family: 4 | 6, at: bigint): { prefix: Prefix; tag: T } | undefined {
    const list = this.byFamily.get(family);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].prefix.start <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? undefined : list[found];
  }

  /**
   * An entry that shares an address with `p`, if any. The entries are disjoint and sorted, so their ends
   * are sorted too: the last one starting at or before `p`'s end overlaps `p` if any does.
   */
  public overlapping(p: Prefix): { prefix: Prefix; tag: T } | undefined {
    const e = this.floor(p.family, p.end);
    return e && e.prefix.end >= p.start ? e : undefined;
  }

  /** True when one entry contains every address of `p`. */
  public contains(p: Prefix): boolean {
    const e = this.floor(p.family, p.start);
    return e !== undefined && e.prefix.end >= p.end;
  }

  /** Adds a prefix that overlaps no entry (check with {@link overlapping} first). */
  public add(prefix: Prefix, tag: T): void {
    let list = this.byFamily.get(prefix.family);
    if (!list) {
      list = [];
      this.byFamily.set(prefix.family, list);
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].prefix.start < prefix.start) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, { prefix, tag });
  }
}
