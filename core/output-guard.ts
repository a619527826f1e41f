import { IConstruct } from "constructs";

/*
 * A hook between the constructs and the policy layer's guard of the app's output folder
 * (policies/synth-guard.ts), so that core stays the ground layer: the constructs say when they are
 * created and when one refuses its props; the guard, when the policy layer is loaded, remembers when
 * the app's construction began and invalidates what an earlier synth left in the output folder once
 * this one has failed.
 */

/** What the policy layer does when a construct of the package is created or refuses its props. */
export interface OutputGuard {
  /** A construct of the package was created in the app of `scope`. */
  seen(scope: IConstruct): void;
  /** A construct of the package refused its props: this synth has failed. */
  failed(scope: IConstruct): void;
}

let guard: OutputGuard | undefined;

/** Installs the guard (the policy layer does, once, when it is loaded). */
export function setOutputGuard(g: OutputGuard): void {
  guard = g;
}

/** Tells the guard that a construct was created in the app of `scope`. */
export function constructSeen(scope: IConstruct): void {
  guard?.seen(scope);
}

/** Tells the guard that the app of `scope` failed at construction; never throws. */
export function constructionFailed(scope: IConstruct): void {
  try {
    guard?.failed(scope);
  } catch {
    // The error being thrown says what failed; a folder that cannot be cleaned must not hide it.
  }
}
