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
  /** Names declared twice (Terraform refuses them), and top-level sections not understood. */
  readonly problems: { readonly where: string; readonly what: string }[];
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

/** The entries of a labelled section (`{ label: ... }` or arrays of such objects), in order, duplicates kept. */
export function labelled(section: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const part of list(section)) {
    if (part && typeof part === "object" && !Array.isArray(part)) {
      for (const k of Object.keys(part)) out.push([k, part[k]]);
    }
  }
  return out;
}

/** Reads one module's configuration. */
export function readModuleConfig(doc: any): ModuleConfig {
  const problems: { where: string; what: string }[] = [];
  const variables = new Map<string, VariableConfig>();
  const locals = new Map<string, unknown>();
  const resources = new Map<string, ResourceConfig>();
  const types = new Set<string>();
  const modules = new Map<string, ModuleCallConfig>();
  const outputs = new Map<string, unknown>();

  for (const mode of ["resource", "data"] as const) {
    for (const [type, byName] of labelled(own(doc, mode))) {
      for (const [name, bodies] of labelled(byName)) {
        const all = list(bodies);
        const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        if (resources.has(address) || all.length > 1) {
          problems.push({
            where: address,
            what: `${address} is declared more than once (Terraform refuses this)`,
          });
        }
        if (resources.has(address)) continue;
        const body = all[0] ?? {};
        if (typeof body !== "object" || Array.isArray(body)) {
          problems.push({ where: address, what: `the body of ${address} is not an object` });
          continue;
        }
        resources.set(address, { mode, type, name, address, body });
        if (mode === "resource") types.add(type);
      }
    }
  }
  for (const [name, bodies] of labelled(own(doc, "variable"))) {
    if (variables.has(name))
      problems.push({ where: `var.${name}`, what: `variable ${name} is declared more than once` });
    else variables.set(name, { name, body: list(bodies)[0] ?? {} });
  }
  for (const [name, value] of labelled(own(doc, "locals"))) {
    if (locals.has(name))
      problems.push({ where: `local.${name}`, what: `local ${name} is declared more than once` });
    else locals.set(name, value);
  }
  for (const [name, bodies] of labelled(own(doc, "module"))) {
    if (modules.has(name))
      problems.push({ where: `module.${name}`, what: `module ${name} is declared more than once` });
    else modules.set(name, { name, body: list(bodies)[0] ?? {} });
  }
  for (const [name, bodies] of labelled(own(doc, "output"))) {
    outputs.set(name, own(list(bodies)[0], "value"));
  }
  let azurermConstraint: string | undefined;
  for (const t of list(own(doc, "terraform"))) {
    for (const [provider, req] of labelled(own(t, "required_providers"))) {
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
