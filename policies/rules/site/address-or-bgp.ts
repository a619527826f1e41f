import { ConnectionM, NetworkModel, SiteM, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isCreated, siteLabel } from "../labels";

/**
 * `Site.AddressOrBgp`: a local network gateway needs its address prefixes or BGP. Without BGP the
 * gateway routes only the prefixes listed in `address_space` ("if it doesn't use BGP, enter every
 * required address prefix"); a site with neither has no route through its tunnel. A BGP-only site
 * may leave the address space empty, but only when BGP runs: a site with `bgp_settings`, an empty address
 * space and connections that all have BGP off (`bgp_enabled` false or unset) has no route either.
 *
 * Catalogue: LNG-ADDRSPACE-REQUIRED-NO-BGP.
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
    const connectionsOf = new Map<string, ConnectionM[]>();
    for (const c of model.connections) {
      if (!c.site) continue;
      const list = connectionsOf.get(c.site.key);
      if (list) list.push(c);
      else connectionsOf.set(c.site.key, [c]);
    }
    for (const s of model.sites) {
      if (!isCreated(s)) continue;
      if (s.bgp !== undefined) {
        bgpWithoutBgpConnections(out, s, connectionsOf.get(s.key) ?? []);
        continue;
      }
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

/** A BGP site with an empty address space whose connections all have BGP off: nothing is routed to it. */
function bgpWithoutBgpConnections(out: Outcome, s: SiteM, connections: readonly ConnectionM[]): void {
  if (connections.length === 0 || !s.spaces.known || s.spaces.prefixes.length > 0) return;
  if (connections.some((c) => c.bgpEnabled === true)) return;
  const unknown = connections.find((c) => isUnknown(c.bgpEnabled));
  if (unknown && isUnknown(unknown.bgpEnabled)) {
    out.cannotVerify(
      s.path,
      `whether BGP runs to ${siteLabel(s)}, whose address_space is empty: bgp_enabled of connection ${show(unknown.name)} is ${unknown.bgpEnabled.unknown}`,
    );
    return;
  }
  const names = connections.map((c) => show(c.name)).join(", ");
  out.find({
    path: s.path,
    message: `${siteLabel(s)} has an empty address_space and relies on BGP, but its connection(s) ${names} have BGP off; nothing would be routed to the site.`,
    fix: "Set bgp_enabled = true on the site's connections (with BGP on the gateway), or list the site's prefixes in address_space.",
    values: { site: show(s.name), connections: names },
  });
}
