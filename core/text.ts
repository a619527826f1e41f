/** Small helpers to write lists in messages, so facts kept as lists in core/azure read as prose. */

function joinWith(items: readonly string[], last: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return joinWith(items, "or");
}

/** `a, b and c`. */
export function andList(items: readonly string[]): string {
  return joinWith(items, "and");
}
