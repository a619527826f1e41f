/**
 * HCL (`.tf`, `.tfvars`, `.terraform.lock.hcl`) read as Terraform JSON by `@cdktf/hcl2json`, the
 * parser cdktf itself uses (HashiCorp's HCL library compiled to WebAssembly): every block becomes
 * the JSON form Terraform's JSON syntax defines, every expression a `${...}` template, so the same
 * evaluator reads HCL and JSON alike.
 *
 * The parser is loaded on first use only: a cdktf synth that reads no HCL never loads it.
 * @see https://www.npmjs.com/package/@cdktf/hcl2json
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { UnusableInputError } from "./errors";

interface Hcl2Json {
  parse(filename: string, contents: string): Promise<Record<string, unknown>>;
}

let parser: Hcl2Json | undefined;

function hcl2json(): Hcl2Json {
  // Required lazily: the module starts loading its WebAssembly when it is imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= require("@cdktf/hcl2json") as Hcl2Json;
  return parser;
}

/** Parses HCL text into Terraform JSON; a syntax error is an {@link UnusableInputError} naming the file and line. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  try {
    return await hcl2json().parse(file, text);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e))
      .replace(/^parse config: \[?/, "")
      .replace(/\]$/, "")
      .replace(/\s+/g, " ");
    throw new UnusableInputError(
      `${file}: not valid HCL (${message.length > 300 ? `${message.slice(0, 297)}...` : message})`,
    );
  }
}
