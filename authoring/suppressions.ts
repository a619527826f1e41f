/**
 * Suppressions of policy findings, written in the app next to the constructs they concern (as
 * cdk-nag's `NagSuppressions`). They are recorded in the stack's Terraform JSON, so the engine applies
 * them whether it runs at synth or on the synthesized files (`checkTerraform`, the CLI).
 */
import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../core/errors";
import { TerraformStack } from "../core/framework";
import { MIN_SUPPRESSION_REASON, SuppressionMeta, writeStackMetadata } from "../core/metadata";

/** A suppression: the rule id and why the finding is accepted. */
export interface PolicySuppression {
  /**
   * Rule id (`Area.Check`), one of the ids the engine reports about the input it read (`Input.Unread`,
   * `Input.UnknownArgument`), or `*` for every rule. `Suppression.UnknownRule` is never suppressed.
   */
  readonly ruleId: string;
  /** Why the finding is accepted: shown in the report next to the suppressed finding (at least 10 characters). */
  readonly reason: string;
}

/** The shape of a rule id (`Area.Check`) or `*`. */
export const RULE_ID_PATTERN = /^(\*|[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*)$/;

const suppressionsByStack = new WeakMap<TerraformStack, SuppressionMeta[]>();

/** Suppressions of policy findings, per construct and its children, each with a reason. */
export class ConnectivitySuppressions {
  /**
   * Suppresses the rules for `scope` and every construct under it. Suppressed findings never fail
   * synth and stay in the report, marked suppressed, with the reason.
   */
  public static add(scope: IConstruct, ...suppressions: PolicySuppression[]): void {
    if (suppressions.length === 0)
      throw new ConnectivityValidationError(
        scope,
        "ConnectivitySuppressions.add needs at least one { ruleId, reason }.",
      );
    const stack = TerraformStack.of(scope);
    const list = suppressionsByStack.get(stack) ?? [];
    for (const s of suppressions) {
      if (typeof s.ruleId !== "string" || !RULE_ID_PATTERN.test(s.ruleId)) {
        throw new ConnectivityValidationError(
          scope,
          `suppression rule id '${String(s.ruleId)}' is not a rule id like 'AddressSpace.NoOverlap' (or '*').`,
        );
      }
      const reason = typeof s.reason === "string" ? s.reason.trim() : "";
      if (reason.length < MIN_SUPPRESSION_REASON) {
        throw new ConnectivityValidationError(
          scope,
          `suppressing ${s.ruleId} needs a reason of at least ${MIN_SUPPRESSION_REASON} characters saying why the finding is accepted; got '${reason}'.`,
        );
      }
      list.push({ path: scope.node.path, ruleId: s.ruleId, reason });
    }
    suppressionsByStack.set(stack, list);
    writeStackMetadata(stack, "suppressions", list);
  }
}
