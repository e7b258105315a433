/**
 * The processes of a Pulumi run, read from /proc (Linux, as CI): the engine starts each plugin (language host,
 * dynamic provider) in a process group of its own, so killing the CLI's group leaves them running.
 */
import * as fs from "node:fs";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  cmdline: string;
  cwd?: string;
}

function read(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ")".
    const [, ppid, pgid] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    let cwd: string | undefined;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = undefined; // another user's process, or gone meanwhile
    }
    return { pid, ppid, pgid, cmdline, cwd };
  } catch {
    return undefined; // gone meanwhile
  }
}

export function allProcesses(): ProcessInfo[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => read(Number(d)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/** Live processes whose working directory is `dir` or below it (what Pulumi starts for a project runs there). */
export function processesIn(dir: string): ProcessInfo[] {
  return allProcesses().filter(
    (p) => p.cwd !== undefined && (p.cwd === dir || p.cwd.startsWith(`${dir}/`)) && !isZombie(p.pid),
  );
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

/** Every descendant of `pid` (children, their children...), read at once so that none is reparented meanwhile. */
export function descendants(pid: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

/**
 * SIGKILL for `pid`'s process group and for every process group its descendants lead (the plugins' groups), so a
 * timed-out run leaves no plugin behind. The tree is read before anything is killed.
 */
export function killProcessTree(pid: number): void {
  const groups = new Set([pid, ...descendants(pid).map((p) => p.pgid)]);
  groups.delete(read(process.pid)?.pgid ?? -1); // never the test runner's own group
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
