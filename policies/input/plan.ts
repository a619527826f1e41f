/**
 * Reading `terraform show -json` output (format 1.x): a plan, or a state. The planned values (a
 * state's values) give every resource instance of every module instance with its evaluated
 * arguments; they become one document per module instance, as ./expand.ts writes them from a
 * configuration, so the model reads a plan like any other configuration.
 *
 * A value Terraform knows only after apply is absent from the planned values and marked in the
 * resource change's `after_unknown`. For such an argument the plan's configuration lists the
 * references of its expression: when they name one thing only (Terraform lists each step of a
 * reference, the longest first), and that is a resource instance's attribute
 * (`azurerm_virtual_network.spoke[0].id`), directly, through a module variable (the module call's
 * argument in the parent) or through a module output, the argument is that reference; otherwise it
 * stays unknown (a reference through `count.index` or `each.key` is not paired with an instance:
 * that would be a guess). Data sources read at plan time carry their values. Without planned values
 * (a state, or a plan that has none), the prior state's values are read.
 *
 * A part of the document that is not of the shape the format gives it (the values, a module, its
 * `resources` or `child_modules`, a resource instance or its `values`, `resource_changes` and their
 * entries, a change's `after_unknown`, the configuration's modules, resources, module calls, outputs
 * and `provider_config`) is reported with where it is and the value found (Input.Unread), never
 * skipped in silence: what it holds is not known.
 *
 * What a plan of `terraform show -json` always holds, and is reported when it is missing:
 * - a change in `resource_changes` for every resource instance of `planned_values` (Terraform builds
 *   the planned values from the changes; data sources are read as before). The planned values
 *   omit what is known only after apply ("Any unknown values are omitted or set to null, making them
 *   indistinguishable from absent values"): without the change's `after_unknown`, an argument absent
 *   from the planned values is not read as unset. An argument the configuration sets by an expression
 *   that is not a constant stands for that expression (its reference, or an unknown); the resource is
 *   reported as not fully read.
 * - the `configuration`: the `depends_on` of resources and the references of values known only after
 *   apply are there only. Without it, the plan is reported once, and what a resource waits for at apply
 *   is not known (Peering.GatewayTransit says so instead of deciding).
 *
 * @see https://developer.hashicorp.com/terraform/internals/json-format (Plan Representation:
 *   `planned_values` "with any as-yet-unknown values omitted"; Values Representation; Change
 *   Representation: `after_unknown`; Configuration Representation)
 * @see https://github.com/hashicorp/terraform/blob/main/internal/command/jsonplan/plan.go (`Marshal`:
 *   `planned_values` marshalled from the plan's changes, `resource_changes` and `configuration` written
 *   for every plan, `resource_changes` omitted only when empty; `after_unknown` an object when the
 *   change has an after value, as every planned resource's has)
 */
import { describeJson, isJsonObject } from "./configuration";
import { ExpansionNote } from "./expand";
import { ModuleDocument } from "./terraform-json";
import { instanceKey, own, safeText, setOwn } from "./values";

/** What {@link readPlan} produced. */
export interface PlanReading {
  readonly docs: ModuleDocument[];
  readonly notes: ExpansionNote[];
  readonly modules: number;
  readonly blocks: number;
  readonly instances: number;
  readonly azurermConstraint?: string;
}

/** Why what a plan's resources wait for at apply is not known (the configuration was not read). */
const ORDERING_UNKNOWN =
  "the plan's configuration, which holds the depends_on and the references that order resources at apply, was not read";

/** The shape of `terraform show -json` output this reader accepts, or why not. */
export function planFormat(doc: any): "plan" | "state" | { readonly problem: string } {
  const v = own(doc, "format_version");
  if (typeof v !== "string") return { problem: "no format_version" };
  const major = v.split(".")[0];
  if (major !== "1") {
    return { problem: `its format_version is ${v}; this tool reads the format 1.x of terraform show -json` };
  }
  if (own(doc, "planned_values") !== undefined || own(doc, "resource_changes") !== undefined) return "plan";
  if (own(doc, "values") !== undefined) return "state";
  if (own(doc, "configuration") !== undefined || own(doc, "prior_state") !== undefined) return "plan";
  return { problem: "it has a format_version but neither planned_values (a plan) nor values (a state)" };
}

interface ConfigModule {
  readonly resources: Map<string, any>;
  readonly calls: Map<string, ConfigModule>;
  /** The expressions of each module call's arguments (the child's variables). */
  readonly callExpressions: Map<string, any>;
  /** Each module call's `depends_on` (addresses in this module). */
  readonly callDependsOn: Map<string, string[]>;
  /** The expressions of the module's outputs. */
  readonly outputs: Map<string, any>;
}

const EMPTY: ConfigModule = {
  resources: new Map(),
  calls: new Map(),
  callExpressions: new Map(),
  callDependsOn: new Map(),
  outputs: new Map(),
};

/**
 * Reports a part of the document that is not of the shape the format gives it (an object, an array),
 * with where it is and the value found: it is not read, never skipped in silence.
 */
type Misshapen = ((where: string, found: unknown, expected: string, lost: string) => void) & {
  /** Something else not read, with where it is. */
  readonly note: (where: string, what: string) => void;
};

function misshapenNotes(notes: ExpansionNote[]): Misshapen {
  const note = (where: string, what: string) => notes.push({ address: where, what, kind: "existence" });
  return Object.assign(
    (where: string, found: unknown, expected: string, lost: string) =>
      note(where, `${where} is ${describeJson(found)}, not ${expected}, so ${lost}`),
    { note },
  );
}

/** An array of the document, or none (absent or null); one of another shape is reported. */
function arrayAt(v: unknown, where: string, of: string, misshapen: Misshapen, lost: string): any[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  misshapen(where, v, `an array of ${of}`, lost);
  return [];
}

/** An object of the document, or none (absent or null); one of another shape is reported. */
function objectAt(v: unknown, where: string, of: string, misshapen: Misshapen, lost: string): any {
  if (v === undefined || v === null) return undefined;
  if (isJsonObject(v)) return v;
  misshapen(where, v, `an object of ${of}`, lost);
  return undefined;
}

/** What is lost with a part of the configuration. */
const CONFIG_LOST = "its depends_on and the references of values known only after apply were not read";

function configModule(m: any, depth: number, where: string, misshapen: Misshapen): ConfigModule {
  const resources = new Map<string, any>();
  const calls = new Map<string, ConfigModule>();
  const callExpressions = new Map<string, any>();
  const callDependsOn = new Map<string, string[]>();
  const outputs = new Map<string, any>();
  const read = { resources, calls, callExpressions, callDependsOn, outputs };
  if (m === undefined || m === null) return read;
  if (!isJsonObject(m)) {
    misshapen(where, m, "an object of a module's configuration", CONFIG_LOST);
    return read;
  }
  if (depth > 32) {
    misshapen.note(where, `${where} is nested deeper than 32 modules, so ${CONFIG_LOST}`);
    return read;
  }
  const list = arrayAt(own(m, "resources"), `${where}.resources`, "resources", misshapen, CONFIG_LOST);
  list.forEach((r, i) => {
    const address = own(r, "address");
    if (typeof address === "string") resources.set(address, r);
    else if (isJsonObject(r))
      misshapen.note(
        `${where}.resources[${i}]`,
        `${where}.resources[${i}] has no address, so ${CONFIG_LOST}`,
      );
    else misshapen(`${where}.resources[${i}]`, r, "an object of a resource's configuration", CONFIG_LOST);
  });
  const mc = objectAt(
    own(m, "module_calls"),
    `${where}.module_calls`,
    "module calls by name",
    misshapen,
    CONFIG_LOST,
  );
  for (const name of Object.keys(mc ?? {})) {
    const call = objectAt(mc[name], `${where}.module_calls.${name}`, "a module call", misshapen, CONFIG_LOST);
    if (!call) continue;
    calls.set(
      name,
      configModule(own(call, "module"), depth + 1, `${where}.module_calls.${name}.module`, misshapen),
    );
    callExpressions.set(name, own(call, "expressions"));
    const deps = own(call, "depends_on");
    if (Array.isArray(deps))
      callDependsOn.set(
        name,
        deps.filter((d): d is string => typeof d === "string"),
      );
  }
  const outs = objectAt(own(m, "outputs"), `${where}.outputs`, "outputs by name", misshapen, CONFIG_LOST);
  for (const name of Object.keys(outs ?? {})) {
    const o = objectAt(outs[name], `${where}.outputs.${name}`, "an output", misshapen, CONFIG_LOST);
    if (o) outputs.set(name, own(o, "expression"));
    else if (outs[name] === null)
      misshapen(`${where}.outputs.${name}`, null, "an object of an output", CONFIG_LOST);
  }
  return read;
}

/**
 * What the module calls leading to a module instance `depends_on`, as absolute addresses: every
 * resource of the module waits for them.
 */
function inheritedDependsOn(place: Place): string[] {
  const out: string[] = [];
  for (let p: Place | undefined = place; p?.parent; p = p.parent.place) {
    const caller = p.parent.place;
    const prefix = caller.address === "" ? "" : `${caller.address}.`;
    for (const d of caller.config.callDependsOn.get(p.parent.call) ?? []) out.push(`${prefix}${d}`);
  }
  return out;
}

const KEY = String.raw`(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const NAME = String.raw`[A-Za-z_][\w-]*`;
const RESOURCE_REF = new RegExp(`^(data\\.)?${NAME}\\.${NAME}${KEY}((?:\\.${NAME})+)$`);
const VAR_REF = new RegExp(`^var\\.(${NAME})$`);
const OUTPUT_REF = new RegExp(`^module\\.(${NAME})${KEY}\\.(${NAME})$`);
const MODULE_STEP = new RegExp(`^module\\.(${NAME})${KEY}\\.?`);
const NOT_RESOURCES = ["var.", "local.", "each.", "count.", "module.", "path.", "terraform.", "self."];

/**
 * The one thing an expression refers to, from its references (Terraform lists each traversal step,
 * the longest first): the longest one, when every other is a step of it.
 */
function soleReference(refs: unknown): string | undefined {
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const strings = refs.filter((r): r is string => typeof r === "string");
  const full = strings[0];
  if (full === undefined) return undefined;
  return strings.every((r) => full === r || full.startsWith(`${r}.`) || full.startsWith(`${r}[`))
    ? full
    : undefined;
}

/** Where a module instance is in the configuration: its config module, and its caller's. */
interface Place {
  readonly address: string;
  readonly config: ConfigModule;
  readonly parent?: { readonly place: Place; readonly call: string };
}

/** The configuration place of a module instance address (`module.a["x"].module.b`). */
function placeOf(config: ConfigModule, moduleAddress: string): Place {
  let place: Place = { address: "", config };
  let rest = moduleAddress;
  while (rest !== "") {
    const m = MODULE_STEP.exec(rest);
    if (!m) return { address: moduleAddress, config: EMPTY };
    const address = `${place.address === "" ? "" : `${place.address}.`}module.${m[1]}${m[2] ?? ""}`;
    place = { address, config: place.config.calls.get(m[1]) ?? EMPTY, parent: { place, call: m[1] } };
    rest = rest.slice(m[0].length);
  }
  return place;
}

/**
 * The absolute resource instance attribute an expression stands for: a resource reference of the
 * module, or one followed through a variable (the module call's argument in the caller) or a module
 * output (the output's expression in the called module).
 */
function absoluteReference(refs: unknown, place: Place, depth: number): string | undefined {
  const sole = soleReference(refs);
  if (sole === undefined || depth > 16) return undefined;
  const prefix = place.address === "" ? "" : `${place.address}.`;
  if (RESOURCE_REF.test(sole) && !NOT_RESOURCES.some((p) => sole.startsWith(p))) return `${prefix}${sole}`;
  const v = VAR_REF.exec(sole);
  if (v && place.parent) {
    const expr = own(place.parent.place.config.callExpressions.get(place.parent.call), v[1]);
    return absoluteReference(own(expr, "references"), place.parent.place, depth + 1);
  }
  const o = OUTPUT_REF.exec(sole);
  if (o) {
    const child = place.config.calls.get(o[1]);
    if (!child) return undefined;
    const childPlace: Place = {
      address: `${prefix}module.${o[1]}${o[2] ?? ""}`,
      config: child,
      parent: { place, call: o[1] },
    };
    return absoluteReference(own(child.outputs.get(o[3]), "references"), childPlace, depth + 1);
  }
  return undefined;
}

/**
 * Replaces the unknown leaves (after_unknown) of a body: by the reference they stand for, or by an
 * unknown. Nested blocks (lists of objects) are followed with their block expressions.
 */
function markUnknown(
  body: Record<string, unknown>,
  unknown: unknown,
  expressions: any,
  place: Place,
  depth = 0,
): void {
  if (!unknown || typeof unknown !== "object" || Array.isArray(unknown) || depth > 16) return;
  for (const attr of Object.keys(unknown)) {
    const u = (unknown as Record<string, unknown>)[attr];
    const expr = own(expressions, attr);
    if (u === true) {
      setOwn(body, attr, unknownMarker(own(expr, "references"), place));
    } else if (Array.isArray(u)) {
      const current = own(body, attr);
      const arr = Array.isArray(current) ? [...current] : [];
      u.forEach((e, i) => {
        const blockExpr = Array.isArray(expr) ? expr[i] : expr;
        if (e === true) {
          arr[i] = unknownMarker(own(blockExpr, "references"), place);
        } else if (e && typeof e === "object" && !Array.isArray(e)) {
          const element: Record<string, unknown> = Object.create(null);
          const from = arr[i];
          if (from && typeof from === "object")
            for (const k of Object.keys(from)) setOwn(element, k, (from as any)[k]);
          markUnknown(element, e, blockExpr, place, depth + 1);
          arr[i] = element;
        }
      });
      setOwn(body, attr, arr);
    } else if (u && typeof u === "object") {
      const current = own(body, attr);
      const nested: Record<string, unknown> = Object.create(null);
      if (current && typeof current === "object")
        for (const k of Object.keys(current)) setOwn(nested, k, current[k]);
      markUnknown(nested, u, expr, place, depth + 1);
      setOwn(body, attr, nested);
    }
  }
}

/** The reference an unknown value stands for, or an unknown marker listing its references. */
function unknownMarker(refs: unknown, place: Place): string {
  const resolved = absoluteReference(refs, place, 0);
  if (resolved) return `\${${resolved}}`;
  const listed = Array.isArray(refs) ? refs.filter((r) => typeof r === "string") : [];
  return `\${(known after apply${listed.length > 0 ? `: ${listed.join(", ")}` : ""})}`;
}

/**
 * Without the change's `after_unknown`: an argument the configuration sets by an expression that is not
 * a constant, absent (or null) in the planned values, may be known only after apply. It stands for its
 * reference, or an unknown; nested blocks are left as they are.
 */
function markConfigured(body: Record<string, unknown>, expressions: unknown, place: Place): void {
  if (!isJsonObject(expressions)) return;
  for (const attr of Object.keys(expressions)) {
    const expr = expressions[attr];
    if (!isJsonObject(expr) || own(expr, "constant_value") !== undefined) continue;
    const v = own(body, attr);
    if (v !== undefined && v !== null) continue;
    setOwn(body, attr, unknownMarker(own(expr, "references"), place));
  }
}

/**
 * A sensitive value (a shared key) is in a plan in clear; it is not read. The argument stands for its
 * configuration's expression instead: a constant stays (it is a literal of the configuration), a
 * reference is written as that reference (`${var.shared_key}`), anything else is unknown.
 */
function hideSensitive(
  body: Record<string, unknown>,
  sensitive: unknown,
  expressions: any,
  place: Place,
): void {
  if (!sensitive || typeof sensitive !== "object" || Array.isArray(sensitive)) return;
  for (const attr of Object.keys(sensitive)) {
    if ((sensitive as Record<string, unknown>)[attr] !== true || own(body, attr) === undefined) continue;
    const expr = own(expressions, attr);
    if (own(expr, "constant_value") !== undefined) continue;
    const refs = own(expr, "references");
    const first = Array.isArray(refs) && typeof refs[0] === "string" ? refs[0] : undefined;
    const prefix = place.address === "" ? "" : `${place.address}.`;
    setOwn(body, attr, first !== undefined ? `\${${prefix}${first}}` : "${(sensitive)}");
  }
}

/** The module instance part of a resource instance address. */
function moduleOf(address: string, localPart: string): string {
  return address.length > localPart.length ? address.slice(0, address.length - localPart.length - 1) : "";
}

/** Reads a plan or state (`terraform show -json`) as documents of module instances. */
export function readPlan(doc: any, stack: string, pathPrefix?: string): PlanReading {
  const notes: ExpansionNote[] = [];
  const format = planFormat(doc);
  if (typeof format !== "string") throw new Error(format.problem);
  const misshapen = misshapenNotes(notes);
  const configuration = objectAt(
    own(doc, "configuration"),
    "configuration",
    "a configuration",
    misshapen,
    "the depends_on of its resources and the references of values known only after apply were not read",
  );
  const config = configModule(own(configuration, "root_module"), 0, "configuration.root_module", misshapen);
  // terraform show -json writes the configuration of every plan: without it (or its root module), the
  // depends_on of the resources and the references of values known only after apply are not known.
  // Reported once; what the resources wait for at apply is then unknown to the rules.
  let orderingUnknown: string | undefined;
  if (format === "plan") {
    const rawConfiguration = own(doc, "configuration");
    if (rawConfiguration === undefined || rawConfiguration === null) {
      misshapen.note(
        "configuration",
        "the plan has no configuration (terraform show -json writes it), so the depends_on of its resources and the references of values known only after apply were not read: what each resource waits for at apply, and which resource a value known only after apply comes from, are not known",
      );
      orderingUnknown = ORDERING_UNKNOWN;
    } else if (!configuration) {
      orderingUnknown = ORDERING_UNKNOWN;
    } else if (
      own(configuration, "root_module") === undefined ||
      own(configuration, "root_module") === null
    ) {
      misshapen.note(
        "configuration.root_module",
        "configuration.root_module is missing, so the depends_on of the plan's resources and the references of values known only after apply were not read: what each resource waits for at apply, and which resource a value known only after apply comes from, are not known",
      );
      orderingUnknown = ORDERING_UNKNOWN;
    } else if (!isJsonObject(own(configuration, "root_module"))) {
      orderingUnknown = ORDERING_UNKNOWN;
    }
  }
  const changes = new Map<string, any>();
  /** Addresses whose change is there but whose after_unknown was not read (reported where it is). */
  const unknownsUnread = new Set<string>();
  const CHANGE_LOST = "which values are known only after apply, and what exists already, is not known";
  const rawChanges = own(doc, "resource_changes");
  arrayAt(rawChanges, "resource_changes", "changes", misshapen, `no change was read: ${CHANGE_LOST}`).forEach(
    (c, i) => {
      const a = own(c, "address");
      const where = `resource_changes[${i}]`;
      if (typeof a !== "string") {
        if (isJsonObject(c))
          misshapen.note(where, `${where} has no address, so its change was not read: ${CHANGE_LOST}`);
        else misshapen(where, c, "an object of a change", `it was not read: ${CHANGE_LOST}`);
        return;
      }
      if (own(c, "deposed") !== undefined) return;
      changes.set(a, c);
      const change = own(c, "change");
      if (!isJsonObject(change)) {
        const lost = `the change of ${a} was not read: ${CHANGE_LOST}`;
        if (change === undefined)
          misshapen.note(`${where}.change`, `${where} (${a}) has no change, so ${lost}`);
        else misshapen(`${where}.change`, change, "an object of a change", lost);
        unknownsUnread.add(a);
        return;
      }
      const unknown = own(change, "after_unknown");
      if (unknown !== undefined && !isJsonObject(unknown)) {
        misshapen(
          `${where}.change.after_unknown`,
          unknown,
          "an object of the values known only after apply",
          `which values of ${a} are known only after apply is not known: its arguments absent from planned_values are not verifiable`,
        );
        unknownsUnread.add(a);
      }
    },
  );
  // Which of the planned values' resources have no readable change: reported (one by one when
  // resource_changes was read; once when it is missing; not again when it is of another shape).
  const changesRead = Array.isArray(rawChanges);
  let withoutChanges = 0;
  // A plan's planned values, else its prior state's; a state's values.
  const planned = own(doc, "planned_values");
  const [values, valuesAt] =
    format === "state"
      ? [own(doc, "values"), "values"]
      : planned !== undefined && planned !== null
        ? [planned, "planned_values"]
        : [own(own(doc, "prior_state"), "values"), "prior_state.values"];
  const byModule = new Map<string, Record<string, Record<string, Record<string, unknown>>>>();
  const existing = new Map<string, Set<string>>();
  const blocks = new Set<string>();
  let instances = 0;
  let modules = 0;
  const visit = (m: any, depth: number, where: string) => {
    if (m === undefined) {
      misshapen.note(where, `${where} is missing, so no resource was read`);
      return;
    }
    if (!isJsonObject(m)) {
      misshapen(where, m, "an object of a module's resources", "nothing in it was read");
      return;
    }
    if (depth > 32) {
      misshapen.note(
        where,
        `${where} (${safeText(own(m, "address"))}) is nested deeper than 32 modules, so nothing in it was read`,
      );
      return;
    }
    modules++;
    const resources = arrayAt(
      own(m, "resources"),
      `${where}.resources`,
      "resource instances",
      misshapen,
      "none of them was read",
    );
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      const address = own(r, "address");
      const mode = own(r, "mode");
      const type = own(r, "type");
      const name = own(r, "name");
      if (typeof address !== "string" || typeof type !== "string" || typeof name !== "string") {
        const at = typeof address === "string" ? address : `${where}.resources[${i}]`;
        const missing = Object.entries({ address, type, name })
          .filter(([, v]) => typeof v !== "string")
          .map(([k]) => k);
        if (isJsonObject(r))
          misshapen.note(
            at,
            `${at} has no ${missing.slice(0, -1).join(", ")}${missing.length > 1 ? " or " : ""}${missing[missing.length - 1]}, so it was not read`,
          );
        else misshapen(at, r, "an object of a resource instance", "it was not read");
        continue;
      }
      const vals = own(r, "values");
      if (vals !== undefined && vals !== null && !isJsonObject(vals)) {
        misshapen.note(
          address,
          `the values of ${address} are ${describeJson(vals)}, not an object of attributes, so it was not read`,
        );
        continue;
      }
      const index = own(r, "index");
      const key = typeof index === "number" || typeof index === "string" ? index : undefined;
      const local = `${mode === "data" ? "data." : ""}${type}.${name}`;
      const module = moduleOf(address, `${local}${instanceKey(key)}`);
      const place = placeOf(config, module);
      blocks.add(`${module.replace(/\[[^\]]*\]/g, "")}|${local}`);
      instances++;
      const body: Record<string, unknown> = Object.create(null);
      if (vals) for (const k of Object.keys(vals)) setOwn(body, k, vals[k]);
      const change = changes.get(address);
      const configured = place.config.resources.get(local);
      const expressions = own(configured, "expressions");
      // The configuration's `depends_on`: the ordering it sets is not in the planned values. Its entries
      // name blocks of the resource's own module instance: written here as absolute addresses.
      // The module calls' `depends_on` hold for every resource of the module too.
      const dependsOn = own(configured, "depends_on");
      const deps = [
        ...(Array.isArray(dependsOn) ? dependsOn : [])
          .filter((d): d is string => typeof d === "string")
          .map((d) => (module === "" ? d : `${module}.${d}`)),
        ...inheritedDependsOn(place),
      ];
      if (deps.length > 0) setOwn(body, "depends_on", deps);
      const afterUnknown = own(own(change, "change"), "after_unknown");
      if (
        format === "plan" &&
        valuesAt === "planned_values" &&
        mode !== "data" &&
        (!change || unknownsUnread.has(address) || !isJsonObject(afterUnknown))
      ) {
        // Which of its values are known only after apply is not known: what the configuration sets by
        // an expression stands for that expression, never for "unset".
        markConfigured(body, expressions, place);
        if (!change) {
          withoutChanges++;
          if (changesRead)
            misshapen.note(
              address,
              `${address} is in planned_values but has no change in resource_changes (terraform show -json writes one for every planned resource), so which of its values are known only after apply, and whether it exists already, is not known: its arguments absent from planned_values are not verifiable`,
            );
        } else if (!unknownsUnread.has(address)) {
          misshapen.note(
            address,
            `the change of ${address} in resource_changes has no after_unknown, so which of its values are known only after apply is not known: its arguments absent from planned_values are not verifiable`,
          );
        }
      } else {
        markUnknown(body, afterUnknown, expressions, place);
      }
      hideSensitive(body, own(r, "sensitive_values"), expressions, place);
      // Exists before apply and stays: a state's resource, or a plan's unchanged, updated or read one
      // (not one created, replaced or deleted).
      const actions = own(own(change, "change"), "actions");
      if (
        format === "state" ||
        (Array.isArray(actions) &&
          actions.length === 1 &&
          (actions[0] === "no-op" || actions[0] === "update" || actions[0] === "read"))
      ) {
        const set = existing.get(module) ?? new Set<string>();
        set.add(`${local}${instanceKey(key)}`);
        existing.set(module, set);
      }
      const sections = byModule.get(module) ?? Object.create(null);
      byModule.set(module, sections);
      const section = mode === "data" ? "data" : "resource";
      sections[section] ??= Object.create(null);
      sections[section][type] ??= Object.create(null);
      setOwn(sections[section][type], `${name}${instanceKey(key)}`, body);
    }
    arrayAt(
      own(m, "child_modules"),
      `${where}.child_modules`,
      "modules",
      misshapen,
      "none of them was read",
    ).forEach((child, i) => visit(child, depth + 1, `${where}.child_modules[${i}]`));
  };
  if (values === undefined || values === null) {
    misshapen.note(
      valuesAt,
      format === "state"
        ? "the state has no values, so no resource was read"
        : "the plan has neither planned_values nor prior_state.values, so no resource was read",
    );
  } else if (!isJsonObject(values)) {
    misshapen(valuesAt, values, "an object of values", "no resource was read");
  } else {
    visit(own(values, "root_module"), 0, `${valuesAt}.root_module`);
  }
  if (withoutChanges > 0 && (rawChanges === undefined || rawChanges === null))
    misshapen.note(
      "resource_changes",
      `the plan has planned_values but no resource_changes (terraform show -json writes a change for every planned resource), so which values of its ${withoutChanges} managed resource instance(s) are known only after apply, and what exists already, is not known: their arguments absent from planned_values are not verifiable`,
    );
  if (!byModule.has("")) byModule.set("", Object.create(null));
  let azurermConstraint: string | undefined;
  const providers = objectAt(
    own(configuration, "provider_config"),
    "configuration.provider_config",
    "provider configurations by key",
    misshapen,
    "the azurerm version it pins was not read",
  );
  if (providers) {
    for (const k of Object.keys(providers)) {
      const p = providers[k];
      if (own(p, "name") === "azurerm" && own(p, "module_address") === undefined) {
        const v = own(p, "version_constraint");
        if (typeof v === "string") azurermConstraint = v;
      }
    }
  }
  const docs: ModuleDocument[] = [...byModule].map(([module, sections]) => ({
    stack,
    module,
    doc: sections,
    ...(existing.has(module) ? { existing: existing.get(module)! } : {}),
    ...(orderingUnknown !== undefined ? { orderingUnknown } : {}),
    ...(pathPrefix !== undefined ? { pathPrefix } : {}),
  }));
  return { docs, notes, modules, blocks: blocks.size, instances, azurermConstraint };
}
