/**
 * Model builder, gateways section: public IPs and virtual network gateways (SKU, generation, type,
 * active-active, BGP with its peering addresses, IP configurations, point-to-site).
 */
import { Block, attr, blocks, firstBlock } from "../input/terraform-json";
import { BuildContext, parseSpaces, sourceOf } from "./context";
import { AzurermVersionM, BgpPeeringAddressM, GatewayM, Unknown, show } from "./types";

export function addPublicIp(ctx: BuildContext, b: Block, azurerm: AzurermVersionM | Unknown): void {
  const s = b.stack;
  ctx.publicIps.set(b.key, {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: ctx.r.str(s, b.body.name),
    sku: ctx.r.str(s, b.body.sku),
    azurermVersion: azurerm,
    allocation: ctx.r.str(s, b.body.allocation_method),
    zones: ctx.r.strList(s, b.body.zones),
  });
}

/** True when the body has a `dynamic "<name>"` block (its instances are not known without evaluation). */
export function hasDynamic(body: any, name: string): boolean {
  return blocks(body, "dynamic").some((d) => d && typeof d === "object" && d[name] !== undefined);
}

/** The point-to-site client pool, as written and parsed. */
function pointToSite(pool: string[] | Unknown | undefined): GatewayM["pointToSite"] {
  return { addressSpace: pool, spaces: parseSpaces(pool, "vpn_client_configuration.address_space") };
}

export function addGateway(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const r = ctx.r;
  const bgp = firstBlock(b.body, "bgp_settings");
  const peeringAddresses: BgpPeeringAddressM[] = blocks(bgp, "peering_addresses").map((pa) => ({
    ipConfigurationName: r.str(s, pa.ip_configuration_name),
    apipaAddresses: r.strList(s, pa.apipa_addresses),
  }));
  const apipa: string[] = [];
  for (const pa of peeringAddresses) if (Array.isArray(pa.apipaAddresses)) apipa.push(...pa.apipaAddresses);
  const configs = blocks(b.body, "ip_configuration");
  const dynamicConfigs = hasDynamic(b.body, "ip_configuration");
  const p2s = firstBlock(b.body, "vpn_client_configuration");
  const count: number | Unknown = dynamicConfigs
    ? { unknown: `a dynamic "ip_configuration" block of ${b.path}` }
    : configs.length;
  const g: GatewayM = {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: r.str(s, b.body.name),
    location: r.str(s, b.body.location),
    type: r.str(s, b.body.type),
    vpnType: r.str(s, b.body.vpn_type),
    sku: r.str(s, b.body.sku),
    generation: r.str(s, b.body.generation),
    activeActive: r.bool(s, attr(b.body, "active_active")),
    bgpEnabled: r.bool(s, attr(b.body, "bgp_enabled", "enable_bgp")),
    bgpAsn: bgp ? r.num(s, bgp.asn) : undefined,
    bgpPeerWeight: bgp ? r.num(s, bgp.peer_weight) : undefined,
    bgpPeeringAddresses: peeringAddresses,
    apipaAddresses: apipa,
    privateIpAddressEnabled: r.bool(s, attr(b.body, "private_ip_address_enabled")),
    bgpRouteTranslationForNat: r.bool(s, b.body.bgp_route_translation_for_nat_enabled),
    environment: ctx.environmentOf(b),
    ipConfigurations: configs.map((ic) => {
      const ipRef = r.ref(s, ic.public_ip_address_id);
      const ipExpr = ic.public_ip_address_id;
      return {
        name: r.str(s, ic.name),
        subnet: ctx.subnetFromId(s, ic.subnet_id),
        subnetExpr: show(ic.subnet_id),
        publicIp: ipRef ? ctx.publicIps.get(ipRef.block.key) : undefined,
        publicIpExpr: ipExpr === undefined || ipExpr === null ? undefined : show(ipExpr),
        privateIpAllocation: r.str(s, ic.private_ip_address_allocation),
      };
    }),
    ipConfigurationCount: count,
    pointToSite: p2s ? pointToSite(r.strList(s, p2s.address_space)) : undefined,
    connections: [],
    natRules: [],
  };
  g.network = g.ipConfigurations.map((ic) => ic.subnet?.network).find((n) => n !== undefined);
  g.network?.gateways.push(g);
  ctx.gateways.set(b.key, g);
}
