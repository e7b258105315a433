/**
 * The Node.js language host shipped for tests and `npm start` (scripts/pulumi-cli/language-host.js) under the real
 * CLI, where it departs from nothing Pulumi's Go host does that a user can hit (issue 26 §13): `nodeargs` as the
 * string Pulumi.yaml gives, Pulumi's own message when @pulumi/pulumi is not installed, and no process left behind
 * when the CLI dies (the host checks the engine) or an e2e run times out (the harness ends the plugins' groups).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { processesIn } from "../helpers/processes";
import { E2EProject } from "../helpers/pulumiCli";
import { e2eFile } from "./programs";

const e2e = e2eFile();
const fixtureDir = inject("fixtureDir");

function runtimeOptions(project: E2EProject, options: string): void {
  fs.writeFileSync(
    path.join(project.dir, "Pulumi.yaml"),
    `name: ${path.basename(project.dir)}\nruntime:\n  name: nodejs\n  options:\n${options}\nmain: index.js\n`,
  );
}

async function until(what: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (what()) return true;
  }
  return what();
}

/** A program whose one dynamic resource never finishes creating (the provider plugin is then running too). */
const HANGING = `const pulumi = require("@pulumi/pulumi");
const provider = { create: () => new Promise(() => {}) };
new pulumi.dynamic.Resource(provider, "hang", {}, {});
`;

/** Ends whatever is still running for the project (a failed test's leftovers), gone ones ignored. */
function killAllIn(dir: string): void {
  for (const p of processesIn(dir)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
}

/** The dynamic provider is running, so the create hangs inside it. */
function providerStarted(project: E2EProject): boolean {
  return processesIn(project.dir).some((p) => p.cmdline.includes("dynamic-provider"));
}

describe.skipIf(!e2e.bin)("the shipped Node.js language host", () => {
  it("honours nodeargs given as a string, split as a shell would", async () => {
    const project = await E2EProject.create(fixtureDir, e2e.bin, "lh-nodeargs", {
      program: `console.log("EXECARGV " + JSON.stringify(process.execArgv));\n`,
    });
    runtimeOptions(project, `    typescript: false\n    nodeargs: "--no-deprecation --conditions 'a b'"`);
    const r = await project.run(["preview"]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('EXECARGV ["--no-deprecation","--conditions","a b"]');
  });

  it("refuses nodeargs that is not a string with Pulumi's message", async () => {
    const project = await E2EProject.create(fixtureDir, e2e.bin, "lh-nodeargs-list", { program: "" });
    runtimeOptions(project, "    typescript: false\n    nodeargs: [--no-deprecation]");
    const r = await project.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("nodeargs option must be a string");
  });

  it("without @pulumi/pulumi installed, answers with Pulumi's message, not a stack trace", async () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "lh-nosdk-"));
    try {
      const project = await E2EProject.create(bare, e2e.bin, "nosdk", { program: 'require("@pulumi/pulumi");\n' });
      const r = await project.run(["preview"]);
      expect(r.code).not.toBe(0);
      expect(r.output).toContain("It looks like the Pulumi SDK has not been installed. Have you run pulumi install?");
      expect(r.output).not.toMatch(/\n\s+at |Cannot find module|MODULE_NOT_FOUND/);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });

  it("ends with its program soon after the CLI is killed (it checks that the engine is still there)", async () => {
    const project = await E2EProject.create(fixtureDir, e2e.bin, "lh-engine-gone", { program: HANGING });
    const cli = spawn(path.join(project.bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: project.dir,
      env: project.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    cli.stdout.on("data", (d) => (out += d));
    cli.stderr.on("data", (d) => (out += d));
    const host = () => processesIn(project.dir).filter((p) => p.cmdline.includes("language-host"));
    try {
      expect(await until(() => providerStarted(project), 120_000), out).toBe(true);
      expect(host()).toHaveLength(1);
      process.kill(-(cli.pid as number), "SIGKILL"); // the CLI and its group only: the plugins run in their own
      expect(await until(() => host().length === 0, 30_000), JSON.stringify(host())).toBe(true);
      const program = processesIn(project.dir).filter((p) => p.cmdline.includes("cmd/run"));
      expect(program).toEqual([]);
    } finally {
      killAllIn(project.dir);
    }
  });

  it("a timed-out run leaves no plugin process behind (the harness ends the plugins' process groups too)", async () => {
    const project = await E2EProject.create(fixtureDir, e2e.bin, "lh-timeout", { program: HANGING });
    try {
      const started = until(() => providerStarted(project), 40_000);
      const r = await project.run(["up", "--yes", "--skip-preview"], 40_000);
      expect(await started, r.output).toBe(true);
      expect(r.code).toBe(-1); // killed at the timeout
      expect(
        await until(() => processesIn(project.dir).length === 0, 2_000),
        JSON.stringify(processesIn(project.dir)),
      ).toBe(true);
    } finally {
      killAllIn(project.dir);
    }
  });
});
