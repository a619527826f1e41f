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

const CHUNK = /(\d+)|(\D+)/g;

/**
 * Natural order: `spoke2` before `spoke10`. Runs of digits compare as numbers, other text by code
 * units (no locale: the same order on every machine); ties are broken by the whole texts.
 */
export function naturalCompare(a: string, b: string): number {
  const xs = a.match(CHUNK) ?? [];
  const ys = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const u = x.replace(/^0+(?=\d)/, "");
      const v = y.replace(/^0+(?=\d)/, "");
      if (u.length !== v.length) return u.length - v.length;
      if (u !== v) return u < v ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (xs.length !== ys.length) return xs.length - ys.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
