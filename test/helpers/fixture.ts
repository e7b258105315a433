/**
 * The consumer fixture: the package as users get it (`npm pack` tarball installed into a project's node_modules),
 * because serialized providers resolve `pulumi-certmanager-kr/provider` from there. It lives under .tmp/ inside
 * the repo so that its @pulumi/pulumi peer resolves to the repo's copy.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export function buildFixture(name = "fixture"): string {
  const root = path.resolve(__dirname, "..", "..");
  const tmp = path.join(root, ".tmp");
  const fixtureDir = path.join(tmp, name);
  fs.rmSync(fixtureDir, { recursive: true, force: true });
  fs.mkdirSync(fixtureDir, { recursive: true });
  if (!fs.existsSync(path.join(root, "dist", "runtime", "index.js"))) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  }
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: root });
  const tarball = path.join(tmp, (JSON.parse(out.toString()) as { filename: string }[])[0].filename);
  fs.writeFileSync(
    path.join(fixtureDir, "package.json"),
    JSON.stringify({
      name: `cmkr-${name}`,
      private: true,
      dependencies: { "pulumi-certmanager-kr": `file:${tarball}` },
    }),
  );
  // --legacy-peer-deps: the @pulumi/pulumi peer is the repo's own copy, found by walking up from .tmp/.
  execFileSync(
    "npm",
    [
      "install",
      "--legacy-peer-deps",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--ignore-scripts",
      "--loglevel=error",
    ],
    { cwd: fixtureDir, stdio: ["ignore", "ignore", "inherit"] },
  );
  return fixtureDir;
}
