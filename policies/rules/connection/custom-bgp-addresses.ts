import { ConnectionM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, gatewayLabel } from "../link-helpers";

/**
 * `Connection.CustomBgpAddresses`: `custom_bgp_addresses` of a connection pick, per gateway instance,
 * one of the gateway's custom APIPA BGP addresses. The azurerm provider, when the connection has BGP
 * enabled, refuses them on a connection whose type is not `IPsec` ("`custom_bgp_addresses` can only be
 * used when `type` is set to `IPsec`") and when an address is not one of the gateway's
 * `bgp_settings.peering_addresses.apipa_addresses` ("primary or secondary address not found"); without
 * BGP on the connection it silently drops them (warning). The provider also means to refuse them on a
 * gateway that is not active-active, but its check compares pointers and never fires: a warning here
 * (2026-12 correction). The primary address is for the gateway's first instance and the secondary for
 * its second, so the two must belong to different IP configurations (`peering_addresses` blocks): an
 * error when both are addresses of the same one.
 *
 * Catalogue: BGP-CUSTOM-ADDR-IPSEC-AA.
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
export const ConnectionCustomBgpAddresses: Rule = {
  id: "Connection.CustomBgpAddresses",
  severity: "error",
  description:
    "A connection's custom_bgp_addresses are on a non-IPsec connection, not among its gateway's custom APIPA addresses, or both on one IP configuration (error), or are ignored without BGP, or on a gateway that is not active-active (warning).",
  source:
    "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/network/virtual_network_gateway_connection_resource.go",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      const custom = c.customBgpAddresses;
      if (!custom) continue;
      const label = connectionLabel(c);
      const bgp = c.bgpEnabled;
      if (isUnknown(bgp)) {
        out.cannotVerify(
          c.path,
          `custom_bgp_addresses: whether BGP is enabled on the connection: it is ${bgp.unknown}`,
        );
        continue;
      }
      if (bgp !== true) {
        out.find({
          path: c.path,
          severity: "warning",
          message: `${label} sets custom_bgp_addresses but not BGP; the provider ignores custom BGP addresses on a connection without BGP.`,
          fix: "Enable BGP on the connection (enable_bgp), or remove custom_bgp_addresses.",
          values: { connection: c.path },
        });
        continue;
      }
      if (!isUnknown(c.type) && c.type !== undefined && c.type !== "IPsec") {
        out.find({
          path: c.path,
          message: `${label} has type ${c.type} and sets custom_bgp_addresses; custom BGP addresses can only be used on IPsec connections.`,
          fix: "Remove custom_bgp_addresses, or make the connection an IPsec (site-to-site) connection.",
          values: { type: c.type },
        });
      }
      const gw = c.gateway;
      if (!gw || !gw.source) {
        out.cannotVerify(
          c.path,
          `custom_bgp_addresses: the gateway (${c.gatewayExpr}) cannot be resolved at synth`,
        );
        continue;
      }
      if (isUnknown(gw.activeActive)) {
        out.cannotVerify(
          c.path,
          `custom_bgp_addresses: whether ${gatewayLabel(gw)} is active-active: it is ${gw.activeActive.unknown}`,
        );
      } else if (gw.activeActive !== true) {
        out.find({
          path: c.path,
          severity: "warning",
          message: `${label} sets custom_bgp_addresses, but ${gatewayLabel(gw)} is not active-active; the provider documents custom BGP addresses for active-active gateways only.`,
          fix: `Make ${gatewayLabel(gw)} active-active with custom APIPA addresses per instance, or remove custom_bgp_addresses.`,
          values: { gateway: String(gw.name ?? gw.path) },
        });
      }
      // The gateway's custom APIPA addresses, unless some cannot be read at synth.
      let unknownApipa: string | undefined;
      for (const pa of gw.bgpPeeringAddresses) {
        if (isUnknown(pa.apipaAddresses)) unknownApipa = pa.apipaAddresses.unknown;
      }
      const apipa = new Set(gw.apipaAddresses);
      sameIpConfiguration(c, custom, out);
      for (const which of ["primary", "secondary"] as const) {
        const addr = custom[which];
        if (addr === undefined) continue;
        if (isUnknown(addr)) {
          out.cannotVerify(c.path, `custom_bgp_addresses.${which} is ${addr.unknown}`);
          continue;
        }
        if (apipa.has(addr)) continue;
        if (unknownApipa !== undefined) {
          out.cannotVerify(
            c.path,
            `whether custom_bgp_addresses.${which} ${addr} is one of the APIPA addresses of ${gatewayLabel(gw)}: ${unknownApipa} is not known at synth`,
          );
          continue;
        }
        out.find({
          path: c.path,
          message: `${label} has custom_bgp_addresses.${which} ${addr}, which is not one of the custom APIPA BGP addresses of ${gatewayLabel(gw)} (${gw.apipaAddresses.join(", ") || "none"}); the provider refuses it at apply.`,
          fix: `Use one of the gateway's bgp_settings.peering_addresses.apipa_addresses, or add ${addr} there.`,
          values: { address: addr, gateway: String(gw.name ?? gw.path) },
        });
      }
    }
    return out;
  },
};

/** The primary and secondary custom addresses are custom APIPA addresses of the same IP configuration. */
function sameIpConfiguration(
  c: ConnectionM,
  custom: NonNullable<ConnectionM["customBgpAddresses"]>,
  out: Outcome,
): void {
  const { primary, secondary } = custom;
  if (typeof primary !== "string" || typeof secondary !== "string") return;
  const gw = c.gateway!;
  const holder = (addr: string) =>
    gw.bgpPeeringAddresses.find((pa) => Array.isArray(pa.apipaAddresses) && pa.apipaAddresses.includes(addr));
  const a = holder(primary);
  const b = holder(secondary);
  if (!a || !b || a !== b) return;
  const config = typeof a.ipConfigurationName === "string" ? a.ipConfigurationName : "(not named)";
  out.find({
    path: c.path,
    message: `${connectionLabel(c)} has custom_bgp_addresses primary ${primary} and secondary ${secondary}, both addresses of IP configuration ${config} of ${gatewayLabel(gw)}; the primary is for the first instance and the secondary for the second, so they must belong to different IP configurations.`,
    fix: `Take the secondary address from the other IP configuration's apipa_addresses of ${gatewayLabel(gw)}, or leave secondary out on an active-standby gateway.`,
    values: { primary, secondary, ipConfiguration: config },
  });
}
