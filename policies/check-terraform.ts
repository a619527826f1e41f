/**
 * `checkTerraform`: the engine on Terraform that did not come from a cdktf synth in this process: a
 * Terraform JSON document (a `cdktf.out` stack, a hand-written `.tf.json`, `hcl2json` output, a
 * `terraform show -json` plan), or files and folders on disk (HCL and JSON configurations with the
 * modules they call and their variables files, plans).
 */
import { Finding, PolicyReport } from "./finding";
import { UnusableInputError } from "./input/errors";
import { LoadOptions, loadInputs } from "./input/load";
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
   * error findings, and a reachability intent whose answer is unknown into an error instead of a
   * warning, so nothing passes unseen.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Values of the configuration's root variables (as `-var` gives them to Terraform), by name.
   * @default the variables' defaults
   */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** Options of {@link checkTerraformFiles}. */
export interface CheckFilesOptions extends CheckOptions {
  /** Variables files (HCL `.tfvars` or JSON `.tfvars.json`), as `-var-file` takes them, in order. */
  readonly varFiles?: readonly string[];
  /**
   * Read `TF_VAR_<name>` variables from the environment, as Terraform does.
   * @default false
   */
  readonly environment?: boolean;
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

/**
 * Checks Terraform on disk as `terraform plan` would read it: folders of `.tf` and `.tf.json` files
 * (one root module per folder, with the local modules they call, `terraform.tfvars` and
 * `*.auto.tfvars`), single files, and `terraform show -json` plans. Rejects with
 * {@link UnusableInputError} when a path cannot be used.
 */
export async function checkTerraformFiles(
  paths: readonly string[],
  options: CheckFilesOptions = {},
): Promise<PolicyReport> {
  const load: LoadOptions = {
    ...(options.varFiles ? { varFiles: options.varFiles } : {}),
    ...(options.environment ? { env: process.env } : {}),
  };
  const loaded = await loadInputs(paths, load);
  const docs = options.variables
    ? loaded.docs.map((d) => ({
        ...d,
        variables: new Map([...(d.variables ?? []), ...Object.entries(options.variables!)]),
      }))
    : loaded.docs;
  return check(docs, options.rules ?? ALL_RULES, { strict: options.strict }).report;
}

export { UnusableInputError };
