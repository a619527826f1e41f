/**
 * Small topologies as raw Terraform JSON (azurerm 4.x names, cdktf's `//.metadata.path`), for the
 * reachability tests. Each builder returns resource fragments; {@link doc} merges them.
 */
export type Json = Record<string, any>;

const RG = "rg-net";
const LOCATION = "westeurope";

const ref = (expr: string) => `\${${expr}}`;

function res(type: string, name: string, body: Json): Json {
  return { [type]: { [name]: { ...body, "//": { metadata: { path: `net/${name}`, uniqueId: name } } } } };
}

/** Merges resource fragments into one stack document named `net`. */
export function doc(...fragments: Json[]): Json {
  const resource: Json = {};
  for (const f of fragments) {
    for (const [type, byName] of Object.entries(f)) {
      resource[type] ??= {};
      for (const [name, body] of Object.entries(byName as Json)) {
        if (resource[type][name]) throw new Error(`duplicate ${type}.${name}`);
        resource[type][name] = body;
      }
    }
  }
  return { "//": { metadata: { stackName: "net" } }, resource };
}

export function vnet(name: string, space: string[], subnets: Record<string, string> = {}): Json {
  const out: Json = res("azurerm_virtual_network", name, {
    name,
    resource_group_name: RG,
    location: LOCATION,
    address_space: space,
  });
  for (const [sub, prefix] of Object.entries(subnets)) {
    Object.assign(
      (out.azurerm_subnet ??= {}),
      res("azurerm_subnet", `${name}_${sub}`, {
        name: sub,
        resource_group_name: RG,
        virtual_network_name: ref(`azurerm_virtual_network.${name}.name`),
        address_prefixes: [prefix],
      }).azurerm_subnet,
    );
  }
  return out;
}

/** One direction of a peering, `from` -> `to`. */
export function peer(from: string, to: string, extra: Json = {}): Json {
  return res("azurerm_virtual_network_peering", `${from}-to-${to}`, {
    name: `${from}-to-${to}`,
    resource_group_name: RG,
    virtual_network_name: ref(`azurerm_virtual_network.${from}.name`),
    remote_virtual_network_id: ref(`azurerm_virtual_network.${to}.id`),
    ...extra,
  });
}

/** Both directions; `hubOf` makes `from` use `to`'s gateway (use_remote_gateways / allow_gateway_transit). */
export function peerBoth(a: string, b: string, opts: { transitVia?: string } = {}): Json {
  const spoke = opts.transitVia === b ? a : opts.transitVia === a ? b : undefined;
  return merge(
    peer(
      a,
      b,
      spoke === a ? { use_remote_gateways: true } : spoke === b ? { allow_gateway_transit: true } : {},
    ),
    peer(
      b,
      a,
      spoke === b ? { use_remote_gateways: true } : spoke === a ? { allow_gateway_transit: true } : {},
    ),
  );
}

/** A VPN gateway in `vnetName` (its GatewaySubnet is `gwPrefix`). */
export function gateway(
  vnetName: string,
  gwPrefix: string,
  opts: { bgp?: boolean; asn?: number } = {},
): Json {
  return merge(
    res("azurerm_subnet", `${vnetName}_gws`, {
      name: "GatewaySubnet",
      resource_group_name: RG,
      virtual_network_name: ref(`azurerm_virtual_network.${vnetName}.name`),
      address_prefixes: [gwPrefix],
    }),
    res("azurerm_public_ip", `${vnetName}_pip`, {
      name: `pip-${vnetName}`,
      resource_group_name: RG,
      location: LOCATION,
      allocation_method: "Static",
      sku: "Standard",
    }),
    res("azurerm_virtual_network_gateway", `gw_${vnetName}`, {
      name: `gw-${vnetName}`,
      resource_group_name: RG,
      location: LOCATION,
      type: "Vpn",
      vpn_type: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      bgp_enabled: opts.bgp ?? false,
      ...(opts.bgp ? { bgp_settings: { asn: opts.asn ?? 65010 } } : {}),
      ip_configuration: {
        name: "default",
        subnet_id: ref(`azurerm_subnet.${vnetName}_gws.id`),
        public_ip_address_id: ref(`azurerm_public_ip.${vnetName}_pip.id`),
      },
    }),
  );
}

export function site(name: string, space: string[], opts: { asn?: number } = {}): Json {
  return res("azurerm_local_network_gateway", name, {
    name,
    resource_group_name: RG,
    location: LOCATION,
    gateway_address: "203.0.113.10",
    address_space: space,
    ...(opts.asn ? { bgp_settings: { asn: opts.asn, bgp_peering_address: "192.168.255.1" } } : {}),
  });
}

/** Site-to-site from the gateway of `vnetName` to `siteName`. */
export function s2s(vnetName: string, siteName: string, extra: Json = {}): Json {
  return res("azurerm_virtual_network_gateway_connection", `${vnetName}-to-${siteName}`, {
    name: `${vnetName}-to-${siteName}`,
    resource_group_name: RG,
    location: LOCATION,
    type: "IPsec",
    virtual_network_gateway_id: ref(`azurerm_virtual_network_gateway.gw_${vnetName}.id`),
    local_network_gateway_id: ref(`azurerm_local_network_gateway.${siteName}.id`),
    shared_key: ref("var.psk"),
    ...extra,
  });
}

/** One VNet-to-VNet direction, from the gateway of `from` to the gateway of `to`. */
export function v2v(from: string, to: string, extra: Json = {}): Json {
  return res("azurerm_virtual_network_gateway_connection", `${from}-v2v-${to}`, {
    name: `${from}-v2v-${to}`,
    resource_group_name: RG,
    location: LOCATION,
    type: "Vnet2Vnet",
    virtual_network_gateway_id: ref(`azurerm_virtual_network_gateway.gw_${from}.id`),
    peer_virtual_network_gateway_id: ref(`azurerm_virtual_network_gateway.gw_${to}.id`),
    shared_key: ref("var.psk"),
    ...extra,
  });
}

export function natRule(
  vnetName: string,
  name: string,
  mode: string,
  internal: string,
  external: string,
): Json {
  return res("azurerm_virtual_network_gateway_nat_rule", name, {
    name,
    resource_group_name: RG,
    virtual_network_gateway_id: ref(`azurerm_virtual_network_gateway.gw_${vnetName}.id`),
    mode,
    type: "Static",
    internal_mapping: [{ address_space: internal }],
    external_mapping: [{ address_space: external }],
  });
}

export function natRef(name: string): string {
  return ref(`azurerm_virtual_network_gateway_nat_rule.${name}.id`);
}

export function merge(...fragments: Json[]): Json {
  const out: Json = {};
  for (const f of fragments) {
    for (const [type, byName] of Object.entries(f)) out[type] = { ...(out[type] ?? {}), ...(byName as Json) };
  }
  return out;
}
