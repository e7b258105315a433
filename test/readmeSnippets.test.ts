/**
 * Every TypeScript block in README.md and the examples' READMEs compiles against the built package as a user's
 * project would: each block is its own file in a project that installed the npm-pack tarball, CommonJS with
 * `moduleResolution: "node"` (the examples' setting), strict. So a snippet that no longer compiles fails here.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

function tsBlocks(markdownFile: string): string[] {
  const text = fs.readFileSync(markdownFile, "utf8");
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe("README snippets", () => {
  it("every ```ts block of README.md and examples/*/README.md type-checks against the package", () => {
    const readmes = [
      path.join(ROOT, "README.md"),
      ...fs.readdirSync(path.join(ROOT, "examples")).map((e) => path.join(ROOT, "examples", e, "README.md")),
    ].filter((f) => fs.existsSync(f));
    const dir = path.join(inject("fixtureDir"), "readme-snippets");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const readme of readmes) {
      tsBlocks(readme).forEach((code, i) => {
        const name = `${path.relative(ROOT, readme).replace(/[/.]/g, "_")}_${i + 1}.ts`;
        // Each block is a module of its own (so blocks may reuse names).
        fs.writeFileSync(path.join(dir, name), /^(import|export)\b/m.test(code) ? code : `${code}\nexport {};\n`);
        files.push(name);
      });
    }
    expect(files.length).toBeGreaterThanOrEqual(5);
    const run = spawnSync(
      process.execPath,
      [
        TSC,
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--esModuleInterop",
        "--target",
        "ES2020",
        "--module",
        "commonjs",
        "--moduleResolution",
        "node",
        "--types",
        "node",
        ...files,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
