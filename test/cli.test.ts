/** The `certmanager-kr` command line (from dist/) against the emulator. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../provider/emulator";
import { NcloudCertificateManagerClient } from "../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../provider/shared/http";
import { runOpenssl } from "./crypto/openssl";
import { runCli } from "./helpers/cli";
import { order } from "./helpers/ncloud";

let emulator: RunningEmulator;
let env: Record<string, string>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cmkr-cli-"));

const run = (args: string[], extraEnv: Record<string, string> = {}) => runCli(args, { ...env, ...extraEnv }, dir);

beforeAll(async () => {
  emulator = await startEmulator();
  env = {
    NCLOUD_ACCESS_KEY: emulator.ncloudCredentials.accessKey,
    NCLOUD_SECRET_KEY: emulator.ncloudCredentials.secretKey,
    NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
    NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
    NHNCLOUD_CERTIFICATE_MANAGER_APPKEY: emulator.nhncloud.appKey,
  };
  const client = new NcloudCertificateManagerClient({
    credentials: emulator.ncloudCredentials,
    endpoint: emulator.url,
  });
  const { certificateNo } = await order(client, "cli-ncp", "cli.example.com", []);
  await emulator.control.ncloud.issue(certificateNo);
});

afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("certmanager-kr", () => {
  it("status --json lists both clouds with days until expiry, soonest first", async () => {
    const res = await run(["status", "--json"]);
    expect(res.code).toBe(0);
    const { certificates } = JSON.parse(res.stdout) as {
      certificates: { cloud: string; name: string; daysLeft?: number }[];
    };
    expect(certificates.find((c) => c.cloud === "ncp" && c.name === "cli-ncp")?.daysLeft).toBeGreaterThan(190);
    expect(certificates.find((c) => c.cloud === "nhn" && c.name === "old.example.com")?.daysLeft).toBeLessThan(0);
    const days = certificates.map((c) => c.daysLeft ?? Number.MAX_SAFE_INTEGER);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it("status prints a table, and says which cloud it skipped", async () => {
    const res = await run(["status"], { NCLOUD_ACCESS_KEY: "" });
    expect(res.code).toBe(0);
    expect(res.stdout.split("\n")[0]).toMatch(/^CLOUD\s+NAME\s+STATUS\s+EXPIRES\s+DAYS\s+DOMAINS/);
    expect(res.stdout).toContain("www.example.com");
    expect(res.stderr).toContain("NCP skipped: set NCLOUD_ACCESS_KEY");
  });

  it("download writes the NHN file with mode 0600, and inspect decodes it", async () => {
    const dl = await run(["download", "shop.example.co.kr", "--out", "shop.pem"]);
    expect(dl.code).toBe(0);
    expect((fs.statSync(path.join(dir, "shop.pem")).mode & 0o777).toString(8)).toBe("600");
    const ins = await run(["inspect", "shop.pem"]);
    expect(ins.code).toBe(0);
    expect(ins.stdout).toMatch(/leaf: .*CN=shop\.example\.co\.kr/);
    expect(ins.stdout).toContain("chain 1:");
    expect(ins.stdout).toContain("root:");
    expect(ins.stdout).toMatch(/matches the leaf: yes/);
    expect(ins.stdout).not.toContain("PRIVATE KEY");
  });

  it("inspect by NHN name downloads first; an encrypted key is reported, not an error", async () => {
    const res = await run(["inspect", "secure.example.com"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("passphrase-protected");
  });

  it("csr makes a key (0600) and a CSR that openssl verifies", async () => {
    const res = await run(["csr", "--cn", "cli.example.com", "--san", "www.cli.example.com", "--key", "p256"]);
    expect(res.code).toBe(0);
    expect((fs.statSync(path.join(dir, "key.pem")).mode & 0o777).toString(8)).toBe("600");
    const verify = runOpenssl(["req", "-in", path.join(dir, "csr.pem"), "-noout", "-verify", "-text"]);
    expect(verify.stdout + verify.stderr).toMatch(/verify OK/);
    expect(verify.stdout).toContain("DNS:www.cli.example.com");
    expect(verify.stdout).toContain("ecdsa-with-SHA256");
  });

  it("refuses bad usage with exit code 2", async () => {
    expect((await run(["csr"])).code).toBe(2);
    expect((await run(["csr", "--cn", "a.example.com", "--key", "dsa"])).stderr).toContain("--key must be one of");
    expect((await run(["status", "--bogus"])).code).toBe(2);
  });
});

describe("files the CLI writes (issue #14)", () => {
  const inDir = (name: string) => path.join(dir, name);
  const mode = (name: string) => (fs.statSync(inDir(name)).mode & 0o777).toString(8);

  it("csr never writes a key into an existing file, and with --force replaces it by a new 0600 file", async () => {
    fs.writeFileSync(inDir("shared-key.pem"), "old\n", { mode: 0o644 });
    fs.chmodSync(inDir("shared-key.pem"), 0o644);
    const args = ["csr", "--cn", "k.example.com", "--key", "p256", "--out-key", "shared-key.pem", "--out-csr", "k.csr"];
    const refused = await run(args);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/shared-key\.pem exists.*--force/);
    expect(fs.readFileSync(inDir("shared-key.pem"), "utf8")).toBe("old\n");
    expect(fs.existsSync(inDir("k.csr"))).toBe(false);

    const inode = fs.statSync(inDir("shared-key.pem")).ino;
    const forced = await run([...args, "--force"]);
    expect(forced.code).toBe(0);
    expect(mode("shared-key.pem")).toBe("600");
    expect(fs.readFileSync(inDir("shared-key.pem"), "utf8")).toContain("PRIVATE KEY");
    expect(fs.statSync(inDir("shared-key.pem")).ino).not.toBe(inode); // a new file renamed into place
  });

  it("download keeps only the base name of the server's file name, and never writes outside the directory", async () => {
    const content = fs.readFileSync(inDir("shop.pem"), "utf8");
    for (const [name, fileName] of [
      ["escape-rel.example.com", "../../escaped-rel.pem"],
      ["escape-abs.example.com", path.join(os.tmpdir(), "escaped-abs.pem")],
    ]) {
      await emulator.control.nhncloud.addCertificate({ certificateName: name, fileName, content });
      const res = await run(["download", name]);
      expect(res.code, res.stderr).toBe(0);
      const base = path.basename(fileName);
      expect(fs.existsSync(inDir(base))).toBe(true);
      expect(mode(base)).toBe("600");
    }
    expect(fs.existsSync(path.resolve(dir, "../../escaped-rel.pem"))).toBe(false);
    expect(fs.existsSync(path.join(os.tmpdir(), "escaped-abs.pem"))).toBe(false);
  });

  it("download refuses a server-chosen dot-file name or one with bidi/control characters, and says so", async () => {
    const content = fs.readFileSync(inDir("shop.pem"), "utf8");
    for (const [name, fileName, why] of [
      ["dot.example.com", ".bashrc", /hidden/],
      ["dots.example.com", "...pem", /hidden/],
      ["bidi.example.com", "invoice\u202Egnp.pem", /U\+202E/],
      ["isolate.example.com", "a\u2066b.pem", /U\+2066/],
      ["zero-width.example.com", "a\u200Bb.pem", /U\+200B/],
      ["c1.example.com", "a\u0085b.pem", /U\+0085/],
    ] as const) {
      await emulator.control.nhncloud.addCertificate({ certificateName: name, fileName, content });
      const res = await run(["download", name]);
      expect(res.code, res.stderr).toBe(0);
      const fallback = `${name}.pem`;
      expect(res.stdout).toContain(fallback);
      expect(res.stderr).toMatch(/server's file name .* not used/);
      expect(res.stderr).toMatch(why);
      expect(res.stderr).not.toMatch(/[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(mode(fallback)).toBe("600");
      expect(fs.readdirSync(dir).filter((f) => f.includes(fileName.slice(1, 4)) && f !== fallback)).toEqual([]);
    }
    expect(fs.existsSync(inDir(".bashrc"))).toBe(false);
  });

  it("download refuses to overwrite without --force and never follows a symlink given to --out", async () => {
    const again = await run(["download", "shop.example.co.kr", "--out", "shop.pem"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/shop\.pem exists.*--force/);

    const victim = inDir("victim.txt");
    fs.writeFileSync(victim, "not yours\n", { mode: 0o644 });
    fs.chmodSync(victim, 0o644);
    fs.symlinkSync(victim, inDir("link.pem"));
    for (const extra of [[], ["--force"]]) {
      const res = await run(["download", "shop.example.co.kr", "--out", "link.pem", ...extra]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/link\.pem is a symbolic link/);
    }
    expect(fs.readFileSync(victim, "utf8")).toBe("not yours\n");
    expect((fs.statSync(victim).mode & 0o777).toString(8)).toBe("644");
  });
});
