/**
 * Where a finding's resource is in a Terraform JSON file: the line of its block (`resource.<type>.<name>`),
 * found by the resource's address or by the construct path cdktf records in its `"//"` metadata. For the
 * SARIF region of each result, so code scanning points at the resource, not at the top of the file.
 */
import * as fs from "fs";
import { Finding } from "../finding";
import { LocateFinding, SourceLocation } from "../report";

/** The lines of a Terraform JSON text's blocks: address (`type.name`, `data.type.name`) -> 1-based line. */
export function blockLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") line++;
      else if (c !== " " && c !== "\t" && c !== "\r") break;
    }
  };
  const str = (): string => {
    if (text[i] !== '"') throw new SyntaxError(`expected a string at ${i}`);
    const start = i++;
    for (; text[i] !== '"'; i++) {
      if (i >= text.length) throw new SyntaxError("unterminated string");
      if (text[i] === "\\") i++;
    }
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = (keys: string[]): void => {
    ws();
    if (i >= text.length) throw new SyntaxError("unexpected end");
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyLine = line;
        const key = str();
        const at = [...keys, key];
        if (at.length === 3 && (at[0] === "resource" || at[0] === "data")) {
          lines.set(`${at[0] === "data" ? "data." : ""}${at[1]}.${at[2]}`, keyLine);
        }
        ws();
        i++; // ':'
        // Below a block's name nothing more is recorded: skip with a shallow key path.
        value(at.length >= 3 ? ["", "", "", ""] : at);
        ws();
        if (text[i++] === "}") return;
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        // Terraform JSON allows a section or a block as an array of objects (as hcl2json writes them).
        value(keys);
        ws();
        if (text[i++] === "]") return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
    }
  };
  try {
    value([]);
  } catch {
    // Not JSON we can walk: no lines (the finding keeps its file).
  }
  return lines;
}

/** Construct path (cdktf's `"//".metadata.path`) -> address, for every block of a Terraform JSON document. */
export function constructPaths(doc: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const section = (name: "resource" | "data") => {
    const raw = (doc as any)?.[name];
    for (const types of Array.isArray(raw) ? raw : [raw]) {
      for (const [type, byName] of Object.entries(types ?? {})) {
        for (const named of Array.isArray(byName) ? byName : [byName]) {
          for (const [n, body] of Object.entries(named ?? {})) {
            for (const b of Array.isArray(body) ? body : [body]) {
              const p = (b as any)?.["//"]?.metadata?.path;
              if (typeof p === "string") out.set(p, `${name === "data" ? "data." : ""}${type}.${n}`);
            }
          }
        }
      }
    }
  };
  section("resource");
  section("data");
  return out;
}

/** A Terraform JSON document as text, or a file to read it from; `stack` names the stack it holds. */
export interface LocatableFile {
  readonly file: string;
  readonly stack: string;
  /** The file's text (read from `file` when left out). */
  readonly text?: string;
}

/**
 * Finds each finding's file and line: by construct path (cdktf metadata), else by Terraform address
 * (the finding's path, or its end after the stack prefix); else the stack's file without a line.
 */
export function locateInFiles(files: readonly LocatableFile[]): LocateFinding {
  const byPath = new Map<string, SourceLocation>();
  const byAddress = new Map<string, SourceLocation[]>();
  const byStack = new Map<string, string>();
  for (const f of files) {
    let text = f.text;
    try {
      text ??= fs.readFileSync(f.file, "utf8");
    } catch {
      continue;
    }
    if (!byStack.has(f.stack)) byStack.set(f.stack, f.file);
    const lines = blockLines(text);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    for (const [p, address] of constructPaths(doc)) byPath.set(p, { file: f.file, line: lines.get(address) });
    for (const [address, line] of lines) {
      const list = byAddress.get(address) ?? [];
      list.push({ file: f.file, line });
      byAddress.set(address, list);
    }
  }
  return (finding: Finding) => {
    const exact = byPath.get(finding.path);
    if (exact) return exact;
    const parts = finding.path.split("/");
    for (let k = 0; k < parts.length; k++) {
      const candidates = byAddress.get(parts.slice(k).join("/"));
      if (!candidates) continue;
      const stackFile = byStack.get(parts[0]);
      return candidates.find((c) => c.file === stackFile) ?? candidates[0];
    }
    const file = byStack.get(parts[0]) ?? (byStack.size === 1 ? [...byStack.values()][0] : undefined);
    return file ? { file } : undefined;
  };
}
