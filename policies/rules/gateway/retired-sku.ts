import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, isVpnGateway, knownSku } from "../labels";
import { retiredSkuViolation, skuListText, vpnSkusWhere } from "../../../core/azure/gateway";

/**
 * `Gateway.RetiredSku`: the non-AZ VPN SKUs VpnGw1-VpnGw5 can no longer be created ("you can't
 * create a new gateway using VpnGw1-5 SKUs (non-AZ SKUs) after January 2025"); existing ones are
 * migrated to the AZ SKUs of the same size. Each maps to its AZ twin (VpnGw2 -> VpnGw2AZ), which
 * Azure creates in every region (regional where the region has no availability zones).
 *
 * Catalogue: GW-SKU-NONAZ-RETIRED.
 * @see https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation
 */
export const GatewayRetiredSku: Rule = {
  id: "Gateway.RetiredSku",
  severity: "error",
  description: `A VPN gateway uses a non-AZ SKU (${skuListText(vpnSkusWhere((f) => f.retired))}), which Azure no longer creates.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || !isVpnGateway(g, out, "whether the SKU can still be created")) continue;
      const sku = knownSku(g, out, "whether the SKU can still be created");
      if (sku === undefined) continue;
      const retired = retiredSkuViolation(sku);
      if (!retired) continue;
      const az = retired.replacement;
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} has sku ${sku}, a non-AZ SKU that Azure no longer creates (new gateways use ${skuListText(retired.creatable)}; existing ones are migrated).`,
        fix: `Use sku ${az}, the AZ SKU of the same size, with zone-redundant Standard public IPs.`,
        values: { gateway: String(g.name), sku, replacement: az },
      });
    }
    return out;
  },
};
