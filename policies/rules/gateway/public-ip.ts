import { GatewayM, NetworkModel, PublicIpM, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, isVpnGateway, knownSku } from "../labels";
import {
  GATEWAY_PUBLIC_IP,
  ZONE_REDUNDANT_ZONES,
  isZoneRedundantSku,
  needsStandardPublicIp,
  publicIpViolations,
  publicIpZonesViolation,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

const SET_IP = `sku = "${GATEWAY_PUBLIC_IP.sku}" and allocation_method = "${GATEWAY_PUBLIC_IP.allocation}"`;

function ipLabel(ip: PublicIpM): string {
  const name = ip.name;
  return `public IP ${typeof name === "string" ? `${name} (${ip.path})` : ip.path}`;
}

/**
 * `Gateway.PublicIp`: the public IPs and IP configurations of a VPN gateway.
 * - Every SKU but Basic needs Standard SKU public IPs (required for new gateways since December
 *   2023), allocated Static: Dynamic allocation exists only on Basic public IPs. Unset `sku` is
 *   Standard (azurerm 4.x default).
 * - Active-active needs exactly two IP configurations (three with point-to-site), each with its own
 *   public IP; active-standby exactly one.
 * - AZ SKUs take their zone redundancy from the public IPs. An unzoned Standard IP is reported as a
 *   warning only: Microsoft's zone-redundant gateway article says it still gives a zone-redundant
 *   VPN gateway, while the provider notes that such IPs "are not zone-redundant by default".
 *
 * Catalogue: GW-IPCFG-COUNT, GW-IPCFG-DISTINCT-PIP, AA-2PIP, GW-PIP-ZONES-AZ.
 * Catalogue (partly): GW-PIP-STANDARD, GW-PIP-BASIC-RETIRED, GW-PIP-STANDARD-STATIC.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways#pipskus
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export const GatewayPublicIp: Rule = {
  id: "Gateway.PublicIp",
  severity: "error",
  description: `A VPN gateway of a SKU other than ${skuListText(vpnSkusWhere((f) => !f.standardPublicIp))} uses a public IP that is not ${GATEWAY_PUBLIC_IP.sku} SKU and ${GATEWAY_PUBLIC_IP.allocation}, an active-active gateway lacks two IP configurations with their own public IPs, or an AZ SKU uses an unzoned public IP (warning).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || !isVpnGateway(g, out, "the public IPs")) continue;
      checkConfigurations(g, out);
      const sku = knownSku(g, out, "the public IPs");
      if (sku === undefined || !needsStandardPublicIp(sku)) continue;
      const checked = new Set<string>();
      g.ipConfigurations.forEach((ic) => {
        if (!ic.publicIp) {
          if (ic.publicIpExpr !== undefined)
            out.cannotVerify(
              g.path,
              `the SKU and allocation of the public IP of ${gatewayLabel(g)}: ${ic.publicIpExpr} cannot be resolved at synth`,
            );
          return;
        }
        if (checked.has(ic.publicIp.key)) return;
        checked.add(ic.publicIp.key);
        checkIp(g, sku, ic.publicIp, out);
      });
    }
    return out;
  },
};

function checkIp(g: GatewayM, sku: string, ip: PublicIpM, out: Outcome): void {
  // An unset sku is Standard under azurerm 4.x (the provider default).
  const ipSku = ip.sku ?? GATEWAY_PUBLIC_IP.sku;
  const values = { gateway: show(g.name), sku, publicIp: ip.path };
  if (isUnknown(ipSku)) {
    out.cannotVerify(ip.path, `the SKU of ${ipLabel(ip)} of ${gatewayLabel(g)}: it is ${ipSku.unknown}`);
  } else {
    for (const v of publicIpViolations(sku, { sku: ipSku })) {
      out.find({
        path: ip.path,
        message: `${ipLabel(ip)} of ${gatewayLabel(g)} (sku ${sku}) has sku ${ipSku}; VPN gateways other than ${skuListText(v.exemptSkus)} need a ${v.required} SKU public IP.`,
        fix: `Set ${SET_IP} on the public IP.`,
        values: { ...values, publicIpSku: ipSku },
      });
    }
  }
  if (isUnknown(ip.allocation)) {
    out.cannotVerify(
      ip.path,
      `the allocation of ${ipLabel(ip)} of ${gatewayLabel(g)}: it is ${ip.allocation.unknown}`,
    );
  } else if (ip.allocation !== undefined) {
    for (const v of publicIpViolations(sku, { allocation: ip.allocation })) {
      out.find({
        path: ip.path,
        message: `${ipLabel(ip)} of ${gatewayLabel(g)} (sku ${sku}) has allocation_method ${ip.allocation}; VPN gateways other than ${skuListText(v.exemptSkus)} need a ${GATEWAY_PUBLIC_IP.sku} public IP allocated ${v.required}.`,
        fix: `Set allocation_method = "${v.required}" (and sku = "${GATEWAY_PUBLIC_IP.sku}") on the public IP.`,
        values: { ...values, allocation: String(ip.allocation) },
      });
    }
  }
  if (!isZoneRedundantSku(sku)) return;
  if (isUnknown(ip.zones)) {
    out.cannotVerify(
      ip.path,
      `the zones of ${ipLabel(ip)} of ${gatewayLabel(g)}: they are ${ip.zones.unknown}`,
    );
  } else if (publicIpZonesViolation(sku, ip.zones)?.kind === "az-needs-zones") {
    out.find({
      path: ip.path,
      severity: "warning",
      message: `${ipLabel(ip)} of ${gatewayLabel(g)} (zone-redundant sku ${sku}) lists no zones; the gateway's zone redundancy follows its public IPs, and the provider documents unzoned Standard IPs as not zone-redundant by default.`,
      fix: `Set zones = [${ZONE_REDUNDANT_ZONES.map((z) => `"${z}"`).join(", ")}] on the public IP (or one zone for a zonal gateway).`,
      values: { ...values, zones: "(none)" },
    });
  }
}

function checkConfigurations(g: GatewayM, out: Outcome): void {
  const count = g.ipConfigurationCount;
  const aa = g.activeActive;
  if (isUnknown(count)) {
    out.cannotVerify(
      g.path,
      `the number of IP configurations of ${gatewayLabel(g)}: they come from ${count.unknown}`,
    );
  } else if (isUnknown(aa)) {
    out.cannotVerify(
      g.path,
      `the number of IP configurations of ${gatewayLabel(g)}: active_active is ${aa.unknown}`,
    );
  } else {
    const p2s = g.pointToSite !== undefined;
    const allowed = aa === true ? (p2s ? [2, 3] : [2]) : [1];
    if (!allowed.includes(count)) {
      const mode = aa === true ? "active-active" : "active-standby";
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} is ${mode} with ${count} ip_configuration block(s); an ${mode} gateway needs exactly ${allowed.join(" or ")}${aa === true ? ", each with its own Standard static public IP" : ""}.`,
        fix:
          aa === true
            ? "Give the gateway two ip_configuration blocks, each with its own public IP (a third only for point-to-site), or set active_active = false."
            : "Keep exactly one ip_configuration block, or set active_active = true for two.",
        values: { gateway: show(g.name), mode, ipConfigurations: String(count) },
      });
    }
  }
  const byIp = new Map<string, number>();
  for (const ic of g.ipConfigurations) {
    if (!ic.publicIp) continue;
    const n = (byIp.get(ic.publicIp.key) ?? 0) + 1;
    byIp.set(ic.publicIp.key, n);
    if (n === 2)
      out.find({
        path: g.path,
        message: `${gatewayLabel(g)} uses ${ipLabel(ic.publicIp)} in more than one ip_configuration; each gateway instance needs its own public IP.`,
        fix: "Create a separate public IP for each ip_configuration.",
        values: { gateway: show(g.name), publicIp: ic.publicIp.path },
      });
  }
}
