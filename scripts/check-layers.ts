/**
 * The layering check (`npm run layers`, part of `npm test`): imports run downward only.
 *
 *   core/                          the ground layer: imports nothing of ours
 *   constructs/   authoring/       may import core/ (authoring/ may also import constructs/)
 *   patterns/                      may import core/, constructs/, authoring/
 *   policies/                      may import core/
 *   bin/   index.ts                may import the library (core/, constructs/, authoring/, patterns/, policies/)
 *   stacks/                        may import index.ts only (the public API), and stacks/
 *
 * Tests, test utilities, benchmarks, end-to-end tests and scripts may import anything; the library may
 * import none of them. An import that runs up a layer, or across between constructs/ and policies/
 * (which would make a cycle between top-level folders), fails the check with the file, the line and
 * the rule it breaks. See docs/architecture.md.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

/** What each part of the repository may import (top-level folder, or `index.ts` for the package root). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: ["core"],
  constructs: ["core", "constructs"],
  authoring: ["core", "constructs", "authoring"],
  patterns: ["core", "constructs", "authoring", "patterns"],
  policies: ["core", "policies"],
  bin: ["core", "policies", "bin"],
  "index.ts": ["core", "constructs", "authoring", "patterns", "policies"],
  stacks: ["index.ts", "stacks"],
};

/** Parts that are not the library: they may import anything, and nothing of the library imports them. */
const OUTSIDE = new Set(["__tests__", "test-utils", "bench", "e2e", "scripts"]);

function partOf(root: string, file: string): string {
  return path.relative(root, file).split(path.sep)[0];
}

function sourceFiles(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "dist") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

/** One import that breaks the layering. */
export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly spec: string;
  readonly why: string;
}

/** Every import of the library's source files that breaks the layering. */
export function checkLayers(root: string = ROOT): Violation[] {
  const files: string[] = [];
  for (const part of Object.keys(ALLOWED)) {
    const p = path.join(root, part);
    if (!fs.existsSync(p)) continue;
    if (fs.statSync(p).isDirectory()) sourceFiles(p, files);
    else files.push(p);
  }
  const out: Violation[] = [];
  for (const file of files) {
    const from = partOf(root, file);
    const text = fs.readFileSync(file, "utf8");
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      const target = resolveImport(file, ref.fileName);
      if (!target) continue;
      const to = partOf(root, target);
      const allowed = ALLOWED[from] ?? [];
      if (allowed.includes(to)) continue;
      const line = text.slice(0, ref.pos).split("\n").length;
      const where =
        layerOf(to) > layerOf(from)
          ? "a layer above it"
          : layerOf(to) === layerOf(from)
            ? "beside it (a cycle between top-level folders)"
            : "below it but outside what it may use";
      const why = OUTSIDE.has(to)
        ? `${from} is part of the library and may not import ${to}/`
        : `${from} may import only ${allowed.join(", ")}; ${to} is ${where}`;
      out.push({ file: path.relative(root, file), line, spec: ref.fileName, why });
    }
  }
  return out;
}

function layerOf(part: string): number {
  if (part === "core") return 0;
  if (part === "constructs" || part === "policies" || part === "authoring" || part === "patterns") return 1;
  if (part === "bin" || part === "index.ts") return 2;
  if (part === "stacks") return 3;
  return 4;
}

if (require.main === module) {
  const violations = checkLayers();
  if (violations.length === 0) {
    console.log("layers: every import runs downward (see docs/architecture.md)");
  } else {
    for (const v of violations) console.error(`${v.file}:${v.line}: import '${v.spec}': ${v.why}`);
    console.error(`layers: ${violations.length} import(s) break the layering (see docs/architecture.md)`);
    process.exitCode = 1;
  }
}
