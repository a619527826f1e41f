/**
 * Builders of raw Terraform JSON (azurerm 4.x names) and of construct apps for the tests of the
 * gateway pack's rules (gateway subnets, gateways, public IPs, BGP ASNs, sites, address spaces).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { ConnectivityPolicies } from "../../../policies/aspect";
import { Finding, PolicyReport } from "../../../policies/finding";
import { Rule } from "../../../policies/rule";

export type Json = Record<string, any>;

export const RG = "rg-net";
const LOCATION = "westeurope";

/** `${expr}`. */
export function ref(expr: string): string {
  return `\${${expr}}`;
}

/** `${type.name.id}`. */
export function idOf(type: string, name: string): string {
  return ref(`${type}.${name}.id`);
}

/** A `resource` fragment; `path` adds cdktf's construct path metadata. */
export function resource(type: string, name: string, body: Json, path?: string): Json {
  const meta = path ? { "//": { metadata: { path, uniqueId: name } } } : {};
  return { resource: { [type]: { [name]: { ...body, ...meta } } } };
}

/** A `data` fragment. */
export function data(type: string, name: string, body: Json): Json {
  return { data: { [type]: { [name]: body } } };
}

/** Merges fragments into one document; two blocks with the same address throw. */
export function doc(...fragments: Json[]): Json {
  const out: Json = {};
  for (const f of fragments) {
    for (const [section, content] of Object.entries(f)) {
      if (section !== "resource" && section !== "data") {
        out[section] = { ...(out[section] ?? {}), ...(content as Json) };
        continue;
      }
      out[section] ??= {};
      for (const [type, byName] of Object.entries(content as Json)) {
        out[section][type] ??= {};
        for (const [name, body] of Object.entries(byName as Json)) {
          if (out[section][type][name] !== undefined) throw new Error(`duplicate ${type}.${name}`);
          out[section][type][name] = body;
        }
      }
    }
  }
  return out;
}

/** `azurerm_virtual_network.<tf>`, Azure name = `tf`. */
export function vnet(tf: string, space: string[] | string, extra: Json = {}): Json {
  return resource("azurerm_virtual_network", tf, {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    address_space: space,
    ...extra,
  });
}

/** `azurerm_subnet.<tf>` in `azurerm_virtual_network.<vnetTf>`. */
export function subnet(
  tf: string,
  vnetTf: string,
  name: string,
  prefixes: string[] | string,
  extra: Json = {},
): Json {
  return resource("azurerm_subnet", tf, {
    name,
    resource_group_name: RG,
    virtual_network_name: ref(`azurerm_virtual_network.${vnetTf}.name`),
    address_prefixes: prefixes,
    ...extra,
  });
}

/** A Standard, static, zone-redundant `azurerm_public_ip.<tf>`. */
export function publicIp(tf: string, extra: Json = {}): Json {
  return resource("azurerm_public_ip", tf, {
    name: `pip-${tf}`,
    resource_group_name: RG,
    location: LOCATION,
    sku: "Standard",
    allocation_method: "Static",
    zones: ["1", "2", "3"],
    ...extra,
  });
}

export interface GatewayOpts {
  readonly sku?: string;
  readonly generation?: string;
  /** Terraform names of `azurerm_subnet`s, one per IP configuration (or any subnet id expression). */
  readonly subnets?: string[];
  /** Terraform names of `azurerm_public_ip`s, one per IP configuration. */
  readonly pips?: string[];
  readonly extra?: Json;
  readonly path?: string;
}

/** `azurerm_virtual_network_gateway.<tf>`: a route-based VpnGw2AZ Generation2 gateway by default. */
export function gateway(tf: string, o: GatewayOpts = {}): Json {
  const subnets = o.subnets ?? ["gw"];
  const pips = o.pips ?? ["pip1"];
  const expr = (x: string, type: string) => (x.includes("${") || x.startsWith("/") ? x : idOf(type, x));
  const body: Json = {
    name: `vgw-${tf}`,
    resource_group_name: RG,
    location: LOCATION,
    type: "Vpn",
    vpn_type: "RouteBased",
    sku: o.sku ?? "VpnGw2AZ",
    generation: o.generation ?? "Generation2",
    active_active: pips.length > 1,
    enable_bgp: false,
    ip_configuration: pips.map((p, i) => ({
      name: `ipconfig${i + 1}`,
      subnet_id: expr(subnets[Math.min(i, subnets.length - 1)], "azurerm_subnet"),
      public_ip_address_id: expr(p, "azurerm_public_ip"),
      private_ip_address_allocation: "Dynamic",
    })),
    ...(o.extra ?? {}),
  };
  return resource("azurerm_virtual_network_gateway", tf, body, o.path);
}

/**
 * A valid hub: `azurerm_virtual_network.hub` 10.0.0.0/16, `azurerm_subnet.gw` GatewaySubnet
 * 10.0.255.0/27, `azurerm_public_ip.pip1`, and `azurerm_virtual_network_gateway.hub` (VpnGw2AZ, Gen2).
 */
export function hub(o: GatewayOpts = {}, gatewaySubnetPrefix = "10.0.255.0/27"): Json {
  const pips = o.pips ?? ["pip1"];
  return doc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", "GatewaySubnet", [gatewaySubnetPrefix]),
    ...[...new Set(pips)].filter((p) => !p.includes("${") && !p.startsWith("/")).map((p) => publicIp(p)),
    gateway("hub", { ...o, pips }),
  );
}

/** `azurerm_local_network_gateway.<tf>`. */
export function site(tf: string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_local_network_gateway",
    tf,
    {
      name: `lng-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      gateway_address: "203.0.113.10",
      address_space: ["192.168.0.0/16"],
      ...extra,
    },
    path,
  );
}

/** Runs one rule over a lone Terraform JSON document: its findings and what it could not verify. */
export function run(document: Json, rule: Rule): PolicyReport {
  return checkTerraformDocuments([{ stack: "", doc: document }], { rules: [rule] });
}

/** The findings of one rule on a document. */
export function findings(document: Json, rule: Rule): Finding[] {
  return run(document, rule).findings;
}

/** Asserts the common shape of a finding: rule id, severity, message with values and the fix. */
export function expectFinding(f: Finding, rule: Rule, path: string, ...texts: string[]): void {
  expect(f.ruleId).toBe(rule.id);
  expect(f.path).toBe(path);
  expect(f.message.startsWith(`${rule.id}: `)).toBe(true);
  // Messages start lowercase; the fix is an imperative sentence.
  expect(f.message.charAt(rule.id.length + 2)).toMatch(/[a-z]/);
  expect(f.fix).toMatch(/^[A-Z].*\.$/);
  expect(f.message.endsWith(`Fix: ${f.fix}`)).toBe(true);
  for (const t of texts) expect(f.message).toContain(t);
}

/** A fresh app (own output folder) with one stack `net` and its azurerm provider. */
export function constructApp(): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "gateway-rules-")) });
  const stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return { app, stack };
}

/** Runs the rule over the app as synth would, without writing anything. */
export function checkApp(app: App, rule: Rule): PolicyReport {
  return new ConnectivityPolicies({ rules: [rule], writeReport: false }).check(app);
}
