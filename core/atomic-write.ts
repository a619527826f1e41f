/**
 * Writing a file atomically: to a temporary file in the same folder, then renamed into place, so a
 * reader (a CI step, an editor, a second synth) sees the old file or the new one, never half of one, and
 * a write cut short (a crash, a full disk) leaves the old file as it was.
 *
 * - the temporary file is created exclusively (`O_CREAT | O_EXCL`), so a file or a symlink planted at
 *   its name makes the write fail instead of being followed;
 * - the rename replaces whatever is at the target, a symlink included, without following it.
 *
 * In `core/` because both the constructs (the address record of `AddressPool`) and the policies (the
 * reports, the reachability outputs, the stack files of a synth: `policies/io.ts`) write with it.
 *
 * @see https://man7.org/linux/man-pages/man2/rename.2.html
 * @see https://man7.org/linux/man-pages/man2/open.2.html (O_EXCL: "symbolic links are not followed")
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
  try {
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
