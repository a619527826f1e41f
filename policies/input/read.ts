/**
 * The front end of the engine: from the documents given (cdktf stacks, Terraform JSON, HCL read as
 * JSON, `terraform show -json` plans and states) to the expanded documents the model builder reads,
 * with the coverage of what was read and what was not. Every document is recognised or refused:
 * a document of no known shape is an {@link UnusableInputError}, never an empty pass.
 */
import { CONFIG_SECTIONS, ConfigProblem } from "./configuration";
import { ExpansionNote, ModuleLoader, ModuleSource, expandConfiguration } from "./expand";
import { UnusableInputError } from "./errors";
import { planFormat, readPlan } from "./plan";
import { AzurermVersion, azurermVersion } from "./provider";
import { ModuleDocument, StackDocument } from "./terraform-json";
import { own } from "./values";

/** A document given to the engine, and how to read the modules it calls. */
export interface InputDocument extends StackDocument {
  /** The module folder the document was read from, when it was. */
  readonly dir?: string;
  /** Loads the modules the document calls (files on disk); without it, module calls are reported as not read. */
  readonly loadModule?: ModuleLoader;
  /** The azurerm version `.terraform.lock.hcl` records next to the document. */
  readonly lockedAzurerm?: string;
  /** Values of the document's root variables (tfvars, `--var`), as JSON. */
  readonly variables?: ReadonlyMap<string, unknown>;
  /** What Terraform refuses in how the document's files merged (an override of nothing): not verifiable. */
  readonly problems?: readonly ConfigProblem[];
  /** What the loader could not read around the document (a root folder nested too deep): not verifiable. */
  readonly unread?: readonly { readonly path: string; readonly what: string }[];
}

/** What the engine read of its input, and what it could not read or evaluate. */
export interface InputCoverage {
  /** Documents read: configurations (one per stack or module folder), plans and states. */
  readonly documents: { readonly configurations: number; readonly plans: number; readonly states: number };
  /** Module instances read, root modules included. */
  readonly modules: number;
  /** Resource and data blocks of the configurations (per module instance). */
  readonly resources: number;
  /** Resource and data instances after `count` and `for_each`. */
  readonly instances: number;
  /** What was not read or not understood, and why (Terraform addresses or construct paths). */
  readonly notUnderstood: { readonly path: string; readonly what: string }[];
  /** The azurerm version the configuration pins, as written (lock file, else `required_providers`). */
  readonly azurermVersion?: string;
}

/** A warning about the input itself (an argument the pinned provider does not know). */
export interface InputWarning {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly values?: Record<string, string>;
}

/** Everything the front end produced. */
export interface InputReading {
  readonly docs: ModuleDocument[];
  readonly coverage: InputCoverage;
  /** What decides which resources exist, or a value, and was not read or not evaluated: not verifiable. */
  readonly unread: { readonly path: string; readonly what: string }[];
  readonly warnings: InputWarning[];
  readonly provider?: AzurermVersion;
}

/** What kind of document this is, or why it is none the engine reads. */
export function documentKind(
  doc: unknown,
): "configuration" | "plan" | "state" | { readonly problem: string } {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return {
      problem: `expected a JSON object, got ${Array.isArray(doc) ? "an array" : doc === null ? "null" : typeof doc}`,
    };
  }
  if (own(doc, "format_version") !== undefined) {
    const f = planFormat(doc);
    if (typeof f === "string") return f;
    return { problem: `not a terraform show -json plan or state this tool reads: ${f.problem}` };
  }
  const keys = Object.keys(doc);
  if (keys.length > 0 && keys.some((k) => CONFIG_SECTIONS.has(k))) return "configuration";
  return {
    problem:
      keys.length === 0
        ? "an empty JSON object: expected Terraform JSON (top-level resource, data, module, variable, output, locals, provider or terraform) or a terraform show -json plan (format_version, planned_values)"
        : `not Terraform JSON (no top-level resource, data, module, variable, output, locals, provider or terraform; found ${keys
            .slice(0, 5)
            .map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 37)}...` : k))
            .join(
              ", ",
            )}) nor a terraform show -json plan or state (format_version with planned_values or values)`,
  };
}

function pathOf(sd: StackDocument, address: string, metaPath?: string): string {
  if (metaPath !== undefined) return metaPath;
  const where = sd.pathPrefix ?? sd.stack;
  return where ? `${where}/${address}` : address;
}

/** A root module's resource address, its instance key, and what of it follows (`.tags`), if anything. */
const NOTE_ADDRESS =
  /^(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?(?:\.(.+))?$/;

/**
 * The path of a note about a root module's resource (`azurerm_virtual_network.hub`), an instance of
 * it (`...hub[0]`) or something of it (`...hub.tags`), when the resource has a cdktf construct path:
 * the construct path, then the instance key, then what of the resource, under the construct by `/`
 * (`network/Hub/Resource/tags`), so that a suppression on the construct, or on anything above it,
 * covers it. Undefined without a construct path (the Terraform address is the path).
 */
function metaPathOf(doc: any, address: string): string | undefined {
  const m = NOTE_ADDRESS.exec(address);
  if (!m) return undefined;
  const section = own(doc, m[1] ? "data" : "resource");
  const body = own(own(section, m[2]), m[3]);
  const path = own(own(own(Array.isArray(body) ? body[0] : body, "//"), "metadata"), "path");
  if (typeof path !== "string") return undefined;
  return `${path}${m[4] ?? ""}${m[5] !== undefined ? `/${m[5]}` : ""}`;
}

/**
 * Reads the documents of one check: configurations are expanded (./expand.ts), plans and states
 * read (./plan.ts). Throws {@link UnusableInputError} for a document of no known shape.
 */
export function readInputs(docs: readonly InputDocument[]): InputReading {
  const out: ModuleDocument[] = [];
  const notUnderstood: { path: string; what: string }[] = [];
  const unread: { path: string; what: string }[] = [];
  const warnings: InputWarning[] = [];
  const documents = { configurations: 0, plans: 0, states: 0 };
  let modules = 0;
  let resources = 0;
  let instances = 0;
  let provider: AzurermVersion | undefined;
  for (const sd of docs) {
    const kind = documentKind(sd.doc);
    if (typeof kind !== "string") {
      throw new UnusableInputError(`${sd.stack ? `stack '${sd.stack}': ` : ""}${kind.problem}`);
    }
    let notes: ExpansionNote[];
    let expanded: ModuleDocument[];
    let version: AzurermVersion | undefined;
    if (kind === "configuration") {
      documents.configurations++;
      const source: ModuleSource = {
        doc: sd.doc,
        ...(sd.dir !== undefined ? { dir: sd.dir } : {}),
        ...(sd.problems ? { problems: sd.problems } : {}),
      };
      const e = expandConfiguration(source, {
        stack: sd.stack,
        ...(sd.pathPrefix !== undefined ? { pathPrefix: sd.pathPrefix } : {}),
        ...(sd.variables ? { variables: sd.variables } : {}),
        ...(sd.loadModule ? { loadModule: sd.loadModule } : {}),
        ...(sd.lockedAzurerm !== undefined ? { lockedAzurerm: sd.lockedAzurerm } : {}),
      });
      notes = e.notes;
      expanded = e.docs;
      version = e.azurerm;
      modules += e.modules;
      resources += e.blocks;
      instances += e.instances;
      for (const w of e.warnings) {
        const key = w.metaPath !== undefined ? (/(\[[^\]]*\])$/.exec(w.address)?.[1] ?? "") : "";
        warnings.push({
          path: w.metaPath !== undefined ? w.metaPath + key : pathOf(sd, w.address),
          message: `${w.address} ${w.message} (the configuration pins azurerm ${version!.version} in ${version!.from}).`,
          fix: `Use ${w.instead} instead (${w.source}).`,
          values: { argument: w.argument, azurerm: version!.version },
        });
      }
    } else {
      if (kind === "plan") documents.plans++;
      else documents.states++;
      const p = readPlan(sd.doc, sd.stack, sd.pathPrefix);
      notes = p.notes;
      expanded = p.docs;
      version = azurermVersion(sd.lockedAzurerm, p.azurermConstraint);
      modules += p.modules;
      resources += p.blocks;
      instances += p.instances;
    }
    for (const n of notes) {
      const path = pathOf(sd, n.address, metaPathOf(sd.doc, n.address));
      notUnderstood.push({ path, what: n.what });
      // What decides which resources exist, and a value the evaluator could not evaluate (it feeds an
      // argument, a local or an output): not verifiable, so --strict fails on it.
      if (n.kind !== "unused") unread.push({ path, what: n.what });
    }
    for (const u of sd.unread ?? []) {
      notUnderstood.push({ path: u.path, what: u.what });
      unread.push({ path: u.path, what: u.what });
    }
    if (version && (!provider || (provider.major === undefined && version.major !== undefined)))
      provider = version;
    out.push(...expanded);
  }
  return {
    docs: out,
    coverage: {
      documents,
      modules,
      resources,
      instances,
      notUnderstood,
      ...(provider ? { azurermVersion: provider.version } : {}),
    },
    unread,
    warnings,
    ...(provider ? { provider } : {}),
  };
}
