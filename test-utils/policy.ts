/**
 * Running the policy rules in tests, on Terraform JSON documents (built with `./terraform`) and on apps
 * of constructs (built with `./vpn`), and the assertions on the shape of a finding.
 */
import { App } from "cdktf";
import { checkTerraformDocuments } from "../policies/check-terraform";
import { ConnectivityPolicies } from "../policies/aspect";
import { Finding, PolicyReport, Unverifiable } from "../policies/finding";
import { Rule } from "../policies/rule";
import { Json } from "./terraform";

// --- one rule -------------------------------------------------------------------------------------

/** What a rule decided: its findings and what it could not verify (the input's coverage left out). */
function decided(report: PolicyReport): PolicyReport {
  return { findings: report.findings, unverifiable: report.unverifiable };
}

/** Runs one rule over a lone Terraform JSON document: its findings and what it could not verify. */
export function run(document: Json, rule: Rule): PolicyReport {
  return decided(checkTerraformDocuments([{ stack: "", doc: document }], { rules: [rule] }));
}

/** The findings of one rule on a document. */
export function findings(document: Json, rule: Rule): Finding[] {
  return run(document, rule).findings;
}

/** Runs one rule over the app as synth would, without writing anything. */
export function checkApp(app: App, rule: Rule): PolicyReport {
  return decided(new ConnectivityPolicies({ rules: [rule], writeReport: false }).check(app));
}

/** Asserts the common shape of a finding: rule id, path, message with values and the fix. */
export function expectFinding(f: Finding, rule: Rule, path: string, ...texts: string[]): void {
  expect(f.ruleId).toBe(rule.id);
  expect(f.path).toBe(path);
  expect(f.message.startsWith(`${rule.id}: `)).toBe(true);
  // Messages start lowercase; the fix is an imperative sentence.
  expect(f.message.charAt(rule.id.length + 2)).toMatch(/[a-z]/);
  expect(f.fix).toMatch(/^[A-Z].*\.$/);
  expect(f.message.endsWith(`Fix: ${f.fix}`)).toBe(true);
  for (const t of texts) expect(f.message).toContain(t);
}

// --- the default rules, one rule's results --------------------------------------------------------

/** The report of the default rules on one document. */
export function reportOf(d: Json): PolicyReport {
  return checkTerraformDocuments([{ stack: "", doc: d }]);
}

/** The findings of one rule (by id) among the default rules' on one document. */
export function findingsOf(d: Json, ruleId: string): Finding[] {
  return reportOf(d).findings.filter((f) => f.ruleId === ruleId);
}

/** What one rule (by id) could not verify on one document. */
export function unverifiedOf(d: Json, ruleId: string): Unverifiable[] {
  return reportOf(d).unverifiable.filter((u) => u.ruleId === ruleId);
}

/** The findings of one rule (by id) on an app of constructs (as `cdktf synth` would see it). */
export function appFindings(app: App, ruleId: string): Finding[] {
  return new ConnectivityPolicies().check(app).findings.filter((f) => f.ruleId === ruleId);
}

/** What one rule (by id) could not verify on an app of constructs. */
export function appUnverified(app: App, ruleId: string): Unverifiable[] {
  return new ConnectivityPolicies().check(app).unverifiable.filter((u) => u.ruleId === ruleId);
}

/** Asserts the common shape of a finding: rule id first, the fix after "Fix:", lowercase start. */
export function expectWellFormed(f: Finding, ruleId: string): void {
  expect(f.message.startsWith(`${ruleId}: `)).toBe(true);
  const text = f.message.slice(ruleId.length + 2);
  expect(text.charAt(0)).toBe(text.charAt(0).toLowerCase());
  expect(f.message).toContain(`Fix: ${f.fix}`);
  expect(f.fix).toMatch(/^[A-Z]/);
}
