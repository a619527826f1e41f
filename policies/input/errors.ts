/** The error of input the engine cannot use at all. */

/**
 * Input the engine cannot use: a missing or unreadable path, a special file, invalid JSON or HCL, a
 * document of no known shape, nothing to check. The CLI prints its message as one line and exits 2.
 */
export class UnusableInputError extends Error {
  /** @param message - one line: the path or document, and what was expected of it. */
  constructor(message: string) {
    super(message);
    this.name = "UnusableInputError";
  }
}
