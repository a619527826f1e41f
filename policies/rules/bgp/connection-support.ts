import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, is, isCreated, siteLabel } from "../labels";
import {
  VPN_TYPES,
  isPolicyBased,
  skuFeatureViolation,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

const NO_BGP = skuListText(vpnSkusWhere((f) => !f.bgp));

/**
 * `Bgp.ConnectionSupport`: a connection with BGP (`bgp_enabled`, azurerm 3.x `enable_bgp`) needs BGP at
 * both ends. Its gateway (and a VNet-to-VNet connection's peer gateway) must support BGP (every VPN SKU
 * but Basic, and RouteBased only: "BGP is supported on all SKUs except Basic") and have it enabled; the
 * site of a site-to-site connection needs `bgp_settings`. The connection constructs refuse a BGP
 * connection to a gateway or site without BGP settings.
 *
 * Catalogue: BGP-SKU.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpConnectionSupport: Rule = {
  id: "Bgp.ConnectionSupport",
  severity: "error",
  description: `A connection with BGP enabled has a gateway (or peer gateway) that does not support BGP (${NO_BGP}, ${VPN_TYPES.policyBased}) or has it off, or a site without bgp_settings.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      if (!isCreated(c) || c.bgpEnabled === false || c.bgpEnabled === undefined) continue;
      const problems: string[] = [];
      const unknown: string[] = [];
      for (const g of [c.gateway, is(c.type, "Vnet2Vnet") ? c.peerGateway : undefined]) {
        if (g) gatewayProblems(g, problems, unknown);
      }
      if (is(c.type, "IPsec") && c.site && c.site.bgp === undefined && c.site.source?.mode !== "data")
        problems.push(`${siteLabel(c.site)} has no bgp_settings`);
      if (problems.length === 0) {
        for (const u of unknown)
          out.cannotVerify(c.path, `whether BGP on connection ${show(c.name)} is supported: ${u}`);
        continue;
      }
      if (isUnknown(c.bgpEnabled)) {
        out.cannotVerify(
          c.path,
          `whether connection ${show(c.name)} uses BGP (${problems.join("; ")}): bgp_enabled is ${c.bgpEnabled.unknown}`,
        );
        continue;
      }
      out.find({
        path: c.path,
        message: `connection ${show(c.name)} has BGP enabled, but ${problems.join("; ")}; BGP needs both ends to speak it.`,
        fix: `Enable BGP on the gateways (bgp_enabled with bgp_settings, on a ${VPN_TYPES.routeBased} gateway of a SKU other than ${NO_BGP}) and give the site bgp_settings, or set bgp_enabled = false on the connection.`,
        values: { connection: show(c.name), problems: problems.join("; ") },
      });
    }
    return out;
  },
};

function gatewayProblems(g: GatewayM, problems: string[], unknown: string[]): void {
  if (typeof g.sku === "string" && skuFeatureViolation(g.sku, "bgp"))
    problems.push(`${gatewayLabel(g)} (sku ${g.sku}) does not support BGP`);
  else if (isUnknown(g.sku)) unknown.push(`the sku of ${gatewayLabel(g)} is ${g.sku.unknown}`);
  if (typeof g.vpnType === "string" && isPolicyBased(g.vpnType))
    problems.push(`${gatewayLabel(g)} is ${VPN_TYPES.policyBased}, which does not support BGP`);
  else if (isUnknown(g.vpnType)) unknown.push(`the vpn_type of ${gatewayLabel(g)} is ${g.vpnType.unknown}`);
  if (g.source?.mode === "data") return;
  if (g.bgpEnabled === false || g.bgpEnabled === undefined) problems.push(`${gatewayLabel(g)} has BGP off`);
  else if (isUnknown(g.bgpEnabled))
    unknown.push(`bgp_enabled of ${gatewayLabel(g)} is ${g.bgpEnabled.unknown}`);
}
