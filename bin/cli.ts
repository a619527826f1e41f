#!/usr/bin/env node
/**
 * `cdktf-azure-connectivity check <file-or-folder>...`: the policy engine on Terraform on disk: HCL
 * and JSON configurations (folders as modules, with the modules they call and their variables),
 * `cdktf.out` folders, and `terraform show -json` plans.
 * Exit codes: 0 no error finding, 1 at least one (unsuppressed) error finding (or, with `--strict`,
 * something not verifiable), 2 unusable input (one line on stderr, no stack trace).
 */
import { parseArgs } from "util";
import { blockingFindings, countFindings, formatFinding } from "../policies/finding";
import { UnusableInputError } from "../policies/input/errors";
import { loadInputs } from "../policies/input/load";
import { locateInFiles } from "../policies/input/locate";
import { check, reportTexts, writeOutputs } from "../policies/pipeline";
import { analyzeReachability, reachabilityMarkdown, reachabilityMatrix } from "../policies/reachability";
import { TOOL_NAME, coverageLine, toolVersion } from "../policies/report";
import { ALL_RULES } from "../policies/rules";
import { diffCommand } from "./diff";
import { newCommand } from "./new";
import { terminalLines, terminalText } from "../core/text";

/** Where the CLI writes: one line per call, without its newline. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The environment (`TF_VAR_<name>` variables). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The default folder of the reachability files: a folder of its own, never the checked source folder. */
export const DEFAULT_OUT = "connectivity-out";

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  check <file-or-folder>...   check Terraform (HCL, JSON, cdktf.out, terraform show -json plans)
  diff <before> <after>       what a change does to reachability (${TOOL_NAME} diff --help)
  new <template> [dir]        write a ready app: hub-spoke or peering (${TOOL_NAME} new --help)

Options:
  -h, --help      show this help (${TOOL_NAME} check --help for the check command)
  -v, --version   show the version`;

const CHECK_USAGE = `Usage: ${TOOL_NAME} check [options] <file-or-folder>...

Checks Terraform against the connectivity policies, as terraform plan would read it:
  a folder                  one root module: its .tf and .tf.json files (symlinked ones included), the
                            local modules it calls (and modules terraform init installed), its
                            terraform.tfvars and *.auto.tfvars; a folder without such files (cdktf.out)
                            is searched for them, one stack per folder
  a .tf or .tf.json file    the given files of one folder form one module
  a .json file              a terraform show -json plan (or state): terraform show -json plan.out > plan.json

Options:
  --format text|json|sarif  output format (default text)
  --strict                  what cannot be verified fails (exit 1), as error findings
  --var-file <file>         variable values (.tfvars HCL or .tfvars.json), repeatable, later ones win
  --var <name>=<value>      a variable value, repeatable, after the files
  --reachability            also print what can reach what, and write the reachability matrix and the
                            topology diagram (Mermaid, DOT, SVG) to the --out folder
  --out <dir>               folder of the reachability files (default ./${DEFAULT_OUT})
  -h, --help                show this help

Exit codes: 0 no error finding; 1 error findings (or, with --strict, something not verifiable);
2 unusable input (missing or unreadable path, invalid JSON or HCL, a document of no known shape,
nothing to check).`;

function version(): string {
  // The package's own version (the cdktf or the cdktn package), as the reports give it.
  return toolVersion();
}

/** One line, whatever the message holds. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The error of parseArgs as one line naming the option. */
function argumentError(e: unknown, command: string): string {
  const err = e as { code?: string; message?: string };
  const m = /'(-[^']*)'/.exec(err.message ?? "");
  const option = m ? m[1] : "";
  const help = `see ${TOOL_NAME}${command ? ` ${command}` : ""} --help`;
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}; ${help}`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return `${option ? `option ${option.split(" ")[0]}` : "an option"} needs a value; ${help}`;
  }
  return `${oneLine(err.message ?? String(e))}; ${help}`;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  // Whatever reaches the terminal or the CI log has control characters escaped and workflow commands
  // neutralised, line by line (names in findings are escaped one by one before that).
  io: CliIo = {
    out: (l) => console.log(terminalLines(l)),
    err: (l) => console.error(terminalLines(l)),
    env: process.env,
  },
): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.err(`${TOOL_NAME}: ${oneLine(message)}`);
    return code;
  };
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  if (command === "diff") return diffCommand(rest, io);
  if (command === "new") return newCommand(rest, io);
  if (command === "--version" || command === "-v") {
    io.out(version());
    return 0;
  }
  if (command !== "check") {
    return fail(
      command.startsWith("-")
        ? argumentError({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION", message: `'${command}'` }, "")
        : `unknown command '${command}'; see ${TOOL_NAME} --help`,
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        strict: { type: "boolean" },
        "var-file": { type: "string", multiple: true },
        var: { type: "string", multiple: true },
        reachability: { type: "boolean" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    return fail(argumentError(e, "check"));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  if (values.version) {
    io.out(version());
    return 0;
  }
  const format = values.format ?? "text";
  if (!["text", "json", "sarif"].includes(format)) {
    return fail(`--format must be text, json or sarif, not '${format}'; see ${TOOL_NAME} check --help`);
  }
  if (positionals.length === 0) return fail(`no file or folder to check; see ${TOOL_NAME} check --help`);
  try {
    return await run(positionals, values, format, io);
  } catch (e) {
    if (e instanceof UnusableInputError) return fail(e.message);
    // Anything else is a defect of this tool, never a finding: one line, exit 2.
    return fail(
      `could not check the input (internal error: ${(e as Error)?.message ?? String(e)}); please report it`,
    );
  }
}

async function run(
  paths: string[],
  values: { strict?: boolean; "var-file"?: string[]; var?: string[]; reachability?: boolean; out?: string },
  format: string,
  io: CliIo,
): Promise<number> {
  const loaded = await loadInputs(paths, {
    varFiles: values["var-file"] ?? [],
    vars: values.var ?? [],
    ...(io.env ? { env: io.env } : {}),
  });
  const result = check(loaded.docs, ALL_RULES, { strict: values.strict === true });
  const report = result.report;
  const blocking = blockingFindings(report.findings);
  const analysis = values.reachability ? analyzeReachability(result.model) : undefined;
  if (values.reachability) {
    const outdir = values.out ?? DEFAULT_OUT;
    const written = writeOutputs(outdir, result, { reports: false, reachability: {}, rules: ALL_RULES });
    io.err(`${TOOL_NAME}: wrote ${written.files.join(", ")}`);
    if (written.svgError)
      io.err(`${TOOL_NAME}: the topology SVG was not written: ${oneLine(written.svgError)}`);
  }
  const texts = () =>
    reportTexts(report, {
      rules: ALL_RULES,
      extra: {
        files: loaded.files.map((f) => f.file),
        // The matrix the reachability file holds: with the findings, their fixes and what was not checked.
        ...(analysis
          ? {
              reachability: reachabilityMatrix(
                analysis,
                { checked: { report, suppressions: result.model.suppressions } },
                report.findings,
              ),
            }
          : {}),
      },
      // The line of each resource in the JSON files read (HCL files: the file, without a line).
      locate: locateInFiles(loaded.files.filter((f) => f.kind !== "hcl")),
    });
  if (format === "json") {
    io.out(texts().json.trimEnd());
  } else if (format === "sarif") {
    io.out(texts().sarif.trimEnd());
  } else {
    for (const f of report.findings) io.out(formatFinding(f));
    const listed = new Set(report.unverifiable.map((u) => `${u.path}\u0000${u.what}`));
    // Under --strict what was not verifiable is an error finding already: not listed twice.
    for (const f of report.findings) {
      const what = f.values?.notVerifiable;
      if (typeof what === "string") listed.add(`${f.path}\u0000${what}`);
    }
    for (const u of report.unverifiable) {
      io.out(terminalText(`[${u.path}] ${u.ruleId} (not verified): ${u.what}`));
    }
    for (const n of report.coverage?.notUnderstood ?? []) {
      if (!listed.has(`${n.path}\u0000${n.what}`))
        io.out(terminalText(`[${n.path}] not understood: ${n.what}`));
    }
    const { warnings, suppressed } = countFindings(report.findings);
    if (analysis) io.out(reachabilityMarkdown(analysis, report.findings));
    if (report.coverage) io.out(coverageLine(report.coverage));
    const stacks = new Set(loaded.files.map((f) => f.stack)).size;
    io.out(
      `${loaded.files.length} file(s), ${stacks} stack(s): ${blocking.length} error(s), ${warnings} warning(s), ${suppressed} suppressed, ${report.unverifiable.length} not verifiable${values.strict ? " (--strict: not verifiable fails)" : ""}.`,
    );
  }
  return blocking.length > 0 ? 1 : 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
