/**
 * The one builder of raw Terraform JSON for the tests that check documents at the Terraform-JSON level
 * (policy rules, the engine, the reachability analysis, the CLI).
 *
 * Every builder returns a *fragment* (`{ resource: { type: { name: body } } }`, `{ output: {...} }`,
 * ...); {@link tfDoc} merges fragments into one document and refuses two blocks with the same address,
 * so a typo in a test cannot silently replace a block. {@link stackDoc} does the same for a cdktf stack
 * (stack metadata, and a construct path on every block).
 *
 * Conventions:
 * - azurerm 4.x attribute names (`bgp_enabled`, `address_prefixes`); `v3` on a gateway writes 3.x
 *   `enable_bgp`, and `extra` writes any other attribute as given (an `undefined` value leaves it out).
 * - Resource group {@link RG}, location {@link LOCATION}, subscription {@link SUBSCRIPTION}.
 * - Blocks are named by their Terraform name `tf`; the Azure `name` is `tf` too, except public IPs
 *   (`pip-<tf>`), local network gateways (`lng-<tf>`), NSGs (`nsg-<tf>`) and gateways (`vgw-<tf>`),
 *   and wherever `name` says otherwise.
 * - Other blocks are referred to by Terraform name; where a builder says so, any expression (`${...}`)
 *   or literal ARM id works too.
 * - Nested blocks are objects (a list where there are several); {@link toHcl2Json} and
 *   {@link toArrayForm} give the array forms other tools write.
 * - `path` adds cdktf's `"//"` metadata with that construct path.
 */

import { makePrefix, parsePrefix } from "../core/cidr";

/** A Terraform JSON document or fragment. */
export type Json = Record<string, any>;

/** The subscription of literal ARM ids and of the provider. */
export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
/** The resource group every block is in. */
export const RG = "rg-net";
/** The location every block is in. */
export const LOCATION = "westeurope";

// --- expressions and ids ------------------------------------------------------------------------

/** `${expr}`: a Terraform reference as it appears in JSON. */
export function ref(expr: string): string {
  return `\${${expr}}`;
}

/** `${type.name.id}`. */
export function idOf(type: string, name: string): string {
  return ref(`${type}.${name}.id`);
}

/** True for an expression or an ARM id, false for a bare Terraform name. */
function isExpression(x: string): boolean {
  return x.includes("${") || x.startsWith("/");
}

/** `target` as an id: itself if an expression or ARM id, else `${type.target.id}`. */
function idOrExpr(target: string, type: string): string {
  return isExpression(target) ? target : idOf(type, target);
}

/** ARM id of a `Microsoft.Network` resource (`virtualNetworks`, `localNetworkGateways`, ...). */
export function armId(kind: string, name: string, rg = RG, subscription = SUBSCRIPTION): string {
  return `/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.Network/${kind}/${name}`;
}

/** ARM id of a virtual network. */
export function armVnetId(name: string, rg = RG, subscription = SUBSCRIPTION): string {
  return armId("virtualNetworks", name, rg, subscription);
}

/** ARM id of a subnet. */
export function armSubnetId(vnet: string, subnet: string, rg = RG, subscription = SUBSCRIPTION): string {
  return `${armVnetId(vnet, rg, subscription)}/subnets/${subnet}`;
}

/** cdktf's cross-stack reference to output `name` of stack `stack`. */
export function crossStackRef(stack: string, name: string): string {
  return ref(`data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.${name}`);
}

// --- blocks and documents -----------------------------------------------------------------------

/** cdktf's `"//"` metadata with the construct path. */
export function meta(path: string): Json {
  return { "//": { metadata: { path, uniqueId: path.split("/").pop() } } };
}

/** A `resource` block fragment; `path` adds cdktf metadata with that construct path. */
export function resource(type: string, name: string, body: Json, path?: string): Json {
  return { resource: { [type]: { [name]: path ? { ...body, ...meta(path) } : body } } };
}

/** A `data` block fragment; `path` adds cdktf metadata with that construct path. */
export function data(type: string, name: string, body: Json, path?: string): Json {
  return { data: { [type]: { [name]: path ? { ...body, ...meta(path) } : body } } };
}

/** An `output` fragment. */
export function output(name: string, value: unknown): Json {
  return { output: { [name]: { value } } };
}

/** A `variable` fragment; with `defaultValue`, the variable has that default. */
export function variable(name: string, type = "string", defaultValue?: unknown): Json {
  return { variable: { [name]: { type, ...(defaultValue !== undefined ? { default: defaultValue } : {}) } } };
}

/** A `module` call fragment (`source` and the module's inputs). */
export function moduleCall(name: string, source: string, inputs: Json = {}): Json {
  return { module: { [name]: { source, ...inputs } } };
}

/** `terraform.required_providers.azurerm.version` (the pinned provider). */
export function requiredAzurerm(version: string): Json {
  return { terraform: { required_providers: { azurerm: { source: "hashicorp/azurerm", version } } } };
}

/** Adds meta-arguments (`count`, `for_each`, `provider`, ...) to every block of a fragment. */
export function withMeta(fragment: Json, meta: Json): Json {
  const out: Json = { ...fragment };
  for (const section of TYPED) {
    if (!fragment[section]) continue;
    out[section] = {};
    for (const [type, byName] of Object.entries(fragment[section] as Json)) {
      out[section][type] = {};
      for (const [name, body] of Object.entries(byName as Json))
        put(out[section][type], name, { ...body, ...meta });
    }
  }
  return out;
}

/**
 * Findings made comparable between a configuration with `count` / `for_each` and its hand-expanded
 * equivalent, whose blocks are named `<name>_<key>`: instance keys in paths and messages (`[0]`,
 * `["a"]`) become `_0`, `_a`.
 */
export function instancesAsNames(text: string): string {
  return text.replace(/\[(\d+)\]/g, "_$1").replace(/\["([^"\\]*)"\]/g, "_$1");
}

/** A `locals` fragment. */
export function locals(values: Json): Json {
  return { locals: values };
}

/** A `provider` fragment (one configuration, in the list form cdktf writes). */
export function provider(name: string, body: Json): Json {
  return { provider: { [name]: [body] } };
}

/** The `terraform.required_providers` block pinning the azurerm provider to `version` (a constraint). */
export function azurermVersion(version: string): Json {
  return { terraform: { required_providers: { azurerm: { source: "hashicorp/azurerm", version } } } };
}

/** cdktf's document metadata naming the stack (and its backend). */
export function stackMeta(stackName: string, backend?: string): Json {
  return { "//": { metadata: backend ? { stackName, backend } : { stackName } } };
}

/** The remote state data source cdktf writes in a stack that reads outputs of stack `stack`. */
export function remoteState(stack: string): Json {
  return data("terraform_remote_state", `cross-stack-reference-input-${stack}`, {
    backend: "local",
    config: { path: `../../terraform.${stack}.tfstate` },
  });
}

/** Sections whose entries are two-level (`type.name`) block addresses. */
const TYPED = new Set(["resource", "data"]);
/** Sections whose entries are one-level addresses (`output.x`, `var.x`, `local.x`). */
const NAMED = new Set(["output", "variable", "locals", "module"]);

/** Sets a key as an own property whatever its name (`__proto__` is an ordinary Terraform name). */
function put(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const has = (obj: Json, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/** Merges fragments into one document; two blocks (or outputs, variables, locals) with the same address throw. */
export function tfDoc(...fragments: Json[]): Json {
  const out: Json = {};
  for (const f of fragments) {
    for (const [section, content] of Object.entries(f)) {
      if (TYPED.has(section)) {
        out[section] ??= {};
        for (const [type, byName] of Object.entries(content as Json)) {
          if (!has(out[section], type)) put(out[section], type, {});
          for (const [name, body] of Object.entries(byName as Json)) {
            if (has(out[section][type], name))
              throw new Error(`duplicate block ${section}.${type}.${name} in a test document`);
            put(out[section][type], name, body);
          }
        }
      } else if (NAMED.has(section)) {
        out[section] ??= {};
        for (const [name, body] of Object.entries(content as Json)) {
          if (has(out[section], name)) throw new Error(`duplicate ${section} ${name} in a test document`);
          put(out[section], name, body);
        }
      } else {
        out[section] = { ...(out[section] ?? {}), ...(content as Json) };
      }
    }
  }
  return out;
}

/** A cdktf stack's document: {@link tfDoc} with the stack's metadata, and `<stack>/<name>` as the construct path of every block without one. */
export function stackDoc(stack: string, ...fragments: Json[]): Json {
  const out = tfDoc(stackMeta(stack), ...fragments);
  for (const section of TYPED) {
    for (const byName of Object.values((out[section] ?? {}) as Json)) {
      for (const [name, body] of Object.entries(byName as Json)) {
        if (body["//"] === undefined) put(byName, name, { ...body, ...meta(`${stack}/${name}`) });
      }
    }
  }
  return out;
}

/** Nested block names that `hcl2json` writes as arrays. */
const NESTED_BLOCKS = new Set([
  "subnet",
  "ip_configuration",
  "internal_mapping",
  "external_mapping",
  "bgp_settings",
  "peering_addresses",
  "ipsec_policy",
  "route",
]);

/** The same document in the array form `hcl2json` writes: every block instance an array of one object, nested blocks arrays. */
export function toHcl2Json(doc: Json): Json {
  const body = (b: Json): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(b)) {
      out[k] = NESTED_BLOCKS.has(k) ? (Array.isArray(v) ? v : [v]).map((x) => body(x)) : v;
    }
    return out;
  };
  const out: Json = { ...doc };
  for (const section of TYPED) {
    if (!doc[section]) continue;
    const types: Json = {};
    for (const [type, byName] of Object.entries(doc[section] as Json)) {
      types[type] = {};
      for (const [name, b] of Object.entries(byName as Json)) put(types[type], name, [body(b)]);
    }
    out[section] = types;
  }
  return out;
}

/** The fully array-wrapped form (`"resource": [{ type: [{ name: [ body ] }] }]`), also valid Terraform JSON. */
export function toArrayForm(doc: Json): Json {
  const h = toHcl2Json(doc);
  const out: Json = { ...h };
  for (const section of TYPED) {
    if (!h[section]) continue;
    out[section] = Object.entries(h[section] as Json).map(([type, byName]) => ({
      [type]: Object.entries(byName as Json).map(([name, b]) => ({ [name]: b })),
    }));
  }
  return out;
}

// --- azurerm: networks, subnets, NSGs, route tables ---------------------------------------------

/** `azurerm_resource_group.<tf>` named `rgName`. */
export function resourceGroup(tf = "rg", rgName = RG): Json {
  return resource("azurerm_resource_group", tf, { name: rgName, location: LOCATION });
}

/** `azurerm_virtual_network.<tf>`; `addressSpace` is written as given (a list, or an expression). */
export function vnet(tf: string, addressSpace: string[] | string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_virtual_network",
    tf,
    { name: tf, resource_group_name: RG, location: LOCATION, address_space: addressSpace, ...extra },
    path,
  );
}

/** `azurerm_subnet.<tf>` named `name` in `azurerm_virtual_network.<vnetTf>`. */
export function subnet(
  tf: string,
  vnetTf: string,
  name: string,
  prefixes: string[] | string,
  extra: Json = {},
  path?: string,
): Json {
  return resource(
    "azurerm_subnet",
    tf,
    {
      name,
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${vnetTf}.name`),
      address_prefixes: prefixes,
      ...extra,
    },
    path,
  );
}

/** `azurerm_network_security_group.<tf>`. */
export function nsg(tf: string, name = `nsg-${tf}`): Json {
  return resource("azurerm_network_security_group", tf, {
    name,
    resource_group_name: RG,
    location: LOCATION,
  });
}

/** `azurerm_subnet_network_security_group_association.<tf>` of `azurerm_network_security_group.<nsgTf>`; `subnetId` is any expression. */
export function nsgAssociation(tf: string, subnetId: string, nsgTf: string, path?: string): Json {
  return resource(
    "azurerm_subnet_network_security_group_association",
    tf,
    { subnet_id: subnetId, network_security_group_id: idOf("azurerm_network_security_group", nsgTf) },
    path,
  );
}

/** `azurerm_route_table.<tf>` with inline `route` blocks. */
export function routeTable(tf: string, routes: Json[], extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_route_table",
    tf,
    { name: tf, resource_group_name: RG, location: LOCATION, route: routes, ...extra },
    path,
  );
}

/** `azurerm_subnet_route_table_association.<tf>` of `azurerm_route_table.<tableTf>`; `subnet` is a Terraform name or an expression. */
export function routeTableAssociation(tf: string, subnet: string, tableTf: string): Json {
  return resource("azurerm_subnet_route_table_association", tf, {
    subnet_id: idOrExpr(subnet, "azurerm_subnet"),
    route_table_id: idOf("azurerm_route_table", tableTf),
  });
}

// --- azurerm: gateways ----------------------------------------------------------------------------

/** A Standard, static, zone-redundant `azurerm_public_ip.<tf>` named `pip-<tf>`. */
export function publicIp(tf: string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_public_ip",
    tf,
    {
      name: `pip-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      sku: "Standard",
      allocation_method: "Static",
      zones: ["1", "2", "3"],
      ...extra,
    },
    path,
  );
}

/** Options of a virtual network gateway. */
export interface GatewayOpts {
  /** Azure name; `vgw-<tf>` by default. */
  readonly name?: string;
  /** `VpnGw2AZ` by default. */
  readonly sku?: string;
  /** `Generation2` by default. */
  readonly generation?: string;
  /** Subnets, one per IP configuration (the last repeats): Terraform names or id expressions. */
  readonly subnets?: string[];
  /** Public IPs, one per IP configuration: Terraform names or id expressions. */
  readonly pips?: string[];
  /** BGP on with this ASN (off without). */
  readonly asn?: number;
  /** azurerm 3.x names (`enable_bgp`). */
  readonly v3?: boolean;
  /** More attributes, written last. */
  readonly extra?: Json;
  /** Construct path (cdktf metadata). */
  readonly path?: string;
}

/** `azurerm_virtual_network_gateway.<tf>`: route-based VpnGw2AZ Generation2, one IP configuration `ipconfig<n>` per public IP (two: active-active), on `<tf>_subnet` / `<tf>_pip` by default. */
export function gateway(tf: string, o: GatewayOpts = {}): Json {
  const subnets = o.subnets ?? [`${tf}_subnet`];
  const pips = o.pips ?? [`${tf}_pip`];
  const configs = pips.map((p, i) => ({
    name: `ipconfig${i + 1}`,
    subnet_id: idOrExpr(subnets[Math.min(i, subnets.length - 1)], "azurerm_subnet"),
    public_ip_address_id: idOrExpr(p, "azurerm_public_ip"),
    private_ip_address_allocation: "Dynamic",
  }));
  const body: Json = {
    name: o.name ?? `vgw-${tf}`,
    resource_group_name: RG,
    location: LOCATION,
    type: "Vpn",
    vpn_type: "RouteBased",
    sku: o.sku ?? "VpnGw2AZ",
    generation: o.generation ?? "Generation2",
    active_active: pips.length > 1,
    [o.v3 ? "enable_bgp" : "bgp_enabled"]: o.asn !== undefined,
    ...(o.asn !== undefined ? { bgp_settings: { asn: o.asn } } : {}),
    ip_configuration: configs.length === 1 ? configs[0] : configs,
    ...(o.extra ?? {}),
  };
  return resource("azurerm_virtual_network_gateway", tf, body, o.path);
}

/** An ExpressRoute `azurerm_virtual_network_gateway.<tf>` (`er-<tf>`, ErGw1AZ) on `subnet` (a Terraform name or an id expression), without a public IP (Azure assigns it). */
export function erGateway(tf: string, subnet: string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_virtual_network_gateway",
    tf,
    {
      name: `er-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      type: "ExpressRoute",
      sku: "ErGw1AZ",
      ip_configuration: {
        name: "erconfig",
        subnet_id: idOrExpr(subnet, "azurerm_subnet"),
        private_ip_address_allocation: "Dynamic",
      },
      ...extra,
    },
    path,
  );
}

/** The last /27 of an IPv4 address space (`10.1.0.0/16` -> `10.1.255.224/27`): a GatewaySubnet that fits in it. */
export function lastSlash27(space: string): string {
  const p = parsePrefix(space);
  return makePrefix(4, p.end - 31n, 27).text;
}

/** A VPN gateway `<tf>` in `azurerm_virtual_network.<vnetTf>` with its GatewaySubnet `<tf>_subnet` and public IP `<tf>_pip` (`pip-<tf>`). */
export function vpnGateway(
  tf: string,
  vnetTf: string,
  gatewaySubnetPrefix: string,
  o: GatewayOpts = {},
): Json {
  return tfDoc(
    subnet(`${tf}_subnet`, vnetTf, "GatewaySubnet", [gatewaySubnetPrefix]),
    publicIp(`${tf}_pip`, { name: `pip-${tf}` }),
    gateway(tf, o),
  );
}

/** A network `<tf>` with a VPN gateway `<tf>_gw` (its Azure name `<tf>_gw` too, unless `o.name`). */
export function networkWithGateway(
  tf: string,
  space: string,
  gatewaySubnetPrefix: string,
  o: GatewayOpts = {},
): Json {
  return tfDoc(
    vnet(tf, [space]),
    vpnGateway(`${tf}_gw`, tf, gatewaySubnetPrefix, { name: `${tf}_gw`, ...o }),
  );
}

/** A valid hub: network `hub` 10.0.0.0/16, GatewaySubnet `gw`, public IPs `o.pips` (`pip1`) and gateway `hub` (`vgw-hub`, VpnGw2AZ, Generation2) on them. */
export function hub(o: GatewayOpts = {}, gatewaySubnetPrefix = "10.0.255.0/27"): Json {
  const pips = o.pips ?? ["pip1"];
  return tfDoc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", "GatewaySubnet", [gatewaySubnetPrefix]),
    ...[...new Set(pips)].filter((p) => !isExpression(p)).map((p) => publicIp(p)),
    gateway("hub", { subnets: ["gw"], ...o, pips }),
  );
}

// --- azurerm: sites, peerings, connections, NAT ---------------------------------------------------

/** `azurerm_local_network_gateway.<tf>` named `lng-<tf>` at 203.0.113.10; `addressSpace` is written as given. */
export function localSite(
  tf: string,
  addressSpace: string[] | string | undefined,
  extra: Json = {},
  path?: string,
): Json {
  return resource(
    "azurerm_local_network_gateway",
    tf,
    {
      name: `lng-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      gateway_address: "203.0.113.10",
      address_space: addressSpace,
      ...extra,
    },
    path,
  );
}

/** `azurerm_virtual_network_peering.<tf>` from `azurerm_virtual_network.<localTf>` to `remote` (a Terraform name, an expression or an ARM id). */
export function peering(tf: string, localTf: string, remote: string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_virtual_network_peering",
    tf,
    {
      name: tf,
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${localTf}.name`),
      remote_virtual_network_id: idOrExpr(remote, "azurerm_virtual_network"),
      ...extra,
    },
    path,
  );
}

/** Both directions of a peering, `<a>_<b>` (with `ab`) and `<b>_<a>` (with `ba`). */
export function peerBoth(a: string, b: string, ab: Json = {}, ba: Json = {}): Json {
  return tfDoc(peering(`${a}_${b}`, a, b, ab), peering(`${b}_${a}`, b, a, ba));
}

/** Options of a gateway connection. */
export interface ConnectionOpts {
  /** The connection type. */
  readonly type: "IPsec" | "Vnet2Vnet" | "ExpressRoute";
  /** Terraform name of the peer gateway (Vnet2Vnet). */
  readonly peer?: string;
  /** Terraform name of the local network gateway (IPsec). */
  readonly site?: string;
  /** Terraform names of the egress NAT rules. */
  readonly egress?: string[];
  /** Terraform names of the ingress NAT rules. */
  readonly ingress?: string[];
  /** More attributes, written last. */
  readonly extra?: Json;
  /** Construct path (cdktf metadata). */
  readonly path?: string;
}

/** `azurerm_virtual_network_gateway_connection.<tf>` on `azurerm_virtual_network_gateway.<gwTf>`, keyed by `${var.shared_key}` (ExpressRoute: a circuit instead). */
export function connection(tf: string, gwTf: string, o: ConnectionOpts): Json {
  const body: Json = {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    type: o.type,
    virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", gwTf),
  };
  if (o.peer) body.peer_virtual_network_gateway_id = idOf("azurerm_virtual_network_gateway", o.peer);
  if (o.site) body.local_network_gateway_id = idOf("azurerm_local_network_gateway", o.site);
  if (o.type !== "ExpressRoute") body.shared_key = ref("var.shared_key");
  if (o.type === "ExpressRoute")
    body.express_route_circuit_id = armId("expressRouteCircuits", "er1", "rg-er");
  if (o.egress)
    body.egress_nat_rule_ids = o.egress.map((n) => idOf("azurerm_virtual_network_gateway_nat_rule", n));
  if (o.ingress)
    body.ingress_nat_rule_ids = o.ingress.map((n) => idOf("azurerm_virtual_network_gateway_nat_rule", n));
  return resource("azurerm_virtual_network_gateway_connection", tf, { ...body, ...(o.extra ?? {}) }, o.path);
}

/** A static NAT rule `azurerm_virtual_network_gateway_nat_rule.<tf>` on `azurerm_virtual_network_gateway.<gwTf>`. */
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

/** Network `hub` (10.0.0.0/16) with gateway `hub_gw` (`o`), site `branch` (192.168.0.0/16) and IPsec connection `s2s` with `extra` attributes. */
export function siteToSite(extra: Json = {}, o: GatewayOpts = {}): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", o),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", { type: "IPsec", site: "branch", extra }),
  );
}

/** The Terraform address of connection `s2s` of {@link siteToSite}. */
export const S2S = "azurerm_virtual_network_gateway_connection.s2s";

/** A strong custom `ipsec_policy` block. */
export const STRONG_IPSEC_POLICY: Json = {
  ike_encryption: "AES256",
  ike_integrity: "SHA256",
  dh_group: "DHGroup14",
  ipsec_encryption: "GCMAES256",
  ipsec_integrity: "GCMAES256",
  pfs_group: "PFS2048",
  sa_lifetime: 27000,
  sa_datasize: 102400000,
};

// --- topologies by network name -------------------------------------------------------------------

/** Topologies by network name (the reachability tests): network `x` has gateway `gw_x` (`gw-x`), peerings `x-to-y`, connections `x-to-<site>` and `x-v2v-y`; sites keep their Terraform name. */
export const topology = {
  /** The VPN gateway `gw_<vnet>` (`gw-<vnet>`) of network `vnet`; BGP on with `asn`. */
  gateway(vnet: string, gatewaySubnetPrefix: string, o: { asn?: number } = {}): Json {
    return vpnGateway(`gw_${vnet}`, vnet, gatewaySubnetPrefix, { name: `gw-${vnet}`, asn: o.asn });
  },
  /** Site `name` at 203.0.113.10; with `asn`, BGP with peering address 192.168.255.1. */
  site(name: string, space: string[], o: { asn?: number } = {}): Json {
    const bgp = o.asn ? { bgp_settings: { asn: o.asn, bgp_peering_address: "192.168.255.1" } } : {};
    return localSite(name, space, { name, ...bgp });
  },
  /** One direction of a peering, `<from>-to-<to>`. */
  peer(from: string, to: string, extra: Json = {}): Json {
    return peering(`${from}-to-${to}`, from, to, extra);
  },
  /**
   * Both directions; `transitVia` makes the other network use its gateway (use_remote_gateways, waiting
   * for the gateway `gw_<transitVia>` with depends_on / allow_gateway_transit).
   */
  peerBoth(a: string, b: string, o: { transitVia?: string } = {}): Json {
    const flags = (from: string, to: string): Json =>
      o.transitVia === to
        ? { use_remote_gateways: true, depends_on: [`azurerm_virtual_network_gateway.gw_${to}`] }
        : o.transitVia === from
          ? { allow_gateway_transit: true }
          : {};
    return tfDoc(topology.peer(a, b, flags(a, b)), topology.peer(b, a, flags(b, a)));
  },
  /** Site-to-site connection `<vnet>-to-<site>` from the gateway of network `vnet`. */
  s2s(vnet: string, site: string, o: Omit<ConnectionOpts, "type" | "site"> = {}): Json {
    return connection(`${vnet}-to-${site}`, `gw_${vnet}`, { ...o, type: "IPsec", site });
  },
  /** One VNet-to-VNet direction `<from>-v2v-<to>`, between the gateways of networks `from` and `to`. */
  v2v(from: string, to: string, o: Omit<ConnectionOpts, "type" | "peer"> = {}): Json {
    return connection(`${from}-v2v-${to}`, `gw_${from}`, { ...o, type: "Vnet2Vnet", peer: `gw_${to}` });
  },
  /** Static NAT rule `name` on the gateway of network `vnet`, its mappings in the list form cdktf writes. */
  natRule(
    vnet: string,
    name: string,
    mode: "EgressSnat" | "IngressSnat",
    internal: string,
    external: string,
  ): Json {
    return natRule(name, `gw_${vnet}`, mode, internal, external, {
      internal_mapping: [{ address_space: internal }],
      external_mapping: [{ address_space: external }],
    });
  },
};

/**
 * The issue's new user: two spokes created with `count` (spaces from a variable), one overlapping the
 * hub, both peered to it in both directions, and an NSG associated with `azurerm_subnet.gw[0]`, a
 * GatewaySubnet: AddressSpace.NoOverlap and GatewaySubnet.NoNsg must be found.
 */
export function newUserCount(): Json {
  return tfDoc(
    variable("spoke_spaces", "list(string)", ["10.1.0.0/16", "10.0.1.0/24"]),
    vnet("hub", ["10.0.0.0/16"]),
    withMeta(subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]), { count: 1 }),
    nsg("gw"),
    nsgAssociation("gw", ref("azurerm_subnet.gw[0].id"), "gw"),
    withMeta(vnet("spoke", [ref("var.spoke_spaces[count.index]")], { name: "spoke-${count.index}" }), {
      count: 2,
    }),
    withMeta(
      peering("hub_to_spoke", "hub", ref("azurerm_virtual_network.spoke[count.index].id"), {
        name: "hub-to-spoke-${count.index}",
      }),
      { count: 2 },
    ),
    withMeta(
      peering("spoke_to_hub", "hub", "hub", {
        name: "spoke-${count.index}-to-hub",
        virtual_network_name: ref("azurerm_virtual_network.spoke[count.index].name"),
      }),
      { count: 2 },
    ),
  );
}

// --- terraform show -json plans ---------------------------------------------------------------------

/** One resource instance of a plan's `planned_values` (and its change). */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** The instance key (`count` index or `for_each` key). */
  readonly index?: number | string;
  /** The module instance address (`module.spokes["a"]`); the root module without. */
  readonly module?: string;
  readonly mode?: "managed" | "data";
  /** The planned values (what is known before apply). */
  readonly values: Json;
  /** Arguments known only after apply (`after_unknown`), absent from `values`. */
  readonly unknown?: readonly string[];
  /** The change's actions (default `["create"]`). */
  readonly actions?: readonly string[];
}

/** A planned resource instance. */
export function planned(
  type: string,
  name: string,
  values: Json,
  o: Omit<PlannedResource, "type" | "name" | "values"> = {},
): PlannedResource {
  return { type, name, values, ...o };
}

/** An expression of a plan's configuration that refers to these (longest first, as Terraform lists them). */
export function refs(...references: string[]): Json {
  return { references };
}

/** A module of a plan's configuration: resource expressions by address, module calls, outputs. */
export interface PlanConfigModule {
  /** Resource address (module-relative, `azurerm_x.y`) -> argument -> expression. */
  readonly resources?: Record<string, Json>;
  /** Module calls: their source, argument expressions and module. */
  readonly calls?: Record<
    string,
    {
      readonly source: string;
      readonly expressions?: Json;
      readonly module: PlanConfigModule;
      /** The call's `depends_on` (addresses in the calling module). */
      readonly dependsOn?: string[];
    }
  >;
  /** Output name -> expression. */
  readonly outputs?: Record<string, Json>;
  /** Resource address -> its `depends_on` (module-relative addresses, as Terraform lists them). */
  readonly dependsOn?: Record<string, string[]>;
}

function configModuleJson(m: PlanConfigModule): Json {
  const addresses = [...new Set([...Object.keys(m.resources ?? {}), ...Object.keys(m.dependsOn ?? {})])];
  const resources = addresses.map((address) => {
    const expressions = m.resources?.[address] ?? {};
    const dependsOn = m.dependsOn?.[address];
    const data = address.startsWith("data.");
    const [type, name] = (data ? address.slice(5) : address).split(".");
    return {
      address,
      mode: data ? "data" : "managed",
      type,
      name,
      provider_config_key: "azurerm",
      expressions,
      ...(dependsOn ? { depends_on: dependsOn } : {}),
    };
  });
  const calls: Json = {};
  for (const [name, c] of Object.entries(m.calls ?? {})) {
    calls[name] = {
      source: c.source,
      expressions: c.expressions ?? {},
      module: configModuleJson(c.module),
      ...(c.dependsOn ? { depends_on: c.dependsOn } : {}),
    };
  }
  const outputs: Json = {};
  for (const [name, expression] of Object.entries(m.outputs ?? {})) outputs[name] = { expression };
  return { resources, module_calls: calls, outputs };
}

/**
 * A `terraform show -json` plan (format 1.2) as Terraform writes it: planned values with child
 * modules nested by address, one resource change per instance (with `after_unknown`), and the
 * configuration's expressions.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
export function planDoc(
  resources: readonly PlannedResource[],
  o: {
    readonly configuration?: PlanConfigModule;
    readonly azurerm?: string;
    readonly formatVersion?: string;
  } = {},
): Json {
  const key = (i: number | string | undefined) =>
    i === undefined ? "" : typeof i === "number" ? `[${i}]` : `[${JSON.stringify(i)}]`;
  const address = (r: PlannedResource) =>
    `${r.module ? `${r.module}.` : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}${key(r.index)}`;
  const modules = new Map<string, Json>();
  const moduleOf = (m: string): Json => {
    let node = modules.get(m);
    if (node) return node;
    node = m === "" ? { resources: [], child_modules: [] } : { address: m, resources: [], child_modules: [] };
    modules.set(m, node);
    if (m !== "") {
      const parent = m.replace(/\.?module\.[\w-]+(\[[^\]]*\])?$/, "");
      moduleOf(parent).child_modules.push(node);
    }
    return node;
  };
  moduleOf("");
  for (const r of resources) {
    moduleOf(r.module ?? "").resources.push({
      address: address(r),
      mode: r.mode ?? "managed",
      type: r.type,
      name: r.name,
      ...(r.index !== undefined ? { index: r.index } : {}),
      provider_name: "registry.terraform.io/hashicorp/azurerm",
      schema_version: 0,
      values: r.values,
      sensitive_values: {},
    });
  }
  return {
    format_version: o.formatVersion ?? "1.2",
    terraform_version: "1.9.8",
    planned_values: { root_module: modules.get("") },
    resource_changes: resources.map((r) => ({
      address: address(r),
      ...(r.module ? { module_address: r.module } : {}),
      mode: r.mode ?? "managed",
      type: r.type,
      name: r.name,
      ...(r.index !== undefined ? { index: r.index } : {}),
      provider_name: "registry.terraform.io/hashicorp/azurerm",
      change: {
        actions: r.actions ?? ["create"],
        before: null,
        after: r.values,
        after_unknown: Object.fromEntries([["id", true], ...(r.unknown ?? []).map((u) => [u, true])]),
        before_sensitive: false,
        after_sensitive: {},
      },
    })),
    configuration: {
      provider_config: {
        azurerm: {
          name: "azurerm",
          full_name: "registry.terraform.io/hashicorp/azurerm",
          ...(o.azurerm ? { version_constraint: o.azurerm } : {}),
          expressions: { features: [{}] },
        },
      },
      root_module: configModuleJson(o.configuration ?? {}),
    },
  };
}

/** The planned values of a network as azurerm writes them (what the configuration sets, known before apply). */
export function plannedVnet(
  name: string,
  space: string[],
  o: Omit<PlannedResource, "type" | "name" | "values"> & { tf?: string } = {},
): PlannedResource {
  return planned(
    "azurerm_virtual_network",
    o.tf ?? name,
    { name, resource_group_name: RG, location: LOCATION, address_space: space, subnet: [], tags: null },
    o,
  );
}

/** The planned values of the GatewaySubnet `gw` (10.0.255.0/27) of network `hub`. */
export function plannedGatewaySubnet(
  o: Omit<PlannedResource, "type" | "name" | "values"> = {},
): PlannedResource {
  return planned(
    "azurerm_subnet",
    "gw",
    {
      name: "GatewaySubnet",
      resource_group_name: RG,
      virtual_network_name: "hub",
      address_prefixes: ["10.0.255.0/27"],
    },
    o,
  );
}

/** The planned values of a VPN gateway `vgw` (RouteBased, VpnGw2AZ, Generation2) with one ip configuration. */
export function plannedGateway(
  tf: string,
  o: Omit<PlannedResource, "type" | "name" | "values"> & { values?: Json } = {},
): PlannedResource {
  const { values, ...rest } = o;
  return planned(
    "azurerm_virtual_network_gateway",
    tf,
    {
      name: "vgw",
      resource_group_name: RG,
      type: "Vpn",
      vpn_type: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      ip_configuration: [{ name: "default", private_ip_address_allocation: "Dynamic" }],
      ...(values ?? {}),
    },
    rest,
  );
}

/** A gateway's configuration expressions: its ip configuration's subnet and public IP by reference. */
export function gatewayRefs(subnet = "azurerm_subnet.gw", publicIp = "azurerm_public_ip.pip"): Json {
  return {
    ip_configuration: [
      { subnet_id: refs(`${subnet}.id`, subnet), public_ip_address_id: refs(`${publicIp}.id`, publicIp) },
    ],
  };
}

/** The planned values of a peering whose remote network is created in the same plan (its id unknown). */
export function plannedPeering(
  tf: string,
  localName: string,
  o: Omit<PlannedResource, "type" | "name" | "values"> & { values?: Json } = {},
): PlannedResource {
  const { values, ...rest } = o;
  return planned(
    "azurerm_virtual_network_peering",
    tf,
    {
      name: tf,
      resource_group_name: RG,
      virtual_network_name: localName,
      allow_virtual_network_access: true,
      allow_forwarded_traffic: false,
      allow_gateway_transit: false,
      use_remote_gateways: false,
      ...(values ?? {}),
    },
    { unknown: ["remote_virtual_network_id"], ...rest },
  );
}

// --- HCL ----------------------------------------------------------------------------------------------

/**
 * The issue's new user in HCL (as {@link newUserCount} in JSON): two spokes with `count` from a
 * variable, one overlapping the hub, peered both ways, and an NSG on `azurerm_subnet.gw[0]`, a
 * GatewaySubnet. Pinned to azurerm 3.x.
 */
export const NEW_USER_HCL = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "spoke_spaces" {
  type    = list(string)
  default = ["10.1.0.0/16", "10.0.1.0/24"]
}

locals {
  rg       = "${RG}"
  location = "${LOCATION}"
}

resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = local.rg
  location            = local.location
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "gw" {
  count                = 1
  name                 = "GatewaySubnet"
  resource_group_name  = local.rg
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = [cidrsubnet(azurerm_virtual_network.hub.address_space[0], 11, 2040)]
}

resource "azurerm_network_security_group" "gw" {
  name                = "nsg-gw"
  resource_group_name = local.rg
  location            = local.location
}

resource "azurerm_subnet_network_security_group_association" "gw" {
  subnet_id                 = azurerm_subnet.gw[0].id
  network_security_group_id = azurerm_network_security_group.gw.id
}

resource "azurerm_virtual_network" "spoke" {
  count               = 2
  name                = "spoke-\${count.index}"
  resource_group_name = local.rg
  location            = local.location
  address_space       = [var.spoke_spaces[count.index]]
}

resource "azurerm_virtual_network_peering" "hub_to_spoke" {
  count                     = 2
  name                      = "hub-to-spoke-\${count.index}"
  resource_group_name       = local.rg
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke[count.index].id
}

resource "azurerm_virtual_network_peering" "spoke_to_hub" {
  count                     = 2
  name                      = "spoke-\${count.index}-to-hub"
  resource_group_name       = local.rg
  virtual_network_name      = azurerm_virtual_network.spoke[count.index].name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
}
`;

/** A plan of two VNets (`a` 10.0.0.0/16 and `b`) created and peered both ways, their ids known only after apply. */
export function twoPeeredPlan(spaceB: string): Json {
  return planDoc(
    [
      plannedVnet("a", ["10.0.0.0/16"]),
      plannedVnet("b", [spaceB]),
      plannedPeering("a_b", "a"),
      plannedPeering("b_a", "b"),
    ],
    {
      azurerm: "~> 4.0",
      configuration: {
        resources: {
          "azurerm_virtual_network_peering.a_b": {
            remote_virtual_network_id: refs("azurerm_virtual_network.b.id", "azurerm_virtual_network.b"),
          },
          "azurerm_virtual_network_peering.b_a": {
            remote_virtual_network_id: refs("azurerm_virtual_network.a.id", "azurerm_virtual_network.a"),
          },
        },
      },
    },
  );
}

/** A spoke module: a network `this` named `var.name` in `var.space`, peered to `var.hub_id`; output `id`. */
export function spokeModule(): Json {
  return tfDoc(
    variable("name"),
    variable("space"),
    variable("hub_id"),
    vnet("this", [ref("var.space")], { name: ref("var.name") }),
    peering("to_hub", "this", ref("var.hub_id"), { name: "${var.name}-to-hub" }),
    output("id", ref("azurerm_virtual_network.this.id")),
  );
}
