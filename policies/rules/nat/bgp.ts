import { tryParsePrefix } from "../../../core/cidr";
import { GatewayM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel, natRuleLabel } from "../link-helpers";
import { siteLabel } from "../labels";
import { bgpRouteTranslationMissing, natBgpPeerViolation } from "../../../core/azure/nat";
import { Prefix } from "../../../core/cidr";

/**
 * `Nat.Bgp`: BGP on a connection with NAT rules.
 * - The site's BGP peer address is an APIPA address (error): "NAT isn't supported with BGP APIPA
 *   addresses."
 * - A non-APIPA BGP peer address inside the internal (pre-NAT) mapping of an IngressSnat rule of the
 *   connection (error): "Exclude the BGP Peer IP addresses from the NAT range", or have the IngressSnat
 *   rule translate it and "Put the post-NAT address in the BGP peer IP address field of the local
 *   network gateway".
 * - The gateway without BGP route translation (warning): "select Enable BGP Route Translation ... to
 *   ensure that the learned routes and advertised routes are translated to post-NAT address prefixes".
 *
 * Catalogue: NAT-BGP-APIPA.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview#routing
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatBgp: Rule = {
  id: "Nat.Bgp",
  severity: "error",
  description:
    "A connection with NAT rules and BGP reaches a site whose BGP peer address is APIPA or inside an IngressSnat rule's internal mapping (error), or its gateway does not translate BGP routes (warning).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/nat-overview#routing",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const untranslated = new Set<GatewayM>();
    for (const c of model.connections) {
      if (c.type !== "IPsec" || (c.ingressNat.length === 0 && c.egressNat.length === 0)) continue;
      const bgp = c.bgpEnabled;
      if (isUnknown(bgp)) {
        out.cannotVerify(
          c.path,
          `whether BGP runs over the connection with NAT rules: bgp_enabled is ${bgp.unknown}`,
        );
        continue;
      }
      if (bgp !== true) continue;
      const label = connectionLabel(c);
      const g = c.gateway;
      if (g) {
        const translation = g.bgpRouteTranslationForNat;
        if (isUnknown(translation))
          out.cannotVerify(
            g.path,
            `whether ${gatewayLabel(g)} translates BGP routes for NAT: it is ${translation.unknown}`,
          );
        else if (bgpRouteTranslationMissing(translation)) untranslated.add(g);
      }
      const site = c.site;
      if (!site) {
        out.cannotVerify(
          c.path,
          `the BGP peer address of the site (${c.siteExpr ?? "(not set)"}): it cannot be resolved at synth`,
        );
        continue;
      }
      const peer = site.bgpPeeringAddress;
      if (peer === undefined) continue;
      if (isUnknown(peer)) {
        out.cannotVerify(
          c.path,
          `whether the BGP peer address of ${siteLabel(site)} works with NAT: it is ${peer.unknown}`,
        );
        continue;
      }
      const parsed = tryParsePrefix(`${peer}/32`);
      if (!parsed.ok) continue;
      const internal: Prefix[] = [];
      for (const r of c.ingressNat) {
        if (r.mode !== "IngressSnat") continue;
        for (const m of r.internal) if (!isUnknown(m.space)) internal.push(m.space);
      }
      const problem = natBgpPeerViolation(parsed.prefix, internal);
      if (!problem) continue;
      if (problem.kind === "apipa") {
        out.find({
          path: c.path,
          message: `${label} has NAT rules and BGP to ${siteLabel(site)}, whose BGP peer address ${peer} is an APIPA address; NAT is not supported with APIPA BGP peer addresses.`,
          fix: `Give ${siteLabel(site)} a non-APIPA BGP peer address outside the NAT ranges (or its post-NAT address), or run the connection without BGP.`,
          values: { site: site.label, bgpPeeringAddress: peer },
        });
        continue;
      }
      const rule = c.ingressNat.find((r) =>
        r.internal.some((m) => !isUnknown(m.space) && m.space === problem.mapping),
      );
      out.find({
        path: c.path,
        message: `${label} has BGP to ${siteLabel(site)}, whose BGP peer address ${peer} lies in internal mapping ${problem.mapping.text} of ${rule ? natRuleLabel(rule) : "an IngressSnat rule"}; the local network gateway must hold the post-NAT address, or the peer address must stay outside the NAT range.`,
        fix: `Set the site's bgp_peering_address to ${peer}'s translated (external mapping) address, or exclude the peer address from the IngressSnat internal mapping.`,
        values: { site: site.label, bgpPeeringAddress: peer, internal: problem.mapping.text },
      });
    }
    for (const g of untranslated) {
      out.find({
        path: g.path,
        severity: "warning",
        message: `${gatewayLabel(g)} has connections with NAT rules and BGP but does not set bgp_route_translation_for_nat_enabled; learned and advertised routes keep their pre-NAT prefixes.`,
        fix: `Set bgp_route_translation_for_nat_enabled = true on ${gatewayLabel(g)}.`,
        values: { gateway: String(g.name ?? g.path) },
      });
    }
    return out;
  },
};
