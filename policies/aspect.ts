/**
 * The policy layer at `cdktf synth`: an aspect on every stack that checks the whole app once the
 * app's stacks are prepared, before the first stack is written.
 *
 * cdktf 0.21 invokes aspects per stack (an aspect added to the App is never run), and writes each
 * stack right after invoking its aspects and running its validations. So the aspect's `visit` only
 * installs, once per stack, a validation; the first stack's validation synthesizes the Terraform of
 * every stack of the app in memory, builds the network model and runs the rules. Error findings fail
 * that validation, so no stack of this synth is written, and stale `cdk.tf.json` / `cdk.tf` files of
 * the app's stacks from an earlier synth are removed; the findings report is written instead. What a
 * failed or concurrent synth leaves in the output folder, the lock and the atomic stack files are
 * policies/synth-guard.ts's. Later
 * stacks' validations re-check only when their own Terraform changed (another aspect ran on them).
 */
import * as fs from "fs";
import * as path from "path";
import { IConstruct } from "constructs";
import { Annotations, App, Aspects, IAspect, TerraformStack, renderStack } from "../core/framework";
import { ConnectivityPolicyError, ConnectivityValidationError } from "../core/errors";
import { terminalText } from "../core/text";
import { aspectNotInvoked, assertAppFramework, assertSameFramework } from "../core/framework-identity";
import {
  Finding,
  PolicyReport,
  blockingFindings,
  findingKey,
  formatFinding,
  formatFindingBlock,
  summaryLines,
} from "./finding";
import { locateInFiles } from "./input/locate";
import { CheckResult, check, writeOutputs } from "./pipeline";
import { ReachabilityOutputOptions } from "./reachability/outputs";
import { LocateFinding, REPORT_JSON, REPORT_SARIF } from "./report";
import { Rule } from "./rule";
import { ALL_RULES } from "./rules";
import { StackDocument } from "./input/terraform-json";
import { beginSynth, noteWritten, removeStaleStacks } from "./synth-guard";

/** Options of {@link ConnectivityPolicies}. */
export interface ConnectivityPoliciesProps {
  /**
   * The rules to run.
   * @default every rule of the package
   */
  readonly rules?: readonly Rule[];
  /**
   * Write the findings report (`connectivity-findings.json` and `.sarif`) to the app's output folder.
   * @default true
   */
  readonly writeReport?: boolean;
  /**
   * Write the reachability matrix (JSON, Markdown) and the topology diagram (Mermaid, DOT, SVG) to the
   * output folder with the report, or `false` for none of them. The SVG is rendered by Graphviz (as
   * WebAssembly) only when the topology changed, in a detached process that synth does not wait for
   * (`{ svg: "background" }`); `{ svg: true }` waits for it, `{ svg: false }` writes none.
   * @default true, with `svg: "background"` (the environment variable `CDKTF_AZURE_CONNECTIVITY_SVG=off` turns the SVG off unless `svg` is set)
   */
  readonly reachability?: boolean | ReachabilityOutputOptions;
  /**
   * Fail the synth on warnings, on checks that could not be verified (values known only after apply,
   * modules or blocks that could not be read) and on reachability intents whose answer is unknown, not
   * only on errors: nothing passes unseen. The CLI's `--strict` fails on what could not be verified.
   * @default false (the environment variable `CDKTF_AZURE_CONNECTIVITY_STRICT=1` turns it on)
   */
  readonly strict?: boolean;
  /**
   * Print one line each for the warnings and for what could not be verified to stderr on every synth
   * that has any (a failed synth lists them in its error instead).
   * @default true
   */
  readonly summary?: boolean;
}

interface CachedDoc {
  readonly doc: unknown;
}

/** State of one synth of one app. */
interface Run {
  readonly visited: Set<TerraformStack>;
  readonly docs: Map<TerraformStack, CachedDoc>;
  /** The check of the app; its model is let go once every stack is validated (see `release`). */
  result?: { readonly report: PolicyReport; model?: CheckResult["model"] };
  /** The report files are current. */
  written?: boolean;
  readonly warned: Set<string>;
  /** Stacks validated in this run. */
  readonly validated: Set<TerraformStack>;
  /** The summary lines were printed. */
  summarized?: boolean;
}

const runs = new WeakMap<IConstruct, Run>();
const installed = new WeakSet<TerraformStack>();

function newRun(): Run {
  return { visited: new Set(), docs: new Map(), warned: new Set(), validated: new Set() };
}

/**
 * The app's stacks, in construct-tree order. The walk does not go into a stack (stacks do not nest):
 * thousands of resources are not visited to find a handful of stacks.
 */
function stacksOf(root: IConstruct): TerraformStack[] {
  const out: TerraformStack[] = [];
  const visit = (c: IConstruct): void => {
    if (TerraformStack.isStack(c)) out.push(c);
    else for (const child of c.node.children) visit(child);
  };
  visit(root);
  return out;
}

/** The output folder of the app, when the root is an App. */
function outdirOf(root: IConstruct): string | undefined {
  return App.isApp(root) ? (root as App).outdir : undefined;
}

/**
 * Checks the whole app at synth: add one instance to every stack (or call
 * {@link applyConnectivityPolicies}). Error findings make `app.synth()` throw and `cdktf synth`
 * exit non-zero, listing every error finding of the app; warnings are annotations that do not fail.
 */
export class ConnectivityPolicies implements IAspect {
  private readonly rules: readonly Rule[];
  private readonly writeReport: boolean;
  private readonly reachability?: ReachabilityOutputOptions;
  private readonly strict: boolean;
  private readonly summary: boolean;

  constructor(props: ConnectivityPoliciesProps = {}) {
    this.rules = props.rules ?? ALL_RULES;
    this.strict = props.strict ?? process.env.CDKTF_AZURE_CONNECTIVITY_STRICT === "1";
    this.summary = props.summary ?? true;
    this.writeReport = props.writeReport ?? true;
    const r = props.reachability ?? true;
    const base: ReachabilityOutputOptions = r === true ? {} : r === false ? {} : r;
    // The SVG is rendered off synth's critical path unless asked otherwise.
    const svg =
      base.svg ?? (process.env.CDKTF_AZURE_CONNECTIVITY_SVG === "off" ? false : ("background" as const));
    this.reachability = r === false ? undefined : { ...base, svg };
  }

  /** Acts on stacks only: installs the whole-app check as the stack's validation, once. */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    assertSameFramework(node); // a stack of another framework or copy: loud, never a skipped check
    const stack = node as TerraformStack;
    const root = stack.node.root;
    let run = runs.get(root);
    // A stack visited again means a new synth of the same app.
    if (!run || run.visited.has(stack)) {
      run = newRun();
      runs.set(root, run);
    }
    run.visited.add(stack);
    if (installed.has(stack)) return;
    installed.add(stack);
    stack.node.addValidation({ validate: () => this.validateStack(stack) });
  }

  /**
   * Runs the rules over the app that contains `scope`, as synth would (stacks prepared as synth
   * prepares them; aspects not run), and returns the report without throwing or writing files.
   */
  public check(scope: IConstruct): PolicyReport {
    const root = scope.node.root;
    assertAppFramework(root);
    const stacks = stacksOf(root);
    // As `app.synth()` does first: cross-stack references become remote-state reads and outputs.
    // Preparing is idempotent, so a later synth prepares them again unchanged.
    for (const s of stacks) s.prepareStack();
    const docs: StackDocument[] = stacks.map((s) => ({ stack: s.node.path, doc: renderStack(s) }));
    return check(docs, this.rules, { strict: this.strict }).report;
  }

  private validateStack(stack: TerraformStack): string[] {
    const root = stack.node.root;
    let run = runs.get(root);
    if (!run) {
      run = newRun();
      runs.set(root, run);
    }
    const stacks = stacksOf(root);
    // One synth at a time in the output folder; the stack files cdktf writes are written atomically.
    beginSynth(root, stacks);
    let changed = run.result === undefined;
    // A stack read at an earlier validation can have changed since only if other aspects ran (its
    // own aspects run right before its validation; another stack's aspects may reach into it).
    // Walks every construct of the app: asked only when this stack was read at an earlier validation.
    let others: boolean | undefined;
    for (const s of stacks) {
      const cached = run.docs.get(s);
      if (cached && (s !== stack || !(others ??= stacks.some(hasOtherAspects)))) continue;
      // What cdktf's toTerraform() returns, rendered with less work (core/framework.ts): cdktf
      // writes this same document (writeWhatWasChecked).
      const doc = renderStack(s);
      if (!cached || JSON.stringify(cached.doc) !== JSON.stringify(doc)) {
        run.docs.set(s, { doc });
        changed = true;
      }
    }
    if (changed || !run.result || !run.result.model) {
      run.result = check(
        stacks.map((s) => ({ stack: s.node.path, doc: run!.docs.get(s)!.doc })),
        this.rules,
        { strict: this.strict },
      );
    }
    const report = run.result.report;
    const outdir = outdirOf(root);
    if (outdir && this.writeReport && (changed || !run.written)) {
      // The stack files as cdktf writes them (keys sorted, two spaces), for the SARIF regions.
      // Rendered and scanned only when a finding is located (a synth without findings pays nothing):
      // each stack file is several MB at thousands of spokes.
      let locate: LocateFinding | undefined;
      const files = () =>
        stacks.map((s) => ({
          stack: s.node.path,
          file: path.join(outdir, "stacks", s.node.id, "cdk.tf.json"),
          text: stableJson(run!.docs.get(s)!.doc),
        }));
      const written = writeOutputs(outdir, run.result as CheckResult, {
        reports: true,
        reachability: this.reachability ?? false,
        rules: this.rules,
        extra: { stacks: stacks.map((s) => s.node.path) },
        locate: (f) => (locate ??= locateInFiles(files()))(f),
      });
      // The reports this synth wrote: a later failure of this synth removes them (synth-guard).
      for (const file of written.files) noteWritten(file);
      if (written.svgError) {
        Annotations.of(stack).addWarning(
          terminalText(`cdktf-azure-connectivity: the topology SVG was not written: ${written.svgError}`),
        );
      }
      run.written = true;
    }

    for (const f of report.findings) {
      // Warnings, and suppressed errors Azure would refuse at apply if the finding is right: on every synth.
      const shown = (f.severity === "warning" && !f.suppressed) || f.azureWillRefuse === true;
      if (!shown || run.warned.has(findingKey(f))) continue;
      run.warned.add(findingKey(f));
      const target = findByPath(root, f.path);
      // cdktf prints annotations to the terminal: names in the message are the configuration's.
      Annotations.of(target ?? stack).addWarning(f.suppressed ? formatFinding(f) : terminalText(f.message));
    }

    // Once every stack is validated the model is not needed any more: letting it go before cdktf writes
    // the stacks keeps the heap that its garbage collections walk smaller.
    run.validated.add(stack);
    if (stacks.every((s) => run!.validated.has(s))) delete run.result.model;

    const blocking = blockingFindings(report.findings);
    const failing = this.strict ? report.findings.filter((f) => !f.suppressed) : blocking;
    const unverifiedFails = this.strict ? report.unverifiable : [];
    const reportFile = outdir && this.writeReport ? displayPath(path.join(outdir, REPORT_JSON)) : undefined;
    if (failing.length === 0 && unverifiedFails.length === 0) {
      if (this.summary && !run.summarized) {
        run.summarized = true;
        for (const line of summaryLines(report, reportFile ? `: see ${reportFile}` : "")) {
          process.stderr.write(`cdktf-azure-connectivity: ${line}\n`);
        }
      }
      // This stack is about to be written in one format: a file of the other format from an earlier
      // synth would look current next to it.
      if (outdir && App.isApp(root)) {
        removeOtherFormat(outdir, stack, (root as App).hclOutput);
        if (!(root as App).hclOutput) writeWhatWasChecked(stack, run.docs.get(stack)!.doc);
      }
      return [];
    }
    // What an earlier synth left of these stacks must not look current (what a concurrent synth wrote
    // since is kept: policies/synth-guard.ts).
    removeStaleStacks(
      root,
      stacks.map((s) => s.node.id),
    );
    // Thrown, not returned: a returned message would be wrapped by the framework under one stack's
    // path, with its advice to skip validation and a stack trace into its synth.
    throw new ConnectivityPolicyError(
      failureText(stacks, failing, unverifiedFails, report, this.strict, reportFile, outdir),
      [...new Set([...failing, ...unverifiedFails].map((f) => f.ruleId))],
    );
  }
}

/** A path relative to the working folder when inside it (as a person would type it). */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

/**
 * What a failed synth prints: a header naming the app (its stacks), one block per failing finding,
 * one line each for the rest, and where the reports are.
 */
function failureText(
  stacks: TerraformStack[],
  failing: Finding[],
  unverified: PolicyReport["unverifiable"],
  report: PolicyReport,
  strict: boolean,
  reportFile: string | undefined,
  outdir: string | undefined,
): string {
  const errors = failing.filter((f) => f.severity === "error").length;
  const parts = [errors === 1 ? "1 policy error" : `${errors} policy errors`];
  if (strict) {
    const warnings = failing.length - errors;
    parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
    parts.push(`${unverified.length} not verifiable (strict)`);
  }
  const names = stacks.map((s) => s.node.path).join(", ");
  const lines = [
    `cdktf-azure-connectivity found ${parts.join(", ")} in the app (stack${stacks.length === 1 ? "" : "s"} ${names}); no stack was written.`,
    "",
  ];
  for (const f of failing) lines.push(formatFindingBlock(f), "");
  for (const u of unverified) lines.push(`[${u.path}] not verifiable: ${u.ruleId}: ${u.what}`);
  if (unverified.length > 0) lines.push("");
  if (!strict) lines.push(...summaryLines(report, ""));
  if (reportFile) {
    lines.push(`Report: ${reportFile} (SARIF: ${displayPath(path.join(outdir!, REPORT_SARIF))})`);
  }
  while (lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

/**
 * JSON as cdktf writes a stack (json-stable-stringify with two spaces): object keys sorted, and an empty
 * object or array over two lines, so the SARIF lines are the written file's.
 */
function stableJson(v: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    const items = v.map((x) => inner + stableJson(x === undefined ? null : x, inner));
    return `[\n${items.join(",\n")}${items.length ? "\n" : ""}${indent}]`;
  }
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  const items = Object.keys(v)
    .sort()
    .filter((k) => (v as any)[k] !== undefined && typeof (v as any)[k] !== "function")
    .map((k) => `${inner}${JSON.stringify(k)}: ${stableJson((v as any)[k], inner)}`);
  return `{\n${items.join(",\n")}${items.length ? "\n" : ""}${indent}}`;
}

/**
 * cdktf writes a stack right after its validations by calling `stack.toTerraform()` again. The
 * document the policies just checked is that same document (nothing runs in between but custom
 * synthesis), so the next call returns it instead of rendering the stack a second time: what is
 * written is exactly what was checked, and synth does not pay for the rendering twice. The override
 * is one-shot and expires at the end of the current synchronous synth.
 */
function writeWhatWasChecked(stack: TerraformStack, doc: unknown): void {
  const own = Object.prototype.hasOwnProperty.call(stack, "toTerraform");
  const original = (stack as any).toTerraform;
  let active = true;
  const restore = () => {
    if (!active) return;
    active = false;
    if (own) (stack as any).toTerraform = original;
    else delete (stack as any).toTerraform;
  };
  (stack as any).toTerraform = function (this: TerraformStack, ...args: unknown[]) {
    if (!active) return original.apply(this, args);
    restore();
    return doc;
  };
  queueMicrotask(restore);
}

/** True when an aspect other than ours is registered anywhere in the stack. */
function hasOtherAspects(stack: TerraformStack): boolean {
  return stack.node
    .findAll()
    .some((c) => Aspects.of(c).all.some((a) => !(a instanceof ConnectivityPolicies)));
}

/**
 * The construct a finding's path names, or the deepest one on it: a finding about an argument
 * (`network/hub/tags`) or an instance belongs on its resource's construct. Undefined when not even the
 * path's first id is a child of the root (a Terraform address).
 */
function findByPath(root: IConstruct, p: string): IConstruct | undefined {
  let found: IConstruct | undefined;
  let cur: IConstruct = root;
  for (const id of p.split("/")) {
    const next = cur.node.tryFindChild(id);
    if (!next) break;
    found = cur = next;
  }
  return found;
}

function removeOtherFormat(outdir: string, stack: TerraformStack, hcl: boolean): void {
  fs.rmSync(path.join(outdir, "stacks", stack.node.id, hcl ? "cdk.tf.json" : "cdk.tf"), { force: true });
}

/**
 * Adds one {@link ConnectivityPolicies} to every stack of the app (an aspect added to the App itself
 * is never run by cdktf 0.21). Call it after the stacks are created, before `app.synth()`.
 */
export function applyConnectivityPolicies(
  app: IConstruct,
  props: ConnectivityPoliciesProps = {},
): ConnectivityPolicies {
  // Constructs of another framework, or of another copy of this one, would make the policies a
  // check that never runs (or a crash deep inside the framework): refuse them, naming both sides.
  assertAppFramework(app);
  const policies = new ConnectivityPolicies(props);
  const stacks = stacksOf(app.node.root);
  if (stacks.length === 0) {
    throw new ConnectivityValidationError(
      app,
      "applyConnectivityPolicies found no TerraformStack in the app: call it after creating the stacks.",
    );
  }
  for (const s of stacks) {
    Aspects.of(s).add(policies);
    const why = aspectNotInvoked(s, policies);
    if (why) throw new ConnectivityValidationError(s, why);
    // At synth, after the aspects ran: the framework that synthesized the stack invoked ours.
    s.node.addValidation({ validate: () => (installed.has(s) ? [] : [notInvoked(s)]) });
  }
  return policies;
}

function notInvoked(stack: TerraformStack): string {
  return (
    `cdktf-azure-connectivity: the ConnectivityPolicies added by applyConnectivityPolicies were not invoked on ` +
    `stack '${stack.node.path}' before its validations: the framework that synthesizes it does not run the ` +
    "aspects this package registers, so the network was not checked"
  );
}
