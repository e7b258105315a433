/**
 * The emulator's command line as a new user meets it (issue #17, items 5 and 6): its help, a banner whose export
 * lines can be pasted into a shell as they are, and one clear line (not a stack) when the port is taken.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmulatorControl } from "../../provider/emulator";
import { NCLOUD_ENV_VARS } from "../../provider/ncloud/api/settings";
import { NHN_ENV_VARS } from "../../provider/nhncloud/settings";
import { CLI } from "../helpers/cli";

const BIN = path.resolve(__dirname, "../../dist/emulator/cli.js");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
});

/** Starts the emulator bin and resolves once its banner (ending with the export block) is complete. */
function start(args: string[]): Promise<{ url: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const check = () => {
      if (stdout.includes("\n") && /^# Stop the emulator/m.test(stderr))
        resolve({ url: stdout.split("\n")[0], stderr });
    };
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d;
      check();
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d;
      check();
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
  });
}

function runToEnd(cmd: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, cmd, { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("certmanager-kr-emulator", () => {
  it("answers --help and -h with its usage, options and environment, exit 0", () => {
    for (const flag of ["--help", "-h"]) {
      const res = runToEnd([BIN, flag]);
      expect(res.code).toBe(0);
      for (const part of ["usage: certmanager-kr-emulator", "--port", "--host", "--state", "--auto-issue-after-ms"])
        expect(res.stdout).toContain(part);
      expect(res.stdout).toMatch(/environment variables/i);
    }
  });

  it("prints export lines for every variable the CLI and the Pulumi programs read, ready to paste", async () => {
    const { url, stderr } = await start(["--port", "0"]);
    const exported = Object.fromEntries(
      [...stderr.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)].map((m) => [m[1], m[2]] as [string, string]),
    );
    const wanted = [...Object.values(NCLOUD_ENV_VARS), ...Object.values(NHN_ENV_VARS)];
    expect(Object.keys(exported).sort()).toEqual([...wanted].sort());
    for (const name of [NCLOUD_ENV_VARS.endpoint, NHN_ENV_VARS.endpoint, NHN_ENV_VARS.oauthEndpoint])
      expect(exported[name]).toBe(url);

    // Pasted into a shell as printed, the block lets the CLI read both clouds, NHN on API v1.3 (token call).
    const block = stderr.slice(stderr.indexOf("# Paste"), stderr.indexOf("# Stop the emulator"));
    const control = new EmulatorControl(url);
    await control.clearRequests();
    const shell = spawnSync("bash", ["-c", `${block}\n"${process.execPath}" "${CLI}" status --json`], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(shell.status, shell.stderr).toBe(0);
    const { certificates } = JSON.parse(shell.stdout) as { certificates: { cloud: string }[] };
    expect(certificates.some((c) => c.cloud === "nhn")).toBe(true);
    expect(shell.stderr).not.toMatch(/skipped/);
    expect((await control.requests({ operation: "createToken" })).length).toBeGreaterThan(0);

    // Without the two User Access Key lines (as the block's comment says), NHN is read on v1.2 with the appkey.
    const v12 = block
      .split("\n")
      .filter((l) => !l.includes(NHN_ENV_VARS.userAccessKeyId) && !l.includes(NHN_ENV_VARS.userSecretAccessKey))
      .join("\n");
    await control.clearRequests();
    const shell12 = spawnSync("bash", ["-c", `${v12}\n"${process.execPath}" "${CLI}" status --json`], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(shell12.status, shell12.stderr).toBe(0);
    expect(await control.requests({ operation: "createToken" })).toHaveLength(0);
  });

  it("on a port in use, prints one line saying so and how to pick another, and exits non-zero", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      for (const cmd of [
        [BIN, "--port", String(port)],
        [CLI, "emulator", "--port", String(port)],
      ]) {
        const res = runToEnd(cmd);
        expect(res.code).not.toBe(0);
        expect(res.stdout).toBe("");
        const lines = res.stderr.trimEnd().split("\n");
        expect(lines, res.stderr).toHaveLength(1);
        expect(lines[0]).toContain(`port ${port}`);
        expect(lines[0]).toMatch(/in use/);
        expect(lines[0]).toContain("--port");
        expect(lines[0]).not.toMatch(/EADDRINUSE|^\s+at /);
      }
    } finally {
      blocker.close();
    }
  });
});
