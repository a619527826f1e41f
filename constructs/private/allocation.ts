import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { AllocationProblem, BlockAllocator } from "../../core/allocation";
import { BlockSearch, Prefix, parsePrefix } from "../../core/cidr";
import { sameAzureName } from "../../core/azure/naming";

/*
 * Subnet carving (a `Vnet`'s subnets given by size) and the messages of allocation problems, shared by
 * `Vnet` and `AddressPool`. The arithmetic is core/allocation's.
 */

/** Where the blocks of a plan are recorded, for the messages. */
export interface PlanContext {
  /** What the blocks are taken from, e.g. `pool 'platform' (10.0.0.0/12)`. */
  readonly source: string;
  /** Where the record lives, e.g. `network-addresses.json`; undefined when nothing is recorded. */
  readonly record?: string;
  /** The prop that asked, e.g. `addressPool.size`. */
  readonly prop: string;
  /** What is allocated: network address spaces from a pool, or subnets from a network's space. */
  readonly kind: "network" | "subnet";
}

/** The error for an allocation problem of `key`, naming the construct that asked. */
export function allocationError(
  scope: IConstruct,
  key: string,
  problem: AllocationProblem,
  ctx: PlanContext,
): ConnectivityValidationError {
  const at = ctx.record ? ` in ${ctx.record}` : "";
  const msg = (() => {
    switch (problem.kind) {
      case "exhausted":
        return (
          `\`${ctx.prop}\`: no free /${problem.length} is left in ${ctx.source} for '${key}'; ` +
          (ctx.kind === "network"
            ? `add a supernet to the pool, ask for a smaller block, or delete${at} the entries of networks that are gone from Azure`
            : `give the network a larger address space or ask for smaller subnets${ctx.record ? `, or delete${at} the entries of subnets that are gone from Azure` : ""}`)
        );
      case "larger-than-pool":
        return `\`${ctx.prop}\`: a /${problem.length} for '${key}' is larger than ${ctx.source}; ask for a smaller block (a larger prefix length)`;
      case "requested-twice":
        return `\`${ctx.prop}\`: '${key}' is asked for twice from ${ctx.source}; two networks (or subnets) would share one block: give each its own key`;
      case "size-changed":
        return (
          `\`${ctx.prop}\`: '${key}' is recorded${at} as ${problem.recorded.text}, not a /${problem.length}; a new size would renumber it: ` +
          `keep size ${problem.recorded.length}, or delete the entry${at} to renumber it`
        );
      case "outside":
        return `\`${ctx.prop}\`: '${key}' is recorded${at} as ${problem.recorded.text}, which lies outside ${ctx.source}; correct the entry or add its range to the pool`;
      case "reserved":
        return (
          `\`${ctx.prop}\`: '${key}' is recorded${at} as ${problem.recorded.text}, which overlaps the reserved range ` +
          `${problem.reservation.prefix.text} (${problem.reservation.why}); renumber one of them (delete the entry${at} to renumber '${key}')`
        );
      case "recorded-overlap":
        return (
          `\`${ctx.prop}\`: '${key}' is recorded${at} as ${problem.recorded.text}, which overlaps '${problem.otherKey}' ` +
          `(${problem.other.text}); correct the record: each block belongs to one key`
        );
    }
  })();
  return new ConnectivityValidationError(scope, msg);
}

/**
 * The subnets of one network: declared ones (a prefix in the code) and carved ones (a size), with the
 * recorded carvings when the network's space comes from a pool. Carving is stable with a record; without
 * one, a carved subnet's prefix depends only on the subnets declared before it.
 */
export class SubnetPlan {
  private readonly allocator: BlockAllocator;
  private readonly recorded: Map<string, Prefix>;

  /**
   * @param within the network's address spaces
   * @param recorded the recorded carvings by subnet name
   * @param onNew called with every new carving, to record it
   */
  constructor(
    within: readonly Prefix[],
    recorded: { readonly [name: string]: string } | undefined,
    private readonly ctx: PlanContext,
    private readonly onNew?: (name: string, prefix: Prefix) => void,
  ) {
    this.recorded = new Map(Object.entries(recorded ?? {}).map(([n, c]) => [n, parsePrefix(c)]));
    this.allocator = new BlockAllocator(within, this.recorded);
  }

  /**
   * Takes a declared prefix out of what can be carved. Throws when it overlaps the recorded carving of
   * another subnet (the record says that block is in use).
   */
  public declare(scope: IConstruct, name: string, prefix: Prefix): void {
    const clash = this.allocator
      .reserve({ prefix, why: `subnet '${name}'` })
      .find((c) => !sameAzureName(c.key, name));
    if (clash) {
      throw new ConnectivityValidationError(
        scope,
        `subnet '${name}': '${prefix.text}' overlaps ${clash.prefix.text}, recorded${this.ctx.record ? ` in ${this.ctx.record}` : ""} ` +
          `for subnet '${clash.key}'; choose another prefix, or delete that entry once subnet '${clash.key}' is gone`,
      );
    }
  }

  /** Carves a subnet of prefix length `length`: its recorded block, or a free one. */
  public carve(scope: IConstruct, name: string, length: number, search: BlockSearch): Prefix {
    const key = [...this.recorded.keys()].find((k) => sameAzureName(k, name)) ?? name;
    const result = this.allocator.allocate(key, length, search);
    if (!result.ok) throw allocationError(scope, key, result.problem, this.ctx);
    if (result.isNew) this.onNew?.(key, result.prefix);
    return result.prefix;
  }

  /** Every carving by subnet name (recorded or new), for the record. */
  public carvings(): { [name: string]: string } {
    const out: { [name: string]: string } = {};
    for (const [k, p] of this.allocator.allocations) out[k] = p.text;
    return out;
  }
}

/** A network's block from a pool, and the subnets carved in it. */
export interface PoolNetwork {
  /** The network's address space. */
  readonly prefix: Prefix;
  /** The network's subnet plan, recorded with the pool. */
  readonly subnets: SubnetPlan;
}
