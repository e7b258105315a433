/**
 * scripts/pulumi-yaml.sh finds Pulumi YAML's language host the way scripts/pulumi-cli.sh finds the CLI. These
 * cases need no Go build: an empty cache with --no-build, a cache holding a finished build, a half-written one.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const SCRIPT = path.resolve(__dirname, "..", "..", "scripts", "pulumi-yaml.sh");

function run(cache: string, ...args: string[]) {
  // PATH without any pulumi-language-yaml, so only the cache can answer.
  const env = { ...process.env, CERTMANAGER_KR_CACHE: cache, PATH: "/usr/bin:/bin" };
  return spawnSync("bash", [SCRIPT, "--no-path", ...args], { env, encoding: "utf8" });
}

describe("scripts/pulumi-yaml.sh", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "cmkr-yaml-"));
  const bin = path.join(cache, "pulumi-yaml-v1.25.0", "bin");

  it("with nothing cached and --no-build: exit 4, saying how to get it", () => {
    const r = run(cache, "--no-build");
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("run scripts/pulumi-yaml.sh to build it");
  });

  it("a half-written build (no version marker) is not taken; a finished one is, and its directory printed", () => {
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "pulumi-language-yaml"), "#!/bin/sh\n", { mode: 0o755 });
    expect(run(cache, "--no-build").status).toBe(4);
    fs.writeFileSync(path.join(bin, ".version"), "v1.25.0\n");
    const r = run(cache, "--no-build");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").pop()).toBe(bin);
  });

  it("refuses an unknown option", () => {
    expect(run(cache, "--frobnicate").status).toBe(2);
  });
});
