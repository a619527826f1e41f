import { IConstruct } from "constructs";

/**
 * Thrown when a construct is given props that Azure would refuse. The message starts with the
 * construct path, then says which prop, what value, and how to fix it.
 */
export class ConnectivityValidationError extends Error {
  /** Path of the construct whose props are wrong. */
  public readonly constructPath: string;

  constructor(scope: IConstruct, message: string) {
    super(`[${scope.node.path}] ${message}`);
    this.name = "ConnectivityValidationError";
    this.constructPath = scope.node.path;
  }
}
