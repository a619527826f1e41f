import { Prefix } from "../../../core/cidr";
import { GatewayM, NetworkModel, SubnetM, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, subnetLabel } from "../labels";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import {
  GATEWAY_SUBNET_ABSOLUTE_MINIMUM,
  GATEWAY_SUBNET_MINIMUM,
  GATEWAY_SUBNET_WITH_EXPRESSROUTE,
  GatewaySubnetSizeViolation,
  gatewaySubnetSizeViolation,
  skuListText,
  vpnSkusWhere,
} from "../../../core/azure/gateway";

/**
 * `GatewaySubnet.Size`: a gateway subnet must be /27 or larger for every VPN gateway SKU except
 * Basic, which may use /28 or /29; no gateway subnet may be smaller than /29. The current settings
 * article ("all other SKUs require a gateway subnet of size /27 or larger") supersedes older FAQ text
 * that allowed /29 generally. A GatewaySubnet that no gateway in the configuration uses is held to
 * /29; an ExpressRoute gateway's to /29 too (Microsoft recommends /27 there, it does not require it).
 *
 * Catalogue: GW-SUBNET-SIZE-MIN, GW-SUBNET-SIZE-ABS.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const GatewaySubnetSize: Rule = {
  id: "GatewaySubnet.Size",
  severity: "error",
  description: `GatewaySubnet is smaller than /${GATEWAY_SUBNET_MINIMUM} for a VPN gateway of any SKU but ${skusBelowMinimum()}, or smaller than /${GATEWAY_SUBNET_ABSOLUTE_MINIMUM} for any gateway.`,
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const used = new Set<string>();
    for (const g of model.gateways) {
      if (!isCreated(g)) continue;
      const seen = new Set<string>();
      for (const ic of g.ipConfigurations) {
        const sub = ic.subnet;
        if (!sub || !isGatewaySubnetName(sub.name) || seen.has(sub.key)) continue;
        seen.add(sub.key);
        used.add(sub.key);
        checkForGateway(g, sub, out);
      }
    }
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (used.has(sub.key) || !isGatewaySubnetName(sub.name) || !sub.prefixes.known) continue;
      if (sub.kind === "data" || sub.kind === "external") continue;
      for (const p of ipv4(sub.prefixes.prefixes)) {
        const v = gatewaySubnetSizeViolation(p);
        if (v) out.find(tooSmall(sub, p, v, "any gateway"));
      }
    }
    return out;
  },
};

function ipv4(prefixes: readonly Prefix[]): Prefix[] {
  return prefixes.filter((p) => p.family === 4);
}

function checkForGateway(g: GatewayM, sub: SubnetM, out: Outcome): void {
  if (!sub.prefixes.known) {
    out.cannotVerify(
      sub.path,
      `the size of ${subnetLabel(sub)} used by ${gatewayLabel(g)}: ${sub.prefixes.why}`,
    );
    return;
  }
  for (const p of ipv4(sub.prefixes.prefixes)) {
    // Too small for any gateway, whatever its type and SKU.
    const any = gatewaySubnetSizeViolation(p);
    if (any) {
      out.find(tooSmall(sub, p, any, `${gatewayLabel(g)} (sku ${show(g.sku)})`));
      continue;
    }
    // Large enough for a VPN gateway of any SKU: nothing depends on this gateway's type or SKU.
    if (!gatewaySubnetSizeViolation(p, { type: VPN })) continue;
    // Smaller: allowed for some SKUs (Basic) and for an ExpressRoute gateway only.
    if (typeof g.type !== "string") {
      out.cannotVerify(
        sub.path,
        `whether ${p.text} is large enough for ${gatewayLabel(g)}: its type is ${show(g.type)}`,
      );
      continue;
    }
    if (!gatewaySubnetSizeViolation(p, { type: g.type })) continue;
    if (typeof g.sku !== "string") {
      out.cannotVerify(
        sub.path,
        `whether ${p.text} is large enough for ${gatewayLabel(g)}: its sku is ${show(g.sku)}`,
      );
      continue;
    }
    const v = gatewaySubnetSizeViolation(p, { type: g.type, sku: g.sku });
    if (v) out.find(tooSmall(sub, p, v, `${gatewayLabel(g)} (sku ${g.sku})`));
  }
}

/** The gateway type whose GatewaySubnet minimum depends on the SKU. */
const VPN = "Vpn";

/** The SKUs that may use a GatewaySubnet smaller than the minimum of every other SKU. */
function skusBelowMinimum(): string {
  return skuListText(vpnSkusWhere((f) => f.gatewaySubnetMinimum > GATEWAY_SUBNET_MINIMUM));
}

function tooSmall(sub: SubnetM, p: Prefix, v: GatewaySubnetSizeViolation, forWhat: string) {
  const min = v.minimum;
  const smaller = Array.from({ length: v.absoluteMinimum - min }, (_, i) => `/${min + i + 1}`).join(" or ");
  const note =
    v.smallerFor.length > 0 ? `; only the ${skuListText(v.smallerFor)} SKU may use ${smaller}` : "";
  return {
    path: sub.path,
    message: `${subnetLabel(sub)} has prefix ${p.text}, smaller than /${min}, the smallest gateway subnet Azure supports for ${forWhat}${note}.`,
    fix: `Give GatewaySubnet a /${GATEWAY_SUBNET_MINIMUM} or larger prefix (/${GATEWAY_SUBNET_WITH_EXPRESSROUTE} or larger if an ExpressRoute gateway may share it).`,
    values: { subnet: show(sub.name), prefix: p.text, minimum: `/${min}` },
  };
}
