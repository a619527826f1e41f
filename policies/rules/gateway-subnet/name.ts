import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import { GATEWAY_SUBNET_MINIMUM } from "../../../core/azure/gateway";
import { gatewayLabel, isCreated, subnetLabel } from "../labels";

/**
 * `GatewaySubnet.Name`: every IP configuration of a virtual network gateway (VPN or ExpressRoute)
 * must use a subnet named GatewaySubnet. Azure deploys gateways only into that subnet and gateway
 * creation fails otherwise; Azure and the provider (`validate.IsGatewaySubnet`) compare the name
 * case-insensitively, so this rule does too. The subnet may be a resource, an inline block, a data
 * source or a literal subnet id (whose last segment is its name).
 *
 * Catalogue: GW-SUBNET-NAME.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/expressroute/expressroute-about-virtual-network-gateways#gwsub
 */
export const GatewaySubnetName: Rule = {
  id: "GatewaySubnet.Name",
  severity: "error",
  description: "A virtual network gateway's IP configuration uses a subnet that is not named GatewaySubnet.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      for (const ic of g.ipConfigurations) {
        const config = `ip_configuration ${show(ic.name ?? "vnetGatewayConfig")}`;
        const sub = ic.subnet;
        if (!sub || isUnknown(sub.name) || sub.name === undefined) {
          out.cannotVerify(
            g.path,
            `the gateway subnet's name in ${config} of ${gatewayLabel(g)}: the subnet ${
              sub ? `name is ${show(sub.name)}` : `${ic.subnetExpr} cannot be resolved at synth`
            }`,
          );
          continue;
        }
        if (isGatewaySubnetName(sub.name)) continue;
        out.find({
          path: g.path,
          message: `${gatewayLabel(g)} uses ${subnetLabel(sub)} in ${config}; Azure deploys virtual network gateways only into the subnet named GatewaySubnet, and creating this gateway fails.`,
          fix: `Point ip_configuration.subnet_id at the network's subnet named GatewaySubnet (create one of /${GATEWAY_SUBNET_MINIMUM} or larger with nothing else in it).`,
          values: {
            gateway: show(g.name),
            subnet: show(sub.name),
            network: sub.network?.label ?? "(unknown)",
          },
        });
      }
    }
    return out;
  },
};
