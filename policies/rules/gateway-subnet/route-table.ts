import { overlaps, tryParsePrefix } from "../../../core/cidr";
import { NetworkModel, RouteM, RouteTableM, SubnetM, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import { gatewaySubnetRouteViolation } from "../../../core/azure/gateway";
import { subnetLabel } from "../labels";

function tableLabel(t: RouteTableM): string {
  return `route table ${typeof t.name === "string" ? `${t.name} (${t.path})` : t.path}`;
}

/** True for a route to 0.0.0.0/0 (any spelling Azure parses to the IPv4 default route). */
function isDefaultRoute(prefix: string): boolean {
  const p = tryParsePrefix(prefix.trim());
  return p.ok && p.prefix.family === 4 && p.prefix.length === 0;
}

/**
 * `GatewaySubnet.RouteTable`: a route table associated with GatewaySubnet must not have a route to
 * 0.0.0.0/0 ("not supported; gateways with this configuration are blocked from being created") and
 * must keep BGP route propagation enabled ("if BGP route propagation is set to disabled, the gateway
 * won't function"). Associations by `azurerm_subnet_route_table_association` (on a subnet resource,
 * a data source or a literal id) and the inline `subnet { route_table_id }` block are all checked;
 * routes may be inline `route` blocks or `azurerm_route` resources. A route whose prefix covers part of
 * GatewaySubnet itself must not drop the gateway's traffic: next hop `None` is not supported (gateway
 * creation is blocked, the ExpressRoute gateway article's 2026 wording); next hop `VirtualAppliance` is a
 * warning (it breaks the gateway only when the appliance drops that traffic, which synth cannot know).
 *
 * Catalogue: GW-SUBNET-UDR-DEFAULT, GW-SUBNET-BGP-PROP, GW-SUBNET-UDR-BLACKHOLE.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsub
 */
export const GatewaySubnetRouteTable: Rule = {
  id: "GatewaySubnet.RouteTable",
  severity: "error",
  description:
    "A route table on GatewaySubnet has a 0.0.0.0/0 route, a route covering GatewaySubnet to next hop None (or VirtualAppliance: warning), or BGP route propagation disabled.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (sub.routeTables.length === 0) continue;
      if (isUnknown(sub.name) || sub.name === undefined) {
        for (const a of sub.routeTables)
          out.cannotVerify(
            a.path,
            `whether route table ${a.tableExpr} is on GatewaySubnet: the subnet is ${show(sub.name)}`,
          );
        continue;
      }
      if (!isGatewaySubnetName(sub.name)) continue;
      for (const a of sub.routeTables) checkTable(sub, a.path, a.table, a.tableExpr, out);
    }
    return out;
  },
};

function checkTable(
  sub: SubnetM,
  path: string,
  table: RouteTableM | undefined,
  expr: string,
  out: Outcome,
): void {
  if (!table) {
    out.cannotVerify(
      path,
      `the routes of route table ${expr} on ${subnetLabel(sub)}: it cannot be resolved at synth`,
    );
    return;
  }
  const where = `${tableLabel(table)}, associated with ${subnetLabel(sub)}`;
  if (isUnknown(table.bgpRoutePropagation)) {
    out.cannotVerify(
      path,
      `BGP route propagation of ${tableLabel(table)} on GatewaySubnet: it is ${table.bgpRoutePropagation.unknown}`,
    );
  } else if (table.bgpRoutePropagation === false) {
    out.find({
      path,
      message: `${where}, has BGP route propagation disabled; Azure requires it enabled on the gateway subnet, or the gateway won't function.`,
      fix: "Set bgp_route_propagation_enabled = true (azurerm 3.x: disable_bgp_route_propagation = false) on the route table, or associate another route table with GatewaySubnet.",
      values: { routeTable: show(table.name), subnet: show(sub.name), bgpRoutePropagation: "disabled" },
    });
  }
  for (const r of table.routes) {
    if (isUnknown(r.addressPrefix)) {
      out.cannotVerify(
        r.path,
        `whether route ${show(r.name)} of ${tableLabel(table)} on GatewaySubnet is a 0.0.0.0/0 route: its address_prefix is ${r.addressPrefix.unknown}`,
      );
      continue;
    }
    if (typeof r.addressPrefix !== "string") continue;
    const routeWhere = r.path === table.path ? "" : ` (${r.path})`;
    if (!isDefaultRoute(r.addressPrefix)) {
      checkOverlap(sub, path, table, r, routeWhere, out);
      continue;
    }
    out.find({
      path,
      message: `${where}, has route ${show(r.name)}${routeWhere} to ${r.addressPrefix}; Azure does not support a 0.0.0.0/0 route on the gateway subnet and blocks gateway creation.`,
      fix: "Remove the 0.0.0.0/0 route from the route table on GatewaySubnet (force-tunnel from the other subnets, or with the gateway's default site).",
      values: {
        routeTable: show(table.name),
        subnet: show(sub.name),
        route: show(r.name),
        addressPrefix: r.addressPrefix,
      },
    });
  }
}

/** A route whose prefix overlaps GatewaySubnet itself, to nowhere or to an appliance. */
function checkOverlap(
  sub: SubnetM,
  path: string,
  table: RouteTableM,
  r: RouteM,
  routeWhere: string,
  out: Outcome,
): void {
  const parsed = tryParsePrefix(String(r.addressPrefix).trim());
  // Not a prefix: a service tag (Internet, AzureCloud...), which never covers GatewaySubnet.
  if (!parsed.ok) return;
  const hop = r.nextHopType;
  if (typeof hop === "string" && !gatewaySubnetRouteViolation(hop)) return;
  if (!sub.prefixes.known) {
    out.cannotVerify(
      r.path,
      `whether route ${show(r.name)} of ${tableLabel(table)} (${r.addressPrefix}) covers ${subnetLabel(sub)}: ${sub.prefixes.why}`,
    );
    return;
  }
  const covered = sub.prefixes.prefixes.find((p) => overlaps(p, parsed.prefix));
  if (!covered) return;
  if (typeof hop !== "string") {
    if (isUnknown(hop))
      out.cannotVerify(
        r.path,
        `whether route ${show(r.name)} of ${tableLabel(table)} to ${r.addressPrefix}, which covers GatewaySubnet ${covered.text}, drops the gateway's traffic: its next_hop_type is ${hop.unknown}`,
      );
    return;
  }
  const v = gatewaySubnetRouteViolation(hop)!;
  const values = {
    routeTable: show(table.name),
    subnet: show(sub.name),
    route: show(r.name),
    addressPrefix: String(r.addressPrefix),
    nextHopType: hop,
  };
  const where = `${tableLabel(table)}, associated with ${subnetLabel(sub)}, has route ${show(r.name)}${routeWhere} to ${r.addressPrefix}, which covers GatewaySubnet ${covered.text}, with next hop ${hop}`;
  if (v.kind === "blackhole") {
    out.find({
      path,
      message: `${where}; a route that drops the gateway subnet's own traffic is not supported and blocks gateway creation.`,
      fix: "Remove the route, or narrow its address_prefix so that it does not cover GatewaySubnet.",
      values,
    });
  } else {
    out.find({
      path,
      severity: "warning",
      message: `${where}; if the appliance drops that traffic the gateway stops working (Azure documents that such routes affect the gateway's data and control paths).`,
      fix: "Narrow the route's address_prefix so that it does not cover GatewaySubnet, or make sure the appliance forwards the gateway subnet's traffic.",
      values,
    });
  }
}
