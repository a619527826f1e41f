import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
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
    const directions = new Set<string>();
    // Peerings with an end that cannot be resolved may be the reverse of another: index their known end.
    const fromKnown = new Set<string>();
    const towardsKnown = new Set<string>();
    let bothUnknown = false;
    for (const p of model.peerings) {
      if (p.local && p.remote) directions.add(`${p.local.key}\u0000${p.remote.key}`);
      else if (p.local) fromKnown.add(p.local.key);
      else if (p.remote) towardsKnown.add(p.remote.key);
      else bothUnknown = true;
    }
    for (const p of model.peerings) {
      if (!p.local || !p.remote) {
        out.cannotVerify(
          p.path,
          `whether the peering has a reverse direction: its ${p.local ? "remote network" : "local network"} (${
            p.local ? p.remoteExpr : p.localExpr
          }) cannot be resolved at synth`,
        );
        continue;
      }
      if (p.local === p.remote) continue;
      if (directions.has(`${p.remote.key}\u0000${p.local.key}`)) continue;
      if (bothUnknown || fromKnown.has(p.remote.key) || towardsKnown.has(p.local.key)) {
        out.cannotVerify(
          p.path,
          "whether the peering has a reverse direction: a peering whose networks cannot be resolved at synth may be it",
        );
        continue;
      }
      const outside = [p.local, p.remote].find((n) => n.kind !== "resource");
      if (outside) {
        out.cannotVerify(
          p.path,
          `whether the peering has a reverse direction: network ${outside.label} is not created by this app, so its peering may be managed elsewhere`,
        );
        continue;
      }
      out.find({
        path: p.path,
        message: `${peeringLabel(model, p)} has no peering from network ${p.remote.label} back to network ${p.local.label}; a peering with one direction stays Initiated and carries no traffic.`,
        fix: `Add the peering from network ${p.remote.label} to network ${p.local.label} (VnetPeering creates both directions unless createReverse is false).`,
        values: { network: p.local.label, remoteNetwork: p.remote.label },
      });
    }
    return out;
  },
};
