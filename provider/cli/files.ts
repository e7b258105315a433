/**
 * How the CLI writes files that may hold a private key: never into an existing file (whose mode and owner would be
 * kept) unless forced, never through a symbolic link, and always as a new file renamed into place, so the content is
 * never readable by others, not even for a moment.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export class FileRefused extends Error {}

/** Refuses `target` before anything is written: a symlink always, an existing file unless `force`. */
export function checkTarget(target: string, force: boolean): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch {
    return; // does not exist: fine
  }
  if (st.isSymbolicLink()) {
    throw new FileRefused(`${target} is a symbolic link: refusing to write through it; give the path of a plain file`);
  }
  if (!st.isFile()) throw new FileRefused(`${target} exists and is not a regular file`);
  if (!force) throw new FileRefused(`${target} exists: refusing to overwrite it (add --force to replace it)`);
}

/** Writes `content` to a new file with `mode` beside `target`, then renames it over `target` (see checkTarget). */
export function writeNewFile(target: string, content: string | Buffer, mode: number, force: boolean): void {
  checkTarget(target, force);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(temp, "wx", mode); // wx: a new file, never an existing one or a link's target
  try {
    fs.fchmodSync(fd, mode); // whatever the umask
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, target); // replaces a link itself, never what it points to
}

/**
 * A server-sent file name made safe to use here, as `curl -OJ` does: its base name only, so `../../x.pem` or an
 * absolute path cannot leave the working directory. Undefined when nothing usable remains.
 */
export function safeBaseName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being dropped
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[\x00-\x1f\x7f]/g, "");
  return base === "" || base === "." || base === ".." ? undefined : base;
}
