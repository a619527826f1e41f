/**
 * Facts about virtual network gateways, gateway subnets and their labels, shared by the rules of
 * the gateway pack. Internal to the rules.
 */
import { GatewayM, NetworkM, SiteM, SubnetM, isUnknown, show } from "../model";
import { Outcome } from "../rule";

/**
 * SKUs that exist only in Generation1 (Basic, VpnGw1, VpnGw1AZ) and only in Generation2
 * (VpnGw4/5 and their AZ versions).
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export const GENERATION1_ONLY: ReadonlySet<string> = new Set(["basic", "vpngw1", "vpngw1az"]);
export const GENERATION2_ONLY: ReadonlySet<string> = new Set(["vpngw4", "vpngw5", "vpngw4az", "vpngw5az"]);

/**
 * SKUs without NAT: NAT is supported on VpnGw2-5 and VpnGw2AZ-5AZ only.
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export const NO_NAT_SKUS: ReadonlySet<string> = new Set(["basic", "vpngw1", "vpngw1az"]);

/** True for the zone-redundant VPN SKUs (VpnGw1AZ-VpnGw5AZ). */
export function isAzVpnSku(sku: string): boolean {
  return /^vpngw[1-5]az$/i.test(sku);
}

/** True for the Basic SKU (Azure's enum values are compared case-insensitively here). */
export function isBasicSku(sku: string): boolean {
  return sku.toLowerCase() === "basic";
}

/** True for a gateway this configuration creates (not one read by a data source). */
export function isCreated(x: { readonly source?: { readonly mode: string } }): boolean {
  return x.source?.mode !== "data";
}

/** Case-insensitive equality of a known string value. */
export function is(value: unknown, expected: string): boolean {
  return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}

/** `gateway vgw-hub` for messages. */
export function gatewayLabel(g: GatewayM): string {
  return `gateway ${typeof g.name === "string" ? g.name : g.path}`;
}

/** `site lng-onprem` for messages. */
export function siteLabel(s: SiteM): string {
  return `site ${s.label}`;
}

/** `network hub` for messages. */
export function networkLabel(n: NetworkM): string {
  return `network ${n.label}`;
}

/** `subnet GatewaySubnet of network hub (path)` for messages. */
export function subnetLabel(sub: SubnetM): string {
  const net = sub.network ? ` of ${networkLabel(sub.network)}` : "";
  const form =
    sub.kind === "inline"
      ? " (inline subnet block)"
      : sub.kind === "data"
        ? ` (data source ${sub.path})`
        : sub.kind === "external"
          ? ` (subnet id ${sub.path})`
          : ` (${sub.path})`;
  return `subnet ${show(sub.name)}${net}${form}`;
}

/**
 * Whether the gateway is a VPN gateway: true, false, or undefined when its type is unknown (then
 * reported as unverifiable for `what`).
 */
export function isVpnGateway(g: GatewayM, out: Outcome, what: string): boolean | undefined {
  if (isUnknown(g.type) || g.type === undefined) {
    out.cannotVerify(g.path, `${what} of ${gatewayLabel(g)}: its type is ${show(g.type)}`);
    return undefined;
  }
  return is(g.type, "Vpn");
}

/** The gateway's SKU when known; else reports it as unverifiable for `what` and returns undefined. */
export function knownSku(g: GatewayM, out: Outcome, what: string): string | undefined {
  if (typeof g.sku === "string") return g.sku;
  out.cannotVerify(g.path, `${what} of ${gatewayLabel(g)}: its sku is ${show(g.sku)}`);
  return undefined;
}
