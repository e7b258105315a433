/**
 * The plugin's single-executable tarball for this platform (scripts/build-plugin.js), built here or reused when the
 * bundle, the Node version and the build script are unchanged (the script keeps a stamp per platform).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
export const PLUGIN_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;

/** A PATH with no `node` on it: only a folder that does not exist, after the given folders. */
export function pathWithoutNode(...dirs: string[]): string {
  return [...dirs, path.join(os.tmpdir(), "no-such-dir")].join(path.delimiter);
}

export function pluginTarball(): string {
  if (!fs.existsSync(path.join(ROOT, "dist", "native", "main.js"))) throw new Error("npm run build first");
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-plugin.js"), "--quiet"], {
    encoding: "utf8",
    cwd: ROOT,
  });
  if (built.status !== 0) throw new Error(`scripts/build-plugin.js failed (${built.status}): ${built.stderr}`);
  return built.stdout.trim().split("\n").pop() as string;
}
