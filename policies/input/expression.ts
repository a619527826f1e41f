/**
 * A parser for Terraform's expression language, as it appears in Terraform JSON strings (and in what
 * `hcl2json` writes from HCL): string templates with `${ ... }` interpolations and `%{ if }` /
 * `%{ for }` directives, and inside them HCL native expressions (literals, tuples, objects,
 * references with attribute, index and splat steps, function calls, operators, conditionals and
 * `for` expressions).
 *
 * The parser is iterative where input can nest without bound (operators, postfix steps) and refuses
 * nesting deeper than {@link MAX_NESTING}, so no input can exhaust the stack.
 *
 * @see https://developer.hashicorp.com/terraform/language/syntax/json (strings are templates)
 * @see https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md (the native syntax)
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#interpolation
 */

/** Nesting (parentheses, brackets, templates in templates) deeper than this is refused. */
export const MAX_NESTING = 64;

/** A parsed expression; `s`/`e` are the offsets of its source text. */
export type Expr =
  | {
      readonly k: "lit";
      readonly v: string | number | boolean | null;
      readonly s: number;
      readonly e: number;
    }
  | { readonly k: "tpl"; readonly parts: readonly TplPart[]; readonly s: number; readonly e: number }
  | { readonly k: "var"; readonly name: string; readonly s: number; readonly e: number }
  | { readonly k: "attr"; readonly obj: Expr; readonly name: string; readonly s: number; readonly e: number }
  | { readonly k: "index"; readonly obj: Expr; readonly key: Expr; readonly s: number; readonly e: number }
  | {
      readonly k: "splat";
      readonly obj: Expr;
      /** The steps after the splat, applied to each element (on the anonymous symbol `anon`). */
      readonly each: Expr;
      readonly s: number;
      readonly e: number;
    }
  | { readonly k: "anon"; readonly s: number; readonly e: number }
  | {
      readonly k: "call";
      readonly name: string;
      readonly args: readonly Expr[];
      /** The last argument is expanded (`f(list...)`). */
      readonly expand: boolean;
      readonly s: number;
      readonly e: number;
    }
  | { readonly k: "tuple"; readonly items: readonly Expr[]; readonly s: number; readonly e: number }
  | {
      readonly k: "object";
      readonly items: readonly { readonly key: Expr; readonly value: Expr }[];
      readonly s: number;
      readonly e: number;
    }
  | {
      readonly k: "cond";
      readonly c: Expr;
      readonly t: Expr;
      readonly f: Expr;
      readonly s: number;
      readonly e: number;
    }
  | { readonly k: "unary"; readonly op: "-" | "!"; readonly x: Expr; readonly s: number; readonly e: number }
  | {
      readonly k: "bin";
      readonly op: string;
      readonly l: Expr;
      readonly r: Expr;
      readonly s: number;
      readonly e: number;
    }
  | { readonly k: "paren"; readonly x: Expr; readonly s: number; readonly e: number }
  | {
      readonly k: "for";
      readonly keyVar?: string;
      readonly valVar: string;
      readonly coll: Expr;
      readonly keyExpr?: Expr;
      readonly valExpr: Expr;
      readonly cond?: Expr;
      readonly group: boolean;
      readonly object: boolean;
      readonly s: number;
      readonly e: number;
    };

/** A part of a template: literal text, an interpolation, or a directive. */
export type TplPart =
  | { readonly k: "text"; readonly text: string }
  | { readonly k: "interp"; readonly x: Expr }
  | {
      readonly k: "if";
      readonly c: Expr;
      readonly then: readonly TplPart[];
      readonly else: readonly TplPart[];
    }
  | {
      readonly k: "tfor";
      readonly keyVar?: string;
      readonly valVar: string;
      readonly coll: Expr;
      readonly body: readonly TplPart[];
    };

/** Why an expression could not be parsed. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(message);
    this.name = "ExpressionSyntaxError";
  }
}

/** True when a JSON string holds a template sequence (an interpolation or a directive). */
export function isTemplate(text: string): boolean {
  return text.includes("${") || text.includes("%{");
}

/**
 * Parses a JSON string as Terraform's JSON syntax reads it: a template. A string that is exactly one
 * interpolation (`"${x}"`) evaluates to the value of `x` itself (not converted to a string).
 */
export function parseTemplate(text: string): Expr {
  const p = new Parser(text);
  const parts = p.templateParts(0, "end");
  return { k: "tpl", parts, s: 0, e: text.length };
}

/** Parses one expression (the text between `${` and `}`, or a `-var` value). */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const x = p.expression();
  p.ws();
  if (p.pos < text.length) p.fail(`unexpected '${text[p.pos]}'`);
  return x;
}

const BINARY: Readonly<Record<string, number>> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};

const ID_START = /[A-Za-z_]/;
const ID_PART = /[A-Za-z0-9_-]/;

class Parser {
  public pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  public fail(message: string, at = this.pos): never {
    throw new ExpressionSyntaxError(`${message} at offset ${at}`, at);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail(`nested deeper than ${MAX_NESTING} levels`);
  }

  private leave(): void {
    this.depth--;
  }

  /** Skips white space and comments (`#`, `//`, `/* *\/`). */
  public ws(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        this.pos++;
      } else if (c === "#" || (c === "/" && s[this.pos + 1] === "/")) {
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && s[this.pos + 1] === "*") {
        const end = s.indexOf("*/", this.pos + 2);
        if (end < 0) this.fail("unterminated comment");
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  private eat(text: string): boolean {
    this.ws();
    if (this.peek(text)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected '${text}'`);
  }

  private ident(): string | undefined {
    this.ws();
    const s = this.src;
    if (!ID_START.test(s[this.pos] ?? "")) return undefined;
    const start = this.pos;
    while (this.pos < s.length && ID_PART.test(s[this.pos])) this.pos++;
    return s.slice(start, this.pos);
  }

  private keywordAhead(word: string): boolean {
    this.ws();
    if (!this.peek(word)) return false;
    const after = this.src[this.pos + word.length] ?? "";
    return !ID_PART.test(after);
  }

  // --- templates ---------------------------------------------------------------------------------

  /**
   * Template parts from `pos` until the end of input ("end"), a closing quote ("quote") or a
   * directive keyword (`else`, `endif`, `endfor`: returned to the caller).
   */
  public templateParts(start: number, until: "end" | "quote" | "directive"): TplPart[] {
    this.enter();
    this.pos = start;
    const s = this.src;
    const parts: TplPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ k: "text", text });
      text = "";
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (until === "quote" && c === '"') break;
      if (until === "quote" && c === "\\") {
        text += this.escape();
        continue;
      }
      if ((c === "$" || c === "%") && s[this.pos + 1] === c && s[this.pos + 2] === "{") {
        // `$${` and `%%{` are the literal `${` and `%{`.
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === "$" && s[this.pos + 1] === "{") {
        this.pos += 2;
        const stripBefore = s[this.pos] === "~";
        if (stripBefore) this.pos++;
        if (stripBefore) text = text.replace(/\s+$/, "");
        flush();
        const x = this.expression();
        this.ws();
        const stripAfter = s[this.pos] === "~";
        if (stripAfter) this.pos++;
        if (s[this.pos] !== "}") this.fail("expected '}' closing the interpolation");
        this.pos++;
        parts.push({ k: "interp", x });
        if (stripAfter) this.stripLeading();
        continue;
      }
      if (c === "%" && s[this.pos + 1] === "{") {
        const save = this.pos;
        this.pos += 2;
        if (s[this.pos] === "~") {
          this.pos++;
          text = text.replace(/\s+$/, "");
        }
        const word = this.ident();
        if (word === "else" || word === "endif" || word === "endfor") {
          if (until !== "directive") this.fail(`unexpected %{${word}}`, save);
          flush();
          this.pos = save;
          this.leave();
          return parts;
        }
        flush();
        if (word === "if") {
          parts.push(this.ifDirective());
        } else if (word === "for") {
          parts.push(this.forDirective());
        } else {
          this.fail("unknown template directive", save);
        }
        continue;
      }
      text += c;
      this.pos++;
    }
    if (until === "directive") this.fail("unterminated template directive");
    flush();
    this.leave();
    return parts;
  }

  private stripLeading(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  /** `}` closing a directive, with an optional strip marker. */
  private directiveEnd(): void {
    this.ws();
    const strip = this.src[this.pos] === "~";
    if (strip) this.pos++;
    if (this.src[this.pos] !== "}") this.fail("expected '}' closing the directive");
    this.pos++;
    if (strip) this.stripLeading();
  }

  private closing(word: string): void {
    // At `%{`: the keyword the caller expects.
    this.pos += 2;
    if (this.src[this.pos] === "~") this.pos++;
    const got = this.ident();
    if (got !== word) this.fail(`expected %{${word}}`);
    this.directiveEnd();
  }

  private ifDirective(): TplPart {
    const c = this.expression();
    this.directiveEnd();
    const then = this.templateParts(this.pos, "directive");
    let otherwise: TplPart[] = [];
    const save = this.pos;
    this.pos += 2;
    if (this.src[this.pos] === "~") this.pos++;
    const word = this.ident();
    this.pos = save;
    if (word === "else") {
      this.closing("else");
      otherwise = this.templateParts(this.pos, "directive");
    }
    this.closing("endif");
    return { k: "if", c, then, else: otherwise };
  }

  private forDirective(): TplPart {
    const { keyVar, valVar, coll } = this.forVariables();
    this.directiveEnd();
    const body = this.templateParts(this.pos, "directive");
    this.closing("endfor");
    return { k: "tfor", keyVar, valVar, coll, body };
  }

  private escape(): string {
    const s = this.src;
    const n = s[this.pos + 1];
    this.pos += 2;
    switch (n) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u":
      case "U": {
        const len = n === "u" ? 4 : 8;
        const hex = s.slice(this.pos, this.pos + len);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail("invalid unicode escape");
        this.pos += len;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      default:
        return this.fail(`invalid escape '\\${n ?? ""}'`);
    }
  }

  // --- expressions -------------------------------------------------------------------------------

  public expression(): Expr {
    this.enter();
    const c = this.binary(0);
    this.ws();
    let out = c;
    if (this.src[this.pos] === "?") {
      this.pos++;
      const t = this.expression();
      this.expect(":");
      const f = this.expression();
      out = { k: "cond", c, t, f, s: c.s, e: f.e };
    }
    this.leave();
    return out;
  }

  /** Binary operators by precedence climbing (iterative over operators of one level). */
  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      this.ws();
      const op = this.binaryOp();
      if (!op || BINARY[op] <= min) return left;
      this.pos += op.length;
      const right = this.binary(BINARY[op]);
      left = { k: "bin", op, l: left, r: right, s: left.s, e: right.e };
    }
  }

  private binaryOp(): string | undefined {
    const s = this.src;
    const two = s.slice(this.pos, this.pos + 2);
    if (["||", "&&", "==", "!=", "<=", ">="].includes(two)) return two;
    const one = s[this.pos];
    if (one === "=" && s[this.pos + 1] === ">") return undefined;
    if (["<", ">", "+", "-", "*", "/", "%"].includes(one)) {
      // `/` starting a comment is not division.
      if (one === "/" && (s[this.pos + 1] === "/" || s[this.pos + 1] === "*")) return undefined;
      return one;
    }
    return undefined;
  }

  private unary(): Expr {
    this.ws();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === "-" || c === "!") {
      this.pos++;
      this.enter();
      const x = this.unary();
      this.leave();
      return { k: "unary", op: c, x, s: start, e: x.e };
    }
    return this.postfix(this.primary());
  }

  /** Attribute, index and splat steps after a primary expression. */
  private postfix(base: Expr): Expr {
    let x = base;
    for (;;) {
      this.ws();
      const s = this.src;
      if (s[this.pos] === "." && s[this.pos + 1] === "*") {
        this.pos += 2;
        const each = this.splatSteps({ k: "anon", s: this.pos, e: this.pos }, false);
        x = { k: "splat", obj: x, each, s: x.s, e: this.pos };
      } else if (s[this.pos] === "." && s[this.pos + 1] !== ".") {
        this.pos++;
        x = this.dotStep(x);
      } else if (s[this.pos] === "[" && this.afterWs(this.pos + 1) === "*") {
        this.pos = this.src.indexOf("*", this.pos) + 1;
        this.expect("]");
        const each = this.splatSteps({ k: "anon", s: this.pos, e: this.pos }, true);
        x = { k: "splat", obj: x, each, s: x.s, e: this.pos };
      } else if (s[this.pos] === "[") {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        x = { k: "index", obj: x, key, s: x.s, e: this.pos };
      } else {
        return x;
      }
    }
  }

  private afterWs(at: number): string {
    let i = at;
    while (/\s/.test(this.src[i] ?? "")) i++;
    return this.src[i] ?? "";
  }

  /** `.name` or the legacy index `.0`. */
  private dotStep(obj: Expr): Expr {
    this.ws();
    const s = this.src;
    if (/[0-9]/.test(s[this.pos] ?? "")) {
      const start = this.pos;
      while (/[0-9]/.test(s[this.pos] ?? "")) this.pos++;
      const key: Expr = { k: "lit", v: Number(s.slice(start, this.pos)), s: start, e: this.pos };
      return { k: "index", obj, key, s: obj.s, e: this.pos };
    }
    const name = this.ident();
    if (name === undefined) this.fail("expected an attribute name after '.'");
    return { k: "attr", obj, name, s: obj.s, e: this.pos };
  }

  /** The steps after a splat: attribute steps, and for a full splat (`[*]`) index steps too. */
  private splatSteps(anon: Expr, full: boolean): Expr {
    let x = anon;
    for (;;) {
      this.ws();
      const s = this.src;
      if (s[this.pos] === "." && s[this.pos + 1] !== "*") {
        this.pos++;
        x = this.dotStep(x);
      } else if (full && s[this.pos] === "[" && this.afterWs(this.pos + 1) !== "*") {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        x = { k: "index", obj: x, key, s: x.s, e: this.pos };
      } else {
        return x;
      }
    }
  }

  private primary(): Expr {
    this.ws();
    const s = this.src;
    const start = this.pos;
    const c = s[this.pos];
    if (c === undefined) this.fail("unexpected end of expression");
    if (/[0-9]/.test(c)) return this.number();
    if (c === '"') {
      this.pos++;
      const parts = this.templateParts(this.pos, "quote");
      if (s[this.pos] !== '"') this.fail("unterminated string", start);
      this.pos++;
      if (parts.length === 0) return { k: "lit", v: "", s: start, e: this.pos };
      if (parts.length === 1 && parts[0].k === "text")
        return { k: "lit", v: parts[0].text, s: start, e: this.pos };
      return { k: "tpl", parts, s: start, e: this.pos };
    }
    if (c === "<" && s[this.pos + 1] === "<") return this.heredoc();
    if (c === "(") {
      this.pos++;
      this.enter();
      const x = this.expression();
      this.leave();
      this.expect(")");
      return { k: "paren", x, s: start, e: this.pos };
    }
    if (c === "[") return this.tupleOrFor();
    if (c === "{") return this.objectOrFor();
    const name = this.ident();
    if (name === undefined) this.fail(`unexpected '${c}'`);
    if (name === "true" || name === "false") return { k: "lit", v: name === "true", s: start, e: this.pos };
    if (name === "null") return { k: "lit", v: null, s: start, e: this.pos };
    // Function call (`f(...)`, provider functions `provider::ns::f(...)`).
    let full = name;
    while (s.startsWith("::", this.pos)) {
      this.pos += 2;
      const more = this.ident();
      if (more === undefined) this.fail("expected a function name after '::'");
      full += `::${more}`;
    }
    this.ws();
    if (s[this.pos] === "(") {
      this.pos++;
      this.enter();
      const args: Expr[] = [];
      let expand = false;
      this.ws();
      if (s[this.pos] !== ")") {
        for (;;) {
          args.push(this.expression());
          this.ws();
          if (s.startsWith("...", this.pos)) {
            this.pos += 3;
            expand = true;
            this.ws();
          }
          if (this.eat(",")) {
            this.ws();
            if (s[this.pos] === ")") break;
            if (expand) this.fail("only the last argument can be expanded");
            continue;
          }
          break;
        }
      }
      this.expect(")");
      this.leave();
      return { k: "call", name: full, args, expand, s: start, e: this.pos };
    }
    if (full !== name) this.fail("expected '(' after a function name");
    return { k: "var", name, s: start, e: this.pos };
  }

  private number(): Expr {
    const s = this.src;
    const start = this.pos;
    const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(this.pos, this.pos + 64));
    if (!m) this.fail("invalid number");
    this.pos += m[0].length;
    return { k: "lit", v: Number(m[0]), s: start, e: this.pos };
  }

  private heredoc(): Expr {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    const indent = s[this.pos] === "-";
    if (indent) this.pos++;
    const marker = this.ident();
    if (!marker) this.fail("expected a heredoc marker");
    const nl = s.indexOf("\n", this.pos);
    if (nl < 0) this.fail("unterminated heredoc");
    const lines: string[] = [];
    let i = nl + 1;
    for (;;) {
      const end = s.indexOf("\n", i);
      const line = s.slice(i, end < 0 ? s.length : end);
      if (line.trim() === marker) {
        this.pos = i + line.length;
        break;
      }
      lines.push(line);
      if (end < 0) this.fail("unterminated heredoc", start);
      i = end + 1;
    }
    let body = lines;
    if (indent) {
      const widths = lines.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length);
      const cut = widths.length ? Math.min(...widths) : 0;
      body = lines.map((l) => l.slice(cut));
    }
    const text = body.map((l) => `${l}\n`).join("");
    const inner = new Parser(text);
    const parts = inner.templateParts(0, "end");
    return { k: "tpl", parts, s: start, e: this.pos };
  }

  private forHeader(): { keyVar?: string; valVar: string; coll: Expr } {
    const header = this.forVariables();
    this.expect(":");
    return header;
  }

  /** After `for`: `[key,] value in collection` (of a for expression or a template directive). */
  private forVariables(): { keyVar?: string; valVar: string; coll: Expr } {
    const first = this.ident();
    if (!first) this.fail("expected a variable name after 'for'");
    let keyVar: string | undefined;
    let valVar = first;
    if (this.eat(",")) {
      keyVar = first;
      const second = this.ident();
      if (!second) this.fail("expected a variable name");
      valVar = second;
    }
    if (!this.keywordAhead("in")) this.fail("expected 'in'");
    this.pos += 2;
    const coll = this.expression();
    return { keyVar, valVar, coll };
  }

  /** The end of a `for` expression: its `if` condition when there is one, then the closing bracket. */
  private forEnd(close: "]" | "}"): Expr | undefined {
    let cond: Expr | undefined;
    if (this.keywordAhead("if")) {
      this.pos += 2;
      cond = this.expression();
    }
    this.expect(close);
    this.leave();
    return cond;
  }

  private tupleOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    this.enter();
    if (this.keywordAhead("for")) {
      this.pos += 3;
      const h = this.forHeader();
      const valExpr = this.expression();
      const cond = this.forEnd("]");
      return { k: "for", ...h, valExpr, cond, group: false, object: false, s: start, e: this.pos };
    }
    const items: Expr[] = [];
    this.ws();
    while (this.src[this.pos] !== "]") {
      items.push(this.expression());
      if (!this.eat(",")) break;
      this.ws();
    }
    this.expect("]");
    this.leave();
    return { k: "tuple", items, s: start, e: this.pos };
  }

  private objectOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    this.enter();
    if (this.keywordAhead("for")) {
      const save = this.pos;
      this.pos += 3;
      // `{ for = 1 }` is an object with the key "for".
      this.ws();
      if (this.src[this.pos] !== "=" && this.src[this.pos] !== ":") {
        const h = this.forHeader();
        const keyExpr = this.expression();
        this.expect("=>");
        const valExpr = this.expression();
        let group = false;
        if (this.eat("...")) group = true;
        const cond = this.forEnd("}");
        return { k: "for", ...h, keyExpr, valExpr, cond, group, object: true, s: start, e: this.pos };
      }
      this.pos = save;
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.ws();
      if (this.src[this.pos] === "}") break;
      const keyStart = this.pos;
      let key: Expr;
      const name = ID_START.test(this.src[this.pos] ?? "") ? this.ident() : undefined;
      this.ws();
      if (name !== undefined && (this.src[this.pos] === "=" || this.src[this.pos] === ":")) {
        // A bare identifier as a key is its name, not a reference.
        key = { k: "lit", v: name, s: keyStart, e: keyStart + name.length };
      } else {
        this.pos = keyStart;
        key = this.expression();
      }
      this.ws();
      if (this.src[this.pos] === "=" && this.src[this.pos + 1] !== "=") this.pos++;
      else if (this.src[this.pos] === ":") this.pos++;
      else this.fail("expected '=' or ':' after an object key");
      const value = this.expression();
      items.push({ key, value });
      this.ws();
      if (this.src[this.pos] === ",") this.pos++;
    }
    this.expect("}");
    this.leave();
    return { k: "object", items, s: start, e: this.pos };
  }
}

/** Source text of an expression node. */
export function sourceOf(src: string, x: Expr): string {
  return src.slice(x.s, x.e);
}
