import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { peeringLabel } from "../link-helpers";
import { cloudOfNetwork } from "../cloud-helpers";
import { cloudName, crossCloudViolation } from "../../../core/azure/cloud";

/**
 * `Peering.SameCloud`: a peering joins networks of two Azure clouds (the global cloud and a national
 * one: Azure Government, Azure operated by 21Vianet). "Global virtual network peering is available in
 * all Azure public regions, China cloud regions, and government cloud regions. You can't globally peer
 * from Azure public regions to national cloud regions." A network's cloud is told by its region, else
 * by its azurerm provider's `environment`; a network whose region cannot be known is not verifiable.
 *
 * Catalogue: PEER-SAME-CLOUD.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const PeeringSameCloud: Rule = {
  id: "Peering.SameCloud",
  severity: "error",
  description:
    "A peering joins networks in two Azure clouds (the global cloud and Azure Government or Azure in China).",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.peerings.length; at++) {
      const p = model.peerings[at];
      // Unresolved ends are reported by Peering.MissingReverse and Peering.GatewayTransit.
      if (!p.local || !p.remote) continue;
      const a = cloudOfNetwork(p.local);
      const b = cloudOfNetwork(p.remote);
      if (!("cloud" in a) || !("cloud" in b)) {
        out.cannotVerify(
          p.path,
          `whether the peering stays in one Azure cloud: ${"unknown" in a ? a.unknown : (b as { unknown: string }).unknown}`,
        );
        continue;
      }
      if (!crossCloudViolation(a.cloud, b.cloud)) continue;
      out.find({
        path: p.path,
        message: `${peeringLabel(model, p)} joins network ${p.local.label} in ${cloudName(a.cloud)} (${a.from}) and network ${p.remote.label} in ${cloudName(b.cloud)} (${b.from}); Azure does not peer networks across clouds.`,
        fix: "Connect networks of different Azure clouds with a site-to-site VPN (each gateway as the other's local network gateway), or move one network.",
        values: {
          network: p.local.label,
          cloud: a.cloud,
          remoteNetwork: p.remote.label,
          remoteCloud: b.cloud,
        },
      });
    }
    return out;
  },
};
