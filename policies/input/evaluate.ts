/**
 * Evaluates parsed Terraform expressions (./expression.ts) in a scope. What the configuration
 * determines is computed (literals, variables with a value, locals, `count.index`, `each.key` and
 * `each.value`, conditionals, `for` expressions, the functions of ./functions.ts); references to
 * resource instances stay references ({@link RefValue}) until a value is needed, and then give the
 * configured argument or, for an attribute computed by the provider, an unknown value. Nothing is
 * guessed: what cannot be known is an {@link UnknownValue} carrying its expression.
 * @see https://developer.hashicorp.com/terraform/language/expressions
 */
import { Expr, TplPart } from "./expression";
import { asBool, asInt, asNumber, asString, callFunction, deepDeref, equal } from "./functions";
import {
  EvalError,
  Namespace,
  RefValue,
  UnknownValue,
  Value,
  escapeTemplate,
  isObject,
  newObject,
  numberText,
  own,
  setOwn,
  step,
  typeName,
  valueText,
} from "./values";

/**
 * Evaluation work (iterations of `for` expressions and directives, elements built by functions)
 * allowed for one configuration: nested `for`s or locals doubling a list are exponential, and a
 * hostile configuration must stop with its values reported as not understood, not hang.
 */
export const MAX_WORK = 5_000_000;
const work = { left: Number.POSITIVE_INFINITY };

/** Runs `f` with {@link MAX_WORK} units of evaluation work (unbounded outside). */
export function withWorkBudget<T>(f: () => T): T {
  if (work.left !== Number.POSITIVE_INFINITY) return f(); // inside a budget already
  const before = work.left;
  work.left = MAX_WORK;
  try {
    return f();
  } finally {
    work.left = before;
  }
}

/** Strings longer than this are refused (templates doubling a string would exhaust memory). */
const MAX_STRING = 1_000_000;

function longString(text: string): void {
  if (text.length > MAX_STRING) {
    throw new EvalError(`not evaluated: a string longer than ${MAX_STRING} characters`);
  }
}

function spend(n: number): void {
  work.left -= n;
  if (work.left < 0) {
    throw new EvalError(`not evaluated: the configuration needs more than ${MAX_WORK} evaluation steps`);
  }
}

/** Where names are looked up. */
export interface Scope {
  /** The value of a root name (`var`, `local`, `each`, a resource type, a `for` variable); throws when undeclared. */
  root(name: string): Value;
  /** Resolves a reference to the configured value it stands for (shallow), or an unknown. */
  deref(v: Value): Value;
}

/** A scope with some names bound on top of another (for expressions, splats, dynamic blocks). */
export class BoundScope implements Scope {
  constructor(
    private readonly parent: Scope,
    private readonly bindings: ReadonlyMap<string, Value>,
  ) {}
  public root(name: string): Value {
    const v = this.bindings.get(name);
    return v !== undefined ? v : this.parent.root(name);
  }
  public deref(v: Value): Value {
    return this.parent.deref(v);
  }
}

const ANON = "*";

/** Evaluates an expression. Throws {@link EvalError} for expressions Terraform would refuse or the evaluator does not support. */
export function evaluate(x: Expr, scope: Scope): Value {
  switch (x.k) {
    case "lit":
      return x.v;
    case "tpl":
      return template(x.parts, scope);
    case "var":
      return scope.root(x.name);
    case "anon":
      return scope.root(ANON);
    case "paren":
      return evaluate(x.x, scope);
    case "attr":
      return getAttr(evaluate(x.obj, scope), x.name, scope);
    case "index":
      return getIndex(evaluate(x.obj, scope), known(evaluate(x.key, scope), scope, "an index"), scope);
    case "splat":
      return splat(x, scope);
    case "tuple":
      return x.items.map((i) => evaluate(i, scope));
    case "object": {
      const out = newObject();
      for (const item of x.items) {
        const k = known(evaluate(item.key, scope), scope, "an object key");
        if (k instanceof UnknownValue) return new UnknownValue(`{ ... }`, k.why);
        setOwn(out, asString(k, "object key"), evaluate(item.value, scope));
      }
      return out;
    }
    case "call":
      return call(x, scope);
    case "cond": {
      const c = known(evaluate(x.c, scope), scope, "a condition");
      if (c instanceof UnknownValue) {
        const t = evaluate(x.t, scope);
        const f = evaluate(x.f, scope);
        return new UnknownValue(`${c.expr} ? ${valueText(t)} : ${valueText(f)}`, c.why);
      }
      return asBool(c) ? evaluate(x.t, scope) : evaluate(x.f, scope);
    }
    case "unary": {
      const v = known(evaluate(x.x, scope), scope, "an operand");
      if (v instanceof UnknownValue) return new UnknownValue(`${x.op}${wrap(v.expr)}`, v.why);
      return x.op === "-" ? -asNumber(v, "operand of -") : !asBool(v, "operand of !");
    }
    case "bin":
      return binary(x.op, evaluate(x.l, scope), evaluate(x.r, scope), scope);
    case "for":
      return forExpr(x, scope);
  }
}

function wrap(text: string): string {
  return /^[\w.[\]"-]+$/.test(text) ? text : `(${text})`;
}

/** A value with references resolved deeply; an unknown when any part is unknown. */
function known(v: Value, scope: Scope, what: string): Value {
  const d = deepDeref(v, (x) => scope.deref(x));
  if (d instanceof Namespace) throw new EvalError(`${d.name} cannot be used as ${what}`);
  if (d instanceof UnknownValue) return d;
  if (!isKnownDeep(d)) {
    const first = firstUnknown(d);
    return new UnknownValue(valueText(d), first?.why ?? "known only after apply");
  }
  return d;
}

function isKnownDeep(v: Value): boolean {
  if (v instanceof UnknownValue || v instanceof RefValue || v instanceof Namespace) return false;
  if (Array.isArray(v)) return v.every(isKnownDeep);
  if (isObject(v)) return Object.keys(v).every((k) => isKnownDeep(v[k]));
  return true;
}

function firstUnknown(v: Value): UnknownValue | undefined {
  if (v instanceof UnknownValue) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      const u = firstUnknown(v[k]);
      if (u) return u;
    }
  }
  return undefined;
}

/** `v.name`: a namespace member, a reference one step longer, an object attribute. */
export function getAttr(v: Value, name: string, scope: Scope): Value {
  if (v instanceof Namespace) return v.get(name);
  if (v instanceof RefValue) return new RefValue(v.target, [...v.path, name]);
  if (v instanceof UnknownValue) return new UnknownValue(`${v.expr}.${name}`, v.why);
  if (isObject(v)) {
    const got = own(v, name);
    if (got === undefined) throw new EvalError(`this object has no attribute ${JSON.stringify(name)}`);
    return got;
  }
  const d = scope.deref(v);
  if (d !== v) return getAttr(d, name, scope);
  throw new EvalError(`cannot read attribute ${JSON.stringify(name)} of ${typeName(v)}`);
}

/** `v[key]` with a known key. */
export function getIndex(v: Value, key: Value, scope: Scope): Value {
  if (key instanceof UnknownValue) {
    if (v instanceof UnknownValue) return new UnknownValue(`${v.expr}[${key.expr}]`, v.why);
    return new UnknownValue(`${valueText(v)}[${key.expr}]`, key.why);
  }
  if (v instanceof Namespace) return v.get(asString(key, "index"));
  if (v instanceof RefValue) {
    const k = typeof key === "number" ? key : asString(key, "index");
    return new RefValue(v.target, [...v.path, k]);
  }
  if (v instanceof UnknownValue) return new UnknownValue(`${v.expr}${step(keyOf(key))}`, v.why);
  if (Array.isArray(v)) {
    const i = asInt(key, "list index");
    if (i < 0 || i >= v.length)
      throw new EvalError(`index ${i} is out of range (the list has ${v.length} elements)`);
    return v[i];
  }
  if (isObject(v)) {
    const k = asString(key, "map key");
    const got = own(v, k);
    if (got === undefined) throw new EvalError(`the map has no key ${JSON.stringify(k)}`);
    return got;
  }
  const d = scope.deref(v);
  if (d !== v) return getIndex(d, key, scope);
  throw new EvalError(`cannot index ${typeName(v)}`);
}

function keyOf(key: Value): string | number {
  return typeof key === "number" ? key : asString(key, "index");
}

function splat(x: Extract<Expr, { k: "splat" }>, scope: Scope): Value {
  const source = evaluate(x.obj, scope);
  // A single resource instance is a one-element list.
  const list = source instanceof RefValue || source instanceof Namespace ? [source] : scope.deref(source);
  if (list instanceof UnknownValue) return new UnknownValue(`${list.expr}[*]`, list.why);
  if (list === null) return [];
  const items = Array.isArray(list) ? list : [list];
  return items.map((item) => evaluate(x.each, new BoundScope(scope, new Map([[ANON, item]]))));
}

function call(x: Extract<Expr, { k: "call" }>, scope: Scope): Value {
  const name = x.name;
  if (name === "try" || name === "can") {
    // Arguments in order; the first that evaluates without an error (an unknown stops the search).
    for (let i = 0; i < x.args.length; i++) {
      try {
        const v = evaluate(x.args[i], scope);
        const d = deepDeref(v, (y) => scope.deref(y));
        if (d instanceof UnknownValue) return name === "can" ? new UnknownValue(`can(...)`, d.why) : d;
        return name === "can" ? true : v;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        if (name === "can") return false;
      }
    }
    if (name === "can") return false;
    throw new EvalError("try: no argument could be evaluated");
  }
  const args: Value[] = [];
  x.args.forEach((a, i) => {
    const v = evaluate(a, scope);
    if (x.expand && i === x.args.length - 1) {
      const d = scope.deref(v);
      if (d instanceof UnknownValue) args.push(d);
      else if (Array.isArray(d)) args.push(...d);
      else throw new EvalError(`the expanded argument of ${name} must be a list`);
    } else {
      args.push(v);
    }
  });
  const result = callFunction(
    name,
    args,
    (v) => scope.deref(v),
    () => `${name}(${args.map(valueText).join(", ")})`,
  );
  if (typeof result === "string") longString(result);
  spend(Array.isArray(result) ? result.length + 1 : 1);
  return result;
}

function binary(op: string, l: Value, r: Value, scope: Scope): Value {
  const a = known(l, scope, "an operand");
  const b = known(r, scope, "an operand");
  if (a instanceof UnknownValue || b instanceof UnknownValue) {
    const why = (a instanceof UnknownValue ? a : (b as UnknownValue)).why;
    return new UnknownValue(`${wrap(valueText(a))} ${op} ${wrap(valueText(b))}`, why);
  }
  switch (op) {
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "&&":
      return asBool(a) && asBool(b);
    case "||":
      return asBool(a) || asBool(b);
    case "<":
      return asNumber(a) < asNumber(b);
    case "<=":
      return asNumber(a) <= asNumber(b);
    case ">":
      return asNumber(a) > asNumber(b);
    case ">=":
      return asNumber(a) >= asNumber(b);
    case "+":
      return asNumber(a) + asNumber(b);
    case "-":
      return asNumber(a) - asNumber(b);
    case "*":
      return asNumber(a) * asNumber(b);
    case "/": {
      const d = asNumber(b);
      if (d === 0) throw new EvalError("division by zero");
      return asNumber(a) / d;
    }
    case "%": {
      const d = asNumber(b);
      if (d === 0) throw new EvalError("division by zero");
      return asNumber(a) % d;
    }
    default:
      throw new EvalError(`unknown operator ${op}`);
  }
}

/** The elements a `for` (or a dynamic block) iterates: `[key, value]` pairs (list index, or map key in order). */
export function entries(coll: Value, what: string): [string | number, Value][] | UnknownValue {
  if (coll instanceof UnknownValue) return coll;
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll))
    return Object.keys(coll)
      .sort()
      .map((k) => [k, coll[k]]);
  throw new EvalError(`${what} must be a list, set or map, got ${typeName(coll)}`);
}

function forExpr(x: Extract<Expr, { k: "for" }>, scope: Scope): Value {
  const coll = scope.deref(evaluate(x.coll, scope));
  const list = entries(coll, "a for expression's collection");
  if (list instanceof UnknownValue) return new UnknownValue(`[for ... in ${list.expr} : ...]`, list.why);
  const items: Value[] = [];
  const obj = newObject();
  const groups = new Map<string, Value[]>();
  spend(list.length + 1);
  for (const [k, v] of list) {
    const bindings = new Map<string, Value>([[x.valVar, v]]);
    if (x.keyVar) bindings.set(x.keyVar, k);
    const inner = new BoundScope(scope, bindings);
    if (x.cond) {
      const c = known(evaluate(x.cond, inner), inner, "a for condition");
      if (c instanceof UnknownValue) return new UnknownValue(`[for ... : ... if ${c.expr}]`, c.why);
      if (!asBool(c)) continue;
    }
    if (!x.object) {
      items.push(evaluate(x.valExpr, inner));
      continue;
    }
    const key = known(evaluate(x.keyExpr!, inner), inner, "a for key");
    if (key instanceof UnknownValue) return new UnknownValue(`{for ... : ${key.expr} => ...}`, key.why);
    const ks = asString(key, "a for key");
    const value = evaluate(x.valExpr, inner);
    if (x.group) {
      const g = groups.get(ks) ?? [];
      g.push(value);
      groups.set(ks, g);
    } else {
      if (own(obj, ks) !== undefined)
        throw new EvalError(`duplicate key ${JSON.stringify(ks)} in a for expression`);
      setOwn(obj, ks, value);
    }
  }
  if (!x.object) return items;
  for (const [k, g] of groups) setOwn(obj, k, g);
  return obj;
}

/** A template: a lone interpolation keeps its value; otherwise the parts joined as a string. */
function template(parts: readonly TplPart[], scope: Scope): Value {
  if (parts.length === 1 && parts[0].k === "interp") return evaluate(parts[0].x, scope);
  const out: (string | UnknownValue)[] = [];
  renderParts(parts, scope, out);
  if (out.every((p) => typeof p === "string")) {
    const text = out.join("");
    longString(text);
    return text;
  }
  const unknown = out.find((p) => p instanceof UnknownValue) as UnknownValue;
  const json = out.map((p) => (typeof p === "string" ? escapeTemplate(p) : `\${${p.expr}}`)).join("");
  return new UnknownValue(JSON.stringify(json), unknown.why, json);
}

function renderParts(parts: readonly TplPart[], scope: Scope, out: (string | UnknownValue)[]): void {
  for (const p of parts) {
    if (p.k === "text") {
      out.push(p.text);
    } else if (p.k === "interp") {
      const v = known(evaluate(p.x, scope), scope, "an interpolation");
      out.push(v instanceof UnknownValue ? v : interpolated(v));
    } else if (p.k === "if") {
      const c = known(evaluate(p.c, scope), scope, "a template condition");
      if (c instanceof UnknownValue) {
        out.push(new UnknownValue(`%{if ...}`, c.why));
        continue;
      }
      renderParts(asBool(c) ? p.then : p.else, scope, out);
    } else {
      const coll = known(evaluate(p.coll, scope), scope, "a template for");
      const list = entries(coll, "a template for's collection");
      if (list instanceof UnknownValue) {
        out.push(new UnknownValue(`%{for ...}`, list.why));
        continue;
      }
      spend(list.length + 1);
      for (const [k, v] of list) {
        const bindings = new Map<string, Value>([[p.valVar, v]]);
        if (p.keyVar) bindings.set(p.keyVar, k);
        renderParts(p.body, new BoundScope(scope, bindings), out);
      }
    }
  }
}

function interpolated(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return String(v);
  if (v === null) throw new EvalError("a template cannot interpolate null");
  throw new EvalError(`a template cannot interpolate a ${typeName(v)}`);
}
