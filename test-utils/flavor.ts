/**
 * The framework a test run is on, for the tests that start processes: jest's module mapping (the
 * cdktn projects of jest.config.js) does not reach a child process, so on cdktn the child runs the
 * source tree renamed for cdktn, as the cdktn package's build renames it (scripts/flavor.js).
 */
import * as fs from "fs";
import * as path from "path";
import { OUR_FRAMEWORK } from "../core/framework-identity";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const flavor = require("../scripts/flavor");

const ROOT = path.resolve(__dirname, "..");
const TS_NODE = path.join(ROOT, "node_modules/.bin/ts-node");

/** The framework of this test run: `cdktf` (projects fast, slow) or `cdktn` (fast-cdktn, slow-cdktn). */
export const FRAMEWORK = OUR_FRAMEWORK.name as "cdktf" | "cdktn";

/** A source tree for child processes: the repository itself on cdktf, a renamed copy on cdktn. */
export interface SourceTree {
  /** The folder that holds `index.ts`, `bin/`, `constructs/`, ... and the staged test files. */
  readonly root: string;
  /** Removes a staged copy (nothing on cdktf). */
  cleanup(): void;
}

/**
 * The library's sources and `extra` (test files, relative to the repository root) for the framework
 * of this run. On cdktn they are staged, renamed, in a fresh folder under build/ (inside the
 * repository, so that node_modules resolve), removed by `cleanup`.
 */
export function sourceTree(extra: readonly string[] = []): SourceTree {
  if (FRAMEWORK === "cdktf") return { root: ROOT, cleanup: () => undefined };
  fs.mkdirSync(path.join(ROOT, "build"), { recursive: true });
  const root = fs.mkdtempSync(path.join(ROOT, "build", "test-cdktn-"));
  flavor.stageCdktn([...flavor.LIBRARY_SOURCES, ...extra], root);
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The command that runs a TypeScript file of a tree as a process: ts-node, transpile only. */
export function tsNode(file: string): { cmd: string; args: string[] } {
  return { cmd: TS_NODE, args: ["--transpile-only", "-P", path.join(ROOT, "tsconfig.json"), file] };
}
