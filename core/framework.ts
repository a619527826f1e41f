/**
 * The one place the package imports cdktf core symbols from, so a move to the community fork
 * (CDK Terrain, `cdktn`) is a change of this file's import lines.
 */
export {
  Annotations,
  App,
  Aspects,
  Fn,
  TerraformElement,
  TerraformProvider,
  TerraformStack,
  TerraformVariable,
  Token,
} from "cdktf";
export type { IAspect } from "cdktf";
