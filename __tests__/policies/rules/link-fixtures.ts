/**
 * Builders of raw Terraform JSON (azurerm 4.x names) and of construct apps for the tests of the link
 * pack's rules (peerings, connections, NAT rules, IPsec policies, shared keys).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { ConnectivityPolicies } from "../../../policies/aspect";
import { Finding, PolicyReport, Unverifiable } from "../../../policies/finding";
import { Vnet, VpnGateway, VpnGatewayProps } from "../../../index";

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

/** Merges fragments `{ resource: { type: { name: body } } }` into one document. */
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

export function resource(type: string, name: string, body: Json): Json {
  return { resource: { [type]: { [name]: body } } };
}

/** `azurerm_virtual_network.<tf>` named `<tf>`. */
export function vnet(tf: string, space: string, extra: Json = {}): Json {
  return resource("azurerm_virtual_network", tf, {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    address_space: [space],
    ...extra,
  });
}

/** `azurerm_virtual_network_peering.<tf>` from `localTf` to `remoteTf`. */
export function peering(tf: string, localTf: string, remoteTf: string, extra: Json = {}): Json {
  return resource("azurerm_virtual_network_peering", tf, {
    name: tf,
    resource_group_name: RG,
    virtual_network_name: ref(`azurerm_virtual_network.${localTf}.name`),
    remote_virtual_network_id: idOf("azurerm_virtual_network", remoteTf),
    ...extra,
  });
}

/** Both directions of a peering, `<a>_<b>` and `<b>_<a>`. */
export function peeredBothWays(a: string, b: string, ab: Json = {}, ba: Json = {}): Json {
  return doc(peering(`${a}_${b}`, a, b, ab), peering(`${b}_${a}`, b, a, ba));
}

/** A VPN gateway `<tf>` in `azurerm_virtual_network.<vnetTf>` with its GatewaySubnet and public IP. */
export function gateway(tf: string, vnetTf: string, gatewaySubnet: string, extra: Json = {}): Json {
  return doc(
    resource("azurerm_subnet", `${tf}_subnet`, {
      name: "GatewaySubnet",
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${vnetTf}.name`),
      address_prefixes: [gatewaySubnet],
    }),
    resource("azurerm_public_ip", `${tf}_pip`, {
      name: `pip-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      allocation_method: "Static",
      sku: "Standard",
      zones: ["1", "2", "3"],
    }),
    resource("azurerm_virtual_network_gateway", tf, {
      name: tf,
      resource_group_name: RG,
      location: LOCATION,
      type: "Vpn",
      vpn_type: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      active_active: false,
      bgp_enabled: false,
      ip_configuration: {
        name: "default",
        subnet_id: idOf("azurerm_subnet", `${tf}_subnet`),
        public_ip_address_id: idOf("azurerm_public_ip", `${tf}_pip`),
        private_ip_address_allocation: "Dynamic",
      },
      ...extra,
    }),
  );
}

/** A network `<tf>` with a gateway `<tf>_gw`. */
export function networkWithGateway(tf: string, space: string, gatewaySubnet: string, gw: Json = {}): Json {
  return doc(vnet(tf, space), gateway(`${tf}_gw`, tf, gatewaySubnet, gw));
}

/** A local network gateway `<tf>`. */
export function site(tf: string, space: string[]): Json {
  return resource("azurerm_local_network_gateway", tf, {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    gateway_address: "203.0.113.10",
    address_space: space,
  });
}

/** A connection `<tf>` on gateway `<gwTf>`; `to` is the peer gateway (Vnet2Vnet) or the site (IPsec). */
export function connection(
  tf: string,
  gwTf: string,
  type: "IPsec" | "Vnet2Vnet" | "ExpressRoute",
  to: string | undefined,
  extra: Json = {},
): Json {
  const body: Json = {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    type,
    virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", gwTf),
    shared_key: ref("var.psk"),
  };
  if (to && type === "Vnet2Vnet")
    body.peer_virtual_network_gateway_id = idOf("azurerm_virtual_network_gateway", to);
  if (to && type === "IPsec") body.local_network_gateway_id = idOf("azurerm_local_network_gateway", to);
  return resource("azurerm_virtual_network_gateway_connection", tf, { ...body, ...extra });
}

/** A NAT rule `<tf>` (named `<tf>`) on gateway `<gwTf>`. */
export function natRule(
  tf: string,
  gwTf: string,
  mode: "EgressSnat" | "IngressSnat",
  internal: string,
  external: string,
  extra: Json = {},
): Json {
  return resource("azurerm_virtual_network_gateway_nat_rule", tf, {
    name: tf,
    resource_group_name: RG,
    virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", gwTf),
    mode,
    type: "Static",
    internal_mapping: { address_space: internal },
    external_mapping: { address_space: external },
    ...extra,
  });
}

/** A strong custom IPsec/IKE policy block. */
export const STRONG_POLICY: Json = {
  ike_encryption: "AES256",
  ike_integrity: "SHA256",
  dh_group: "DHGroup14",
  ipsec_encryption: "GCMAES256",
  ipsec_integrity: "GCMAES256",
  pfs_group: "PFS2048",
  sa_lifetime: 27000,
  sa_datasize: 102400000,
};

/** The report of the default rules on one document. */
export function reportOf(d: Json): PolicyReport {
  return checkTerraformDocuments([{ stack: "", doc: d }]);
}

/** The findings of one rule on one document. */
export function findingsOf(d: Json, ruleId: string): Finding[] {
  return reportOf(d).findings.filter((f) => f.ruleId === ruleId);
}

/** What one rule could not verify on one document. */
export function unverifiedOf(d: Json, ruleId: string): Unverifiable[] {
  return reportOf(d).unverifiable.filter((u) => u.ruleId === ruleId);
}

/** Asserts the common shape of a finding: rule id first, the fix after "Fix:", lowercase start. */
export function expectWellFormed(f: Finding, ruleId: string): void {
  expect(f.message.startsWith(`${ruleId}: `)).toBe(true);
  const text = f.message.slice(ruleId.length + 2);
  expect(text.charAt(0)).toBe(text.charAt(0).toLowerCase());
  expect(f.message).toContain(`Fix: ${f.fix}`);
  expect(f.fix).toMatch(/^[A-Z]/);
}

// --- constructs -----------------------------------------------------------------------------------

/** A new app writing to a temporary folder, with one stack that has an azurerm provider. */
export function constructApp(): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-link-")) });
  const stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return { app, stack };
}

/** A network of our constructs. */
export function constructVnet(stack: TerraformStack, id: string, space: string): Vnet {
  return new Vnet(stack, id, {
    name: `vnet-${id.toLowerCase()}`,
    resourceGroupName: RG,
    location: LOCATION,
    addressSpace: [space],
  });
}

/** A network with a VPN gateway of our constructs. */
export function constructGateway(
  stack: TerraformStack,
  id: string,
  space: string,
  gatewaySubnet: string,
  props: Partial<VpnGatewayProps> = {},
): VpnGateway {
  return new VpnGateway(stack, id, {
    vnet: constructVnet(stack, `${id}Net`, space),
    name: `vgw-${id.toLowerCase()}`,
    gatewaySubnetPrefix: gatewaySubnet,
    ...props,
  });
}

/** The findings of one rule on an app of constructs (as `cdktf synth` would see it). */
export function appFindings(app: App, ruleId: string): Finding[] {
  return new ConnectivityPolicies().check(app).findings.filter((f) => f.ruleId === ruleId);
}

/** What one rule could not verify on an app of constructs. */
export function appUnverified(app: App, ruleId: string): Unverifiable[] {
  return new ConnectivityPolicies().check(app).unverifiable.filter((u) => u.ruleId === ruleId);
}
