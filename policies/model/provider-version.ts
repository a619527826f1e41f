/**
 * Model builder, provider versions: the azurerm version a stack pins, for the attributes whose default
 * changed between major versions (a public IP without `sku`). Internal to the model builder.
 * @see https://developer.hashicorp.com/terraform/language/expressions/version-constraints
 */
import { StackDocument, asList } from "../input/terraform-json";
import { AzurermVersionM, Unknown } from "./types";

const CLAUSE = /^(=|==|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * The one major version a Terraform version constraint allows (`4.55.0`, `~> 3.100`, `>= 3.0, < 4.0`),
 * or undefined when it allows several (`>= 3.0`, `~> 3`) or cannot be read. Each clause narrows the
 * range [lowest major, highest major]; `~> X.Y` stays within X, `~> X` does not.
 */
export function majorOfConstraint(constraint: string): number | undefined {
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (const raw of constraint.split(",")) {
    const m = CLAUSE.exec(raw.trim());
    if (!m) return undefined;
    const [, op = "=", majorText, minorText, patchText] = m;
    const major = Number(majorText);
    const rest = [minorText, patchText].filter((x) => x !== undefined).map(Number);
    switch (op) {
      case "=":
      case "==":
        lo = Math.max(lo, major);
        hi = Math.min(hi, major);
        break;
      case ">=":
      case ">":
        lo = Math.max(lo, major);
        break;
      case "<=":
        hi = Math.min(hi, major);
        break;
      case "<":
        // `< 4`, `< 4.0`, `< 4.0.0` exclude all of 4.x; `< 4.1` does not.
        hi = Math.min(hi, rest.every((x) => x === 0) ? major - 1 : major);
        break;
      case "~>":
        lo = Math.max(lo, major);
        if (rest.length > 0) hi = Math.min(hi, major);
        break;
      default: // "!=" excludes one version, never a whole major
    }
  }
  return lo === hi ? lo : undefined;
}

/** The version constraint an entry of `required_providers` (object or legacy string form) gives. */
function versionOf(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  const v = asList(entry)[0]?.version;
  return typeof v === "string" ? v : undefined;
}

/** The azurerm version constraint a document pins: `terraform.required_providers`, else a legacy `provider.azurerm.version`. */
function azurermConstraint(doc: any): string | undefined {
  for (const tf of asList(doc?.terraform)) {
    for (const rp of asList(tf?.required_providers)) {
      if (!rp || typeof rp !== "object") continue;
      for (const [name, entry] of Object.entries(rp)) {
        const source = asList(entry)[0]?.source;
        const isAzurerm = name === "azurerm" || (typeof source === "string" && /(^|\/)azurerm$/.test(source));
        const version = isAzurerm ? versionOf(entry) : undefined;
        if (version !== undefined) return version;
      }
    }
  }
  const legacy = asList(doc?.provider?.azurerm)[0]?.version;
  return typeof legacy === "string" ? legacy : undefined;
}

/** The azurerm version each stack pins, by stack name. */
export function azurermVersions(docs: readonly StackDocument[]): Map<string, AzurermVersionM | Unknown> {
  const out = new Map<string, AzurermVersionM | Unknown>();
  for (const sd of docs) {
    const where = sd.stack ? `stack ${sd.stack}` : "the configuration";
    const constraint = azurermConstraint(sd.doc);
    if (constraint === undefined) {
      out.set(sd.stack, { unknown: `${where} pins no azurerm version (terraform.required_providers)` });
      continue;
    }
    const major = majorOfConstraint(constraint);
    out.set(
      sd.stack,
      major === undefined
        ? { unknown: `${where} pins azurerm '${constraint}', which allows more than one major version` }
        : { constraint, major },
    );
  }
  return out;
}
