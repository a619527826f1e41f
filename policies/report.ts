/** Machine-readable findings reports: our JSON, and SARIF 2.1.0 for code-scanning tools. */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { Finding, PolicyReport, countFindings } from "./finding";
import { InputCoverage } from "./input/read";
import { Rule } from "./rule";

/** Package name and report tool name. */
export const TOOL_NAME = "cdktf-azure-connectivity";

/** File names written to the cdktf output folder on every synth. */
export const REPORT_JSON = "connectivity-findings.json";
export const REPORT_SARIF = "connectivity-findings.sarif";

/** The SARIF base id results' URIs are relative to: the repository (or working folder) root. */
export const SARIF_URI_BASE_ID = "%SRCROOT%";

/** The version of the installed package (SARIF `tool.driver.version`), from its package.json. */
export function toolVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      if (typeof pkg.name === "string" && pkg.name.endsWith("-azure-connectivity"))
        return String(pkg.version);
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}

/** Our JSON report: counts, every finding (suppressed ones marked), what could not be verified. */
export function jsonReport(report: PolicyReport, extra: Record<string, unknown> = {}): unknown {
  const { errors, warnings, suppressed } = countFindings(report.findings);
  return {
    tool: TOOL_NAME,
    version: toolVersion(),
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

/** Where a finding's resource was written: a file (relative to the SARIF root, or absolute) and its line. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line of the resource's block (its address) in the file. */
  readonly line?: number;
}

/** Where a finding's construct was written, when known (SARIF physical location): a file, or a file and line. */
export type LocateFinding = (f: Finding) => string | SourceLocation | undefined;

/** Options of {@link sarifReport}. */
export interface SarifOptions {
  /**
   * The folder URIs are made relative to (`%SRCROOT%`): code scanning resolves them from the repository root.
   * @default the current working folder
   */
  readonly root?: string;
}

/** The artifact location: relative to `%SRCROOT%` inside `root`, else an absolute `file:` URI. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, path.resolve(root, file));
  if (rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).join("/"), uriBaseId: SARIF_URI_BASE_ID };
  }
  return { uri: pathToFileURL(path.resolve(root, file)).href };
}

/**
 * A fingerprint of a finding that stays the same across runs while the finding does: the rule, the
 * construct path and the offending values (not the message wording, not the line).
 */
export function findingFingerprint(f: Finding): string {
  const values = f.values
    ? Object.keys(f.values)
        .sort()
        .map((k) => `${k}=${f.values![k]}`)
        .join("\u0000")
    : f.message;
  return createHash("sha256").update(`${f.ruleId}\u0000${f.path}\u0000${values}`).digest("hex").slice(0, 32);
}

/**
 * SARIF 2.1.0: one run, the tool with its version and the rules (help text and URI of each) as
 * `tool.driver.rules`, a result per finding with the construct path as logical location, the stack's
 * Terraform file (relative to `%SRCROOT%`) and the resource's line as physical location when known, and a
 * partial fingerprint stable across runs; suppressed findings carry a SARIF suppression with the reason.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function sarifReport(
  report: PolicyReport,
  rules: readonly Rule[],
  locate: LocateFinding = () => undefined,
  options: SarifOptions = {},
): unknown {
  const root = path.resolve(options.root ?? process.cwd());
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            semanticVersion: toolVersion(),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/\./g, ""),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: {
                text: `${r.description} Source: ${r.source}`,
                markdown: `${r.description}\n\nSource: [${r.source}](${r.source})`,
              },
              helpUri: r.source,
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        originalUriBaseIds: {
          [SARIF_URI_BASE_ID]: {
            description: { text: "The repository root (the folder the check ran in)." },
          },
        },
        results: report.findings.map((f) => {
          const found = locate(f);
          const where = typeof found === "string" ? { file: found } : found;
          return {
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: f.severity,
            message: { text: f.message },
            locations: [
              {
                ...(where
                  ? {
                      physicalLocation: {
                        artifactLocation: artifactLocation(where.file, root),
                        region: { startLine: where.line ?? 1 },
                      },
                    }
                  : {}),
                logicalLocations: [{ fullyQualifiedName: f.path, kind: "resource" }],
              },
            ],
            partialFingerprints: { "connectivityFinding/v1": findingFingerprint(f) },
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
