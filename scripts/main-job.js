// The main job (`npm start`): the quickstart stack end to end against the embedded emulator, with the Pulumi CLI
// driven through the Automation API on a local file backend:
//   1. up: orders an Advanced DV certificate and waits until the emulator issues it; prints the outputs
//   2. preview --refresh: no changes
//   3. the certificate is deleted outside Pulumi (in the emulator), then preview --refresh shows the drift
//   4. destroy; the emulator stops
// The CLI comes from PATH, else the pinned version is installed into .pulumi-cli/; if neither works (no network),
// the job stops with instructions. Nothing else in the project needs the CLI.
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");

const ROOT = path.resolve(__dirname, "..");
const PULUMI_CLI_VERSION = "3.248.0"; // the SDK version the project pins
const STACK = "dev";
const PASSPHRASE = "certmanager-kr-quickstart"; // local demo state only
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

async function findPulumiCli(automation) {
  try {
    return await automation.PulumiCommand.get({ skipVersionCheck: true });
  } catch {
    // not on PATH
  }
  const semver = pulumiRequire("semver");
  const root = path.join(ROOT, ".pulumi-cli", PULUMI_CLI_VERSION);
  console.log(`Pulumi CLI not on PATH; installing ${PULUMI_CLI_VERSION} into ${path.relative(ROOT, root)} ...`);
  try {
    return await automation.PulumiCommand.install({ root, version: semver.parse(PULUMI_CLI_VERSION) });
  } catch (err) {
    const reason = String(err?.message ?? err).split("\n")[0];
    throw new CliMissingError(
      `The main job needs the Pulumi CLI, which is not on PATH and could not be installed (${reason}).\n` +
        "Install it, then run `npm start` again:\n" +
        `  curl -fsSL https://get.pulumi.com | sh -s -- --version ${PULUMI_CLI_VERSION}   (Linux/macOS)\n` +
        "  brew install pulumi/tap/pulumi                                    (macOS)\n" +
        "  or see https://www.pulumi.com/docs/install/\n" +
        "Without the CLI, `npm run demo` shows the same story through the provider alone, and `npm test` drives\n" +
        "the provider through Pulumi's own provider host.",
    );
  }
}

class CliMissingError extends Error {}

/** The provider host resolves `pulumi-certmanager-kr/provider` from the project's node_modules, as in a user project. */
function linkPackageIntoItself() {
  const link = path.join(ROOT, "node_modules", "pulumi-certmanager-kr");
  if (!fs.existsSync(link)) fs.symlinkSync("..", link, "dir");
}

function summarize(changeSummary) {
  const parts = Object.entries(changeSummary ?? {})
    .filter(([op, n]) => op !== "same" && n > 0)
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length ? parts.join(", ") : "no changes";
}

async function main() {
  const automation = require("@pulumi/pulumi/automation");
  const { startEmulator } = require("../dist/emulator");
  const pulumiCommand = await findPulumiCli(automation);
  console.log(`Pulumi CLI ${pulumiCommand.version ?? "(unknown version)"}`);

  const workDir = path.join(ROOT, ".tmp", "main-job");
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(workDir, "backend"), { recursive: true });
  linkPackageIntoItself();

  const emulator = await startEmulator({
    stateFile: path.join(workDir, "emulator-state.json"),
    autoIssueAfterMs: 3_000,
  });
  console.log(`emulator: ${emulator.url}`);
  try {
    const stack = await automation.LocalWorkspace.createOrSelectStack(
      { stackName: STACK, workDir: ROOT },
      {
        pulumiCommand,
        envVars: {
          PULUMI_BACKEND_URL: `file://${path.join(workDir, "backend")}`,
          PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
          PULUMI_SKIP_UPDATE_CHECK: "true",
        },
      },
    );
    await stack.setAllConfig({
      "ncloud:accessKey": { value: emulator.ncloudCredentials.accessKey },
      "ncloud:secretKey": { value: emulator.ncloudCredentials.secretKey, secret: true },
      "ncloud:certificateManagerEndpoint": { value: emulator.url },
      "certmanager-kr-quickstart:pollIntervalSeconds": { value: "1" },
      "certmanager-kr-quickstart:issuanceTimeoutMinutes": { value: "2" },
    });

    console.log("\n== 1. pulumi up");
    const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
    for (const [name, out] of Object.entries(up.outputs)) {
      console.log(`  ${name}: ${out.secret ? "[secret]" : JSON.stringify(out.value)}`);
    }

    console.log("\n== 2. pulumi preview --refresh (expect no changes)");
    const clean = await stack.preview({ refresh: true, diff: true });
    console.log(`  ${summarize(clean.changeSummary)}`);

    console.log("\n== 3. the certificate is deleted outside Pulumi; pulumi preview --refresh");
    await emulator.control.ncloud.delete(Number(up.outputs.certificateNo.value));
    const drift = await stack.preview({ refresh: true, diff: true, onOutput: (s) => process.stdout.write(s) });
    console.log(`  drift: ${summarize(drift.changeSummary)}`);

    console.log("\n== 4. pulumi destroy");
    await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
    await stack.workspace.removeStack(STACK);
    console.log("\nDone: up, refresh without changes, drift shown, destroyed.");
  } finally {
    await emulator.close();
  }
}

main().catch((err) => {
  console.error(err instanceof CliMissingError ? err.message : (err?.stack ?? String(err)));
  process.exit(1);
});
