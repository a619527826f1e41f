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

/**
 * Thrown by the policies at synth when the app has error findings (or, under `strict`, warnings or
 * checks that could not be verified). The message is the whole account, one block per finding; the
 * stack trace is left out, as it would only point into the framework's synth.
 */
export class ConnectivityPolicyError extends Error {
  /** Rule ids of the findings that failed the synth, once each. */
  declare public readonly ruleIds: string[];

  constructor(message: string, ruleIds: string[]) {
    super(message);
    this.name = "ConnectivityPolicyError";
    // Not enumerable: Node would print it after the message of an uncaught error.
    Object.defineProperty(this, "ruleIds", { value: ruleIds, enumerable: false });
    this.stack = `${this.name}: ${message}`;
  }
}
