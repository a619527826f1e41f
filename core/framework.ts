/**
 * The framework shim: the one file of the package that names the CDK framework (cdktf, or its
 * maintained fork CDK Terrain, `cdktn`). Everything else imports the framework's symbols from here,
 * so the package is built for either framework by changing this file's module name alone.
 */
import { TerraformStack, Token } from "cdktf";
// The module object itself (not an import namespace copy): `renderStack` swaps its `resolve` for a call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokens = require("cdktf/lib/_tokens");

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
 * The stack's Terraform JSON, exactly as `stack.toTerraform()` returns it, rendered without the
 * framework's last pass when that pass cannot change anything.
 *
 * `toTerraform()` resolves each element's fragment (every token becomes its value), merges the
 * fragments and the stack's overrides into one document, and then resolves that whole document again.
 * When the stack has no raw overrides, the merged document is made of resolved fragments only, and the
 * second pass returns a copy of it without the keys whose value is `undefined` (the metadata's `cloud`
 * of a local backend): at 5,000 spokes the pass walks 20,000 resources again, about 0.6 s of a synth.
 * Here that last call is answered by removing the `undefined` keys in place, after a walk that proves
 * the document holds plain data only: no token marker in a string or key (`TfToken[`), no number
 * encoding a token (or a string holding one), no function, class instance or resolvable object, no
 * deeper nesting than the framework allows. Anything else, or a stack with raw overrides, takes the
 * framework's pass as it is, so the answer is the same either way (tested against `toTerraform()` on
 * both frameworks, and on generated documents with tokens in every kind of place).
 */
export function renderStack(stack: TerraformStack): unknown {
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides;
  if (!overrides || Object.keys(overrides).length > 0) return stack.toTerraform();
  const original = tokens.resolve;
  tokens.resolve = function <T>(scope: unknown, obj: T, preparing?: boolean): T {
    if (scope === stack && !preparing && isMergedDocument(obj, stack) && settlePlainDocument(obj)) return obj;
    return original(scope as TerraformStack, obj, preparing);
  };
  try {
    return stack.toTerraform();
  } finally {
    tokens.resolve = original;
  }
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
 * `undefined` keys and array elements, which are removed from `doc` on the way (also when the answer
 * is no: the framework's resolve removes them as well). Exported for the tests.
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
 * objects of those. Removes the `undefined` keys and elements on the way, as the framework's pass does
 * (so a walk that stops early leaves a document the framework's pass answers the same for).
 */
function plainData(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case "string":
      // `TfToken[` is in every string, list and map token; `e+2` in every number token written
      // into a string (their magnitudes are above 1e288).
      return v.indexOf("TfToken[") < 0 && v.indexOf("e+2") < 0;
    case "number":
      return !(Math.abs(v) > 1e280);
    case "boolean":
      return true;
    case "object": {
      if (v === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        let j = 0;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined) continue;
          if (!plainData(x, depth + 1)) return false;
          v[j++] = x;
        }
        v.length = j;
        return true;
      }
      // Class instances (a token, a Date), objects without a prototype (the framework's pass gives
      // them one): the framework's pass decides.
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (x === undefined) {
          delete o[k];
          continue;
        }
        if (k.indexOf("TfToken[") >= 0 || k.indexOf("e+2") >= 0) return false;
        if (!plainData(x, depth + 1)) return false;
      }
      return true;
    }
    default:
      // functions, symbols, bigints: the framework's pass decides (it refuses functions)
      return false;
  }
}
