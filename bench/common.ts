/** What the bench scripts share: the result rows, statistics helpers and an emulator in its own process. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { EmulatorControl } from "../provider/emulator/control";

export const ROOT = path.resolve(__dirname, "..");
export const LATENCY_MS = 20;

export interface Row {
  n: number;
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}
export const rows: Row[] = [];

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
export const verdict = (ok: boolean) => (ok ? "yes" : "NO");

export async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** A separate emulator process, so its CPU and memory do not count against the client being measured. */
export async function emulatorProcess(
  extraArgs: string[] = [],
): Promise<{ url: string; control: EmulatorControl; stop(): void }> {
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "emulator", "cli.js"), "--port", "0", ...extraArgs], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise<string>((resolve) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0].trim());
    });
  });
  return { url, control: new EmulatorControl(url), stop: () => child.kill() };
}
