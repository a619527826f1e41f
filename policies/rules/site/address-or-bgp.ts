import { NetworkModel, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isCreated, siteLabel } from "../labels";

/**
 * `Site.AddressOrBgp`: a local network gateway needs its address prefixes or BGP. Without BGP the
 * gateway routes only the prefixes listed in `address_space` ("if it doesn't use BGP, enter every
 * required address prefix"); a site with neither has no route through its tunnel. A BGP-only site
 * may leave the address space empty.
 *
 * Catalogue (partly): LNG-ADDRSPACE-REQUIRED-NO-BGP.
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#lng
 */
export const SiteAddressOrBgp: Rule = {
  id: "Site.AddressOrBgp",
  severity: "error",
  description: "A local network gateway has neither an address space nor BGP settings.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/bgp-howto",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const s of model.sites) {
      if (!isCreated(s)) continue;
      if (s.bgp !== undefined) continue;
      if (!s.spaces.known) {
        out.cannotVerify(s.path, `whether ${siteLabel(s)} has an address space: ${s.spaces.why}`);
        continue;
      }
      if (s.spaces.prefixes.length > 0) continue;
      out.find({
        path: s.path,
        message: `${siteLabel(s)} has an empty address_space and no bgp_settings; without BGP Azure routes only the listed prefixes, so nothing would reach the site.`,
        fix: "List the site's prefixes in address_space (e.g. ['192.168.0.0/16']), or configure bgp_settings with the device's ASN and BGP peer address.",
        values: { site: show(s.name) },
      });
    }
    return out;
  },
};
