import { NetworkM, NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import {
  MAX_MANAGED_PEERINGS_PER_NETWORK,
  MAX_PEERINGS_PER_NETWORK,
  peeringLimitViolation,
} from "../../../core/azure/peering";

/**
 * `Peering.Limit`: a virtual network has more than 500 peerings. "Virtual network peerings per
 * virtual network: 500" is a hard limit of Azure Resource Manager networking; the 501st peering is
 * refused. Only the peerings declared in the app are counted (a network may have others already).
 * Azure Virtual Network Manager connectivity configurations can create up to 1,000 peerings per
 * network; those are not Terraform peering resources.
 *
 * Catalogue: PEER-LIMIT.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 * @see https://learn.microsoft.com/azure/architecture/networking/guide/spoke-to-spoke-networking
 */
export const PeeringLimit: Rule = {
  id: "Peering.Limit",
  severity: "error",
  description: `A virtual network has more than ${MAX_PEERINGS_PER_NETWORK} peerings.`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const counts = new Map<string, { network: NetworkM; count: number }>();
    for (let at = 0; at < model.peerings.length; at++) {
      const p = model.peerings[at];
      if (!p.local) continue;
      const c = counts.get(p.local.key) ?? { network: p.local, count: 0 };
      c.count++;
      counts.set(p.local.key, c);
    }
    for (const { network, count } of counts.values()) {
      const tooMany = peeringLimitViolation(count);
      if (!tooMany) continue;
      out.find({
        path: network.path,
        message: `network ${network.label} has ${count} peerings; Azure allows at most ${tooMany.max} peerings per virtual network.`,
        fix: `Reduce the peerings of network ${network.label} to ${tooMany.max} or fewer, e.g. by spreading the spokes over more hub networks, or let an Azure Virtual Network Manager connectivity configuration create them (up to ${MAX_MANAGED_PEERINGS_PER_NETWORK.toLocaleString("en-US")} per network).`,
        values: { network: network.label, peerings: String(count), limit: String(tooMany.max) },
      });
    }
    return out;
  },
};
