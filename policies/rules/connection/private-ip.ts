import { NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import { privateIpConnectionViolation } from "../../../core/azure/connection";

/**
 * `Connection.PrivateIp`: a connection that uses the gateway's private IP
 * (`local_azure_ip_address_enabled = true`, e.g. a VPN over ExpressRoute private peering) on a gateway
 * without private IPs (`private_ip_address_enabled`): "Support for private IPs must be set on the VPN
 * gateway for this option to work." The provider does not check the pair. Our constructs set neither.
 *
 * Catalogue: CONN-PRIVATEIP.
 * @see https://learn.microsoft.com/azure/vpn-gateway/site-to-site-vpn-private-peering
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/virtual_network_gateway_connection.html.markdown
 */
export const ConnectionPrivateIp: Rule = {
  id: "Connection.PrivateIp",
  severity: "error",
  description:
    "A connection sets local_azure_ip_address_enabled but its gateway does not set private_ip_address_enabled.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/site-to-site-vpn-private-peering",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const uses = c.privateIpAddressEnabled;
      if (uses === undefined || uses === false) continue;
      if (isUnknown(uses)) {
        out.cannotVerify(
          c.path,
          `whether the connection uses the gateway's private IP: local_azure_ip_address_enabled is ${uses.unknown}`,
        );
        continue;
      }
      const gw = c.gateway;
      if (!gw) {
        out.cannotVerify(
          c.path,
          `whether the gateway (${c.gatewayExpr}) has private IPs: it cannot be resolved at synth`,
        );
        continue;
      }
      const enabled = gw.privateIpAddressEnabled;
      if (isUnknown(enabled) || (enabled === undefined && gw.source?.mode === "data")) {
        out.cannotVerify(
          c.path,
          `whether ${gatewayLabel(gw)} has private IPs: private_ip_address_enabled is ${isUnknown(enabled) ? enabled.unknown : "read at plan"}`,
        );
        continue;
      }
      if (!privateIpConnectionViolation(true, enabled)) continue;
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} sets local_azure_ip_address_enabled, but ${gatewayLabel(gw)} does not set private_ip_address_enabled; the tunnel cannot use a private IP the gateway does not have.`,
        fix: `Set private_ip_address_enabled = true on ${gatewayLabel(gw)}, or remove local_azure_ip_address_enabled from the connection.`,
        values: { gateway: String(gw.name ?? gw.path) },
      });
    }
    return out;
  },
};
