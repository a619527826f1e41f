import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { subnetLabel } from "../labels";
import { isGatewaySubnetName } from "../../../core/azure/naming";

/**
 * `GatewaySubnet.NoNsg`: no network security group on GatewaySubnet, however it is associated
 * (an `azurerm_subnet_network_security_group_association` on a subnet resource, a data source or a
 * literal subnet id, or the inline `subnet { security_group }` of `azurerm_virtual_network`).
 * Azure does not support NSGs on GatewaySubnet: the gateway may stop working, and creating a
 * gateway in a subnet with an NSG fails.
 *
 * Catalogue: GW-SUBNET-NSG.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#can-i-associate-a-network-security-group-nsg-to-the-gatewaysubnet
 */
export const GatewaySubnetNoNsg: Rule = {
  id: "GatewaySubnet.NoNsg",
  severity: "error",
  description:
    "A network security group is associated with GatewaySubnet (association resource, data source, literal id or inline block).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (sub.nsgAssociations.length === 0) continue;
      if (isUnknown(sub.name) || sub.name === undefined) {
        for (const a of sub.nsgAssociations)
          out.cannotVerify(
            a.path,
            `whether the NSG ${a.nsg} is on GatewaySubnet: the subnet is ${show(sub.name)}`,
          );
        continue;
      }
      if (!isGatewaySubnetName(sub.name)) continue;
      for (const a of sub.nsgAssociations) {
        out.find({
          path: a.path,
          message: `network security group ${a.nsg} is associated with ${subnetLabel(sub)}; Azure does not support NSGs on the gateway subnet and gateway creation or operation fails.`,
          fix: "Remove the NSG association from GatewaySubnet (filter traffic with NSGs on the other subnets, or on the VMs' NICs).",
          values: { subnet: show(sub.name), nsg: a.nsg, network: sub.network?.label ?? "(unknown)" },
        });
      }
    }
    return out;
  },
};
