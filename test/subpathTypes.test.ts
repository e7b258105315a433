/**
 * The subpath entries resolve with types under both TypeScript resolutions Pulumi projects use:
 * `moduleResolution: "node"` (the examples' and most projects' setting, which ignores "exports" and needs
 * "typesVersions") and `"node16"` (which reads "exports"). Compiled against the installed npm-pack tarball.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";

const TSC = path.resolve(__dirname, "..", "node_modules", "typescript", "bin", "tsc");

describe("subpath imports with types", () => {
  it.each(["node", "node16"])('resolve under moduleResolution "%s"', (resolution) => {
    const dir = path.join(inject("fixtureDir"), `types-${resolution}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      `import { startEmulator } from "pulumi-certmanager-kr/emulator";
import { advancedCertificateV1 } from "pulumi-certmanager-kr/provider";
import { ncloud } from "pulumi-certmanager-kr";
export const started: Promise<{ url: string }> = startEmulator({ port: 0 });
export const check: (olds: Record<string, unknown>, news: Record<string, unknown>) => Promise<unknown> = advancedCertificateV1.check;
export type Args = ncloud.AdvancedCertificateArgs;
`,
    );
    const module = resolution === "node" ? "commonjs" : "node16";
    const run = spawnSync(
      process.execPath,
      [TSC, "--noEmit", "--strict", "--skipLibCheck", "--module", module, "--moduleResolution", resolution, "index.ts"],
      { cwd: dir, encoding: "utf8" },
    );
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
