/**
 * Hub-and-spoke topologies as cdktf writes them to `cdk.tf.json`, for the engine benchmark.
 *
 * Spokes are spread over hubs of at most {@link HUB_CAPACITY} spokes (Azure allows 500 peerings per
 * network). Hub h (10.0.h.0/24) has a GatewaySubnet, a route-based VPN gateway with a public IP, and
 * one IPsec connection to a local network gateway (192.168.h.0/24). Spoke i has two address spaces
 * (two /24s above 10.1.0.0), one subnet, and a peering pair with its hub (hub side allows gateway
 * transit, spoke side uses the remote gateway). References are written as cdktf writes them
 * (`${azurerm_virtual_network.x.id}`, `.name`); split topologies put the spokes in their own stacks
 * and reach the hub through cdktf cross-stack references (hub outputs read back with
 * `data.terraform_remote_state.cross-stack-reference-input-<hub stack>`).
 */
import { StackDocument } from "../policies/input/terraform-json";
import { ipv4Text } from "./prefixes";

const HUB_STACK = "hub";
const LOCATION = "westeurope";
const TEN = 10 * 2 ** 24;
/** Spokes per hub: Azure allows 500 peerings per network; issue 7 plans hubs of at most 250 spokes. */
export const HUB_CAPACITY = 250;

/**
 * The regions the hubs are spread over, each hub with its spokes, gateway and branches in its own:
 * Azure allows 1,000 virtual networks per subscription and region (the `Vnet.Limit` rule), and a hub
 * has at most {@link HUB_CAPACITY} spokes, so 5,000 spokes (20 hubs) stay within it in 8 regions.
 */
export const REGIONS = [
  "westeurope",
  "northeurope",
  "swedencentral",
  "francecentral",
  "germanywestcentral",
  "uksouth",
  "norwayeast",
  "switzerlandnorth",
] as const;

/** The region of hub h (and of its spokes, gateway and branches). */
export function hubLocation(h: number): string {
  return REGIONS[h % REGIONS.length];
}

type Blocks = Record<string, Record<string, any>>;

interface Doc {
  readonly stack: string;
  readonly resource: Blocks;
  readonly data: Blocks;
  readonly output: Record<string, { sensitive: boolean; value: string }>;
  readonly outputsMeta: Record<string, string>;
}

function newDoc(stack: string): Doc {
  return { stack, resource: {}, data: {}, output: {}, outputsMeta: {} };
}

function add(doc: Doc, type: string, name: string, body: Record<string, unknown>, path: string): void {
  const byName = (doc.resource[type] ??= {});
  byName[name] = { "//": { metadata: { path: `${doc.stack}/${path}`, uniqueId: name } }, ...body };
}

/** Exposes `${type.name.attr}` of the hub stack to other stacks, as cdktf does; returns the consumer's expression. */
function crossStack(hub: Doc, consumer: Doc, type: string, name: string, attr: string): string {
  const output = `cross-stack-output-${type}${name}${attr}`;
  hub.output[output] = { sensitive: true, value: `\${${type}.${name}.${attr}}` };
  hub.outputsMeta[`cross-stack-output-${type}.${name}.${attr}`] = output;
  const input = `cross-stack-reference-input-${hub.stack}`;
  const remote = (consumer.data.terraform_remote_state ??= {});
  remote[input] ??= {
    backend: "local",
    config: { path: `terraform.${hub.stack}.tfstate` },
    workspace: "${terraform.workspace}",
  };
  return `\${data.terraform_remote_state.${input}.outputs.${output}}`;
}

function toJson(d: Doc): StackDocument {
  const doc: Record<string, unknown> = {
    "//": { metadata: { backend: "local", stackName: d.stack, version: "bench" }, outputs: {} },
    provider: { azurerm: [{ features: [{}] }] },
    terraform: {
      backend: { local: { path: `terraform.${d.stack}.tfstate` } },
      required_providers: { azurerm: { source: "azurerm", version: "4.55.0" } },
    },
    resource: d.resource,
  };
  if (Object.keys(d.data).length > 0) doc.data = d.data;
  if (Object.keys(d.output).length > 0) {
    doc.output = d.output;
    (doc["//"] as any).outputs = { [d.stack]: d.outputsMeta };
  }
  if (d.stack === HUB_STACK) doc.variable = { vpn_shared_key: { sensitive: true, type: "string" } };
  return { stack: d.stack, doc };
}

/** The two /24 address spaces of spoke i (0-based): 10.1.0.0/24, 10.1.1.0/24 for spoke 0, and so on. */
export function spokeSpaces(i: number): [string, string] {
  const base = TEN + 2 ** 16 + i * 512;
  return [ipv4Text(base, 24), ipv4Text(base + 256, 24)];
}

export interface TopologyOptions {
  readonly spokes: number;
  /** Spokes per spoke stack; 0 puts everything in one stack. @default 0 */
  readonly spokesPerStack?: number;
}

/** Number of networks of a topology (hub + spokes). */
export function networkCount(o: TopologyOptions): number {
  return o.spokes + hubCount(o.spokes);
}

/** Number of hubs of a topology. */
export function hubCount(spokes: number): number {
  return Math.max(1, Math.ceil(spokes / HUB_CAPACITY));
}

/** The hub's network, GatewaySubnet, VPN gateway with its public IP, site and IPsec connection. */
function addHub(d: Doc, h: number, rg: string): void {
  const hub = `Hub${h}`;
  add(
    d,
    "azurerm_virtual_network",
    `${hub}_Resource`,
    {
      name: `vnet-hub${h}`,
      resource_group_name: rg,
      location: hubLocation(h),
      address_space: [ipv4Text(TEN + h * 256, 24)],
    },
    `${hub}/Resource`,
  );
  add(
    d,
    "azurerm_subnet",
    `${hub}_Subnet-GatewaySubnet`,
    {
      name: "GatewaySubnet",
      resource_group_name: rg,
      virtual_network_name: `\${azurerm_virtual_network.${hub}_Resource.name}`,
      address_prefixes: [ipv4Text(TEN + h * 256, 27)],
    },
    `${hub}/Subnet-GatewaySubnet`,
  );
  add(
    d,
    "azurerm_public_ip",
    `${hub}Gateway_PublicIp`,
    {
      name: `pip-vgw-hub${h}`,
      resource_group_name: rg,
      location: hubLocation(h),
      allocation_method: "Static",
      sku: "Standard",
      zones: ["1", "2", "3"],
    },
    `${hub}Gateway/PublicIp`,
  );
  add(
    d,
    "azurerm_virtual_network_gateway",
    `${hub}Gateway_Resource`,
    {
      name: `vgw-hub${h}`,
      resource_group_name: rg,
      location: hubLocation(h),
      type: "Vpn",
      vpn_type: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      active_active: false,
      bgp_enabled: false,
      ip_configuration: [
        {
          name: "default",
          subnet_id: `\${azurerm_subnet.${hub}_Subnet-GatewaySubnet.id}`,
          public_ip_address_id: `\${azurerm_public_ip.${hub}Gateway_PublicIp.id}`,
          private_ip_address_allocation: "Dynamic",
        },
      ],
    },
    `${hub}Gateway/Resource`,
  );
  add(
    d,
    "azurerm_local_network_gateway",
    `${hub}OnPrem_Resource`,
    {
      name: `lgw-onprem-hub${h}`,
      resource_group_name: rg,
      location: hubLocation(h),
      gateway_address: `203.0.113.${10 + (h % 200)}`,
      address_space: [`192.168.${h % 256}.0/24`],
    },
    `${hub}OnPrem/Resource`,
  );
  add(
    d,
    "azurerm_virtual_network_gateway_connection",
    `${hub}OnPremConnection_Resource`,
    {
      name: `cn-hub${h}-onprem`,
      resource_group_name: rg,
      location: hubLocation(h),
      type: "IPsec",
      virtual_network_gateway_id: `\${azurerm_virtual_network_gateway.${hub}Gateway_Resource.id}`,
      local_network_gateway_id: `\${azurerm_local_network_gateway.${hub}OnPrem_Resource.id}`,
      shared_key: "${var.vpn_shared_key}",
    },
    `${hub}OnPremConnection/Resource`,
  );
}

/** The Terraform JSON documents of the topology (one per stack). */
export function hubAndSpoke(o: TopologyOptions): StackDocument[] {
  if (o.spokes > 60000) throw new Error("too many spokes for 10.0.0.0/8");
  const hubStack = newDoc(HUB_STACK);
  add(hubStack, "azurerm_resource_group", "Rg", { name: "rg-bench", location: LOCATION }, "Rg");
  const rg = "${azurerm_resource_group.Rg.name}";
  const hubs = hubCount(o.spokes);
  for (let h = 0; h < hubs; h++) addHub(hubStack, h, rg);

  const docs = [hubStack];
  const perStack = o.spokesPerStack ?? 0;
  let d = hubStack;
  for (let i = 0; i < o.spokes; i++) {
    if (perStack > 0 && i % perStack === 0) {
      d = newDoc(`spokes-${docs.length}`);
      docs.push(d);
    }
    const hub = `Hub${Math.floor(i / HUB_CAPACITY)}_Resource`;
    const local = d === hubStack;
    const fromHub = (type: string, name: string, attr: string) =>
      local ? `\${${type}.${name}.${attr}}` : crossStack(hubStack, d, type, name, attr);
    const hubId = fromHub("azurerm_virtual_network", hub, "id");
    const hubName = fromHub("azurerm_virtual_network", hub, "name");
    const hubRg = fromHub("azurerm_virtual_network", hub, "resource_group_name");
    const spokeRg = local ? rg : fromHub("azurerm_resource_group", "Rg", "name");
    const n = `Spoke${i}`;
    const spaces = spokeSpaces(i);
    add(
      d,
      "azurerm_virtual_network",
      `${n}_Resource`,
      {
        name: `vnet-spoke${i}`,
        resource_group_name: spokeRg,
        location: hubLocation(Math.floor(i / HUB_CAPACITY)),
        address_space: spaces,
      },
      `${n}/Resource`,
    );
    add(
      d,
      "azurerm_subnet",
      `${n}_Subnet-workload`,
      {
        name: "workload",
        resource_group_name: spokeRg,
        virtual_network_name: `\${azurerm_virtual_network.${n}_Resource.name}`,
        address_prefixes: [spaces[0]],
      },
      `${n}/Subnet-workload`,
    );
    add(
      d,
      "azurerm_virtual_network_peering",
      `HubTo${n}_LocalToRemote`,
      {
        name: `vnet-hub-to-vnet-spoke${i}`,
        resource_group_name: hubRg,
        virtual_network_name: hubName,
        remote_virtual_network_id: `\${azurerm_virtual_network.${n}_Resource.id}`,
        allow_virtual_network_access: true,
        allow_forwarded_traffic: false,
        allow_gateway_transit: true,
        use_remote_gateways: false,
      },
      `HubTo${n}/LocalToRemote`,
    );
    add(
      d,
      "azurerm_virtual_network_peering",
      `HubTo${n}_RemoteToLocal`,
      {
        name: `vnet-spoke${i}-to-vnet-hub`,
        resource_group_name: spokeRg,
        virtual_network_name: `\${azurerm_virtual_network.${n}_Resource.name}`,
        remote_virtual_network_id: hubId,
        allow_virtual_network_access: true,
        allow_forwarded_traffic: false,
        allow_gateway_transit: false,
        use_remote_gateways: true,
        // Waits for the hub's gateway (Azure refuses the peering until it exists): in the hubs' stack
        // explicitly; a spoke stack reads the hubs' stack's outputs, so cdktf deploys that first.
        ...(local
          ? {
              depends_on: [
                `azurerm_virtual_network_gateway.${hub.replace(/_Resource$/, "")}Gateway_Resource`,
              ],
            }
          : {}),
      },
      `HubTo${n}/RemoteToLocal`,
    );
  }
  return docs.map(toJson);
}

/**
 * The same documents with every `resource` section in array form (`"resource": [{type: {name: body}}, ...]`,
 * one resource per element), which Terraform's JSON syntax allows and the engine accepts.
 */
export function toArrayForm(docs: readonly StackDocument[]): StackDocument[] {
  return docs.map(({ stack, doc }) => {
    const resource: Record<string, Record<string, unknown>>[] = [];
    for (const [type, byName] of Object.entries(doc.resource as Blocks))
      for (const [name, body] of Object.entries(byName)) resource.push({ [type]: { [name]: body } });
    return { stack, doc: { ...doc, resource } };
  });
}
