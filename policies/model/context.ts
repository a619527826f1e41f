/**
 * The state the model builder's sections share: the resolver over the input documents, the elements
 * read so far, and the lookups that join them (a network by id or by name, a subnet by id).
 * Internal to the model builder.
 */
import { createHash } from "crypto";
import { parseArmId } from "../../core/arm-id";
import { tryParsePrefix } from "../../core/cidr";
import { Prefix } from "../../core/cidr";
import { ExistingNetworkMeta } from "../../core/metadata";
import { Block, ModuleDocument, Resolver } from "../input/terraform-json";
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

export const lower = (s: string): string => s.toLowerCase();

/** Where a block was read from. */
export function sourceOf(b: Block): Source {
  return {
    stack: b.stack,
    address: b.address,
    mode: b.mode,
    type: b.type,
  };
}

/** Parses a list of CIDR texts; unknown when the list or any element is unknown or not a CIDR. */
export function parseSpaces(list: string[] | Unknown | undefined, what: string): Spaces {
  if (list === undefined) return { known: true, prefixes: [] };
  if (isUnknown(list)) return { known: false, why: `${what} is ${list.unknown}` };
  const prefixes: Prefix[] = [];
  for (const text of list) {
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
    return n;
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

  /** The gateway an id expression references, when it is a gateway of the app. */
  public gatewayFrom(stack: string, value: unknown): GatewayM | undefined {
    const ref = this.r.ref(stack, value);
    return ref ? this.gateways.get(ref.block.key) : undefined;
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
    return { form, expr: raw, identity, ...(literal ? { literal } : {}) };
  }
}

/** A subnet with empty association lists. */
export function newSubnet(
  s: Omit<SubnetM, "nsgAssociations" | "natGatewayAssociations" | "routeTables" | "attachments">,
): SubnetM {
  return { ...s, nsgAssociations: [], natGatewayAssociations: [], routeTables: [], attachments: [] };
}
