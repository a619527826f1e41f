/** Text of reachability answers for messages, the Markdown summary and the diagram. */
import { PairReach, ReachStep } from "./analysis";

const LINK_TEXT: Record<ReachStep["link"], string> = {
  peering: "peering",
  "gateway-transit": "gateway transit",
  "vnet-to-vnet": "VNet-to-VNet",
  "site-to-site": "site-to-site",
};

/** `network:a` -> `network a`. */
export function entityText(id: string): string {
  const i = id.indexOf(":");
  return i < 0 ? id : `${id.slice(0, i)} ${id.slice(i + 1)}`;
}

/** One step: `network a -> network b by peering (net/a-to-b, net/b-to-a)`. */
export function describeStep(s: ReachStep): string {
  return `${entityText(s.from)} -> ${entityText(s.to)} by ${LINK_TEXT[s.link]} (${s.via.join(", ")})`;
}

/** The path of an answer, with the NAT translations and the subnets that meet. */
export function describePath(r: PairReach): string {
  const parts = [(r.path ?? []).map(describeStep).join("; ")];
  for (const t of r.translations ?? [])
    parts.push(`${entityText(t.of)} ${t.original} is seen as ${t.translated} (NAT rule ${t.rule})`);
  if (r.subnets) {
    parts.push(
      `subnet-level peering: only ${Object.entries(r.subnets)
        .map(([id, names]) => `${entityText(id)} subnets ${names.join(", ")}`)
        .join(" and ")} meet`,
    );
  }
  return parts.filter((p) => p !== "").join("; ");
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Levenshtein distance between two texts, compared case-insensitively. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** The `n` candidates closest to `wanted` (by edit distance, then in natural order). */
export function closest<T>(wanted: string, candidates: readonly T[], textOf: (c: T) => string, n = 3): T[] {
  return candidates
    .map((c) => ({ c, d: editDistance(wanted, textOf(c)) }))
    .sort((p, q) => p.d - q.d || naturalCompare(textOf(p.c), textOf(q.c)))
    .slice(0, n)
    .map((x) => x.c);
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * Natural order: `spoke2` before `spoke10`. The texts are compared run by run (a run: digits, or
 * anything else): runs of digits as numbers (leading zeros aside), other runs by code units (no
 * locale: the same order on every machine); when every run both have is equal, the text with fewer
 * runs comes first, then ties are broken by the whole texts. Scanned in place: sorting thousands of
 * networks compares them tens of thousands of times.
 */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const da = isDigit(a, i);
    const db = isDigit(b, j);
    let ie = i + 1;
    while (ie < a.length && isDigit(a, ie) === da) ie++;
    let je = j + 1;
    while (je < b.length && isDigit(b, je) === db) je++;
    if (da && db) {
      // Numbers: without leading zeros, the longer is larger; of equal length, the first digit that differs.
      let u = i;
      while (u < ie - 1 && a.charCodeAt(u) === 48) u++;
      let v = j;
      while (v < je - 1 && b.charCodeAt(v) === 48) v++;
      if (ie - u !== je - v) return ie - u - (je - v);
      for (; u < ie; u++, v++) {
        const d = a.charCodeAt(u) - b.charCodeAt(v);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
    } else {
      // Runs by code units: the first that differs, else the shorter run first.
      for (let u = i, v = j; u < ie || v < je; u++, v++) {
        if (u === ie) return -1;
        if (v === je) return 1;
        const d = a.charCodeAt(u) - b.charCodeAt(v);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
    }
    i = ie;
    j = je;
  }
  if (i < a.length) return 1; // more runs
  if (j < b.length) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
