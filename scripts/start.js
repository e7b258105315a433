// The README's second set-up command, until the Pulumi quickstart lands: start the embedded emulator (with a
// state file), order an Advanced DV certificate through the real client with a locally generated key and CSR,
// show its DCV records, let the emulator issue it, and print the issued chain's facts.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { startEmulator } = require("../dist/emulator");
const { ncloud, crypto } = require("../dist");
const { closeSharedAgents } = require("../dist/shared/http");

async function main() {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "certmanager-kr-"));
  const emulator = await startEmulator({ stateFile: path.join(stateDir, "emulator-state.json") });
  console.log(`emulator: ${emulator.url} (state in ${stateDir})`);
  try {
    const client = new ncloud.NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.url,
    });
    const key = await crypto.generateKeyPair({ algorithm: "RSA", rsaBits: 2048 });
    const csr = crypto.buildCsr({
      privateKey: key.privateKey,
      commonName: "example.com",
      dnsNames: ["www.example.com"],
    });
    const order = await client.requestPaidCertificateIssuance({
      csr,
      certificateType: "NCP_PAID_DV_01",
      certificateName: "quickstart",
      commonName: "example.com",
      dnsName: ["www.example.com"],
      validationMethod: "D",
    });
    console.log(`ordered: certificateNo ${order.certificateNo}, status ${order.statusName}`);
    for (const domain of ["example.com", "www.example.com"]) {
      for (const r of await client.getVerificationInfo(order.certificateNo, domain)) {
        console.log(`  DCV ${domain}: ${r.recordType} ${r.name} = ${r.value} (${r.validStatusCode})`);
      }
    }
    await emulator.control.ncloud.issue(order.certificateNo);
    const [entry] = await client.findPaidCertificatesByName("quickstart");
    const chain = await client.exportCertificateChain(order.certificateNo);
    const leaf = crypto.parseCertificate(chain.certificate);
    console.log(`issued: status ${entry.statusName}, serial ${leaf.serialNumber}`);
    console.log(`  SANs ${leaf.dnsNames.join(", ")}; valid ${leaf.notBefore} → ${leaf.notAfter}`);
    console.log(`  key matches certificate: ${crypto.publicKeysEqual(leaf.publicKeyPem, key.publicKeyPem)}`);
    console.log("  private key: [secret]");
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
