/**
 * The framework shim: the one file of the package that names the CDK framework (cdktf, or its
 * maintained fork CDK Terrain, `cdktn`). Everything else imports the framework's symbols from here,
 * so the package is built for either framework by changing this file's module name alone.
 */
import { DefaultTokenResolver, StringConcat, TerraformStack, Token } from "cdktf";
// The module object itself (not an import namespace copy): `renderStack` swaps its `resolve` for a call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokens = require("cdktf/lib/_tokens");
// The framework's resolve with a key path: `renderStack` hands it the values that need it, where they are.
import { resolve as resolveAt } from "cdktf/lib/tokens/private/resolve";

export {
  Annotations,
  App,
  Aspects,
  Fn,
  TerraformDataSource,
  TerraformElement,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  dependable,
} from "cdktf";
export type { IAspect } from "cdktf";

/** True when the value is a token that resolves only at synth or apply (a variable, a reference). */
export function isUnresolved(value: unknown): boolean {
  // Each marker the framework encodes a token in a string with holds a `{` (`${TfToken[`, `#{TfToken[`,
  // `&{TfToken[`): a string without one is a literal, told without the framework's scan (the constructs
  // ask it of every string prop of every construct).
  if (typeof value === "string" && value.indexOf("{") < 0) return false;
  return Token.isUnresolved(value);
}

/**
 * The stack's Terraform JSON, exactly as `stack.toTerraform()` returns it, with the framework's token
 * resolution spent only on the values that need it.
 *
 * `toTerraform()` resolves each element's fragment (every token becomes its value), merges the
 * fragments and the stack's overrides into one document, and then resolves that whole document again.
 * The framework's resolve makes a context (closures) for every value and scans every string with two
 * regular expressions, also for the literals and containers that make up most of a document. Here:
 * - each element's fragment is copied as the framework's resolve copies it, and each value that could
 *   hold a token (a string or key with a token marker or a number token written into it, a number in
 *   the range of number tokens, a resolvable object, a class instance, a function, an array holding a
 *   list token, deep nesting) is handed to the framework's resolve at its key path, with the same
 *   options: a plain object or array changes nothing of the context the framework passes down, so the
 *   answer (and any error) is the framework's own (`resolveFragment`);
 * - the last pass over the merged document, when the stack has no raw overrides (the document is
 *   then made of the copies above only), is answered by removing the `undefined` keys in place after a
 *   walk that proves the document is plain data (the pass returns a copy of it without them: at 5,000
 *   spokes it walks 20,000 resources again); otherwise (raw stack overrides, which the merge puts in
 *   by reference; literals that look like tokens) the document is resolved as a fragment is.
 * Tested against `toTerraform()` on both frameworks, and against the framework's resolve on generated
 * documents with tokens in every kind of place. (Not covered: values behind getters or proxies that
 * answer differently each time they are read; the walk reads them once, the framework two or three.)
 */
export function renderStack(stack: TerraformStack): unknown {
  // The stack's raw overrides are merged into the document by reference (arrays, and what they hold):
  // the package's own suppressions and intents lists among them. Such a document is copied as the
  // framework's pass copies it, never returned or edited in place.
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides;
  const ownsDocument = overrides !== undefined && Object.keys(overrides).length === 0;
  const original = tokens.resolve;
  tokens.resolve = function <T>(scope: unknown, obj: T, preparing?: boolean): T {
    if (scope !== stack || preparing) return original(scope as TerraformStack, obj, preparing);
    if (ownsDocument && isMergedDocument(obj, stack) && settlePlainDocument(obj)) return obj;
    return resolveFragment(stack, obj) as T;
  };
  try {
    return stack.toTerraform();
  } finally {
    tokens.resolve = original;
  }
}

/** The resolver the framework's `resolve(scope, obj)` uses (it holds nothing but the concatenator). */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * What the framework's `resolve(scope, value)` (not preparing) answers for `value`, with the
 * framework's resolve called only for the values that could hold a token. Exported for the tests.
 * @internal
 */
export function resolveFragment(scope: TerraformStack, value: unknown): unknown {
  return resolveValue(scope, value, []);
}

/**
 * `value` resolved at `path` (the keys and indexes from the top, as the framework tracks them):
 * strings, numbers and booleans the framework returns as they are, copies of plain arrays and objects
 * (without `undefined` keys and elements), and the framework's own answer for anything else.
 */
function resolveValue(scope: TerraformStack, value: unknown, path: string[]): unknown {
  switch (typeof value) {
    case "undefined":
      return undefined;
    case "boolean":
      return value;
    case "string":
      return plainString(value) ? value : frameworkResolve(scope, value, path);
    case "number":
      return plainNumber(value) ? value : frameworkResolve(scope, value, path);
    case "object": {
      if (value === null) return null;
      // The framework refuses nesting beyond 200 keys (a circular reference): it says so itself.
      if (path.length > MAX_DEPTH) return frameworkResolve(scope, value, path);
      const proto = Object.getPrototypeOf(value);
      if (Array.isArray(value) && proto === Array.prototype) {
        const a = value as unknown[];
        // A list token among the elements makes the framework resolve the array as that list.
        for (let i = 0; i < a.length; i++) {
          const x = a[i];
          if ((typeof x === "string" && !plainString(x)) || (typeof x === "number" && !plainNumber(x)))
            return frameworkResolve(scope, value, path);
        }
        const out: unknown[] = [];
        for (let i = 0; i < a.length; i++) {
          path.push(`${i}`);
          const x = resolveValue(scope, a[i], path);
          path.pop();
          if (x !== undefined) out.push(x);
        }
        return out;
      }
      if (proto !== Object.prototype || Array.isArray(value)) return frameworkResolve(scope, value, path);
      const o = value as Record<string, unknown>;
      // A key holding a token (a map token among them), a token object, a construct: the framework.
      // In the framework's order: keys first, then `resolve`.
      const keys = Object.keys(o);
      for (const k of keys) if (!plainString(k)) return frameworkResolve(scope, value, path);
      if (resolvesItselfOrRefused(o)) return frameworkResolve(scope, value, path);
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        path.push(k);
        const x = resolveValue(scope, o[k], path);
        path.pop();
        if (x !== undefined) out[k] = x;
      }
      return out;
    }
    default:
      // functions (refused), symbols, bigints: the framework decides
      return frameworkResolve(scope, value, path);
  }
}

/** The framework's resolve of `value` found at `path` of a document resolved for `scope`. */
function frameworkResolve(scope: TerraformStack, value: unknown, path: string[]): unknown {
  return resolveAt(value, { scope, preparing: false, resolver: RESOLVER, prefix: path.slice() });
}

/**
 * Whether the framework's resolve returns the string as it is: no token marker in it (`TfToken[` is in
 * every string, list and map token), not a map token's placeholder (refused), and no number token
 * written into it. The framework looks for those with `[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`: a string
 * where no `e` stands between one of `-|0123456789.+` and one of `-|0123456789.eE+` has no match.
 */
function plainString(s: string): boolean {
  if (s.indexOf("TfToken[") >= 0) return false;
  for (let i = s.indexOf("e", 1); i > 0 && i < s.length - 1; i = s.indexOf("e", i + 1)) {
    if (NUMBER_LEAD[s.charCodeAt(i - 1)] === 1 && NUMBER_EXPONENT[s.charCodeAt(i + 1)] === 1) return false;
  }
  return s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE;
}
/** 1 at the character codes of `chars` (all below 128; other codes read as undefined). */
const codes = (chars: string) => {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};
const NUMBER_LEAD = codes("-|0123456789.+");
const NUMBER_EXPONENT = codes("-|0123456789.eE+");

/**
 * Whether the framework's resolve takes a plain object for a token (it has a `resolve` method) or for a
 * construct (refused), as the framework tells them.
 */
function resolvesItselfOrRefused(o: Record<string, unknown>): boolean {
  return typeof o.resolve === "function" || (o._children !== undefined && o._metadata !== undefined);
}

/**
 * Whether the framework's resolve returns the number as it is: not the map token's placeholder, and
 * not in the range where numbers encode tokens (magnitudes from 2^960, about 9.7e288).
 */
function plainNumber(n: number): boolean {
  return n !== Token.NUMBER_MAP_TOKEN_VALUE && !(Math.abs(n) > 1e280);
}

/**
 * The document `toTerraform()` resolves last: the only one with the stack's `"//"` block at its top
 * (its metadata naming the stack, and the outputs).
 */
function isMergedDocument(obj: unknown, stack: TerraformStack): obj is Record<string, unknown> {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return false;
  const block = (obj as Record<string, unknown>)["//"] as
    | { metadata?: unknown; outputs?: unknown }
    | undefined;
  if (block === null || typeof block !== "object" || !("outputs" in block)) return false;
  const metadata = block.metadata as { stackName?: unknown } | null | undefined;
  return metadata !== null && typeof metadata === "object" && metadata.stackName === stack.node.id;
}

/**
 * Whether `doc` is plain data that the framework's resolve would return as it is but for its
 * `undefined` keys and array elements, which are removed from `doc` on the way (from each container
 * proven plain, also when the answer is no: the framework's resolve removes them as well). Only for a
 * document nobody else holds a part of (it is edited in place). Exported for the tests.
 * @internal
 */
export function settlePlainDocument(doc: unknown): boolean {
  return plainData(doc, 0);
}

/** Nesting the framework refuses (a circular reference): its own pass then says so. */
const MAX_DEPTH = 150;

/**
 * Whether `v` is plain data the framework's resolve returns unchanged but for `undefined` keys and
 * elements: strings and keys without token markers, ordinary numbers, booleans, null, arrays and plain
 * objects of those. Removes the `undefined` keys and elements of each container proven plain, as the
 * framework's pass does (so a walk that stops early leaves a document the framework's pass answers the
 * same for).
 */
function plainData(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case "string":
      return plainString(v);
    case "number":
      return plainNumber(v);
    case "boolean":
      return true;
    case "object": {
      if (v === null) return true;
      // Deep nesting, and containers that cannot be edited (frozen, sealed): the framework's pass.
      if (depth > MAX_DEPTH || !Object.isExtensible(v)) return false;
      // Each container is proven whole before it is edited, so a walk that stops leaves every
      // container either as it was or settled (the framework's pass answers the same for both).
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return false;
        let absent = 0;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined) absent++;
          else if (!plainData(x, depth + 1)) return false;
        }
        if (absent > 0) {
          let j = 0;
          for (let i = 0; i < v.length; i++) if (v[i] !== undefined) v[j++] = v[i];
          v.length = j;
        }
        return true;
      }
      // Class instances (a token, a Date), objects without a prototype (the framework's pass gives
      // them one): the framework's pass decides.
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      const o = v as Record<string, unknown>;
      if (resolvesItselfOrRefused(o)) return false;
      let absent = 0;
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        // The framework's pass resolves every key, also of an absent value; an own `__proto__` key
        // becomes the copy's prototype there.
        if (!plainString(k) || k === "__proto__") return false;
        const x = o[k];
        if (x === undefined) absent++;
        else if (!plainData(x, depth + 1)) return false;
      }
      if (absent > 0) for (let i = 0; i < keys.length; i++) if (o[keys[i]] === undefined) delete o[keys[i]];
      return true;
    }
    default:
      // functions, symbols, bigints: the framework's pass decides (it refuses functions)
      return false;
  }
}
