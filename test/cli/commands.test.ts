/**
 * The `certmanager-kr` command line as a new user meets it (issue #17, item 4): help for every command, a mistyped
 * path that is not taken for an NHN name, `status` that fails when it checked nothing or when a cloud failed, and a
 * table that stays aligned with Korean names.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../provider/cli/width";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NhnCertificateManagerClient } from "../../provider/nhncloud/client";
import { closeSharedAgents } from "../../provider/shared/http";
import { runCli } from "../helpers/cli";

let emulator: RunningEmulator;
let nhnEnv: Record<string, string>;
let ncpEnv: Record<string, string>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cmkr-cli-cmds-"));
const run = (args: string[], env: Record<string, string> = {}) => runCli(args, env, dir);

beforeAll(async () => {
  emulator = await startEmulator();
  nhnEnv = {
    NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
    NHNCLOUD_CERTIFICATE_MANAGER_APPKEY: emulator.nhncloud.appKey,
  };
  ncpEnv = {
    NCLOUD_ACCESS_KEY: emulator.ncloudCredentials.accessKey,
    NCLOUD_SECRET_KEY: emulator.ncloudCredentials.secretKey,
    NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
  };
});

afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("help", () => {
  const commands: [string, RegExp[]][] = [
    ["status", [/--json/, /NCLOUD_ACCESS_KEY/, /NCLOUD_SECRET_KEY/, /NHNCLOUD_CERTIFICATE_MANAGER_APPKEY/]],
    ["inspect", [/<file \| nhn-certificate-name>/, /--nhn/, /NHNCLOUD_CERTIFICATE_MANAGER_APPKEY/]],
    ["download", [/--out/, /--force/, /NHNCLOUD_CERTIFICATE_MANAGER_APPKEY/, /NHNCLOUD_USER_ACCESS_KEY_ID/]],
    ["csr", [/--cn/, /--san/, /--key/, /p384/, /--out-key/, /--out-csr/, /--force/]],
    ["emulator", [/--port/, /--state/, /--host/, /--auto-issue-after-ms/]],
  ];

  it.each(commands)(
    "%s --help and -h print that command's usage, options and environment, exit 0",
    async (cmd, parts) => {
      for (const flag of ["--help", "-h"]) {
        const res = await run([cmd, flag]);
        expect(res.code, res.stderr).toBe(0);
        expect(res.stderr).toBe("");
        expect(res.stdout).toMatch(new RegExp(`usage: certmanager-kr(-emulator| ${cmd})`));
        for (const part of parts) expect(res.stdout).toMatch(part);
        expect(res.stdout).toMatch(/environment/i);
      }
      // `help <command>` is the same text, and --help wins over other (even unknown) options.
      expect((await run(["help", cmd])).stdout).toBe((await run([cmd, "--help"])).stdout);
      expect((await run([cmd, "--bogus", "--help"])).code).toBe(0);
    },
  );

  it("the overview lists every command and how to get a command's help", async () => {
    const res = await run(["--help"]);
    expect(res.code).toBe(0);
    for (const [cmd] of commands) expect(res.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, "m"));
    expect(res.stdout).toContain("certmanager-kr <command> --help");
  });
});

describe("inspect", () => {
  it.each(["./missing.pem", "missing.crt", "certs/site", "C:\\certs\\site", "site.key", "bundle.p12"])(
    "%s looks like a path: 'no such file', and nothing is asked of NHN",
    async (arg) => {
      await emulator.control.clearRequests();
      const res = await run(["inspect", arg], nhnEnv);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`no such file: ${arg}`);
      expect(await emulator.control.requests({ api: "nhncloud" })).toHaveLength(0);
    },
  );

  it("a name that does not look like a path is an NHN name, and --nhn forces one that does", async () => {
    const byName = await run(["inspect", "nope.example.com"], nhnEnv);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain('"nope.example.com"');
    expect(byName.stderr).not.toContain("no such file");
    const forced = await run(["inspect", "--nhn", "odd.pem"], nhnEnv);
    expect(forced.stderr).toContain('"odd.pem"');
    expect(forced.stderr).toContain("52000");
  });
});

describe("credentials the CLI reads", () => {
  it("a missing appkey names the environment variable, not pulumi config", async () => {
    for (const args of [
      ["download", "www.example.com"],
      ["inspect", "www.example.com"],
    ]) {
      const res = await run(args);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain("NHNCLOUD_CERTIFICATE_MANAGER_APPKEY");
      expect(res.stderr).not.toMatch(/pulumi config|nhncloud:certificateManagerAppKey/);
    }
  });
});

describe("status", () => {
  it("fails when nothing was checked, and says why", async () => {
    for (const args of [["status"], ["status", "--json"]]) {
      const res = await run(args);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/nothing was checked/i);
      expect(res.stderr).toContain("NCLOUD_ACCESS_KEY");
      expect(res.stderr).toContain("NHNCLOUD_CERTIFICATE_MANAGER_APPKEY");
    }
  });

  it("when one cloud fails, still prints the other's rows, says what failed, and exits non-zero", async () => {
    const broken = { ...ncpEnv, NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: "http://127.0.0.1:9" }; // nothing listens
    const res = await run(["status"], { ...broken, ...nhnEnv });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("www.example.com");
    expect(res.stderr).toMatch(/NCP failed: .*ECONNREFUSED/);

    const json = await run(["status", "--json"], { ...broken, ...nhnEnv });
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { certificates: { cloud: string }[]; errors: { cloud: string }[] };
    expect(parsed.certificates.some((c) => c.cloud === "nhn")).toBe(true);
    expect(parsed.errors.map((e) => e.cloud)).toEqual(["ncp"]);

    const nhnBroken = await run(["status"], { ...ncpEnv, ...nhnEnv, NHNCLOUD_CERTIFICATE_MANAGER_APPKEY: "WRONG-KEY" });
    expect(nhnBroken.code).toBe(1);
    expect(nhnBroken.stderr).toMatch(/NHN Cloud failed: /);
  });

  it("lines the table up by display width when names are in Korean", async () => {
    const client = new NhnCertificateManagerClient({ appKey: emulator.nhncloud.appKey, endpoint: emulator.url });
    const { content } = await client.downloadCertificateFile("shop.example.co.kr");
    await emulator.control.nhncloud.addCertificate({ certificateName: "쇼핑몰-인증서", content: content.toString() });
    const res = await run(["status"], nhnEnv);
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines.some((l) => l.includes("쇼핑몰-인증서"))).toBe(true);
    // Every column starts at the same terminal column in every row: measure where the date column begins.
    const header = lines[0];
    const expiresAt = displayWidth(header.slice(0, header.indexOf("EXPIRES")));
    const dated = lines.slice(1).filter((l) => /\d{4}-\d{2}-\d{2}/.test(l));
    expect(dated.length).toBeGreaterThan(3);
    for (const line of dated) {
      expect(displayWidth(line.slice(0, line.search(/\d{4}-\d{2}-\d{2}/))), line).toBe(expiresAt);
    }
  });
});
