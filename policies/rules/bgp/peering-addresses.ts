import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated } from "../labels";
import { DEFAULT_GATEWAY_IP_CONFIGURATION_NAME, peeringAddressesViolations } from "../../../core/azure/bgp";

/**
 * `Bgp.PeeringAddresses`: a VPN gateway's `bgp_settings.peering_addresses` blocks (custom APIPA
 * addresses per instance) fit its IP configurations: at most one block per IP configuration (an
 * active-standby gateway has one); with two or more IP configurations each block names its
 * `ip_configuration_name`, which the provider requires at apply ("`ip_configuration_name` has to be set
 * ... in case there are multiple `ip_configuration` blocks"); and the name is one of the gateway's IP
 * configurations (`vnetGatewayConfig` when unnamed). The `VpnGateway` construct writes one block per
 * instance with its name, and refuses more entries than instances with the same predicate.
 *
 * Catalogue: AA-BGP-PEERING-ADDR.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const BgpPeeringAddresses: Rule = {
  id: "Bgp.PeeringAddresses",
  severity: "error",
  description:
    "A gateway has more bgp_settings.peering_addresses blocks than IP configurations, a block without ip_configuration_name on a gateway with several IP configurations, or a name that is none of its IP configurations.",
  source:
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || g.bgpPeeringAddresses.length === 0) continue;
      if (isUnknown(g.ipConfigurationCount)) {
        out.cannotVerify(
          g.path,
          `whether the BGP peering addresses of ${gatewayLabel(g)} fit its IP configurations: they come from ${g.ipConfigurationCount.unknown}`,
        );
        continue;
      }
      const names = g.ipConfigurations.map((ic) => {
        const n = ic.name ?? DEFAULT_GATEWAY_IP_CONFIGURATION_NAME;
        return typeof n === "string" ? n : undefined;
      });
      const nameList = names.map((n, i) => n ?? `\u0000${i}`);
      const known = names.filter((n): n is string => n !== undefined);
      const blocks = g.bgpPeeringAddresses.map((pa) =>
        pa.ipConfigurationName === undefined
          ? null
          : isUnknown(pa.ipConfigurationName)
            ? undefined
            : pa.ipConfigurationName,
      );
      if (names.includes(undefined) || blocks.includes(undefined))
        out.cannotVerify(
          g.path,
          `whether the BGP peering addresses of ${gatewayLabel(g)} name its IP configurations: ${names.includes(undefined) ? "an IP configuration's name" : "an ip_configuration_name"} is unknown at synth`,
        );
      for (const v of peeringAddressesViolations(nameList, blocks)) {
        if (v.kind === "unknown-name" && names.includes(undefined)) continue;
        const values = {
          gateway: show(g.name),
          ipConfigurations: String(names.length),
          peeringAddresses: String(blocks.length),
        };
        if (v.kind === "too-many")
          out.find({
            path: g.path,
            message: `${gatewayLabel(g)} has ${blocks.length} bgp_settings.peering_addresses blocks for ${names.length} ip_configuration block(s); each block gives the custom BGP addresses of one gateway instance.`,
            fix: "Keep one peering_addresses block per ip_configuration (two only on an active-active gateway).",
            values,
          });
        else if (v.kind === "unnamed")
          out.find({
            path: g.path,
            message: `peering_addresses block ${v.index + 1} of ${gatewayLabel(g)} has no ip_configuration_name, and the gateway has ${names.length} IP configurations; the provider refuses this at apply.`,
            fix: `Set ip_configuration_name in each peering_addresses block to the name of its ip_configuration (${known.join(", ")}).`,
            values,
          });
        else
          out.find({
            path: g.path,
            message: `peering_addresses block ${v.index + 1} of ${gatewayLabel(g)} names ip_configuration ${v.name}, which the gateway does not have (${known.join(", ")}).`,
            fix: `Set ip_configuration_name to one of ${known.join(", ")}.`,
            values: { ...values, ipConfigurationName: v.name },
          });
      }
    }
    return out;
  },
};
