/**
 * Address allocation by stable key: the arithmetic behind `AddressPool` (network address spaces from
 * supernets) and subnet carving in `Vnet` (subnets from a network's space), and the format of the record
 * of what was allocated, a JSON document that lives in the user's repository.
 *
 * Stability comes from the record, not from the order of the requests: a key found in the record keeps
 * its block for as long as the entry stays there, whatever else is requested, added, removed or
 * reordered; a key not in it takes the lowest (or highest) free block that overlaps no recorded block and
 * no reserved range, and is added to the record. Entries are never dropped here: a block is freed only by
 * deleting its entry from the record, which a person does once the network is gone.
 *
 * Pure functions and plain data only: the construct layer reads and writes the record and turns the
 * problems into errors that name the construct.
 */
import { BlockSearch, Prefix, freeBlock, overlaps, tryParsePrefix } from "./cidr";

/** A range that is never allocated, and why (an on-premises site, an existing network, ...). */
export interface Reservation {
  readonly prefix: Prefix;
  readonly why: string;
}

/** Why a block could not be allocated for a key. */
export type AllocationProblem =
  /** No free block of that size is left in the containers. */
  | { readonly kind: "exhausted"; readonly length: number }
  /** The block would be larger than every container. */
  | { readonly kind: "larger-than-pool"; readonly length: number }
  /** The key was requested twice in one run (two networks would share a space). */
  | { readonly kind: "requested-twice" }
  /** The record gives the key a block of another size. */
  | { readonly kind: "size-changed"; readonly recorded: Prefix; readonly length: number }
  /** The record gives the key a block outside every container. */
  | { readonly kind: "outside"; readonly recorded: Prefix }
  /** The record gives the key a block that overlaps a reserved range. */
  | { readonly kind: "reserved"; readonly recorded: Prefix; readonly reservation: Reservation }
  /** The record gives the key a block that overlaps another key's. */
  | {
      readonly kind: "recorded-overlap";
      readonly recorded: Prefix;
      readonly otherKey: string;
      readonly other: Prefix;
    };

/** The result of {@link BlockAllocator.allocate}. */
export type AllocationResult =
  | { readonly ok: true; readonly prefix: Prefix; readonly isNew: boolean }
  | { readonly ok: false; readonly problem: AllocationProblem };

/**
 * Allocates blocks inside containers by key, honouring a record of earlier allocations. One instance
 * per run (a synth): it remembers which keys were requested, to refuse the same key twice.
 */
export class BlockAllocator {
  private readonly blocks = new Map<string, Prefix>();
  private readonly reservations: Reservation[] = [];
  private readonly requested = new Set<string>();

  /**
   * @param within the containers, in order of preference
   * @param recorded the record's blocks by key (kept as they are: checked when their key is requested)
   */
  constructor(
    private readonly within: readonly Prefix[],
    recorded: ReadonlyMap<string, Prefix> = new Map(),
  ) {
    for (const [key, prefix] of recorded) this.blocks.set(key, prefix);
  }

  /** Every block by key: the record's (requested in this run or not) and the new ones, sorted by key. */
  public get allocations(): ReadonlyMap<string, Prefix> {
    return new Map([...this.blocks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Reserves a range: never allocated from now on. Returns the recorded blocks it collides with (the
   * range is reserved all the same; the caller decides whether that is an error).
   */
  public reserve(reservation: Reservation): { readonly key: string; readonly prefix: Prefix }[] {
    this.reservations.push(reservation);
    const out: { key: string; prefix: Prefix }[] = [];
    for (const [key, prefix] of this.blocks) {
      if (overlaps(prefix, reservation.prefix)) out.push({ key, prefix });
    }
    return out;
  }

  /** The block of `key`: the recorded one, or the lowest (highest) free block of prefix length `length`. */
  public allocate(key: string, length: number, search: BlockSearch = "lowest"): AllocationResult {
    if (this.requested.has(key)) return { ok: false, problem: { kind: "requested-twice" } };
    const recorded = this.blocks.get(key);
    if (recorded) {
      const problem = this.checkRecorded(key, recorded, length);
      if (problem) return { ok: false, problem };
      this.requested.add(key);
      return { ok: true, prefix: recorded, isNew: false };
    }
    if (!this.within.some((c) => c.length <= length)) {
      return { ok: false, problem: { kind: "larger-than-pool", length } };
    }
    const taken = [...this.blocks.values(), ...this.reservations.map((r) => r.prefix)];
    const prefix = freeBlock(this.within, taken, length, search);
    if (!prefix) return { ok: false, problem: { kind: "exhausted", length } };
    this.blocks.set(key, prefix);
    this.requested.add(key);
    return { ok: true, prefix, isNew: true };
  }

  private checkRecorded(key: string, recorded: Prefix, length: number): AllocationProblem | undefined {
    if (recorded.length !== length) return { kind: "size-changed", recorded, length };
    if (
      !this.within.some(
        (c) => c.family === recorded.family && c.start <= recorded.start && recorded.end <= c.end,
      )
    ) {
      return { kind: "outside", recorded };
    }
    const reservation = this.reservations.find((r) => overlaps(r.prefix, recorded));
    if (reservation) return { kind: "reserved", recorded, reservation };
    for (const [otherKey, other] of this.blocks) {
      if (otherKey !== key && overlaps(other, recorded)) {
        return { kind: "recorded-overlap", recorded, otherKey, other };
      }
    }
    return undefined;
  }
}

// --- the record ---------------------------------------------------------------------------------

/** What the record holds for one network: its address space and the subnets carved in it. */
export interface RecordedNetwork {
  /** The network's address space (one CIDR block). */
  readonly space: string;
  /** The carved subnets by name. */
  readonly subnets?: { readonly [name: string]: string };
}

/** The networks of one pool by key. */
export type RecordedPool = { readonly [key: string]: RecordedNetwork };

/** The record document: every pool of an app by name. */
export interface RecordDocument {
  /** The format's version. */
  readonly version: 1;
  /** The pools by name. */
  readonly pools: { readonly [pool: string]: RecordedPool };
}

/** The first line of a record file: what it is and why it is committed. */
export const RECORD_COMMENT =
  "Address allocations of the app's AddressPools (cdktf-azure-connectivity). Commit this file: an entry keeps its " +
  "block for as long as it is here; new networks and subnets are added at synth. Delete an entry only once its " +
  "network or subnet is gone from Azure: its block is then free to be allocated again.";

/** Reads a record document; throws an Error saying what is wrong (the caller adds where). */
export function parseRecord(text: string): RecordDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`it is not JSON (${(e as Error).message})`);
  }
  const obj = raw as { version?: unknown; pools?: unknown };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new Error("it is not a JSON object");
  if (obj.version !== 1)
    throw new Error(`its version is ${JSON.stringify(obj.version)}; this package reads version 1`);
  const pools: Record<string, RecordedPool> = {};
  const poolsRaw = obj.pools ?? {};
  if (typeof poolsRaw !== "object" || poolsRaw === null || Array.isArray(poolsRaw)) {
    throw new Error("`pools` is not an object of pools by name");
  }
  for (const [pool, networks] of Object.entries(poolsRaw)) {
    if (typeof networks !== "object" || networks === null || Array.isArray(networks)) {
      throw new Error(`pool '${pool}' is not an object of networks by key`);
    }
    const out: Record<string, RecordedNetwork> = {};
    for (const [key, n] of Object.entries(networks as object)) {
      const where = `pool '${pool}', network '${key}'`;
      const space = (n as { space?: unknown })?.space;
      const subnets = (n as { subnets?: unknown })?.subnets;
      if (typeof space !== "string" || !tryParsePrefix(space).ok) {
        throw new Error(`${where}: \`space\` is not a CIDR block`);
      }
      if (subnets !== undefined) {
        if (typeof subnets !== "object" || subnets === null || Array.isArray(subnets)) {
          throw new Error(`${where}: \`subnets\` is not an object of CIDR blocks by subnet name`);
        }
        for (const [name, cidr] of Object.entries(subnets)) {
          if (typeof cidr !== "string" || !tryParsePrefix(cidr).ok) {
            throw new Error(`${where}: subnet '${name}' is not a CIDR block`);
          }
        }
      }
      out[key] = { space, ...(subnets !== undefined ? { subnets: subnets as Record<string, string> } : {}) };
    }
    pools[pool] = out;
  }
  return { version: 1, pools };
}

function sortedObject<T>(o: { readonly [k: string]: T }, map: (v: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = map(o[k]);
  return out;
}

/**
 * The text of a record document: keys sorted, two-space indentation, a final newline, so that an
 * allocation is one added line in a diff and the file is already in Prettier's JSON style.
 */
export function formatRecord(doc: RecordDocument): string {
  const body = {
    "//": RECORD_COMMENT,
    version: doc.version,
    pools: sortedObject(doc.pools, (pool) =>
      sortedObject(pool, (n) => ({
        space: n.space,
        ...(n.subnets && Object.keys(n.subnets).length > 0
          ? { subnets: sortedObject(n.subnets, (s) => s) }
          : {}),
      })),
    ),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
