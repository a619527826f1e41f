/** Reading Terraform JSON from disk for the CLI: files, folders, a `cdktf.out` folder. */
import * as fs from "fs";
import * as path from "path";
import { StackDocument, stackNameOf } from "./terraform-json";

/** Input the CLI cannot use (missing path, unreadable or invalid JSON, nothing to check). */
export class UnusableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableInputError";
  }
}

/** A loaded file and the stack it belongs to. */
export interface LoadedFile {
  readonly file: string;
  readonly stack: string;
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === ".terraform" || entry.name.startsWith("."))
        continue;
      walk(full, out);
    } else if (entry.isFile() && entry.name.endsWith(".tf.json")) {
      out.push(full);
    }
  }
}

/**
 * Loads every `.tf.json` under the given files and folders. Files in one folder form one stack
 * (as Terraform reads a module), named by cdktf's `//.metadata.stackName` when present, else by the folder.
 */
export function loadTerraformJson(paths: readonly string[]): { docs: StackDocument[]; files: LoadedFile[] } {
  if (paths.length === 0) throw new UnusableInputError("no file or folder given");
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UnusableInputError(`${p}: no such file or folder`);
    if (fs.statSync(p).isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      if (found.length === 0) throw new UnusableInputError(`${p}: no .tf.json file in this folder`);
      files.push(...found);
    } else {
      files.push(p);
    }
  }
  const byStack = new Map<string, any[]>();
  const loaded: LoadedFile[] = [];
  for (const file of [...new Set(files)]) {
    let doc: unknown;
    try {
      doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new UnusableInputError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      throw new UnusableInputError(`${file}: a Terraform JSON file must hold an object`);
    }
    const stack = stackNameOf(doc) ?? (path.relative(process.cwd(), path.dirname(path.resolve(file))) || ".");
    const list = byStack.get(stack) ?? [];
    list.push(doc);
    byStack.set(stack, list);
    loaded.push({ file, stack });
  }
  const docs: StackDocument[] = [];
  // One stack: Terraform addresses alone name the blocks; several: prefixed with their folder.
  const pathPrefix = byStack.size === 1 ? "" : undefined;
  for (const [stack, list] of byStack) {
    if (list.length === 1) {
      docs.push({ stack, doc: list[0], pathPrefix });
      continue;
    }
    // Several files of one module: Terraform JSON allows each top-level section as an array of objects.
    const mergedDoc: Record<string, unknown[]> = {};
    for (const d of list) {
      for (const [k, v] of Object.entries(d)) {
        if (k === "//") continue;
        (mergedDoc[k] ??= []).push(v);
      }
    }
    docs.push({ stack, doc: { ...mergedDoc, "//": list.find((d) => d["//"])?.["//"] }, pathPrefix });
  }
  return { docs, files: loaded };
}
