/** `npm start`, the main job, with the real CLI: the README's story runs to the end and leaves nothing behind. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it, vi } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const bin = inject("pulumiBin");
// Each test runs several real `pulumi` commands (seconds each, more while other test files share the 2 cores).
vi.setConfig({ testTimeout: 600_000 });

describe.skipIf(!bin)("npm start (the main job)", () => {
  it("orders and issues, previews clean, plans the renewal, explains the drift, destroys; leaves no files", async () => {
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, "scripts", "main-job.js")], {
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(run.code, run.out.slice(-3000)).toBe(0);
    expect(run.out).toMatch(
      /1\. pulumi up \(order, DNS records, wait for issuance\): certificate \d+ NORMAL\S*, validated through 2 Global DNS records/,
    );
    expect(run.out).toMatch(/2\. pulumi preview --refresh --expect-no-changes: no changes/);
    expect(run.out).toMatch(/expires on \d{4}-\d{2}-\d{2}, in (19|20) day\(s\), inside renewBeforeDays 30/);
    expect(run.out).toMatch(/3\. .*renewal planned: \d+ to update/);
    expect(run.out).not.toMatch(/3\. .*to (replace|create|delete)/); // a reissue within the order, nothing else
    expect(run.out).toMatch(/4\. a validation record is deleted .*: drift: 1 to create/);
    expect(run.out).toContain("no longer exists in NCP Global DNS");
    expect(run.out).toContain("no longer exists in NCP (deleted outside Pulumi)");
    expect(run.out).toMatch(/6\. pulumi destroy: stack removed/);
    expect(run.out).not.toContain("PRIVATE KEY-----");
    expect(fs.existsSync(path.join(ROOT, ".tmp", "main-job"))).toBe(false);
    expect(fs.existsSync(path.join(ROOT, "node_modules", "pulumi-certmanager-kr"))).toBe(false);
  });
});
