/**
 * Reachability intents declared in code next to the topology: "A must reach C", "A must not reach B".
 * They are recorded in the stack's Terraform JSON (under `"//"`, like suppressions), so the policy
 * engine reads them from the same document `terraform apply` sees, and `checkTerraform` / the CLI
 * check them too. `Reachability.Intent` reports each unmet intent as an error.
 */
import { IConstruct } from "constructs";
import { TerraformStack, isUnresolved } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { parseArmId } from "../core/arm-id";
import { IntentEndpointMeta, IntentMeta, writeStackMetadata } from "../core/metadata";

/**
 * One end of an intent: a network ({@link IVnet}: a `Vnet`, or `Vnet.fromId`), a site (`LocalSite`),
 * or the literal resource id of a virtual network or local network gateway.
 */
export type ReachabilityEndpoint = IConstruct | string;

const intentsByStack = new WeakMap<TerraformStack, IntentMeta[]>();

function endpoint(scope: IConstruct, e: ReachabilityEndpoint, which: string): IntentEndpointMeta {
  if (typeof e === "string") {
    const arm = isUnresolved(e) ? undefined : parseArmId(e);
    const type = arm?.type.toLowerCase();
    if (!arm || (type !== "virtualnetworks" && type !== "localnetworkgateways") || arm.childType) {
      throw new ConnectivityValidationError(
        scope,
        `reachability intent: \`${which}\` '${e}' is not the literal resource id of a virtual network or a local network gateway; pass the Vnet or LocalSite construct, or an id like /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>.`,
      );
    }
    const kind = type === "virtualnetworks" ? "network" : "site";
    return { id: e, text: `${kind} ${arm.name}` };
  }
  const x = e as any;
  if (typeof x?.vnetId === "string" && !isUnresolved(x.vnetId)) {
    // An existing network (Vnet.fromId): its literal id names it in the Terraform.
    return { id: x.vnetId, text: `network ${parseArmId(x.vnetId)?.name ?? x.vnetId}` };
  }
  const name =
    typeof x?.vnetName === "string" && !isUnresolved(x.vnetName)
      ? `network ${x.vnetName}`
      : typeof x?.siteName === "string" && !isUnresolved(x.siteName)
        ? `site ${x.siteName}`
        : e.node.path;
  if (typeof x?.vnetId !== "string" && typeof x?.siteId !== "string") {
    throw new ConnectivityValidationError(
      scope,
      `reachability intent: \`${which}\` (${e.node.path}) is neither a network (IVnet) nor a site (LocalSite).`,
    );
  }
  return { path: e.node.path, text: name };
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
  const stack = TerraformStack.of(scope);
  const list = intentsByStack.get(stack) ?? [];
  list.push({ kind, path: scope.node.path, from: f, to: t, ...(reason ? { reason } : {}) });
  intentsByStack.set(stack, list);
  writeStackMetadata(stack, "intents", list);
}

/**
 * Reachability intents, checked at synth by `Reachability.Intent` (an unmet intent fails synth with the
 * reason and the smallest change that would satisfy it).
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
