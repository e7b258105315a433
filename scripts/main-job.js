// The main job (`npm start`): the quickstart stack end to end against the embedded emulator, with the real Pulumi
// CLI driven through the Automation API on a local file backend:
//   1. up: orders an Advanced DV certificate, writes its validation TXT records into an emulated Global DNS zone,
//      and waits until the emulator's CA, which validates from that zone, issues it
//   2. preview --refresh --expect-no-changes
//   3. the emulator's clock moves into the renewal window: preview --refresh plans the renewal (a reissue)
//   4. a validation record is deleted in the Global DNS console: preview --refresh shows it
//   5. the certificate is deleted outside Pulumi: preview --refresh shows the drift, in the provider's words
//   6. destroy; the stack, the emulator and every file of the run are removed
// The CLI comes from scripts/pulumi-cli.sh: `pulumi` on PATH, else a cached build, else built from its Go modules
// (minutes, once). Without a CLI and without Go, the job stops with instructions. Nothing touches the user's
// ~/.pulumi or backend: PULUMI_HOME and the backend live in .tmp/main-job for the run.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const STACK = "dev";
const PASSPHRASE = "certmanager-kr-quickstart"; // local demo state only
const DAY_MS = 86_400_000;
const ZONE = "example.com";

class CliMissingError extends Error {}

function findPulumiCli() {
  const run = spawnSync("bash", [path.join(__dirname, "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status === 0) return run.stdout.trim().split("\n").pop();
  throw new CliMissingError(
    "The main job needs the Pulumi CLI, which is not on PATH and could not be built (see above).\n" +
      "Install it, then run `npm start` again:\n" +
      "  curl -fsSL https://get.pulumi.com | sh   (Linux/macOS), or see https://www.pulumi.com/docs/install/\n" +
      "  or install Go >= 1.25: scripts/pulumi-cli.sh then builds the pinned CLI from its Go modules\n" +
      "Without the CLI, `npm run demo` shows the same story through the provider alone.",
  );
}

/**
 * The quickstart says `require("pulumi-certmanager-kr")`, and the provider host resolves
 * `pulumi-certmanager-kr/provider` at run time: both find this repository through NODE_PATH, so the job never
 * changes the repository's own node_modules.
 */
function packageOnNodePath(workDir) {
  const dir = path.join(workDir, "node-path");
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "pulumi-certmanager-kr"), "dir");
  return dir;
}

function summarize(changeSummary) {
  const parts = Object.entries(changeSummary ?? {})
    .filter(([op, n]) => op !== "same" && n > 0)
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length ? parts.join(", ") : "no changes";
}

/** The lines the provider printed about the certificate (the engine shows them as diagnostics). */
function providerLines(text) {
  const lines = text
    .split("\n")
    .filter((l) =>
      /ncloud\.(AdvancedCertificate|GlobalDnsRecord)|NEW PAID ORDER|reissued within its order|no longer exists/.test(l),
    )
    .map((l) => `    ${l.trim()}`);
  return [...new Set(lines)]; // refresh's diff and preview's diff print the same reason
}

/** `pulumi preview --refresh --diff`, printing the provider's own lines; returns the result and everything printed. */
async function previewRefresh(stack) {
  let printed = "";
  const collect = (text) => {
    printed += text;
  };
  // The provider's lines reach the CLI's stderr, so both streams are read.
  const plan = await stack.preview({ refresh: true, diff: true, onOutput: collect, onError: collect });
  for (const line of providerLines(printed)) console.log(line);
  return { plan, printed };
}

async function main() {
  const started = Date.now();
  const bin = findPulumiCli();
  const automation = require("@pulumi/pulumi/automation");
  const { startEmulator } = require("../dist/emulator");
  const pulumiCommand = await automation.PulumiCommand.get({
    root: path.basename(bin) === "bin" && fs.existsSync(path.join(bin, "pulumi")) ? path.dirname(bin) : undefined,
    skipVersionCheck: true,
  });
  console.log(`Pulumi CLI ${pulumiCommand.version ?? "(unknown version)"} (${bin})`);

  const workDir = path.join(ROOT, ".tmp", "main-job");
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(workDir, "backend"), { recursive: true });
  const emulator = await startEmulator({
    stateFile: path.join(workDir, "emulator-state.json"),
    validateFromDns: true, // issues only once the TXT records are applied in the zone
    dnsValidationDelayMs: 1_000,
    globalDnsZones: [ZONE],
  });
  console.log(`emulator: ${emulator.url}`);
  const steps = [];
  const step = async (title, fn) => {
    console.log(`\n== ${steps.length + 1}. ${title}`);
    const t = Date.now();
    const result = await fn();
    steps.push(`${steps.length + 1}. ${title}: ${result} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    console.log(`  -> ${result}`);
  };
  try {
    const stack = await automation.LocalWorkspace.createOrSelectStack(
      { stackName: STACK, workDir: ROOT },
      {
        pulumiCommand,
        envVars: {
          PATH: `${bin}${path.delimiter}${process.env.PATH}`,
          NODE_PATH: packageOnNodePath(workDir),
          // TypeScript's own resolver does not read NODE_PATH, so ts-node only transpiles here; the quickstart is
          // type-checked against the package by npm test (tsc -p examples/tsconfig.json).
          PULUMI_NODEJS_TRANSPILE_ONLY: "true",
          PULUMI_HOME: path.join(workDir, "pulumi-home"),
          PULUMI_BACKEND_URL: `file://${path.join(workDir, "backend")}`,
          PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
      },
    );
    await stack.setAllConfig({
      "ncloud:accessKey": { value: emulator.ncloudCredentials.accessKey },
      "ncloud:secretKey": { value: emulator.ncloudCredentials.secretKey, secret: true },
      "ncloud:certificateManagerEndpoint": { value: emulator.url },
      "ncloud:globalDnsEndpoint": { value: emulator.globalDnsEndpoint },
      "certmanager-kr-quickstart:domain": { value: ZONE },
      "certmanager-kr-quickstart:pollIntervalSeconds": { value: "1" },
      "certmanager-kr-quickstart:issuanceTimeoutMinutes": { value: "2" },
    });

    let outputs;
    await step("pulumi up (order, DNS records, wait for issuance)", async () => {
      const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
      outputs = up.outputs;
      for (const [name, out] of Object.entries(up.outputs)) {
        console.log(`  ${name}: ${out.secret ? "[secret]" : JSON.stringify(out.value).slice(0, 100)}`);
      }
      return `certificate ${outputs.certificateNo.value} ${outputs.status.value}, validated through ${outputs.validationRecordFqdns.value.length} Global DNS records`;
    });

    await step("pulumi preview --refresh --expect-no-changes", async () => {
      const clean = await stack.preview({ refresh: true, expectNoChanges: true });
      return summarize(clean.changeSummary);
    });

    await step("the clock moves into the renewal window; pulumi preview --refresh", async () => {
      // The emulator and every Node.js process Pulumi starts (the provider host too) live 20 days before expiry.
      const offsetMs = Math.round((Date.parse(outputs.notAfter.value) - Date.now() - 20 * DAY_MS) / 1000) * 1000;
      await emulator.control.setClockOffset(offsetMs);
      const env = stack.workspace.envVars;
      env.NODE_OPTIONS = `--require ${path.join(__dirname, "fake-clock.js")}`;
      env.CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS = String(offsetMs);
      try {
        const { plan, printed } = await previewRefresh(stack);
        if (!/reissued within its order/.test(printed))
          throw new Error(`preview did not plan the renewal:\n${printed}`);
        return `renewal planned: ${summarize(plan.changeSummary)}`;
      } finally {
        delete env.NODE_OPTIONS;
        delete env.CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS;
        await emulator.control.setClockOffset(0);
      }
    });

    await step("a validation record is deleted in the Global DNS console; pulumi preview --refresh", async () => {
      const [record] = (await emulator.control.globalDns.appliedRecords(ZONE)).filter((r) => r.type === "TXT");
      await emulator.control.globalDns.deleteRecord(ZONE, record.id);
      const { plan, printed } = await previewRefresh(stack);
      if (!/no longer exists in NCP Global DNS/.test(printed)) throw new Error(`preview did not say so:\n${printed}`);
      return `drift: ${summarize(plan.changeSummary)}`;
    });

    await step("the certificate is deleted outside Pulumi; pulumi preview --refresh", async () => {
      await emulator.control.ncloud.delete(Number(outputs.certificateNo.value));
      const { plan: drift, printed } = await previewRefresh(stack);
      if (!/no longer exists in NCP/.test(printed)) throw new Error("preview --refresh did not explain the drift");
      return `drift: ${summarize(drift.changeSummary)}`;
    });

    await step("pulumi destroy", async () => {
      await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
      await stack.workspace.removeStack(STACK);
      return "stack removed";
    });
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s):`);
  for (const s of steps) console.log(`  ${s}`);
}

main().catch((err) => {
  console.error(err instanceof CliMissingError ? err.message : (err?.stack ?? String(err)));
  process.exit(1);
});
