/**
 * Writing the files the policy layer leaves next to the synthesized Terraform (the findings reports,
 * the reachability matrix and diagram), safely: each is written by `writeFileAtomic`
 * (core/atomic-write.ts: a temporary file created exclusively, renamed into place), so a reader sees
 * the old file or the new one, never half of one, and the rename replaces whatever is at the target,
 * a symlink included, without following it: the file a planted `connectivity-reachability.md ->
 * ~/.bashrc` pointed to is left as it was.
 */
import * as fs from "fs";

export { writeFileAtomic } from "../core/atomic-write";

/** Removes `file` if it exists; a symlink is removed itself, never what it points to. */
export function removeFile(file: string): void {
  fs.rmSync(file, { force: true });
}
