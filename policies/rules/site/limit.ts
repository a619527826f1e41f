import { SITE_ADDRESS_PREFIX_LIMIT } from "../../../core/azure/site";
import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isCreated, siteLabel } from "../labels";

/**
 * `Site.Limit`: a local network gateway lists at most 1,000 address prefixes ("Local Network Gateway
 * address prefixes: 1000 per local network gateway"); ARM refuses more. The `LocalSite` construct
 * refuses the same count (core/azure/site.ts).
 *
 * Catalogue: LNG-ADDRSPACE-LIMIT.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const SiteLimit: Rule = {
  id: "Site.Limit",
  severity: "error",
  description: `A local network gateway lists more than ${SITE_ADDRESS_PREFIX_LIMIT} address prefixes.`,
  source:
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const s of model.sites) {
      if (!isCreated(s) || s.addressSpaceText === undefined) continue;
      if (isUnknown(s.addressSpaceText)) {
        out.cannotVerify(
          s.path,
          `how many address prefixes ${siteLabel(s)} lists: ${s.addressSpaceText.unknown}`,
        );
        continue;
      }
      const count = s.addressSpaceText.length;
      if (count <= SITE_ADDRESS_PREFIX_LIMIT) continue;
      out.find({
        path: s.path,
        message: `${siteLabel(s)} lists ${count} address prefixes; Azure allows at most ${SITE_ADDRESS_PREFIX_LIMIT} per local network gateway.`,
        fix: "Summarise the prefixes into fewer, larger ones, split them over several sites, or use BGP instead of static prefixes.",
        values: { site: show(s.name), count: String(count), limit: String(SITE_ADDRESS_PREFIX_LIMIT) },
      });
    }
    return out;
  },
};
