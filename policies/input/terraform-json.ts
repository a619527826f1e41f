/**
 * Reading expanded Terraform JSON (./expand.ts, ./plan.ts) and resolving the references between its
 * blocks, across module instances and across stacks: the resolver the model builder reads through.
 *
 * Forms accepted: blocks as objects or as arrays of objects (as `hcl2json` writes them), resource
 * instances as an object or an array of one object, nested blocks likewise. `"//"` properties are
 * comments to Terraform; cdktf puts the construct path there (`"//".metadata.path`). Instance names
 * carry their key (`gw[0]`, `this["a"]`) and module instances their address, so references such as
 * `${module.spokes["a"].azurerm_virtual_network.this.id}` resolve to the block they name. No key is
 * special: names are read as own properties only (`__proto__`, `constructor` are ordinary names).
 *
 * Identity: a data source that reads a resource the configuration manages (same type, name and
 * resource group) is that resource, and a literal ARM id of a managed resource is that resource.
 *
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 * @see https://developer.hashicorp.com/terraform/cli/state/resource-addressing
 */
import { parseArmId } from "../../core/arm-id";
import { labelled, list } from "./configuration";
import { own } from "./values";

/** A Terraform JSON document of one stack, with the name the stack is referred to by. */
export interface StackDocument {
  /** Stack name (cdktf: the stack's construct path, e.g. `network`); "" for a lone document. */
  readonly stack: string;
  /** The Terraform JSON document (an object), or a `terraform show -json` plan. */
  readonly doc: any;
  /**
   * Prefix of the paths of blocks that carry no cdktf construct path.
   * @default the stack name
   */
  readonly pathPrefix?: string;
}

/** A document of one module instance, as the model builder reads it (./expand.ts writes them). */
export interface ModuleDocument extends StackDocument {
  /** The module instance address (`module.spokes["a"]`); "" or absent for the root module. */
  readonly module?: string;
  /**
   * The instances (addresses in this module instance) that exist before apply and stay during it: what a
   * plan changes in place or leaves unchanged, and everything of a state. Absent for configurations.
   */
  readonly existing?: ReadonlySet<string>;
  /**
   * Why what the blocks of this document wait for at apply (`depends_on`, references) is not known: a
   * plan whose configuration was not read. Absent when it is known.
   */
  readonly orderingUnknown?: string;
}

/** One resource or data instance. */
export interface Block {
  readonly stack: string;
  /** `resource` or `data`. */
  readonly mode: "resource" | "data";
  readonly type: string;
  /** The instance name: the block's name and its instance key (`gw`, `gw[0]`, `this["a"]`). */
  readonly name: string;
  /** Absolute instance address, module instance included (`module.m["a"].azurerm_subnet.gw[0]`). */
  readonly address: string;
  /** The block body (first instance). */
  readonly body: any;
  /** Construct path from cdktf metadata (with the instance key), or the Terraform address for plain JSON. */
  readonly path: string;
  /** Unique key across stacks. */
  readonly key: string;
  /** It exists before apply and stays during it (a plan's unchanged or updated instance, a state's). */
  readonly existing?: boolean;
  /** Why what it waits for at apply is not known ({@link ModuleDocument.orderingUnknown}). */
  readonly orderingUnknown?: string;
}

/** Flattens Terraform JSON's "object or array of objects" into a list (iteratively: any nesting). */
export function asList(value: unknown): any[] {
  return list(value);
}

/** The first nested block of that name (object or array form), or undefined. */
export function firstBlock(body: any, name: string): any {
  return list(own(body, name))[0];
}

/** All nested blocks of that name. */
export function blocks(body: any, name: string): any[] {
  return list(own(body, name));
}

/** The value of the first attribute present among the names (azurerm 4.x name first, then 3.x). */
export function attr(body: any, ...names: string[]): unknown {
  if (!body || typeof body !== "object") return undefined;
  for (const n of names) {
    const v = own(body, n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A labelled section merged by label (Map: no label is special), each label's parts in order. */
function merged(section: unknown): Map<string, unknown[]> {
  const parts = new Map<string, unknown[]>();
  if (section && typeof section === "object" && !Array.isArray(section)) {
    // The common form (one object): no flattening.
    for (const k of Object.keys(section)) parts.set(k, [(section as Record<string, unknown>)[k]]);
    return parts;
  }
  for (const part of list(section)) {
    if (part && typeof part === "object" && !Array.isArray(part)) {
      for (const k of Object.keys(part)) {
        const v = (part as Record<string, unknown>)[k];
        const l = parts.get(k);
        if (l) l.push(v);
        else parts.set(k, [v]);
      }
    }
  }
  return parts;
}

/**
 * Calls `fn` for each label of a labelled section with what it holds: in the common form (one object)
 * the label's value itself, read in place (thousands of resources: no map, no list per label); in the
 * other forms (a list of objects, as `hcl2json` writes them) the label's parts, merged as
 * {@link merged} merges them. Either way `firstOf` gives the label's first body.
 */
function forEachLabel(section: unknown, fn: (label: string, held: unknown) => void): void {
  if (section && typeof section === "object" && !Array.isArray(section)) {
    const keys = Object.keys(section);
    for (let i = 0; i < keys.length; i++) fn(keys[i], (section as Record<string, unknown>)[keys[i]]);
    return;
  }
  for (const [k, parts] of merged(section)) fn(k, parts);
}

/** The first body of what a label holds (an object, or a list of them at any nesting). */
function firstOf(held: unknown): unknown {
  if (held === undefined || held === null) return undefined;
  return Array.isArray(held) ? list(held)[0] : held;
}

/** Splits an instance name (`gw[0]`) into the block name and the key text (`[0]`). */
function splitName(name: string): { base: string; key: string } {
  const i = name.indexOf("[");
  return i < 0 ? { base: name, key: "" } : { base: name.slice(0, i), key: name.slice(i) };
}

/** Every resource and data instance of a document. */
export function readBlocks(sd: ModuleDocument): Block[] {
  const out: Block[] = [];
  const module = sd.module ?? "";
  const prefix = module === "" ? "" : `${module}.`;
  const where = sd.pathPrefix ?? sd.stack;
  for (const mode of ["resource", "data"] as const) {
    forEachLabel(own(sd.doc, mode), (type, instances) => {
      forEachLabel(instances, (name, bodies) => {
        const body: any = firstOf(bodies) ?? {};
        const local = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        const address = prefix + local;
        const metaPath = own(own(own(body, "//"), "metadata"), "path");
        const b: { -readonly [K in keyof Block]: Block[K] } = {
          stack: sd.stack,
          mode,
          type,
          name,
          address,
          body,
          path:
            typeof metaPath === "string"
              ? metaPath + splitName(name).key
              : where
                ? `${where}/${address}`
                : address,
          key: `${sd.stack}::${address}`,
        };
        // One per block: no object spread.
        if (sd.existing?.has(local)) b.existing = true;
        if (sd.orderingUnknown !== undefined) b.orderingUnknown = sd.orderingUnknown;
        out.push(b);
      });
    });
  }
  return out;
}

/** Outputs of a document: name -> value expression. */
export function readOutputs(sd: StackDocument): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, bodies] of merged(own(sd.doc, "output"))) out.set(name, own(list(bodies)[0], "value"));
  return out;
}

/** Locals of a document. */
export function readLocals(sd: StackDocument): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, values] of merged(own(sd.doc, "locals"))) out.set(name, values[0]);
  return out;
}

/** Variables of a document that have a value (their `default`, which the expansion sets to the value given). */
export function readVariables(sd: StackDocument): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, bodies] of merged(own(sd.doc, "variable"))) {
    const d = own(list(bodies)[0], "default");
    if (d !== undefined) out.set(name, d);
  }
  return out;
}

/** The stack name cdktf recorded in a document, if any. */
export function stackNameOf(doc: any): string | undefined {
  const name = own(own(own(doc, "//"), "metadata"), "stackName");
  return typeof name === "string" ? name : undefined;
}

// ---------------------------------------------------------------------------------------------
// References

/** A value that cannot be known at synth (a variable, a data source attribute, a function call). */
export interface Unknown {
  readonly unknown: string;
}

/** A reference to a block (its `id` or another computed attribute). */
export interface BlockRef {
  readonly block: Block;
  readonly attribute: string;
}

/** What a value resolves to. */
export type Resolved =
  | { readonly kind: "literal"; readonly value: unknown }
  | { readonly kind: "block"; readonly ref: BlockRef }
  | { readonly kind: "unknown"; readonly expr: string };

/** One step of a traversal: a name, a list index, or a map key. */
type Seg = string | number | { readonly key: string };

const PURE_REF = /^\$\{([^${}]+)\}$/;
const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

const segmentCache = new Map<string, Seg[]>();

/** Splits a traversal like `a.b[0]["k"].c` into its steps. */
function segments(traversal: string): Seg[] {
  const cached = segmentCache.get(traversal);
  if (cached) return cached;
  // Names only (`type.name.attr`, the usual reference): the callers matched TRAVERSAL, so splitting at
  // the dots gives exactly the names `steps` would.
  const out: Seg[] = traversal.indexOf("[") < 0 ? traversal.split(".") : steps(traversal);
  if (segmentCache.size > 100_000) segmentCache.clear();
  segmentCache.set(traversal, out);
  return out;
}

/** The steps of a traversal with index or key steps. */
function steps(traversal: string): Seg[] {
  const out: Seg[] = [];
  const re = /\.?([A-Za-z_][\w-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(traversal))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push({ key: JSON.parse(m[3]) as string });
  }
  return out;
}

const keyText = (s: Seg): string =>
  typeof s === "number"
    ? `[${s}]`
    : typeof s === "string"
      ? `[${JSON.stringify(s)}]`
      : `[${JSON.stringify(s.key)}]`;
const isIndex = (s: Seg | undefined): boolean =>
  typeof s === "number" || (typeof s === "object" && s !== null);
const stepName = (s: Seg): string => (typeof s === "object" ? s.key : String(s));

/** True when a string holds a template sequence (`${`, `%{`) that is not escaped (`$${`, `%%{`), scanning as HCL does. */
function hasTemplate(s: string): boolean {
  if (!s.includes("{")) return false;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c !== 36 && c !== 37) continue;
    if (s.charCodeAt(i + 1) === c && s.charCodeAt(i + 2) === 123) {
      i += 2;
      continue;
    }
    if (s.charCodeAt(i + 1) === 123) return true;
  }
  return false;
}

function unescapeTemplate(s: string): string {
  return s.includes("$${") || s.includes("%%{") ? s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : s;
}

/** The ARM resource type (under Microsoft.Network) of the azurerm types the model identifies by id. */
const ARM_TYPES: Readonly<
  Record<string, { readonly type: string; readonly child?: string; readonly parent?: string }>
> = {
  azurerm_virtual_network: { type: "virtualnetworks" },
  azurerm_subnet: { type: "virtualnetworks", child: "subnets", parent: "virtual_network_name" },
  azurerm_virtual_network_gateway: { type: "virtualnetworkgateways" },
  azurerm_virtual_network_gateway_nat_rule: { type: "virtualnetworkgateways", child: "natrules" },
  azurerm_local_network_gateway: { type: "localnetworkgateways" },
  azurerm_public_ip: { type: "publicipaddresses" },
  azurerm_route_table: { type: "routetables" },
  azurerm_network_security_group: { type: "networksecuritygroups" },
  azurerm_virtual_network_gateway_connection: { type: "connections" },
};

/** Resolves references within and across the documents of one app (or one expanded configuration). */
export class Resolver {
  private readonly byAddress = new Map<string, Block>();
  private readonly outputs = new Map<string, Map<string, unknown>>();
  private readonly locals = new Map<string, Map<string, unknown>>();
  private readonly variables = new Map<string, Map<string, unknown>>();
  private readonly providers = new Map<string, unknown>();
  /** Data sources that read a resource of the configuration: data block key -> managed block. */
  private readonly aliases = new Map<string, Block>();
  private armIndex?: Map<string, Block[]>;
  /** Every block, without the data sources that stand for managed resources. */
  public readonly blocks: Block[] = [];

  constructor(docs: readonly ModuleDocument[]) {
    const all: Block[] = [];
    for (const sd of docs) {
      const read = readBlocks(sd);
      for (let i = 0; i < read.length; i++) {
        all.push(read[i]);
        this.byAddress.set(read[i].key, read[i]);
      }
      if ((sd.module ?? "") === "") {
        this.outputs.set(sd.stack, readOutputs(sd));
        this.locals.set(sd.stack, readLocals(sd));
        this.variables.set(sd.stack, readVariables(sd));
        this.providers.set(sd.stack, own(sd.doc, "provider"));
      }
    }
    this.identifyDataSources(all);
    for (let i = 0; i < all.length; i++) if (!this.aliases.has(all[i].key)) this.blocks.push(all[i]);
  }

  /** The block at a Terraform address (`type.name`, `data.type.name`, with module and key) in a stack. */
  public block(stack: string, address: string): Block | undefined {
    const b = this.byAddress.get(`${stack}::${address}`);
    return b ? (this.aliases.get(b.key) ?? b) : undefined;
  }

  /** Provider configurations by stack, then by what a block's `provider` says (one answer per text). */
  private readonly providerCache = new Map<string, Map<unknown, unknown>>();

  /**
   * The body of the azurerm provider configuration a block uses (its `provider`, else the default one):
   * undefined when the stack has no such configuration, null when the block names its provider by
   * something other than `azurerm` or `azurerm.<alias>` (an expression). `provider` sections are read in
   * every form: an object by name, or a list of them (a folder of several files, merged).
   */
  public providerConfigOf(b: Block): unknown {
    const provider = own(b.body, "provider");
    let byText = this.providerCache.get(b.stack);
    if (!byText) this.providerCache.set(b.stack, (byText = new Map()));
    const key = typeof provider === "string" ? provider : undefined;
    if (byText.has(key)) return byText.get(key);
    const ref = typeof provider === "string" ? /^\$\{?azurerm(?:\.([\w-]+))?\}?$/.exec(provider) : null;
    let config: unknown = null;
    if (typeof provider !== "string" || ref) {
      const alias = ref?.[1];
      config = labelled(this.providers.get(b.stack))
        .filter(([name]) => name === "azurerm")
        .flatMap(([, bodies]) => list(bodies))
        .find((p) => (alias ? own(p, "alias") === alias : own(p, "alias") === undefined));
    }
    byText.set(key, config);
    return config;
  }

  /** The literal subscription id of the provider configuration a block uses, when known. */
  public subscriptionOf(b: Block): string | undefined {
    const config = this.providerConfigOf(b);
    const sub = config ? this.str(b.stack, own(config, "subscription_id")) : undefined;
    return typeof sub === "string" ? sub : undefined;
  }

  /**
   * Answers of {@link resolve} and {@link target} for template strings, by stack then text: the resolver
   * does not change once built, and one reference is read many times (every block of an app names its
   * resource group; every spoke peering, its hub).
   */
  private readonly resolvedCache = new Map<string, Map<string, Resolved>>();
  private readonly targetCache = new Map<string, Map<string, BlockRef | undefined>>();

  /** Resolves a value found in a block of `stack`. */
  public resolve(stack: string, value: unknown, depth = 0): Resolved {
    if (typeof value !== "string") return { kind: "literal", value };
    if (!hasTemplate(value)) return { kind: "literal", value: unescapeTemplate(value) };
    if (depth > 0) return this.resolveTemplate(stack, value, depth);
    let byText = this.resolvedCache.get(stack);
    if (!byText) this.resolvedCache.set(stack, (byText = new Map()));
    let r = byText.get(value);
    if (!r) byText.set(value, (r = this.resolveTemplate(stack, value, 0)));
    return r;
  }

  private resolveTemplate(stack: string, value: string, depth: number): Resolved {
    if (depth > 16) return { kind: "unknown", expr: value };
    const m = PURE_REF.exec(value.trim());
    if (!m || !TRAVERSAL.test(m[1].trim())) return { kind: "unknown", expr: value };
    const segs = segments(m[1].trim());
    const [head] = segs;
    if (head === "var") {
      const v = this.variables.get(stack)?.get(stepName(segs[1]));
      if (v === undefined) return { kind: "unknown", expr: value };
      return this.walk(stack, this.resolve(stack, v, depth + 1), segs.slice(2), value, depth);
    }
    if (head === "local") {
      const local = this.locals.get(stack)?.get(stepName(segs[1]));
      if (local === undefined) return { kind: "unknown", expr: value };
      return this.walk(stack, this.resolve(stack, local, depth + 1), segs.slice(2), value, depth);
    }
    if (head === "each" || head === "count" || head === "self" || head === "path" || head === "terraform") {
      return { kind: "unknown", expr: value };
    }
    if (head === "data" && segs[1] === "terraform_remote_state" && typeof segs[2] === "string") {
      return this.resolveRemoteState(segs[2], segs.slice(3), value, depth);
    }
    const target = this.addressOf(segs);
    if (!target) return { kind: "unknown", expr: value };
    const block = this.block(stack, target.address);
    if (!block) return { kind: "unknown", expr: value };
    return this.resolveBlockAttr(block, target.rest, value, depth);
  }

  /** The block address a traversal starts with (module instances, mode, type, name, key), and the rest. */
  private addressOf(segs: Seg[]): { address: string; rest: Seg[] } | undefined {
    let i = 0;
    let prefix = "";
    while (segs[i] === "module" && typeof segs[i + 1] === "string") {
      prefix += `module.${segs[i + 1] as string}`;
      i += 2;
      if (isIndex(segs[i])) prefix += keyText(segs[i++]);
      prefix += ".";
    }
    let mode = "";
    if (segs[i] === "data") {
      mode = "data.";
      i++;
    }
    const type = segs[i];
    const name = segs[i + 1];
    if (typeof type !== "string" || typeof name !== "string") return undefined;
    i += 2;
    let key = "";
    if (isIndex(segs[i])) key = keyText(segs[i++]);
    return { address: `${prefix}${mode}${type}.${name}${key}`, rest: segs.slice(i) };
  }

  /** Resolves to a literal string, or returns an Unknown / undefined (absent). */
  public str(stack: string, value: unknown): string | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    // Literal numbers and booleans as resolve would read them, without a Resolved made for each.
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    // A literal string (most names, locations, SKUs): as resolve reads it, without a Resolved.
    if (typeof value === "string" && !hasTemplate(value)) return unescapeTemplate(value);
    const r = this.resolve(stack, value);
    if (r.kind === "literal")
      return typeof r.value === "string"
        ? r.value
        : r.value === undefined || r.value === null
          ? undefined
          : typeof r.value === "object"
            ? { unknown: short(value) }
            : String(r.value);
    if (r.kind === "unknown") return { unknown: r.expr };
    return { unknown: short(value) };
  }

  /** Resolves to a literal boolean (accepting "true"/"false" strings), Unknown, or undefined. */
  public bool(stack: string, value: unknown): boolean | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    // Most flags are literal booleans: read without a Resolved made for each.
    if (typeof value === "boolean") return value;
    const r = this.resolve(stack, value);
    if (r.kind === "literal") {
      if (typeof r.value === "boolean") return r.value;
      if (r.value === "true") return true;
      if (r.value === "false") return false;
      return r.value === undefined || r.value === null ? undefined : { unknown: short(value) };
    }
    return { unknown: r.kind === "unknown" ? r.expr : short(value) };
  }

  /** Resolves to a literal number, Unknown, or undefined. */
  public num(stack: string, value: unknown): number | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number") return Number.isFinite(value) ? value : { unknown: short(value) };
    const r = this.resolve(stack, value);
    if (r.kind === "literal") {
      if (r.value === undefined || r.value === null) return undefined;
      const n = typeof r.value === "number" ? r.value : typeof r.value === "string" ? Number(r.value) : NaN;
      return Number.isFinite(n) ? n : { unknown: short(value) };
    }
    return { unknown: r.kind === "unknown" ? r.expr : short(value) };
  }

  /**
   * Resolves a list of strings: each element resolved; the whole list unknown when the list
   * itself, or any element, cannot be resolved.
   */
  public strList(stack: string, value: unknown): string[] | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    // A literal list (most address spaces): as resolve reads a value that is not a string.
    let resolved: unknown = value;
    if (typeof value === "string") {
      const r = this.resolve(stack, value);
      if (r.kind === "unknown") return { unknown: r.expr };
      if (r.kind === "block") return { unknown: short(value) };
      resolved = r.value;
    }
    if (resolved === null || resolved === undefined) return undefined;
    const items = Array.isArray(resolved) ? resolved : [resolved];
    const out: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const el = items[i];
      if (Array.isArray(el) || (el !== null && typeof el === "object")) return { unknown: short(value) };
      const s = this.str(stack, el);
      if (s === undefined) continue;
      if (typeof s !== "string") return s;
      out.push(s);
    }
    return out;
  }

  /**
   * Resolves a value to the block it references (a `.id`), if it does: a reference, a data source
   * that reads a managed resource, or a literal ARM id of a managed resource.
   */
  public ref(stack: string, value: unknown): BlockRef | undefined {
    const r = this.resolve(stack, value);
    if (r.kind === "block") return r.ref;
    if (r.kind === "literal" && typeof r.value === "string" && /^\/subscriptions\//i.test(r.value)) {
      const block = this.byArmId(r.value);
      return block ? { block, attribute: "id" } : undefined;
    }
    return undefined;
  }

  /**
   * The block a value names without following its configured arguments: `${type.name.attr}` gives
   * the block of `type.name` and `attr` (used where a name is read through a reference, such as a
   * subnet's `virtual_network_name`).
   */
  public target(stack: string, value: unknown): BlockRef | undefined {
    if (typeof value !== "string") return undefined;
    let byText = this.targetCache.get(stack);
    if (!byText) this.targetCache.set(stack, (byText = new Map()));
    if (byText.has(value)) return byText.get(value);
    const t = this.findTarget(stack, value);
    byText.set(value, t);
    return t;
  }

  private findTarget(stack: string, value: string): BlockRef | undefined {
    const m = PURE_REF.exec(value.trim());
    if (!m || !TRAVERSAL.test(m[1].trim())) return undefined;
    const segs = segments(m[1].trim());
    if (segs[0] === "var" || segs[0] === "local" || segs[0] === "each" || segs[0] === "count")
      return undefined;
    const t = this.addressOf(segs);
    const block = t ? this.block(stack, t.address) : undefined;
    if (!block || !t) return undefined;
    return { block, attribute: t.rest.map((s) => stepName(s)).join(".") };
  }

  private resolveBlockAttr(block: Block, rest: Seg[], original: string, depth: number): Resolved {
    const [first, ...more] = rest;
    if (first === undefined) return { kind: "block", ref: { block, attribute: "" } };
    if (typeof first !== "string") return { kind: "unknown", expr: original };
    const configured = own(block.body, first);
    if (first !== "id" && configured !== undefined) {
      // A configured argument: follow it (a name set literally, or a reference to another block).
      return this.walk(block.stack, this.resolve(block.stack, configured, depth + 1), more, original, depth);
    }
    if (more.length > 0) return { kind: "unknown", expr: original };
    return { kind: "block", ref: { block, attribute: first } };
  }

  private resolveRemoteState(name: string, rest: Seg[], original: string, depth: number): Resolved {
    // cdktf cross-stack references: data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>
    const prefix = "cross-stack-reference-input-";
    if (!name.startsWith(prefix) || rest[0] !== "outputs" || rest.length < 2)
      return { kind: "unknown", expr: original };
    const producer = name.slice(prefix.length);
    const value = this.outputs.get(producer)?.get(stepName(rest[1]));
    if (value === undefined) return { kind: "unknown", expr: original };
    return this.walk(producer, this.resolve(producer, value, depth + 1), rest.slice(2), original, depth);
  }

  /** Follows the remaining traversal (`[0]`, `.name`, `["k"]`) on an already resolved value. */
  private walk(stack: string, base: Resolved, rest: Seg[], original: string, depth: number): Resolved {
    if (rest.length === 0) return base;
    if (base.kind === "literal") {
      let v: unknown = base.value;
      for (let i = 0; i < rest.length; i++) {
        const s = rest[i];
        if (v === undefined || v === null) return { kind: "unknown", expr: original };
        if (Array.isArray(v)) v = v[typeof s === "number" ? s : Number(stepName(s))];
        else if (typeof v === "object") v = own(v, stepName(s));
        else return { kind: "unknown", expr: original };
        if (typeof v === "string" && hasTemplate(v)) {
          const inner = this.resolve(stack, v, depth + 1);
          return this.walk(stack, inner, rest.slice(i + 1), original, depth + 1);
        }
      }
      if (v === undefined) return { kind: "unknown", expr: original };
      return this.resolve(stack, v, depth + 1);
    }
    if (base.kind === "block") {
      const path = base.ref.attribute === "" ? rest : [...base.ref.attribute.split("."), ...rest];
      return this.resolveBlockAttr(base.ref.block, path, original, depth + 1);
    }
    return base;
  }

  // --- identity ----------------------------------------------------------------------------------

  private literal(stack: string, value: unknown): string | undefined {
    const s = this.str(stack, value);
    return typeof s === "string" ? s.toLowerCase() : undefined;
  }

  /** The identity (type, resource group, parent, name) of a managed or data block, when literal. */
  private identity(b: Block): string | undefined {
    const arm = ARM_TYPES[b.type];
    if (!arm) return undefined;
    const name = this.literal(b.stack, own(b.body, "name"));
    const rg = this.literal(b.stack, own(b.body, "resource_group_name"));
    if (name === undefined || rg === undefined) return undefined;
    let parent = "";
    if (arm.parent) {
      const p = this.literal(b.stack, own(b.body, arm.parent));
      if (p === undefined) return undefined;
      parent = `${p}/`;
    }
    return `${b.type}|${rg}|${parent}${name}`;
  }

  /** Data sources that read a managed resource of the same type, name and resource group stand for it. */
  private identifyDataSources(all: readonly Block[]): void {
    const data = all.filter((b) => b.mode === "data" && ARM_TYPES[b.type]);
    if (data.length === 0) return;
    const managed = new Map<string, Block[]>();
    for (let i = 0; i < all.length; i++) {
      const b = all[i];
      if (b.mode !== "resource" || !ARM_TYPES[b.type]) continue;
      const id = this.identity(b);
      if (id === undefined) continue;
      const l = managed.get(id);
      if (l) l.push(b);
      else managed.set(id, [b]);
    }
    for (const d of data) {
      const id = this.identity(d);
      const candidates = id === undefined ? [] : (managed.get(id) ?? []);
      const sub = this.subscriptionOf(d);
      const same = candidates.filter((m) => {
        const ms = this.subscriptionOf(m);
        return sub === undefined || ms === undefined || sub.toLowerCase() === ms.toLowerCase();
      });
      if (same.length === 1) this.aliases.set(d.key, same[0]);
    }
  }

  /** The managed block a literal ARM id names: by its `id` (plans), else by type, resource group and name. */
  public byArmId(id: string): Block | undefined {
    if (!this.armIndex) {
      this.armIndex = new Map();
      const add = (k: string, b: Block) => {
        const l = this.armIndex!.get(k);
        if (l) {
          if (!l.includes(b)) l.push(b);
        } else this.armIndex!.set(k, [b]);
      };
      for (const b of this.blocks) {
        if (b.mode !== "resource") continue;
        const literalId = own(b.body, "id");
        if (typeof literalId === "string" && !hasTemplate(literalId)) add(`id|${literalId.toLowerCase()}`, b);
        const ident = this.identity(b);
        if (ident !== undefined) add(ident, b);
      }
    }
    const exact = this.armIndex.get(`id|${id.toLowerCase()}`);
    if (exact && exact.length === 1) return exact[0];
    const arm = parseArmId(id);
    if (!arm) return undefined;
    const type = arm.type.toLowerCase();
    const child = arm.childType?.toLowerCase();
    for (const [tf, t] of Object.entries(ARM_TYPES)) {
      if (t.type !== type || (t.child ?? undefined) !== child) continue;
      if (t.child && !t.parent) {
        // A child known by its parent's block (a NAT rule of a gateway): the parent must match too.
        const candidates = [...this.blocks].filter(
          (b) => b.type === tf && this.literal(b.stack, own(b.body, "name")) === arm.childName?.toLowerCase(),
        );
        const match = candidates.filter((b) => {
          const gw = this.ref(b.stack, own(b.body, "virtual_network_gateway_id"))?.block;
          return gw
            ? this.identity(gw) ===
                `azurerm_virtual_network_gateway|${arm.resourceGroupName.toLowerCase()}|${arm.name.toLowerCase()}`
            : false;
        });
        return match.length === 1 ? match[0] : undefined;
      }
      const key = t.child
        ? `${tf}|${arm.resourceGroupName.toLowerCase()}|${arm.name.toLowerCase()}/${arm.childName?.toLowerCase()}`
        : `${tf}|${arm.resourceGroupName.toLowerCase()}|${arm.name.toLowerCase()}`;
      const found = (this.armIndex.get(key) ?? []).filter((b) => {
        const s = this.subscriptionOf(b);
        return s === undefined || s.toLowerCase() === arm.subscriptionId.toLowerCase();
      });
      return found.length === 1 ? found[0] : undefined;
    }
    return undefined;
  }
}

function short(v: unknown): string {
  let s: string;
  try {
    s = typeof v === "string" ? v : (JSON.stringify(v) ?? typeof v);
  } catch {
    s = Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v;
  }
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/** True for the marker of an unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === "object" && v !== null && "unknown" in v;
}
