/**
 * Reachability intents declared in code next to the topology: "A must reach C", "A must not reach B".
 * They are recorded in the stack's Terraform JSON (under `"//"`, like suppressions), so the policy
 * engine reads them from the same document `terraform apply` sees, and `checkTerraform` / the CLI
 * check them too. `Reachability.Intent` reports each unmet intent as an error, an intent whose end is
 * not in the app as an error, and one whose answer is unknown before apply as a warning.
 */
import { IConstruct } from "constructs";
import {
  TerraformDataSource,
  TerraformElement,
  TerraformResource,
  TerraformStack,
  isUnresolved,
} from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { parseArmId } from "../core/arm-id";
import {
  IntentEndpointMeta,
  IntentGroupMeta,
  IntentGroupsMeta,
  IntentMeta,
  writeStackMetadata,
} from "../core/metadata";

/**
 * One end of an intent: a network or a site of any kind: our constructs (`Vnet`, `Vnet.fromId`,
 * `LocalSite`), a raw provider `VirtualNetwork` or `LocalNetworkGateway`, a data source of either
 * (`DataAzurermVirtualNetwork`, `DataAzurermLocalNetworkGateway`), or the literal resource id of a
 * virtual network or local network gateway.
 */
export type ReachabilityEndpoint = IConstruct | string;

/** Terraform types an intent's end may be, and what each is in messages. */
const ENDPOINT_TYPES: Readonly<Record<string, "network" | "site">> = {
  azurerm_virtual_network: "network",
  azurerm_local_network_gateway: "site",
};

const intentsByStack = new WeakMap<TerraformStack, (IntentMeta | IntentGroupsMeta)[]>();

const literal = (v: unknown): string | undefined =>
  typeof v === "string" && !isUnresolved(v) ? v : undefined;

/** A raw resource or data source block: its path, Terraform address and stack, named in messages. */
function blockEndpoint(
  el: TerraformResource | TerraformDataSource,
  data: boolean,
  kind: "network" | "site",
): IntentEndpointMeta {
  const address = `${data ? "data." : ""}${el.terraformResourceType}.${el.friendlyUniqueId}`;
  // Provider classes keep the value as given in `nameInput` (`name` is a reference token).
  const name = literal((el as unknown as { nameInput?: unknown }).nameInput);
  return {
    path: el.node.path,
    address,
    stack: TerraformStack.of(el).node.path,
    text: `${kind} ${name ?? el.node.path}`,
  };
}

function refuse(scope: IConstruct, which: string, what: string): never {
  throw new ConnectivityValidationError(
    scope,
    `reachability intent: \`${which}\` ${what}; pass a network or a site: a Vnet, Vnet.fromId, LocalSite, a raw VirtualNetwork or LocalNetworkGateway, a data source of either, or an id like /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>.`,
  );
}

function endpoint(scope: IConstruct, e: ReachabilityEndpoint, which: string): IntentEndpointMeta {
  if (typeof e === "string") {
    const arm = isUnresolved(e) ? undefined : parseArmId(e);
    const type = arm?.type.toLowerCase();
    if (!arm || (type !== "virtualnetworks" && type !== "localnetworkgateways") || arm.childType) {
      refuse(
        scope,
        which,
        `'${e}' is not the literal resource id of a virtual network or a local network gateway`,
      );
    }
    const kind = type === "virtualnetworks" ? "network" : "site";
    return { id: e, text: `${kind} ${arm.name}` };
  }
  // A raw provider resource or data source.
  const resource = TerraformResource.isTerraformResource(e);
  if (resource || TerraformDataSource.isTerraformDataSource(e)) {
    const el = e as TerraformResource | TerraformDataSource;
    const kind = ENDPOINT_TYPES[el.terraformResourceType];
    if (!kind) refuse(scope, which, `(${e.node.path}) is a ${el.terraformResourceType}`);
    return blockEndpoint(el, !resource, kind);
  }
  const x = e as any;
  // An existing network (Vnet.fromId): its literal id names it in the Terraform.
  const vnetId = literal(x?.vnetId);
  if (vnetId !== undefined && x?.isExisting === true) {
    return { id: vnetId, text: `network ${parseArmId(vnetId)?.name ?? vnetId}` };
  }
  // Our constructs: the construct's path, and its resource's address.
  const inner: unknown = x?.resource;
  if (TerraformElement.isTerraformElement(inner) && TerraformResource.isTerraformResource(inner)) {
    const kind = ENDPOINT_TYPES[inner.terraformResourceType];
    if (kind) {
      const name = literal(kind === "network" ? x.vnetName : x.siteName);
      return {
        ...blockEndpoint(inner, false, kind),
        path: e.node.path,
        text: `${kind} ${name ?? e.node.path}`,
      };
    }
  }
  if (vnetId !== undefined) return { id: vnetId, text: `network ${parseArmId(vnetId)?.name ?? vnetId}` };
  return refuse(scope, which, `(${e.node.path}) is neither a network nor a site`);
}

function add(
  scope: IConstruct,
  kind: IntentMeta["kind"],
  from: ReachabilityEndpoint,
  to: ReachabilityEndpoint,
  reason: string | undefined,
): void {
  const f = endpoint(scope, from, "from");
  const t = endpoint(scope, to, "to");
  if ((f.path ?? f.id) === (t.path ?? t.id)) {
    throw new ConnectivityValidationError(scope, `reachability intent: both ends are ${f.text}.`);
  }
  record(scope, { kind, path: scope.node.path, from: f, to: t, ...(reason ? { reason } : {}) });
}

/** Adds an intent to the metadata of `scope`'s stack. */
function record(scope: IConstruct, intent: IntentMeta | IntentGroupsMeta): void {
  const stack = TerraformStack.of(scope);
  const list = intentsByStack.get(stack) ?? [];
  list.push(intent);
  intentsByStack.set(stack, list);
  writeStackMetadata(stack, "intents", list);
}

/** What names an end in the app: its construct path, its block, or its id. */
function endpointKey(e: IntentEndpointMeta): string {
  return e.path ?? (e.address !== undefined ? `${e.stack ?? ""}\u0000${e.address}` : (e.id ?? e.text));
}

/**
 * Groups of networks and sites that must stay apart: no member of one group may exchange traffic with a
 * member of another (each such pair is a "must not reach" intent). Made by
 * {@link ReachabilityIntents.groupsApart}; members are added with {@link ReachabilityGroups.add}. The
 * intent is recorded once with its members, so its size in the Terraform JSON grows with the members,
 * not with the pairs; `Reachability.Intent` reports each pair that does not hold, and the reachability
 * outputs count the pairs that do.
 */
export class ReachabilityGroups {
  private readonly groups: IntentGroupMeta[];
  private readonly groupOf = new Map<string, string>();

  /** @internal */
  constructor(
    private readonly scope: IConstruct,
    groups: IntentGroupMeta[],
  ) {
    this.groups = groups;
  }

  /**
   * Adds networks or sites to the group `group` (created on first use). An end may be in one group only,
   * once: it is refused at construction otherwise (two different ends that name one network, such as a
   * `Vnet` and its raw resource, are reported at synth).
   */
  public add(group: string, ...members: ReachabilityEndpoint[]): this {
    if (typeof group !== "string" || group.trim() === "") {
      throw new ConnectivityValidationError(
        this.scope,
        "reachability intent over groups: a group's name must not be empty.",
      );
    }
    let g = this.groups.find((x) => x.name === group);
    for (const m of members) {
      const e = endpoint(this.scope, m, `member of group '${group}'`);
      const key = endpointKey(e);
      const already = this.groupOf.get(key);
      if (already !== undefined) {
        throw new ConnectivityValidationError(
          this.scope,
          `reachability intent over groups: ${e.text} is already in group '${already}'; a network or site belongs to one group, once.`,
        );
      }
      this.groupOf.set(key, group);
      if (!g) {
        g = { name: group, members: [] };
        this.groups.push(g);
      }
      (g.members as IntentEndpointMeta[]).push(e);
    }
    return this;
  }
}

/**
 * Reachability intents, checked at synth by `Reachability.Intent`: an unmet intent fails synth with the
 * reason and a change that satisfies it (re-checked against every rule before it is offered); an end
 * that is not in the app fails synth with the closest names; an intent whose answer is unknown before
 * apply is a warning on every synth (an error with the `strict` option).
 *
 * @example
 * ReachabilityIntents.mustReach(stack, spoke, onPrem, "spokes reach the datacenter through the hub");
 * ReachabilityIntents.mustNotReach(stack, prod, test, "production and test stay apart");
 */
export class ReachabilityIntents {
  /** `from` and `to` must be able to exchange traffic. Findings are reported at `scope`'s path. */
  public static mustReach(
    scope: IConstruct,
    from: ReachabilityEndpoint,
    to: ReachabilityEndpoint,
    reason?: string,
  ): void {
    add(scope, "mustReach", from, to, reason);
  }

  /**
   * Groups that must stay apart: no member of one group may exchange traffic with a member of another.
   * Add members with the returned object's `add(group, ...ends)`. Findings (one per pair that does not
   * hold) are reported at `scope`'s path.
   *
   * @example
   * const apart = ReachabilityIntents.groupsApart(stack, "production and test stay apart");
   * apart.add("prod", shopProd, crmProd).add("test", shopTest);
   */
  public static groupsApart(scope: IConstruct, reason?: string): ReachabilityGroups {
    const groups: IntentGroupMeta[] = [];
    record(scope, { kind: "groupsApart", path: scope.node.path, groups, ...(reason ? { reason } : {}) });
    return new ReachabilityGroups(scope, groups);
  }

  /** `from` and `to` must not be able to exchange traffic. Findings are reported at `scope`'s path. */
  public static mustNotReach(
    scope: IConstruct,
    from: ReachabilityEndpoint,
    to: ReachabilityEndpoint,
    reason?: string,
  ): void {
    add(scope, "mustNotReach", from, to, reason);
  }
}
