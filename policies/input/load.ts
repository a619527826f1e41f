/**
 * Reading Terraform from disk, as Terraform reads it: a folder is one module (its `.tf` and
 * `.tf.json` files together, symlinked files included, override files merged last), the modules it
 * calls are read from their folders (local sources, and remote sources `terraform init` installed
 * under `.terraform/modules`), a `terraform show -json` plan or state is one document, and root
 * variables take their values as `terraform plan` does (defaults, `terraform.tfvars`,
 * `*.auto.tfvars`, `--var-file`, `--var`, later ones winning). A folder of folders (`cdktf.out`)
 * holds one root module (one stack) per folder with configuration files.
 *
 * Nothing unusable passes: a missing path, a path that is not a regular file or folder (FIFOs and
 * devices are refused from their metadata, never opened), an unreadable file, invalid JSON or HCL,
 * a document of no known shape or nothing to check is an {@link UnusableInputError} with one line
 * saying what was expected.
 *
 * @see https://developer.hashicorp.com/terraform/language/files (a module is the files of one folder)
 * @see https://github.com/hashicorp/terraform/blob/main/internal/configs/parser_file_matcher.go
 *   (`.tf` and `.tf.json` files; names starting with "." or ending with "~" ignored; `override` files)
 * @see https://developer.hashicorp.com/terraform/language/files/override
 * @see https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
 */
import * as fs from "fs";
import * as path from "path";
import {
  CONFIG_SECTIONS,
  ConfigProblem,
  SectionShape,
  describeJson,
  isJsonObject,
  labelled,
  list,
  readModuleConfig,
} from "./configuration";
import { METADATA_KEY, STACK_KEYS, metadataEntries } from "../../core/metadata";
import { UnusableInputError } from "./errors";
import { ModuleLoader, ModuleSource, constantValue, isLocalSource } from "./expand";
import { parseHcl } from "./hcl";
import { lockedAzurerm } from "./provider";
import { InputDocument, documentKind } from "./read";
import { stackNameOf } from "./terraform-json";
import { EvalError, bareReference, own, setOwn } from "./values";

export { UnusableInputError } from "./errors";

/** A file read, the stack it belongs to, and how it was read. */
export interface LoadedFile {
  readonly file: string;
  readonly stack: string;
  readonly kind: "hcl" | "json" | "plan" | "state";
}

/** Options of {@link loadInputs}: variable values, as `terraform plan` takes them. */
export interface LoadOptions {
  /** `--var-file` files (HCL `.tfvars` or JSON `.tfvars.json`), in order. */
  readonly varFiles?: readonly string[];
  /** `--var name=value` assignments, in order. */
  readonly vars?: readonly string[];
  /** The environment (`TF_VAR_<name>`), when it should be read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What {@link loadInputs} read. */
export interface LoadedInputs {
  readonly docs: InputDocument[];
  readonly files: LoadedFile[];
}

/** Files larger than this are refused (no Terraform configuration is this big). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** JSON nested deeper than this is refused before anything walks it. */
const MAX_JSON_DEPTH = 256;

const isConfigFile = (name: string) => name.endsWith(".tf") || name.endsWith(".tf.json");
/** Terraform ignores hidden files and editor backups. */
const isIgnored = (name: string) =>
  name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
const isOverride = (name: string) => {
  const base = name.endsWith(".tf.json") ? name.slice(0, -8) : name.slice(0, -3);
  return base === "override" || base.endsWith("_override");
};

function describeError(p: string, e: unknown): UnusableInputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return new UnusableInputError(`${p}: no such file or folder`);
  if (code === "EACCES" || code === "EPERM") return new UnusableInputError(`${p}: permission denied`);
  if (code === "ELOOP") return new UnusableInputError(`${p}: too many levels of symbolic links`);
  if (code === "ENOTDIR") return new UnusableInputError(`${p}: not a folder`);
  return new UnusableInputError(
    `${p}: cannot be read (${(e as Error)?.message ?? String(e)})`.replace(/\s+/g, " "),
  );
}

/** The metadata of a path, following symlinks as Terraform does when it opens a file. */
function statOf(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw describeError(p, e);
  }
}

function specialKind(st: fs.Stats): string | undefined {
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  if (!st.isFile() && !st.isDirectory()) return "not a regular file";
  return undefined;
}

/** Reads a regular file's text; special files are refused from their metadata, never opened. */
function readText(file: string): string {
  const st = statOf(file);
  const special = specialKind(st);
  if (special)
    throw new UnusableInputError(
      `${file}: ${special}, not a file this tool reads (refused without reading it)`,
    );
  if (st.isDirectory()) throw new UnusableInputError(`${file}: a folder where a file was expected`);
  if (st.size > MAX_FILE_BYTES)
    throw new UnusableInputError(`${file}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw describeError(file, e);
  }
}

/** The nesting depth of a JSON text, counted without parsing (iteratively). */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function parseJson(file: string, text: string): unknown {
  if (text.startsWith("PK\u0003\u0004")) {
    throw new UnusableInputError(
      `${file}: a binary plan file; run terraform show -json ${path.basename(file)} > plan.json and check plan.json`,
    );
  }
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new UnusableInputError(
      `${file}: JSON nested deeper than ${MAX_JSON_DEPTH} levels; not a Terraform document`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UnusableInputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Reads one configuration file (`.tf` as HCL, `.tf.json` as JSON) into Terraform JSON. */
async function readConfigFile(file: string): Promise<any> {
  const text = readText(file);
  if (file.endsWith(".tf")) return parseHcl(file, text);
  const doc = parseJson(file, text);
  const kind = documentKind(doc);
  if (kind !== "configuration") {
    throw new UnusableInputError(
      `${file}: ${typeof kind === "string" ? `a terraform show -json ${kind} in a .tf.json file` : kind.problem}`,
    );
  }
  return doc;
}

/** A folder's entries in name order; an unreadable folder is an {@link UnusableInputError}. */
function entriesOf(dir: string): fs.Dirent[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw describeError(dir, e);
  }
}

/** The configuration files of a folder, as Terraform selects them (regular files and symlinks to files). */
function configFilesOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of entriesOf(dir)) {
    if (isIgnored(e.name) || !isConfigFile(e.name) || e.isDirectory()) continue;
    const full = path.join(dir, e.name);
    if (e.isSymbolicLink()) {
      // A symlinked file is read like any other; a link to a folder or a special file is not a file.
      let st: fs.Stats;
      try {
        st = fs.statSync(full);
      } catch (err) {
        throw describeError(full, err);
      }
      if (st.isDirectory()) continue;
      const special = specialKind(st);
      if (special)
        throw new UnusableInputError(
          `${full}: ${special}, not a file this tool reads (refused without reading it)`,
        );
    } else if (!e.isFile()) {
      throw new UnusableInputError(`${full}: not a regular file (refused without reading it)`);
    }
    out.push(full);
  }
  return out;
}

/** A configuration file of a module, and the Terraform JSON it holds. */
interface ConfigFile {
  readonly file: string;
  readonly doc: any;
}

/** Merges a module's files into one document: primary files in order, then override files. */
function mergeModule(
  primary: readonly ConfigFile[],
  overrides: readonly ConfigFile[],
  problems: ConfigProblem[],
): any {
  const doc: Record<string, unknown[]> = Object.create(null);
  for (const { doc: d } of primary) {
    for (const k of Object.keys(d)) {
      if (k === "//") continue;
      const l = own(doc, k) as unknown[] | undefined;
      if (l) l.push(d[k]);
      else setOwn(doc, k, [d[k]]);
    }
  }
  const comments = mergeComments([...primary, ...overrides], problems);
  if (comments !== undefined) setOwn(doc, "//", comments);
  for (const o of overrides) applyOverride(doc, o.doc, o.file, problems);
  return doc;
}

/**
 * The top-level `"//"` of a module's files (primary files in order, then override files), merged so
 * that what the engine reads there is read from every file, not from the first one only: the
 * package's suppressions and intents of each file, one after the other; cdktf's `metadata` (whose
 * `stackName` names the stack) from the first file with it. Terraform reads `"//"` as a comment, so
 * nothing else of it is read. What cannot be merged is reported with its file, never dropped in
 * silence: the package's metadata that is not an object (its suppressions and intents not read), and a
 * second file naming another stack (the module is read as the first file's stack).
 */
function mergeComments(files: readonly ConfigFile[], problems: ConfigProblem[]): unknown {
  const commented = files.filter((f) => own(f.doc, "//") !== undefined);
  // One file with comments: as written (as a module of one file is read).
  if (commented.length <= 1) return commented.length === 1 ? own(commented[0].doc, "//") : undefined;
  const out: Record<string, unknown> = Object.create(null);
  let named: { readonly file: string; readonly stack: string } | undefined;
  for (const { file, doc } of commented) {
    const comment = own(doc, "//");
    // A comment that is not an object holds nothing the engine reads.
    if (!isJsonObject(comment)) continue;
    for (const k of Object.keys(comment)) {
      const v = comment[k];
      if (k === METADATA_KEY) {
        if (!isJsonObject(v)) {
          problems.push({
            where: path.basename(file),
            what: `${file}: "//"."${METADATA_KEY}" is ${describeJson(v)}, not an object of suppressions and intents, so it was not read`,
          });
          continue;
        }
        let section = own(out, k) as Record<string, unknown> | undefined;
        if (section === undefined) setOwn(out, k, (section = Object.create(null) as Record<string, unknown>));
        for (const key of Object.keys(v)) {
          if ((STACK_KEYS as readonly string[]).includes(key)) {
            const entries = metadataEntries(v[key]);
            setOwn(section, key, [...metadataEntries(own(section, key)), ...entries]);
          } else if (own(section, key) === undefined) setOwn(section, key, v[key]);
        }
      } else if (k === "metadata" && isJsonObject(v)) {
        const stack = own(v, "stackName");
        const kept = own(out, k);
        if (kept === undefined) setOwn(out, k, v);
        else if (typeof stack === "string" && named === undefined && isJsonObject(kept))
          setOwn(out, k, { ...kept, stackName: stack });
        if (typeof stack !== "string") continue;
        if (named === undefined) named = { file, stack };
        else if (named.stack !== stack) {
          problems.push({
            where: path.basename(file),
            what: `${file}: "//".metadata.stackName names the stack ${JSON.stringify(stack)}, but ${named.file} names it ${JSON.stringify(named.stack)}; the folder was read as stack ${JSON.stringify(named.stack)}`,
          });
        }
      } else if (own(out, k) === undefined) setOwn(out, k, v);
    }
  }
  return out;
}

/** The top-level blocks of an override file that Terraform merges, and the kind each overrides. */
const OVERRIDDEN: Readonly<Record<string, string>> = {
  resource: "resource",
  data: "data source",
  module: "module call",
  variable: "variable",
  output: "output",
};

/** Terraform's error for an override of a block no primary file declares. */
const MISSING_BASE: Readonly<Record<string, string>> = {
  resource: "Missing resource to override",
  data: "Missing data resource to override",
  module: "Missing module call to override",
  variable: "Missing base variable declaration to override",
  output: "Missing base output definition to override",
  locals: "Missing base local value definition to override",
  provider: "Missing base provider configuration for override",
};

/**
 * An override file merged into the module's primary files as Terraform merges it: each top-level
 * block into the block of the same header (type and labels), an argument or a nested block type of
 * the override replacing the original's; locals value by value; a provider configuration by name and
 * alias (a default one without a base is added, an aliased one must have one); in `terraform`, each
 * setting replaced, `required_providers` entry by entry. What Terraform refuses (an override of a
 * block no primary file declares, `depends_on` in an override, `moved` blocks, a part that is not an
 * object) is not applied and is reported, with the file: the configuration Terraform would read is
 * not known.
 *
 * @see https://developer.hashicorp.com/terraform/language/files/override ("Merging Behavior")
 * @see https://github.com/hashicorp/terraform/blob/main/internal/configs/module.go (`mergeFile`: the
 *   "Missing ... to override" errors) and module_merge.go (`depends_on` may not be overridden;
 *   `mergeProviderVersionConstraints`)
 */
function applyOverride(
  doc: Record<string, unknown[]>,
  override: any,
  file: string,
  out: ConfigProblem[],
): void {
  const problems: ConfigProblem[] = [];
  const shape = (where: string, of: string): SectionShape => ({ where, of, problems });
  /** Something Terraform refuses, with its error's summary when it has its own. */
  const refused = (where: string, what: string, error?: string) =>
    problems.push({
      where,
      what: `${what} (Terraform refuses it${error !== undefined ? `: "${error}"` : ""})`,
    });
  const section = (k: string): unknown[] => {
    let l = own(doc, k) as unknown[] | undefined;
    if (!l) setOwn(doc, k, (l = []));
    return l;
  };
  /** The first body of the primary files' block with these labels (`[type, name]`), if any. */
  const base = (kind: string, labels: readonly string[]): unknown =>
    labels.reduce<unknown[]>((nodes, l) => nodes.flatMap((n) => list(own(n, l))), list(own(doc, kind)))[0];
  /** The bodies of an override block, in order; one that is not an object is reported. */
  const bodies = (all: unknown, where: string): Record<string, unknown>[] =>
    list(all).filter((b) => {
      if (isJsonObject(b)) return true;
      refused(
        where,
        `the body of ${where} is ${describeJson(b)}, not an object of arguments, so it was not read`,
      );
      return false;
    });
  const merge = (target: Record<string, unknown>, body: Record<string, unknown>, where: string) => {
    for (const k of Object.keys(body)) {
      if (k === "//") continue;
      if (k === "depends_on") {
        refused(
          where,
          `${where} sets depends_on in an override file, so its depends_on was not read`,
          "Unsupported override",
        );
      } else setOwn(target, k, body[k]);
    }
  };

  for (const kind of Object.keys(override)) {
    if (kind === "//" || OVERRIDDEN[kind] || kind === "locals" || kind === "provider" || kind === "terraform")
      continue;
    if (kind === "moved")
      refused(
        "moved",
        "moved blocks are in an override file, so they were not read",
        "Cannot override 'moved' blocks",
      );
    else if (!CONFIG_SECTIONS.has(kind))
      problems.push({
        where: kind,
        what: `the top-level key "${kind}" is not part of Terraform's configuration syntax`,
      });
  }
  for (const mode of ["resource", "data"]) {
    const types = mode === "data" ? "data source types" : "resource types";
    for (const [type, byName] of labelled(own(override, mode), shape(mode, types))) {
      const of = `${type} ${mode === "data" ? "data sources" : "blocks"} by name`;
      for (const [name, all] of labelled(byName, shape(`${mode}.${type}`, of))) {
        const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        for (const body of bodies(all, address)) {
          const target = base(mode, [type, name]);
          if (target === undefined) {
            refused(
              address,
              `${address} is not declared in the module's other files, so its override was not read`,
              MISSING_BASE[mode],
            );
          } else if (isJsonObject(target)) merge(target, body, address);
        }
      }
    }
  }
  for (const kind of ["module", "variable", "output"]) {
    const prefix = kind === "variable" ? "var" : kind;
    for (const [name, all] of labelled(own(override, kind), shape(kind, `${OVERRIDDEN[kind]}s by name`))) {
      const where = `${prefix}.${name}`;
      for (const body of bodies(all, where)) {
        const target = base(kind, [name]);
        if (target === undefined) {
          refused(
            where,
            `${OVERRIDDEN[kind]} ${name} is not declared in the module's other files, so its override was not read`,
            MISSING_BASE[kind],
          );
        } else if (isJsonObject(target)) merge(target, body, where);
      }
    }
  }
  for (const [name, value] of labelled(own(override, "locals"), shape("locals", "locals by name"))) {
    const holder = list(own(doc, "locals"))
      .reverse()
      .find((l) => own(l, name) !== undefined);
    if (holder) setOwn(holder, name, value);
    else
      refused(
        `local.${name}`,
        `local ${name} is not declared in the module's other files, so its override was not read`,
        MISSING_BASE.locals,
      );
  }
  for (const [name, all] of labelled(
    own(override, "provider"),
    shape("provider", "provider configurations by name"),
  )) {
    for (const body of bodies(all, `provider.${name}`)) {
      const alias = own(body, "alias");
      const where = `provider.${name}${typeof alias === "string" ? `.${alias}` : ""}`;
      const target = labelled(own(doc, "provider"))
        .filter(([n]) => n === name)
        .flatMap(([, b]) => list(b))
        .find((b) => own(b, "alias") === alias);
      if (isJsonObject(target)) merge(target, body, where);
      else if (target !== undefined) continue;
      else if (alias === undefined) {
        // An absent default configuration is an empty one: the override is the configuration.
        const added: Record<string, unknown> = Object.create(null);
        setOwn(added, name, body);
        section("provider").push(added);
      } else {
        refused(
          where,
          `the ${name} provider configuration with alias ${JSON.stringify(alias)} is not declared in the module's other files, so its override was not read`,
          MISSING_BASE.provider,
        );
      }
    }
  }
  labelled(own(override, "terraform"), shape("terraform", "settings"));
  for (const t of list(own(override, "terraform")).filter(isJsonObject)) {
    // Each setting replaces the primary files' one; required_providers entry by entry.
    const settings: Record<string, unknown> = Object.create(null);
    const primary = list(own(doc, "terraform")).filter(isJsonObject);
    for (const k of Object.keys(t)) {
      if (k === "//") continue;
      if (k !== "required_providers") {
        for (const p of primary) delete p[k];
        setOwn(settings, k, t[k]);
        continue;
      }
      const required: Record<string, unknown> = Object.create(null);
      for (const [provider, req] of labelled(
        t[k],
        shape("terraform.required_providers", "provider requirements by name"),
      )) {
        for (const p of primary)
          for (const r of list(own(p, "required_providers"))) if (isJsonObject(r)) delete r[provider];
        setOwn(required, provider, req);
      }
      setOwn(settings, k, required);
    }
    section("terraform").push(settings);
  }
  for (const p of problems) out.push({ where: p.where, what: `${file}: ${p.what}` });
}

/** A module folder read from disk. */
interface FolderModule extends ModuleSource {
  readonly dir: string;
  readonly files: string[];
  /** The files whose `"//"` holds the package's metadata (suppressions, intents). */
  readonly withMetadata: string[];
}

/** Reads a folder as one module (all its configuration files, or the ones given). */
async function readFolderModule(
  dir: string,
  files: LoadedFile[],
  stackOf: (doc: any) => string,
  given?: readonly string[],
): Promise<FolderModule> {
  const names = given ?? configFilesOf(dir);
  const primary: ConfigFile[] = [];
  const overrides: ConfigFile[] = [];
  for (const file of names) {
    const doc = await readConfigFile(file);
    if (isOverride(path.basename(file))) overrides.push({ file, doc });
    else primary.push({ file, doc });
  }
  const problems: ConfigProblem[] = [];
  const doc =
    primary.length === 1 && overrides.length === 0
      ? primary[0].doc
      : mergeModule(primary, overrides, problems);
  const stack = stackOf(doc);
  for (const f of names) {
    const file = given ? path.relative(process.cwd(), f) || f : f;
    files.push({ file, stack, kind: f.endsWith(".tf") ? "hcl" : "json" });
  }
  const withMetadata = [...primary, ...overrides]
    .filter((f) => own(own(f.doc, "//"), METADATA_KEY) !== undefined)
    .map((f) => f.file);
  return { doc, dir, files: [...names], withMetadata, ...(problems.length > 0 ? { problems } : {}) };
}

/**
 * A called module as the expansion reads it: the package's metadata in its files (suppressions,
 * intents) is read in the root module only, so each file holding some is reported, never ignored in
 * silence (an intent written there would otherwise pass unchecked).
 */
function calledModule(m: FolderModule): FolderModule {
  if (m.withMetadata.length === 0) return m;
  const problems: ConfigProblem[] = [...(m.problems ?? [])];
  for (const file of m.withMetadata) {
    problems.push({
      where: path.basename(file),
      what: `${file}: the suppressions and intents of "//"."${METADATA_KEY}" are read in the root module's files only, not in a called module's, so these were not read (no suppression applied, no intent checked); write them in a .tf.json file of the root module, with the paths the report gives`,
    });
  }
  return { ...m, problems };
}

/**
 * `.terraform/modules/modules.json`: where `terraform init` installed each module call (by key), and
 * why the manifest could not be read, when it could not.
 */
function installedModules(root: string): { dirs: Map<string, string>; problem?: string } {
  const dirs = new Map<string, string>();
  const manifest = path.join(root, ".terraform", "modules", "modules.json");
  if (!fs.existsSync(manifest)) return { dirs };
  let m: unknown;
  try {
    const text = readText(manifest);
    try {
      m = JSON.parse(text);
    } catch (e) {
      return { dirs, problem: `${manifest} is not valid JSON (${(e as Error).message})` };
    }
  } catch (e) {
    if (!(e instanceof UnusableInputError)) throw e;
    return { dirs, problem: e.message };
  }
  const modules = own(m, "Modules");
  if (!Array.isArray(modules)) return { dirs, problem: `${manifest} has no Modules list` };
  for (const e of list(modules)) {
    const key = own(e, "Key");
    const dir = own(e, "Dir");
    if (typeof key === "string" && typeof dir === "string" && key !== "")
      dirs.set(key, path.resolve(root, dir));
  }
  return { dirs };
}

/**
 * Reads every module the root calls (recursively), so the synchronous expansion can look them up:
 * local sources relative to the calling module, remote ones where `terraform init` installed them.
 */
async function preloadModules(root: FolderModule, files: LoadedFile[], stack: string): Promise<ModuleLoader> {
  const installed = installedModules(root.dir);
  const byDir = new Map<string, FolderModule | { unreadable: string }>();
  const dirFor = (parent: ModuleSource, source: string, key: string): string | { unreadable: string } => {
    if (isLocalSource(source)) {
      if (!parent.dir) return { unreadable: "its caller was not read from a folder" };
      return path.resolve(parent.dir, source);
    }
    const dir = installed.dirs.get(key);
    if (dir !== undefined) return dir;
    if (installed.problem !== undefined) {
      // A manifest that cannot be read says nothing of what is installed: never "not installed".
      return { unreadable: `${installed.problem}; run terraform init again, or check the plan` };
    }
    return {
      unreadable: "it is not installed in .terraform/modules (run terraform init, or check the plan)",
    };
  };
  const visit = async (m: FolderModule, keyPrefix: string, depth: number): Promise<void> => {
    if (depth > 16) return;
    const config = readModuleConfig(m.doc);
    for (const [name, call] of config.modules) {
      const source = own(call.body, "source");
      if (typeof source !== "string") continue;
      const key = keyPrefix === "" ? name : `${keyPrefix}.${name}`;
      const dir = dirFor(m, source, key);
      if (typeof dir !== "string" || byDir.has(dir)) continue;
      try {
        const st = statOf(dir);
        if (!st.isDirectory()) throw new UnusableInputError(`${dir}: not a folder`);
        const loaded = await readFolderModule(dir, files, () => stack);
        if (loaded.files.length === 0) {
          byDir.set(dir, { unreadable: `${dir} holds no .tf or .tf.json file` });
          continue;
        }
        byDir.set(dir, calledModule(loaded));
        await visit(loaded, key, depth + 1);
      } catch (e) {
        // A module that cannot be read is reported with its address by the expansion.
        byDir.set(dir, { unreadable: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await visit(root, "", 0);
  return (parent, call) => {
    const dir = dirFor(parent, call.source, call.key);
    if (typeof dir !== "string") return dir;
    return byDir.get(dir) ?? { unreadable: `${dir} could not be read` };
  };
}

// --- variables ------------------------------------------------------------------------------------

/** The declared type of a variable, as text (`string`, `map(string)`), when declared. */
function declaredType(declared: ReadonlyMap<string, { body: any }>, name: string): string | undefined {
  const t = own(declared.get(name)?.body, "type");
  return typeof t === "string" ? bareReference(t) : undefined;
}

/**
 * A value given on the command line or in the environment: literal text for a variable of a
 * primitive type (or no type), an HCL expression for a collection type, as Terraform reads them.
 */
function commandLineValue(text: string, type: string | undefined, where: string): unknown {
  if (type === undefined || type === "string" || type === "number" || type === "bool" || type === "any")
    return text;
  try {
    return constantValue(`\${${text}}`);
  } catch (e) {
    if (e instanceof EvalError) {
      throw new UnusableInputError(
        `${where}: not a valid value for a variable of type ${type} (${e.message})`,
      );
    }
    throw e;
  }
}

/** Reads a variables file: HCL (`.tfvars`) or JSON (`.tfvars.json`, values literal). */
async function readVarFile(file: string): Promise<Map<string, unknown>> {
  const text = readText(file);
  const out = new Map<string, unknown>();
  if (file.endsWith(".json")) {
    const doc = parseJson(file, text);
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      throw new UnusableInputError(`${file}: a JSON variables file must hold an object`);
    }
    for (const k of Object.keys(doc)) out.set(k, (doc as Record<string, unknown>)[k]);
    return out;
  }
  const doc = await parseHcl(file, text);
  for (const k of Object.keys(doc)) {
    try {
      out.set(k, constantValue(own(doc, k)));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      throw new UnusableInputError(`${file}: the value of ${k} is not a constant (${e.message})`);
    }
  }
  return out;
}

/** The values of a root module's variables, in Terraform's order of precedence (later wins). */
async function variableValues(
  root: FolderModule | undefined,
  doc: any,
  options: LoadOptions,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  const declared = readModuleConfig(doc).variables;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (!k.startsWith("TF_VAR_") || v === undefined) continue;
    const name = k.slice("TF_VAR_".length);
    if (declared.has(name)) values.set(name, commandLineValue(v, declaredType(declared, name), k));
  }
  if (root) {
    const auto = fs
      .readdirSync(root.dir)
      .filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json"))
      .sort();
    for (const name of ["terraform.tfvars", "terraform.tfvars.json", ...auto]) {
      const file = path.join(root.dir, name);
      if (!fs.existsSync(file)) continue;
      for (const [k, v] of await readVarFile(file)) if (declared.has(k)) values.set(k, v);
    }
  }
  for (const file of options.varFiles ?? []) {
    for (const [k, v] of await readVarFile(file)) if (declared.has(k)) values.set(k, v);
  }
  for (const assignment of options.vars ?? []) {
    const eq = assignment.indexOf("=");
    const name = assignment.slice(0, eq);
    if (declared.has(name))
      values.set(
        name,
        commandLineValue(assignment.slice(eq + 1), declaredType(declared, name), `--var ${name}`),
      );
  }
  return values;
}

// --- the entry point --------------------------------------------------------------------------------

/** How deep below a folder given root folders are searched for. */
const MAX_SEARCH_DEPTH = 32;
/** Folders looked into below a folder at that depth, to say whether Terraform is there. */
const MAX_DEEP_FOLDERS = 10_000;

/** Something the loader could not read: reported as not verifiable. */
interface LoaderNote {
  readonly path: string;
  readonly what: string;
}

/** The subfolders a search goes into (not `node_modules`, not hidden ones). */
function subfoldersOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of entriesOf(dir)) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const full = path.join(dir, e.name);
    const isDir =
      e.isDirectory() || (e.isSymbolicLink() && fs.existsSync(full) && fs.statSync(full).isDirectory());
    if (isDir) out.push(full);
  }
  return out;
}

/**
 * Root module folders under a folder given: itself when it holds configuration files, else its
 * subfolders'. Below {@link MAX_SEARCH_DEPTH} folders the search stops; Terraform found there (or a
 * tree too large to tell) is added to `deep`, never skipped in silence.
 */
function rootFolders(
  dir: string,
  seen: Set<string>,
  depth: number,
  given: string,
  deep: LoaderNote[],
): string[] {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    throw describeError(dir, e);
  }
  if (seen.has(real)) return [];
  if (depth > MAX_SEARCH_DEPTH) {
    const note = deepNote(dir, seen, given);
    if (note) deep.push(note);
    return [];
  }
  seen.add(real);
  if (configFilesOf(dir).length > 0) return [dir];
  return subfoldersOf(dir).flatMap((sub) => rootFolders(sub, seen, depth + 1, given, deep));
}

/** Whether a folder below the search's depth holds Terraform (looked for without recursion). */
function deepNote(dir: string, seen: Set<string>, given: string): LoaderNote | undefined {
  const where = `nested deeper than ${MAX_SEARCH_DEPTH} folders below ${given}, where the search for .tf and .tf.json files stops`;
  const stack = [dir];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited >= MAX_DEEP_FOLDERS) {
      return {
        path: dir,
        what: `${dir} was not searched: it is ${where}, and holds more than ${MAX_DEEP_FOLDERS} folders; check the folders with Terraform directly`,
      };
    }
    const d = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(d);
    } catch (e) {
      throw describeError(d, e);
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (configFilesOf(d).length > 0) {
      return { path: d, what: `${d} was not checked: it is ${where}; check that folder directly` };
    }
    const subs = subfoldersOf(d);
    for (let i = subs.length - 1; i >= 0; i--) stack.push(subs[i]);
  }
  return undefined;
}

function folderStack(dir: string): string {
  return path.relative(process.cwd(), path.resolve(dir)) || ".";
}

/**
 * Reads the files and folders given to the CLI (or `checkTerraformFiles`): folders as root modules
 * (HCL and JSON), `.tf` / `.tf.json` files (files of one folder form one module), plans and states.
 */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedInputs> {
  if (paths.length === 0) throw new UnusableInputError("no file or folder given");
  const files: LoadedFile[] = [];
  const docs: InputDocument[] = [];
  const seenRoots = new Set<string>();
  const deep: LoaderNote[] = [];
  const looseByDir = new Map<string, string[]>();
  const roots: string[] = [];
  const plans: string[] = [];
  for (const p of paths) {
    const st = statOf(p);
    const special = specialKind(st);
    if (special)
      throw new UnusableInputError(
        `${p}: ${special}, not a file or folder this tool reads (refused without reading it)`,
      );
    if (st.isDirectory()) {
      const before = deep.length;
      const found = rootFolders(p, seenRoots, 0, p, deep);
      if (found.length === 0 && deep.length > before) {
        throw new UnusableInputError(
          `${p}: nothing to check within ${MAX_SEARCH_DEPTH} folders: ${deep[before].what}`,
        );
      }
      if (found.length === 0) {
        throw new UnusableInputError(
          `${p}: nothing to check: no .tf or .tf.json file in this folder or its subfolders (a terraform show -json plan is checked when given as a file)`,
        );
      }
      roots.push(...found);
    } else if (isConfigFile(p)) {
      const dir = path.dirname(path.resolve(p));
      const l = looseByDir.get(dir) ?? [];
      if (!l.includes(path.resolve(p))) l.push(path.resolve(p));
      looseByDir.set(dir, l);
    } else if (/\.tfvars(\.json)?$/.test(p)) {
      throw new UnusableInputError(`${p}: a variables file; pass it with --var-file`);
    } else {
      plans.push(p);
    }
  }
  const stackOf = (dir: string) => (doc: any) => stackNameOf(doc) ?? folderStack(dir);
  const rootDocs: FolderModule[] = [];
  for (const dir of roots) rootDocs.push(await readFolderModule(dir, files, stackOf(dir)));
  // Files given one by one: the given files of one folder form one module.
  for (const [dir, given] of looseByDir) {
    rootDocs.push(await readFolderModule(dir, files, stackOf(dir), given));
  }
  const names = new Set(rootDocs.map((m) => stackNameOf(m.doc) ?? folderStack(m.dir)));
  for (const p of plans) {
    const doc = parseJson(p, readText(p));
    const kind = documentKind(doc);
    if (typeof kind !== "string") throw new UnusableInputError(`${p}: ${kind.problem}`);
    const stack = path.relative(process.cwd(), path.resolve(p)) || p;
    files.push({ file: p, stack, kind: kind === "configuration" ? "json" : kind });
    names.add(stack);
    docs.push({ stack, doc });
  }
  // One stack: Terraform addresses alone name the blocks; several: prefixed with their stack.
  const single = names.size === 1;
  for (const module of rootDocs) {
    const stack = stackNameOf(module.doc) ?? folderStack(module.dir);
    const loader = await preloadModules(module, files, stack);
    const lockFile = path.join(module.dir, ".terraform.lock.hcl");
    let locked: string | undefined;
    if (fs.existsSync(lockFile)) locked = lockedAzurerm(await parseHcl(lockFile, readText(lockFile)));
    const variables = await variableValues(module, module.doc, options);
    docs.push({
      stack,
      doc: module.doc,
      dir: module.dir,
      loadModule: loader,
      variables,
      // What the search of the folders given did not read: reported once, with the first root module.
      ...(module === rootDocs[0] && deep.length > 0 ? { unread: deep } : {}),
      ...(locked !== undefined ? { lockedAzurerm: locked } : {}),
      ...(module.problems ? { problems: module.problems } : {}),
      ...(single ? { pathPrefix: "" } : {}),
    });
  }
  for (let i = 0; i < docs.length; i++) {
    if (single && docs[i].pathPrefix === undefined) docs[i] = { ...docs[i], pathPrefix: "" };
  }
  checkVarsDeclared(
    options,
    rootDocs.map((m) => m.doc),
  );
  return { docs, files };
}

/** A `--var` for a variable no root module declares is refused, as Terraform refuses it. */
function checkVarsDeclared(options: LoadOptions, docs: readonly any[]): void {
  for (const assignment of options.vars ?? []) {
    const eq = assignment.indexOf("=");
    if (eq <= 0) throw new UnusableInputError(`--var ${assignment}: expected name=value`);
    const name = assignment.slice(0, eq);
    if (!docs.some((d) => readModuleConfig(d).variables.has(name))) {
      throw new UnusableInputError(`--var ${name}: no root module declares a variable ${name}`);
    }
  }
}
