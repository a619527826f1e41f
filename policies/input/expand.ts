/**
 * Expands a Terraform configuration (a root module and the local modules it calls) into what the
 * model builder reads: one Terraform JSON document per module instance, with every resource
 * instance under its instance name (`gw[0]`, `this["a"]`), every value the configuration
 * determines computed, and references written as absolute instance addresses
 * (`${module.spokes["a"].azurerm_virtual_network.this.id}`).
 *
 * What is evaluated: `count` and `for_each` (with `count.index`, `each.key`, `each.value`), `dynamic`
 * blocks, variables (values given, else defaults), locals, module calls with local sources (inputs
 * and outputs), and the expressions of ./evaluate.ts. What cannot be evaluated stays an expression
 * (an unknown to the model); what decides whether a resource exists at all and cannot be evaluated
 * (an unknown `count`, a module that cannot be read) is reported as not read, never skipped in
 * silence.
 *
 * In the root module, a value that is a plain reference the model's resolver follows itself
 * (`${azurerm_x.y.id}`, `${var.x}`, `${local.x}`, `${data.x.y.z}`) is written as it was, so cdktf
 * output reaches the model exactly as written.
 *
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 * @see https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
 * @see https://developer.hashicorp.com/terraform/language/modules/syntax
 */
import {
  CONFIG_SECTIONS,
  ConfigProblem,
  ModuleConfig,
  ResourceConfig,
  describeJson,
  labelled,
  list,
  readModuleConfig,
} from "./configuration";
import {
  AzurermVersion,
  UnknownArgument,
  VERSIONED_TYPES,
  azurermVersion,
  unknownArguments,
} from "./provider";
import { BoundScope, Scope, entries, evaluate, withWorkBudget } from "./evaluate";
import { Expr, ExpressionSyntaxError, TplPart, isTemplate, parseTemplate, sourceOf } from "./expression";
import { ModuleDocument } from "./terraform-json";
import { asInt, asString, deepDeref, toSet } from "./functions";
import {
  EvalError,
  Namespace,
  RefTarget,
  RefValue,
  UnknownValue,
  Value,
  bareReference,
  fromJson,
  instanceKey,
  isObject,
  newObject,
  own,
  setOwn,
  toJson,
  typeName,
} from "./values";

/** Something the expansion could not read or evaluate. */
export interface ExpansionNote {
  /** Where: a Terraform address (module instance included). */
  readonly address: string;
  /** What, and why. */
  readonly what: string;
  /**
   * `existence`: which resources exist, or how many, is not known (an unknown `count`, a module not
   * read, a `dynamic` block with an unknown `for_each`). `expression`: a value the evaluator does not
   * understand (a function it does not implement, an argument the module does not declare): it stays
   * an unknown to the rules, and whatever it feeds was not checked. Both are reported as not
   * verifiable (`--strict` fails on them). `unused`: something given that the configuration does not
   * use (a value for a variable it does not declare): reported as not understood only, as nothing
   * the check reads depends on it.
   */
  readonly kind: "existence" | "expression" | "unused";
}

/** A module's configuration and where it was read from. */
export interface ModuleSource {
  /** The configuration (one Terraform JSON document). */
  readonly doc: any;
  /** The folder, when read from disk. */
  readonly dir?: string;
  /**
   * What Terraform refuses in how the module's files merge (an override of a block no other file
   * declares): reported with the module instance's address, as the configuration's own problems.
   */
  readonly problems?: readonly ConfigProblem[];
}

/** Finds the module a `module` block calls: its configuration, or why it cannot be read. */
export type ModuleLoader = (
  parent: ModuleSource,
  call: { readonly name: string; readonly source: string; readonly key: string },
) => ModuleSource | { readonly unreadable: string };

/** Options of {@link expandConfiguration}. */
export interface ExpandOptions {
  readonly stack: string;
  readonly pathPrefix?: string;
  /** Values of root variables (from tfvars files, `--var`, the API), as JSON. */
  readonly variables?: ReadonlyMap<string, unknown>;
  /** Loads called modules; without it every module call is reported as not read. */
  readonly loadModule?: ModuleLoader;
  /** The azurerm version `.terraform.lock.hcl` records (it decides over `required_providers`). */
  readonly lockedAzurerm?: string;
}

/** An argument the pinned azurerm version does not know, set in a resource instance. */
export interface ArgumentWarning extends UnknownArgument {
  /** The instance's address, and its cdktf construct path when it has one. */
  readonly address: string;
  readonly metaPath?: string;
}

/** What {@link expandConfiguration} produced. */
export interface Expansion {
  readonly docs: ModuleDocument[];
  readonly notes: ExpansionNote[];
  /** Module instances expanded, root included. */
  readonly modules: number;
  /** Resource and data blocks of the configuration (per module instance). */
  readonly blocks: number;
  /** Resource and data instances after `count` and `for_each`. */
  readonly instances: number;
  /** The azurerm version the configuration pins (lock file, else the root module's constraint). */
  readonly azurerm?: AzurermVersion;
  /** Arguments the pinned version does not know. */
  readonly warnings: ArgumentWarning[];
}

/** Module nesting deeper than this is reported instead of followed (Terraform has no limit; a loop has none either). */
const MAX_MODULE_DEPTH = 16;
/** More instances than this of one resource are refused (a runaway `count`). */
const MAX_INSTANCES = 100_000;
/**
 * Module instances of the whole configuration beyond this are reported instead of expanded: a
 * module calling itself with a `count` grows exponentially with the depth (a hang, not a check).
 */
const MAX_MODULE_INSTANCES = 10_000;
/** Resource instances of the whole configuration beyond this are reported instead of expanded (memory). */
const MAX_TOTAL_INSTANCES = 250_000;

const META = new Set([
  "count",
  "for_each",
  "lifecycle",
  "provisioner",
  "connection",
  "depends_on",
  "provider",
  "//",
]);
/** Roots bound per instance or block: values using them are never written as they were. */
const BOUND_ROOTS = new Set(["count", "each", "self"]);
/** Roots of references the model's resolver follows itself (in the root module). */
const PLAIN_REF = /^\$\{([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\$%{}]*"\])*)\}$/;

const parsed = new Map<string, Expr | ExpressionSyntaxError>();

/** Parses a template, cached (the same reference appears in many blocks). */
function parse(text: string): Expr {
  let p = parsed.get(text);
  if (p === undefined) {
    try {
      p = parseTemplate(text);
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      p = e;
    }
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(text, p);
  }
  if (p instanceof ExpressionSyntaxError)
    throw new EvalError(`cannot parse ${JSON.stringify(text)}: ${p.message}`);
  return p;
}

/** The root names an expression refers to (for deciding whether its text can be kept). */
function roots(x: Expr, out: Set<string>): Set<string> {
  const visit = (n: Expr | undefined): void => {
    if (!n) return;
    switch (n.k) {
      case "var":
        out.add(n.name);
        return;
      case "tpl":
        for (const p of n.parts) visitPart(p);
        return;
      case "attr":
      case "paren":
        visit(n.k === "attr" ? n.obj : n.x);
        return;
      case "index":
        visit(n.obj);
        visit(n.key);
        return;
      case "splat":
        visit(n.obj);
        visit(n.each);
        return;
      case "call":
        n.args.forEach(visit);
        return;
      case "tuple":
        n.items.forEach(visit);
        return;
      case "object":
        n.items.forEach((i) => {
          visit(i.key);
          visit(i.value);
        });
        return;
      case "cond":
        visit(n.c);
        visit(n.t);
        visit(n.f);
        return;
      case "unary":
        visit(n.x);
        return;
      case "bin":
        visit(n.l);
        visit(n.r);
        return;
      case "for":
        visit(n.coll);
        visit(n.keyExpr);
        visit(n.valExpr);
        visit(n.cond);
        return;
      default:
        return;
    }
  };
  const visitPart = (p: TplPart): void => {
    if (p.k === "interp") visit(p.x);
    else if (p.k === "if") {
      visit(p.c);
      p.then.forEach(visitPart);
      p.else.forEach(visitPart);
    } else if (p.k === "tfor") {
      visit(p.coll);
      p.body.forEach(visitPart);
    }
  };
  visit(x);
  return out;
}

class Expander {
  public readonly docs: ModuleDocument[] = [];
  public readonly notes: ExpansionNote[] = [];
  public readonly warnings: ArgumentWarning[] = [];
  public major?: number;
  public modules = 0;
  /** Module instances created so far (expanded or to be), the root included. */
  public moduleInstances = 1;
  public blocks = 0;
  public instances = 0;

  constructor(public readonly options: ExpandOptions) {}

  public note(address: string, what: string, kind: ExpansionNote["kind"]): void {
    // Once: a root local that cannot be evaluated is noted where it is used and where it is written.
    const key = `${address}\u0000${what}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push({ address, what, kind });
  }

  private readonly noted = new Set<string>();
}

/** One resource instance: a reference target whose configured arguments evaluate in its scope. */
class Instance implements RefTarget {
  private readonly memo = new Map<string, Value>();
  private readonly busy = new Set<string>();
  public readonly scope: Scope;

  constructor(
    public readonly group: ResourceGroup,
    public readonly key: string | number | undefined,
    bindings: Map<string, Value>,
  ) {
    this.scope = bindings.size > 0 ? new BoundScope(group.module.scope, bindings) : group.module.scope;
  }

  public get address(): string {
    return `${this.group.module.prefix}${this.group.config.address}${instanceKey(this.key)}`;
  }

  public get name(): string {
    return `${this.group.config.name}${instanceKey(this.key)}`;
  }

  public configured(attribute: string): Value | undefined {
    if (META.has(attribute) || attribute === "dynamic") return undefined;
    const cached = this.memo.get(attribute);
    if (cached !== undefined) return cached;
    const body = this.group.config.body;
    const raw = own(body, attribute);
    const dyn = dynamicBlocks(body).filter((d) => d.name === attribute);
    if (raw === undefined && dyn.length === 0) return undefined;
    if (this.busy.has(attribute)) {
      return new UnknownValue(`${this.address}.${attribute}`, "it refers to itself (a cycle)");
    }
    this.busy.add(attribute);
    try {
      let v: Value;
      try {
        v = raw === undefined ? [] : valueOf(raw, this.scope, 0);
        if (dyn.length > 0) {
          const generated = dyn.flatMap((d) => dynamicContents(d, this.scope));
          if (generated.some((g) => g instanceof UnknownValue)) {
            v = new UnknownValue(
              `${this.address}.${attribute}`,
              `a dynamic "${attribute}" block has an unknown for_each`,
            );
          } else {
            v = [...(raw === undefined ? [] : Array.isArray(v) ? v : [v]), ...generated];
          }
        }
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        v = new UnknownValue(`${this.address}.${attribute}`, e.message);
      }
      this.memo.set(attribute, v);
      return v;
    } finally {
      this.busy.delete(attribute);
    }
  }
}

/** A resource or data block of a module instance, with its instances. */
class ResourceGroup {
  private expanded?: Instance[] | UnknownValue;
  private repetition?: "count" | "for_each";

  constructor(
    public readonly module: ModuleInstance,
    public readonly config: ResourceConfig,
  ) {}

  public instances(): Instance[] | UnknownValue {
    if (this.expanded) return this.expanded;
    // Set first, so a cycle through count/for_each ends as unknown.
    this.expanded = new UnknownValue(
      this.module.prefix + this.config.address,
      "its count or for_each refers to itself",
    );
    this.expanded = this.expand();
    return this.expanded;
  }

  private expand(): Instance[] | UnknownValue {
    const body = this.config.body;
    const address = this.module.prefix + this.config.address;
    const count = own(body, "count");
    const forEach = own(body, "for_each");
    const scope = this.module.scope;
    try {
      if (count !== undefined && count !== null) {
        this.repetition = "count";
        const v = deepDeref(valueOf(count, scope, 0), (x) => scope.deref(x));
        if (v instanceof UnknownValue || !isKnownValue(v)) {
          return new UnknownValue(address, `its count (${show(count)}) is not known: ${whyOf(v)}`);
        }
        const n = asInt(v, "count");
        if (n < 0 || n > MAX_INSTANCES) throw new EvalError(`count ${n} is out of range`);
        return Array.from(
          { length: n },
          (_, i) => new Instance(this, i, new Map([["count", countObject(i)]])),
        );
      }
      if (forEach !== undefined && forEach !== null) {
        this.repetition = "for_each";
        const pairs = forEachPairs(forEach, scope);
        if (pairs instanceof UnknownValue) {
          return new UnknownValue(address, `its for_each (${show(forEach)}) is not known: ${pairs.why}`);
        }
        return pairs.map(([k, v]) => new Instance(this, k, new Map([["each", eachObject(k, v)]])));
      }
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return new UnknownValue(
        address,
        `its ${count !== undefined ? "count" : "for_each"} cannot be evaluated: ${e.message}`,
      );
    }
    return [new Instance(this, undefined, new Map())];
  }

  private valueMemo?: Value;

  /** The value of `type.name`: an instance, a list (count) or a map (for_each) of instances. */
  public value(): Value {
    // Memoized: a spoke's `azurerm_virtual_network.spoke[each.key]` must not rebuild the map of all spokes.
    this.valueMemo ??= this.computeValue();
    return this.valueMemo;
  }

  private computeValue(): Value {
    const inst = this.instances();
    if (inst instanceof UnknownValue) return inst;
    if (this.repetition === "count") return inst.map((i) => new RefValue(i, []));
    if (this.repetition === "for_each") {
      const out = newObject();
      for (const i of inst) setOwn(out, String(i.key), new RefValue(i, []));
      return out;
    }
    return new RefValue(inst[0], []);
  }
}

function countObject(i: number): Value {
  const o = newObject();
  setOwn(o, "index", i);
  return o;
}

function eachObject(k: string, v: Value): Value {
  const o = newObject();
  setOwn(o, "key", k);
  setOwn(o, "value", v);
  return o;
}

/** The keys and values of a `for_each`: a map (its keys) or a set of strings (each element). */
function forEachPairs(raw: unknown, scope: Scope): [string, Value][] | UnknownValue {
  const v = scope.deref(valueOf(raw, scope, 0));
  if (v instanceof UnknownValue) return v;
  if (isObject(v)) {
    return Object.keys(v)
      .sort()
      .map((k) => [k, v[k]]);
  }
  if (Array.isArray(v)) {
    const elements = v.map((x) => deepDeref(x, (y) => scope.deref(y)));
    const unknown = elements.find((x) => !isKnownValue(x));
    if (unknown !== undefined) return new UnknownValue(show(raw), whyOf(unknown));
    // Terraform accepts a set of strings only; a list literal in JSON is read as the set it denotes.
    return (toSet(elements.map((x) => asString(x, "for_each element"))) as string[]).map((s) => [s, s]);
  }
  throw new EvalError(`for_each must be a map or a set of strings, got ${typeName(v)}`);
}

function isKnownValue(v: Value): boolean {
  if (v instanceof UnknownValue || v instanceof RefValue || v instanceof Namespace) return false;
  if (Array.isArray(v)) return v.every(isKnownValue);
  if (isObject(v)) return Object.keys(v).every((k) => isKnownValue(v[k]));
  return true;
}

function whyOf(v: Value): string {
  if (v instanceof UnknownValue) return v.why;
  if (Array.isArray(v)) for (const x of v) if (!isKnownValue(x)) return whyOf(x);
  if (isObject(v)) for (const k of Object.keys(v)) if (!isKnownValue(v[k])) return whyOf(v[k]);
  if (v instanceof RefValue) return `${v.text()} is known only after apply`;
  return "it is known only after apply";
}

function show(raw: unknown): string {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Evaluates a JSON value of the configuration (strings are templates) in a scope. */
function valueOf(raw: unknown, scope: Scope, depth: number): Value {
  if (depth > 64) throw new EvalError("a value nested deeper than 64 levels");
  if (typeof raw === "string") return isTemplate(raw) ? evaluate(parse(raw), scope) : unescape(raw);
  if (raw === null || typeof raw === "number" || typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return raw.map((x) => valueOf(x, scope, depth + 1));
  if (typeof raw === "object") {
    const out = newObject();
    for (const k of Object.keys(raw)) {
      if (k === "//") continue;
      setOwn(out, k, valueOf((raw as any)[k], scope, depth + 1));
    }
    return out;
  }
  return null;
}

function unescape(s: string): string {
  return s.includes("$${") || s.includes("%%{") ? s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : s;
}

interface DynamicBlock {
  readonly name: string;
  readonly body: any;
  /** Why it cannot be read (a body or content that is not an object): its blocks are not known. */
  readonly problem?: string;
}

const isBody = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `dynamic` blocks of a body (any JSON form); one that is not an object is kept, with its problem. */
function dynamicBlocks(body: any): DynamicBlock[] {
  const out: DynamicBlock[] = [];
  const problems: ConfigProblem[] = [];
  const shape = { where: "dynamic", of: "dynamic blocks by name", problems };
  for (const [name, specs] of labelled(own(body, "dynamic"), shape)) {
    for (const spec of list(specs)) {
      const content = isBody(spec) ? list(own(spec, "content"))[0] : undefined;
      const problem = !isBody(spec)
        ? `its body is ${describeJson(spec)}, not an object`
        : content !== undefined && !isBody(content)
          ? `its content is ${describeJson(content)}, not an object`
          : undefined;
      out.push(
        problem ? { name, body: spec, problem: `${problem} (Terraform refuses it)` } : { name, body: spec },
      );
    }
  }
  for (const p of problems) out.push({ name: "dynamic", body: own(body, "dynamic"), problem: p.what });
  return out;
}

/** The bound content blocks of a dynamic block, or an unknown when its for_each is not known. */
function dynamicScopes(d: DynamicBlock, scope: Scope): { content: any; scope: Scope }[] | UnknownValue {
  if (d.problem !== undefined) return new UnknownValue(d.name, d.problem);
  const iterator = own(d.body, "iterator");
  const name = typeof iterator === "string" ? iterator : d.name;
  const pairs = dynamicPairs(own(d.body, "for_each"), scope);
  if (pairs instanceof UnknownValue) return pairs;
  const content = list(own(d.body, "content"))[0] ?? {};
  return pairs.map(([k, v]) => ({
    content,
    scope: new BoundScope(scope, new Map([[name, eachObject(k as string, v)]])),
  }));
}

/** A dynamic block iterates lists (index keys), sets and maps. */
function dynamicPairs(raw: unknown, scope: Scope): [string | number, Value][] | UnknownValue {
  const v = scope.deref(valueOf(raw, scope, 0));
  return v === null ? [] : entries(v, "a dynamic block's for_each");
}

function dynamicContents(d: DynamicBlock, scope: Scope): Value[] {
  const scopes = dynamicScopes(d, scope);
  if (scopes instanceof UnknownValue) return [scopes];
  return scopes.map((s) => valueOf(s.content, s.scope, 1));
}

/** One module instance: its scope (variables, locals, resources, module calls) and its blocks. */
class ModuleInstance {
  public readonly scope: Scope;
  public readonly groups = new Map<string, ResourceGroup>();
  private readonly localMemo = new Map<string, Value>();
  private readonly localBusy = new Set<string>();
  private readonly calls = new Map<string, Value>();
  public readonly children: ModuleInstance[] = [];

  constructor(
    public readonly expander: Expander,
    public readonly source: ModuleSource,
    public readonly config: ModuleConfig,
    /** The module instance address, "" for the root. */
    public readonly address: string,
    /** Input values (child modules) or given values (root), by variable name. */
    private readonly inputs: ReadonlyMap<string, Value>,
    public readonly depth: number,
    /** Key of the module call path in `.terraform/modules/modules.json` ("" for the root). */
    public readonly key: string,
    /**
     * The parent module instance, the provider configurations its call passes (`providers`), and what
     * the call (and the calls above it) `depends_on`, as absolute addresses: every resource of the
     * module waits for them.
     */
    public readonly parent?: {
      readonly module: ModuleInstance;
      readonly providers: ReadonlyMap<string, string>;
      readonly dependsOn: readonly string[];
    },
  ) {
    for (const r of config.resources.values()) this.groups.set(r.address, new ResourceGroup(this, r));
    this.scope = {
      root: (name) => this.root(name),
      deref: (v) => this.deref(v),
    };
  }

  /**
   * The root module's provider configuration (`azurerm` or `azurerm.<alias>`) a provider name of
   * this module stands for: passed by the call's `providers`, else the default one inherited.
   */
  public providerFor(name: string): string {
    if (!this.parent) return name;
    const passed = this.parent.providers.get(name);
    if (passed !== undefined) return this.parent.module.providerFor(passed);
    return name === "azurerm" ? this.parent.module.providerFor("azurerm") : name;
  }

  /** The address prefix of the module's blocks (`module.x["a"].`), "" for the root. */
  public get prefix(): string {
    return this.address === "" ? "" : `${this.address}.`;
  }

  public deref(v: Value): Value {
    let x = v;
    for (let hops = 0; x instanceof RefValue; hops++) {
      if (hops > 64) return new UnknownValue(x.text(), "a chain of references longer than 64");
      x = derefOnce(x, this.scope);
    }
    return x;
  }

  private root(name: string): Value {
    switch (name) {
      case "var":
        return new Namespace(this.prefix + "var", (n) => this.variable(n));
      case "local":
        return new Namespace(this.prefix + "local", (n) => this.local(n));
      case "module":
        return new Namespace(this.prefix + "module", (n) => this.moduleCall(n));
      case "data":
        return new Namespace(this.prefix + "data", (type) => {
          return new Namespace(`${this.prefix}data.${type}`, (n) => this.group(`data.${type}.${n}`));
        });
      case "path":
        return new Namespace("path", (n) => {
          if (n === "module") return this.source.dir ?? ".";
          if (n === "root" || n === "cwd") return ".";
          throw new EvalError(`path.${n} is not a path Terraform knows`);
        });
      case "terraform":
        return new Namespace(
          "terraform",
          (n) => new UnknownValue(`terraform.${n}`, "set by Terraform when it runs"),
        );
      case "count":
      case "each":
      case "self":
        throw new EvalError(`${name} is used where it is not defined`);
      default:
        if (this.config.types.has(name)) {
          return new Namespace(this.prefix + name, (n) => this.group(`${name}.${n}`));
        }
        throw new EvalError(`${name} is not declared (no resource of that type, no such variable)`);
    }
  }

  private group(address: string): Value {
    const g = this.groups.get(address);
    if (!g) throw new EvalError(`${this.prefix}${address} is not declared`);
    return g.value();
  }

  private readonly defaults = new Map<string, Value>();

  private variable(name: string): Value {
    const given = this.inputs.get(name);
    const decl = this.config.variables.get(name);
    if (!decl) throw new EvalError(`var.${name} is not declared`);
    if (given !== undefined) return given;
    const def = own(decl.body, "default");
    if (def !== undefined) {
      let v = this.defaults.get(name);
      if (v === undefined) {
        v = fromJson(def);
        this.defaults.set(name, v);
      }
      return v;
    }
    return new UnknownValue(`${this.prefix}var.${name}`, `no value was given for variable ${name}`);
  }

  private local(name: string): Value {
    const cached = this.localMemo.get(name);
    if (cached !== undefined) return cached;
    if (!this.config.locals.has(name)) throw new EvalError(`local.${name} is not declared`);
    if (this.localBusy.has(name)) throw new EvalError(`local.${name} refers to itself`);
    this.localBusy.add(name);
    try {
      let v: Value;
      try {
        v = valueOf(this.config.locals.get(name), this.scope, 0);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        this.expander.note(
          `${this.prefix}local.${name}`,
          notEvaluated(`local.${name}`, expressionText(this.config.locals.get(name), 0), e.message),
          "expression",
        );
        v = new UnknownValue(`${this.prefix}local.${name}`, e.message);
      }
      this.localMemo.set(name, v);
      return v;
    } finally {
      this.localBusy.delete(name);
    }
  }

  /** The value of `module.<name>`: its outputs, per instance for count / for_each. */
  private moduleCall(name: string): Value {
    const cached = this.calls.get(name);
    if (cached !== undefined) return cached;
    if (!this.config.modules.has(name)) throw new EvalError(`module.${name} is not declared`);
    const v = new UnknownValue(`${this.prefix}module.${name}`, `module ${name} was not read`);
    this.calls.set(name, v);
    return v;
  }

  /** Records a called module instance's outputs (set while expanding). */
  public setCall(name: string, value: Value): void {
    this.calls.set(name, value);
  }
}

/** One step of a reference into the configured value it stands for. */
function derefOnce(r: RefValue, scope: Scope): Value {
  if (r.path.length === 0) return new UnknownValue(r.text(), `${r.text()} is a whole resource`);
  const [first, ...rest] = r.path;
  if (typeof first !== "string") return new UnknownValue(r.text(), `${r.text()} is not an attribute`);
  const base = r.target.configured(first);
  if (base === undefined) return new UnknownValue(r.text(), `${r.text()} is known only after apply`);
  let v: Value = base;
  for (let i = 0; i < rest.length; i++) {
    v = scope.deref(v);
    const s = rest[i];
    const so = r.text();
    if (v instanceof UnknownValue) return new UnknownValue(so, v.why);
    if (Array.isArray(v)) {
      const idx = typeof s === "number" ? s : Number(s);
      if (!Number.isInteger(idx) || idx < 0 || idx >= v.length)
        return new UnknownValue(so, `${so} is known only after apply`);
      v = v[idx];
    } else if (isObject(v)) {
      if (typeof s === "number") {
        // A nested block written as one object is a list of one block.
        if (s !== 0) return new UnknownValue(so, `${so} is known only after apply`);
        continue;
      }
      const got = own(v, s);
      if (got === undefined) return new UnknownValue(so, `${so} is known only after apply`);
      v = got;
    } else {
      return new UnknownValue(so, `${so} is known only after apply`);
    }
  }
  return v;
}

// --- writing the expanded documents ---------------------------------------------------------------

/** How values of one instance are written. */
interface WriteContext {
  readonly scope: Scope;
  /** Root module: a value the resolver can follow itself is written as it was. */
  readonly keep: boolean;
  /** Names bound here (`count`, `each`, dynamic iterators): values using them are never kept as written. */
  readonly bound: ReadonlySet<string>;
  /** A dynamic block whose for_each is not known. */
  readonly onUnknownDynamic: (name: string, why: string) => void;
}

/** Writes a JSON value of an instance body, evaluated in the context's scope. */
function writeValue(raw: unknown, c: WriteContext, depth: number): unknown {
  if (depth > 64) throw new EvalError("a value nested deeper than 64 levels");
  if (typeof raw === "string") {
    if (!isTemplate(raw)) return raw;
    const m = c.keep ? PLAIN_REF.exec(raw) : null;
    if (m && m[1] !== "module" && m[1] !== "path" && m[1] !== "terraform" && !c.bound.has(m[1])) return raw;
    const x = parse(raw);
    const v = evaluate(x, c.scope);
    if (c.keep && v instanceof UnknownValue) {
      // An unknown in the root module is written as it was, unless it uses names bound here.
      const used = roots(x, new Set());
      if (![...used].some((n) => c.bound.has(n))) return raw;
    }
    return toJson(v);
  }
  if (raw === null || typeof raw !== "object") return raw;
  if (Array.isArray(raw)) {
    // Copy on write: an array whose elements are written as they were is the same array.
    let out: unknown[] | undefined;
    for (let i = 0; i < raw.length; i++) {
      const w = writeValue(raw[i], c, depth + 1);
      if (out) out.push(w);
      else if (w !== raw[i]) {
        out = raw.slice(0, i);
        out.push(w);
      }
    }
    return out ?? raw;
  }
  return writeBody(raw, c, depth + 1);
}

/** Writes a body: its arguments evaluated, nested blocks written, `dynamic` blocks expanded. */
function writeBody(raw: any, c: WriteContext, depth: number): Record<string, unknown> {
  if (own(raw, "dynamic") === undefined) {
    // Copy on write: a body whose values are written as they were is the same body.
    const keys = Object.keys(raw);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = raw[k];
      const w = k === "//" ? v : writeValue(v, c, depth);
      if (!out && w !== v) {
        out = Object.create(null) as Record<string, unknown>;
        for (let j = 0; j < i; j++) setOwn(out, keys[j], raw[keys[j]]);
      }
      if (out) setOwn(out, k, w);
    }
    return out ?? raw;
  }
  const out: Record<string, unknown> = Object.create(null);
  const add = (k: string, v: unknown) => {
    const existing = own(out, k);
    // Static blocks and generated ones of the same name: one list.
    setOwn(out, k, existing !== undefined ? [...list(existing), ...list(v)] : v);
  };
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (k === "//") {
      setOwn(out, k, v);
    } else if (k === "dynamic") {
      const kept: Record<string, unknown> = Object.create(null);
      for (const d of dynamicBlocks(raw)) {
        let scopes: ReturnType<typeof dynamicScopes>;
        try {
          scopes = dynamicScopes(d, c.scope);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          scopes = new UnknownValue(d.name, e.message);
        }
        if (scopes instanceof UnknownValue) {
          c.onUnknownDynamic(d.name, scopes.why);
          setOwn(kept, d.name, d.body);
          continue;
        }
        const iterator = own(d.body, "iterator");
        const bound = new Set(c.bound).add(typeof iterator === "string" ? iterator : d.name);
        add(
          d.name,
          scopes.map((s) => writeBody(s.content, { ...c, scope: s.scope, bound }, depth + 1)),
        );
      }
      if (Object.keys(kept).length > 0) setOwn(out, "dynamic", kept);
    } else {
      add(k, writeValue(v, c, depth));
    }
  }
  return out;
}

const SKIPPED = new Set(["count", "for_each", "lifecycle", "provisioner", "connection"]);

/** Writes an instance's body argument by argument, reporting (not failing on) what cannot be evaluated. */
function writeInstanceBody(inst: Instance, keep: boolean, x: Expander): Record<string, unknown> {
  const raw = inst.group.config.body;
  const modulePrefix = inst.group.module.prefix;
  const address = inst.address;
  const bound = new Set(BOUND_ROOTS);
  const c: WriteContext = {
    scope: inst.scope,
    keep,
    bound,
    onUnknownDynamic: (name, why) =>
      x.note(address, `the dynamic "${name}" blocks of ${address} are not known: ${why}`, "existence"),
  };
  if (modulePrefix === "" && own(raw, "dynamic") === undefined) {
    const fast = writeRootBody(raw, c, address, x);
    if (fast !== undefined) return fast;
  }
  const out: Record<string, unknown> = Object.create(null);
  if (modulePrefix !== "" && inst.group.config.type.startsWith("azurerm_")) {
    // In a module, the provider configuration is the root's one the module's name stands for.
    const own_ = own(raw, "provider");
    const name = typeof own_ === "string" ? bareReference(own_) : "azurerm";
    const root = inst.group.module.providerFor(name);
    if (root !== "azurerm") setOwn(out, "provider", `\${${root}}`);
  }
  for (const k of Object.keys(raw)) {
    if (SKIPPED.has(k) || (k === "provider" && modulePrefix !== "")) continue;
    const v = raw[k];
    if (k === "depends_on" && modulePrefix !== "") {
      const deps = list(v).map((d) => (typeof d === "string" ? `\${${modulePrefix}${bareReference(d)}}` : d));
      setOwn(out, k, deps);
      continue;
    }
    if (k === "depends_on" || k === "provider" || k === "//") {
      setOwn(out, k, v);
      continue;
    }
    try {
      const part = writeBody({ [k]: v }, c, 0);
      for (const key of Object.keys(part)) {
        const existing = own(out, key);
        const merged =
          existing !== undefined && key !== "dynamic" ? [...list(existing), ...list(part[key])] : part[key];
        setOwn(out, key, merged);
      }
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      x.note(`${address}.${k}`, `${address}.${k} is not understood: ${e.message}`, "expression");
      setOwn(out, k, typeof v === "string" ? v : `\${${address}.${k}}`);
    }
  }
  const inherited = inst.group.module.parent?.dependsOn ?? [];
  if (inherited.length > 0)
    setOwn(out, "depends_on", [...list(own(out, "depends_on")), ...inherited.map((d) => `\${${d}}`)]);
  return out;
}

/**
 * The root module's body without dynamic blocks, copied only where a value changes (most cdktf bodies
 * are written as they are): undefined when a value cannot be evaluated (the caller reports it).
 */
function writeRootBody(
  raw: any,
  c: WriteContext,
  address: string,
  x: Expander,
): Record<string, unknown> | undefined {
  const keys = Object.keys(raw);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = raw[k];
    let w: unknown = v;
    if (SKIPPED.has(k)) {
      w = SKIP;
    } else if (k !== "depends_on" && k !== "provider" && k !== "//") {
      try {
        w = writeValue(v, c, 0);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        x.note(`${address}.${k}`, `${address}.${k} is not understood: ${e.message}`, "expression");
        w = typeof v === "string" ? v : `\${${address}.${k}}`;
      }
    }
    if (!out && w !== v) {
      out = Object.create(null) as Record<string, unknown>;
      for (let j = 0; j < i; j++) if (!SKIPPED.has(keys[j])) setOwn(out, keys[j], raw[keys[j]]);
    }
    if (out && w !== SKIP) setOwn(out, k, w);
  }
  return out ?? raw;
}

const SKIP = Symbol("skip");

// --- the expansion --------------------------------------------------------------------------------

/** Variable values given as JSON, converted to evaluator values. */
function inputValues(values: ReadonlyMap<string, unknown> | undefined): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, v] of values ?? []) out.set(k, fromJson(v));
  return out;
}

/**
 * Expands a configuration whose root module is `root`. Called modules are read through
 * `options.loadModule`; each module instance becomes one document.
 */
export function expandConfiguration(root: ModuleSource, options: ExpandOptions): Expansion {
  return withWorkBudget(() => expandWithin(root, options));
}

/** A module's configuration, with the problems of how its files merged. */
function configOf(source: ModuleSource): ModuleConfig {
  const config = readModuleConfig(source.doc);
  if (source.problems) config.problems.push(...source.problems);
  return config;
}

function expandWithin(root: ModuleSource, options: ExpandOptions): Expansion {
  const plain =
    options.variables === undefined || options.variables.size === 0 ? plainDocument(root.doc) : undefined;
  if (plain && !root.problems) return plainExpansion(root, options, plain);
  const x = new Expander(options);
  const config = configOf(root);
  const given = inputValues(options.variables);
  for (const name of given.keys()) {
    if (!config.variables.has(name)) {
      x.note(
        `var.${name}`,
        `a value was given for variable ${name}, which the configuration does not declare`,
        "unused",
      );
    }
  }
  const azurerm = azurermVersion(options.lockedAzurerm, config.azurermConstraint);
  x.major = azurerm?.major;
  const rootModule = new ModuleInstance(x, root, config, "", given, 0, "");
  expandModule(x, rootModule, root.doc);
  return {
    docs: x.docs,
    notes: x.notes,
    modules: x.modules,
    blocks: x.blocks,
    instances: x.instances,
    ...(azurerm ? { azurerm } : {}),
    warnings: x.warnings,
  };
}

function expandModule(x: Expander, m: ModuleInstance, rawDoc: any): void {
  x.modules++;
  const keep = m.address === "";
  // What Terraform refuses (a name declared twice, a section it does not know): the configuration
  // as Terraform reads it cannot be known.
  for (const p of m.config.problems) x.note(m.prefix + p.where, p.what, "existence");
  // Module calls first, so the module's own blocks see their outputs.
  for (const call of m.config.modules.values()) expandCall(x, m, call.name, call.body);

  // Null-prototype objects: a resource type or name is never an inherited key (`constructor`, ...).
  const sections: Record<string, Record<string, Record<string, unknown>>> = Object.create(null);
  sections.resource = Object.create(null);
  sections.data = Object.create(null);
  for (const g of m.groups.values()) {
    x.blocks++;
    const address = m.prefix + g.config.address;
    const instances = g.instances();
    if (instances instanceof UnknownValue) {
      x.note(address, `${address} was not checked: ${instances.why}`, "existence");
      continue;
    }
    if (x.instances + instances.length > MAX_TOTAL_INSTANCES) {
      x.note(
        address,
        `${address} was not checked: with its ${instances.length} instance(s) the configuration would have more than ${MAX_TOTAL_INSTANCES} resource instances`,
        "existence",
      );
      continue;
    }
    const section = (sections[g.config.mode] ??= Object.create(null) as Record<
      string,
      Record<string, unknown>
    >);
    const byName = (section[g.config.type] ??= Object.create(null) as Record<string, unknown>);
    for (const inst of instances) {
      x.instances++;
      const body = writeInstanceBody(inst, keep, x);
      setOwn(byName, inst.name, body);
      if (x.major !== undefined && VERSIONED_TYPES.has(g.config.type)) {
        const metaPath = own(own(own(body, "//"), "metadata"), "path");
        for (const u of unknownArguments(g.config.type, body, x.major)) {
          x.warnings.push({
            ...u,
            address: inst.address,
            ...(typeof metaPath === "string" ? { metaPath } : {}),
          });
        }
      }
    }
  }
  const doc: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(sections)) if (Object.keys(v).length > 0) setOwn(doc, k, v);
  if (keep) {
    // The root module's document keeps what the model reads besides blocks: metadata, providers,
    // outputs (cross-stack references), locals and variables (with the values they take).
    for (const k of ["//", "provider", "terraform"])
      if (own(rawDoc, k) !== undefined) setOwn(doc, k, own(rawDoc, k));
    const locals: Record<string, unknown> = Object.create(null);
    for (const [name, raw] of m.config.locals) {
      setOwn(locals, name, safeWrite(x, `local.${name}`, raw, m.scope, keep));
    }
    if (m.config.locals.size > 0) setOwn(doc, "locals", locals);
    const outputs: Record<string, unknown> = Object.create(null);
    for (const [name, bodies] of labelled(own(rawDoc, "output"))) {
      const body = list(bodies)[0] ?? {};
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(body)) setOwn(out, k, body[k]);
      setOwn(out, "value", safeWrite(x, `output.${name}`, own(body, "value"), m.scope, keep));
      setOwn(outputs, name, out);
    }
    if (Object.keys(outputs).length > 0) setOwn(doc, "output", outputs);
    const variables: Record<string, unknown> = Object.create(null);
    for (const [name, decl] of m.config.variables) {
      const body: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(decl.body ?? {})) setOwn(body, k, decl.body[k]);
      const value = m.scope.root("var") as Namespace;
      const v = value.get(name);
      if (!(v instanceof UnknownValue)) setOwn(body, "default", toJson(v));
      setOwn(variables, name, body);
    }
    if (m.config.variables.size > 0) setOwn(doc, "variable", variables);
  }
  x.docs.push({
    stack: x.options.stack,
    doc,
    module: m.address,
    ...(x.options.pathPrefix !== undefined ? { pathPrefix: x.options.pathPrefix } : {}),
  });
  for (const child of m.children) expandModule(x, child, child.source.doc);
}

function safeWrite(x: Expander, where: string, raw: unknown, scope: Scope, keep: boolean): unknown {
  try {
    const c: WriteContext = {
      scope,
      keep,
      bound: BOUND_ROOTS,
      onUnknownDynamic: (name, why) =>
        x.note(where, `the dynamic "${name}" blocks of ${where} are not known: ${why}`, "existence"),
    };
    return writeValue(raw, c, 0);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    // Unknown, as a value known only after apply is: never null, which reads as "not set" (an empty
    // address space). A template stays as written (the resolver reads it as an unknown expression).
    const text = expressionText(raw, 0);
    x.note(where, notEvaluated(where, text, e.message), "expression");
    return typeof raw === "string" ? raw : toJson(new UnknownValue(text, e.message));
  }
}

/** The note of a local or an output that cannot be evaluated: where, the expression, why. */
function notEvaluated(where: string, text: string, why: string): string {
  return `${where} = ${show(text)} cannot be evaluated: ${why}; its value is unknown`;
}

/**
 * A configuration value (JSON whose strings are templates) as the HCL expression it stands for:
 * `["${f(1)}"]` is `[f(1)]`. For messages, and for the unknown written in its place.
 */
function expressionText(raw: unknown, depth: number): string {
  if (typeof raw === "string") {
    if (isTemplate(raw)) {
      try {
        const x = parse(raw);
        if (x.k === "tpl" && x.parts.length === 1 && x.parts[0].k === "interp")
          return sourceOf(raw, x.parts[0].x);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
    }
    return JSON.stringify(raw);
  }
  if (raw === null || typeof raw !== "object") return String(raw);
  if (depth > 8) return Array.isArray(raw) ? "[...]" : "{...}";
  if (Array.isArray(raw)) return `[${raw.map((v) => expressionText(v, depth + 1)).join(", ")}]`;
  const items = Object.keys(raw)
    .filter((k) => k !== "//")
    .map((k) => {
      const key = /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
      return `${key} = ${expressionText((raw as Record<string, unknown>)[k], depth + 1)}`;
    });
  return items.length === 0 ? "{}" : `{ ${items.join(", ")} }`;
}

/** A module call's `providers` argument: the child's provider name -> the parent's. */
function providerMap(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const strip = (v: unknown) => (typeof v === "string" ? bareReference(v) : undefined);
  for (const part of list(raw)) {
    if (!part || typeof part !== "object") continue;
    for (const k of Object.keys(part)) {
      const v = strip((part as Record<string, unknown>)[k]);
      if (v !== undefined) out.set(strip(k) ?? k, v);
    }
  }
  return out;
}

/** A module source Terraform reads from a folder relative to the caller (`./` or `../`). */
export function isLocalSource(source: string): boolean {
  return source.startsWith("./") || source.startsWith("../");
}

function expandCall(x: Expander, parent: ModuleInstance, name: string, body: any): void {
  const address = `${parent.prefix}module.${name}`;
  const source = own(body, "source");
  const version = own(body, "version");
  if (typeof source !== "string") {
    x.note(address, `${address} has no literal source, so it was not read`, "existence");
    return;
  }
  if (parent.depth >= MAX_MODULE_DEPTH) {
    x.note(
      address,
      `${address} is nested deeper than ${MAX_MODULE_DEPTH} modules and was not read`,
      "existence",
    );
    return;
  }
  const key = parent.key === "" ? name : `${parent.key}.${name}`;
  const loaded = x.options.loadModule
    ? x.options.loadModule(parent.source, { name, source, key })
    : { unreadable: "the configuration was given as one document, without its folder" };
  if ("unreadable" in loaded) {
    const kind = isLocalSource(source)
      ? `local module ${source}`
      : `module ${source}${typeof version === "string" ? ` (version ${version})` : ""} from a registry or remote source`;
    x.note(
      address,
      `${address} (${kind}) was not read: ${loaded.unreadable}; its resources were not checked${isLocalSource(source) ? "" : " (check the plan instead: terraform show -json)"}`,
      "existence",
    );
    return;
  }
  const config = configOf(loaded);
  // Instances of the call: count / for_each evaluated in the parent.
  const count = own(body, "count");
  const forEach = own(body, "for_each");
  let keys: [string | number | undefined, Map<string, Value>][];
  try {
    if (count !== undefined && count !== null) {
      const v = deepDeref(valueOf(count, parent.scope, 0), (y) => parent.scope.deref(y));
      if (!isKnownValue(v)) {
        x.note(
          address,
          `${address} was not checked: its count (${show(count)}) is not known: ${whyOf(v)}`,
          "existence",
        );
        return;
      }
      const n = asInt(v, "count");
      keys = Array.from({ length: Math.max(0, n) }, (_, i) => [i, new Map([["count", countObject(i)]])]);
    } else if (forEach !== undefined && forEach !== null) {
      const pairs = forEachPairs(forEach, parent.scope);
      if (pairs instanceof UnknownValue) {
        x.note(
          address,
          `${address} was not checked: its for_each (${show(forEach)}) is not known: ${pairs.why}`,
          "existence",
        );
        return;
      }
      keys = pairs.map(([k, v]) => [k, new Map([["each", eachObject(k, v)]])]);
    } else {
      keys = [[undefined, new Map()]];
    }
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    x.note(address, `${address} was not checked: ${e.message}`, "existence");
    return;
  }
  if (x.moduleInstances + keys.length > MAX_MODULE_INSTANCES) {
    x.note(
      address,
      `${address} was not read: with its ${keys.length} instance(s) the configuration would have more than ${MAX_MODULE_INSTANCES} module instances`,
      "existence",
    );
    return;
  }
  x.moduleInstances += keys.length;
  const skip = new Set(["source", "version", "count", "for_each", "providers", "depends_on", "//"]);
  const instances: [string | number | undefined, ModuleInstance][] = [];
  // `depends_on` of a module call: every resource of the module waits for what it names (and for what
  // the calls above it name).
  const dependsOn = [
    ...(parent.parent?.dependsOn ?? []),
    ...list(own(body, "depends_on"))
      .filter((d): d is string => typeof d === "string")
      .map((d) => `${parent.prefix}${bareReference(d)}`),
  ];
  for (const [k, bindings] of keys) {
    const scope = bindings.size > 0 ? new BoundScope(parent.scope, bindings) : parent.scope;
    const inputs = new Map<string, Value>();
    for (const arg of Object.keys(body)) {
      if (skip.has(arg)) continue;
      if (!config.variables.has(arg)) {
        x.note(
          `${address}.${arg}`,
          `${address} sets ${arg}, which the module does not declare`,
          "expression",
        );
        continue;
      }
      try {
        inputs.set(arg, valueOf(body[arg], scope, 0));
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        x.note(`${address}.${arg}`, `${address}.${arg} is not understood: ${e.message}`, "expression");
        inputs.set(arg, new UnknownValue(`${address}.${arg}`, e.message));
      }
    }
    const child = new ModuleInstance(
      x,
      loaded,
      config,
      `${address}${instanceKey(k)}`,
      inputs,
      parent.depth + 1,
      key,
      { module: parent, providers: providerMap(own(body, "providers")), dependsOn },
    );
    instances.push([k, child]);
    parent.children.push(child);
  }
  const outputsOf = (child: ModuleInstance): Value => {
    const out = newObject();
    for (const [oname, raw] of config.outputs) {
      Object.defineProperty(out, oname, {
        enumerable: true,
        configurable: true,
        get: () => {
          try {
            return valueOf(raw, child.scope, 0);
          } catch (e) {
            if (!(e instanceof EvalError)) throw e;
            // Read where something uses it: what it feeds was not checked.
            x.note(
              `${child.prefix}output.${oname}`,
              notEvaluated(`output.${oname}`, expressionText(raw, 0), e.message),
              "expression",
            );
            return new UnknownValue(`${child.address}.${oname}`, e.message);
          }
        },
      });
    }
    return new Namespace(
      child.address,
      (n) => {
        const v = own(out, n);
        if (v === undefined && !config.outputs.has(n))
          throw new EvalError(`${child.address} has no output ${n}`);
        return v as Value;
      },
      () => out,
    );
  };
  let value: Value;
  if (count !== undefined && count !== null) value = instances.map(([, c]) => outputsOf(c));
  else if (forEach !== undefined && forEach !== null) {
    const o = newObject();
    for (const [k, c] of instances) setOwn(o, String(k), outputsOf(c));
    value = o;
  } else value = outputsOf(instances[0][1]);
  parent.setCall(name, value);
}

/** A scope without names: for values that may use functions but no references (tfvars, `--var`). */
const CONSTANT_SCOPE: Scope = {
  root: (name) => {
    throw new EvalError(`${name} cannot be used here: a variable value may not refer to anything`);
  },
  deref: (v) => v,
};

/** Evaluates a JSON value whose strings are templates without references (an HCL tfvars value). */
export function constantValue(raw: unknown): unknown {
  const v = withWorkBudget(() => valueOf(raw, CONSTANT_SCOPE, 0));
  if (!isKnownValue(v)) throw new EvalError(`${show(raw)} is not a constant value`);
  return v;
}

// --- the plain case -------------------------------------------------------------------------------

/** Heads of plain references the resolver follows itself (and `data` / resource types). */
const NOT_PLAIN_HEADS = ["module", "path", "terraform", "count", "each", "self"];

/** True when the reference `${head...}` starts with one of the heads (read without a match object). */
function headIn(v: string, heads: readonly string[]): boolean {
  for (let i = 0; i < heads.length; i++) {
    const h = heads[i];
    if (!v.startsWith(h, 2)) continue;
    const next = v.charCodeAt(2 + h.length);
    // The head ends where the name does: `.`, `[` or `}` (a longer name only begins with it).
    if (next === 46 || next === 91 || next === 125) return true;
  }
  return false;
}

/** A value is plain when every string in it is literal or a plain reference (no evaluation needed). */
function isPlainValue(v: unknown, depth: number): boolean {
  if (typeof v === "string") {
    if (!isTemplate(v)) return true;
    return PLAIN_REF.test(v) && !headIn(v, NOT_PLAIN_HEADS);
  }
  if (v === null || typeof v !== "object") return true;
  if (depth > 64) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isPlainValue(v[i], depth + 1)) return false;
    return true;
  }
  // for-in, not Object.keys: every object of the document is visited, and no key list is made.
  // An inherited key (a prototype that is not Object's) only makes the document take the full path.
  for (const k in v) {
    if (k === "//") continue;
    if (k === "dynamic" || !isPlainValue((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/**
 * The block count of a document that needs no evaluation at all (no module call, no count,
 * for_each or dynamic block, only literals and plain references, the common form of cdktf output),
 * or undefined. Such a document is its own expansion: the model's resolver reads it as it is.
 */
function plainDocument(doc: any): number | undefined {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  for (const k of Object.keys(doc)) {
    if (!CONFIG_SECTIONS.has(k) || k === "module") return undefined;
    // A section that is not an object (or a list of objects): the expansion reports it.
    if (k !== "//" && !list(doc[k]).every((p) => typeof p === "object" && !Array.isArray(p)))
      return undefined;
  }
  let blocks = 0;
  for (const mode of ["resource", "data"]) {
    const section = own(doc, mode);
    if (section === undefined) continue;
    if (!section || typeof section !== "object" || Array.isArray(section)) return undefined;
    for (const type of Object.keys(section)) {
      const byName = section[type];
      if (!byName || typeof byName !== "object" || Array.isArray(byName)) return undefined;
      const names = Object.keys(byName);
      for (let i = 0; i < names.length; i++) {
        const body = byName[names[i]];
        if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
        if (own(body, "count") !== undefined || own(body, "for_each") !== undefined) return undefined;
        if (!isPlainValue(body, 0)) return undefined;
        blocks++;
      }
    }
  }
  for (const section of ["locals", "output", "variable"]) {
    const v = own(doc, section);
    if (v !== undefined && !isPlainValue(v, 0)) return undefined;
  }
  return blocks;
}

/** The expansion of a plain document: itself, with the arguments the pinned azurerm does not know. */
function plainExpansion(root: ModuleSource, options: ExpandOptions, blocks: number): Expansion {
  const config = readTerraformSettings(root.doc);
  const azurerm = azurermVersion(options.lockedAzurerm, config);
  const warnings: ArgumentWarning[] = [];
  if (azurerm?.major !== undefined) {
    const resources = own(root.doc, "resource");
    for (const type of VERSIONED_TYPES) {
      const byName = own(resources, type);
      if (!byName || typeof byName !== "object") continue;
      const names = Object.keys(byName);
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        const body = byName[name];
        const found = unknownArguments(type, body, azurerm.major);
        if (found.length === 0) continue;
        const metaPath = own(own(own(body, "//"), "metadata"), "path");
        for (const u of found) {
          warnings.push({
            ...u,
            address: `${type}.${name}`,
            ...(typeof metaPath === "string" ? { metaPath } : {}),
          });
        }
      }
    }
  }
  return {
    docs: [
      {
        stack: options.stack,
        doc: root.doc,
        module: "",
        ...(options.pathPrefix !== undefined ? { pathPrefix: options.pathPrefix } : {}),
      },
    ],
    notes: [],
    modules: 1,
    blocks,
    instances: blocks,
    ...(azurerm ? { azurerm } : {}),
    warnings,
  };
}

/** The azurerm version constraint of `terraform.required_providers`, without reading the rest. */
function readTerraformSettings(doc: any): string | undefined {
  return readModuleConfig({ terraform: own(doc, "terraform") }).azurermConstraint;
}
