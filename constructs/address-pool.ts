import * as fs from "fs";
import * as path from "path";
import { Construct, IConstruct } from "constructs";
import { Annotations } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { writeFileAtomic } from "../core/atomic-write";
import {
  BlockAllocator,
  RecordDocument,
  RecordedNetwork,
  RecordedPool,
  formatRecord,
  parseRecord,
} from "../core/allocation";
import { Prefix, overlaps, parsePrefix } from "../core/cidr";
import { parseCidrProp, parseVnetCidrProp, requireNonEmpty } from "./private/validate";
import { PlanContext, PoolNetwork, SubnetPlan, allocationError } from "./private/allocation";

export type { RecordedNetwork, RecordedPool } from "../core/allocation";

/** Options of {@link AllocationRecord.fromFile}. */
export interface AllocationRecordFileOptions {
  /**
   * Refuse to allocate anything the file does not hold yet, instead of adding it: for CI, where the
   * committed file must already say where every network goes (e.g. `frozen: process.env.CI !== undefined`).
   * @default false
   */
  readonly frozen?: boolean;
}

/** New allocations listed one by one in a pool's message at synth; the rest are counted. */
const ANNOUNCED_LINES = 10;

/**
 * The record of what {@link AddressPool}s allocated: the address space of every network and the subnets
 * carved in it, by key. It is what makes allocation stable: a key found in the record keeps its block,
 * whatever is added, removed or reordered around it; only a new key takes a free block, and is added.
 *
 * Keep it in a JSON file committed with the app ({@link AllocationRecord.fromFile}): new allocations are
 * written to it as they are made, and listed at synth in one INFO message per pool. A block is freed only by deleting its
 * entry, once the network or subnet is gone from Azure.
 */
export class AllocationRecord {
  /**
   * A record kept in a JSON file (created on the first allocation if it does not exist). A relative
   * path is read from the working directory: the app's root when `cdktf synth` runs it.
   */
  public static fromFile(file: string, options: AllocationRecordFileOptions = {}): AllocationRecord {
    return new AllocationRecord(path.resolve(file), file, undefined, options.frozen ?? false);
  }

  /**
   * A record kept in memory, optionally starting from the given pools (as a record file holds them): for
   * tests, and for apps that keep their record some other way. Nothing is written anywhere.
   */
  public static inMemory(pools: { [pool: string]: RecordedPool } = {}): AllocationRecord {
    return new AllocationRecord(undefined, "the in-memory record", { version: 1, pools }, false);
  }

  /** Absolute path of the record file; undefined for an in-memory record. */
  public readonly file?: string;
  /** How messages name the record: the path as given, or "the in-memory record". */
  public readonly description: string;
  /** Whether new allocations are refused instead of recorded. */
  public readonly frozen: boolean;

  private memory?: RecordDocument;

  private constructor(
    file: string | undefined,
    description: string,
    memory: RecordDocument | undefined,
    frozen: boolean,
  ) {
    this.file = file;
    this.description = description;
    this.memory = memory;
    this.frozen = frozen;
  }

  /** The networks the record holds for a pool, by key (empty for a pool it does not know). */
  public pool(name: string): RecordedPool {
    return this.read().pools[name] ?? {};
  }

  /**
   * Replaces what the record holds for a pool (the file is read again first, so pools that share the
   * file keep their entries).
   * @internal
   */
  public _update(name: string, networks: RecordedPool): void {
    const doc = this.read();
    const next: RecordDocument = { version: 1, pools: { ...doc.pools, [name]: networks } };
    if (this.file === undefined) {
      this.memory = next;
      return;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Atomically: a synth cut short while writing leaves the committed record as it was, never half of
    // it (the next synth would refuse it, or a partial record would move networks). A record the user
    // made a symlink stays one: the file it points to is replaced.
    const text = formatRecord(next);
    writeFileAtomic(recordTarget(this.file), text);
    readRecords.set(this.file, { text, doc: next });
  }

  private read(): RecordDocument {
    if (this.file === undefined) return this.memory!;
    if (!fs.existsSync(this.file)) return { version: 1, pools: {} };
    try {
      const text = fs.readFileSync(this.file, "utf8");
      const known = readRecords.get(this.file);
      if (known && known.text === text) return known.doc;
      const doc = parseRecord(text);
      readRecords.set(this.file, { text, doc });
      return doc;
    } catch (e) {
      throw new Error(`address record ${this.description} cannot be read: ${(e as Error).message}`);
    }
  }
}

/**
 * Record files read or written by this process, with the text they were read from: a pool reads its
 * record again at each allocation (another pool, or another app in the process, may have written it
 * since), and checking the whole record each time made recording the allocations of a first synth grow
 * with the square of the networks. The file is still read each time, and checked again whenever its
 * text changed (edited, replaced, written by another process).
 */
const readRecords = new Map<string, { readonly text: string; readonly doc: RecordDocument }>();

/** Where the record is written: the file itself, or what it points to when it is a symlink. */
function recordTarget(file: string): string {
  let link: boolean;
  try {
    link = fs.lstatSync(file).isSymbolicLink();
  } catch {
    return file; // not there yet
  }
  if (!link) return file;
  try {
    return fs.realpathSync(file);
  } catch {
    // A link to a file not there yet: the file it names is created.
    return path.resolve(path.dirname(file), fs.readlinkSync(file));
  }
}

/** Properties of an {@link AddressPool}. */
export interface AddressPoolProps {
  /**
   * The ranges networks are allocated from, in order of preference (the first with room is used), e.g.
   * `["10.0.0.0/12"]`. They must not overlap each other nor Azure's reserved ranges.
   */
  readonly supernets: string[];
  /**
   * Ranges inside the supernets that are never allocated: on-premises networks, networks managed
   * elsewhere, a VPN client pool. More can be added with {@link AddressPool.reserve}.
   * @default - none
   */
  readonly reserved?: string[];
  /**
   * Where the pool records what it allocated: {@link AllocationRecord.fromFile} (committed with the app)
   * for stable addresses across synths, {@link AllocationRecord.inMemory} for tests.
   */
  readonly record: AllocationRecord;
  /**
   * The pool's name in the record (several pools may share one record).
   * @default - the construct id
   */
  readonly name?: string;
}

/** The pools of each app, by name, to refuse two pools of one name on one record. */
const POOLS = new WeakMap<IConstruct, Map<string, AddressPool>>();

/**
 * Allocates virtual network address spaces by size from one or more supernets, by a stable key (by
 * default the network's name), and records each allocation ({@link AllocationRecord}) so that adding,
 * removing or reordering networks never renumbers the others. A {@link Vnet} takes its space from a pool
 * with `addressPool: { pool, size }`, and its subnets can then be carved by size and are recorded too.
 *
 * Exhaustion, a key asked for twice, and a recorded block that collides with a reserved range or lies
 * outside the supernets are errors at construction, naming the construct that asked.
 *
 * @example
 * const pool = new AddressPool(stack, "Addresses", {
 *   supernets: ["10.0.0.0/12"], reserved: ["10.15.0.0/16"],
 *   record: AllocationRecord.fromFile("network-addresses.json"),
 * });
 * new Vnet(stack, "Spoke", {
 *   name: "vnet-shop", resourceGroupName: "rg-net", location: "westeurope",
 *   addressPool: { pool, size: 22 }, subnets: [{ name: "app", size: 24 }],
 * });
 */
export class AddressPool extends Construct {
  /** The pool's name in the record. */
  public readonly poolName: string;
  /** The supernets, as given. */
  public readonly supernets: readonly string[];
  /** The record the pool reads and writes. */
  public readonly record: AllocationRecord;

  private readonly within: Prefix[] = [];
  private readonly allocator: BlockAllocator;
  private readonly recorded: RecordedPool;
  private readonly plans = new Map<string, SubnetPlan>();
  /** New allocations of this process, for the message at synth; how many were already given. */
  private readonly fresh: string[] = [];
  private announced = 0;
  private readonly ctx: PlanContext;

  constructor(scope: Construct, id: string, props: AddressPoolProps) {
    super(scope, id);
    this.poolName = props.name ?? id;
    requireNonEmpty(this, "name", this.poolName);
    if (!props.record) {
      throw new ConnectivityValidationError(
        this,
        "`record` is required: AllocationRecord.fromFile('network-addresses.json') keeps the addresses stable across synths",
      );
    }
    if (!props.supernets || props.supernets.length === 0) {
      throw new ConnectivityValidationError(
        this,
        "`supernets` needs at least one CIDR block, e.g. ['10.0.0.0/12']",
      );
    }
    for (const text of props.supernets) {
      const prefix = parseVnetCidrProp(this, "supernets", text);
      if (!prefix) {
        throw new ConnectivityValidationError(
          this,
          "`supernets` must be literal CIDR blocks, not tokens: the pool allocates from them at synth",
        );
      }
      const clash = this.within.find((p) => overlaps(p, prefix));
      if (clash) {
        throw new ConnectivityValidationError(
          this,
          `\`supernets\`: '${text}' overlaps '${clash.text}'; list each range once`,
        );
      }
      this.within.push(prefix);
    }
    const byName = POOLS.get(this.node.root) ?? new Map<string, AddressPool>();
    const other = byName.get(this.poolName);
    if (other && other.record === props.record) {
      throw new ConnectivityValidationError(
        this,
        `\`name\`: pool '${this.poolName}' of ${props.record.description} is also ${other.node.path}; give each pool its own name`,
      );
    }
    byName.set(this.poolName, this);
    POOLS.set(this.node.root, byName);

    this.supernets = props.supernets;
    this.record = props.record;
    try {
      this.recorded = props.record.pool(this.poolName);
    } catch (e) {
      throw new ConnectivityValidationError(this, (e as Error).message);
    }
    this.allocator = new BlockAllocator(
      this.within,
      new Map(Object.entries(this.recorded).map(([k, n]) => [k, parsePrefix(n.space)])),
    );
    this.ctx = {
      source: `pool '${this.poolName}' (${this.supernets.join(", ")})`,
      record: props.record.description,
      prop: "addressPool",
      kind: "network",
    };
    for (const text of props.reserved ?? [])
      this.reserveAt(this, "reserved", text, "reserved in the pool's props");
  }

  /**
   * Reserves a range: it is never allocated. A range that overlaps a recorded allocation is refused
   * (the record says the block is in use: delete its entry first if its network is gone).
   */
  public reserve(cidr: string, reason: string = "reserved"): void {
    this.reserveAt(this, "reserve", cidr, reason);
  }

  /**
   * A block of prefix length `size` for `key`: its recorded block, or the lowest free one (recorded).
   * For blocks that are not a {@link Vnet}'s space, e.g. a point-to-site client pool.
   */
  public allocate(key: string, size: number): string {
    return this._allocateNetwork(this, key, size, "allocate").prefix.text;
  }

  /** Every block the pool knows, by key: the record's and this synth's new ones. */
  public get allocations(): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const [k, p] of this.allocator.allocations) out[k] = p.text;
    return out;
  }

  /**
   * Reserves a range on behalf of `scope` (a site, an existing network), refusing one that overlaps a
   * recorded allocation.
   * @internal
   */
  public _reserveFor(scope: IConstruct, prop: string, cidr: string, reason: string): void {
    this.reserveAt(scope, prop, cidr, reason);
  }

  /**
   * The block of a network for `requester` (whose path errors name), and its subnet plan.
   * @internal
   */
  public _allocateNetwork(requester: IConstruct, key: string, size: number, prop: string): PoolNetwork {
    requireNonEmpty(requester, `${prop} key`, key);
    if (!Number.isInteger(size) || size < 0) {
      throw new ConnectivityValidationError(
        requester,
        `\`${prop}\`: size '${size}' is not a prefix length; use e.g. 22 for a /22`,
      );
    }
    const ctx = { ...this.ctx, prop };
    const result = this.allocator.allocate(key, size);
    if (!result.ok) throw allocationError(requester, key, result.problem, ctx);
    if (result.isNew) {
      this.refuseWhenFrozen(requester, key, result.prefix, prop);
      this.save();
      this.announce(`${result.prefix.text} to '${key}' (${requester.node.path})`);
    }
    const prefix = result.prefix;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = new SubnetPlan(
        [prefix],
        this.recorded[key]?.subnets,
        { ...ctx, source: `${prefix.text} ('${key}')`, prop: "subnets", kind: "subnet" },
        (name, p) => {
          this.refuseWhenFrozen(requester, `${key}/${name}`, p, "subnets");
          this.save();
          this.announce(`${p.text} for subnet '${name}' of '${key}' (${requester.node.path})`);
        },
      );
      this.plans.set(key, plan);
    }
    return { prefix, subnets: plan };
  }

  private reserveAt(scope: IConstruct, prop: string, cidr: string, reason: string): void {
    const prefix = parseCidrProp(scope, prop, cidr);
    if (!prefix) {
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\`: a reserved range must be a literal CIDR block, not a token`,
      );
    }
    const clash = this.allocator.reserve({ prefix, why: reason });
    if (clash.length > 0) {
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\`: '${cidr}' (${reason}) overlaps ${clash.map((c) => `${c.prefix.text} of '${c.key}'`).join(", ")}, allocated by pool ` +
          `'${this.poolName}' (${this.record.description}); declare the reserved range before the networks, or delete the entry of a network that is gone`,
      );
    }
  }

  private refuseWhenFrozen(requester: IConstruct, key: string, prefix: Prefix, prop: string): void {
    if (!this.record.frozen) return;
    throw new ConnectivityValidationError(
      requester,
      `\`${prop}\`: '${key}' is not in ${this.record.description}, which is frozen (it would get ${prefix.text}); ` +
        "synthesize once without `frozen` to record it, and commit the file",
    );
  }

  /**
   * Notes a new allocation for the one message the pool gives at synth (a validation): one INFO
   * annotation per pool listing what is new, not one per allocation (each annotation carries a stack
   * trace into the manifest: 400 of them made a 0.9 MB manifest for a pattern of 200 spokes).
   */
  private announce(line: string): void {
    if (this.fresh.length === 0) {
      this.node.addValidation({
        validate: () => {
          this.announceFresh();
          return [];
        },
      });
    }
    this.fresh.push(line);
  }

  private announceFresh(): void {
    const lines = this.fresh.slice(this.announced);
    if (lines.length === 0) return;
    this.announced = this.fresh.length;
    const shown = lines.slice(0, ANNOUNCED_LINES);
    const more = lines.length > shown.length ? `; and ${lines.length - shown.length} more` : "";
    const where =
      this.record.file === undefined
        ? `${this.record.description} (kept in this process only)`
        : `${this.record.description}: commit it`;
    Annotations.of(this).addInfo(
      `allocated ${lines.length} new address block(s) and recorded them in ${where}: ${shown.join("; ")}${more}`,
    );
  }

  private save(): void {
    const networks: { [key: string]: RecordedNetwork } = {};
    for (const [key, prefix] of this.allocator.allocations) {
      const subnets = this.plans.get(key)?.carvings() ?? this.recorded[key]?.subnets;
      networks[key] = {
        space: prefix.text,
        ...(subnets && Object.keys(subnets).length > 0 ? { subnets } : {}),
      };
    }
    this.record._update(this.poolName, networks);
  }
}
