/**
 * The one place the constructs import cdktf core symbols from, so a move to the community fork
 * (CDK Terrain, `cdktn`) is a change of this file's import line.
 */
export { Token, TerraformElement, TerraformProvider, TerraformStack, TerraformVariable, Fn } from "cdktf";
