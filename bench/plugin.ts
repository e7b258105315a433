/**
 * The native plugin as a single executable (issue 23 §3): its size, and its cold start (process start → the port
 * line on stdout, which is when the engine can call it) beside the same plugin run by Node from dist/ and beside
 * Pulumi's dynamic-provider host, measured in alternation so drift in the machine's speed hits all alike.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { median, ms, ROOT, rows } from "./common";

const RUNS = 9;

/** Milliseconds from spawn to the first line on stdout (the port); the process is ended afterwards. */
function toPortLine(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child: ChildProcess = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) {
        const took = performance.now() - t0;
        child.once("exit", () => resolve(took));
        child.kill("SIGKILL");
      }
    });
    child.once("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`${command} exited (${code}) before printing its port`));
    });
  });
}

export async function pluginBench(): Promise<void> {
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-plugin.js"), "--quiet"], {
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`build-plugin failed: ${built.stderr}`);
  const tarball = built.stdout.trim().split("\n").pop() as string;
  const exe = path.join(ROOT, "build", "plugin", "linux-amd64", "pulumi-resource-certmanager-kr");
  const mb = (file: string) => `${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB`;
  rows.push({
    n: 10,
    what: "plugin single executable, linux-amd64 (Node 24 SEA): binary / tar.gz",
    measured: mb(exe),
    baseline: `tar.gz ${mb(tarball)}`,
    ratio: "—",
    target: "report",
    met: "—",
  });

  const noNode = { ...process.env, PATH: path.join(ROOT, "no-such-dir") };
  const dynamicHost = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const sea: number[] = [];
  const script: number[] = [];
  const dynamic: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    sea.push(await toPortLine(exe, ["127.0.0.1:1"], noNode));
    script.push(await toPortLine(process.execPath, [path.join(ROOT, "dist", "native", "main.js"), "127.0.0.1:1"]));
    dynamic.push(await toPortLine(process.execPath, [dynamicHost, "127.0.0.1:1"]));
  }
  rows.push({
    n: 10,
    what: `plugin cold start, process start → port line (median of ${RUNS}): single executable, no node on PATH`,
    measured: ms(median(sea)),
    baseline: `dynamic-provider host ${ms(median(dynamic))}`,
    ratio: `${(median(sea) / median(dynamic)).toFixed(2)}×`,
    target: "report",
    met: "—",
  });
  rows.push({
    n: 10,
    what: `the same plugin run by this machine's Node ${process.version} from dist/native/main.js`,
    measured: ms(median(script)),
    baseline: `dynamic-provider host ${ms(median(dynamic))}`,
    ratio: `${(median(script) / median(dynamic)).toFixed(2)}×`,
    target: "report",
    met: "—",
  });
}
