import { ConnectionM, GatewayM, NetworkModel, SiteM, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, siteLabel } from "../labels";
import {
  MAX_CUSTOM_APIPA_PER_GATEWAY,
  apipaCountViolation,
  azureApipaRangeText,
  azureApipaViolation,
  isApipaAddress,
} from "../../../core/azure/bgp";

/**
 * `Bgp.Apipa`: the custom APIPA BGP addresses of VPN gateways and the APIPA peer addresses of sites.
 * - A gateway's custom APIPA address lies in 169.254.21.0-169.254.22.255 (the provider's
 *   `IPAddressInAzureReservedAPIPARange` refuses others at plan), is listed once, and a gateway has at
 *   most 32 ("Custom APIPA BGP addresses: 32").
 * - APIPA addresses are unique across the on-premises devices and the VPN gateways that are connected:
 *   a site's `bgp_peering_address` equal to a custom APIPA address of its gateway, two sites of one
 *   gateway with the same APIPA peer address, or two gateways joined by a VNet-to-VNet connection with a
 *   custom APIPA address in common.
 * - A site that peers over an APIPA address (169.254.0.0/16) needs a custom APIPA address on the
 *   gateway of its BGP connection.
 * The `VpnGateway` construct refuses addresses outside the range, duplicates and more than 32 with the
 * same predicates. Addresses unknown at synth are not verifiable.
 *
 * Catalogue: BGP-APIPA-AZURE-RANGE, BGP-APIPA-UNIQUE, BGP-LNG-APIPA-NEEDS-GW-APIPA.
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#vpn-gateway-limits
 */
export const BgpApipa: Rule = {
  id: "Bgp.Apipa",
  severity: "error",
  description: `A gateway's custom APIPA BGP address is outside ${azureApipaRangeText()}, listed twice or one of more than ${MAX_CUSTOM_APIPA_PER_GATEWAY}; an APIPA address is shared by connected gateways and sites; a site peering over APIPA has a BGP connection to a gateway without a custom APIPA address.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/bgp-howto",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const pairs = new Set<string>();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      const complete = checkGateway(g, out);
      const sitesByAddress = new Map<string, SiteM>();
      for (const c of g.connections) {
        if (is(c.type, "IPsec") && c.site) checkSite(g, c, c.site, complete, sitesByAddress, out);
        if (is(c.type, "Vnet2Vnet") && c.peerGateway) {
          const h = c.peerGateway;
          const pair = g.key < h.key ? `${g.key}\u0000${h.key}` : `${h.key}\u0000${g.key}`;
          if (pairs.has(pair)) continue;
          pairs.add(pair);
          const shared = g.apipaAddresses.filter((a) => h.apipaAddresses.includes(a));
          if (shared.length > 0)
            out.find({
              path: c.path,
              message: `${gatewayLabel(g)} and ${gatewayLabel(h)}, joined by VNet-to-VNet connection ${show(c.name)}, both have custom APIPA address ${shared.join(", ")}; APIPA addresses must be unique across connected gateways.`,
              fix: `Give each gateway its own custom APIPA addresses in ${azureApipaRangeText()}.`,
              values: { gateway: show(g.name), otherGateway: show(h.name), address: shared.join(", ") },
            });
        }
      }
    }
    return out;
  },
};

/** Checks the gateway's own addresses; true when all of them are known. */
function checkGateway(g: GatewayM, out: Outcome): boolean {
  let complete = true;
  const seen = new Set<string>();
  let count = 0;
  for (const pa of g.bgpPeeringAddresses) {
    const list = pa.apipaAddresses;
    if (isUnknown(list)) {
      complete = false;
      out.cannotVerify(g.path, `the custom APIPA addresses of ${gatewayLabel(g)}: they are ${list.unknown}`);
      continue;
    }
    for (const a of list ?? []) {
      count++;
      const v = azureApipaViolation(a);
      if (v)
        out.find({
          path: g.path,
          message: `${gatewayLabel(g)} has custom APIPA BGP address ${a}, ${v.kind === "not-ipv4" ? "which is not an IPv4 address" : `outside ${v.range}`}; Azure (and the provider, at plan) refuse it.`,
          fix: `Use an address in ${azureApipaRangeText()}.`,
          values: { gateway: show(g.name), address: a },
        });
      if (seen.has(a))
        out.find({
          path: g.path,
          message: `${gatewayLabel(g)} lists custom APIPA address ${a} twice; custom APIPA addresses must be unique.`,
          fix: "List each custom APIPA address once (one set per gateway instance).",
          values: { gateway: show(g.name), address: a },
        });
      seen.add(a);
    }
  }
  const tooMany = apipaCountViolation(count);
  if (tooMany)
    out.find({
      path: g.path,
      message: `${gatewayLabel(g)} has ${count} custom APIPA BGP addresses; a VPN gateway takes at most ${tooMany.max}.`,
      fix: `Keep at most ${tooMany.max} custom APIPA addresses.`,
      values: { gateway: show(g.name), addresses: String(count), max: String(tooMany.max) },
    });
  return complete;
}

function checkSite(
  g: GatewayM,
  c: ConnectionM,
  site: SiteM,
  complete: boolean,
  sitesByAddress: Map<string, SiteM>,
  out: Outcome,
): void {
  const peer = site.bgp?.peeringAddress;
  if (peer === undefined) return;
  if (isUnknown(peer)) {
    out.cannotVerify(
      c.path,
      `whether the BGP peer address of ${siteLabel(site)} clashes with ${gatewayLabel(g)}: it is ${peer.unknown}`,
    );
    return;
  }
  if (!isApipaAddress(peer)) return;
  const values = { gateway: show(g.name), site: site.label, address: peer };
  if (g.apipaAddresses.includes(peer))
    out.find({
      path: c.path,
      message: `${siteLabel(site)} peers from ${peer}, a custom APIPA address of its ${gatewayLabel(g)}; the two ends of a BGP session need different addresses.`,
      fix: "Give the site's device and the gateway different APIPA addresses.",
      values,
    });
  const other = sitesByAddress.get(peer);
  if (other && other !== site)
    out.find({
      path: c.path,
      message: `${siteLabel(site)} and ${siteLabel(other)}, both connected to ${gatewayLabel(g)}, peer from ${peer}; APIPA addresses must be unique across the on-premises devices of a gateway.`,
      fix: "Give each site's device its own APIPA BGP address.",
      values: { ...values, otherSite: other.label },
    });
  sitesByAddress.set(peer, site);
  if (c.bgpEnabled !== true) return;
  if (g.apipaAddresses.length === 0 && complete)
    out.find({
      path: c.path,
      message: `${siteLabel(site)} peers over APIPA address ${peer} on BGP connection ${show(c.name)}, but ${gatewayLabel(g)} has no custom APIPA address; Azure peers with an APIPA site only from a custom APIPA address of its own.`,
      fix: `Add a custom APIPA address in ${azureApipaRangeText()} to the gateway (bgp_settings.peering_addresses.apipa_addresses), or give the site a non-APIPA BGP peer address.`,
      values,
    });
}
