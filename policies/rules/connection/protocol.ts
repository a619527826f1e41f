import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import {
  CONNECTION_PROTOCOLS,
  DEFAULT_CONNECTION_PROTOCOL,
  connectionProtocolViolation,
  ikev1DiscouragedOn,
  ikev1Violation,
} from "../../../core/azure/connection";
import { orList } from "../../../core/text";
import { skuListText, vpnSkusWhere } from "../../../core/azure/gateway";

/**
 * `Connection.Protocol`: a connection's IKE version (`connection_protocol`).
 * - A value other than IKEv2 or IKEv1 (error; the provider's enum).
 * - IKEv1 on a route-based Basic gateway, or a legacy Standard/HighPerformance one (error): "IKEv1 S2S
 *   connections are supported on all RouteBased SKUs except Basic" (a policy-based gateway speaks IKEv1
 *   only: fine).
 * - IKEv1 on a VNet-to-VNet connection (warning): "VNet-to-VNet is a VPN connection over IPsec (IKEv2)".
 * The connection constructs refuse the errors with the same predicates (core/azure/connection).
 *
 * Catalogue: CONN-IKEV1-SKU.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export const ConnectionProtocol: Rule = {
  id: "Connection.Protocol",
  severity: "error",
  description: `A connection's connection_protocol is not ${orList(CONNECTION_PROTOCOLS)}, or is IKEv1 on a route-based ${skuListText(vpnSkusWhere((f) => !f.ikev1))} (or legacy) gateway (error), or IKEv1 on a VNet-to-VNet connection (warning).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const protocol = c.connectionProtocol;
      if (protocol === undefined || protocol === DEFAULT_CONNECTION_PROTOCOL) continue;
      const label = connectionLabel(c);
      if (isUnknown(protocol)) {
        out.cannotVerify(
          c.path,
          `which IKE version the connection uses: connection_protocol is ${protocol.unknown}`,
        );
        continue;
      }
      if (connectionProtocolViolation(protocol)) {
        out.find({
          path: c.path,
          message: `${label} has connection_protocol ${protocol}, which is not an IKE version the provider accepts (${orList(CONNECTION_PROTOCOLS)}).`,
          fix: `Set connection_protocol to ${DEFAULT_CONNECTION_PROTOCOL} (recommended), or leave it out.`,
          values: { connectionProtocol: protocol },
        });
        continue;
      }
      if (c.type === "Vnet2Vnet" && ikev1DiscouragedOn(c.type)) {
        out.find({
          path: c.path,
          severity: "warning",
          message: `${label} is a VNet-to-VNet connection with connection_protocol ${protocol}; Microsoft describes VNet-to-VNet as IPsec over ${DEFAULT_CONNECTION_PROTOCOL}.`,
          fix: `Use ${DEFAULT_CONNECTION_PROTOCOL} on both directions of the VNet-to-VNet link.`,
          values: { connectionProtocol: protocol },
        });
      }
      const gw = c.gateway;
      if (!gw) {
        out.cannotVerify(
          c.path,
          `whether the gateway (${c.gatewayExpr}) supports ${protocol}: it cannot be resolved at synth`,
        );
        continue;
      }
      if (isUnknown(gw.sku) || isUnknown(gw.vpnType)) {
        const which = isUnknown(gw.sku)
          ? `its sku is ${gw.sku.unknown}`
          : `its vpn_type is ${(gw.vpnType as { unknown: string }).unknown}`;
        out.cannotVerify(c.path, `whether ${gatewayLabel(gw)} supports ${protocol}: ${which}`);
        continue;
      }
      if (typeof gw.sku !== "string") continue;
      const refused = ikev1Violation(gw.sku, gw.vpnType);
      if (!refused) continue;
      out.find({
        path: c.path,
        message: `${label} uses ${protocol}, but ${gatewayLabel(gw)} is a route-based ${refused.sku} gateway, which supports ${DEFAULT_CONNECTION_PROTOCOL} only.`,
        fix: `Use ${DEFAULT_CONNECTION_PROTOCOL} (if the device supports it), or a VpnGw SKU gateway for ${protocol}.`,
        values: { connectionProtocol: protocol, gateway: String(gw.name ?? gw.path), sku: refused.sku },
      });
    }
    return out;
  },
};
