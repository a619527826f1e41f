/**
 * Model builder, networks section: virtual networks, subnets (resources, inline blocks, data sources,
 * literal ids), route tables and the associations of subnets with NSGs, route tables and NAT gateways,
 * and the other resources placed in subnets.
 */
import { Block, attr, blocks } from "../input/terraform-json";
import { BuildContext, newSubnet, parseSpaces, sourceOf } from "./context";
import { NetworkM, RouteM, Spaces, SubnetM, Unknown, isUnknown, show } from "./types";

/** The values a plan's data source read (a list of texts), or undefined when none are known. */
function readAtPlan(v: string[] | Unknown | undefined): string[] | undefined {
  return Array.isArray(v) && v.length > 0 ? v : undefined;
}

export function addNetwork(ctx: BuildContext, b: Block, kind: "resource" | "data"): NetworkM {
  const s = b.stack;
  const r = ctx.r;
  const name = r.str(s, b.body.name);
  // A data source's address space is read at plan; a plan's data source carries what it read.
  const read = kind === "data" ? readAtPlan(r.strList(s, b.body.address_space)) : undefined;
  const text = kind === "data" ? read : r.strList(s, b.body.address_space);
  const spaces: Spaces =
    kind === "data" && !read
      ? { known: false, why: `the address space of data source ${b.type}.${b.name} is read at plan` }
      : parseSpaces(text, "address_space");
  const n: NetworkM = {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    kind,
    stack: s,
    name,
    resourceGroup: r.str(s, b.body.resource_group_name),
    location: r.str(s, b.body.location),
    subscription: ctx.subscriptionOf(b),
    environment: ctx.environmentOf(b),
    addressSpaceText: kind === "data" && !read ? { unknown: `data source ${b.type}.${b.name}` } : text,
    spaces,
    subnets: [],
    gateways: [],
    label: typeof name === "string" ? name : b.path,
  };
  ctx.indexNetwork(n);
  if (kind === "resource") {
    for (const inline of blocks(b.body, "subnet")) {
      const sname = r.str(s, inline.name);
      const prefixText = r.strList(s, attr(inline, "address_prefixes", "address_prefix"));
      const sub = newSubnet({
        key: `${b.key}/subnet/${show(sname)}`,
        path: b.path,
        name: sname,
        network: n,
        prefixText,
        prefixes: parseSpaces(prefixText, `inline subnet ${show(sname)} address_prefixes`),
        kind: "inline",
      });
      const nsg = attr(inline, "security_group");
      if (nsg !== undefined && nsg !== null && nsg !== "")
        sub.nsgAssociations.push({ path: b.path, nsg: ctx.describeNsg(s, nsg) });
      n.subnets.push(sub);
      ctx.subnets.set(sub.key, sub);
    }
  }
  return n;
}

export function addSubnet(ctx: BuildContext, b: Block, kind: "resource" | "data"): SubnetM {
  const s = b.stack;
  const network = ctx.networkOfNameRef(s, b.body.virtual_network_name, b.body.resource_group_name);
  const read = kind === "data" ? readAtPlan(ctx.r.strList(s, attr(b.body, "address_prefixes"))) : undefined;
  const prefixText: string[] | Unknown | undefined =
    kind === "data"
      ? (read ?? { unknown: `data source ${b.type}.${b.name}` })
      : ctx.r.strList(s, attr(b.body, "address_prefixes", "address_prefix"));
  const sub = newSubnet({
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: ctx.r.str(s, b.body.name),
    network,
    prefixText,
    prefixes:
      kind === "data" && !read
        ? { known: false, why: `the prefixes of data source ${b.type}.${b.name} are read at plan` }
        : parseSpaces(prefixText as string[] | Unknown | undefined, "address_prefixes"),
    kind,
  });
  network?.subnets.push(sub);
  ctx.subnets.set(sub.key, sub);
  return sub;
}

export function addNsgAssociation(ctx: BuildContext, b: Block): void {
  const sub = ctx.subnetFromId(b.stack, b.body.subnet_id) ?? ctx.unresolvedSubnet(b, b.body.subnet_id);
  sub.nsgAssociations.push({ path: b.path, nsg: ctx.describeNsg(b.stack, b.body.network_security_group_id) });
}

export function addNatGatewayAssociation(ctx: BuildContext, b: Block): void {
  const sub = ctx.subnetFromId(b.stack, b.body.subnet_id) ?? ctx.unresolvedSubnet(b, b.body.subnet_id);
  sub.natGatewayAssociations.push({ path: b.path });
}

function route(ctx: BuildContext, stack: string, path: string, body: any): RouteM {
  return {
    path,
    name: ctx.r.str(stack, body?.name),
    addressPrefix: ctx.r.str(stack, body?.address_prefix),
    nextHopType: ctx.r.str(stack, body?.next_hop_type),
    nextHopIp: ctx.r.str(stack, body?.next_hop_in_ip_address),
  };
}

export function addRouteTable(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const enabled = ctx.r.bool(s, attr(b.body, "bgp_route_propagation_enabled"));
  const disabled = ctx.r.bool(s, attr(b.body, "disable_bgp_route_propagation"));
  const propagation: boolean | Unknown =
    enabled !== undefined
      ? enabled
      : disabled === undefined
        ? true
        : isUnknown(disabled)
          ? disabled
          : !disabled;
  ctx.routeTables.set(b.key, {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: ctx.r.str(s, b.body.name),
    bgpRoutePropagation: propagation,
    routes: blocks(b.body, "route").map((rt) => route(ctx, s, b.path, rt)),
  });
}

export function addRoute(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const ref = ctx.r.ref(s, b.body.route_table_name);
  let table = ref ? ctx.routeTables.get(ref.block.key) : undefined;
  if (!table) {
    const t = ctx.r.target(s, b.body.route_table_name);
    table = t && t.attribute === "name" ? ctx.routeTables.get(t.block.key) : undefined;
  }
  if (!table) {
    const name = ctx.r.str(s, b.body.route_table_name);
    table = [...ctx.routeTables.values()].find((t) => typeof name === "string" && t.name === name);
  }
  table?.routes.push(route(ctx, s, b.path, b.body));
}

/** `route_table_id` of inline `subnet` blocks (azurerm 4.x), once the route tables are known. */
export function addInlineRouteTables(ctx: BuildContext, b: Block): void {
  for (const inline of blocks(b.body, "subnet")) {
    const rt = attr(inline, "route_table_id");
    if (rt === undefined || rt === null || rt === "") continue;
    const sub = ctx.subnets.get(`${b.key}/subnet/${show(ctx.r.str(b.stack, inline.name))}`);
    const ref = ctx.r.ref(b.stack, rt);
    sub?.routeTables.push({
      path: b.path,
      table: ref ? ctx.routeTables.get(ref.block.key) : undefined,
      tableExpr: show(rt),
    });
  }
}

export function addRouteTableAssociation(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const sub = ctx.subnetFromId(s, b.body.subnet_id) ?? ctx.unresolvedSubnet(b, b.body.subnet_id);
  const ref = ctx.r.ref(s, b.body.route_table_id);
  sub.routeTables.push({
    path: b.path,
    table: ref ? ctx.routeTables.get(ref.block.key) : undefined,
    tableExpr: show(b.body.route_table_id),
  });
}

/** Types whose `subnet_id` the builder reads as an association or a gateway, not as a placement. */
const NOT_PLACEMENTS = new Set([
  // Read by the model as what they are (no `subnet_id` places them in a subnet).
  "azurerm_virtual_network",
  "azurerm_subnet",
  "azurerm_virtual_network_peering",
  "azurerm_virtual_network_gateway_connection",
  "azurerm_virtual_network_gateway_nat_rule",
  "azurerm_local_network_gateway",
  "azurerm_public_ip",
  "azurerm_route_table",
  "azurerm_route",
  "azurerm_resource_group",
  "azurerm_network_security_group",
  "azurerm_subnet_network_security_group_association",
  "azurerm_subnet_route_table_association",
  "azurerm_subnet_nat_gateway_association",
  "azurerm_virtual_network_gateway",
]);

/**
 * Nested blocks that name a subnet without placing anything in it: the service-endpoint rules of a
 * storage account, a key vault, an Event Hubs or Service Bus namespace, a container registry...
 */
const SUBNET_RULE_BLOCKS = new Set([
  "network_rules",
  "network_rule_set",
  "network_rulesets",
  "virtual_network_rule",
  "network_acls",
]);

/**
 * Other resources placed in a subnet: a `subnet_id` of the resource or of one of its nested blocks
 * (a NIC's `ip_configuration`, an application gateway's `gateway_ip_configuration`, a private endpoint)
 * that references a subnet of the model or names one by id (a literal id, or
 * `${azurerm_virtual_network.x.id}/subnets/<name>`). Service-endpoint rules (`*_virtual_network_rule`
 * resources and the `network_rules`-like blocks) name a subnet without placing anything in it.
 */
export function addAttachments(ctx: BuildContext, b: Block): void {
  if (b.mode !== "resource" || NOT_PLACEMENTS.has(b.type) || !b.type.startsWith("azurerm_")) return;
  if (b.type.endsWith("_virtual_network_rule")) return;
  const seen = new Set<SubnetM>();
  const visit = (body: any, depth: number) => {
    if (!body || typeof body !== "object" || depth > 2) return;
    for (const [k, v] of Object.entries(body)) {
      if (k === "//" || SUBNET_RULE_BLOCKS.has(k)) continue;
      if (k === "subnet_id") {
        const sub = v === undefined || v === null ? undefined : ctx.subnetFromId(b.stack, v);
        if (sub && !seen.has(sub)) {
          seen.add(sub);
          sub.attachments.push(
            b.type === "azurerm_route_server"
              ? {
                  type: b.type,
                  path: b.path,
                  branchToBranch: ctx.r.bool(b.stack, b.body.branch_to_branch_traffic_enabled) ?? false,
                }
              : { type: b.type, path: b.path },
          );
        }
      } else if (v && typeof v === "object") {
        for (const nested of Array.isArray(v) ? v : [v]) visit(nested, depth + 1);
      }
    }
  };
  visit(b.body, 0);
}
