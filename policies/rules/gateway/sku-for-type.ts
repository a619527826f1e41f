import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule, RuleFinding } from "../../rule";
import { gatewayLabel, isCreated } from "../labels";
import {
  DEFAULT_EXPRESSROUTE_GATEWAY_SKU,
  DEFAULT_VPN_GATEWAY_SKU,
  EXPRESSROUTE_GATEWAY_SKUS,
  GATEWAY_TYPES,
  GatewaySkuViolation,
  LEGACY_VPN_SKUS,
  gatewaySkuViolation,
  publicIpRefusedOnGatewayType,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

const VPN_SKUS = skuListText(vpnSkusWhere(() => true));
const ER = GATEWAY_TYPES.expressRoute;

/**
 * `Gateway.SkuForType`: a virtual network gateway's SKU must be one of its type's, and an ExpressRoute
 * gateway takes no public IP of the configuration.
 * - `type = "Vpn"`: a VPN SKU (Basic, VpnGw1-5, VpnGw1AZ-5AZ). The legacy `Standard` and
 *   `HighPerformance` can no longer be created for VPN gateways (they retire on 2026-03-31; existing ones
 *   are migrated to VpnGw1AZ and VpnGw2AZ); `UltraPerformance`, `ErGw1AZ`-`ErGw3AZ` and `ErGwScale` are
 *   ExpressRoute-only (`InvalidGatewaySkuSpecifiedForGatewayDeploymentType`). The provider only checks the
 *   pairing when `generation` is set, and its Generation1 list still accepts the legacy SKUs.
 * - `type = "ExpressRoute"`: an ExpressRoute SKU, and no `public_ip_address_id`: Azure assigns and manages
 *   the public IP of ExpressRoute gateways (auto-assigned public IP), and creating one with a public IP
 *   association fails where that applies (reported by module maintainers in 2026); the current provider
 *   documents the attribute as not to be set for ExpressRoute (azurerm 3.x still requires it, so such a
 *   gateway needs azapi or azurerm 4.x).
 * The `VpnGateway` construct refuses the same SKUs with the same predicate.
 *
 * Catalogue: GW-SKU-LEGACY, GW-SKU-ER-ONLY, MISC-EXPRESSROUTE-PIP.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-skus-legacy
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#auto-assigned-public-ip
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://github.com/PaloAltoNetworks/terraform-azurerm-swfw-modules/pull/204
 */
export const GatewaySkuForType: Rule = {
  id: "Gateway.SkuForType",
  severity: "error",
  description: `A VPN gateway uses a legacy SKU (${LEGACY_VPN_SKUS.map((l) => l.sku).join(", ")}), an ExpressRoute-only SKU or no VPN SKU; an ExpressRoute gateway uses a SKU other than ${EXPRESSROUTE_GATEWAY_SKUS.join(", ")}, or sets public_ip_address_id (Azure assigns its public IP).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-skus-legacy",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      if (typeof g.type !== "string") {
        out.cannotVerify(
          g.path,
          `whether the SKU of ${gatewayLabel(g)} fits its type: its type is ${show(g.type)}`,
        );
        continue;
      }
      if (isUnknown(g.sku)) {
        out.cannotVerify(
          g.path,
          `whether the SKU of ${gatewayLabel(g)} fits its type: its sku is ${g.sku.unknown}`,
        );
      } else if (typeof g.sku === "string") {
        const v = gatewaySkuViolation(g.type, g.sku);
        if (v) out.find(skuFinding(g, g.type, g.sku, v));
      }
      if (!publicIpRefusedOnGatewayType(g.type)) continue;
      for (const ic of g.ipConfigurations) {
        if (ic.publicIpExpr === undefined) continue;
        out.find({
          path: g.path,
          message: `${gatewayLabel(g)} (type ${ER}) sets public_ip_address_id (${ic.publicIp?.path ?? ic.publicIpExpr}) in ip_configuration ${show(ic.name ?? "vnetGatewayConfig")}; Azure assigns and manages the public IP of ${ER} gateways, and creating one with a public IP association fails.`,
          fix: `Remove public_ip_address_id from the ${ER} gateway's ip_configuration (azurerm 4.x; azurerm 3.x requires it, so create the gateway with azurerm 4.x or azapi).`,
          values: { gateway: show(g.name), type: g.type, publicIp: ic.publicIp?.path ?? ic.publicIpExpr },
        });
      }
    }
    return out;
  },
};

function skuFinding(g: GatewayM, type: string, sku: string, v: GatewaySkuViolation): RuleFinding {
  const values = { gateway: show(g.name), type, sku };
  const at = `${gatewayLabel(g)} (type ${type}) has sku ${sku}`;
  switch (v.kind) {
    case "legacy-vpn":
      return {
        path: g.path,
        message: `${at}, a legacy VPN SKU that Azure no longer creates (existing ones are migrated to ${v.replacement}).`,
        fix: `Use sku ${v.replacement}, the AZ SKU that replaces it, with zone-redundant Standard public IPs.`,
        values: { ...values, replacement: v.replacement },
      };
    case "expressroute-only":
      return {
        path: g.path,
        message: `${at}, an ${ER}-only SKU; VPN gateways use ${VPN_SKUS}.`,
        fix: `Use a VPN SKU such as ${DEFAULT_VPN_GATEWAY_SKU}, or set type = "${ER}" for an ${ER} gateway.`,
        values,
      };
    case "not-a-vpn-sku":
      return {
        path: g.path,
        message: `${at}, which is not a VPN gateway SKU (${VPN_SKUS}).`,
        fix: `Use a VPN SKU such as ${DEFAULT_VPN_GATEWAY_SKU}.`,
        values,
      };
    case "not-an-expressroute-sku":
      return {
        path: g.path,
        message: `${at}, which is not an ${ER} gateway SKU (${v.expressRouteSkus.join(", ")}).`,
        fix: `Use an ${ER} SKU such as ${DEFAULT_EXPRESSROUTE_GATEWAY_SKU}, or set type = "${GATEWAY_TYPES.vpn}" for a VPN gateway.`,
        values,
      };
    case "unknown-type":
      return {
        path: g.path,
        message: `${gatewayLabel(g)} has type ${type}; a virtual network gateway is ${v.types.join(" or ")}.`,
        fix: `Set type = "${GATEWAY_TYPES.vpn}" or "${ER}".`,
        values,
      };
  }
}
