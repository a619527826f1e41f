/**
 * The values of Terraform expressions as the evaluator computes them: JSON-like values (objects are
 * null-prototype, so no key is special), {@link UnknownValue} for what cannot be known before apply,
 * {@link RefValue} for a reference to a resource instance (kept symbolic so the model can see which
 * resource an attribute points at), and {@link Namespace} for the roots of references (`var`,
 * `local`, `module.x`, ...). Internal to the input layer.
 */

/** A value that cannot be known before apply (or that the evaluator does not understand). */
export class UnknownValue {
  constructor(
    /** The expression, as Terraform text (no `${}`), with known parts substituted. */
    public readonly expr: string,
    /** Why it is unknown. */
    public readonly why: string,
    /** How to write it in Terraform JSON, when not `${expr}` (a template with unknown parts). */
    public readonly json?: string,
  ) {}
}

/** What a reference points at: one resource instance. */
export interface RefTarget {
  /** Absolute instance address, e.g. `module.spokes["a"].azurerm_virtual_network.this`. */
  readonly address: string;
  /** The configured value at a path of the instance, or undefined when the attribute is not configured. */
  configured(attribute: string): Value | undefined;
}

/** A reference to an attribute (or, with an empty path, the whole) of a resource instance. */
export class RefValue {
  constructor(
    public readonly target: RefTarget,
    public readonly path: readonly (string | number)[],
  ) {}

  /** The reference as Terraform text: the address and the path. */
  public text(): string {
    return this.target.address + this.path.map(step).join("");
  }
}

/** The root of a reference: `var`, `local`, `data`, a resource type, a module instance. */
export class Namespace {
  constructor(
    /** How the namespace is written, for messages (`var`, `module.x`). */
    public readonly name: string,
    public readonly get: (attribute: string) => Value,
    /** Its value used whole (a module instance: the object of its outputs). */
    public readonly whole?: () => Value,
  ) {}
}

/** A JSON value, an unknown, a reference or a namespace. */
export type Value =
  | null
  | string
  | number
  | boolean
  | Value[]
  | ObjectValue
  | UnknownValue
  | RefValue
  | Namespace;

/** An object or map (null prototype: every key is an ordinary key). */
export interface ObjectValue {
  [key: string]: Value;
}

/** An evaluation error: the expression is wrong, or uses what the evaluator does not support. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/** A new null-prototype object. */
export function newObject(): ObjectValue {
  return Object.create(null) as ObjectValue;
}

/** True for a (null-prototype or plain) object value. */
export function isObject(v: unknown): v is ObjectValue {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof UnknownValue) &&
    !(v instanceof RefValue) &&
    !(v instanceof Namespace)
  );
}

/** Any value as text for a message, whatever it is (an object without prototype included), cut at 200. */
export function safeText(v: unknown): string {
  let s: string;
  if (v === null || typeof v !== "object") s = String(v);
  else {
    try {
      s = JSON.stringify(v) ?? "an object";
    } catch {
      s = Array.isArray(v) ? "a list" : "an object";
    }
  }
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/**
 * A reference written as a whole expression (`${azurerm_x.y}`, as JSON syntax and cdktf write
 * `depends_on`, `provider` and type constraints) or bare (`azurerm_x.y`), as the bare text.
 */
export function bareReference(text: string): string {
  return text.replace(/^\$\{/, "").replace(/\}$/, "").trim();
}

/** The own property of an object, never an inherited one (`constructor`, `__proto__`, ...). */
export function own(obj: unknown, key: string): any {
  if (obj === null || typeof obj !== "object") return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as any)[key] : undefined;
}

/** Sets a key on an object as an own data property, whatever the key (`__proto__` included). */
export function setOwn(obj: object, key: string, value: unknown): void {
  // Only `__proto__` is not an ordinary assignment (on an object with a prototype).
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (obj as Record<string, unknown>)[key] = value;
  }
}

/** Converts parsed JSON into evaluator values (null-prototype objects), refusing nesting deeper than `limit`. */
export function fromJson(v: unknown, limit = 200): Value {
  if (limit < 0) throw new EvalError(`a value nested deeper than 200 levels`);
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => fromJson(x, limit - 1));
  if (typeof v === "object") {
    const out = newObject();
    for (const [k, x] of Object.entries(v as object)) setOwn(out, k, fromJson(x, limit - 1));
    return out;
  }
  return null;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One step of a traversal as Terraform writes it in addresses: `.name`, `[0]` or `["key"]`. */
export function step(s: string | number): string {
  if (typeof s === "number") return `[${s}]`;
  return IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
}

/** An instance key as Terraform writes it in addresses: `[0]` or `["key"]`. */
export function instanceKey(key: string | number | undefined): string {
  if (key === undefined) return "";
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Terraform's string form of a number (no exponent for integers, no trailing zeros). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A value as Terraform expression text (for the text of an unknown built from it). */
export function valueText(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof UnknownValue) return v.expr;
  if (v instanceof RefValue) return v.text();
  if (v instanceof Namespace) return v.name;
  if (Array.isArray(v)) return `[${v.map(valueText).join(", ")}]`;
  return `{ ${Object.keys(v)
    .map((k) => `${IDENT.test(k) ? k : JSON.stringify(k)} = ${valueText(v[k])}`)
    .join(", ")} }`;
}

/** A type name for messages. */
export function typeName(v: Value): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (v instanceof UnknownValue) return "unknown value";
  if (v instanceof RefValue) return "reference";
  if (v instanceof Namespace) return `'${v.name}'`;
  if (typeof v === "object") return "object";
  return typeof v;
}

/** True when a value (deeply) holds nothing unknown, no reference and no namespace. */
export function isKnown(v: Value): boolean {
  if (v instanceof UnknownValue || v instanceof RefValue || v instanceof Namespace) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (isObject(v)) return Object.keys(v).every((k) => isKnown(v[k]));
  return true;
}

/** Escapes a literal string for Terraform JSON, where strings are templates. */
export function escapeTemplate(s: string): string {
  return s.includes("${") || s.includes("%{") ? s.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{") : s;
}

/**
 * A value written back as Terraform JSON: literals as JSON (strings escaped as templates),
 * references as `${address.path}`, unknowns as their expression. The expanded documents the model
 * builder reads hold only such JSON.
 */
export function toJson(v: Value): unknown {
  if (v === null || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return escapeTemplate(v);
  if (v instanceof RefValue) return `\${${v.text()}}`;
  if (v instanceof UnknownValue) return v.json ?? `\${${v.expr}}`;
  if (v instanceof Namespace) return `\${${v.name}}`;
  if (Array.isArray(v)) return v.map(toJson);
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(v)) setOwn(out, k, toJson(v[k]));
  return out;
}
