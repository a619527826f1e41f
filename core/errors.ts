import { IConstruct } from "constructs";
import { terminalText } from "./text";
import { constructionFailed } from "./output-guard";

/**
 * Thrown when a construct is given props that Azure would refuse. The message starts with the
 * construct path, then says which prop, what value, and how to fix it. It is one line safe for a
 * terminal or a CI log: control characters in the path or the values are escaped, workflow commands
 * neutralised, and a very long message has its middle cut (core/text.ts `terminalText`).
 *
 * Creating one marks the synth of the app as failed: the stack files and the findings report an
 * earlier synth left in the app's output folder are removed (policies/synth-guard.ts), so nothing
 * there looks current.
 */
export class ConnectivityValidationError extends Error {
  /** Path of the construct whose props are wrong. */
  public readonly constructPath: string;

  constructor(scope: IConstruct, message: string) {
    super(terminalText(`[${scope.node.path}] ${message}`));
    this.name = "ConnectivityValidationError";
    this.constructPath = scope.node.path;
    constructionFailed(scope);
  }
}
