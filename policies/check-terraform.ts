/**
 * `checkTerraform`: the engine on Terraform JSON that did not come from a cdktf synth in this
 * process (a `cdktf.out` folder read from disk, a hand-written `.tf.json`, `hcl2json` output).
 */
import { Finding, PolicyReport } from "./finding";
import { check } from "./pipeline";
import { Rule } from "./rule";
import { ALL_RULES } from "./rules";
import { StackDocument, stackNameOf } from "./input/terraform-json";

/** Options of {@link checkTerraform}. */
export interface CheckOptions {
  /**
   * The rules to run.
   * @default every rule of the package
   */
  readonly rules?: readonly Rule[];
  /**
   * What cannot be decided before apply fails like an error (a reachability intent whose answer is
   * unknown is reported as an error instead of a warning).
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * Checks one Terraform JSON document (blocks as objects or arrays of objects, azurerm 3.x or 4.x
 * attribute names) and returns its findings, suppressed ones included (marked `suppressed`).
 */
export function checkTerraform(doc: unknown, options: CheckOptions = {}): Finding[] {
  return checkTerraformDocuments([{ stack: stackNameOf(doc) ?? "", doc }], options).findings;
}

/**
 * Checks the documents of several stacks together (cross-stack references resolved between them)
 * and returns the whole report: findings and what could not be verified.
 */
export function checkTerraformDocuments(
  docs: readonly StackDocument[],
  options: CheckOptions = {},
): PolicyReport {
  return check(docs, options.rules ?? ALL_RULES, { strict: options.strict }).report;
}
