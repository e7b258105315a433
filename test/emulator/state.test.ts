/**
 * The emulator's persistence and its command-line entry point: two emulators on one state file are one world,
 * and the bin (from the built dist/) starts, prints its URL and serves the API.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { order } from "../helpers/ncloud";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cmkr-state-"));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await closeSharedAgents();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("state file", () => {
  it("lets two emulators share one world, including the issuing CA", async () => {
    const stateFile = path.join(tmp, "shared.json");
    const a = await startEmulator({ stateFile });
    const b = await startEmulator({ stateFile });
    try {
      const clientA = new NcloudCertificateManagerClient({ credentials: a.ncloudCredentials, endpoint: a.url });
      const clientB = new NcloudCertificateManagerClient({ credentials: b.ncloudCredentials, endpoint: b.url });
      const { certificateNo } = await order(clientA, "shared-one", "shared.example.com", []);
      const seenByB = await clientB.findPaidCertificatesByName("shared-one");
      expect(seenByB.map((c) => c.certificateNo)).toEqual([certificateNo]);

      await b.control.ncloud.issue(certificateNo);
      const chainA = await clientA.exportCertificateChain(certificateNo);
      expect(chainA.certificate).toContain("BEGIN CERTIFICATE");
      const { certificateNo: second } = await order(clientB, "shared-two", "two.example.com", []);
      expect(second).toBe(certificateNo + 1); // counters are shared too
      await a.control.ncloud.issue(second);
      const chainB = await clientB.exportCertificateChain(second);
      expect(chainB.rootCaCertificate).toBe(chainA.rootCaCertificate);
      expect((fs.statSync(stateFile).mode & 0o777).toString(8)).toBe("600");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("keeps the world across a restart", async () => {
    const stateFile = path.join(tmp, "restart.json");
    const first = await startEmulator({ stateFile });
    const c1 = new NcloudCertificateManagerClient({ credentials: first.ncloudCredentials, endpoint: first.url });
    await order(c1, "survivor", "survivor.example.com", []);
    await first.close();
    const second = await startEmulator({ stateFile });
    const c2 = new NcloudCertificateManagerClient({ credentials: second.ncloudCredentials, endpoint: second.url });
    expect(await c2.findPaidCertificatesByName("survivor")).toHaveLength(1);
    await second.close();
  });

  it("auto-issues pending orders after the configured delay", async () => {
    const emulator = await startEmulator({ autoIssueAfterMs: 200 });
    const client = new NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.url,
    });
    const { certificateNo } = await order(client, "auto-issue", "auto.example.com", []);
    expect((await client.findPaidCertificatesByName("auto-issue"))[0].statusCode).toBe("0");
    await new Promise((r) => setTimeout(r, 250));
    const [entry] = await client.findPaidCertificatesByName("auto-issue");
    expect([entry.statusCode, entry.statusName]).toEqual(["2", "NORMAL_UNREGISTERED_PRIVATE_KEY"]);
    // Validity is documented for ListCertificates (doc §6.3), not for the Advanced list.
    const [detail] = await client.findCertificatesByName("auto-issue");
    expect(detail.notAfter).toMatch(/^\d{4}-\d{2}-\d{2} /);
    await expect(client.exportCertificateChain(certificateNo)).resolves.toBeDefined();
    await emulator.close();
  });
});

describe("certmanager-kr-emulator bin", () => {
  it("starts from dist/, prints its URL and persists to --state", async () => {
    const bin = path.resolve(__dirname, "../../dist/emulator/cli.js");
    const stateFile = path.join(tmp, "cli.json");
    const child = spawn(process.execPath, [bin, "--port", "0", "--state", stateFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n")) resolve(line.trim());
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new NcloudCertificateManagerClient({
      credentials: { accessKey: "EMULATOR-ACCESS-KEY", secretKey: "EMULATOR-SECRET-KEY" },
      endpoint: url,
    });
    await order(client, "from-cli", "cli.example.com", []);
    expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).apis.ncloud.certificates).toHaveLength(1);
  });

  it("rejects a bad --port with a usage message", async () => {
    const bin = path.resolve(__dirname, "../../dist/emulator/cli.js");
    const child = spawn(process.execPath, [bin, "--port", "http"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("--port must be an integer");
  });
});

describe("a bad state file (issue #14)", () => {
  const BIN = path.resolve(__dirname, "../../dist/emulator/cli.js");
  const cases: [string, string, RegExp][] = [
    ["empty", "", /is empty/],
    ["truncated", '{"version":1,"apis":{"ncloud":{"certifi', /is not valid JSON/],
    ["garbage", "\u0000\u00ffnot json at all", /is not valid JSON/],
    ["wrong shape", '{"certificates":[{"certificateNo":1}]}', /is not an emulator state file/],
    ["wrong version", '{"version":7,"apis":{},"clockOffsetMs":0}', /version 7/],
  ];

  it.each(cases)(
    "%s: refused with a clear message, and the file is left untouched",
    async (_what, content, message) => {
      const file = path.join(tmp, `bad-${_what.replace(/ /g, "-")}.json`);
      fs.writeFileSync(file, content);
      await expect(startEmulator({ stateFile: file })).rejects.toThrow(message);
      expect(fs.readFileSync(file, "utf8")).toBe(content);
    },
  );

  it("the bin exits with the message, not a stack trace", async () => {
    const file = path.join(tmp, "bad-bin.json");
    fs.writeFileSync(file, '{"version":1,"apis":');
    const child = spawn(process.execPath, [BIN, "--state", file], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d;
    });
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-bin\.json is not valid JSON/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(file, "utf8")).toBe('{"version":1,"apis":');
  });
});
