import { ConnectionM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated } from "../labels";

/**
 * `Bgp.TransitHops`: transit through a VPN gateway (from one of its VNet-to-VNet connections to its other
 * connections, or across several gateways) needs BGP on every connection on the way; Azure gateways
 * exchange the routes of other connections only over BGP ("Enable BGP on both connections"). A gateway
 * with a VNet-to-VNet connection and other connections where some have BGP and others do not cannot
 * carry transit between them: a warning (the design may not want transit). Whether a reachability intent
 * needs such transit is not checked here.
 *
 * Catalogue (partly): BGP-TRANSIT-ALL-HOPS.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpTransitHops: Rule = {
  id: "Bgp.TransitHops",
  severity: "warning",
  description:
    "A gateway with a VNet-to-VNet connection has other connections with and without BGP: transit between them does not work.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || g.connections.length < 2) continue;
      const links = g.connections.filter((c) => is(c.type, "Vnet2Vnet") || is(c.type, "IPsec"));
      if (!links.some((c) => is(c.type, "Vnet2Vnet"))) continue;
      const withBgp: ConnectionM[] = [];
      const without: ConnectionM[] = [];
      let unknown: ConnectionM | undefined;
      for (const c of links) {
        if (c.bgpEnabled === true) withBgp.push(c);
        else if (isUnknown(c.bgpEnabled)) unknown ??= c;
        else without.push(c);
      }
      if (withBgp.length === 0 || without.length === 0) {
        if (unknown && isUnknown(unknown.bgpEnabled) && links.length > 1)
          out.cannotVerify(
            g.path,
            `whether every connection of ${gatewayLabel(g)} uses BGP for transit: bgp_enabled of connection ${show(unknown.name)} is ${unknown.bgpEnabled.unknown}`,
          );
        continue;
      }
      const names = (list: ConnectionM[]) => list.map((c) => show(c.name)).join(", ");
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} has a VNet-to-VNet connection and connections with BGP (${names(withBgp)}) and without (${names(without)}); transit through the gateway between them does not work without BGP on every connection.`,
        fix: "Set bgp_enabled = true on every connection that transit should cross (with BGP on the gateways), or keep the networks that need each other directly connected.",
        values: { gateway: show(g.name), withBgp: names(withBgp), withoutBgp: names(without) },
      });
    }
    return out;
  },
};
