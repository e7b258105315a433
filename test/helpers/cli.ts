/** Runs the built `certmanager-kr` command line (dist/) as a user would, with only the environment given. */
import { spawn } from "node:child_process";
import * as path from "node:path";

export const CLI = path.resolve(__dirname, "../../dist/cli/index.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    // The retry pauses of the test run (vitest.config.ts), so a cloud that fails does not take seconds to say so.
    const retry = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k.startsWith("CERTMANAGER_KR_RETRY_")),
    ) as Record<string, string>;
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...retry, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
