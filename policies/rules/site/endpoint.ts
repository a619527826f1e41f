import { fqdnKey, siteEndpointViolation } from "../../../core/azure/site";
import { NetworkModel, SiteM, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, siteLabel } from "../labels";

/**
 * `Site.Endpoint`: a local network gateway names its VPN device by exactly one of `gateway_address` and
 * `gateway_fqdn` (the provider's `ExactlyOneOf`, refused at plan); the address is a single IPv4 address
 * (Azure does not support IPv6 for the device; a CIDR or a malformed text is refused); several sites with
 * FQDNs on one gateway must resolve to different IP addresses, so the same FQDN on two sites of one
 * gateway is refused (different FQDNs that resolve to one address cannot be known at synth). The
 * `LocalSite` construct refuses the first two with the same predicate (core/azure/site.ts).
 *
 * Catalogue: LNG-ADDR-XOR-FQDN, LNG-IPV4.
 * Catalogue (partly): LNG-FQDN-DISTINCT.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/local_network_gateway
 * @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal
 */
export const SiteEndpoint: Rule = {
  id: "Site.Endpoint",
  severity: "error",
  description:
    "A local network gateway sets both or neither of gateway_address and gateway_fqdn, has a gateway_address that is not an IPv4 address, or shares its gateway_fqdn with another site of the same gateway.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/tutorial-site-to-site-portal",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const s of model.sites) {
      if (!isCreated(s)) continue;
      const address = typeof s.gatewayAddress === "string" ? s.gatewayAddress : undefined;
      const v = siteEndpointViolation(s.gatewayAddress !== undefined, s.gatewayFqdn !== undefined, address);
      if (!v) continue;
      const text =
        v.kind === "both"
          ? `sets both gateway_address (${show(s.gatewayAddress)}) and gateway_fqdn (${show(s.gatewayFqdn)}); the provider takes exactly one`
          : v.kind === "neither"
            ? "sets neither gateway_address nor gateway_fqdn; the provider needs exactly one to reach the VPN device"
            : `has gateway_address ${v.address}, which is not an IPv4 address; Azure reaches the device at a single IPv4 address (IPv6 is not supported)`;
      out.find({
        path: s.path,
        message: `${siteLabel(s)} ${text}.`,
        fix:
          v.kind === "not-ipv4"
            ? "Set gateway_address to the device's public IPv4 address (e.g. 203.0.113.10), or use gateway_fqdn."
            : "Set exactly one of gateway_address (the device's public IPv4 address) and gateway_fqdn.",
        values: { site: show(s.name), problem: v.kind },
      });
    }
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      const byFqdn = new Map<string, SiteM>();
      const seen = new Set<SiteM>();
      for (const c of g.connections) {
        const s = c.site;
        if (!s || seen.has(s)) continue;
        seen.add(s);
        if (isUnknown(s.gatewayFqdn)) {
          out.cannotVerify(
            s.path,
            `whether the FQDN of ${siteLabel(s)} differs from the other sites of ${gatewayLabel(g)}: it is ${s.gatewayFqdn.unknown}`,
          );
          continue;
        }
        if (typeof s.gatewayFqdn !== "string") continue;
        const key = fqdnKey(s.gatewayFqdn);
        const first = byFqdn.get(key);
        if (!first) {
          byFqdn.set(key, s);
          continue;
        }
        if (!isCreated(s)) continue;
        out.find({
          path: s.path,
          message: `${siteLabel(s)} and ${siteLabel(first)} both have gateway_fqdn ${s.gatewayFqdn} and connect to ${gatewayLabel(g)}; the sites of one gateway must resolve to different IP addresses.`,
          fix: "Give each site of the gateway its own device FQDN (or one site with several connections' prefixes), or use gateway_address.",
          values: { site: show(s.name), other: show(first.name), fqdn: s.gatewayFqdn, gateway: show(g.name) },
        });
      }
    }
    return out;
  },
};
