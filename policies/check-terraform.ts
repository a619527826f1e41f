/**
 * `checkTerraform`: the engine on Terraform that did not come from a cdktf synth in this process: a
 * Terraform JSON document (a `cdktf.out` stack, a hand-written `.tf.json`, `hcl2json` output, a
 * `terraform show -json` plan).
 */
import { Finding, PolicyReport } from "./finding";
import { UnusableInputError } from "./input/errors";
import { InputDocument } from "./input/read";
import { StackDocument, stackNameOf } from "./input/terraform-json";
import { check } from "./pipeline";
import { Rule } from "./rule";
import { ALL_RULES } from "./rules";

/** Options of {@link checkTerraform} and {@link checkTerraformDocuments}. */
export interface CheckOptions {
  /**
   * The rules to run.
   * @default every rule of the package
   */
  readonly rules?: readonly Rule[];
  /**
   * Turn what could not be verified (values known only after apply, modules not read, ...) into
   * error findings, so nothing passes unseen.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Values of the configuration's root variables (as `-var` gives them to Terraform), by name.
   * @default the variables' defaults
   */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** The documents with the variables the options give. */
function withVariables(docs: readonly StackDocument[], options: CheckOptions): InputDocument[] {
  if (!options.variables) return [...docs];
  const variables = new Map(Object.entries(options.variables));
  return docs.map((d) => ({ ...d, variables }));
}

/**
 * Checks one Terraform JSON document (a configuration in any form Terraform's JSON syntax allows,
 * azurerm 3.x or 4.x attribute names, or a `terraform show -json` plan) and returns its findings,
 * suppressed ones included (marked `suppressed`). Throws {@link UnusableInputError} for a document of
 * no known shape.
 */
export function checkTerraform(doc: unknown, options: CheckOptions = {}): Finding[] {
  return checkTerraformDocuments([{ stack: stackNameOf(doc) ?? "", doc }], options).findings;
}

/**
 * Checks the documents of several stacks together (cross-stack references resolved between them)
 * and returns the whole report: findings, what could not be verified, and what was read (coverage).
 */
export function checkTerraformDocuments(
  docs: readonly StackDocument[],
  options: CheckOptions = {},
): PolicyReport {
  return check(withVariables(docs, options), options.rules ?? ALL_RULES, { strict: options.strict }).report;
}

export { UnusableInputError };
