/**
 * Writes docs/reference.md, the reference of the constructs' props, from their doc comments: every
 * exported interface of constructs/ with each prop's type, summary and `@default` (or "required").
 * `npm run docs:reference`; a test fails when the page is stale or a prop has neither a default nor
 * is required.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
export const REFERENCE = path.join(ROOT, "docs/reference.md");

/** One prop of an interface. */
export interface PropDoc {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly summary: string;
  readonly default?: string;
}

const cell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();

/** The exported interfaces of a source file, with their props' docs. */
export function interfacesOf(file: string): { name: string; summary: string; props: PropDoc[] }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: { name: string; summary: string; props: PropDoc[] }[] = [];
  const docOf = (node: ts.Node) => {
    const docs = (node as any).jsDoc as ts.JSDoc[] | undefined;
    const doc = docs?.[docs.length - 1];
    const summary =
      typeof doc?.comment === "string" ? doc.comment : (ts.getTextOfJSDocComment(doc?.comment) ?? "");
    const tag = doc?.tags?.find((t) => t.tagName.text === "default");
    const def = tag
      ? typeof tag.comment === "string"
        ? tag.comment
        : ts.getTextOfJSDocComment(tag.comment)
      : undefined;
    return { summary: summary.split(/\n\s*\n/)[0], default: def };
  };
  sf.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    const props: PropDoc[] = [];
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const d = docOf(m);
      props.push({
        name: m.name.getText(sf),
        type: m.type ? m.type.getText(sf) : "unknown",
        optional: m.questionToken !== undefined,
        summary: d.summary,
        ...(d.default !== undefined ? { default: d.default } : {}),
      });
    }
    out.push({ name: node.name.text, summary: docOf(node).summary, props });
  });
  return out;
}

/** The page. */
export function referencePage(): string {
  const dir = path.join(ROOT, "constructs");
  const lines = [
    "# Constructs reference",
    "",
    "Generated from the doc comments of `constructs/` by `npm run docs:reference` (a test fails when it is stale).",
    "Every prop with its type and its default; a prop without a default is required.",
    "",
  ];
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    for (const i of interfacesOf(path.join(dir, f))) {
      if (i.props.length === 0) continue;
      lines.push(`## ${i.name}`, "", `${cell(i.summary)} (\`constructs/${f}\`)`, "");
      lines.push("| prop | type | default | description |", "| --- | --- | --- | --- |");
      for (const p of i.props) {
        const def = p.optional ? cell(p.default ?? "(none stated)") : "required";
        lines.push(`| \`${p.name}\` | \`${cell(p.type)}\` | ${def} | ${cell(p.summary)} |`);
      }
      lines.push("");
    }
  }
  lines.push("[Back to the README](../README.md)", "");
  return lines.join("\n");
}

if (require.main === module) fs.writeFileSync(REFERENCE, referencePage());
