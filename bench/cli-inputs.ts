/**
 * The inputs of the CLI benchmark: the synth benchmark's hub-and-spoke topology (scale-plan.ts) written
 * as Terraform people write it by hand, and as Terraform plans it:
 *
 * - HCL with `for_each`: one `main.tf` whose resources iterate maps of hubs, spokes and branches given
 *   in `terraform.tfvars.json` (how a large estate is usually written);
 * - HCL with one block per resource: one `.tf` file per hub (the parser's worst case: every block is text);
 * - a `terraform show -json` plan of the latter, every resource to be created, so every id is known
 *   only after apply and every reference goes through the plan's configuration;
 * - the same topology as cdktf writes it (`cdk.tf.json`), for comparison.
 *
 * No cdktf import: the bench process loads only what it needs.
 */
import * as fs from "fs";
import * as path from "path";
import {
  LOCATION,
  RESOURCE_GROUP,
  branchCount,
  branchSite,
  hubCount,
  hubOfBranch,
  hubLocation,
  hubSpace,
  spokeSpaces,
} from "./scale-plan";
import { HUB_CAPACITY } from "./topology";

/** The blocks of the topology, as data. */
export interface Blocks {
  readonly hubs: {
    readonly key: string;
    readonly space: string;
    readonly gatewaySubnet: string;
    /** The hub's region, its spokes' and branches' too (scale-plan.ts: at most 1,000 networks a region). */
    readonly location: string;
  }[];
  readonly spokes: {
    readonly key: string;
    readonly hub: string;
    readonly spaces: [string, string];
    readonly location: string;
  }[];
  readonly branches: {
    readonly key: string;
    readonly hub: string;
    readonly location: string;
    readonly space: string;
    readonly address: string;
  }[];
}

/** The topology of N spokes as data: hubs of at most HUB_CAPACITY spokes, a branch every 20 spokes. */
export function blocks(spokes: number): Blocks {
  const hubs = Array.from({ length: hubCount(spokes) }, (_, h) => ({ key: `h${h}`, ...hubSpace(h) })).map(
    (h, i) => ({
      key: h.key,
      space: h.space,
      gatewaySubnet: h.gatewaySubnet,
      location: hubLocation(i),
    }),
  );
  return {
    hubs,
    spokes: Array.from({ length: spokes }, (_, i) => ({
      key: `s${i}`,
      hub: `h${Math.floor(i / HUB_CAPACITY)}`,
      spaces: spokeSpaces(i),
      location: hubLocation(Math.floor(i / HUB_CAPACITY)),
    })),
    branches: Array.from({ length: branchCount(spokes) }, (_, b) => ({
      key: `b${b}`,
      hub: `h${hubOfBranch(b)}`,
      location: hubLocation(hubOfBranch(b)),
      space: branchSite(b).space,
      address: branchSite(b).deviceAddress,
    })),
  };
}

const PROVIDERS = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}
`;

/**
 * How one kind of block is written in each HCL variant: iterated (`for_each` over a map variable,
 * `each.key` / `each.value`) or one block per item (its key in the block label, its values literal).
 */
interface Writing {
  /** The block label. */
  label(base: string): string;
  /** The `for_each` line (iterated), or nothing. */
  readonly meta: string;
  /** The item's key inside a string. */
  readonly key: string;
  /** A reference to the same item's block of another type (`azurerm_subnet.gateway[each.key]`). */
  same(type: string, base: string): string;
  /** A reference to another item's block (a spoke's hub): by key expression or literal key. */
  other(type: string, base: string, eachExpr: string, literal: string): string;
  /** A value: an expression of `each.value` (iterated), or the literal. */
  value(eachExpr: string, literal: string): string;
  /** A `depends_on` entry naming another item's block (iterated: the whole resource, all its instances). */
  dependency(type: string, base: string, literal: string): string;
}

function iterated(variable: string): Writing {
  return {
    label: (base) => base,
    meta: `  for_each = var.${variable}\n`,
    key: "${each.key}",
    same: (type, base) => `${type}.${base}[each.key]`,
    other: (type, base, eachExpr) => `${type}.${base}[${eachExpr}]`,
    value: (eachExpr) => eachExpr,
    dependency: (type, base) => `${type}.${base}`,
  };
}

function single(key: string): Writing {
  return {
    label: (base) => `${base}_${key}`,
    meta: "",
    key,
    same: (type, base) => `${type}.${base}_${key}`,
    other: (type, base, _eachExpr, literal) => `${type}.${base}_${literal}`,
    value: (_eachExpr, literal) => literal,
    dependency: (type, base, literal) => `${type}.${base}_${literal}`,
  };
}

const q = (s: string) => JSON.stringify(s);
/** The resource group and the region of a block. */
const rg = (location: string) =>
  `  resource_group_name = azurerm_resource_group.rg.name\n  location            = ${location}\n`;

/** A hub: its network, GatewaySubnet, public IP and VPN gateway. */
function hubHcl(w: Writing, h?: Blocks["hubs"][number]): string {
  const RG = rg(w.value("each.value.location", q(h?.location ?? "")));
  return `resource "azurerm_virtual_network" "${w.label("hub")}" {
${w.meta}  name                = "vnet-hub-${w.key}"
${RG}  address_space       = [${w.value("each.value.space", q(h?.space ?? ""))}]
}

resource "azurerm_subnet" "${w.label("gateway")}" {
${w.meta}  name                 = "GatewaySubnet"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = ${w.same("azurerm_virtual_network", "hub")}.name
  address_prefixes     = [${w.value("each.value.gateway_subnet", q(h?.gatewaySubnet ?? ""))}]
}

resource "azurerm_public_ip" "${w.label("gateway")}" {
${w.meta}  name                = "pip-vgw-${w.key}"
${RG}  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
}

resource "azurerm_virtual_network_gateway" "${w.label("hub")}" {
${w.meta}  name                = "vgw-${w.key}"
${RG}  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw2AZ"
  generation          = "Generation2"
  active_active       = false
  enable_bgp          = false

  ip_configuration {
    name                          = "default"
    subnet_id                     = ${w.same("azurerm_subnet", "gateway")}.id
    public_ip_address_id          = ${w.same("azurerm_public_ip", "gateway")}.id
    private_ip_address_allocation = "Dynamic"
  }
}
`;
}

/** A spoke: its network, a subnet, and both peering directions with its hub. */
function spokeHcl(w: Writing, s?: Blocks["spokes"][number]): string {
  const hub = (type: string) => w.other(type, "hub", "each.value.hub", s?.hub ?? "");
  const RG = rg(w.value("var.hubs[each.value.hub].location", q(s?.location ?? "")));
  return `resource "azurerm_virtual_network" "${w.label("spoke")}" {
${w.meta}  name                = "vnet-spoke-${w.key}"
${RG}  address_space       = ${w.value("each.value.spaces", `[${(s?.spaces ?? []).map(q).join(", ")}]`)}
}

resource "azurerm_subnet" "${w.label("workload")}" {
${w.meta}  name                 = "workload"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = ${w.same("azurerm_virtual_network", "spoke")}.name
  address_prefixes     = [${w.value("each.value.spaces[0]", q(s?.spaces[0] ?? ""))}]
}

resource "azurerm_virtual_network_peering" "${w.label("hub_to_spoke")}" {
${w.meta}  name                         = "hub-to-${w.key}"
  resource_group_name          = azurerm_resource_group.rg.name
  virtual_network_name         = ${hub("azurerm_virtual_network")}.name
  remote_virtual_network_id    = ${w.same("azurerm_virtual_network", "spoke")}.id
  allow_virtual_network_access = true
  allow_gateway_transit        = true
}

resource "azurerm_virtual_network_peering" "${w.label("spoke_to_hub")}" {
${w.meta}  name                         = "${w.key}-to-hub"
  resource_group_name          = azurerm_resource_group.rg.name
  virtual_network_name         = ${w.same("azurerm_virtual_network", "spoke")}.name
  remote_virtual_network_id    = ${hub("azurerm_virtual_network")}.id
  allow_virtual_network_access = true
  use_remote_gateways          = true
  # Azure refuses a peering that uses the hub's gateway before the gateway exists.
  depends_on                   = [${w.dependency("azurerm_virtual_network_gateway", "hub", s?.hub ?? "")}]
}
`;
}

/** A branch: its local network gateway and the site-to-site connection from its hub's gateway. */
function branchHcl(w: Writing, x?: Blocks["branches"][number]): string {
  const RG = rg(w.value("var.hubs[each.value.hub].location", q(x?.location ?? "")));
  return `resource "azurerm_local_network_gateway" "${w.label("branch")}" {
${w.meta}  name                = "lgw-${w.key}"
${RG}  gateway_address     = ${w.value("each.value.address", q(x?.address ?? ""))}
  address_space       = [${w.value("each.value.space", q(x?.space ?? ""))}]
}

resource "azurerm_virtual_network_gateway_connection" "${w.label("branch")}" {
${w.meta}  name                       = "cn-${w.key}"
${RG}  type                       = "IPsec"
  virtual_network_gateway_id = ${w.other("azurerm_virtual_network_gateway", "hub", "each.value.hub", x?.hub ?? "")}.id
  local_network_gateway_id   = ${w.same("azurerm_local_network_gateway", "branch")}.id
  shared_key                 = var.branch_shared_key
}
`;
}

const PREAMBLE = `${PROVIDERS}
variable "branch_shared_key" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "rg" {
  name     = "${RESOURCE_GROUP}"
  location = "${LOCATION}"
}
`;

/** The topology in HCL with `for_each` over maps in terraform.tfvars.json. */
export function writeForEachFolder(dir: string, b: Blocks): void {
  fs.mkdirSync(dir, { recursive: true });
  const variables = `
variable "hubs" {
  type = map(object({ space = string, gateway_subnet = string, location = string }))
}

variable "spokes" {
  type = map(object({ hub = string, spaces = list(string) }))
}

variable "branches" {
  type = map(object({ hub = string, space = string, address = string }))
}
`;
  const body = [hubHcl(iterated("hubs")), spokeHcl(iterated("spokes")), branchHcl(iterated("branches"))];
  fs.writeFileSync(path.join(dir, "main.tf"), [PREAMBLE, variables, ...body].join("\n"));
  const map = <T extends { key: string }>(xs: readonly T[], f: (x: T) => unknown) =>
    Object.fromEntries(xs.map((x) => [x.key, f(x)]));
  fs.writeFileSync(
    path.join(dir, "terraform.tfvars.json"),
    JSON.stringify({
      hubs: map(b.hubs, (h) => ({ space: h.space, gateway_subnet: h.gatewaySubnet, location: h.location })),
      spokes: map(b.spokes, (s) => ({ hub: s.hub, spaces: s.spaces })),
      branches: map(b.branches, (x) => ({ hub: x.hub, space: x.space, address: x.address })),
    }),
  );
}

/** The topology in HCL, one block per resource, one file per hub (with its spokes and branches). */
export function writeBlocksFolder(dir: string, b: Blocks): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "main.tf"), PREAMBLE);
  for (const h of b.hubs) {
    const parts = [hubHcl(single(h.key), h)];
    for (const s of b.spokes.filter((x) => x.hub === h.key)) parts.push(spokeHcl(single(s.key), s));
    for (const x of b.branches.filter((y) => y.hub === h.key)) parts.push(branchHcl(single(x.key), x));
    fs.writeFileSync(path.join(dir, `hub-${h.key}.tf`), parts.join("\n"));
  }
}

/** One planned resource: its values, the arguments known only after apply, their references. */
interface Planned {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** Argument -> the references of its expression (known after apply). */
  readonly refs?: Record<string, string[]>;
  /** `after_unknown` of nested blocks (the gateway's ip_configuration ids). */
  readonly unknownBlocks?: Record<string, unknown>;
  /** `sensitive_values`. */
  readonly sensitive?: Record<string, unknown>;
  /** More configuration expressions (of known values). */
  readonly expressions?: Record<string, unknown>;
  /** The configuration's `depends_on` (addresses). */
  readonly dependsOn?: string[];
}

/** A `terraform show -json` plan (format 1.2) of the one-block-per-resource topology, all to be created. */
export function writePlan(file: string, b: Blocks): void {
  const ref = (type: string, name: string, attr = "id") => [`${type}.${name}.${attr}`, `${type}.${name}`];
  const planned: Planned[] = [
    { type: "azurerm_resource_group", name: "rg", values: { name: RESOURCE_GROUP, location: LOCATION } },
  ];
  for (const h of b.hubs) {
    const rg = { resource_group_name: RESOURCE_GROUP, location: h.location };
    planned.push(
      {
        type: "azurerm_virtual_network",
        name: `hub_${h.key}`,
        values: { name: `vnet-hub-${h.key}`, ...rg, address_space: [h.space] },
      },
      {
        type: "azurerm_subnet",
        name: `gateway_${h.key}`,
        values: {
          name: "GatewaySubnet",
          resource_group_name: RESOURCE_GROUP,
          virtual_network_name: `vnet-hub-${h.key}`,
          address_prefixes: [h.gatewaySubnet],
        },
      },
      {
        type: "azurerm_public_ip",
        name: `gateway_${h.key}`,
        values: {
          name: `pip-vgw-${h.key}`,
          ...rg,
          allocation_method: "Static",
          sku: "Standard",
          zones: ["1", "2", "3"],
        },
      },
      {
        type: "azurerm_virtual_network_gateway",
        name: `hub_${h.key}`,
        values: {
          name: `vgw-${h.key}`,
          ...rg,
          type: "Vpn",
          vpn_type: "RouteBased",
          sku: "VpnGw2AZ",
          generation: "Generation2",
          active_active: false,
          enable_bgp: false,
          ip_configuration: [{ name: "default", private_ip_address_allocation: "Dynamic" }],
        },
        unknownBlocks: { ip_configuration: [{ subnet_id: true, public_ip_address_id: true }] },
      },
    );
    for (const s of b.spokes.filter((x) => x.hub === h.key)) {
      planned.push(
        {
          type: "azurerm_virtual_network",
          name: `spoke_${s.key}`,
          values: { name: `vnet-spoke-${s.key}`, ...rg, address_space: s.spaces },
        },
        {
          type: "azurerm_subnet",
          name: `workload_${s.key}`,
          values: {
            name: "workload",
            resource_group_name: RESOURCE_GROUP,
            virtual_network_name: `vnet-spoke-${s.key}`,
            address_prefixes: [s.spaces[0]],
          },
        },
        {
          type: "azurerm_virtual_network_peering",
          name: `hub_to_spoke_${s.key}`,
          values: {
            name: `hub-to-${s.key}`,
            resource_group_name: RESOURCE_GROUP,
            virtual_network_name: `vnet-hub-${h.key}`,
            allow_virtual_network_access: true,
            allow_forwarded_traffic: false,
            allow_gateway_transit: true,
            use_remote_gateways: false,
          },
          refs: { remote_virtual_network_id: ref("azurerm_virtual_network", `spoke_${s.key}`) },
        },
        {
          type: "azurerm_virtual_network_peering",
          name: `spoke_to_hub_${s.key}`,
          values: {
            name: `${s.key}-to-hub`,
            resource_group_name: RESOURCE_GROUP,
            virtual_network_name: `vnet-spoke-${s.key}`,
            allow_virtual_network_access: true,
            allow_forwarded_traffic: false,
            allow_gateway_transit: false,
            use_remote_gateways: true,
          },
          refs: { remote_virtual_network_id: ref("azurerm_virtual_network", `hub_${h.key}`) },
          dependsOn: [`azurerm_virtual_network_gateway.hub_${h.key}`],
        },
      );
    }
    for (const x of b.branches.filter((y) => y.hub === h.key)) {
      planned.push(
        {
          type: "azurerm_local_network_gateway",
          name: `branch_${x.key}`,
          values: { name: `lgw-${x.key}`, ...rg, gateway_address: x.address, address_space: [x.space] },
        },
        {
          type: "azurerm_virtual_network_gateway_connection",
          name: `branch_${x.key}`,
          // A sensitive value is in the plan in clear; the configuration says it comes from a variable.
          values: { name: `cn-${x.key}`, ...rg, type: "IPsec", shared_key: "a-key-from-a-variable" },
          sensitive: { shared_key: true },
          refs: {
            virtual_network_gateway_id: ref("azurerm_virtual_network_gateway", `hub_${h.key}`),
            local_network_gateway_id: ref("azurerm_local_network_gateway", `branch_${x.key}`),
          },
          expressions: { shared_key: { references: ["var.branch_shared_key"] } },
        },
      );
    }
  }
  // The gateway's ip_configuration ids are known after apply too.
  const gatewayRefs = (h: string) => ({
    ip_configuration: [
      {
        subnet_id: { references: ref("azurerm_subnet", `gateway_${h}`) },
        public_ip_address_id: { references: ref("azurerm_public_ip", `gateway_${h}`) },
      },
    ],
  });
  const address = (p: Planned) => `${p.type}.${p.name}`;
  const plan = {
    format_version: "1.2",
    terraform_version: "1.9.8",
    planned_values: {
      root_module: {
        resources: planned.map((p) => ({
          address: address(p),
          mode: "managed",
          type: p.type,
          name: p.name,
          provider_name: "registry.terraform.io/hashicorp/azurerm",
          schema_version: 0,
          values: p.values,
          sensitive_values: p.sensitive ?? {},
        })),
      },
    },
    resource_changes: planned.map((p) => ({
      address: address(p),
      mode: "managed",
      type: p.type,
      name: p.name,
      provider_name: "registry.terraform.io/hashicorp/azurerm",
      change: {
        actions: ["create"],
        before: null,
        after: p.values,
        after_unknown: {
          id: true,
          ...Object.fromEntries(Object.keys(p.refs ?? {}).map((k) => [k, true])),
          ...(p.unknownBlocks ?? {}),
        },
        before_sensitive: false,
        after_sensitive: p.sensitive ?? {},
      },
    })),
    configuration: {
      provider_config: {
        azurerm: {
          name: "azurerm",
          full_name: "registry.terraform.io/hashicorp/azurerm",
          version_constraint: "~> 4.0",
        },
      },
      root_module: {
        resources: planned.map((p) => ({
          address: address(p),
          mode: "managed",
          type: p.type,
          name: p.name,
          provider_config_key: "azurerm",
          ...(p.dependsOn ? { depends_on: p.dependsOn } : {}),
          expressions: {
            ...(p.expressions ?? {}),
            ...Object.fromEntries(Object.entries(p.refs ?? {}).map(([k, r]) => [k, { references: r }])),
            ...(p.type === "azurerm_virtual_network_gateway" ? gatewayRefs(p.name.slice(4)) : {}),
          },
        })),
      },
    },
  };
  fs.writeFileSync(file, JSON.stringify(plan));
}
