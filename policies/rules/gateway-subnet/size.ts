import { Prefix } from "../../../core/cidr";
import { GatewayM, NetworkModel, SubnetM, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import { gatewayLabel, is, isBasicSku, isCreated, subnetLabel } from "../labels";

/** Smallest gateway subnet of any gateway: /29, also the smallest IPv4 subnet Azure allows. */
const ABSOLUTE_MIN = 29;
/** Smallest gateway subnet of every VPN SKU but Basic. */
const NON_BASIC_MIN = 27;

/**
 * `GatewaySubnet.Size`: a gateway subnet must be /27 or larger for every VPN gateway SKU except
 * Basic, which may use /28 or /29; no gateway subnet may be smaller than /29. The current settings
 * article ("all other SKUs require a gateway subnet of size /27 or larger") supersedes older FAQ text
 * that allowed /29 generally. A GatewaySubnet that no gateway in the configuration uses is held to
 * /29; an ExpressRoute gateway's to /29 too (Microsoft recommends /27 there, it does not require it).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const GatewaySubnetSize: Rule = {
  id: "GatewaySubnet.Size",
  severity: "error",
  description:
    "GatewaySubnet is smaller than /27 for a VPN gateway of any SKU but Basic, or smaller than /29 for any gateway.",
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
    for (const sub of model.subnets) {
      if (used.has(sub.key) || !isGatewaySubnetName(sub.name) || !sub.prefixes.known) continue;
      if (sub.kind === "data" || sub.kind === "external") continue;
      for (const p of ipv4(sub.prefixes.prefixes)) {
        if (p.length > ABSOLUTE_MIN) out.find(tooSmall(sub, p, ABSOLUTE_MIN, "any gateway"));
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
    if (p.length <= NON_BASIC_MIN) continue;
    if (p.length > ABSOLUTE_MIN) {
      out.find(tooSmall(sub, p, ABSOLUTE_MIN, `${gatewayLabel(g)} (sku ${show(g.sku)})`));
      continue;
    }
    // /28 or /29: allowed for a Basic VPN gateway (and for an ExpressRoute gateway) only.
    if (typeof g.type !== "string") {
      out.cannotVerify(
        sub.path,
        `whether ${p.text} is large enough for ${gatewayLabel(g)}: its type is ${show(g.type)}`,
      );
      continue;
    }
    if (!is(g.type, "Vpn")) continue;
    if (typeof g.sku !== "string") {
      out.cannotVerify(
        sub.path,
        `whether ${p.text} is large enough for ${gatewayLabel(g)}: its sku is ${show(g.sku)}`,
      );
      continue;
    }
    if (isBasicSku(g.sku)) continue;
    out.find(tooSmall(sub, p, NON_BASIC_MIN, `${gatewayLabel(g)} (sku ${g.sku})`));
  }
}

function tooSmall(sub: SubnetM, p: Prefix, min: number, forWhat: string) {
  const basicNote = min === NON_BASIC_MIN ? "; only the Basic SKU may use /28 or /29" : "";
  return {
    path: sub.path,
    message: `${subnetLabel(sub)} has prefix ${p.text}, smaller than /${min}, the smallest gateway subnet Azure supports for ${forWhat}${basicNote}.`,
    fix: "Give GatewaySubnet a /27 or larger prefix (/26 or larger if an ExpressRoute gateway may share it).",
    values: { subnet: show(sub.name), prefix: p.text, minimum: `/${min}` },
  };
}
