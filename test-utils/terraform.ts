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

/** A `variable` fragment. */
export function variable(name: string, type = "string"): Json {
  return { variable: { [name]: { type } } };
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
const NAMED = new Set(["output", "variable", "locals"]);

/** Merges fragments into one document; two blocks (or outputs, variables, locals) with the same address throw. */
export function tfDoc(...fragments: Json[]): Json {
  const out: Json = {};
  for (const f of fragments) {
    for (const [section, content] of Object.entries(f)) {
      if (TYPED.has(section)) {
        out[section] ??= {};
        for (const [type, byName] of Object.entries(content as Json)) {
          out[section][type] ??= {};
          for (const [name, body] of Object.entries(byName as Json)) {
            if (out[section][type][name] !== undefined)
              throw new Error(`duplicate block ${section}.${type}.${name} in a test document`);
            out[section][type][name] = body;
          }
        }
      } else if (NAMED.has(section)) {
        out[section] ??= {};
        for (const [name, body] of Object.entries(content as Json)) {
          if (out[section][name] !== undefined)
            throw new Error(`duplicate ${section} ${name} in a test document`);
          out[section][name] = body;
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
        if (body["//"] === undefined) byName[name] = { ...body, ...meta(`${stack}/${name}`) };
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
      for (const [name, b] of Object.entries(byName as Json)) types[type][name] = [body(b)];
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
