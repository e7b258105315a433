/**
 * The emulator's test PKI is consistent in time: every leaf's validity lies inside its issuers', so openssl verifies
 * the chain at any moment of the leaf's life (its first and last second, and the middle) — also for the NHN sample
 * leaves issued long ago and already expired, and for an NCP certificate issued under a moved clock.
 */
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair } from "../../provider/crypto/keys";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { runOpenssl, TempDir } from "../crypto/openssl";

let emulator: RunningEmulator;
const tmp = new TempDir();

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  await closeSharedAgents();
  tmp.remove();
});

function certificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** openssl verify of `leaf` through `chain` (issuer first) at its first second, its middle and its last second. */
function verifyThroughoutLife(name: string, leaf: string, chain: string[], root?: string): void {
  const x = new X509Certificate(leaf);
  const from = Date.parse(x.validFrom) / 1000;
  const to = Date.parse(x.validTo) / 1000;
  const leafFile = tmp.write(`${name}-leaf.pem`, leaf);
  const args = root
    ? ["-CAfile", tmp.write(`${name}-root.pem`, root), "-untrusted", tmp.write(`${name}-chain.pem`, chain.join("\n"))]
    : ["-partial_chain", "-CAfile", tmp.write(`${name}-chain.pem`, chain.join("\n"))];
  for (const at of [from + 1, Math.floor((from + to) / 2), to - 1]) {
    const r = runOpenssl(["verify", ...args, "-attime", String(at), leafFile]);
    expect(`${name} at ${new Date(at * 1000).toISOString()}: ${r.stdout}${r.stderr}`).toContain(": OK");
  }
}

describe("the emulator's PKI dates", () => {
  it("NHN sample leaves (expired 30 days ago, expiring in 10 days) verify at every point of their lives", async () => {
    const raw = await emulator.control.nhncloud.listCertificates();
    expect(raw.length).toBeGreaterThan(0);
    // Files are built on first download.
    const nhn = emulator.nhncloud;
    for (const name of ["old.example.com", "soon.example.com", "www.example.com"]) {
      const res = await fetch(
        `${emulator.url}/certmanager/v1.2/appkeys/${nhn.appKey}/certificates/${encodeURIComponent(name)}/files`,
      );
      await res.arrayBuffer();
    }
    const records = await emulator.control.nhncloud.listCertificates();
    let checked = 0;
    for (const name of ["old.example.com", "soon.example.com"]) {
      const record = records.find((r) => r.certificateName === name);
      expect(record?.file, name).toBeDefined();
      const [leaf, intermediate] = certificates(Buffer.from(record?.file ?? "", "base64").toString("utf8"));
      verifyThroughoutLife(name, leaf, [intermediate]);
      checked++;
    }
    expect(checked).toBe(2);
  });

  it("an NCP certificate issued under a clock moved 170 days ahead verifies through its intermediate and root", async () => {
    await emulator.control.setClockOffset(170 * 86_400_000, { certificatesOnly: true });
    try {
      const client = new NcloudCertificateManagerClient({
        credentials: emulator.ncloudCredentials,
        endpoint: emulator.url,
      });
      const key = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
      const csr = buildCsr({ privateKey: key.privateKey, commonName: "pki.example.com" });
      await client.requestPaidCertificateIssuance({
        certificateName: "pki-dates",
        certificateType: "NCP_PAID_DV_01",
        commonName: "pki.example.com",
        csr,
        validationMethod: "D",
      });
      const [entry] = await client.findPaidCertificatesByName("pki-dates");
      await emulator.control.ncloud.issue(entry.certificateNo);
      const chain = await client.exportCertificateChain(entry.certificateNo);
      verifyThroughoutLife(
        "ncp",
        chain.certificate,
        certificates(chain.subCaCertificate ?? ""),
        chain.rootCaCertificate,
      );
    } finally {
      await emulator.control.setClockOffset(0);
    }
  });
});
