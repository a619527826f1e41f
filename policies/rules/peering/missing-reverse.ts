import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectivityGraph } from "../../graph";
import { peeringLabel } from "../link-helpers";

/**
 * `Peering.MissingReverse`: a peering between two virtual networks that this app creates has no
 * peering in the other direction. A peering is one resource per direction: the first stays
 * `Initiated` and carries no traffic until the peering from the other network to the first exists
 * ("to successfully peer two virtual networks this command must be called twice with the values for
 * --vnet-name and --remote-vnet reversed"); deleting one side leaves the other `Disconnected`.
 *
 * Networks the app does not create (data sources, literal ids) may be peered back by another
 * configuration: those peerings are reported as not verifiable, not as findings.
 *
 * Catalogue: PEER-BOTH-DIRECTIONS.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#delete-a-peering
 * @see https://learn.microsoft.com/cli/azure/network/vnet/peering#az-network-vnet-peering-create
 */
export const PeeringMissingReverse: Rule = {
  id: "Peering.MissingReverse",
  severity: "warning",
  description:
    "A peering between two virtual networks of the app has no peering in the reverse direction (it stays Initiated and carries no traffic).",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#delete-a-peering",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const graph = connectivityGraph(model);
    for (const p of graph.unresolvedPeerings) {
      out.cannotVerify(
        p.path,
        `whether the peering has a reverse direction: its ${p.local ? "remote network" : "local network"} (${
          p.local ? p.remoteExpr : p.localExpr
        }) cannot be resolved at synth`,
      );
    }
    for (const link of graph.peeringLinks) {
      // One-sided: the graph's link has peerings in one direction only.
      if (link.xy.length > 0 && link.yx.length > 0) continue;
      for (const p of [...link.xy, ...link.yx]) {
        const local = p.local!;
        const remote = p.remote!;
        if (graph.mayHaveUnresolvedReverse(local.key, remote.key)) {
          out.cannotVerify(
            p.path,
            "whether the peering has a reverse direction: a peering whose networks cannot be resolved at synth may be it",
          );
          continue;
        }
        const outside = [local, remote].find((n) => n.kind !== "resource");
        if (outside) {
          out.cannotVerify(
            p.path,
            `whether the peering has a reverse direction: network ${outside.label} is not created by this app, so its peering may be managed elsewhere`,
          );
          continue;
        }
        out.find({
          path: p.path,
          message: `${peeringLabel(model, p)} has no peering from network ${remote.label} back to network ${local.label}; a peering with one direction stays Initiated and carries no traffic.`,
          fix: `Add the peering from network ${remote.label} to network ${local.label} (VnetPeering creates both directions unless createReverse is false).`,
          values: { network: local.label, remoteNetwork: remote.label },
        });
      }
    }
    return out;
  },
};
