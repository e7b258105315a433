// `npm run demo`: the main job's story without the Pulumi CLI. The embedded emulator (with a state file) plays NCP,
// and the provider's own lifecycle methods (the ones the Pulumi engine calls through the provider host) play the
// engine's part: check → create (order, wait for issuance) → diff (no change) → refresh → an out-of-band delete →
// refresh drops it → destroy. `npm start` runs the same story with the real Pulumi CLI.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { startEmulator } = require("../dist/emulator");
const { advancedCertificateV1: provider } = require("../dist/runtime");
const { closeSharedAgents } = require("../dist/shared/http");

async function main() {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "certmanager-kr-"));
  const emulator = await startEmulator({
    stateFile: path.join(stateDir, "emulator-state.json"),
    autoIssueAfterMs: 2_000,
  });
  console.log(`emulator: ${emulator.url} (state in ${stateDir})`);
  try {
    const config = {
      "ncloud:accessKey": emulator.ncloudCredentials.accessKey,
      "ncloud:secretKey": emulator.ncloudCredentials.secretKey,
      "ncloud:certificateManagerEndpoint": emulator.url,
    };
    await provider.configure({ config: { get: (k) => config[k], require: (k) => config[k] } });

    const program = {
      certificateName: "quickstart",
      commonName: "example.com",
      dnsNames: ["www.example.com"],
      waitForIssuance: { timeoutMinutes: 2, pollIntervalSeconds: 1 },
    };
    const { inputs, failures } = await provider.check({}, program);
    if (failures.length) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));

    console.log("\n== 1. up: order and wait for issuance");
    const { id, outs } = await provider.create(inputs);
    console.log(`  certificateNo ${id}, status ${outs.statusName}`);
    for (const r of outs.dcvRecords)
      console.log(`  DCV ${r.domain}: ${r.recordType} ${r.name} = ${r.value} (${r.status})`);
    console.log(`  notAfter ${outs.notAfter}, serial ${outs.serialNumber}`);
    console.log("  privateKeyPem: [secret]");

    console.log("\n== 2. preview --refresh: no changes");
    const refreshed = await provider.read(id, outs);
    const diff = await provider.diff(id, refreshed.props, (await provider.check(inputs, program)).inputs);
    console.log(`  ${diff.changes ? `changes: ${diff.replaces.join(", ")}` : "no changes"}`);

    console.log("\n== 3. deleted outside Pulumi; preview --refresh");
    await emulator.control.ncloud.delete(Number(id));
    const gone = await provider.read(id, refreshed.props);
    console.log(
      `  ${gone.id === "" ? "the certificate is gone: refresh drops it and the next up orders it again" : "still there?"}`,
    );

    console.log("\n== 4. destroy");
    await provider.delete(id, refreshed.props);
    console.log("  deleted (already gone: a no-op)");
  } finally {
    await closeSharedAgents();
    await emulator.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
