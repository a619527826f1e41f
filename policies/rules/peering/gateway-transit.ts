import { NetworkM, NetworkModel, PeeringM, isUnknown, stackCreating } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectivityGraph } from "../../graph";
import { gatewayLabel, peeringLabel } from "../link-helpers";

/**
 * `Peering.GatewayTransit`: a peering with `use_remote_gateways` works only when
 * - the remote network's peering back to this one has `allow_gateway_transit`,
 * - the remote network has a virtual network gateway (a Route Server in it is accepted too),
 * - this network has no gateway of its own, and
 * - it is the only peering of this network that uses remote gateways.
 * "If the flag is set to true, and allowGatewayTransit on remote peering is also true, virtual network
 * will use gateways of remote virtual network for transit. Only one peering can have this flag set to
 * true. This flag cannot be set if virtual network already has a gateway." ARM refuses the peering
 * with `RemoteVnetHasNoGateways` when the remote network has none.
 *
 * The remote gateway must also exist before the peering is created: when the gateway is created by the
 * same configuration (stack) and the peering does not wait for it (no `depends_on` and no reference
 * leading to it), Terraform creates both at once, the gateway takes 30 minutes or more, and Azure
 * refuses the peering with `RemoteVnetHasNoGateways` (error; the most reported peering failure, e.g.
 * Azure/terraform-azurerm-lz-vending#398). A gateway in another stack of the app is created first only
 * when the peering's stack depends on it (cdktf deploys the stacks whose outputs a stack reads first);
 * without such a cross-stack reference, a stack dependency declared in code is not visible in the
 * Terraform: a warning.
 *
 * Catalogue: PEER-USE-REMOTE-NEEDS-REMOTE-GW, PEER-USE-REMOTE-NEEDS-TRANSIT, PEER-SPOKE-NO-OWN-GW, PEER-ONE-REMOTE-GW.
 * @see https://learn.microsoft.com/rest/api/virtualnetwork/virtualnetworkpeerings/createorupdate
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#create-a-peering
 */
export const PeeringGatewayTransit: Rule = {
  id: "Peering.GatewayTransit",
  severity: "error",
  description:
    "A peering uses remote gateways without the remote peering allowing gateway transit, without a gateway in the remote network, from a network with its own gateway, or on more than one peering of a network.",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#create-a-peering",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const graph = connectivityGraph(model);
    /** The peerings from `remote` back to `local`, from the graph's link between them. */
    const reverseOf = (p: PeeringM): readonly PeeringM[] => {
      const link = graph.peeringLink(p.local!.key, p.remote!.key);
      if (!link) return [];
      return link.x === p.local ? link.yx : link.xy;
    };
    const routeServers = networksWithRouteServer(model);
    // A gateway whose network cannot be resolved (e.g. a subnet id the resolver cannot follow) may be
    // the remote network's: then a missing gateway is not a finding.
    const unplaced = model.gateways.find((g) => !g.network && g.source?.mode === "resource");
    const usersByNetwork = new Map<string, PeeringM[]>();

    for (let at = 0; at < model.peerings.length; at++) {
      const p = model.peerings[at];
      if (isUnknown(p.useRemoteGateways)) {
        out.cannotVerify(p.path, `gateway transit: use_remote_gateways is ${p.useRemoteGateways.unknown}`);
        continue;
      }
      if (p.useRemoteGateways !== true) continue;
      if (!p.local || !p.remote) {
        out.cannotVerify(
          p.path,
          `gateway transit: the peering's ${p.local ? "remote network" : "local network"} (${
            p.local ? p.remoteExpr : p.localExpr
          }) cannot be resolved at synth`,
        );
        continue;
      }
      const label = () => peeringLabel(model, p);
      const list = usersByNetwork.get(p.local.key) ?? [];
      list.push(p);
      usersByNetwork.set(p.local.key, list);

      // This network has its own gateway.
      const own = p.local.gateways[0];
      if (own) {
        out.find({
          path: p.path,
          message: `${label()} sets use_remote_gateways, but network ${p.local.label} has its own ${gatewayLabel(own)}; a network with a gateway cannot use a remote gateway.`,
          fix: `Remove use_remote_gateways from the peering, or remove ${gatewayLabel(own)} from network ${p.local.label}.`,
          values: { network: p.local.label, gateway: String(own.name ?? own.path) },
        });
      }

      // The remote network has a gateway.
      if (p.remote.gateways.length === 0 && !routeServers.has(p.remote.key)) {
        if (p.remote.kind === "resource" && unplaced) {
          out.cannotVerify(
            p.path,
            `gateway transit: whether network ${p.remote.label} has a gateway: the network of ${gatewayLabel(unplaced)} cannot be resolved at synth`,
          );
        } else if (p.remote.kind === "resource") {
          out.find({
            path: p.path,
            message: `${label()} sets use_remote_gateways, but network ${p.remote.label} has no virtual network gateway; Azure refuses the peering (RemoteVnetHasNoGateways).`,
            fix: `Create a VPN or ExpressRoute gateway in network ${p.remote.label} before this peering, or remove use_remote_gateways.`,
            values: { network: p.local.label, remoteNetwork: p.remote.label },
          });
        } else {
          out.cannotVerify(
            p.path,
            `gateway transit: whether network ${p.remote.label}, which this app does not create, has a gateway`,
          );
        }
      }

      ordering(model, p, out);

      // The remote side's peering allows gateway transit.
      const reverse = reverseOf(p);
      if (reverse.some((r) => r.allowGatewayTransit === true)) continue;
      const unknown = reverse.find((r) => isUnknown(r.allowGatewayTransit));
      if (unknown && isUnknown(unknown.allowGatewayTransit)) {
        out.cannotVerify(
          p.path,
          `gateway transit: allow_gateway_transit of the reverse peering ${unknown.path} is ${unknown.allowGatewayTransit.unknown}`,
        );
        continue;
      }
      const maybeReverse = graph.mayHaveUnresolvedReverse(p.local.key, p.remote.key);
      if (
        reverse.length === 0 &&
        (maybeReverse || p.remote.kind !== "resource" || p.local.kind !== "resource")
      ) {
        out.cannotVerify(
          p.path,
          `gateway transit: whether the peering from network ${p.remote.label} allows gateway transit: it is not in this app, or cannot be resolved at synth`,
        );
        continue;
      }
      out.find({
        path: p.path,
        message:
          reverse.length === 0
            ? `${label()} sets use_remote_gateways, but network ${p.remote.label} has no peering back to network ${p.local.label} that allows gateway transit.`
            : `${label()} sets use_remote_gateways, but the reverse peering ${reverse.map((r) => r.path).join(", ")} does not set allow_gateway_transit.`,
        fix: `Set allow_gateway_transit on the peering from network ${p.remote.label} to network ${p.local.label} (the side with the gateway).`,
        values: { network: p.local.label, remoteNetwork: p.remote.label },
      });
    }

    // Only one peering of a network may use remote gateways.
    for (const list of usersByNetwork.values()) {
      if (list.length < 2) continue;
      const network = list[0].local as NetworkM;
      const all = list.map((o) => `network ${o.remote!.label} (${o.path})`).join(", ");
      for (const p of list) {
        out.find({
          path: p.path,
          message: `${peeringLabel(model, p)} is one of ${list.length} peerings of network ${network.label} that set use_remote_gateways (to ${all}); only one peering of a network may use remote gateways.`,
          fix: `Keep use_remote_gateways on one peering of network ${network.label} and remove it from the others.`,
          values: { network: network.label, peerings: String(list.length) },
        });
      }
    }
    return out;
  },
};

/** Keys of the networks with an `azurerm_route_server` (a Route Server also serves gateway transit). */
function networksWithRouteServer(model: NetworkModel): Set<string> {
  const out = new Set<string>();
  for (let at = 0; at < model.subnets.length; at++) {
    const sub = model.subnets[at];
    if (sub.network && sub.attachments.some((a) => a.type === "azurerm_route_server"))
      out.add(sub.network.key);
  }
  return out;
}

/** The peering waits for the remote network's gateways that the app creates (same stack: an error; another stack: a warning). */
function ordering(model: NetworkModel, p: PeeringM, out: Outcome): void {
  const remote = p.remote!;
  for (const g of remote.gateways) {
    // A gateway that exists before apply (a plan leaves it as it is) needs no ordering.
    const creator = stackCreating(g);
    if (creator === undefined) continue;
    const sameStack = creator === p.stack;
    if (sameStack ? model.dependencies.waitsFor(p.key, g.key) : stackDependsOn(model, p.stack, creator))
      continue;
    // What the peering waits for is not known (a plan without its configuration): not decided.
    const unknownWhy = sameStack ? model.dependencies.orderingUnknown?.(p.key) : undefined;
    if (unknownWhy !== undefined) {
      out.cannotVerify(
        p.path,
        `gateway transit: whether ${peeringLabel(model, p)} waits for ${gatewayLabel(g)} of network ${remote.label}, created by the same configuration: ${unknownWhy}`,
      );
      continue;
    }
    const fix = `Make the peering wait for ${gatewayLabel(g)}: add it to the peering's depends_on (VnetPeering: \`peering.remoteToLocal.dependsOn = [gateway.resource]\`)${sameStack ? "" : `, or make stack ${p.stack} depend on stack ${creator} (a cross-stack reference, or addDependency and deploying in order)`}.`;
    out.find({
      path: p.path,
      severity: sameStack ? "error" : "warning",
      message: sameStack
        ? `${peeringLabel(model, p)} sets use_remote_gateways, but nothing makes it wait for ${gatewayLabel(g)} of network ${remote.label}, created by the same configuration; Terraform creates both at once and Azure refuses the peering (RemoteVnetHasNoGateways) while the gateway is still being created.`
        : `${peeringLabel(model, p)} (stack ${p.stack}) sets use_remote_gateways, and ${gatewayLabel(g)} of network ${remote.label} is created by stack ${creator}, which stack ${p.stack} does not depend on; deployed at the same time or first, the peering fails with RemoteVnetHasNoGateways.`,
      fix,
      values: { network: p.local!.label, remoteNetwork: remote.label, gateway: String(g.name ?? g.path) },
    });
  }
}

/** Whether stack `from` depends on stack `to`, directly or through other stacks (cross-stack references). */
function stackDependsOn(model: NetworkModel, from: string, to: string): boolean {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const s = todo.pop()!;
    for (const d of model.stackDependencies.get(s) ?? []) {
      if (d === to) return true;
      if (!seen.has(d)) {
        seen.add(d);
        todo.push(d);
      }
    }
  }
  return false;
}
