/** Temporary folders of Terraform files for the tests that read from disk (the CLI, checkTerraformFiles). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A new empty temporary folder. */
export function tmpdir(prefix = "cac-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes files under `dir` (text as given, anything else as JSON); returns `dir`. */
export function writeTree(dir: string, files: Record<string, unknown>): string {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
