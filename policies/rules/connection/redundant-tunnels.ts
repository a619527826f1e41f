import { ConnectionM, GatewayM, NetworkModel, SiteM, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import {
  redundantGatewayTunnelsViolation,
  redundantSiteTunnelsViolation,
} from "../../../core/azure/connection";
import { fqdnKey } from "../../../core/azure/site";

/**
 * `Connection.RedundantTunnels`: several tunnels from one VPN gateway to the same place.
 * - To the same on-premises site (connections to one local network gateway, or to local network
 *   gateways with the same device address or FQDN, or standing for the same Azure gateway), BGP is
 *   needed on every one: "Can I configure multiple tunnels between my virtual network and my on-premises
 *   site by using multi-site VPN? Yes, but you must configure BGP on both tunnels to the same location."
 * - Between the same two Azure VPN gateways (several Vnet2Vnet connections in one direction, or IPsec
 *   connections to local network gateways standing for the other gateway), one of them must be
 *   active-active: "Redundant tunnels between a pair of virtual networks are supported when one virtual
 *   network gateway is configured as active-active."
 * Sites with different devices may still be one location: that is not decidable at synth and not
 * reported. Connections whose site cannot be resolved are not grouped.
 *
 * Catalogue: BGP-MULTI-TUNNEL, AA-REDUNDANT-V2V.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti
 */
export const ConnectionRedundantTunnels: Rule = {
  id: "Connection.RedundantTunnels",
  severity: "error",
  description:
    "A gateway has several tunnels to the same site without BGP on each, or several tunnels to the same VPN gateway while neither gateway is active-active.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    // Per gateway: its IPsec connections by the device they reach, its tunnels by the gateway they reach.
    const toSite = new Map<string, ConnectionM[]>();
    const toGateway = new Map<string, { from: GatewayM; to: GatewayM; tunnels: ConnectionM[] }>();
    for (const c of model.connections) {
      const g = c.gateway;
      if (!g) continue;
      let peer: GatewayM | undefined;
      if (c.type === "Vnet2Vnet") peer = c.peerGateway;
      else if (c.type === "IPsec" && c.site) {
        peer = c.site.standsFor;
        const key = `${g.key}\u0000${deviceOf(c.site)}`;
        const list = toSite.get(key);
        if (list) list.push(c);
        else toSite.set(key, [c]);
      }
      if (!peer || peer === g) continue;
      const key = `${g.key}\u0000${peer.key}`;
      const entry = toGateway.get(key);
      if (entry) entry.tunnels.push(c);
      else toGateway.set(key, { from: g, to: peer, tunnels: [c] });
    }

    for (const list of toSite.values()) {
      if (list.length < 2) continue;
      const withoutBgp: ConnectionM[] = [];
      for (const c of list) {
        if (isUnknown(c.bgpEnabled)) {
          out.cannotVerify(
            c.path,
            `whether the redundant tunnel has BGP: bgp_enabled is ${c.bgpEnabled.unknown}`,
          );
        } else if (c.bgpEnabled !== true) withoutBgp.push(c);
      }
      if (!redundantSiteTunnelsViolation(list.length, withoutBgp.length)) continue;
      const site = list[0].site!;
      const all = list.map(connectionLabel).join(", ");
      for (const c of withoutBgp) {
        out.find({
          path: c.path,
          message: `${connectionLabel(c)} is one of ${list.length} tunnels from ${gatewayLabel(c.gateway!)} to the same site (${describeDevice(site)}: ${all}) and has no BGP; several tunnels to one location need BGP on each.`,
          fix: `Enable BGP on every connection to that site (bgp_enabled, with bgp_settings on the site), or keep one connection.`,
          values: { gateway: String(c.gateway!.name ?? c.gateway!.path), tunnels: String(list.length) },
        });
      }
    }

    for (const { from, to, tunnels } of toGateway.values()) {
      if (tunnels.length < 2) continue;
      const aa = [from.activeActive, to.activeActive];
      const unknown = aa.find(isUnknown);
      if (unknown && !aa.includes(true)) {
        out.cannotVerify(
          tunnels[0].path,
          `whether one of ${gatewayLabel(from)} and ${gatewayLabel(to)} is active-active: active_active is ${unknown.unknown}`,
        );
        continue;
      }
      if (!redundantGatewayTunnelsViolation(tunnels.length, aa.includes(true))) continue;
      const all = tunnels.map(connectionLabel).join(", ");
      for (const c of tunnels) {
        out.find({
          path: c.path,
          message: `${connectionLabel(c)} is one of ${tunnels.length} tunnels from ${gatewayLabel(from)} to ${gatewayLabel(to)} (${all}), and neither gateway is active-active; redundant tunnels between two VPN gateways need one of them active-active.`,
          fix: `Make ${gatewayLabel(from)} or ${gatewayLabel(to)} active-active (two IP configurations with their own public IPs), or keep one tunnel between them.`,
          values: {
            gateway: String(from.name ?? from.path),
            peerGateway: String(to.name ?? to.path),
            tunnels: String(tunnels.length),
          },
        });
      }
    }
    return out;
  },
};

/** What identifies the device a site stands for: the Azure gateway it stands for, its address or FQDN, else itself. */
function deviceOf(site: SiteM): string {
  if (site.standsFor) return `gateway:${site.standsFor.key}`;
  if (typeof site.gatewayAddress === "string") return `address:${site.gatewayAddress.trim()}`;
  if (typeof site.gatewayFqdn === "string") return `fqdn:${fqdnKey(site.gatewayFqdn)}`;
  return `site:${site.key}`;
}

function describeDevice(site: SiteM): string {
  if (site.standsFor) return `standing for ${gatewayLabel(site.standsFor)}`;
  if (typeof site.gatewayAddress === "string") return `device ${site.gatewayAddress}`;
  if (typeof site.gatewayFqdn === "string") return `device ${site.gatewayFqdn}`;
  return `site ${site.label}`;
}
