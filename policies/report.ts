/** Machine-readable findings reports: our JSON, and SARIF 2.1.0 for code-scanning tools. */
import { Finding, PolicyReport, countFindings } from "./finding";
import { InputCoverage } from "./input/read";
import { Rule } from "./rule";

/** Package name and report tool name. */
export const TOOL_NAME = "cdktf-azure-connectivity";
/** Where the rule table lives (SARIF `helpUri` of each rule). */
const HELP_URI = "https://www.npmjs.com/package/cdktf-azure-connectivity#rules";

/** File names written to the cdktf output folder on every synth. */
export const REPORT_JSON = "connectivity-findings.json";
export const REPORT_SARIF = "connectivity-findings.sarif";

/** Our JSON report: counts, every finding (suppressed ones marked), what could not be verified. */
export function jsonReport(report: PolicyReport, extra: Record<string, unknown> = {}): unknown {
  const { errors, warnings, suppressed } = countFindings(report.findings);
  return {
    tool: TOOL_NAME,
    ...extra,
    passed: errors === 0,
    summary: { errors, warnings, suppressed, unverifiable: report.unverifiable.length },
    findings: report.findings,
    unverifiable: report.unverifiable,
    ...(report.coverage ? { coverage: report.coverage } : {}),
  };
}

/** One line on what was read: documents, modules, resources, instances, and what was not understood. */
export function coverageLine(c: InputCoverage): string {
  const docs = [
    c.documents.configurations ? `${c.documents.configurations} configuration(s)` : "",
    c.documents.plans ? `${c.documents.plans} plan(s)` : "",
    c.documents.states ? `${c.documents.states} state(s)` : "",
  ].filter((x) => x !== "");
  return (
    `Read ${docs.join(", ") || "no document"}: ${c.modules} module instance(s), ${c.resources} resource block(s), ` +
    `${c.instances} instance(s)${c.azurermVersion ? `, azurerm ${c.azurermVersion}` : ""}; ` +
    `${c.notUnderstood.length} not understood.`
  );
}

/** Where a finding's construct was written, when known (SARIF physical location). */
export type LocateFinding = (f: Finding) => string | undefined;

/**
 * SARIF 2.1.0: one run, the rules as `tool.driver.rules`, a result per finding with the construct
 * path as logical location (and the stack's Terraform file as physical location when known);
 * suppressed findings carry a SARIF suppression with the reason as justification.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function sarifReport(
  report: PolicyReport,
  rules: readonly Rule[],
  locate: LocateFinding = () => undefined,
): unknown {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            informationUri: HELP_URI,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: r.source,
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        results: report.findings.map((f) => {
          const file = locate(f);
          return {
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: f.severity,
            message: { text: f.message },
            locations: [
              {
                ...(file ? { physicalLocation: { artifactLocation: { uri: file } } } : {}),
                logicalLocations: [{ fullyQualifiedName: f.path, kind: "resource" }],
              },
            ],
            ...(f.suppressed
              ? { suppressions: [{ kind: "inSource", justification: f.suppressionReason }] }
              : {}),
            ...(f.values ? { properties: { values: f.values } } : {}),
          };
        }),
        // What was not verified or not understood: notifications of the run, with the coverage.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...report.unverifiable.map((u) => ({
                level: "warning",
                message: { text: `${u.ruleId} (not verified): ${u.what}` },
                locations: [{ logicalLocations: [{ fullyQualifiedName: u.path, kind: "resource" }] }],
              })),
              ...(report.coverage?.notUnderstood ?? []).map((n) => ({
                level: "note",
                message: { text: `not understood: ${n.what}` },
                locations: [{ logicalLocations: [{ fullyQualifiedName: n.path, kind: "resource" }] }],
              })),
            ],
          },
        ],
        ...(report.coverage ? { properties: { coverage: report.coverage } } : {}),
      },
    ],
  };
}
