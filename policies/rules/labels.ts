/**
 * Labels and small readers shared by the rules of the gateway pack. Internal to the rules; the Azure
 * facts they check live in core/azure.
 */
import { GatewayM, NetworkM, SiteM, SubnetM, isUnknown, show } from "../model";
import { Outcome } from "../rule";

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
