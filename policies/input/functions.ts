/**
 * Terraform's built-in functions that network configurations use, evaluated on known values.
 * A function the evaluator does not know is reported (not understood), never guessed; a function
 * whose arguments are not known yields an unknown value.
 *
 * Each function follows Terraform's documentation (https://developer.hashicorp.com/terraform/language/functions/<name>);
 * the CIDR functions follow Terraform's implementation on go-cidr (IPv4 and IPv6 alike).
 * @see https://developer.hashicorp.com/terraform/language/functions
 * @see https://github.com/hashicorp/terraform/blob/main/internal/lang/funcs/cidr.go
 */
import { formatAddress, makePrefix, tryParsePrefix } from "../../core/cidr";
import {
  EvalError,
  ObjectValue,
  RefValue,
  UnknownValue,
  Value,
  isKnown,
  isObject,
  newObject,
  numberText,
  own,
  setOwn,
  typeName,
} from "./values";

/** Resolves references to the configured values they stand for (shallow). */
export type Deref = (v: Value) => Value;

/** A function: its arguments evaluated; `partial` functions accept unknown elements in collections. */
interface Fn {
  readonly run: (args: Value[], deref: Deref) => Value;
  /** Accepts arguments that are collections holding unknowns or references. */
  readonly partial?: boolean;
}

// --- conversions ----------------------------------------------------------------------------------

/** A string, converting numbers and booleans as Terraform does. */
export function asString(v: Value, what = "argument"): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return String(v);
  throw new EvalError(`${what}: a string is required, got ${typeName(v)}`);
}

/** A number, converting numeric strings as Terraform does. */
export function asNumber(v: Value, what = "argument"): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new EvalError(`${what}: a number is required, got ${typeName(v)}`);
}

/** A whole number. */
export function asInt(v: Value, what = "argument"): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) throw new EvalError(`${what}: a whole number is required, got ${n}`);
  return n;
}

/** A boolean, converting "true"/"false" as Terraform does. */
export function asBool(v: Value, what = "condition"): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new EvalError(`${what}: a bool is required, got ${typeName(v)}`);
}

/** A list (tuples, lists and sets are arrays). */
export function asList(v: Value, what = "argument"): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${what}: a list is required, got ${typeName(v)}`);
}

/** An object or map. */
export function asMap(v: Value, what = "argument"): ObjectValue {
  if (isObject(v)) return v;
  throw new EvalError(`${what}: a map is required, got ${typeName(v)}`);
}

/** Deep equality of known values, as Terraform's `==` (types must match). */
export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal(a[k], b[k]));
  }
  return false;
}

/** Terraform's set of primitives: duplicates removed, strings in lexical order, numbers in numeric order. */
export function toSet(list: Value[]): Value[] {
  const out: Value[] = [];
  for (const x of list) if (!out.some((y) => equal(x, y))) out.push(x);
  if (out.every((x) => typeof x === "number")) return (out as number[]).sort((a, b) => a - b);
  if (out.every((x) => typeof x === "string" || typeof x === "number" || typeof x === "boolean"))
    return out.map((x) => asString(x)).sort();
  return out;
}

// --- CIDR -----------------------------------------------------------------------------------------

function prefixArg(v: Value): { family: 4 | 6; start: bigint; length: number } {
  const text = asString(v, "prefix");
  // Terraform parses the prefix with Go's net.ParseCIDR, which masks host bits.
  const slash = text.indexOf("/");
  const r = tryParsePrefix(text);
  if (r.ok) return r.prefix;
  if (r.problem.kind === "host-bits") {
    const p = tryParsePrefix(r.problem.canonical);
    if (p.ok) return p.prefix;
  }
  throw new EvalError(`invalid CIDR prefix ${JSON.stringify(text)}${slash < 0 ? " (no prefix length)" : ""}`);
}

const bits = (family: 4 | 6) => (family === 4 ? 32 : 128);

function cidrsubnet(prefix: Value, newbits: Value, netnum: Value): string {
  const p = prefixArg(prefix);
  const nb = asInt(newbits, "newbits");
  const nn = asInt(netnum, "netnum");
  const length = p.length + nb;
  if (nb < 0 || length > bits(p.family))
    throw new EvalError(`cidrsubnet: ${p.length} + ${nb} bits is longer than the address`);
  if (nn < 0 || BigInt(nn) >= 1n << BigInt(nb))
    throw new EvalError(`cidrsubnet: netnum ${nn} does not fit in ${nb} bits`);
  const start = p.start | (BigInt(nn) << BigInt(bits(p.family) - length));
  return makePrefix(p.family, start, length).text;
}

function cidrhost(prefix: Value, hostnum: Value): string {
  const p = prefixArg(prefix);
  const n = BigInt(asInt(hostnum, "hostnum"));
  const size = 1n << BigInt(bits(p.family) - p.length);
  const offset = n < 0n ? size + n : n;
  if (offset < 0n || offset >= size) throw new EvalError(`cidrhost: host number ${n} is outside the prefix`);
  return formatAddress(p.family, p.start + offset);
}

function cidrnetmask(prefix: Value): string {
  const p = prefixArg(prefix);
  if (p.family !== 4) throw new EvalError("cidrnetmask: only IPv4 prefixes have a netmask");
  const mask = p.length === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - p.length)) - 1n);
  return formatAddress(4, mask);
}

/** Terraform's cidrsubnets: consecutive subnets, each aligned to its own size (go-cidr NextSubnet). */
function cidrsubnets(prefix: Value, newbits: Value[]): string[] {
  const p = prefixArg(prefix);
  const width = bits(p.family);
  const end = p.start | ((1n << BigInt(width - p.length)) - 1n);
  const out: string[] = [];
  let next = p.start;
  for (const nbv of newbits) {
    const nb = asInt(nbv, "newbits");
    const length = p.length + nb;
    if (nb < 1 || length > width) throw new EvalError(`cidrsubnets: invalid newbits ${nb}`);
    const size = 1n << BigInt(width - length);
    const aligned = (next + size - 1n) & ~(size - 1n);
    if (aligned + size - 1n > end) throw new EvalError("cidrsubnets: not enough remaining address space");
    out.push(makePrefix(p.family, aligned, length).text);
    next = aligned + size;
  }
  return out;
}

// --- format -----------------------------------------------------------------------------------------

/** Terraform's `format` verbs: %s %d %f %v %q %t %% with flags, width and precision. */
function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdfvqtbxXoeEgG%])/g, (_m, flags, width, prec, verb) => {
    if (verb === "%") return "%";
    if (i >= args.length) throw new EvalError("format: not enough arguments");
    const a = args[i++];
    let s: string;
    switch (verb) {
      case "s":
      case "v":
        s =
          typeof a === "string" || typeof a === "number" || typeof a === "boolean"
            ? asString(a)
            : JSON.stringify(a);
        break;
      case "q":
        s = JSON.stringify(asString(a));
        break;
      case "t":
        s = String(asBool(a, "format"));
        break;
      case "d":
        s = String(Math.trunc(asNumber(a, "format")));
        if (flags.includes("+") && !s.startsWith("-")) s = `+${s}`;
        break;
      case "f":
        s = asNumber(a, "format").toFixed(prec === undefined ? 6 : Number(prec));
        break;
      case "x":
      case "X":
        s = Math.trunc(asNumber(a, "format")).toString(16);
        if (verb === "X") s = s.toUpperCase();
        break;
      case "o":
        s = Math.trunc(asNumber(a, "format")).toString(8);
        break;
      case "b":
        s = Math.trunc(asNumber(a, "format")).toString(2);
        break;
      default:
        throw new EvalError(`format: the verb %${verb} is not supported here`);
    }
    if (width !== undefined && s.length < Number(width)) {
      const pad = flags.includes("0") && !flags.includes("-") ? "0" : " ";
      if (flags.includes("-")) s = s.padEnd(Number(width), " ");
      else if (pad === "0" && /^[+-]/.test(s)) s = s[0] + s.slice(1).padStart(Number(width) - 1, "0");
      else s = s.padStart(Number(width), pad);
    }
    return s;
  });
}

// --- the table ------------------------------------------------------------------------------------

const str = (f: (...a: string[]) => Value): Fn => ({ run: (args) => f(...args.map((a) => asString(a))) });

function arity(name: string, args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    throw new EvalError(
      `${name} takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`,
    );
}

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern.slice(1, -1), "g");
  } catch (e) {
    throw new EvalError(`invalid regular expression ${pattern}: ${(e as Error).message}`);
  }
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  cidrsubnet: {
    run: (a) => {
      arity("cidrsubnet", a, 3);
      return cidrsubnet(a[0], a[1], a[2]);
    },
  },
  cidrsubnets: {
    run: (a) => {
      if (a.length < 1) throw new EvalError("cidrsubnets takes a prefix and newbits");
      return cidrsubnets(a[0], a.slice(1));
    },
  },
  cidrhost: {
    run: (a) => {
      arity("cidrhost", a, 2);
      return cidrhost(a[0], a[1]);
    },
  },
  cidrnetmask: {
    run: (a) => {
      arity("cidrnetmask", a, 1);
      return cidrnetmask(a[0]);
    },
  },
  tolist: {
    partial: true,
    run: (a) => {
      arity("tolist", a, 1);
      return [...asList(a[0])];
    },
  },
  toset: {
    run: (a) => {
      arity("toset", a, 1);
      return toSet(asList(a[0]));
    },
  },
  tomap: {
    partial: true,
    run: (a) => {
      arity("tomap", a, 1);
      return asMap(a[0]);
    },
  },
  tostring: str((s) => s),
  tonumber: {
    run: (a) => {
      arity("tonumber", a, 1);
      return a[0] === null ? null : asNumber(a[0]);
    },
  },
  tobool: {
    run: (a) => {
      arity("tobool", a, 1);
      return a[0] === null ? null : asBool(a[0], "tobool");
    },
  },
  concat: { partial: true, run: (a) => a.flatMap((x) => asList(x, "concat")) },
  flatten: {
    partial: true,
    run: (a) => {
      arity("flatten", a, 1);
      const out: Value[] = [];
      const walk = (v: Value, depth: number) => {
        if (depth > 64) throw new EvalError("flatten: nested too deep");
        if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
        else out.push(v);
      };
      walk(asList(a[0]), 0);
      return out;
    },
  },
  merge: {
    partial: true,
    run: (a) => {
      const out = newObject();
      for (const m of a) {
        if (m === null) continue;
        const obj = asMap(m, "merge");
        for (const k of Object.keys(obj)) setOwn(out, k, obj[k]);
      }
      return out;
    },
  },
  lookup: {
    partial: true,
    run: (a) => {
      arity("lookup", a, 2, 3);
      const m = asMap(a[0], "lookup");
      const k = asString(a[1], "lookup key");
      const v = own(m, k);
      if (v !== undefined) return v;
      if (a.length === 3) return a[2];
      throw new EvalError(`lookup: the map has no key ${JSON.stringify(k)}`);
    },
  },
  element: {
    partial: true,
    run: (a) => {
      arity("element", a, 2);
      const l = asList(a[0], "element");
      if (l.length === 0) throw new EvalError("element: the list is empty");
      const i = asInt(a[1], "element index");
      return l[((i % l.length) + l.length) % l.length];
    },
  },
  length: {
    partial: true,
    run: (a) => {
      arity("length", a, 1);
      const v = a[0];
      if (typeof v === "string") return [...v].length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new EvalError(`length: a string, list or map is required, got ${typeName(v)}`);
    },
  },
  keys: {
    partial: true,
    run: (a) => {
      arity("keys", a, 1);
      return Object.keys(asMap(a[0], "keys")).sort();
    },
  },
  values: {
    partial: true,
    run: (a) => {
      arity("values", a, 1);
      const m = asMap(a[0], "values");
      return Object.keys(m)
        .sort()
        .map((k) => m[k]);
    },
  },
  zipmap: {
    partial: true,
    run: (a) => {
      arity("zipmap", a, 2);
      const ks = asList(a[0], "zipmap keys");
      const vs = asList(a[1], "zipmap values");
      if (ks.length !== vs.length) throw new EvalError("zipmap: the lists have different lengths");
      const out = newObject();
      ks.forEach((k, i) => setOwn(out, asString(k, "zipmap key"), vs[i]));
      return out;
    },
  },
  contains: {
    run: (a) => {
      arity("contains", a, 2);
      return asList(a[0], "contains").some((x) => equal(x, a[1]));
    },
  },
  distinct: {
    run: (a) => {
      arity("distinct", a, 1);
      const out: Value[] = [];
      for (const x of asList(a[0])) if (!out.some((y) => equal(x, y))) out.push(x);
      return out;
    },
  },
  compact: {
    run: (a) => {
      arity("compact", a, 1);
      return asList(a[0]).filter((x) => x !== null && x !== "");
    },
  },
  coalesce: {
    run: (a) => {
      for (const x of a) if (x !== null && x !== "") return x;
      throw new EvalError("coalesce: no non-null, non-empty argument");
    },
  },
  coalescelist: {
    partial: true,
    run: (a) => {
      for (const x of a) if (asList(x, "coalescelist").length > 0) return x;
      throw new EvalError("coalescelist: no non-empty list");
    },
  },
  one: {
    partial: true,
    run: (a) => {
      arity("one", a, 1);
      const l = asList(a[0], "one");
      if (l.length > 1) throw new EvalError("one: the list has more than one element");
      return l.length === 0 ? null : l[0];
    },
  },
  slice: {
    partial: true,
    run: (a) => {
      arity("slice", a, 3);
      const l = asList(a[0], "slice");
      const from = asInt(a[1]);
      const to = asInt(a[2]);
      if (from < 0 || to > l.length || from > to) throw new EvalError("slice: indexes out of range");
      return l.slice(from, to);
    },
  },
  reverse: {
    partial: true,
    run: (a) => {
      arity("reverse", a, 1);
      return [...asList(a[0])].reverse();
    },
  },
  range: {
    run: (a) => {
      arity("range", a, 1, 3);
      const n = a.map((x) => asNumber(x));
      const [start, limit, stepBy] =
        n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? (n[1] >= n[0] ? 1 : -1)];
      if (stepBy === 0) throw new EvalError("range: step must not be zero");
      const out: number[] = [];
      for (let x = start; stepBy > 0 ? x < limit : x > limit; x += stepBy) {
        out.push(x);
        if (out.length > 1024) throw new EvalError("range: more than 1024 elements");
      }
      return out;
    },
  },
  index: {
    run: (a) => {
      arity("index", a, 2);
      const i = asList(a[0], "index").findIndex((x) => equal(x, a[1]));
      if (i < 0) throw new EvalError("index: the value is not in the list");
      return i;
    },
  },
  sort: {
    run: (a) => {
      arity("sort", a, 1);
      return asList(a[0])
        .map((x) => asString(x))
        .sort();
    },
  },
  max: { run: (a) => Math.max(...a.map((x) => asNumber(x))) },
  min: { run: (a) => Math.min(...a.map((x) => asNumber(x))) },
  abs: { run: (a) => Math.abs(asNumber(a[0])) },
  ceil: { run: (a) => Math.ceil(asNumber(a[0])) },
  floor: { run: (a) => Math.floor(asNumber(a[0])) },
  pow: { run: (a) => Math.pow(asNumber(a[0]), asNumber(a[1])) },
  format: {
    run: (a) => {
      if (a.length < 1) throw new EvalError("format takes a format string");
      return format(asString(a[0], "format"), a.slice(1));
    },
  },
  formatlist: {
    run: (a) => {
      const spec = asString(a[0], "formatlist");
      const lists = a.slice(1);
      const n = Math.max(0, ...lists.filter(Array.isArray).map((l) => (l as Value[]).length));
      return Array.from({ length: n }, (_, i) =>
        format(
          spec,
          lists.map((l) => (Array.isArray(l) ? l[i] : l)),
        ),
      );
    },
  },
  join: {
    run: (a) => {
      arity("join", a, 2, 64);
      const sep = asString(a[0], "join separator");
      return a
        .slice(1)
        .flatMap((l) => asList(l, "join"))
        .map((x) => asString(x, "join element"))
        .join(sep);
    },
  },
  split: str((sep, s) => (s === "" ? [] : s.split(sep))),
  replace: str((s, search, repl) => {
    if (search.length >= 2 && search.startsWith("/") && search.endsWith("/"))
      return s.replace(regexOf(search), repl);
    return s.split(search).join(repl);
  }),
  lower: str((s) => s.toLowerCase()),
  upper: str((s) => s.toUpperCase()),
  title: str((s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  trimspace: str((s) => s.trim()),
  trim: str((s, chars) => {
    let from = 0;
    let to = s.length;
    while (from < to && chars.includes(s[from])) from++;
    while (to > from && chars.includes(s[to - 1])) to--;
    return s.slice(from, to);
  }),
  trimprefix: str((s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: str((s, p) => (p !== "" && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  startswith: str((s, p) => s.startsWith(p)),
  endswith: str((s, p) => s.endsWith(p)),
  strcontains: str((s, p) => s.includes(p)),
  substr: {
    run: (a) => {
      arity("substr", a, 3);
      const chars = [...asString(a[0])];
      let off = asInt(a[1]);
      const len = asInt(a[2]);
      if (off < 0) off = chars.length + off;
      return chars.slice(off, len < 0 ? undefined : off + len).join("");
    },
  },
  regex: str((pattern, s) => {
    const m = new RegExp(pattern).exec(s);
    if (!m) throw new EvalError("regex: no match");
    return m.length === 1 ? m[0] : m.slice(1).map((x) => x ?? null);
  }),
  jsonencode: {
    run: (a) => {
      arity("jsonencode", a, 1);
      return JSON.stringify(a[0]);
    },
  },
};

/**
 * Runs a function on evaluated arguments. Unknown arguments give an unknown result (unless the
 * function takes collections holding unknowns, like `concat`); an unknown function is an error.
 */
export function callFunction(name: string, args: Value[], deref: Deref, text: () => string): Value {
  const fn = own(FUNCTIONS, name.startsWith("core::") ? name.slice(6) : name) as Fn | undefined;
  if (!fn) throw new EvalError(`the function ${name} is not supported`);
  const shallow = args.map((a) => deref(a));
  const blocked = fn.partial
    ? shallow.some((a) => a instanceof UnknownValue || a instanceof RefValue)
    : shallow.some((a) => !isKnown(deepDeref(a, deref)));
  if (blocked) {
    const why = shallow.find((a) => a instanceof UnknownValue) as UnknownValue | undefined;
    return new UnknownValue(text(), why?.why ?? "an argument is known only after apply");
  }
  const ready = fn.partial ? shallow : shallow.map((a) => deepDeref(a, deref));
  return fn.run(ready, deref);
}

/** Resolves references deeply (into lists and objects). */
export function deepDeref(v: Value, deref: Deref, depth = 0): Value {
  if (depth > 64) throw new EvalError("a value nested deeper than 64 levels");
  const x = deref(v);
  if (Array.isArray(x)) return x.map((e) => deepDeref(e, deref, depth + 1));
  if (isObject(x)) {
    const out = newObject();
    for (const k of Object.keys(x)) setOwn(out, k, deepDeref(x[k], deref, depth + 1));
    return out;
  }
  return x;
}

/** True when the evaluator knows the function. */
export function isSupportedFunction(name: string): boolean {
  return own(FUNCTIONS, name) !== undefined;
}
