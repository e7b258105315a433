/**
 * Runs real Pulumi programs with the real CLI (scripts/pulumi-cli.sh finds or builds it) against the emulator.
 *
 * Each E2EProject is a JavaScript Pulumi project inside the consumer fixture (so `require("pulumi-certmanager-kr")`
 * loads the installed npm-pack tarball, as in a user's project) with its own local file backend, PULUMI_HOME and
 * passphrase: nothing touches the user's ~/.pulumi, their backend or the internet. Commands run asynchronously so
 * the emulator, which lives in the test process, keeps serving.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { killProcessTree } from "./processes";

const ROOT = path.resolve(__dirname, "..", "..");
export const E2E_PASSPHRASE = "certmanager-kr-e2e";

/**
 * The directory holding `pulumi` and its Node.js plugins, or undefined when there is none and building is not asked
 * for. With `build`, a missing CLI is built (minutes, cold) and a failure throws.
 */
export function findPulumiCli(build: boolean): string | undefined {
  const args = [path.join(ROOT, "scripts", "pulumi-cli.sh"), ...(build ? [] : ["--no-build"])];
  const run = spawnSync("bash", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status === 0) return run.stdout.trim().split("\n").pop();
  if (build) throw new Error(`scripts/pulumi-cli.sh failed (exit ${run.status})`);
  return undefined;
}

/**
 * The directory holding Pulumi YAML's language host (scripts/pulumi-yaml.sh), or undefined when there is none and
 * building is not asked for; with `build`, a missing host is built (minutes, cold) and a failure throws.
 */
export function findPulumiYaml(build: boolean): string | undefined {
  const args = [path.join(ROOT, "scripts", "pulumi-yaml.sh"), ...(build ? [] : ["--no-build"])];
  const run = spawnSync("bash", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status === 0) return run.stdout.trim().split("\n").pop();
  if (build) throw new Error(`scripts/pulumi-yaml.sh failed (exit ${run.status})`);
  return undefined;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in arrival order. */
  output: string;
}

export interface ProjectOptions {
  /** The program, CommonJS JavaScript (index.js). */
  program?: string;
  /** Instead of `program`: the whole Pulumi.yaml of a Pulumi YAML project (its language host must be on PATH). */
  pulumiYaml?: string;
  /** Stack config: plain values, or `{ secret }` for `pulumi config set --secret`. */
  config?: Record<string, string | { secret: string }>;
  stack?: string;
}

export class E2EProject {
  readonly env: Record<string, string>;

  private constructor(
    readonly dir: string,
    readonly bin: string,
    readonly backendDir: string,
    readonly stack: string,
  ) {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith("PULUMI_")),
    ) as Record<string, string>;
    this.env = {
      ...inherited,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: path.join(dir, ".pulumi-home"),
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: E2E_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      NO_COLOR: "1",
    };
  }

  /** A fresh project `name` in the fixture, with a stack initialised and configured. */
  static async create(fixtureDir: string, bin: string, name: string, opts: ProjectOptions): Promise<E2EProject> {
    const dir = path.join(fixtureDir, "e2e", name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
    if (opts.pulumiYaml !== undefined) fs.writeFileSync(path.join(dir, "Pulumi.yaml"), opts.pulumiYaml);
    else {
      fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
      );
      fs.writeFileSync(path.join(dir, "index.js"), opts.program ?? "");
    }
    const project = new E2EProject(dir, bin, path.join(dir, "backend"), opts.stack ?? "dev");
    await project.ok(["stack", "init", project.stack]);
    await project.setConfigs(opts.config ?? {});
    return project;
  }

  /** A copy of an existing project directory (e.g. one of examples/), with a stack initialised and configured. */
  static async copy(
    fixtureDir: string,
    bin: string,
    name: string,
    sourceDir: string,
    config: ProjectOptions["config"] = {},
  ): Promise<E2EProject> {
    const dir = path.join(fixtureDir, "e2e", name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
    for (const file of fs.readdirSync(sourceDir)) {
      if (/\.(ts|json|yaml)$/.test(file)) fs.copyFileSync(path.join(sourceDir, file), path.join(dir, file));
    }
    const project = new E2EProject(dir, bin, path.join(dir, "backend"), "dev");
    await project.ok(["stack", "init", project.stack]);
    await project.setConfigs(config ?? {});
    return project;
  }

  setProgram(program: string): void {
    fs.writeFileSync(path.join(this.dir, "index.js"), program);
  }

  /** Every key in one `pulumi config set-all` (one CLI start instead of one per key: the suite makes ~50 stacks). */
  async setConfigs(config: Record<string, string | { secret: string }>): Promise<void> {
    const args = Object.entries(config).flatMap(([key, value]) =>
      typeof value === "string" ? ["--plaintext", `${key}=${value}`] : ["--secret", `${key}=${value.secret}`],
    );
    if (args.length > 0) await this.ok(["config", "set-all", ...args]);
  }

  async setConfig(key: string, value: string | { secret: string }): Promise<void> {
    if (typeof value === "string") await this.ok(["config", "set", key, value]);
    else await this.ok(["config", "set", "--secret", key, value.secret]);
  }

  /** Runs `pulumi <args>` in the project; never throws on a non-zero exit. */
  run(args: string[], timeoutMs = 300_000): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      // Its own process group, so a timeout can end it; the engine starts each plugin in a group of its own, so the
      // timeout ends those groups too (killProcessTree), or plugins would keep running and holding connections.
      const child = spawn(path.join(this.bin, "pulumi"), [...args, "--non-interactive", "--color=never"], {
        cwd: this.dir,
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d;
        output += d;
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d;
        output += d;
      });
      const timer = setTimeout(() => {
        if (child.pid) killProcessTree(child.pid);
      }, timeoutMs);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr, output });
      });
    });
  }

  /** Runs `pulumi <args>` and throws with the whole output unless it exits 0. */
  async ok(args: string[]): Promise<CommandResult> {
    const r = await this.run(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
    return r;
  }

  up(...extra: string[]): Promise<CommandResult> {
    return this.ok(["up", "--yes", "--skip-preview", ...extra]);
  }

  preview(...extra: string[]): Promise<CommandResult> {
    return this.run(["preview", "--diff", ...extra]);
  }

  /**
   * `pulumi preview --json`: the engine's own plan (each step's `op` by resource URN, the change summary) and the
   * diagnostics the provider logged, beside the exit code; what a test asserts instead of the printed text.
   */
  async plan(...extra: string[]): Promise<PlanResult> {
    const r = await this.run(["preview", "--json", ...extra]);
    let json: PreviewJson;
    try {
      json = JSON.parse(r.stdout) as PreviewJson;
    } catch {
      throw new Error(`pulumi preview --json printed no JSON (exit ${r.code}):\n${r.output}`);
    }
    const steps = (json.steps ?? []).map((s) => ({
      op: s.op,
      urn: s.urn,
      type: s.urn.split("::")[2]?.split("$").pop(),
    }));
    const messages = (json.diagnostics ?? []).map((d) => d.message).join("\n");
    return { code: r.code, output: r.output, steps, changeSummary: json.changeSummary ?? {}, messages };
  }

  refresh(...extra: string[]): Promise<CommandResult> {
    return this.ok(["refresh", "--yes", "--skip-preview", ...extra]);
  }

  destroy(...extra: string[]): Promise<CommandResult> {
    return this.ok(["destroy", "--yes", "--skip-preview", ...extra]);
  }

  /** `pulumi stack export` (secrets stay encrypted unless `showSecrets`). */
  async exportState(showSecrets = false): Promise<StackExport> {
    const r = await this.ok(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(r.stdout) as StackExport;
  }

  /** The resources of one type in the exported state. */
  async resources(type: string): Promise<ExportedResource[]> {
    return (await this.exportState()).deployment.resources?.filter((r) => r.type === type) ?? [];
  }

  async output(name: string, showSecrets = false): Promise<string> {
    const r = await this.ok(["stack", "output", name, ...(showSecrets ? ["--show-secrets"] : [])]);
    return r.stdout.trim();
  }

  /** Every file of the backend (state, history, backups) as text, for secrets-at-rest checks. */
  backendText(): string {
    const texts: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else texts.push(fs.readFileSync(p, "utf8"));
      }
    };
    walk(this.backendDir);
    return texts.join("\n");
  }
}

interface PreviewJson {
  steps?: { op: string; urn: string }[];
  changeSummary?: Record<string, number>;
  diagnostics?: { message: string; severity?: string }[];
}

export interface PlanResult {
  code: number;
  output: string;
  /** Each step the engine plans: `op` is same, create, update, replace, create-replacement, delete-replaced... */
  steps: { op: string; urn: string; type?: string }[];
  changeSummary: Record<string, number>;
  /** The diagnostics' messages (the provider's log lines and errors), one per line. */
  messages: string;
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  protect?: boolean;
  retainOnDelete?: boolean;
  initErrors?: string[];
}

export interface StackExport {
  deployment: { resources?: ExportedResource[] };
}

export const CERT_TYPE = "pulumi-nodejs:dynamic/ncloud:AdvancedCertificate";
export const VALIDATION_TYPE = "pulumi-nodejs:dynamic/ncloud:AdvancedCertificateValidation";
export const EXTERNAL_TYPE = "pulumi-nodejs:dynamic/ncloud:ExternalCertificate";
