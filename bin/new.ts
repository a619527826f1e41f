/**
 * `cdktf-azure-connectivity new <template> [dir]`: writes a ready app from a reference topology into an
 * empty (or new) folder: main.ts, main.test.ts (a jest test that synthesizes with the policies),
 * cdktf.json, package.json (the versions the README installs, which work together), tsconfig.json,
 * .gitignore and a .npmrc template mapping the package to a private registry (placeholders, no token).
 *
 * The templates are files under `templates/` of the package; the cdktn package's are staged with their
 * module specifiers renamed (scripts/flavor.js), and the package's own name is written into the imports.
 * Exit codes: 0 written; 2 refused (unknown template or option, a folder that is not empty, a symlink,
 * a file where the folder should be), nothing written.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { writeFileAtomic } from "../policies/io";
import { TOOL_NAME } from "../policies/report";

/** Where the generator writes: one line per call. */
export interface NewIo {
  out(line: string): void;
  err(line: string): void;
}

/** The reference topologies `new` writes an app from. */
export const TEMPLATES: Readonly<Record<string, string>> = {
  "hub-spoke": "a HubAndSpoke: a hub with a VPN gateway, an on-premises site and two spokes (prod, test)",
  peering: "two VNets peered both ways (the README's quick start)",
};

const NEW_USAGE = `Usage: ${TOOL_NAME} new <template> [dir]

Writes a ready app (main.ts, main.test.ts, package.json, cdktf.json, tsconfig.json, .gitignore and an
.npmrc template) into dir (default: the current folder), which must be empty or not exist yet.

Templates:
${Object.entries(TEMPLATES)
  .map(([name, what]) => `  ${name.padEnd(10)} ${what}`)
  .join("\n")}

Options:
  -h, --help   show this help

Exit codes: 0 written; 2 refused (unknown template, a folder that is not empty, a symbolic link),
nothing written.`;

/** The package this code belongs to: its folder, name and version (the cdktf or the cdktn package). */
export function ownPackage(from: string = __dirname): { root: string; name: string; version: string } {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      if (typeof pkg.name === "string" && pkg.name.endsWith("-azure-connectivity"))
        return { root: dir, name: pkg.name, version: String(pkg.version) };
    }
    if (path.dirname(dir) === dir) throw new Error(`the package.json of ${TOOL_NAME} was not found`);
  }
}

/** The files of an app from `template`, by name, for the package `pkg`. */
export function appFiles(
  template: string,
  appName: string,
  pkg: { root: string; name: string; version: string } = ownPackage(),
): Record<string, string> {
  const dir = path.join(pkg.root, "templates");
  const read = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
  const framework = pkg.name.startsWith("cdktn-") ? "cdktn" : "cdktf";
  const pins = JSON.parse(read("pins.json"))[framework];
  // The package's own name in the imports (the cdktn package's templates have cdktn's specifiers).
  const ownName = (text: string) => text.replace(/(["'])cdktf-azure-connectivity\1/g, `$1${pkg.name}$1`);
  const packageJson = {
    name: appName,
    version: "0.1.0",
    private: true,
    scripts: {
      synth: framework === "cdktf" ? "cdktf synth" : "ts-node main.ts",
      test: "jest",
      typecheck: "tsc --noEmit",
    },
    dependencies: {
      // Installed from your organisation's scope under its own name (an npm alias; see .npmrc).
      [pkg.name]: `npm:@your-org/${pkg.name}@${pkg.version}`,
      ...pins.dependencies,
    },
    devDependencies: pins.devDependencies,
    ...(pins.overrides ? { overrides: pins.overrides } : {}),
    jest: { preset: "ts-jest", testEnvironment: "node" },
  };
  return {
    "main.ts": ownName(read(`${template}/main.ts`)),
    "main.test.ts": ownName(read("common/main.test.ts")),
    "package.json": JSON.stringify(packageJson, null, 2) + "\n",
    "cdktf.json": read("common/cdktf.json"),
    "tsconfig.json": read("common/tsconfig.json"),
    // npm leaves .gitignore and .npmrc out of a package: shipped without their dot.
    ".gitignore": read("common/gitignore"),
    ".npmrc": read("common/npmrc").split(TOOL_NAME).join(pkg.name),
  };
}

/** An npm package name from a folder name. */
function appNameOf(dir: string): string {
  const name = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|[-]+$/g, "");
  return name || "connectivity-app";
}

/** Runs `new`; returns the exit code. */
export function newCommand(args: readonly string[], io: NewIo, cwd: string = process.cwd()): number {
  const refuse = (message: string) => {
    io.err(`${TOOL_NAME} new: ${message}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    const m = /'(-[^']*)'/.exec((e as Error).message ?? "");
    return refuse(`unknown option ${m ? m[1] : ""}; see ${TOOL_NAME} new --help`);
  }
  if (parsed.values.help) {
    io.out(NEW_USAGE);
    return 0;
  }
  const [template, target, ...extra] = parsed.positionals;
  const names = Object.keys(TEMPLATES).join(", ");
  if (template === undefined) return refuse(`which template? ${names}; see ${TOOL_NAME} new --help`);
  if (!Object.prototype.hasOwnProperty.call(TEMPLATES, template))
    return refuse(`unknown template '${template}'; templates: ${names}`);
  if (extra.length) return refuse(`one folder only, not '${extra.join(" ")}'; see ${TOOL_NAME} new --help`);
  const dir = path.resolve(cwd, target ?? ".");
  const shown = target ?? ".";

  const st = lstat(dir);
  if (st?.isSymbolicLink()) return refuse(`${shown} is a symbolic link; not followed, nothing written`);
  if (st && !st.isDirectory()) return refuse(`${shown} is not a folder; nothing written`);
  if (st && fs.readdirSync(dir).length > 0)
    return refuse(`${shown} is not empty; give a new or empty folder, nothing written`);
  let files: Record<string, string>;
  try {
    files = appFiles(template, appNameOf(dir));
  } catch (e) {
    return refuse(`could not read the template: ${(e as Error).message}`);
  }
  try {
    if (!st) fs.mkdirSync(dir, { recursive: true });
    // What was made (or found) must be a real folder, not a symlink put there meanwhile.
    const made = lstat(dir);
    if (!made || made.isSymbolicLink() || !made.isDirectory())
      return refuse(`${shown} is not a folder; nothing written`);
    // Each file through a temporary file and a rename: a symlink at a target is replaced, never followed.
    for (const [name, text] of Object.entries(files)) writeFileAtomic(path.join(dir, name), text);
  } catch (e) {
    return refuse(`could not write ${shown}: ${(e as Error).message}`);
  }
  const pkg = ownPackage();
  const cdktn = pkg.name.startsWith("cdktn-");
  io.out(`Wrote a ${template} app to ${shown}: ${Object.keys(files).join(", ")}.`);
  io.out("Next:");
  if (target !== undefined) io.out(`  cd ${shown}`);
  io.out("  # .npmrc and package.json: replace @your-org and the registry with yours (uncomment .npmrc)");
  io.out("  npm install");
  io.out(
    cdktn ? "  npx ts-node main.ts   # synthesizes to cdktf.out/, the policies on" : "  npx cdktf synth",
  );
  io.out("  npm test");
  return 0;
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
