// A Node.js language host for the Pulumi CLI we build from Go modules, used only where Pulumi's own
// `pulumi-language-nodejs` (a Go module that the module proxy here does not serve) cannot be built.
//
// It speaks the engine's LanguageRuntime gRPC protocol and runs programs exactly as Pulumi's host does: it starts
// Pulumi's own program runner, `@pulumi/pulumi/cmd/run` (TypeScript through ts-node, `main` from package.json),
// from the program's own node_modules, with the engine and monitor addresses as flags and the stack config in
// PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS. Everything else the engine asks for is optional and answered as
// "unimplemented", which the engine tolerates (handshake, plugin lists, about).
//
// Started by the engine as `pulumi-language-nodejs <engine-address>` in the project directory; prints its port.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");
const { createRequire } = require("node:module");

// Resolve the SDK the way a program does: from the project directory, not from this file.
const projectRequire = createRequire(path.join(process.cwd(), "package.json"));
const sdkRoot = path.dirname(projectRequire.resolve("@pulumi/pulumi/package.json"));
const sdkRequire = createRequire(path.join(sdkRoot, "package.json"));
const grpc = sdkRequire("@grpc/grpc-js");
const languageGrpc = sdkRequire("./proto/language_grpc_pb");
const languageProto = sdkRequire("./proto/language_pb");
const pluginProto = sdkRequire("./proto/plugin_pb");
const sdkVersion = sdkRequire("./package.json").version;

// cmd/run's exit code when the program already reported its error to the engine (no second message wanted).
const EXIT_AFTER_REPORTED_ERROR = 32;
const engineAddress = process.argv[process.argv.length - 1];

/** The runtime options of Pulumi.yaml (`runtime: { name: nodejs, options: {...} }`) as a plain object. */
function runtimeOptions(info) {
  const options = info?.getOptions?.();
  return options ? options.toJavaScript() : {};
}

function runProgram(request) {
  const info = request.getInfo();
  const options = runtimeOptions(info);
  // Keys as `<namespace>:config:<name>`, the form every SDK version reads (as Pulumi's Go host passes them).
  const config = {};
  for (const [key, value] of request.getConfigMap().entries()) {
    const at = key.indexOf(":");
    config[at < 0 ? key : `${key.slice(0, at)}:config:${key.slice(at + 1)}`] = value;
  }
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.getConfigsecretkeysList()),
    PULUMI_NODEJS_TYPESCRIPT: options.typescript === false ? "false" : "true",
  };
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
  const flags = [
    `--monitor=${request.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--project=${request.getProject()}`,
    `--stack=${request.getStack()}`,
    `--pwd=${info?.getProgramDirectory() || request.getPwd()}`,
    `--parallel=${request.getParallel()}`,
  ];
  if (request.getOrganization()) flags.push(`--organization=${request.getOrganization()}`);
  if (info?.getRootDirectory()) flags.push(`--root-directory=${info.getRootDirectory()}`);
  if (request.getDryrun()) flags.push("--dry-run");
  const nodeArgs = Array.isArray(options.nodeargs) ? options.nodeargs.map(String) : [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(sdkRoot, "cmd", "run"), ...flags, info?.getEntryPoint() || ".", ...request.getArgsList()],
    { env, stdio: ["ignore", "inherit", "inherit"] },
  );
  return new Promise((resolve) => {
    child.on("error", (err) => resolve({ error: `could not start node: ${err.message}`, bail: false }));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve({ error: "", bail: false });
      else if (code === EXIT_AFTER_REPORTED_ERROR) resolve({ error: "", bail: true });
      else resolve({ error: `the Node.js program exited with ${signal ?? `code ${code}`}`, bail: false });
    });
  });
}

const implementation = {
  run(call, callback) {
    runProgram(call.request).then(({ error, bail }) => {
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
};

const server = new grpc.Server();
server.addService(languageGrpc.LanguageRuntimeService, implementation);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`language host: cannot listen: ${err.message}`);
    process.exit(1);
  }
  // The engine reads the port from the first line of stdout.
  process.stdout.write(`${port}\n`);
});
