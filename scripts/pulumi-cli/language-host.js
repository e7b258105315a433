// A Node.js language host for the Pulumi CLI we build from Go modules, used only where Pulumi's own
// `pulumi-language-nodejs` (a Go module that the module proxy here does not serve) cannot be built. It is NOT a
// replacement for Pulumi's Go host; it does what running a program under `pulumi up|preview|refresh|destroy|import`
// needs, and nothing else.
//
// What it does as the Go host does (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, read for v3.248):
// - Run: starts Pulumi's own program runner, `@pulumi/pulumi/cmd/run`, resolved from the program directory, with
//   the same flags (--monitor, --engine, --project, --stack, --organization, --root-directory, --pwd, --parallel,
//   --dry-run, entry point, args), the stack config in PULUMI_CONFIG (keys as `<namespace>:config:<name>`) and
//   PULUMI_CONFIG_SECRET_KEYS; reads Pulumi.yaml's runtime options as Go's parseOptions does (`typescript` boolean,
//   `tsconfig` string, `nodeargs` a string split as a shell would, `packagemanager` one of auto|npm|yarn|pnpm|bun,
//   else its error message); exit code 32 means "the program already reported its error" (bail), any other
//   non-zero exit "Program exited with non-zero exit code: N".
// - No @pulumi/pulumi in the project: Pulumi's message "It looks like the Pulumi SDK has not been installed. Have you
//   run pulumi install?" (at start-up, where the host needs the SDK's gRPC, it is printed and the host exits 1).
// - Cancel, or the engine's Run call going away: the program gets SIGINT, then SIGKILL 5 s later.
// - Health check: it asks the engine every 5 s (Go: every 5 min) and, once the engine is unreachable twice in a row
//   (a killed CLI), stops its program the same way and exits, instead of serving forever.
// - GetPluginInfo: the SDK's version.
//
// What it does NOT do (the engine is answered "unimplemented", which it tolerates for running a program, or the
// feature is simply absent): GetRequiredPlugins/GetRequiredPackages (no plugin discovery from package.json),
// InstallDependencies (`pulumi install`), About, GetProgramDependencies, RunPlugin (Node.js providers, components
// and policy packs as plugins), GenerateProject/GenerateProgram/GeneratePackage/Pack/Link (`pulumi convert`,
// package codegen), Handshake and debugger attach, the `bun` runtime, `packagemanager` beyond checking its value,
// the runner's synchronous-invoke pipes (`--sync`) and monitor proxy (the runner talks to the monitor directly),
// the out-of-memory hint, tracing and OpenTelemetry.
//
// Started by the engine as `pulumi-language-nodejs <engine-address>` in the project directory; prints its port.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");
const { createRequire } = require("node:module");

const SDK_MISSING = "It looks like the Pulumi SDK has not been installed. Have you run pulumi install?";
// cmd/run's exit code when the program already reported its error to the engine (no second message wanted).
const EXIT_AFTER_REPORTED_ERROR = 32;
const HEALTH_INTERVAL_MS = 5_000;
const KILL_AFTER_INTERRUPT_MS = 5_000;
const engineAddress = process.argv.length > 2 ? process.argv[process.argv.length - 1] : "";

/** @pulumi/pulumi's directory as `dir` resolves it, or undefined when it is not installed there. */
function sdkRootFrom(dir) {
  try {
    return path.dirname(createRequire(path.join(dir, "package.json")).resolve("@pulumi/pulumi/package.json"));
  } catch (err) {
    if (err && err.code === "MODULE_NOT_FOUND") return undefined;
    throw err;
  }
}

// The host itself speaks gRPC with the project's own SDK (its grpc-js and generated protos).
const sdkRoot = sdkRootFrom(process.cwd());
if (!sdkRoot) {
  process.stderr.write(`${SDK_MISSING}\n`);
  process.exit(1);
}
const sdkRequire = createRequire(path.join(sdkRoot, "package.json"));
const grpc = sdkRequire("@grpc/grpc-js");
const languageGrpc = sdkRequire("./proto/language_grpc_pb");
const languageProto = sdkRequire("./proto/language_pb");
const pluginProto = sdkRequire("./proto/plugin_pb");
const emptyProto = sdkRequire("google-protobuf/google/protobuf/empty_pb.js");
const sdkVersion = sdkRequire("./package.json").version;

/** The programs running now, so Cancel and a lost engine can stop them. */
const running = new Set();

/** Splits a command line into words as a POSIX shell would (quotes, backslashes, # comments), as Go's shlex does. */
function splitArgs(text) {
  const words = [];
  let word;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "#" && word === undefined) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error("EOF found when expecting closing quote");
      word = (word ?? "") + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word = word ?? "";
      for (i++; ; i++) {
        if (i >= text.length) throw new Error("EOF found when expecting closing quote");
        if (text[i] === '"') break;
        if (text[i] === "\\" && '"\\$`\n'.includes(text[i + 1] ?? "")) i++;
        word += text[i];
      }
      i++;
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new Error("EOF found after escape character");
      word = (word ?? "") + text[i + 1];
      i += 2;
    } else {
      word = (word ?? "") + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Pulumi.yaml's `runtime.options`, checked as the Go host's parseOptions checks them (same messages). */
function parseOptions(info) {
  const options = info?.getOptions?.()?.toJavaScript() ?? {};
  const parsed = { typescript: true, tsconfig: "", nodeargs: "" };
  if ("typescript" in options) {
    if (typeof options.typescript !== "boolean") throw new Error("typescript option must be a boolean");
    parsed.typescript = options.typescript;
  }
  if ("tsconfig" in options) {
    if (typeof options.tsconfig !== "string") throw new Error("tsconfigpath option must be a string");
    parsed.tsconfig = options.tsconfig;
  }
  if ("nodeargs" in options) {
    if (typeof options.nodeargs !== "string") throw new Error("nodeargs option must be a string");
    parsed.nodeargs = options.nodeargs;
  }
  if ("packagemanager" in options) {
    const pm = options.packagemanager;
    if (typeof pm !== "string") throw new Error("packagemanager option must be a string");
    if (!["auto", "npm", "yarn", "pnpm", "bun"].includes(pm)) {
      throw new Error(`packagemanager option must be one of auto, npm, yarn, pnpm or bun, got ${JSON.stringify(pm)}`);
    }
  }
  return parsed;
}

/** SIGINT, then SIGKILL if the program is still there 5 s later (Go: cmd.Cancel + WaitDelay). */
function interrupt(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, KILL_AFTER_INTERRUPT_MS).unref();
}

function runProgram(call) {
  const request = call.request;
  const info = request.getInfo();
  const programDir = info?.getProgramDirectory() || request.getPwd() || process.cwd();
  let options;
  let nodeArgs;
  try {
    options = parseOptions(info);
    nodeArgs = splitArgs(options.nodeargs);
  } catch (err) {
    return Promise.resolve({ error: err.message, bail: false });
  }
  const programSdk = sdkRootFrom(programDir);
  if (!programSdk) return Promise.resolve({ error: SDK_MISSING, bail: false });
  const config = {};
  for (const [key, value] of request.getConfigMap().entries()) {
    const at = key.indexOf(":");
    config[at < 0 ? key : `${key.slice(0, at)}:config:${key.slice(at + 1)}`] = value;
  }
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.getConfigsecretkeysList()),
  };
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  const flags = [
    `--monitor=${request.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--project=${request.getProject()}`,
    `--stack=${request.getStack()}`,
    `--pwd=${programDir}`,
    `--parallel=${request.getParallel()}`,
  ];
  if (request.getOrganization()) flags.push(`--organization=${request.getOrganization()}`);
  if (info?.getRootDirectory()) flags.push(`--root-directory=${info.getRootDirectory()}`);
  if (request.getDryrun()) flags.push("--dry-run");
  const runner = path.join(programSdk, "cmd", "run");
  const child = spawn(
    process.execPath,
    [...nodeArgs, runner, ...flags, info?.getEntryPoint() || ".", ...request.getArgsList()],
    { env, stdio: ["ignore", "inherit", "inherit"] },
  );
  running.add(child);
  call.on("cancelled", () => interrupt(child)); // the engine's Run call went away
  return new Promise((resolve) => {
    child.on("error", (err) => {
      running.delete(child);
      resolve({ error: `Problem executing program (could not run language executor): ${err.message}`, bail: false });
    });
    child.on("exit", (code) => {
      running.delete(child);
      if (code === 0) resolve({ error: "", bail: false });
      else if (code === EXIT_AFTER_REPORTED_ERROR) resolve({ error: "", bail: true });
      else resolve({ error: `Program exited with non-zero exit code: ${code ?? -1}`, bail: false });
    });
  });
}

const implementation = {
  run(call, callback) {
    runProgram(call).then(({ error, bail }) => {
      const response = new languageProto.RunResponse();
      response.setError(error);
      response.setBail(bail);
      callback(null, response);
    }, callback);
  },
  getPluginInfo(_call, callback) {
    const info = new pluginProto.PluginInfo();
    info.setVersion(sdkVersion);
    callback(null, info);
  },
  cancel(_call, callback) {
    for (const child of running) interrupt(child);
    callback(null, new emptyProto.Empty());
  },
};

/** Stops the programs, waits for them (at most the SIGKILL delay and a little), and exits. */
function shutDown(reason) {
  process.stderr.write(`language host: ${reason}; stopping\n`);
  const children = [...running];
  for (const child of children) interrupt(child);
  const exits = children.map(
    (c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.on("exit", resolve))),
  );
  const deadline = new Promise((resolve) => setTimeout(resolve, KILL_AFTER_INTERRUPT_MS + 1_000));
  Promise.race([Promise.all(exits), deadline]).then(() => process.exit(0));
}

/** The engine's gRPC health check (Go's rpcutil.Healthcheck): "unimplemented" counts as alive, unreachable not. */
function watchEngine() {
  const client = new grpc.Client(engineAddress, grpc.credentials.createInsecure());
  let unreachable = 0;
  const timer = setInterval(() => {
    const deadline = Date.now() + HEALTH_INTERVAL_MS;
    const none = () => Buffer.alloc(0);
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      none,
      none,
      {},
      new grpc.Metadata(),
      { deadline },
      (err) => {
        unreachable = err && err.code === grpc.status.UNAVAILABLE ? unreachable + 1 : 0;
        if (unreachable >= 2) {
          clearInterval(timer);
          shutDown(`the engine at ${engineAddress} is gone`);
        }
      },
    );
  }, HEALTH_INTERVAL_MS);
}

const server = new grpc.Server();
server.addService(languageGrpc.LanguageRuntimeService, implementation);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`language host: cannot listen: ${err.message}`);
    process.exit(1);
  }
  // The engine reads the port from the first line of stdout.
  process.stdout.write(`${port}\n`);
  if (engineAddress) watchEngine();
});
