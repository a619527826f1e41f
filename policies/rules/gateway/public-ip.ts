import { GatewayM, NetworkModel, PublicIpM, Unknown, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, isVpnGateway, knownSku } from "../labels";
import {
  GATEWAY_PUBLIC_IP,
  RETIRED_PUBLIC_IP,
  ZONE_REDUNDANT_ZONES,
  defaultPublicIpSku,
  isDocumentedGatewayPublicIpSku,
  isZoneRedundantSku,
  publicIpViolations,
  publicIpZonesViolation,
  skuListText,
} from "../../../core/azure/gateway";

const SET_IP = `sku = "${GATEWAY_PUBLIC_IP.sku}" and allocation_method = "${GATEWAY_PUBLIC_IP.allocation}"`;

function ipLabel(ip: PublicIpM): string {
  const name = ip.name;
  return `public IP ${typeof name === "string" ? `${name} (${ip.path})` : ip.path}`;
}

/**
 * `Gateway.PublicIp`: the public IPs and IP configurations of a VPN gateway.
 * - Every public IP of a new VPN gateway (of any SKU, Basic included) must be
 *   Standard SKU and allocated Static: Basic public IPs, and Dynamic allocation (which only Basic IPs
 *   have), can no longer be created since 31 March 2025; VPN gateways other than Basic refuse Basic IPs
 *   anyway (required since December 2023, `PublicIpWithBasicSkuNotAllowedOnVPNGateways`). A public IP
 *   without `sku` takes the provider's default: Basic under azurerm 3.x, Standard under 4.x, decided by
 *   the version the configuration pins (`terraform.required_providers`), unverifiable when it pins none.
 *   A SKU Microsoft does not document for gateways (`StandardV2`) is reported as not verifiable.
 *   ExpressRoute gateways take no public IP of the configuration (`Gateway.SkuForType`).
 * - A VPN gateway that is active-active needs exactly two IP configurations (three with point-to-site),
 *   each with its own public IP; active-standby exactly one. A `dynamic "ip_configuration"` block leaves
 *   the count to Terraform: not verifiable.
 * - AZ SKUs take their zone redundancy from the public IPs. An unzoned Standard IP is reported as a
 *   warning only: Microsoft's zone-redundant gateway article says it still gives a zone-redundant
 *   VPN gateway, while the provider notes that such IPs "are not zone-redundant by default".
 *
 * Catalogue: GW-PIP-STANDARD, GW-PIP-BASIC-RETIRED, GW-PIP-STANDARD-STATIC, GW-IPCFG-COUNT, GW-IPCFG-DISTINCT-PIP, AA-2PIP, GW-PIP-ZONES-AZ.
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways#pipskus
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/public_ip
 */
export const GatewayPublicIp: Rule = {
  id: "Gateway.PublicIp",
  severity: "error",
  description: `A VPN gateway's public IP is not ${GATEWAY_PUBLIC_IP.sku} SKU and ${GATEWAY_PUBLIC_IP.allocation} (${RETIRED_PUBLIC_IP.sku} and ${RETIRED_PUBLIC_IP.allocation} IPs can no longer be created; an unset sku is ${defaultPublicIpSku(3)} under azurerm 3.x), an active-active VPN gateway lacks two IP configurations with their own public IPs, or an AZ SKU uses an unzoned public IP (warning).`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) {
      if (!isCreated(g) || !isVpnGateway(g, out, "the public IPs")) continue;
      checkConfigurations(g, out);
      const sku = knownSku(g, out, "the public IPs");
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

/** The IP's SKU as Azure will see it: as written, or the default of the pinned azurerm version. */
function effectiveSku(ip: PublicIpM): { sku: string; note: string } | Unknown {
  if (isUnknown(ip.sku)) return { unknown: `its sku is ${ip.sku.unknown}` };
  if (ip.sku !== undefined) return { sku: ip.sku, note: "" };
  const v = ip.azurermVersion;
  if (isUnknown(v))
    return {
      unknown: `it has no sku, whose default depends on the azurerm version (${defaultPublicIpSku(3)} under 3.x, ${defaultPublicIpSku(4)} under 4.x), and ${v.unknown}`,
    };
  return {
    sku: defaultPublicIpSku(v.major),
    note: ` (no sku: the default of azurerm ${v.major}.x, which the configuration pins with '${v.constraint}')`,
  };
}

function checkIp(g: GatewayM, sku: string | undefined, ip: PublicIpM, out: Outcome): void {
  const gw = `${gatewayLabel(g)} (sku ${show(g.sku)})`;
  const values = { gateway: show(g.name), sku: show(g.sku), publicIp: ip.path };
  const gatewaySku = sku;
  const eff = effectiveSku(ip);
  if (isUnknown(eff)) {
    out.cannotVerify(ip.path, `the SKU of ${ipLabel(ip)} of ${gatewayLabel(g)}: ${eff.unknown}`);
  } else if (!isDocumentedGatewayPublicIpSku(eff.sku)) {
    out.cannotVerify(
      ip.path,
      `whether ${gatewayLabel(g)} accepts ${ipLabel(ip)} of sku ${eff.sku}: Microsoft documents ${GATEWAY_PUBLIC_IP.sku} public IPs for gateways`,
    );
  } else {
    for (const v of publicIpViolations(gatewaySku, { sku: eff.sku })) {
      const refuses = v.gatewayRefuses
        ? `, and VPN gateways other than ${skuListText(v.exemptSkus)} refuse it (PublicIpWithBasicSkuNotAllowedOnVPNGateways)`
        : "";
      out.find({
        path: ip.path,
        message: `${ipLabel(ip)} of ${gw} has sku ${eff.sku}${eff.note}; ${RETIRED_PUBLIC_IP.sku} SKU public IPs can no longer be created (since ${v.notCreatedSince})${refuses}.`,
        fix: `Set ${SET_IP} on the public IP.`,
        values: { ...values, publicIpSku: eff.sku },
      });
    }
  }
  if (isUnknown(ip.allocation)) {
    out.cannotVerify(
      ip.path,
      `the allocation of ${ipLabel(ip)} of ${gatewayLabel(g)}: it is ${ip.allocation.unknown}`,
    );
  } else if (ip.allocation !== undefined) {
    for (const v of publicIpViolations(gatewaySku, { allocation: ip.allocation })) {
      out.find({
        path: ip.path,
        message: `${ipLabel(ip)} of ${gw} has allocation_method ${ip.allocation}; ${RETIRED_PUBLIC_IP.allocation} allocation exists only on ${RETIRED_PUBLIC_IP.sku} public IPs, which can no longer be created (since ${v.notCreatedSince}), and ${GATEWAY_PUBLIC_IP.sku} public IPs are allocated ${v.required}.`,
        fix: `Set allocation_method = "${v.required}" (and sku = "${GATEWAY_PUBLIC_IP.sku}") on the public IP.`,
        values: { ...values, allocation: String(ip.allocation) },
      });
    }
  }
  if (sku === undefined || !isZoneRedundantSku(sku)) return;
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
