// Test helpers: openssl is the independent judge of what the crypto module produces.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runOpenssl(args: string[], input?: string): RunResult {
  const res = spawnSync("openssl", args, { input, encoding: "utf8" });
  if (res.error) {
    throw res.error;
  }
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Runs openssl and returns stdout; throws with stderr when it fails. */
export function openssl(args: string[], input?: string): string {
  const res = runOpenssl(args, input);
  if (res.status !== 0) {
    throw new Error(`openssl ${args.join(" ")} failed (${res.status}): ${res.stderr}`);
  }
  return res.stdout;
}

export class TempDir {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "certmanager-kr-crypto-"));

  write(name: string, content: string | Buffer): string {
    const file = path.join(this.dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  read(name: string): string {
    return fs.readFileSync(path.join(this.dir, name), "utf8");
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function toCrlf(text: string): string {
  return text.replace(/\n/g, "\r\n");
}
