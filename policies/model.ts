/**
 * The normalized network model the rules see, built from the synthesized Terraform of every stack
 * of an app (or from any Terraform JSON). Our constructs and raw provider resources look alike here.
 *
 * Every value is known or {@link Unknown}; rules never guess an unknown.
 */
import { createHash } from "crypto";
import { Prefix, tryParsePrefix } from "../core/cidr";
import { parseArmId } from "../core/arm-id";
import {
  Block,
  BlockRef,
  Resolver,
  StackDocument,
  Unknown,
  asList,
  attr,
  blocks,
  firstBlock,
  isUnknown,
} from "./input/terraform-json";

export { isUnknown };
export type { Unknown };

/** Address spaces: parsed prefixes, or unknown with the reason. */
export type Spaces =
  | { readonly known: true; readonly prefixes: Prefix[] }
  | { readonly known: false; readonly why: string };

/** A virtual network: created by the app, read by a data source, or known only by id. */
export interface NetworkM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly kind: "resource" | "data" | "external";
  readonly path: string;
  readonly stack: string;
  readonly name: string | Unknown | undefined;
  readonly resourceGroup: string | Unknown | undefined;
  readonly location?: string | Unknown;
  /** Literal ARM id, for external networks. */
  readonly armId?: string;
  spaces: Spaces;
  readonly subnets: SubnetM[];
  readonly gateways: GatewayM[];
  /** Display name for messages. */
  readonly label: string;
}

/** A subnet: an `azurerm_subnet`, an inline `subnet` block, a data source, or a literal id. */
export interface SubnetM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  network?: NetworkM;
  readonly prefixes: Spaces;
  /** NSG associations: where they are declared. */
  readonly nsgAssociations: { readonly path: string; readonly nsg: string }[];
  /** Route tables associated with the subnet. */
  readonly routeTables: {
    readonly path: string;
    readonly table: RouteTableM | undefined;
    readonly tableExpr: string;
  }[];
  readonly kind: "resource" | "inline" | "data" | "external";
}

/** A route table and its routes. */
export interface RouteTableM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  /** false when BGP route propagation is disabled; Unknown when not resolvable. */
  readonly bgpRoutePropagation: boolean | Unknown;
  readonly routes: {
    readonly path: string;
    readonly name: string | Unknown | undefined;
    readonly addressPrefix: string | Unknown | undefined;
  }[];
}

/** A virtual network gateway. */
export interface GatewayM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  readonly type: string | Unknown | undefined;
  readonly vpnType: string | Unknown | undefined;
  readonly sku: string | Unknown | undefined;
  readonly generation: string | Unknown | undefined;
  readonly activeActive: boolean | Unknown | undefined;
  readonly bgpEnabled: boolean | Unknown | undefined;
  readonly bgpAsn: number | Unknown | undefined;
  readonly apipaAddresses: string[];
  readonly ipConfigurations: {
    readonly name: string | Unknown | undefined;
    readonly subnet?: SubnetM;
    readonly subnetExpr: string;
    readonly publicIp?: PublicIpM;
  }[];
  network?: NetworkM;
  readonly connections: ConnectionM[];
  readonly natRules: NatRuleM[];
}

/** A public IP address. */
export interface PublicIpM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly sku: string | Unknown | undefined;
  readonly allocation: string | Unknown | undefined;
  readonly zones: string[] | Unknown | undefined;
}

/** A local network gateway (a site). */
export interface SiteM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  readonly spaces: Spaces;
  readonly gatewayAddress: string | Unknown | undefined;
  readonly gatewayFqdn: string | Unknown | undefined;
  readonly bgpAsn: number | Unknown | undefined;
  readonly bgpPeeringAddress: string | Unknown | undefined;
  readonly label: string;
}

/** A directed peering. */
export interface PeeringM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly stack: string;
  readonly local?: NetworkM;
  readonly remote?: NetworkM;
  readonly localExpr: string;
  readonly remoteExpr: string;
  readonly allowAccess: boolean | Unknown;
  readonly allowForwardedTraffic: boolean | Unknown;
  readonly allowGatewayTransit: boolean | Unknown;
  readonly useRemoteGateways: boolean | Unknown;
  /** false for subnet-level peering. */
  readonly completeNetworks: boolean | Unknown;
  readonly localSubnetNames: string[] | Unknown | undefined;
  readonly remoteSubnetNames: string[] | Unknown | undefined;
}

/** How a shared key is given. */
export type SharedKeyForm = "absent" | "literal" | "variable" | "data" | "generated" | "other";

/** A connection's shared key: its form, the expression when not literal, a fingerprint when literal. */
export interface SharedKeyM {
  readonly form: SharedKeyForm;
  readonly expr?: string;
  readonly fingerprint?: string;
}

/** A directed gateway connection. */
export interface ConnectionM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  readonly type: string | Unknown | undefined;
  readonly gateway?: GatewayM;
  readonly gatewayExpr: string;
  readonly peerGateway?: GatewayM;
  readonly peerExpr?: string;
  readonly site?: SiteM;
  readonly siteExpr?: string;
  readonly sharedKey: SharedKeyM;
  readonly ipsecPolicy?: any;
  readonly usePolicyBasedTrafficSelectors: boolean | Unknown | undefined;
  readonly ingressNat: NatRuleM[];
  readonly egressNat: NatRuleM[];
  /** NAT rule references that could not be resolved. */
  readonly unresolvedNat: string[];
}

/** A NAT mapping. */
export interface NatMappingM {
  readonly space: Prefix | Unknown;
  readonly text: string;
  readonly portRange?: string;
}

/** A gateway NAT rule. */
export interface NatRuleM {
  readonly key: string;
  /** The Terraform block it was read from (absent for inline blocks and literal ids): for rules that need more attributes. */
  readonly block?: Block;
  readonly path: string;
  readonly name: string | Unknown | undefined;
  readonly mode: string | Unknown | undefined;
  readonly type: string | Unknown | undefined;
  readonly gateway?: GatewayM;
  readonly internal: NatMappingM[];
  readonly external: NatMappingM[];
}

/** Suppression recorded in the Terraform JSON by {@link Suppressions}. */
export interface SuppressionM {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** One end of a reachability intent: the construct path of a network or site, or a resource id. */
export interface IntentEndpointM {
  /** Construct path of the network or site construct (its resource is under it). */
  readonly path?: string;
  /** Literal resource id of a virtual network or local network gateway. */
  readonly id?: string;
  /** How the end is named in messages. */
  readonly text: string;
}

/** A reachability intent recorded in the Terraform JSON by `ReachabilityIntents`. */
export interface IntentM {
  readonly kind: "mustReach" | "mustNotReach";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  readonly from: IntentEndpointM;
  readonly to: IntentEndpointM;
  readonly reason?: string;
}

/** The whole model. */
export interface NetworkModel {
  readonly networks: NetworkM[];
  readonly subnets: SubnetM[];
  readonly gateways: GatewayM[];
  readonly sites: SiteM[];
  readonly peerings: PeeringM[];
  readonly connections: ConnectionM[];
  readonly natRules: NatRuleM[];
  readonly routeTables: RouteTableM[];
  readonly publicIps: PublicIpM[];
  readonly suppressions: SuppressionM[];
  /** Reachability intents declared in code (`ReachabilityIntents`). */
  readonly intents: IntentM[];
  /** Resolves further attribute values of a block (`resolver.str(block.stack, block.body.x)`). */
  readonly resolver: Resolver;
}

/** Key under `"//"` where the constructs record hints (declared facts) and suppressions. */
export const HINT_KEY = "cdktf-azure-connectivity";

/** Text of a value for messages. */
export function show(v: unknown): string {
  if (v === undefined) return "(not set)";
  if (isUnknown(v)) return v.unknown;
  return String(v);
}

const lower = (s: string) => s.toLowerCase();

function parseSpaces(list: string[] | Unknown | undefined, what: string): Spaces {
  if (list === undefined) return { known: true, prefixes: [] };
  if (isUnknown(list)) return { known: false, why: `${what} is ${list.unknown}` };
  const prefixes: Prefix[] = [];
  for (const text of list) {
    const r = tryParsePrefix(text);
    if (!r.ok) {
      // Not a valid CIDR: the rules that care (AddressSpace.Reserved etc.) report it; here it is unknown.
      return { known: false, why: `${what} has '${text}', which is not a valid CIDR block` };
    }
    prefixes.push(r.prefix);
  }
  return { known: true, prefixes };
}

/**
 * How a shared key is given. A literal key is never kept: only a fingerprint, so rules can tell
 * whether two literal keys are equal without the value reaching a report.
 */
function sharedKeyForm(raw: unknown): SharedKeyM {
  if (raw === undefined || raw === null) return { form: "absent" };
  if (typeof raw !== "string" || !raw.includes("${")) {
    return {
      form: "literal",
      fingerprint: createHash("sha256").update(String(raw)).digest("hex").slice(0, 16),
    };
  }
  if (/^\$\{var\.[\w-]+\}$/.test(raw)) return { form: "variable", expr: raw };
  if (/^\$\{random_password\./.test(raw)) return { form: "generated", expr: raw };
  if (/^\$\{data\./.test(raw)) return { form: "data", expr: raw };
  return { form: "other", expr: raw };
}

/** Builds the model from the Terraform documents of an app's stacks. */
export function buildModel(docs: readonly StackDocument[]): NetworkModel {
  return new ModelBuilder(docs).build();
}

class ModelBuilder {
  private readonly r: Resolver;
  private readonly networks = new Map<string, NetworkM>();
  /** rg/name (lowercase) -> networks with that identity. */
  private readonly networksByName = new Map<string, NetworkM[]>();
  private readonly subnets = new Map<string, SubnetM>();
  private readonly gateways = new Map<string, GatewayM>();
  private readonly sites = new Map<string, SiteM>();
  private readonly natRules = new Map<string, NatRuleM>();
  private readonly routeTables = new Map<string, RouteTableM>();
  private readonly publicIps = new Map<string, PublicIpM>();
  private readonly declared = new Map<string, { addressSpace?: string[]; location?: string }>();
  private readonly suppressions: SuppressionM[] = [];
  private readonly intents: IntentM[] = [];

  constructor(private readonly docs: readonly StackDocument[]) {
    this.r = new Resolver(docs);
  }

  build(): NetworkModel {
    const byType = new Map<string, Block[]>();
    for (const b of this.r.blocks) {
      const t = b.mode === "data" ? `data.${b.type}` : b.type;
      const list = byType.get(t) ?? [];
      list.push(b);
      byType.set(t, list);
      this.readHints(b);
    }
    for (const sd of this.docs) this.readDocSuppressions(sd);
    for (const sd of this.docs) this.readDocIntents(sd);
    const of = (t: string) => byType.get(t) ?? [];

    of("azurerm_virtual_network").forEach((b) => this.addNetwork(b, "resource"));
    of("data.azurerm_virtual_network").forEach((b) => this.addNetwork(b, "data"));
    of("azurerm_subnet").forEach((b) => this.addSubnet(b, "resource"));
    of("data.azurerm_subnet").forEach((b) => this.addSubnet(b, "data"));
    of("azurerm_route_table").forEach((b) => this.addRouteTable(b));
    of("azurerm_route").forEach((b) => this.addRoute(b));
    of("azurerm_public_ip").forEach((b) => this.addPublicIp(b));
    of("azurerm_local_network_gateway").forEach((b) => this.addSite(b));
    of("data.azurerm_local_network_gateway").forEach((b) => this.addSite(b));
    of("azurerm_virtual_network_gateway").forEach((b) => this.addGateway(b));
    of("data.azurerm_virtual_network_gateway").forEach((b) => this.addGateway(b));
    of("azurerm_virtual_network_gateway_nat_rule").forEach((b) => this.addNatRule(b));
    of("azurerm_subnet_network_security_group_association").forEach((b) => this.addNsgAssociation(b));
    of("azurerm_subnet_route_table_association").forEach((b) => this.addRouteTableAssociation(b));
    of("azurerm_virtual_network").forEach((b) => this.addInlineRouteTables(b));
    const peerings = of("azurerm_virtual_network_peering").map((b) => this.peering(b));
    const connections = of("azurerm_virtual_network_gateway_connection").map((b) => this.connection(b));

    return {
      networks: [...this.networks.values()],
      subnets: [...this.subnets.values()],
      gateways: [...this.gateways.values()],
      sites: [...this.sites.values()],
      peerings,
      connections,
      natRules: [...this.natRules.values()],
      routeTables: [...this.routeTables.values()],
      publicIps: [...this.publicIps.values()],
      suppressions: this.suppressions,
      intents: this.intents,
      resolver: this.r,
    };
  }

  // --- hints and suppressions recorded in "//" ---------------------------------------------

  private readHints(b: Block): void {
    const hint = b.body?.["//"]?.[HINT_KEY];
    for (const n of hint?.existingNetworks ?? []) {
      if (typeof n?.id === "string")
        this.declared.set(lower(n.id), { addressSpace: n.addressSpace, location: n.location });
    }
  }

  private readDocSuppressions(sd: StackDocument): void {
    const list = sd.doc?.["//"]?.[HINT_KEY]?.suppressions;
    for (const s of Array.isArray(list)
      ? list
      : list && typeof list === "object"
        ? Object.values(list)
        : []) {
      const x = s as any;
      // A suppression needs a written reason (10 characters at least, as ConnectivitySuppressions.add
      // demands): one without is ignored, so the finding still counts.
      if (
        typeof x?.path === "string" &&
        typeof x?.ruleId === "string" &&
        typeof x?.reason === "string" &&
        x.reason.trim().length >= 10
      ) {
        this.suppressions.push({ path: x.path, ruleId: x.ruleId, reason: x.reason });
      }
    }
  }

  private readDocIntents(sd: StackDocument): void {
    const list = sd.doc?.["//"]?.[HINT_KEY]?.intents;
    const endpoint = (e: any): IntentEndpointM | undefined => {
      if (typeof e?.text !== "string") return undefined;
      if (typeof e.path === "string") return { path: e.path, text: e.text };
      if (typeof e.id === "string") return { id: e.id, text: e.text };
      return undefined;
    };
    for (const x of Array.isArray(list) ? list : []) {
      const from = endpoint(x?.from);
      const to = endpoint(x?.to);
      if ((x?.kind !== "mustReach" && x?.kind !== "mustNotReach") || typeof x?.path !== "string") continue;
      if (!from || !to) continue;
      this.intents.push({
        kind: x.kind,
        path: x.path,
        from,
        to,
        reason: typeof x.reason === "string" ? x.reason : undefined,
      });
    }
  }

  // --- networks -----------------------------------------------------------------------------

  private indexNetwork(n: NetworkM): void {
    this.networks.set(n.key, n);
    if (typeof n.name === "string" && typeof n.resourceGroup === "string") {
      const k = `${lower(n.resourceGroup)}/${lower(n.name)}`;
      const list = this.networksByName.get(k) ?? [];
      list.push(n);
      this.networksByName.set(k, list);
    }
  }

  private addNetwork(b: Block, kind: "resource" | "data"): NetworkM {
    const s = b.stack;
    const name = this.r.str(s, b.body.name);
    const rg = this.r.str(s, b.body.resource_group_name);
    const spaces =
      kind === "data"
        ? ({
            known: false,
            why: `the address space of data source ${b.type}.${b.name} is read at plan`,
          } as Spaces)
        : parseSpaces(this.r.strList(s, b.body.address_space), "address_space");
    const n: NetworkM = {
      key: b.key,
      block: b,
      kind,
      path: b.path,
      stack: s,
      name,
      resourceGroup: rg,
      location: this.r.str(s, b.body.location),
      spaces,
      subnets: [],
      gateways: [],
      label: typeof name === "string" ? name : b.path,
    };
    this.indexNetwork(n);
    if (kind === "resource") {
      for (const inline of blocks(b.body, "subnet")) {
        const sname = this.r.str(s, inline.name);
        const prefixes = parseSpaces(
          this.r.strList(s, attr(inline, "address_prefixes", "address_prefix")),
          `inline subnet ${show(sname)} address_prefixes`,
        );
        const sub: SubnetM = {
          key: `${b.key}/subnet/${show(sname)}`,
          path: b.path,
          name: sname,
          network: n,
          prefixes,
          nsgAssociations: [],
          routeTables: [],
          kind: "inline",
        };
        const nsg = attr(inline, "security_group");
        if (nsg !== undefined && nsg !== null && nsg !== "")
          sub.nsgAssociations.push({ path: b.path, nsg: this.describeNsg(s, nsg) });
        n.subnets.push(sub);
        this.subnets.set(sub.key, sub);
      }
    }
    return n;
  }

  /** The network an expression (an id, or a name with a resource group) stands for. */
  private networkFromId(stack: string, value: unknown): NetworkM | undefined {
    const ref = this.r.ref(stack, value);
    if (ref) return this.networks.get(ref.block.key);
    const id = this.r.str(stack, value);
    if (typeof id !== "string") return undefined;
    return this.networkFromArmId(id);
  }

  /** The literal subscription id of the provider a network's block uses, when known. */
  private subscriptionOf(n: NetworkM): string | undefined {
    const b = n.block;
    if (!b) return undefined;
    const doc = this.docs.find((d) => d.stack === b.stack)?.doc;
    const ref =
      typeof b.body?.provider === "string" ? /^\$\{?azurerm(?:\.([\w-]+))?\}?$/.exec(b.body.provider) : null;
    if (typeof b.body?.provider === "string" && !ref) return undefined;
    const alias = ref?.[1];
    const provider = asList(doc?.provider?.azurerm).find((p) =>
      alias ? p?.alias === alias : p?.alias === undefined,
    );
    const sub = provider ? this.r.str(b.stack, provider.subscription_id) : undefined;
    return typeof sub === "string" ? sub : undefined;
  }

  private networkFromArmId(id: string): NetworkM | undefined {
    const arm = parseArmId(id);
    if (!arm || lower(arm.type) !== "virtualnetworks") return undefined;
    // The app's own network when resource group and name match, unless its provider's subscription
    // is known and differs from the id's (then it is another network with the same name).
    const byName = (
      this.networksByName.get(`${lower(arm.resourceGroupName)}/${lower(arm.name)}`) ?? []
    ).filter((n) => {
      const sub = this.subscriptionOf(n);
      return sub === undefined || lower(sub) === lower(arm.subscriptionId);
    });
    if (byName.length > 0) return byName.find((n) => n.kind === "resource") ?? byName[0];
    const vnetId = id.split("/").slice(0, 9).join("/");
    const key = `external::${lower(vnetId)}`;
    const existing = this.networks.get(key);
    if (existing) return existing;
    const declared = this.declared.get(lower(vnetId));
    const n: NetworkM = {
      key,
      kind: "external",
      path: vnetId,
      stack: "",
      name: arm.name,
      resourceGroup: arm.resourceGroupName,
      location: declared?.location,
      armId: vnetId,
      spaces: declared?.addressSpace
        ? parseSpaces(declared.addressSpace, "declared address space")
        : {
            known: false,
            why: `network ${vnetId} is known only by id (declare its address space with Vnet.fromId)`,
          },
      subnets: [],
      gateways: [],
      label: arm.name,
    };
    this.indexNetwork(n);
    return n;
  }

  private networkByName(stack: string, nameValue: unknown, rgValue: unknown): NetworkM | undefined {
    const ref = this.r.ref(stack, nameValue);
    if (ref) return this.networks.get(ref.block.key);
    // A name that references the network block's `name` resolves to the literal; match by rg/name.
    const raw = this.r.resolve(stack, nameValue);
    if (raw.kind === "block") return this.networks.get(raw.ref.block.key);
    const name = this.r.str(stack, nameValue);
    const rg = this.r.str(stack, rgValue);
    if (typeof name !== "string" || typeof rg !== "string") return undefined;
    const list = this.networksByName.get(`${lower(rg)}/${lower(name)}`);
    if (!list || list.length === 0) return undefined;
    return (
      list.find((n) => n.stack === stack && n.kind === "resource") ??
      list.find((n) => n.kind === "resource") ??
      list[0]
    );
  }

  /** For `virtual_network_name = azurerm_virtual_network.x.name`: the network block directly. */
  private networkOfNameRef(stack: string, nameValue: unknown, rgValue: unknown): NetworkM | undefined {
    if (typeof nameValue === "string") {
      const m = /^\$\{((?:data\.)?azurerm_virtual_network\.[\w-]+)\.name\}$/.exec(nameValue);
      if (m) {
        const block = this.r.block(stack, m[1]);
        if (block) return this.networks.get(block.key);
      }
    }
    return this.networkByName(stack, nameValue, rgValue);
  }

  // --- subnets ------------------------------------------------------------------------------

  private addSubnet(b: Block, kind: "resource" | "data"): SubnetM {
    const s = b.stack;
    const network = this.networkOfNameRef(s, b.body.virtual_network_name, b.body.resource_group_name);
    const name = this.r.str(s, b.body.name);
    const sub: SubnetM = {
      key: b.key,
      block: b,
      path: b.path,
      name,
      network,
      prefixes:
        kind === "data"
          ? { known: false, why: `the prefixes of data source ${b.type}.${b.name} are read at plan` }
          : parseSpaces(
              this.r.strList(s, attr(b.body, "address_prefixes", "address_prefix")),
              "address_prefixes",
            ),
      nsgAssociations: [],
      routeTables: [],
      kind,
    };
    network?.subnets.push(sub);
    this.subnets.set(sub.key, sub);
    return sub;
  }

  /** The subnet an id expression stands for: a subnet block, or a literal id (a subnet outside the app). */
  private subnetFromId(stack: string, value: unknown): SubnetM | undefined {
    const ref = this.r.ref(stack, value);
    if (ref) return this.subnets.get(ref.block.key);
    // `${azurerm_virtual_network.x.id}/subnets/<name>`: a subnet of a network of the app, by name.
    const built =
      typeof value === "string"
        ? /^\$\{((?:data\.)?azurerm_virtual_network\.[\w-]+)\.id\}\/subnets\/([^/$]+)$/.exec(value)
        : null;
    if (built) {
      const block = this.r.block(stack, built[1]);
      const network = block ? this.networks.get(block.key) : undefined;
      if (network) return this.subnetOf(network, built[2], `${network.path}/subnets/${built[2]}`);
    }
    const id = this.r.str(stack, value);
    if (typeof id !== "string") return undefined;
    const arm = parseArmId(id);
    if (
      !arm ||
      lower(arm.type) !== "virtualnetworks" ||
      lower(arm.childType ?? "") !== "subnets" ||
      !arm.childName
    ) {
      return undefined;
    }
    return this.subnetOf(this.networkFromArmId(id), arm.childName, id);
  }

  /** The named subnet of a network (Azure compares names case-insensitively), or a placeholder for it. */
  private subnetOf(network: NetworkM | undefined, name: string, id: string): SubnetM {
    const found = network?.subnets.find((x) => typeof x.name === "string" && lower(x.name) === lower(name));
    if (found) return found;
    const key = `external::${lower(id)}`;
    const existing = this.subnets.get(key);
    if (existing) return existing;
    const sub: SubnetM = {
      key,
      path: id,
      name,
      network,
      prefixes: { known: false, why: `subnet ${id} is not declared in the app` },
      nsgAssociations: [],
      routeTables: [],
      kind: "external",
    };
    network?.subnets.push(sub);
    this.subnets.set(key, sub);
    return sub;
  }

  private addNsgAssociation(b: Block): void {
    const sub = this.subnetFromId(b.stack, b.body.subnet_id) ?? this.unresolvedSubnet(b, b.body.subnet_id);
    sub.nsgAssociations.push({
      path: b.path,
      nsg: this.describeNsg(b.stack, b.body.network_security_group_id),
    });
  }

  /** An NSG for messages: its name and construct path when it is in the app, else the expression. */
  private describeNsg(stack: string, value: unknown): string {
    const ref = this.r.ref(stack, value);
    if (ref) {
      const name = this.r.str(ref.block.stack, ref.block.body?.name);
      return typeof name === "string" ? `${name} (${ref.block.path})` : ref.block.path;
    }
    const id = this.r.str(stack, value);
    const arm = typeof id === "string" ? parseArmId(id) : undefined;
    return arm ? `${arm.name} (${show(id)})` : show(value);
  }

  /** A placeholder for a subnet whose id could not be resolved, so rules can report it as unverifiable. */
  private unresolvedSubnet(b: Block, value: unknown): SubnetM {
    const key = `unresolved::${b.key}`;
    const sub: SubnetM = {
      key,
      path: b.path,
      name: { unknown: show(value) },
      prefixes: { known: false, why: `subnet ${show(value)} cannot be resolved at synth` },
      nsgAssociations: [],
      routeTables: [],
      kind: "external",
    };
    this.subnets.set(key, sub);
    return sub;
  }

  // --- route tables -------------------------------------------------------------------------

  private addRouteTable(b: Block): void {
    const s = b.stack;
    const enabled = this.r.bool(s, attr(b.body, "bgp_route_propagation_enabled"));
    const disabled = this.r.bool(s, attr(b.body, "disable_bgp_route_propagation"));
    const propagation: boolean | Unknown =
      enabled !== undefined
        ? enabled
        : disabled === undefined
          ? true
          : isUnknown(disabled)
            ? disabled
            : !disabled;
    this.routeTables.set(b.key, {
      key: b.key,
      block: b,
      path: b.path,
      name: this.r.str(s, b.body.name),
      bgpRoutePropagation: propagation,
      routes: blocks(b.body, "route").map((rt) => ({
        path: b.path,
        name: this.r.str(s, rt.name),
        addressPrefix: this.r.str(s, rt.address_prefix),
      })),
    });
  }

  private addRoute(b: Block): void {
    const s = b.stack;
    const ref = this.r.ref(s, b.body.route_table_name);
    let table = ref ? this.routeTables.get(ref.block.key) : undefined;
    if (!table && typeof b.body.route_table_name === "string") {
      const m = /^\$\{(azurerm_route_table\.[\w-]+)\.name\}$/.exec(b.body.route_table_name);
      const block = m ? this.r.block(s, m[1]) : undefined;
      table = block ? this.routeTables.get(block.key) : undefined;
    }
    if (!table) {
      const name = this.r.str(s, b.body.route_table_name);
      table = [...this.routeTables.values()].find((t) => typeof name === "string" && t.name === name);
    }
    table?.routes.push({
      path: b.path,
      name: this.r.str(s, b.body.name),
      addressPrefix: this.r.str(s, b.body.address_prefix),
    });
  }

  /** `route_table_id` of inline `subnet` blocks (azurerm 4.x), once the route tables are known. */
  private addInlineRouteTables(b: Block): void {
    for (const inline of blocks(b.body, "subnet")) {
      const rt = attr(inline, "route_table_id");
      if (rt === undefined || rt === null || rt === "") continue;
      const sub = this.subnets.get(`${b.key}/subnet/${show(this.r.str(b.stack, inline.name))}`);
      const ref = this.r.ref(b.stack, rt);
      sub?.routeTables.push({
        path: b.path,
        table: ref ? this.routeTables.get(ref.block.key) : undefined,
        tableExpr: show(rt),
      });
    }
  }

  private addRouteTableAssociation(b: Block): void {
    const s = b.stack;
    const sub = this.subnetFromId(s, b.body.subnet_id) ?? this.unresolvedSubnet(b, b.body.subnet_id);
    const ref = this.r.ref(s, b.body.route_table_id);
    sub.routeTables.push({
      path: b.path,
      table: ref ? this.routeTables.get(ref.block.key) : undefined,
      tableExpr: show(b.body.route_table_id),
    });
  }

  // --- gateways, sites, NAT -------------------------------------------------------------------

  private addPublicIp(b: Block): void {
    const s = b.stack;
    this.publicIps.set(b.key, {
      key: b.key,
      block: b,
      path: b.path,
      sku: this.r.str(s, b.body.sku),
      allocation: this.r.str(s, b.body.allocation_method),
      zones: this.r.strList(s, b.body.zones),
    });
  }

  private addSite(b: Block): void {
    const s = b.stack;
    const name = this.r.str(s, b.body.name);
    const bgp = firstBlock(b.body, "bgp_settings");
    this.sites.set(b.key, {
      key: b.key,
      block: b,
      path: b.path,
      name,
      spaces:
        b.mode === "data"
          ? { known: false, why: `the address space of data source ${b.type}.${b.name} is read at plan` }
          : parseSpaces(this.r.strList(s, b.body.address_space), "address_space"),
      gatewayAddress: this.r.str(s, b.body.gateway_address),
      gatewayFqdn: this.r.str(s, b.body.gateway_fqdn),
      bgpAsn: bgp ? this.r.num(s, bgp.asn) : undefined,
      bgpPeeringAddress: bgp ? this.r.str(s, bgp.bgp_peering_address) : undefined,
      label: typeof name === "string" ? name : b.path,
    });
  }

  private addGateway(b: Block): void {
    const s = b.stack;
    const bgp = firstBlock(b.body, "bgp_settings");
    const apipa: string[] = [];
    for (const pa of blocks(bgp, "peering_addresses")) {
      const list = this.r.strList(s, pa.apipa_addresses);
      if (Array.isArray(list)) apipa.push(...list);
    }
    const g: GatewayM = {
      key: b.key,
      block: b,
      path: b.path,
      name: this.r.str(s, b.body.name),
      type: this.r.str(s, b.body.type),
      vpnType: this.r.str(s, b.body.vpn_type),
      sku: this.r.str(s, b.body.sku),
      generation: this.r.str(s, b.body.generation),
      activeActive: this.r.bool(s, attr(b.body, "active_active")),
      bgpEnabled: this.r.bool(s, attr(b.body, "bgp_enabled", "enable_bgp")),
      bgpAsn: bgp ? this.r.num(s, bgp.asn) : undefined,
      apipaAddresses: apipa,
      ipConfigurations: blocks(b.body, "ip_configuration").map((ic) => {
        const ipRef = this.r.ref(s, ic.public_ip_address_id);
        return {
          name: this.r.str(s, ic.name),
          subnet: this.subnetFromId(s, ic.subnet_id),
          subnetExpr: show(ic.subnet_id),
          publicIp: ipRef ? this.publicIps.get(ipRef.block.key) : undefined,
        };
      }),
      connections: [],
      natRules: [],
    };
    g.network = g.ipConfigurations.map((ic) => ic.subnet?.network).find((n) => n !== undefined);
    g.network?.gateways.push(g);
    this.gateways.set(b.key, g);
  }

  private gatewayFrom(stack: string, value: unknown): GatewayM | undefined {
    const ref: BlockRef | undefined = this.r.ref(stack, value);
    return ref ? this.gateways.get(ref.block.key) : undefined;
  }

  private addNatRule(b: Block): void {
    const s = b.stack;
    const mapping = (m: any): NatMappingM => {
      const text = this.r.str(s, m.address_space);
      let space: Prefix | Unknown;
      if (typeof text === "string") {
        const p = tryParsePrefix(text);
        space = p.ok ? p.prefix : { unknown: `'${text}' (not a valid CIDR block)` };
      } else {
        space = text ?? { unknown: "(not set)" };
      }
      const port = this.r.str(s, m.port_range);
      return { space, text: show(text), portRange: typeof port === "string" ? port : undefined };
    };
    const gateway = this.gatewayFrom(s, b.body.virtual_network_gateway_id);
    const rule: NatRuleM = {
      key: b.key,
      block: b,
      path: b.path,
      name: this.r.str(s, b.body.name),
      mode: this.r.str(s, b.body.mode) ?? "EgressSnat",
      type: this.r.str(s, b.body.type) ?? "Static",
      gateway,
      internal: blocks(b.body, "internal_mapping").map(mapping),
      external: blocks(b.body, "external_mapping").map(mapping),
    };
    gateway?.natRules.push(rule);
    this.natRules.set(b.key, rule);
  }

  // --- links ----------------------------------------------------------------------------------

  private peering(b: Block): PeeringM {
    const s = b.stack;
    const bool = (v: unknown, d: boolean) => this.r.bool(s, v) ?? d;
    return {
      key: b.key,
      block: b,
      path: b.path,
      stack: s,
      local: this.networkOfNameRef(s, b.body.virtual_network_name, b.body.resource_group_name),
      remote: this.networkFromId(s, b.body.remote_virtual_network_id),
      localExpr: show(b.body.virtual_network_name),
      remoteExpr: show(b.body.remote_virtual_network_id),
      // Provider defaults: access true, the others false, complete networks true.
      allowAccess: bool(b.body.allow_virtual_network_access, true),
      allowForwardedTraffic: bool(b.body.allow_forwarded_traffic, false),
      allowGatewayTransit: bool(b.body.allow_gateway_transit, false),
      useRemoteGateways: bool(b.body.use_remote_gateways, false),
      completeNetworks: bool(b.body.peer_complete_virtual_networks_enabled, true),
      localSubnetNames: this.r.strList(s, b.body.local_subnet_names),
      remoteSubnetNames: this.r.strList(s, b.body.remote_subnet_names),
    };
  }

  private connection(b: Block): ConnectionM {
    const s = b.stack;
    const natList = (value: unknown, unresolved: string[]): NatRuleM[] => {
      const out: NatRuleM[] = [];
      const r = this.r.resolve(s, value);
      const items =
        r.kind === "literal" && Array.isArray(r.value) ? r.value : value === undefined ? [] : [value];
      for (const item of items) {
        const ref = this.r.ref(s, item);
        const rule = ref ? this.natRules.get(ref.block.key) : undefined;
        if (rule) out.push(rule);
        else unresolved.push(show(item));
      }
      return out;
    };
    const unresolvedNat: string[] = [];
    const gateway = this.gatewayFrom(s, b.body.virtual_network_gateway_id);
    const c: ConnectionM = {
      key: b.key,
      block: b,
      path: b.path,
      name: this.r.str(s, b.body.name),
      type: this.r.str(s, b.body.type),
      gateway,
      gatewayExpr: show(b.body.virtual_network_gateway_id),
      peerGateway: this.gatewayFrom(s, b.body.peer_virtual_network_gateway_id),
      peerExpr:
        b.body.peer_virtual_network_gateway_id === undefined
          ? undefined
          : show(b.body.peer_virtual_network_gateway_id),
      site: (() => {
        const ref = this.r.ref(s, b.body.local_network_gateway_id);
        return ref ? this.sites.get(ref.block.key) : undefined;
      })(),
      siteExpr:
        b.body.local_network_gateway_id === undefined ? undefined : show(b.body.local_network_gateway_id),
      sharedKey: sharedKeyForm(b.body.shared_key),
      ipsecPolicy: firstBlock(b.body, "ipsec_policy"),
      usePolicyBasedTrafficSelectors: this.r.bool(s, b.body.use_policy_based_traffic_selectors),
      ingressNat: natList(b.body.ingress_nat_rule_ids, unresolvedNat),
      egressNat: natList(b.body.egress_nat_rule_ids, unresolvedNat),
      unresolvedNat,
    };
    gateway?.connections.push(c);
    return c;
  }
}
