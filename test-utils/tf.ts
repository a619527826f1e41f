/**
 * Builders of raw Terraform JSON (azurerm 4.x attribute names unless said otherwise), exactly as
 * Terraform's JSON syntax / cdktf writes it, for tests of the policy rules at the Terraform-JSON level.
 *
 * Each builder returns a *fragment* (`{ resource: { type: { name: body } } }`); {@link tfDoc} merges
 * fragments into one document and refuses two blocks with the same address, so a typo in a test
 * cannot silently replace a block.
 */

export type Json = Record<string, any>;

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const RG = "rg-net";
export const LOCATION = "westeurope";

/** `${expr}`: a Terraform reference as it appears in JSON. */
export function ref(expr: string): string {
  return `\${${expr}}`;
}

/** `${type.name.id}`. */
export function idOf(type: string, name: string): string {
  return ref(`${type}.${name}.id`);
}

/** ARM id of a virtual network. */
export function armVnetId(name: string, rg = RG, subscription = SUBSCRIPTION): string {
  return `/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
}

/** ARM id of a subnet. */
export function armSubnetId(vnet: string, subnet: string, rg = RG, subscription = SUBSCRIPTION): string {
  return `${armVnetId(vnet, rg, subscription)}/subnets/${subnet}`;
}

/** cdktf's `"//"` metadata with the construct path. */
export function meta(path: string): Json {
  return { "//": { metadata: { path, uniqueId: path.split("/").pop() } } };
}

/** A `resource` block fragment. `path` adds cdktf metadata with that construct path. */
export function resource(type: string, name: string, body: Json, path?: string): Json {
  return { resource: { [type]: { [name]: path ? { ...body, ...meta(path) } : body } } };
}

/** A `data` block fragment. */
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

/** Merges fragments into one document; two blocks with the same address throw. */
export function tfDoc(...fragments: Json[]): Json {
  const out: Json = {};
  for (const f of fragments) {
    for (const [section, content] of Object.entries(f)) {
      if (section === "resource" || section === "data") {
        out[section] ??= {};
        for (const [type, byName] of Object.entries(content as Json)) {
          out[section][type] ??= {};
          for (const [name, body] of Object.entries(byName as Json)) {
            if (out[section][type][name] !== undefined)
              throw new Error(`duplicate block ${section}.${type}.${name} in a test document`);
            out[section][type][name] = body;
          }
        }
      } else if (section === "//") {
        out[section] = { ...(out[section] ?? {}), ...(content as Json) };
      } else {
        out[section] = { ...(out[section] ?? {}), ...(content as Json) };
      }
    }
  }
  return out;
}

// --- azurerm resources --------------------------------------------------------------------------

export function resourceGroup(name = "rg", rgName = RG): Json {
  return resource("azurerm_resource_group", name, { name: rgName, location: LOCATION });
}

/** `azurerm_virtual_network.<tf>` named `<tf>` (Azure name = Terraform name unless `extra.name`). */
export function vnet(tf: string, addressSpace: string[] | string, extra: Json = {}, path?: string): Json {
  return resource(
    "azurerm_virtual_network",
    tf,
    { name: tf, resource_group_name: RG, location: LOCATION, address_space: addressSpace, ...extra },
    path,
  );
}

/** `azurerm_subnet.<tf>` in `azurerm_virtual_network.<vnetTf>`. */
export function subnet(tf: string, vnetTf: string, name: string, prefixes: string[], path?: string): Json {
  return resource(
    "azurerm_subnet",
    tf,
    {
      name,
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${vnetTf}.name`),
      address_prefixes: prefixes,
    },
    path,
  );
}

export function nsg(tf: string, name = `nsg-${tf}`): Json {
  return resource("azurerm_network_security_group", tf, {
    name,
    resource_group_name: RG,
    location: LOCATION,
  });
}

/** `azurerm_subnet_network_security_group_association.<tf>`: `subnetId` is any expression. */
export function nsgAssociation(tf: string, subnetId: string, nsgTf: string, path?: string): Json {
  return resource(
    "azurerm_subnet_network_security_group_association",
    tf,
    { subnet_id: subnetId, network_security_group_id: idOf("azurerm_network_security_group", nsgTf) },
    path,
  );
}

/** `azurerm_virtual_network_peering.<tf>` from `azurerm_virtual_network.<localTf>` to `remoteId`. */
export function peering(
  tf: string,
  localTf: string,
  remoteId: string,
  extra: Json = {},
  path?: string,
): Json {
  return resource(
    "azurerm_virtual_network_peering",
    tf,
    {
      name: tf,
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${localTf}.name`),
      remote_virtual_network_id: remoteId,
      allow_virtual_network_access: true,
      ...extra,
    },
    path,
  );
}

/** Peering to a VNet of the same document. */
export function peerTo(tf: string, localTf: string, remoteTf: string, extra: Json = {}, path?: string): Json {
  return peering(tf, localTf, idOf("azurerm_virtual_network", remoteTf), extra, path);
}

/**
 * A VPN gateway `azurerm_virtual_network_gateway.<tf>` in `azurerm_virtual_network.<vnetTf>`, with its
 * GatewaySubnet (`azurerm_subnet.<tf>_subnet`, prefix `gatewaySubnetPrefix`) and public IP.
 * `v3` writes azurerm 3.x names (`enable_bgp`).
 */
export function vpnGateway(
  tf: string,
  vnetTf: string,
  gatewaySubnetPrefix: string,
  opts: { v3?: boolean; path?: string; sku?: string } = {},
): Json {
  const bgp = opts.v3 ? { enable_bgp: false } : { bgp_enabled: false };
  return tfDoc(
    subnet(`${tf}_subnet`, vnetTf, "GatewaySubnet", [gatewaySubnetPrefix]),
    resource("azurerm_public_ip", `${tf}_pip`, {
      name: `pip-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      allocation_method: "Static",
      sku: "Standard",
    }),
    resource(
      "azurerm_virtual_network_gateway",
      tf,
      {
        name: `vgw-${tf}`,
        resource_group_name: RG,
        location: LOCATION,
        type: "Vpn",
        vpn_type: "RouteBased",
        sku: opts.sku ?? "VpnGw2AZ",
        generation: "Generation2",
        active_active: false,
        ...bgp,
        ip_configuration: {
          name: "default",
          subnet_id: idOf("azurerm_subnet", `${tf}_subnet`),
          public_ip_address_id: idOf("azurerm_public_ip", `${tf}_pip`),
          private_ip_address_allocation: "Dynamic",
        },
      },
      opts.path,
    ),
  );
}

/** A site: `azurerm_local_network_gateway.<tf>`. */
export function localSite(tf: string, addressSpace: string[] | string, path?: string): Json {
  return resource(
    "azurerm_local_network_gateway",
    tf,
    {
      name: `lng-${tf}`,
      resource_group_name: RG,
      location: LOCATION,
      gateway_address: "203.0.113.10",
      address_space: addressSpace,
    },
    path,
  );
}

export interface ConnectionOpts {
  readonly type: "IPsec" | "Vnet2Vnet" | "ExpressRoute";
  /** Terraform name of the peer gateway (Vnet2Vnet). */
  readonly peer?: string;
  /** Terraform name of the local network gateway (IPsec). */
  readonly site?: string;
  /** Terraform names of NAT rules. */
  readonly egress?: string[];
  readonly ingress?: string[];
  readonly path?: string;
  readonly extra?: Json;
}

/** `azurerm_virtual_network_gateway_connection.<tf>` on `azurerm_virtual_network_gateway.<gwTf>`. */
export function connection(tf: string, gwTf: string, o: ConnectionOpts): Json {
  const body: Json = {
    name: `cn-${tf}`,
    resource_group_name: RG,
    location: LOCATION,
    type: o.type,
    virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", gwTf),
  };
  if (o.peer) body.peer_virtual_network_gateway_id = idOf("azurerm_virtual_network_gateway", o.peer);
  if (o.site) body.local_network_gateway_id = idOf("azurerm_local_network_gateway", o.site);
  if (o.type !== "ExpressRoute") body.shared_key = ref("var.shared_key");
  if (o.type === "ExpressRoute")
    body.express_route_circuit_id =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1";
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
  type: "Static" | "Dynamic" = "Static",
): Json {
  return resource("azurerm_virtual_network_gateway_nat_rule", tf, {
    name: tf,
    resource_group_name: RG,
    virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", gwTf),
    mode,
    type,
    internal_mapping: { address_space: internal },
    external_mapping: { address_space: external },
  });
}

/** cdktf's cross-stack reference to output `name` of stack `stack`. */
export function crossStackRef(stack: string, name: string): string {
  return ref(`data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.${name}`);
}

/** The remote state data source cdktf writes in the consuming stack. */
export function remoteState(stack: string): Json {
  return data("terraform_remote_state", `cross-stack-reference-input-${stack}`, {
    backend: "local",
    config: { path: `../../terraform.${stack}.tfstate` },
  });
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

/**
 * The same document in the array form `hcl2json` writes: every block instance an array of one
 * object, nested blocks arrays.
 */
export function toHcl2Json(doc: Json): Json {
  const body = (b: Json): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(b)) {
      out[k] = NESTED_BLOCKS.has(k) ? (Array.isArray(v) ? v : [v]).map((x) => body(x)) : v;
    }
    return out;
  };
  const out: Json = { ...doc };
  for (const section of ["resource", "data"]) {
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
  for (const section of ["resource", "data"]) {
    if (!h[section]) continue;
    out[section] = Object.entries(h[section] as Json).map(([type, byName]) => ({
      [type]: Object.entries(byName as Json).map(([name, b]) => ({ [name]: b })),
    }));
  }
  return out;
}
