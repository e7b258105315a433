/**
 * The consumer fixture: the package as users get it (`npm pack` tarball installed into a project's node_modules),
 * because serialized providers resolve `pulumi-certmanager-kr/provider` from there. It lives under .tmp/ inside
 * the repo so that its @pulumi/pulumi peer resolves to the repo's copy.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * `withOwnPulumi`: install the pinned @pulumi/pulumi into the fixture too, as in a real project (our package and
 * the SDK side by side in one node_modules); otherwise the fixture borrows the repo's copy (faster).
 */
export function buildFixture(name = "fixture", withOwnPulumi = false, tarball = packCurrentBuild()): string {
  const fixtureDir = path.join(ROOT, ".tmp", name);
  fs.rmSync(fixtureDir, { recursive: true, force: true });
  fs.mkdirSync(fixtureDir, { recursive: true });
  installTarball(fixtureDir, tarball, withOwnPulumi);
  return fixtureDir;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** `npm pack` of the current build (built first if dist/ is missing), into .tmp/; returns the tarball's path. */
export function packCurrentBuild(): string {
  const tmp = path.join(ROOT, ".tmp");
  fs.mkdirSync(tmp, { recursive: true });
  if (!fs.existsSync(path.join(ROOT, "dist", "runtime", "index.js"))) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  }
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: ROOT });
  return path.join(tmp, (JSON.parse(out.toString()) as { filename: string }[])[0].filename);
}

/** Installs (or replaces) the package in a fixture from a tarball, as `npm install` of a release would. */
export function installTarball(fixtureDir: string, tarball: string, withOwnPulumi = false): void {
  const sdkVersion = (require(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json")) as { version: string })
    .version;
  const dependencies: Record<string, string> = { "pulumi-certmanager-kr": `file:${tarball}` };
  if (withOwnPulumi) dependencies["@pulumi/pulumi"] = sdkVersion;
  fs.writeFileSync(
    path.join(fixtureDir, "package.json"),
    JSON.stringify({ name: `cmkr-${path.basename(fixtureDir)}`, private: true, dependencies }),
  );
  // Without its own SDK, --legacy-peer-deps: the @pulumi/pulumi peer is the repo's copy, found by walking up.
  const flags = ["--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts", "--loglevel=error"];
  if (!withOwnPulumi) flags.push("--legacy-peer-deps");
  execFileSync("npm", ["install", ...flags], { cwd: fixtureDir, stdio: ["ignore", "ignore", "inherit"] });
}

/** Runs a program in a fixture that has its own @pulumi/pulumi, under mocks; returns each registered __provider. */
export function captureProviders(fixtureDir: string): string[] {
  const program = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => {
    if (args.inputs.__provider) process.stdout.write(JSON.stringify(args.inputs.__provider) + "\\n");
    return { id: "1", state: args.inputs };
  },
  call: (args) => args.inputs,
});
const { ncloud } = require("pulumi-certmanager-kr");
new ncloud.AdvancedCertificate("a", { certificateName: "layout-a", commonName: "a.example.com", key: { algorithm: "ECDSA" } });
new ncloud.AdvancedCertificate("b", { certificateName: "layout-b", commonName: "b.example.com", key: { algorithm: "ECDSA" } });
new ncloud.AdvancedCertificateValidation("a", { certificateNo: 1 });
new ncloud.ExternalCertificate("e", { pemBundle: "x" });
`;
  const run = spawnSync(process.execPath, ["-e", program], { cwd: fixtureDir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`capturing __provider failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string);
}
