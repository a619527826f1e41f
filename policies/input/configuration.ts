/**
 * One Terraform module's configuration, read from its Terraform JSON (one document, several files
 * merged, or what `hcl2json` writes from HCL): variables, locals, resource and data blocks, module
 * calls, outputs, and the azurerm version it requires. Every section may be an object or an array
 * of objects, at every level, as Terraform's JSON syntax allows; names are kept in Maps, so no name
 * is special (`__proto__`, `constructor`).
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { own } from "./values";

/** A resource or data block of a module, before `count` / `for_each`. */
export interface ResourceConfig {
  readonly mode: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** Module-relative address: `type.name` or `data.type.name`. */
  readonly address: string;
  /** The block body as written (JSON). */
  readonly body: any;
}

/** A `module` block. */
export interface ModuleCallConfig {
  readonly name: string;
  readonly body: any;
}

/** A `variable` block. */
export interface VariableConfig {
  readonly name: string;
  readonly body: any;
}

/** A module's configuration. */
export interface ModuleConfig {
  readonly variables: Map<string, VariableConfig>;
  readonly locals: Map<string, unknown>;
  readonly resources: Map<string, ResourceConfig>;
  /** Resource types declared, for references (`azurerm_subnet.x`). */
  readonly types: Set<string>;
  readonly modules: Map<string, ModuleCallConfig>;
  readonly outputs: Map<string, unknown>;
  /** `required_providers.azurerm.version`, as written. */
  readonly azurermConstraint?: string;
  /**
   * Names declared twice (Terraform refuses them), top-level sections not understood, and parts of
   * sections or bodies that are not objects (not read).
   */
  readonly problems: ConfigProblem[];
}

/** The top-level keys of Terraform's JSON configuration syntax. */
export const CONFIG_SECTIONS: ReadonlySet<string> = new Set([
  "resource",
  "data",
  "module",
  "variable",
  "output",
  "locals",
  "provider",
  "terraform",
  "moved",
  "import",
  "check",
  "removed",
  "ephemeral",
  "//",
]);

/** Flattens "an object or an array of objects" into a list. */
export function list(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value];
  const out: any[] = [];
  // Iterative: nested arrays (as some tools write them) of any depth.
  const stack: unknown[] = [...value].reverse();
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v !== undefined && v !== null) out.push(v);
  }
  return out;
}

/** Something in a configuration Terraform refuses, or that was not read: where, and what. */
export interface ConfigProblem {
  readonly where: string;
  readonly what: string;
}

/** Where a labelled section is and what it holds, to report a part that is not an object. */
export interface SectionShape {
  /** Its address (`resource`, `resource.azurerm_subnet`, `locals`). */
  readonly where: string;
  /** What it holds by name (`resource types`, `azurerm_subnet blocks`, `locals`). */
  readonly of: string;
  readonly problems: ConfigProblem[];
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON value that is not an object, for messages: `the string "oops"`, `the number 3`. */
export function describeJson(v: unknown): string {
  if (typeof v === "string")
    return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return `the value ${v}`;
  if (Array.isArray(v)) return "an array";
  return v === null ? "null" : "an object";
}

/**
 * The entries of a labelled section (`{ label: ... }` or arrays of such objects), in order, duplicates
 * kept. A part that is not an object (`"resource": {"azurerm_subnet": "oops"}`) has no entries; with
 * `shape`, it is reported there (Terraform refuses it), never dropped in silence.
 */
export function labelled(section: unknown, shape?: SectionShape): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const part of list(section)) {
    if (part && typeof part === "object" && !Array.isArray(part)) {
      for (const k of Object.keys(part)) out.push([k, part[k]]);
    } else if (shape) {
      const what = Array.isArray(section)
        ? `${shape.where} holds ${describeJson(part)}, not an object of ${shape.of}, so it was not read`
        : `${shape.where} is ${describeJson(part)}, not an object of ${shape.of}, so nothing in it was read`;
      shape.problems.push({ where: shape.where, what: `${what} (Terraform refuses it)` });
    }
  }
  return out;
}

/** The first body of a block (`{...}` or `[{...}]`); a body that is not an object is reported. */
function bodyOf(bodies: unknown, where: string, problems: ConfigProblem[]): any {
  const body = list(bodies)[0] ?? {};
  if (typeof body === "object" && !Array.isArray(body)) return body;
  problems.push({
    where,
    what: `the body of ${where} is ${describeJson(body)}, not an object of arguments, so it was not read (Terraform refuses it)`,
  });
  return undefined;
}

/** Reads one module's configuration. */
export function readModuleConfig(doc: any): ModuleConfig {
  const problems: ConfigProblem[] = [];
  const shape = (where: string, of: string): SectionShape => ({ where, of, problems });
  const variables = new Map<string, VariableConfig>();
  const locals = new Map<string, unknown>();
  const resources = new Map<string, ResourceConfig>();
  const types = new Set<string>();
  const modules = new Map<string, ModuleCallConfig>();
  const outputs = new Map<string, unknown>();

  for (const mode of ["resource", "data"] as const) {
    const types_ = mode === "data" ? "data source types" : "resource types";
    for (const [type, byName] of labelled(own(doc, mode), shape(mode, types_))) {
      const of = `${type} ${mode === "data" ? "data sources" : "blocks"} by name`;
      for (const [name, bodies] of labelled(byName, shape(`${mode}.${type}`, of))) {
        const all = list(bodies);
        const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        if (resources.has(address) || all.length > 1) {
          problems.push({
            where: address,
            what: `${address} is declared more than once (Terraform refuses this)`,
          });
        }
        if (resources.has(address)) continue;
        const body = bodyOf(all, address, problems);
        if (body === undefined) continue;
        resources.set(address, { mode, type, name, address, body });
        if (mode === "resource") types.add(type);
      }
    }
  }
  for (const [name, bodies] of labelled(own(doc, "variable"), shape("variable", "variables by name"))) {
    if (variables.has(name))
      problems.push({ where: `var.${name}`, what: `variable ${name} is declared more than once` });
    else variables.set(name, { name, body: bodyOf(bodies, `var.${name}`, problems) ?? {} });
  }
  for (const [name, value] of labelled(own(doc, "locals"), shape("locals", "locals by name"))) {
    if (locals.has(name))
      problems.push({ where: `local.${name}`, what: `local ${name} is declared more than once` });
    else locals.set(name, value);
  }
  for (const [name, bodies] of labelled(own(doc, "module"), shape("module", "module calls by name"))) {
    if (modules.has(name))
      problems.push({ where: `module.${name}`, what: `module ${name} is declared more than once` });
    else modules.set(name, { name, body: bodyOf(bodies, `module.${name}`, problems) ?? {} });
  }
  for (const [name, bodies] of labelled(own(doc, "output"), shape("output", "outputs by name"))) {
    outputs.set(name, own(bodyOf(bodies, `output.${name}`, problems), "value"));
  }
  // Read by the model (subscriptions, clouds): only their shape is checked here.
  labelled(own(doc, "provider"), shape("provider", "provider configurations by name"));
  labelled(own(doc, "terraform"), shape("terraform", "settings"));
  let azurermConstraint: string | undefined;
  for (const t of list(own(doc, "terraform"))) {
    const required = own(t, "required_providers");
    for (const [provider, req] of labelled(
      required,
      shape("terraform.required_providers", "provider requirements by name"),
    )) {
      if (provider !== "azurerm") continue;
      const version = typeof req === "string" ? req : own(list(req)[0], "version");
      if (typeof version === "string") azurermConstraint = version;
    }
  }
  if (doc && typeof doc === "object") {
    for (const k of Object.keys(doc)) {
      if (!CONFIG_SECTIONS.has(k))
        problems.push({
          where: k,
          what: `the top-level key "${k}" is not part of Terraform's configuration syntax`,
        });
    }
  }
  return { variables, locals, resources, types, modules, outputs, azurermConstraint, problems };
}
