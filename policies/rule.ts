/** The contract between the engine and its rules: a rule is a pure function of the network model. */
import { NetworkModel } from "./model";

/** How bad a finding is: errors fail synth, warnings are reported. */
export type Severity = "error" | "warning";

/** What a rule reports about one place in the configuration. */
export interface RuleFinding {
  /** Construct path (or Terraform address) of the offending resource. */
  readonly path: string;
  /** What is wrong, naming the offending values. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Overrides the rule's severity for this finding (rules whose severity depends on the case). */
  readonly severity?: Severity;
  /** The offending values, for machine-readable reports. */
  readonly values?: Record<string, string>;
}

/** Something a rule could not check because a value is unknown at synth. */
export interface RuleUnverified {
  /** Construct path (or Terraform address) concerned. */
  readonly path: string;
  /** What was not checked, and which value was unknown. */
  readonly what: string;
}

/** A rule's outcome: findings and what it could not verify. */
export interface RuleOutcome {
  /** What the rule found. */
  readonly findings: RuleFinding[];
  /** What the rule could not check. */
  readonly unverified: RuleUnverified[];
}

/** A policy rule. */
export interface Rule {
  /** `Area.Check`, e.g. `GatewaySubnet.NoNsg`. */
  readonly id: string;
  /** Default severity of its findings. */
  readonly severity: Severity;
  /** One line: what the rule checks (the README table's "what"). */
  readonly description: string;
  /** Where Azure documents the fact the rule encodes. */
  readonly source: string;
  /**
   * Pure: reads the model (and the context of the evaluation), returns findings.
   * @param context - what the engine runs the rule with; absent when a rule is called on its own
   */
  check(model: NetworkModel, context?: RuleContext): RuleOutcome;
}

/** What the engine tells a rule about the evaluation it runs in. */
export interface RuleContext {
  /**
   * Every rule of the evaluation. A rule that suggests a change re-checks it with them on a copy of
   * the model, so that it never offers a change another rule refuses.
   */
  readonly rules: readonly Rule[];
  /**
   * Strict mode: what could not be decided before apply fails like an error (`Reachability.Intent`
   * reports an intent whose answer is unknown as an error instead of a warning).
   * @default false
   */
  readonly strict?: boolean;
}

/** Collects a rule's outcome. */
export class Outcome implements RuleOutcome {
  public readonly findings: RuleFinding[] = [];
  public readonly unverified: RuleUnverified[] = [];
  public find(f: RuleFinding): this {
    this.findings.push(f);
    return this;
  }
  public cannotVerify(path: string, what: string): this {
    this.unverified.push({ path, what });
    return this;
  }
}
