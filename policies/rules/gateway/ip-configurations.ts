import { GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, subnetLabel } from "../labels";
import { GATEWAY_PRIVATE_IP_ALLOCATION, privateIpAllocationRefused } from "../../../core/azure/gateway";

/**
 * `Gateway.IpConfigurations`: the `ip_configuration` blocks of a virtual network gateway (VPN or
 * ExpressRoute).
 * - `private_ip_address_allocation` must be `Dynamic`: the provider's schema accepts `Static`, but its
 *   documentation says "The only valid value is `Dynamic`" (`Static` "is not supported by the service
 *   yet").
 * - All of them use the same subnet, the GatewaySubnet of the gateway's network: a gateway is deployed
 *   into one GatewaySubnet, and a network has one gateway of each type. Subnets that cannot be resolved
 *   are compared by their expression; different unresolved expressions are not verifiable.
 * The `VpnGateway` construct writes Dynamic allocation and one subnet for every IP configuration.
 *
 * Catalogue: GW-IPCFG-PRIVATE-DYNAMIC, GW-IPCFG-SAME-SUBNET.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 */
export const GatewayIpConfigurations: Rule = {
  id: "Gateway.IpConfigurations",
  severity: "error",
  description: `A gateway's ip_configuration has a private_ip_address_allocation other than ${GATEWAY_PRIVATE_IP_ALLOCATION}, or its ip_configuration blocks use different subnets.`,
  source:
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      checkAllocation(g, out);
      checkSubnets(g, out);
    }
    return out;
  },
};

function configName(name: unknown): string {
  return `ip_configuration ${show(name ?? "vnetGatewayConfig")}`;
}

function checkAllocation(g: GatewayM, out: Outcome): void {
  for (const ic of g.ipConfigurations) {
    const a = ic.privateIpAllocation;
    if (isUnknown(a)) {
      out.cannotVerify(
        g.path,
        `the private IP allocation of ${configName(ic.name)} of ${gatewayLabel(g)}: it is ${a.unknown}`,
      );
    } else if (typeof a === "string" && privateIpAllocationRefused(a)) {
      out.find({
        path: g.path,
        message: `${configName(ic.name)} of ${gatewayLabel(g)} has private_ip_address_allocation ${a}; the private IP allocation of a gateway is ${GATEWAY_PRIVATE_IP_ALLOCATION} only (the provider documents ${a} as not supported by the service).`,
        fix: `Set private_ip_address_allocation = "${GATEWAY_PRIVATE_IP_ALLOCATION}", or leave it out (its default).`,
        values: { gateway: show(g.name), ipConfiguration: show(ic.name), allocation: a },
      });
    }
  }
}

function checkSubnets(g: GatewayM, out: Outcome): void {
  if (g.ipConfigurations.length < 2) return;
  // Resolved subnets by key; unresolved ones by their expression.
  const seen = new Map<string, string>();
  let unresolved = false;
  for (const ic of g.ipConfigurations) {
    if (ic.subnet) seen.set(ic.subnet.key, subnetLabel(ic.subnet));
    else {
      unresolved = true;
      seen.set(`expr:${ic.subnetExpr}`, ic.subnetExpr);
    }
  }
  if (seen.size < 2) return;
  const subnets = [...seen.values()].join(" and ");
  if (unresolved) {
    out.cannotVerify(
      g.path,
      `whether the ip_configuration blocks of ${gatewayLabel(g)} use one subnet: ${subnets} cannot all be resolved at synth`,
    );
    return;
  }
  out.find({
    path: g.path,
    message: `the ip_configuration blocks of ${gatewayLabel(g)} use different subnets (${subnets}); every IP configuration of a gateway is in the one GatewaySubnet of its network.`,
    fix: "Point every ip_configuration.subnet_id at the same GatewaySubnet.",
    values: { gateway: show(g.name), subnets },
  });
}
