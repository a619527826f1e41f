import { SUBNETS_PER_VNET } from "../../../core/azure/limits";
import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { networkLabel } from "../labels";

/**
 * `Subnet.Limit`: a virtual network holds at most 3,000 subnets ("Subnets per virtual network: 3,000");
 * ARM refuses more. Counts the subnets the configuration declares in each network (resources and inline
 * blocks; subnets that already exist are not known at synth). The `Vnet` construct refuses the same count.
 *
 * Catalogue: LIMIT-SUBNETS.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 */
export const SubnetLimit: Rule = {
  id: "Subnet.Limit",
  severity: "error",
  description: `A virtual network has more than ${SUBNETS_PER_VNET} declared subnets.`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      let count = 0;
      for (const sub of n.subnets) if (sub.kind === "resource" || sub.kind === "inline") count++;
      if (count <= SUBNETS_PER_VNET) continue;
      out.find({
        path: n.path,
        message: `${networkLabel(n)} has ${count} subnets declared; Azure allows at most ${SUBNETS_PER_VNET} per virtual network.`,
        fix: "Use fewer, larger subnets, or spread the workloads over more virtual networks.",
        values: { network: n.label, subnets: String(count), limit: String(SUBNETS_PER_VNET) },
      });
    }
    return out;
  },
};
