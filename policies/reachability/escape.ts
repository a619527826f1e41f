/**
 * Text of user-given names (networks, sites, gateways, construct paths, intent reasons) as each output
 * syntax needs it: names are cut when very long and wrapped to fit a box; Markdown, Mermaid and DOT get
 * what their syntax would otherwise read as markup escaped (newlines, quotes, `<`, `|`, backticks,
 * brackets, ...). The SVG is written by Graphviz from the DOT, which escapes its text as XML.
 *
 * @see https://spec.commonmark.org/0.31.2/#backslash-escapes
 * @see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 * @see https://graphviz.org/doc/info/lang.html (double-quoted strings: `\"` is the only escape)
 */

/** Longest name shown in full; longer ones are cut with an ellipsis. */
export const MAX_NAME = 60;
/** Characters per line of a diagram box. */
export const WRAP_AT = 24;

/** C0 controls, DEL and the Unicode line and paragraph separators: they break a line. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
/**
 * Characters a reader cannot see that a terminal or an editor acts on: C1 controls (`\u009b` is a
 * terminal's CSI), bidirectional overrides and isolates (text shown in another order than it is read,
 * "Trojan Source"), zero-width characters and the byte-order mark.
 */
const INVISIBLE = /[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** The start of a CI logging command inside a line: GitHub's `##[error]`, Azure Pipelines' `##vso[`. */
const LOGGING_COMMAND = /##(?=\[|vso\[)/gi;

/** Any character or sequence {@link safeJson} rewrites (the three patterns it applies, in one). */
const JSON_UNSAFE = new RegExp(`[\\u007f\\u2028\\u2029]|${INVISIBLE.source}|${LOGGING_COMMAND.source}`, "i");

const codePoint = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * One line, safe to print: newlines and other control characters become spaces, invisible characters
 * are shown as `\uXXXX`, and `##[` / `##vso[` become `# #[` / `# #vso[` (a CI runner would read them as
 * commands).
 */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAKING, " ").replace(INVISIBLE, codePoint).replace(LOGGING_COMMAND, "# #");
}

/**
 * JSON text safe to print: the characters JSON.stringify leaves raw that a terminal acts on or hides
 * (DEL, C1, line separators, bidirectional and zero-width characters) as `\uXXXX` escapes, and the `#`
 * of a CI logging command as `\u0023`. The document parses to the same value.
 */
export function safeJson(json: string): string {
  // Most documents have none of them: one scan to find out (the matrix is MBs at thousands of networks).
  if (!JSON_UNSAFE.test(json)) return json;
  return json
    .replace(/[\u007f\u2028\u2029]/g, codePoint)
    .replace(INVISIBLE, codePoint)
    .replace(LOGGING_COMMAND, "#\\u0023");
}

/** The text on one line, cut to `max` characters (the last one an ellipsis). */
export function cut(s: string, max = MAX_NAME): string {
  const t = oneLine(s);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * Lines of at most `width` characters: broken at a space, else after `-`, `_`, `.`, `/`, `:` or `,`,
 * inside a word where there is none.
 */
export function wrap(s: string, width = WRAP_AT): string[] {
  const text = cut(s);
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const head = rest.slice(0, width + 1);
    // After the last space if there is one far enough in, else after the last other separator.
    const after = (chars: string) => {
      for (let i = head.length - 1; i > width / 3; i--) if (chars.includes(head[i - 1])) return i;
      return -1;
    };
    let at = after(" ");
    if (at < 0) at = after("-_./:,");
    if (at < 0) at = width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || lines.length === 0) lines.push(rest);
  return lines;
}

/**
 * Inline Markdown text (never at the start of a line): the characters that open emphasis, code, links,
 * tables or strikethrough backslash-escaped, and `<` as an entity (no HTML, no autolink), one line. A
 * `>` is left as it is: it opens a quote only at the start of a line, and the path arrows (`->`) read
 * the same in a terminal as in a rendered comment.
 */
export function markdownText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]|~]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;");
}

/** Text inside a double-quoted Mermaid label, lines joined with `<br/>`. */
export function mermaidText(lines: readonly string[]): string {
  return lines
    .map((l) =>
      oneLine(l)
        .replace(/#/g, "#35;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;")
        .replace(/`/g, "#96;")
        .replace(/\|/g, "#124;")
        .replace(/\[/g, "#91;")
        .replace(/\]/g, "#93;")
        .replace(/\{/g, "#123;")
        .replace(/\}/g, "#125;"),
    )
    .join("<br/>");
}

/** Text inside a double-quoted DOT string, lines joined with `\n` (centred). */
export function dotText(lines: readonly string[]): string {
  return lines.map((l) => oneLine(l).replace(/\\/g, "\\\\").replace(/"/g, '\\"')).join("\\n");
}
