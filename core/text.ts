/** Small helpers to write lists in messages, so facts kept as lists in core/azure read as prose. */

function joinWith(items: readonly string[], last: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return joinWith(items, "or");
}

/** `a, b and c`. */
export function andList(items: readonly string[]): string {
  return joinWith(items, "and");
}

/*
 * Text that reaches a terminal or a CI log (the CLI's text output, synth's failure message and
 * annotations, validation errors). Names and values come from configurations other people wrote, so:
 * - control characters are escaped (`\n`, `\x1b`, ...): no escape sequence reaches the terminal and no
 *   value starts a line of its own. The C1 controls (U+0080-U+009F: U+009B is a CSI on some terminals),
 *   the Unicode line separators and the bidirectional formatting characters are escaped too;
 * - what a CI runner would read as a workflow command is neutralised: GitHub Actions reads `::command::`
 *   at the start of a line (after spaces) and the older `##[command]` anywhere in it; Azure Pipelines
 *   reads `##vso[...]` (and `##[...]` formatting) anywhere in a line. Their first character is escaped;
 * - long values are cut, saying how long they were.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 * @see https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands
 * @see https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
 */

/** Longest value a message shows whole; longer ones are cut. */
export const MAX_SHOWN_VALUE = 120;
/** Longest single line of a message (a finding, a validation error) before its middle is cut. */
export const MAX_MESSAGE = 4000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Workflow commands: `##[`/`##vso[` anywhere, `::` at the start of a line (after whitespace). */
function neutraliseCommands(line: string): string {
  const out = line.replace(/##(?=vso\[|\[)/gi, "\\x23#");
  return /^\s*::/.test(out) ? out.replace(/::/, "\\x3a:") : out;
}

/**
 * One value or one line, safe for a terminal or a CI log: control characters escaped, workflow
 * commands neutralised, and cut to `max` characters (the middle of the text is kept out, not its end,
 * so a message keeps its fix).
 */
export function terminalText(text: string, max: number = MAX_MESSAGE): string {
  const s = neutraliseCommands(String(text).replace(CONTROL, escapeChar));
  if (s.length <= max) return s;
  const head = Math.ceil((max * 3) / 4);
  const tail = max - head;
  return `${s.slice(0, head)}… (${s.length - head - tail} characters cut) …${s.slice(s.length - tail)}`;
}

/**
 * Output of several lines (the CLI's text, a Markdown summary) safe for a terminal or a CI log: each
 * line as {@link terminalText} would make it, the newlines between them kept.
 */
export function terminalLines(text: string): string {
  return String(text).replace(CONTROL_BUT_NEWLINE, escapeChar).split("\n").map(neutraliseCommands).join("\n");
}

/**
 * A value a message names, quoted: `'vnet-hub'`; escaped as {@link terminalText} escapes it and cut to
 * `max` characters, saying how long it was (`'xxxx…' (10000 characters)`).
 */
export function quoted(value: string, max: number = MAX_SHOWN_VALUE): string {
  const s = neutraliseCommands(String(value).replace(CONTROL, escapeChar));
  if (s.length <= max) return `'${s}'`;
  return `'${s.slice(0, max - 1)}…' (${String(value).length} characters)`;
}

/**
 * What a prop holds, for a message that says it has the wrong shape: `null`, `a string 'x'`,
 * `the number 5`, `a list of 3 items`, `an object`, a construct by its path. A string is shown only
 * when `showStrings` (never for a secret).
 */
export function describeValue(value: unknown, showStrings = true): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "string":
      return showStrings ? `a string ${quoted(value)}` : `a string (not shown: it may be a secret)`;
    case "number":
      return Number.isFinite(value) ? `the number ${value}` : `the number ${String(value)}`;
    case "boolean":
      return `the boolean ${value}`;
    case "bigint":
      return `the bigint ${quoted(String(value))}`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  const node = (value as { node?: { path?: unknown } }).node;
  if (node && typeof node.path === "string") return `the construct ${quoted(node.path)}`;
  return "an object";
}
