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

/** Control, format (bidirectional overrides and isolates, zero-width) and line/paragraph separator characters. */
const DISGUISING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** `text` with each character of DISGUISING written as `<U+XXXX>`, so a message shows what the name really is. */
export function showDisguised(text: string): string {
  return text.replace(new RegExp(DISGUISING.source, "gu"), (c) => `<${codePoint(c)}>`);
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A server-sent file name as the CLI may use it, as `curl -OJ` does: its base name only, so `../../x.pem` or an
 * absolute path cannot leave the working directory. `refused` (with the reason) for a name that would be a hidden
 * dot-file (`.bashrc`, `.profile`: a file the shell or a tool runs) or that carries a control or bidirectional
 * character (`invoice\u202Egnp.pem` displays as `invoicemep.png`); undefined when the server sent none.
 */
export function serverFileName(name: string | undefined): { name: string } | { refused: string } | undefined {
  if (!name) return undefined;
  const base = path.basename(name.replace(/\\/g, "/"));
  if (base === "" || base === "." || base === "..") return { refused: "it names no file" };
  if (base.startsWith(".")) return { refused: "it would be a hidden file (it starts with a dot)" };
  const odd = base.match(DISGUISING);
  if (odd) return { refused: `it holds ${codePoint(odd[0])}, a control or formatting character that disguises names` };
  return { name: base };
}
