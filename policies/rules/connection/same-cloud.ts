import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";
import { cloudOfGateway } from "../cloud-helpers";
import { cloudName, crossCloudViolation } from "../../../core/azure/cloud";

/**
 * `Connection.SameCloud`: a VNet-to-VNet connection joins gateways of two Azure clouds. "VNet-to-VNet
 * supports connecting virtual networks within the same Azure instance. For example, you can't create a
 * connection between global Azure and Chinese/German/US government Azure instances. Consider using a
 * Site-to-Site VPN connection for these scenarios." A gateway's cloud is told by its region (or its
 * network's), else by its azurerm provider's `environment`. One implementation with `Peering.SameCloud`.
 *
 * Catalogue: V2V-SAME-CLOUD.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti
 */
export const ConnectionSameCloud: Rule = {
  id: "Connection.SameCloud",
  severity: "error",
  description:
    "A VNet-to-VNet connection joins gateways in two Azure clouds (the global cloud and Azure Government or Azure in China).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#V2VMulti",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      // Unresolved ends are reported by Connection.Type and Connection.Vnet2VnetPair.
      if (c.type !== "Vnet2Vnet" || !c.gateway || !c.peerGateway) continue;
      const a = cloudOfGateway(c.gateway);
      const b = cloudOfGateway(c.peerGateway);
      if (!("cloud" in a) || !("cloud" in b)) {
        out.cannotVerify(
          c.path,
          `whether the VNet-to-VNet connection stays in one Azure cloud: ${"unknown" in a ? a.unknown : (b as { unknown: string }).unknown}`,
        );
        continue;
      }
      if (!crossCloudViolation(a.cloud, b.cloud)) continue;
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} joins ${gatewayLabel(c.gateway)} in ${cloudName(a.cloud)} (${a.from}) and ${gatewayLabel(c.peerGateway)} in ${cloudName(b.cloud)} (${b.from}); VNet-to-VNet connects gateways of one Azure cloud only.`,
        fix: "Connect the two gateways with site-to-site IPsec connections instead (each as the other's local network gateway, e.g. VnetToVnetIpsecConnection).",
        values: {
          gateway: String(c.gateway.name ?? c.gateway.path),
          cloud: a.cloud,
          peerGateway: String(c.peerGateway.name ?? c.peerGateway.path),
          peerCloud: b.cloud,
        },
      });
    }
    return out;
  },
};
