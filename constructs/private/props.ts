import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { TerraformProvider, isUnresolved } from "../../core/framework";
import { describeValue, orList, quoted } from "../../core/text";
import {
  AzureNameKind,
  RESOURCE_NAME_FORBIDDEN,
  azureNameViolation,
  fitAzureName,
  tagViolation,
} from "../../core/azure/naming";

/*
 * Props checked at run time, before a construct reads them: TypeScript checks them for TypeScript
 * callers only, and a JavaScript caller (or a cast, or JSON read from a file) can give a string where a
 * list is expected, null, or an object where a construct is. Every wrong shape is a
 * ConnectivityValidationError naming the construct path and the prop, and showing what was given
 * (cut when long; never a secret). The Azure facts behind the checks (naming rules, limits, enums) are
 * core/azure's.
 */

/** The expected shape of one prop. */
export type Shape =
  /** A string; with `name`, an Azure name of that resource type. */
  | { readonly t: "string"; readonly name?: AzureNameKind; readonly nonEmpty?: boolean }
  /** A string that names a resource of no documented naming rule (a NAT rule): non-empty, no `#`. */
  | { readonly t: "resourceName" }
  /** A CIDR block as a string (parsed by the construct). */
  | { readonly t: "cidr" }
  | { readonly t: "number" }
  | { readonly t: "boolean" }
  | { readonly t: "enum"; readonly values: readonly string[] }
  | {
      readonly t: "list";
      readonly of: Shape;
      /** At most this many items, with the fact's words for the message. */
      readonly max?: { readonly count: number; readonly why: string };
    }
  | { readonly t: "object"; readonly fields: Fields }
  /** Tags: string values under tag names Azure accepts. */
  | { readonly t: "tags" }
  /** An instance of one of our classes, or another construct-like value, told by `test`. */
  | {
      readonly t: "instance";
      readonly what: string;
      readonly test: (v: unknown) => boolean;
      /** Never show a wrong value (a string given for a key may be the key). */
      readonly secret?: boolean;
    };

/** A prop: its shape, whether it may be left out, and what to tell a caller who left it out. */
export type Field = Shape & { readonly optional?: boolean; readonly missing?: string };

/** The props of a construct (or an options object) by name. */
export type Fields = Readonly<Record<string, Field>>;

/** Terraform reads `${` and `%{` in a string of its JSON syntax as a template: a literal must not hold one. */
const TEMPLATE = /[$%]\{/;

function fail(scope: IConstruct, prop: string, message: string): never {
  throw new ConnectivityValidationError(scope, `\`${prop}\`${message}`);
}

function expected(shape: Shape): string {
  switch (shape.t) {
    case "string":
    case "resourceName":
      return "a string";
    case "cidr":
      return "a CIDR block as a string, e.g. '10.0.0.0/16'";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "enum":
      return `one of ${orList(shape.values.map((v) => `'${v}'`))}`;
    case "list":
      return shape.of.t === "cidr"
        ? "a list of CIDR blocks, e.g. ['10.0.0.0/16']"
        : `a list (of ${expected(shape.of).replace(/^(a|an|one of) /, "")})`;
    case "object":
      return "an object";
    case "tags":
      return "an object of tag names to string values";
    case "instance":
      return shape.what;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks one value against its shape; `prop` is its path in the props (`subnets[2].name`). */
function checkValue(scope: IConstruct, prop: string, value: unknown, shape: Shape): void {
  const secret = shape.t === "instance" && shape.secret === true;
  const wrong = (): never =>
    fail(scope, prop, `: expected ${expected(shape)}, got ${describeValue(value, !secret)}`);
  // Tokens (variables, references) resolve at synth or apply: never guessed here.
  if (shape.t !== "instance" && shape.t !== "object" && shape.t !== "tags" && isUnresolved(value)) return;
  switch (shape.t) {
    case "string":
    case "resourceName":
    case "cidr":
    case "enum": {
      if (typeof value !== "string") return wrong();
      if (TEMPLATE.test(value)) {
        fail(
          scope,
          prop,
          `: ${quoted(value)} holds a Terraform template sequence ('\${' or '%{'), which Terraform would evaluate; ` +
            "give the literal value, or a token (e.g. a TerraformVariable) for an expression",
        );
      }
      if (shape.t === "enum" && !shape.values.includes(value)) return wrong();
      if (shape.t === "cidr" && value.trim() === "")
        fail(scope, prop, " must not be empty: give a CIDR block");
      if (shape.t === "resourceName") {
        if (value.trim() === "") fail(scope, prop, " is required and must not be empty");
        if (value.includes(RESOURCE_NAME_FORBIDDEN)) {
          fail(
            scope,
            prop,
            `: ${quoted(value)} contains '${RESOURCE_NAME_FORBIDDEN}', which Azure refuses in names`,
          );
        }
      }
      if (shape.t === "string" && (shape.nonEmpty || shape.name) && value.trim() === "") {
        fail(scope, prop, " is required and must not be empty");
      }
      if (shape.t === "string" && shape.name) {
        const problem = azureNameViolation(shape.name, value);
        if (problem) {
          const r = problem.rule;
          const fits = fitAzureName(shape.name, value);
          fail(
            scope,
            prop,
            problem.kind === "length"
              ? `: ${quoted(value)} has ${problem.length} characters; Azure allows ${r.min} to ${r.max} in a ${r.entity} name` +
                  (fits !== value ? `, e.g. ${quoted(fits)}` : "")
              : `: ${quoted(value)} is not a valid ${r.entity} name; Azure allows ${r.characters}` +
                  (fits !== value ? `, e.g. ${quoted(fits)}` : ""),
          );
        }
      }
      return;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return wrong();
      return;
    case "boolean":
      if (typeof value !== "boolean") return wrong();
      return;
    case "list": {
      if (!Array.isArray(value)) return wrong();
      if (shape.max && value.length > shape.max.count) {
        fail(scope, prop, `: ${value.length} items; ${shape.max.why} (at most ${shape.max.count})`);
      }
      value.forEach((item, i) => checkValue(scope, `${prop}[${i}]`, item, shape.of));
      return;
    }
    case "object":
      if (!isPlainObject(value)) return wrong();
      checkFields(scope, value, shape.fields, `${prop}.`);
      return;
    case "tags": {
      if (isUnresolved(value)) return;
      if (!isPlainObject(value)) return wrong();
      for (const [k, v] of Object.entries(value)) {
        if (isUnresolved(v)) continue;
        if (typeof v !== "string") {
          fail(scope, `${prop}.${k}`, `: expected a string, got ${describeValue(v)}`);
        }
        if (TEMPLATE.test(k) || TEMPLATE.test(v)) {
          fail(
            scope,
            `${prop}`,
            `: tag ${quoted(k)} holds a Terraform template sequence ('\${' or '%{'), which Terraform would evaluate`,
          );
        }
        const problem = isUnresolved(k) ? undefined : tagViolation(k, v);
        if (problem) fail(scope, prop, `: tag ${quoted(k)}: ${problem}`);
      }
      return;
    }
    case "instance":
      if (!shape.test(value)) return wrong();
      return;
  }
}

/** The names of each shape's fields, listed once: props are checked for every construct made. */
const fieldNames = new WeakMap<Fields, readonly string[]>();

function checkFields(
  scope: IConstruct,
  value: Record<string, unknown>,
  fields: Fields,
  prefix: string,
): void {
  let names = fieldNames.get(fields);
  if (!names) fieldNames.set(fields, (names = Object.keys(fields)));
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const field = fields[key];
    const v = value[key];
    const prop = prefix + key;
    if (v === undefined) {
      if (!field.optional) fail(scope, prop, ` is required${field.missing ? `: ${field.missing}` : ""}`);
      continue;
    }
    if (v === null) {
      fail(
        scope,
        prop,
        field.optional ? ": null is not a value; leave the prop out instead" : " is required, got null",
      );
    }
    checkValue(scope, prop, v, field);
  }
}

/**
 * Checks the props of a construct (or the options of a method) against their shapes: throws a
 * ConnectivityValidationError on the first one that is missing, null or of the wrong shape.
 */
export function checkProps(scope: IConstruct, props: unknown, fields: Fields, what = "props"): void {
  if (!isPlainObject(props) && !(typeof props === "object" && props !== null)) {
    fail(scope, what, `: expected an object, got ${describeValue(props)}`);
  }
  checkFields(scope, props as Record<string, unknown>, fields, "");
}

/** Checks one argument of a method (e.g. `addSubnet(name, options)`). */
export function checkArgument(scope: IConstruct, prop: string, value: unknown, field: Field): void {
  if (value === undefined || value === null) {
    if (field.optional && value === undefined) return;
    fail(scope, prop, ` is required, got ${describeValue(value)}`);
  }
  checkValue(scope, prop, value, field);
}

/** True for a construct (anything with a construct node). */
export function isConstruct(v: unknown): boolean {
  return typeof v === "object" && v !== null && typeof (v as IConstruct).node?.path === "string";
}

/** True for a network the constructs can connect: a construct with the members of `IVnet`. */
/** A VPN gateway of ours: a VpnGateway, or an existing one (VpnGateway.fromId / fromAttributes). */
export function isGateway(v: unknown): boolean {
  if (!isConstruct(v)) return false;
  const g = v as { gatewayId?: unknown; isExisting?: unknown };
  return typeof g.gatewayId === "string" && typeof g.isExisting === "boolean";
}

/** A site of ours: a LocalSite, or an existing one (LocalSite.fromId / fromAttributes). */
export function isSite(v: unknown): boolean {
  if (!isConstruct(v)) return false;
  const g = v as { siteId?: unknown; isExisting?: unknown };
  return typeof g.siteId === "string" && typeof g.isExisting === "boolean";
}

export function isNetwork(v: unknown): boolean {
  if (!isConstruct(v)) return false;
  const n = v as { vnetId?: unknown; vnetName?: unknown; resourceGroupName?: unknown; isExisting?: unknown };
  return (
    typeof n.vnetId === "string" &&
    typeof n.vnetName === "string" &&
    typeof n.resourceGroupName === "string" &&
    typeof n.isExisting === "boolean"
  );
}

/** The shape of an optional tags prop. */
export const TAGS: Field = { t: "tags", optional: true };

/** A list of CIDR blocks. */
export const CIDR_LIST: Shape = { t: "list", of: { t: "cidr" } };

/** An optional azurerm provider (alias). */
export const PROVIDER: Field = {
  t: "instance",
  what: "a TerraformProvider (e.g. an AzurermProvider with an alias)",
  test: (v) => v instanceof TerraformProvider,
  optional: true,
};
