/**
 * The README's commands: `npm start` (the main job, which needs the Pulumi CLI) stops with install instructions
 * when no CLI can be had or built, and `npm run demo` runs the same story through the provider alone. The main
 * job's happy path runs in test/e2e/mainJob.e2e.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

describe("main job without a Pulumi CLI", () => {
  it("exits non-zero at once with instructions to install the CLI", () => {
    // A PATH with node and the shell tools, but no pulumi, no Go and an empty cache (HOME): nothing to run or build.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "nocli-"));
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    for (const tool of ["bash", "dirname", "mkdir", "flock"]) {
      const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      fs.symlinkSync(found, path.join(bin, tool));
    }
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "main-job.js")], {
      env: { PATH: bin, HOME: bin },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("needs the Pulumi CLI");
    expect(run.stderr).toContain("https://get.pulumi.com");
    expect(run.stderr).toContain("no Go toolchain to build it");
    expect(run.stderr).toContain("npm run demo");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe("npm run demo", () => {
  it("orders, waits for issuance, refreshes without changes, sees an out-of-band delete, destroys", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "demo.js")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/status NORMAL_UNREGISTERED_PRIVATE_KEY/);
    expect(run.stdout).toMatch(/== 2\. preview --refresh: no changes\n {2}no changes/);
    expect(run.stdout).toContain("the certificate is gone");
    expect(run.stdout).toContain("privateKeyPem: [secret]");
    expect(run.stdout).not.toContain("PRIVATE KEY-----");
  });
});
