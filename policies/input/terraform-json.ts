/**
 * Reading Terraform JSON in every form Terraform's JSON syntax allows, and resolving the
 * references between its blocks, across stacks.
 *
 * Forms accepted: blocks as objects or as arrays of objects (as `hcl2json` writes them), resource
 * instances as an object or an array of one object, nested blocks likewise. `"//"` properties are
 * comments to Terraform; cdktf puts the construct path there (`"//".metadata.path`).
 *
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */

/** A Terraform JSON document of one stack, with the name the stack is referred to by. */
export interface StackDocument {
  /** Stack name (cdktf: the stack's construct path, e.g. `network`); "" for a lone document. */
  readonly stack: string;
  /** The Terraform JSON document (an object). */
  readonly doc: any;
  /**
   * Prefix of the paths of blocks that carry no cdktf construct path.
   * @default the stack name
   */
  readonly pathPrefix?: string;
}

/** One resource or data block. */
export interface Block {
  readonly stack: string;
  /** `resource` or `data`. */
  readonly mode: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** The block body (first instance). */
  readonly body: any;
  /** Construct path from cdktf metadata, or the Terraform address for plain JSON. */
  readonly path: string;
  /** Unique key across stacks. */
  readonly key: string;
}

/** Flattens Terraform JSON's "object or array of objects" into a list. */
export function asList(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => asList(v));
  return [value];
}

/** The first nested block of that name (object or array form), or undefined. */
export function firstBlock(body: any, name: string): any {
  return asList(body?.[name])[0];
}

/** All nested blocks of that name. */
export function blocks(body: any, name: string): any[] {
  return asList(body?.[name]);
}

/** The value of the first attribute present among the names (azurerm 4.x name first, then 3.x). */
export function attr(body: any, ...names: string[]): unknown {
  if (!body || typeof body !== "object") return undefined;
  for (const n of names) {
    if (body[n] !== undefined) return body[n];
  }
  return undefined;
}

function merged(section: unknown): Record<string, any> {
  // Parts are gathered per key, then flattened once: linear in the number of blocks, whatever the
  // form (objects, or arrays of one-key objects as hcl2json writes them).
  const parts = new Map<string, unknown[]>();
  for (const part of asList(section)) {
    if (part && typeof part === "object") {
      for (const [k, v] of Object.entries(part)) {
        const list = parts.get(k);
        if (list) list.push(v);
        else parts.set(k, [v]);
      }
    }
  }
  const out: Record<string, any> = {};
  for (const [k, list] of parts) out[k] = list.length === 1 ? list[0] : asList(list);
  return out;
}

/** Every resource and data block of a document. */
export function readBlocks(sd: StackDocument): Block[] {
  const out: Block[] = [];
  for (const mode of ["resource", "data"] as const) {
    const byType = merged(sd.doc?.[mode]);
    for (const [type, instances] of Object.entries(byType)) {
      const byName = merged(instances);
      for (const [name, bodies] of Object.entries(byName)) {
        const body = asList(bodies)[0] ?? {};
        const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        const metaPath = body?.["//"]?.metadata?.path;
        out.push({
          stack: sd.stack,
          mode,
          type,
          name,
          body,
          path:
            typeof metaPath === "string"
              ? metaPath
              : (sd.pathPrefix ?? sd.stack)
                ? `${sd.pathPrefix ?? sd.stack}/${address}`
                : address,
          key: `${sd.stack}::${address}`,
        });
      }
    }
  }
  return out;
}

/** Outputs of a document: name -> value expression. */
export function readOutputs(sd: StackDocument): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, body] of Object.entries(merged(sd.doc?.output))) {
    out.set(name, asList(body)[0]?.value);
  }
  return out;
}

/** Locals of a document. */
export function readLocals(sd: StackDocument): Map<string, unknown> {
  return new Map(Object.entries(merged(sd.doc?.locals)));
}

/** The stack name cdktf recorded in a document, if any. */
export function stackNameOf(doc: any): string | undefined {
  const name = doc?.["//"]?.metadata?.stackName;
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

const PURE_REF = /^\$\{([^${}]+)\}$/;
const TRAVERSAL = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** Splits a traversal like `a.b[0].c` into `["a","b","0","c"]`. */
function segments(traversal: string): string[] {
  return traversal.split(/\.|\[|\]/).filter((s) => s !== "");
}

/** Resolves references within and across the documents of one app. */
export class Resolver {
  private readonly byAddress = new Map<string, Block>();
  private readonly outputs = new Map<string, Map<string, unknown>>();
  private readonly locals = new Map<string, Map<string, unknown>>();
  public readonly blocks: Block[] = [];

  constructor(docs: readonly StackDocument[]) {
    for (const sd of docs) {
      for (const b of readBlocks(sd)) {
        this.blocks.push(b);
        this.byAddress.set(b.key, b);
      }
      this.outputs.set(sd.stack, readOutputs(sd));
      this.locals.set(sd.stack, readLocals(sd));
    }
  }

  /** The block at a Terraform address (`type.name` or `data.type.name`) in a stack. */
  public block(stack: string, address: string): Block | undefined {
    return this.byAddress.get(`${stack}::${address}`);
  }

  /** Resolves a value found in a block of `stack`. */
  public resolve(stack: string, value: unknown, depth = 0): Resolved {
    if (typeof value !== "string") return { kind: "literal", value };
    if (!value.includes("${")) return { kind: "literal", value };
    if (depth > 16) return { kind: "unknown", expr: value };
    const m = PURE_REF.exec(value.trim());
    if (!m || !TRAVERSAL.test(m[1].trim())) return { kind: "unknown", expr: value };
    const segs = segments(m[1].trim());
    const [head] = segs;
    if (
      head === "var" ||
      head === "module" ||
      head === "each" ||
      head === "count" ||
      head === "self" ||
      head === "path"
    ) {
      return { kind: "unknown", expr: value };
    }
    if (head === "local") {
      const local = this.locals.get(stack)?.get(segs[1]);
      if (local === undefined) return { kind: "unknown", expr: value };
      return this.walk(stack, this.resolve(stack, local, depth + 1), segs.slice(2), value, depth);
    }
    if (head === "data") {
      const [, type, name, ...rest] = segs;
      if (type === "terraform_remote_state") {
        return this.resolveRemoteState(stack, name, rest, value, depth);
      }
      return this.resolveBlockAttr(stack, `data.${type}.${name}`, rest, value, depth);
    }
    const [type, name, ...rest] = segs;
    return this.resolveBlockAttr(stack, `${type}.${name}`, rest, value, depth);
  }

  /** Resolves to a literal string, or returns an Unknown / undefined (absent). */
  public str(stack: string, value: unknown): string | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    const r = this.resolve(stack, value);
    if (r.kind === "literal")
      return typeof r.value === "string" ? r.value : r.value === undefined ? undefined : String(r.value);
    if (r.kind === "unknown") return { unknown: r.expr };
    return { unknown: String(value) };
  }

  /** Resolves to a literal boolean (accepting "true"/"false" strings), Unknown, or undefined. */
  public bool(stack: string, value: unknown): boolean | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    const r = this.resolve(stack, value);
    if (r.kind === "literal") {
      if (typeof r.value === "boolean") return r.value;
      if (r.value === "true") return true;
      if (r.value === "false") return false;
      return r.value === undefined ? undefined : { unknown: String(value) };
    }
    return { unknown: r.kind === "unknown" ? r.expr : String(value) };
  }

  /** Resolves to a literal number, Unknown, or undefined. */
  public num(stack: string, value: unknown): number | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    const r = this.resolve(stack, value);
    if (r.kind === "literal") {
      const n = typeof r.value === "number" ? r.value : Number(r.value);
      return Number.isFinite(n) ? n : { unknown: String(value) };
    }
    return { unknown: r.kind === "unknown" ? r.expr : String(value) };
  }

  /**
   * Resolves a list of strings: each element resolved; the whole list unknown when the list
   * itself, or any element, cannot be resolved.
   */
  public strList(stack: string, value: unknown): string[] | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    const r = this.resolve(stack, value);
    if (r.kind === "unknown") return { unknown: r.expr };
    if (r.kind === "block") return { unknown: String(value) };
    const list = Array.isArray(r.value) ? r.value : [r.value];
    const out: string[] = [];
    for (const el of list) {
      const s = this.str(stack, el);
      if (s === undefined) continue;
      if (typeof s !== "string") return s;
      out.push(s);
    }
    return out;
  }

  /** Resolves a value to the block it references (a `.id`), if it does. */
  public ref(stack: string, value: unknown): BlockRef | undefined {
    const r = this.resolve(stack, value);
    return r.kind === "block" ? r.ref : undefined;
  }

  private resolveBlockAttr(
    stack: string,
    address: string,
    rest: string[],
    original: string,
    depth: number,
  ): Resolved {
    const block = this.block(stack, address);
    if (!block) return { kind: "unknown", expr: original };
    const [attribute, ...more] = rest;
    if (attribute === undefined) return { kind: "block", ref: { block, attribute: "" } };
    if (attribute !== "id" && block.body?.[attribute] !== undefined) {
      // A configured argument: follow it (a name set literally, or a reference to another block).
      return this.walk(stack, this.resolve(stack, block.body[attribute], depth + 1), more, original, depth);
    }
    if (more.length > 0) return { kind: "unknown", expr: original };
    return { kind: "block", ref: { block, attribute } };
  }

  private resolveRemoteState(
    _stack: string,
    name: string,
    rest: string[],
    original: string,
    depth: number,
  ): Resolved {
    // cdktf cross-stack references: data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>
    const prefix = "cross-stack-reference-input-";
    if (!name.startsWith(prefix) || rest[0] !== "outputs" || rest.length < 2)
      return { kind: "unknown", expr: original };
    const producer = name.slice(prefix.length);
    const value = this.outputs.get(producer)?.get(rest[1]);
    if (value === undefined) return { kind: "unknown", expr: original };
    return this.walk(producer, this.resolve(producer, value, depth + 1), rest.slice(2), original, depth);
  }

  /** Follows the remaining traversal (`[0]`, `.name`) on an already resolved value. */
  private walk(stack: string, base: Resolved, rest: string[], original: string, depth: number): Resolved {
    if (rest.length === 0) return base;
    if (base.kind === "literal") {
      let v: any = base.value;
      for (const s of rest) {
        if (v === undefined || v === null) return { kind: "unknown", expr: original };
        v = Array.isArray(v) ? v[Number(s)] : v[s];
      }
      return this.resolve(stack, v, depth + 1);
    }
    if (base.kind === "block") {
      return this.resolveBlockAttr(
        base.ref.block.stack,
        `${addressOf(base.ref.block)}`,
        rest,
        original,
        depth + 1,
      );
    }
    return base;
  }
}

function addressOf(b: Block): string {
  return b.mode === "data" ? `data.${b.type}.${b.name}` : `${b.type}.${b.name}`;
}

/** True for the marker of an unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === "object" && v !== null && "unknown" in v;
}
