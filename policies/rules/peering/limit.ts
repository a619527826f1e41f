import { NetworkM, NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";

/** Virtual network peerings per virtual network (Azure networking limits). */
export const MAX_PEERINGS_PER_NETWORK = 500;

/**
 * `Peering.Limit`: a virtual network has more than 500 peerings. "Virtual network peerings per
 * virtual network: 500" is a hard limit of Azure Resource Manager networking; the 501st peering is
 * refused. Only the peerings declared in the app are counted (a network may have others already).
 * Azure Virtual Network Manager connectivity configurations can create up to 1,000 peerings per
 * network; those are not Terraform peering resources.
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
    for (const p of model.peerings) {
      if (!p.local) continue;
      const c = counts.get(p.local.key) ?? { network: p.local, count: 0 };
      c.count++;
      counts.set(p.local.key, c);
    }
    for (const { network, count } of counts.values()) {
      if (count <= MAX_PEERINGS_PER_NETWORK) continue;
      out.find({
        path: network.path,
        message: `network ${network.label} has ${count} peerings; Azure allows at most ${MAX_PEERINGS_PER_NETWORK} peerings per virtual network.`,
        fix: `Reduce the peerings of network ${network.label} to ${MAX_PEERINGS_PER_NETWORK} or fewer, e.g. by spreading the spokes over more hub networks, or let an Azure Virtual Network Manager connectivity configuration create them (up to 1,000 per network).`,
        values: { network: network.label, peerings: String(count), limit: String(MAX_PEERINGS_PER_NETWORK) },
      });
    }
    return out;
  },
};
