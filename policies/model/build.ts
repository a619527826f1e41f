/**
 * Builds the network model from the Terraform documents of an app's stacks: each section of the
 * builder reads its resource types (networks, gateways, sites, NAT, links, metadata) in an order that
 * lets later sections join what earlier ones read.
 */
import { Block, ModuleDocument, Resolver } from "../input/terraform-json";
import { BuildContext, remoteStateProducer } from "./context";
import { addGateway, addPublicIp } from "./gateways";
import { readBlockMetadata, readDocumentMetadata } from "./metadata";
import { readConnection, readPeering } from "./links";
import { addNatRule } from "./nat";
import { azurermVersions } from "./provider-version";
import {
  addAttachments,
  addInlineRouteTables,
  addNatGatewayAssociation,
  addNetwork,
  addNsgAssociation,
  addRoute,
  addRouteTable,
  addRouteTableAssociation,
  addSubnet,
} from "./networks";
import { addSite, linkSitesToGateways } from "./sites";
import { IntentGroupsM, IntentM, NetworkModel, ProviderM, SuppressionM, UnreadM } from "./types";

/** What the input layer read besides the documents: what it could not read, the pinned provider. */
export interface BuildInput {
  readonly unread?: readonly UnreadM[];
  readonly provider?: ProviderM;
}

/** Builds the model from the (expanded) Terraform documents of an app's stacks or a configuration's modules. */
export function buildModel(docs: readonly ModuleDocument[], input: BuildInput = {}): NetworkModel {
  const ctx = new BuildContext(new Resolver(docs), docs);
  ctx.unread.push(...(input.unread ?? []));
  const byType = new Map<string, Block[]>();
  const represented = new Map<string, string>();
  // Indexed loops over the blocks: run once per check, in code not optimized yet, where each step of a
  // for-of allocates (tens of thousands of blocks at scale).
  const blocks = ctx.r.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const t = b.mode === "data" ? `data.${b.type}` : b.type;
    const list = byType.get(t);
    if (list) list.push(b);
    else byType.set(t, [b]);
    const stands = readBlockMetadata(ctx, b);
    if (stands !== undefined) represented.set(b.key, stands);
  }
  const suppressions: SuppressionM[] = [];
  const intents: IntentM[] = [];
  const intentGroups: IntentGroupsM[] = [];
  for (const sd of docs) readDocumentMetadata(ctx, sd, suppressions, intents, intentGroups);
  const of = (t: string) => byType.get(t) ?? [];

  of("azurerm_virtual_network").forEach((b) => addNetwork(ctx, b, "resource"));
  of("data.azurerm_virtual_network").forEach((b) => addNetwork(ctx, b, "data"));
  // Declared existing networks (and their gateways) before anything refers to them by name or id.
  ctx.addDeclaredNetworks();
  of("azurerm_subnet").forEach((b) => addSubnet(ctx, b, "resource"));
  of("data.azurerm_subnet").forEach((b) => addSubnet(ctx, b, "data"));
  of("azurerm_route_table").forEach((b) => addRouteTable(ctx, b));
  of("azurerm_route").forEach((b) => addRoute(ctx, b));
  // The version the front end read for the whole configuration (the lock file, else the one constraint)
  // wins; else each stack's own `required_providers` pin (cdktf stacks).
  const pins = azurermVersions(docs);
  const read = input.provider;
  const whole =
    read?.azurermMajor !== undefined
      ? { constraint: read.azurermVersion, major: read.azurermMajor }
      : undefined;
  of("azurerm_public_ip").forEach((b) =>
    addPublicIp(
      ctx,
      b,
      whole ??
        pins.get(b.stack) ?? { unknown: `${b.stack} pins no azurerm version (terraform.required_providers)` },
    ),
  );
  const siteBlocks = [...of("azurerm_local_network_gateway"), ...of("data.azurerm_local_network_gateway")];
  siteBlocks.forEach((b) => addSite(ctx, b));
  of("azurerm_virtual_network_gateway").forEach((b) => addGateway(ctx, b));
  of("data.azurerm_virtual_network_gateway").forEach((b) => addGateway(ctx, b));
  linkSitesToGateways(ctx, siteBlocks, represented);
  of("azurerm_virtual_network_gateway_nat_rule").forEach((b) => addNatRule(ctx, b));
  of("azurerm_subnet_network_security_group_association").forEach((b) => addNsgAssociation(ctx, b));
  of("azurerm_subnet_route_table_association").forEach((b) => addRouteTableAssociation(ctx, b));
  of("azurerm_subnet_nat_gateway_association").forEach((b) => addNatGatewayAssociation(ctx, b));
  of("azurerm_virtual_network").forEach((b) => addInlineRouteTables(ctx, b));
  for (let i = 0; i < blocks.length; i++) addAttachments(ctx, blocks[i]);
  const peerings = of("azurerm_virtual_network_peering").map((b) => readPeering(ctx, b));
  const connections = of("azurerm_virtual_network_gateway_connection").map((b) => readConnection(ctx, b));

  return {
    dependencies: {
      waitsFor: (from: string, to: string) => ctx.waitsFor(from, to),
      orderingUnknown: (from: string) => ctx.orderingUnknown(from),
    },
    stackDependencies: stackDependencies(ctx),
    networks: [...ctx.networks.values()],
    subnets: [...ctx.subnets.values()],
    gateways: [...ctx.gateways.values()],
    sites: [...ctx.sites.values()],
    peerings,
    connections,
    natRules: [...ctx.natRules.values()],
    routeTables: [...ctx.routeTables.values()],
    publicIps: [...ctx.publicIps.values()],
    suppressions,
    intents,
    intentGroups,
    unread: ctx.unread,
    ...(input.provider ? { provider: input.provider } : {}),
  };
}

/** Stack -> the stacks whose outputs it reads through cdktf's cross-stack remote states. */
function stackDependencies(ctx: BuildContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < ctx.r.blocks.length; i++) {
    const b = ctx.r.blocks[i];
    if (b.mode !== "data" || b.type !== "terraform_remote_state") continue;
    const producer = remoteStateProducer(b.name);
    if (producer === undefined || producer === b.stack) continue;
    const set = out.get(b.stack) ?? new Set<string>();
    set.add(producer);
    out.set(b.stack, set);
  }
  return out;
}
