import { VNETS_PER_SUBSCRIPTION_REGION } from "../../../core/azure/limits";
import { regionKey } from "../../../core/azure/naming";
import { NetworkM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";

/**
 * `Vnet.Limit`: at most 1,000 virtual networks per subscription and region ("Virtual networks: 1,000 per
 * region per subscription"); ARM refuses more. Counts the networks the configuration creates, by the
 * subscription of their azurerm provider (`subscription_id`; without one, the provider of their stack)
 * and their region. Networks that already exist are not known at synth.
 *
 * Catalogue: LIMIT-VNETS.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits
 */
export const VnetLimit: Rule = {
  id: "Vnet.Limit",
  severity: "error",
  description: `More than ${VNETS_PER_SUBSCRIPTION_REGION} virtual networks are created in one subscription and region.`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const groups = new Map<string, { subscription: string; region: string; networks: NetworkM[] }>();
    const unplaced = new Map<string, NetworkM[]>();
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      if (n.kind !== "resource") continue;
      const subscription = n.subscription
        ? `subscription ${n.subscription}`
        : `the subscription of stack ${n.stack || "(default)"}'s provider`;
      if (typeof n.location !== "string") {
        const list = unplaced.get(subscription) ?? [];
        list.push(n);
        unplaced.set(subscription, list);
        continue;
      }
      const key = `${subscription.toLowerCase()}|${regionKey(n.location)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { subscription, region: n.location, networks: [] }));
      g.networks.push(n);
    }
    for (const g of groups.values()) {
      const count = g.networks.length;
      if (count <= VNETS_PER_SUBSCRIPTION_REGION) continue;
      out.find({
        path: g.networks[VNETS_PER_SUBSCRIPTION_REGION].path,
        message: `${g.subscription} has ${count} virtual networks created in region ${g.region}; Azure allows at most ${VNETS_PER_SUBSCRIPTION_REGION} per subscription and region.`,
        fix: "Spread the networks over more subscriptions or regions, or consolidate them.",
        values: { subscription: g.subscription, region: g.region, networks: String(count) },
      });
    }
    for (const [subscription, list] of unplaced) {
      let most = 0;
      for (const g of groups.values())
        if (g.subscription === subscription) most = Math.max(most, g.networks.length);
      if (most + list.length <= VNETS_PER_SUBSCRIPTION_REGION) continue;
      const loc = list[0].location;
      out.cannotVerify(
        list[0].path,
        `whether more than ${VNETS_PER_SUBSCRIPTION_REGION} networks are created in one region of ${subscription}: ${list.length} network(s) have a location not known at synth (${isUnknown(loc) ? loc.unknown : show(loc)})`,
      );
    }
    return out;
  },
};
