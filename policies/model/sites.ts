/**
 * Model builder, sites section: local network gateways (address spaces, device address or FQDN, BGP)
 * and the Azure VPN gateway a site stands for when two gateways are joined over IPsec.
 */
import { Block, firstBlock } from "../input/terraform-json";
import { BuildContext, parseSpaces, sourceOf } from "./context";
import { hasDynamic } from "./gateways";
import { GatewayM, SiteM } from "./types";

export function addSite(ctx: BuildContext, b: Block): void {
  const s = b.stack;
  const r = ctx.r;
  const name = r.str(s, b.body.name);
  const bgp = firstBlock(b.body, "bgp_settings");
  // A `dynamic "bgp_settings"` block: BGP may be set, with values known only at plan.
  const dyn =
    bgp === undefined && hasDynamic(b.body, "bgp_settings")
      ? { unknown: `a dynamic "bgp_settings" block of ${b.path}` }
      : undefined;
  const text = b.mode === "data" ? undefined : r.strList(s, b.body.address_space);
  const site: SiteM = {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name,
    resourceGroup: r.str(s, b.body.resource_group_name),
    location: r.str(s, b.body.location),
    addressSpaceText: b.mode === "data" ? { unknown: `data source ${b.type}.${b.name}` } : text,
    spaces:
      b.mode === "data"
        ? { known: false, why: `the address space of data source ${b.type}.${b.name} is read at plan` }
        : parseSpaces(text, "address_space"),
    gatewayAddress: r.str(s, b.body.gateway_address),
    gatewayFqdn: r.str(s, b.body.gateway_fqdn),
    bgp: bgp
      ? {
          asn: r.num(s, bgp.asn),
          peeringAddress: r.str(s, bgp.bgp_peering_address),
          peerWeight: r.num(s, bgp.peer_weight),
        }
      : dyn && { asn: dyn, peeringAddress: dyn, peerWeight: dyn },
    bgpAsn: bgp ? r.num(s, bgp.asn) : dyn,
    bgpPeeringAddress: bgp ? r.str(s, bgp.bgp_peering_address) : dyn,
    label: typeof name === "string" ? name : b.path,
  };
  ctx.sites.set(b.key, site);
}

/**
 * A local network gateway whose `gateway_address` is a public IP of a VPN gateway of the app stands for
 * that gateway: two gateways joined by IPsec this way (to use NAT, which VNet-to-VNet connections do not
 * carry) form a VNet-to-VNet link, one connection per direction. Our constructs also record it.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export function linkSitesToGateways(
  ctx: BuildContext,
  siteBlocks: readonly Block[],
  represented: Map<string, string>,
): void {
  const byIp = new Map<string, GatewayM>();
  for (const g of ctx.gateways.values())
    for (const ic of g.ipConfigurations) if (ic.publicIp) byIp.set(ic.publicIp.key, g);
  for (const b of siteBlocks) {
    const site = ctx.sites.get(b.key);
    if (!site) continue;
    const ref = ctx.r.ref(b.stack, b.body?.gateway_address);
    let g = ref ? byIp.get(ref.block.key) : undefined;
    const recorded = represented.get(b.key);
    if (!g && recorded !== undefined) g = ctx.gatewayFrom(b.stack, recorded);
    if (g) site.standsFor = g;
  }
}
