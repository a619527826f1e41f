import { sitePeerAddressViolations } from "../../../core/azure/bgp";
import { contains, makePrefix, tryParseIpv4Address } from "../../../core/cidr";
import { NetworkM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isCreated, networkLabel, siteLabel } from "../labels";

/**
 * `Site.BgpPeerAddress`: a site's BGP peer address (`bgp_settings.bgp_peering_address`) must differ from
 * the device's public address (`gateway_address`) and must not fall inside the address space of the
 * network of a gateway the site connects to (error). An APIPA peer address covered by the site's
 * `address_space` cannot be added (error); another peer address listed as a /32 in the address space is
 * redundant, Azure adding the host route itself (a warning: this reverses the older guidance). The
 * `LocalSite` construct refuses the errors about the site itself with the same predicate
 * (core/azure/bgp.ts sitePeerAddressViolations).
 *
 * Catalogue: BGP-LNG-PEER-NOT-PUBLIC, BGP-LNG-NO-32-IN-SPACE.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const SiteBgpPeerAddress: Rule = {
  id: "Site.BgpPeerAddress",
  severity: "error",
  description:
    "A site's BGP peer address is its device's public address, lies inside the network of a gateway it connects to, or (APIPA) is covered by its address space; a /32 of the peer address in the address space is a warning.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const networksOf = new Map<string, Set<NetworkM>>();
    for (const c of model.connections) {
      if (!c.site || !c.gateway?.network) continue;
      let set = networksOf.get(c.site.key);
      if (!set) networksOf.set(c.site.key, (set = new Set()));
      set.add(c.gateway.network);
    }
    for (const s of model.sites) {
      if (!isCreated(s) || !s.bgp) continue;
      const peer = s.bgp.peeringAddress;
      if (isUnknown(peer)) {
        out.cannotVerify(s.path, `the BGP peer address of ${siteLabel(s)}: it is ${peer.unknown}`);
        continue;
      }
      if (typeof peer !== "string") continue;
      const device = typeof s.gatewayAddress === "string" ? s.gatewayAddress : undefined;
      const spaces = s.spaces.known ? s.spaces.prefixes : [];
      for (const v of sitePeerAddressViolations(peer, device, spaces)) {
        out.find({
          path: s.path,
          severity: v.severity,
          message:
            v.kind === "device-address"
              ? `${siteLabel(s)} has BGP peer address ${peer}, its device's public address (gateway_address); Azure needs a different BGP peer address.`
              : v.kind === "apipa-in-space"
                ? `${siteLabel(s)} has APIPA BGP peer address ${peer} covered by its address_space entry ${v.prefix}; Azure cannot add an APIPA address to a site's address space.`
                : `${siteLabel(s)} lists ${v.prefix}, its BGP peer address, in address_space; this is redundant (Azure adds the host route to the BGP peer itself).`,
          fix:
            v.kind === "device-address"
              ? "Use the device's inside, loopback or APIPA address as bgp_peering_address."
              : `Remove ${v.prefix} from address_space (a BGP-only site may leave it empty).`,
          values: { site: show(s.name), peeringAddress: peer, problem: v.kind },
        });
      }
      const v = tryParseIpv4Address(peer);
      if (v === undefined) continue;
      const host = makePrefix(4, v, 32);
      for (const n of networksOf.get(s.key) ?? []) {
        if (!n.spaces.known) {
          out.cannotVerify(
            s.path,
            `whether the BGP peer address of ${siteLabel(s)} lies inside ${networkLabel(n)}: ${n.spaces.why}`,
          );
          continue;
        }
        const hit = n.spaces.prefixes.find((p) => contains(p, host));
        if (!hit) continue;
        out.find({
          path: s.path,
          message: `${siteLabel(s)} has BGP peer address ${peer}, inside ${networkLabel(n)} (${hit.text}), the network of a gateway it connects to; Azure does not support a peer address in the gateway's virtual network.`,
          fix: "Use a BGP peer address outside the Azure network's address space (the device's inside or loopback address, or an APIPA address).",
          values: { site: show(s.name), peeringAddress: peer, network: n.label, prefix: hit.text },
        });
      }
    }
    return out;
  },
};
