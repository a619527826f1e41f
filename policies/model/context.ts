/**
 * The state the model builder's sections share: the resolver over the input documents, the elements
 * read so far, and the lookups that join them (a network by id or by name, a subnet by id).
 * Internal to the model builder.
 */
import { createHash } from "crypto";
import { parseArmId } from "../../core/arm-id";
import { tryParsePrefix } from "../../core/cidr";
import { Prefix } from "../../core/cidr";
import { ExistingGatewayMeta, ExistingNetworkMeta } from "../../core/metadata";
import { Block, ModuleDocument, Resolver, readLocals, readOutputs } from "../input/terraform-json";
import { own } from "../input/values";
import {
  GatewayM,
  NatRuleM,
  NetworkM,
  PublicIpM,
  RouteTableM,
  SharedKeyM,
  SiteM,
  Source,
  Spaces,
  SubnetM,
  Unknown,
  UnreadM,
  isUnknown,
  show,
} from "./types";
import { bareReference } from "../input/values";

export const lower = (s: string): string => s.toLowerCase();

/** Where a block was read from. */
export function sourceOf(b: Block): Source {
  // One per block: no object spread.
  return b.existing
    ? { stack: b.stack, address: b.address, mode: b.mode, type: b.type, existing: true }
    : { stack: b.stack, address: b.address, mode: b.mode, type: b.type };
}

/** Parses a list of CIDR texts; unknown when the list or any element is unknown or not a CIDR. */
export function parseSpaces(list: string[] | Unknown | undefined, what: string): Spaces {
  if (list === undefined) return { known: true, prefixes: [] };
  if (isUnknown(list)) return { known: false, why: `${what} is ${list.unknown}` };
  const prefixes: Prefix[] = [];
  for (let i = 0; i < list.length; i++) {
    const text = list[i];
    const r = tryParsePrefix(text);
    // Not a valid CIDR: AddressSpace.Reserved reports it; here it is unknown.
    if (!r.ok) return { known: false, why: `${what} has '${text}', which is not a valid CIDR block` };
    prefixes.push(r.prefix);
  }
  return { known: true, prefixes };
}

const fingerprint = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** The character classes of a literal key, without the key: for the key-format rules. */
function characterClasses(key: string): string {
  // Which characters outside letters and digits occur (each once): never enough to rebuild the key.
  return [...new Set(key.replace(/[A-Za-z0-9]/g, ""))].sort().join("");
}

export class BuildContext {
  public readonly networks = new Map<string, NetworkM>();
  /** rg/name (lowercase) -> networks with that identity. */
  public readonly networksByName = new Map<string, NetworkM[]>();
  public readonly subnets = new Map<string, SubnetM>();
  public readonly gateways = new Map<string, GatewayM>();
  public readonly sites = new Map<string, SiteM>();
  public readonly natRules = new Map<string, NatRuleM>();
  public readonly routeTables = new Map<string, RouteTableM>();
  public readonly publicIps = new Map<string, PublicIpM>();
  /** Existing networks declared in metadata, by lowercase id. */
  public readonly declared = new Map<string, ExistingNetworkMeta>();
  public readonly unread: UnreadM[] = [];

  constructor(
    public readonly r: Resolver,
    public readonly docs: readonly ModuleDocument[],
  ) {}

  public indexNetwork(n: NetworkM): void {
    this.networks.set(n.key, n);
    if (typeof n.name === "string" && typeof n.resourceGroup === "string") {
      const k = `${lower(n.resourceGroup)}/${lower(n.name)}`;
      const list = this.networksByName.get(k) ?? [];
      list.push(n);
      this.networksByName.set(k, list);
    }
  }

  /** The literal subscription id of the provider a block uses, when known. */
  public subscriptionOf(b: Block): string | undefined {
    return this.r.subscriptionOf(b);
  }

  /**
   * The `environment` (Azure cloud) of the provider a block uses: a value, unknown (an expression, or a
   * provider the block names by expression), or `undefined` when not set.
   */
  public environmentOf(b: Block): string | Unknown | undefined {
    // The same configuration the subscription is read from (a folder's merged provider list included).
    const config = this.r.providerConfigOf(b);
    if (config === null) return { unknown: `the provider of ${b.path} (${show(b.body?.provider)})` };
    return config ? this.r.str(b.stack, own(config, "environment")) : undefined;
  }

  /**
   * Whether the block `fromKey` waits for `toKey` at apply: its `depends_on` and the blocks its arguments
   * reference, searched breadth first (the direct ones first) and transitively; cdktf's cross-stack
   * references lead to the producing stack's blocks. Each block's direct references are read once, on
   * demand.
   */
  public waitsFor(fromKey: string, toKey: string): boolean {
    if (!this.byKey) this.byKey = new Map(this.r.blocks.map((b) => [b.key, b]));
    const from = this.byKey.get(fromKey);
    const to = this.byKey.get(toKey);
    if (!from || !to) return false;
    // The usual way to order two blocks, checked before any argument is read: `depends_on = [to]`.
    if (to.stack === from.stack && Array.isArray(from.body?.depends_on)) {
      // Entries are absolute addresses (the readers prefix those of a module with its instance address).
      // `depends_on` names resources, never instances: an instance of a resource with count or for_each
      // (`hub["h0"]`) waits for what names the whole resource. It may name a module too: then the peering
      // waits for everything in it (`depends_on = [module.hub]`, the gateway inside).
      const whole = to.address.replace(/\[[^\]]*\]$/, "");
      for (const d of from.body.depends_on) {
        if (typeof d !== "string") continue;
        const named = bareReference(d);
        if (named === to.address || named === whole) return true;
        if (
          /^module\./.test(named) &&
          (to.address.startsWith(`${named}.`) || to.address.startsWith(`${named}[`))
        )
          return true;
      }
    }
    const seen = new Set<string>([fromKey]);
    let level = [from];
    while (level.length > 0) {
      const next: Block[] = [];
      for (const b of level) {
        for (const d of this.directReferences(b)) {
          if (d.key === toKey) return true;
          if (seen.has(d.key)) continue;
          seen.add(d.key);
          next.push(d);
        }
      }
      level = next;
    }
    return false;
  }

  /** Why what the block `fromKey` waits for at apply is not known, or `undefined` when it is. */
  public orderingUnknown(fromKey: string): string | undefined {
    if (!this.byKey) this.byKey = new Map(this.r.blocks.map((b) => [b.key, b]));
    return this.byKey.get(fromKey)?.orderingUnknown;
  }

  private byKey?: Map<string, Block>;
  private readonly references = new Map<string, Block[]>();
  private readonly values = new Map<
    string,
    { locals: Map<string, unknown>; outputs: Map<string, unknown> }
  >();

  /** The locals and outputs of a stack's document, read once. */
  private documentValues(stack: string): { locals: Map<string, unknown>; outputs: Map<string, unknown> } {
    let v = this.values.get(stack);
    if (!v) {
      const sd = this.docs.find((d) => d.stack === stack);
      v = sd
        ? { locals: readLocals(sd), outputs: readOutputs(sd) }
        : { locals: new Map(), outputs: new Map() };
      this.values.set(stack, v);
    }
    return v;
  }

  /** The blocks `b` names in `depends_on` or references in its arguments. */
  private directReferences(b: Block): Block[] {
    const cached = this.references.get(b.key);
    if (cached) return cached;
    const found = new Map<string, Block>();
    const seenLocals = new Set<string>();
    const scan = (stack: string, value: unknown, depth: number): void => {
      if (depth > 32 || value === null || value === undefined) return;
      if (typeof value === "string") {
        if (!value.includes("${")) return;
        // Most values are one plain reference (`${type.name.attribute}`): split it without a regex.
        const plain = PLAIN_REF.exec(value);
        if (plain) follow(stack, plain[1].split("."), depth);
        else for (const t of traversals(value)) follow(stack, t, depth);
        return;
      }
      if (typeof value !== "object") return;
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        if (k !== "//") scan(stack, v, depth + 1);
    };
    const follow = (stack: string, t: string[], depth: number): void => {
      const [head] = t;
      if (head === "local" && t[1] !== undefined) {
        const key = `${stack}::${t[1]}`;
        if (seenLocals.has(key)) return;
        seenLocals.add(key);
        scan(stack, this.documentValues(stack).locals.get(t[1]), depth + 1);
        return;
      }
      if (head === "data" && t[1] === "terraform_remote_state" && t[2] !== undefined && t[3] === "outputs") {
        const producer = remoteStateProducer(t[2]);
        if (producer !== undefined && t[4] !== undefined) {
          scan(producer, this.documentValues(producer).outputs.get(t[4]), depth + 1);
          return;
        }
      }
      const address = head === "data" ? `data.${t[1]}.${t[2]}` : `${t[0]}.${t[1]}`;
      const block = this.r.block(stack, address);
      if (block && block.key !== b.key) found.set(block.key, block);
    };
    for (const d of Array.isArray(b.body?.depends_on) ? b.body.depends_on : []) {
      if (typeof d === "string") follow(b.stack, bareReference(d).split("."), 0);
    }
    for (const [k, v] of Object.entries(b.body ?? {}))
      if (k !== "depends_on" && k !== "//") scan(b.stack, v, 0);
    const list = [...found.values()];
    this.references.set(b.key, list);
    return list;
  }

  /** The network an id expression stands for: a network block, or a literal ARM id. */
  public networkFromId(stack: string, value: unknown): NetworkM | undefined {
    const ref = this.r.ref(stack, value);
    if (ref) return this.networks.get(ref.block.key);
    const id = this.r.str(stack, value);
    if (typeof id !== "string") return undefined;
    return this.networkFromArmId(id);
  }

  /** The network of a literal ARM id: the app's own when resource group and name match, else an external one. */
  public networkFromArmId(id: string): NetworkM | undefined {
    const arm = parseArmId(id);
    if (!arm || lower(arm.type) !== "virtualnetworks") return undefined;
    // The app's own network when resource group and name match, unless its provider's subscription
    // is known and differs from the id's (then it is another network with the same name).
    const byName = (
      this.networksByName.get(`${lower(arm.resourceGroupName)}/${lower(arm.name)}`) ?? []
    ).filter((n) => n.subscription === undefined || lower(n.subscription) === lower(arm.subscriptionId));
    if (byName.length > 0) return byName.find((n) => n.kind === "resource") ?? byName[0];
    const vnetId = id.split("/").slice(0, 9).join("/");
    const key = `external::${lower(vnetId)}`;
    const existing = this.networks.get(key);
    if (existing) return existing;
    const declared = this.declared.get(lower(vnetId));
    const declaredSpace = declared?.addressSpace ? [...declared.addressSpace] : undefined;
    const n: NetworkM = {
      key,
      kind: "external",
      path: vnetId,
      stack: "",
      name: arm.name,
      resourceGroup: arm.resourceGroupName,
      location: declared?.location,
      subscription: undefined,
      environment: undefined,
      armId: vnetId,
      addressSpaceText: declaredSpace,
      spaces: declaredSpace
        ? parseSpaces(declaredSpace, "declared address space")
        : {
            known: false,
            why: `network ${vnetId} is known only by id (declare its address space with Vnet.fromId)`,
          },
      subnets: [],
      gateways: [],
      label: arm.name,
    };
    this.indexNetwork(n);
    if (declared?.gateway) this.addExistingGateway(n, declared.gateway);
    return n;
  }

  /**
   * The gateway the user declared for an existing network. It exists already, so it is read like a data
   * source (`mode: "data"`): the rules that check what the app creates skip it, while gateway transit
   * and reachability see that the network has it.
   */
  private addExistingGateway(n: NetworkM, d: ExistingGatewayMeta): void {
    const key = `external::${lower(d.id)}`;
    if (this.gateways.has(key)) return;
    const g: GatewayM = {
      key,
      source: { stack: "", address: d.id, mode: "data", type: "azurerm_virtual_network_gateway" },
      path: d.id,
      name: parseArmId(d.id)?.name ?? d.id,
      location: n.location,
      type: "Vpn",
      vpnType: d.vpnType,
      sku: d.sku,
      generation: d.generation,
      activeActive: d.activeActive,
      bgpEnabled: d.bgpAsn !== undefined ? true : undefined,
      bgpAsn: d.bgpAsn,
      bgpRouteTranslationForNat: undefined,
      bgpPeerWeight: undefined,
      bgpPeeringAddresses: [],
      apipaAddresses: [],
      privateIpAddressEnabled: undefined,
      ipConfigurations: [],
      ipConfigurationCount: { unknown: `gateway ${d.id} is known only by id` },
      network: n,
      connections: [],
      natRules: [],
    };
    n.gateways.push(g);
    this.gateways.set(key, g);
  }

  /** Creates the external networks declared in metadata (and their gateways) before links refer to them by name. */
  public addDeclaredNetworks(): void {
    for (const d of this.declared.values()) this.networkFromArmId(d.id);
  }

  /** The network a name (with its resource group) stands for. */
  public networkByName(stack: string, nameValue: unknown, rgValue: unknown): NetworkM | undefined {
    const ref = this.r.ref(stack, nameValue);
    if (ref) return this.networks.get(ref.block.key);
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
  public networkOfNameRef(stack: string, nameValue: unknown, rgValue: unknown): NetworkM | undefined {
    const t = this.r.target(stack, nameValue);
    if (t && t.attribute === "name" && t.block.type === "azurerm_virtual_network") {
      const n = this.networks.get(t.block.key);
      if (n) return n;
    }
    return this.networkByName(stack, nameValue, rgValue);
  }

  /** The subnet an id expression stands for: a subnet block, or a literal id (a subnet outside the app). */
  public subnetFromId(stack: string, value: unknown): SubnetM | undefined {
    const ref = this.r.ref(stack, value);
    if (ref) return this.subnets.get(ref.block.key);
    // `${azurerm_virtual_network.x.id}/subnets/<name>`: a subnet of a network of the app, by name.
    const built = typeof value === "string" ? /^(\$\{[^${}]+\})\/subnets\/([^/$]+)$/.exec(value) : null;
    const vnet = built ? this.r.target(stack, built[1]) : undefined;
    if (built && vnet && vnet.attribute === "id" && vnet.block.type === "azurerm_virtual_network") {
      const block = vnet.block;
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
  public subnetOf(network: NetworkM | undefined, name: string, id: string): SubnetM {
    const found = network?.subnets.find((x) => typeof x.name === "string" && lower(x.name) === lower(name));
    if (found) return found;
    const key = `external::${lower(id)}`;
    const existing = this.subnets.get(key);
    if (existing) return existing;
    const sub = newSubnet({
      key,
      path: id,
      name,
      network,
      prefixText: undefined,
      prefixes: { known: false, why: `subnet ${id} is not declared in the app` },
      kind: "external",
    });
    network?.subnets.push(sub);
    this.subnets.set(key, sub);
    return sub;
  }

  /** A placeholder for a subnet whose id could not be resolved, so rules can report it as unverifiable. */
  public unresolvedSubnet(b: Block, value: unknown): SubnetM {
    const key = `unresolved::${b.key}`;
    const existing = this.subnets.get(key);
    if (existing) return existing;
    const sub = newSubnet({
      key,
      path: b.path,
      name: { unknown: show(value) },
      prefixText: undefined,
      prefixes: { known: false, why: `subnet ${show(value)} cannot be resolved at synth` },
      kind: "external",
    });
    this.subnets.set(key, sub);
    return sub;
  }

  /** An NSG for messages: its name and construct path when it is in the app, else the expression. */
  public describeNsg(stack: string, value: unknown): string {
    const ref = this.r.ref(stack, value);
    if (ref) {
      const name = this.r.str(ref.block.stack, ref.block.body?.name);
      return typeof name === "string" ? `${name} (${ref.block.path})` : ref.block.path;
    }
    const id = this.r.str(stack, value);
    const arm = typeof id === "string" ? parseArmId(id) : undefined;
    return arm ? `${arm.name} (${show(id)})` : show(value);
  }

  /** The gateway an id expression references: a gateway of the app, or an existing one declared in metadata. */
  public gatewayFrom(stack: string, value: unknown): GatewayM | undefined {
    const ref = this.r.ref(stack, value);
    if (ref) return this.gateways.get(ref.block.key);
    const id = this.r.str(stack, value);
    return typeof id === "string" ? this.gateways.get(`external::${lower(id)}`) : undefined;
  }

  /**
   * How a shared key is given. A literal key is never kept: only a fingerprint, its length and which
   * non-alphanumeric characters it uses, so rules can compare keys and check their format without the
   * value reaching a report.
   */
  public sharedKey(stack: string, raw: unknown): SharedKeyM {
    if (raw === undefined || raw === null) return { form: "absent" };
    if (typeof raw !== "string" || !raw.includes("${")) {
      const text = typeof raw === "object" ? (JSON.stringify(raw) ?? "") : String(raw);
      const fp = fingerprint(text);
      return {
        form: "literal",
        fingerprint: fp,
        identity: `literal:${fp}`,
        literal: { length: text.length, characters: characterClasses(text) },
      };
    }
    const form = /^\$\{var\.[\w-]+\}$/.test(raw)
      ? "variable"
      : /^\$\{random_password\./.test(raw)
        ? "generated"
        : /^\$\{data\./.test(raw)
          ? "data"
          : "other";
    const r = this.r.resolve(stack, raw);
    const identity =
      r.kind === "literal" && typeof r.value === "string"
        ? `literal:${fingerprint(r.value)}`
        : r.kind === "block"
          ? `ref:${r.ref.block.key}.${r.ref.attribute}`
          : `expr:${stack}:${raw}`;
    // A reference that resolves to a literal key elsewhere in the configuration is a plain-text key.
    const literal =
      r.kind === "literal" && typeof r.value === "string"
        ? { length: r.value.length, characters: characterClasses(r.value) }
        : undefined;
    const g = r.kind === "block" ? r.ref.block : undefined;
    const generator =
      g && g.mode === "resource" && (g.type === "random_password" || g.type === "random_string")
        ? {
            path: g.path,
            length: this.r.num(g.stack, g.body?.length),
            special: this.r.bool(g.stack, g.body?.special),
            overrideSpecial: this.r.str(g.stack, g.body?.override_special),
          }
        : undefined;
    return { form, expr: raw, identity, literal, generator };
  }
}

/** A value that is one plain reference without indexes or functions: `${type.name.attribute}`. */
const PLAIN_REF = /^\$\{((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\}$/;

/** Terraform traversals (`type.name...`, `data.type.name...`, `local.x`) inside the interpolations of a string. */
function traversals(text: string): string[][] {
  const out: string[][] = [];
  const re = /(?<![\w.-])((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/g;
  for (const part of text.split("${").slice(1)) {
    const expr = part.slice(0, part.indexOf("}") < 0 ? part.length : part.indexOf("}"));
    for (const m of expr.matchAll(re)) {
      const segs = m[1].split(".");
      const head = segs[0];
      if (["var", "each", "count", "self", "path", "module", "terraform"].includes(head)) continue;
      if (head === "data" ? segs.length < 3 : head !== "local" && !segs[0].includes("_")) continue;
      out.push(segs);
    }
  }
  return out;
}

/** The stack a cdktf cross-stack remote state reads (`cross-stack-reference-input-<stack>`). */
export function remoteStateProducer(name: string): string | undefined {
  const prefix = "cross-stack-reference-input-";
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/** A subnet with empty association lists. */
export function newSubnet(
  s: Omit<SubnetM, "nsgAssociations" | "natGatewayAssociations" | "routeTables" | "attachments">,
): SubnetM {
  // Explicit properties, not a spread: every subnet gets the same object shape (hot path at scale).
  return {
    key: s.key,
    source: s.source,
    path: s.path,
    name: s.name,
    network: s.network,
    prefixText: s.prefixText,
    prefixes: s.prefixes,
    nsgAssociations: [],
    natGatewayAssociations: [],
    routeTables: [],
    attachments: [],
    kind: s.kind,
  };
}
