import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { subnetLabel } from "../labels";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import { refusedInGatewaySubnet } from "../../../core/azure/gateway";

const NAT_GATEWAY_ASSOCIATION = "azurerm_subnet_nat_gateway_association";

/**
 * `GatewaySubnet.OnlyGateways`: nothing but virtual network gateways goes into GatewaySubnet ("Never
 * deploy anything else into the gateway subnet"; "Can I deploy VMs to my gateway subnet? No"): a NIC,
 * a private endpoint, a load balancer frontend, an application gateway, a Route Server or any other
 * resource whose `subnet_id` (or a nested block's) is GatewaySubnet is reported. A NAT gateway cannot be
 * attached to GatewaySubnet either ("NAT gateway can't be deployed in a gateway subnet"). NSGs and route
 * tables have their own rules. A subnet whose name is unknown at synth is not verifiable.
 *
 * Catalogue: GW-SUBNET-NO-OTHER-RES, GW-SUBNET-NO-NATGW.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @see https://learn.microsoft.com/azure/nat-gateway/troubleshoot-nat
 */
export const GatewaySubnetOnlyGateways: Rule = {
  id: "GatewaySubnet.OnlyGateways",
  severity: "error",
  description:
    "A resource other than a virtual network gateway (a NIC, a private endpoint, a load balancer...) is placed in GatewaySubnet, or a NAT gateway is attached to it.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      const placed = sub.attachments.filter((a) => refusedInGatewaySubnet(a.type));
      const nat = sub.natGatewayAssociations;
      if (placed.length === 0 && nat.length === 0) continue;
      if (isUnknown(sub.name) || sub.name === undefined) {
        for (const a of [...placed, ...nat])
          out.cannotVerify(
            a.path,
            `whether ${a.path} is in GatewaySubnet: the subnet's name is ${show(sub.name)}`,
          );
        continue;
      }
      if (!isGatewaySubnetName(sub.name)) continue;
      const values = { subnet: sub.name, network: sub.network?.label ?? "(unknown)" };
      for (const a of placed)
        out.find({
          path: a.path,
          message: `${a.type} ${a.path} is placed in ${subnetLabel(sub)}; Azure deploys nothing but virtual network gateways into the gateway subnet.`,
          fix: "Put the resource in another subnet of the network (create one if needed); keep GatewaySubnet for the gateways.",
          values: { ...values, resource: a.path, type: a.type },
        });
      for (const a of nat)
        out.find({
          path: a.path,
          message: `a NAT gateway is attached to ${subnetLabel(sub)} (${a.path}); a NAT gateway cannot be attached to a gateway subnet.`,
          fix: "Remove the NAT gateway association from GatewaySubnet (the VPN gateway does not use it); attach the NAT gateway to the workload subnets.",
          values: { ...values, resource: a.path, type: NAT_GATEWAY_ASSOCIATION },
        });
    }
    return out;
  },
};
