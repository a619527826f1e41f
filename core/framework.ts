/**
 * The framework shim: the one file of the package that names the CDK framework (cdktf, or its
 * maintained fork CDK Terrain, `cdktn`). Everything else imports the framework's symbols from here,
 * so the package is built for either framework by changing this file's module name alone.
 */
import { Token } from "cdktf";

export {
  Annotations,
  App,
  Aspects,
  Fn,
  TerraformDataSource,
  TerraformElement,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  dependable,
} from "cdktf";
export type { IAspect } from "cdktf";

/** True when the value is a token that resolves only at synth or apply (a variable, a reference). */
export function isUnresolved(value: unknown): boolean {
  // Each marker the framework encodes a token in a string with holds a `{` (`${TfToken[`, `#{TfToken[`,
  // `&{TfToken[`): a string without one is a literal, told without the framework's scan (the constructs
  // ask it of every string prop of every construct).
  if (typeof value === "string" && value.indexOf("{") < 0) return false;
  return Token.isUnresolved(value);
}
