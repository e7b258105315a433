/**
 * Load and secrecy through the real dynamic-provider host: 100 certificates created at once (as Pulumi does in
 * one provider process), 200 concurrent data-source calls, and a scan of everything the host printed and every
 * non-secret output for credentials and key material.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { closeSharedAgents } from "../../provider/shared/http";
import { ProviderHost, serializedProvider } from "../helpers/host";

let emulator: RunningEmulator;
let host: ProviderHost;
let provider: string;
const outputs: Record<string, unknown>[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  provider = await serializedProvider(inject("fixtureDir"));
  host = await ProviderHost.start(inject("fixtureDir"), {
    NCLOUD_ACCESS_KEY: emulator.ncloudCredentials.accessKey,
    NCLOUD_SECRET_KEY: emulator.ncloudCredentials.secretKey,
    NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
  });
  await host.configure({});
});

afterAll(async () => {
  await host?.stop();
  await emulator?.close();
  await closeSharedAgents();
});

describe("load", () => {
  it("creates 100 certificates concurrently: 100 orders, no duplicates, none lost", async () => {
    await emulator.control.setLatency(20);
    const names = Array.from({ length: 100 }, (_, i) => `load-${String(i).padStart(3, "0")}`);
    const started = Date.now();
    const results = await Promise.all(
      names.map(async (name, i) => {
        const news = {
          __provider: provider,
          certificateName: name,
          commonName: `${name}.example.com`,
          dnsNames: [`www.${name}.example.com`],
          // Mostly P-256 for speed; every tenth RSA-2048, the default, so real key generation is in the mix.
          key: i % 10 === 0 ? { algorithm: "RSA", rsaBits: 2048 } : { algorithm: "ECDSA", ecdsaCurve: "P256" },
        };
        const checked = await host.check({}, news);
        expect(checked.failures).toEqual([]);
        return host.create(checked.inputs);
      }),
    );
    const elapsed = Date.now() - started;
    await emulator.control.setLatency(0);
    outputs.push(...results.map((r) => r.properties));

    const ids = new Set(results.map((r) => r.id));
    const orders = await emulator.control.requests({ operation: "requestPaidCertificateIssuance" });
    const stored = (await emulator.control.ncloud.listCertificates()).filter((c) =>
      c.certificateName.startsWith("load-"),
    );
    console.log(
      `load: 100 creates through the host in ${elapsed} ms with 20 ms API latency; ${orders.length} order calls; ${stored.length} certificates`,
    );
    expect(ids.size).toBe(100);
    expect(orders).toHaveLength(100);
    expect(stored).toHaveLength(100);
    expect(new Set(stored.map((c) => c.certificateName)).size).toBe(100);
    expect(stored.map((c) => String(c.certificateNo)).sort()).toEqual([...ids].sort());
  });

  it("answers 200 concurrent data-source calls", async () => {
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
    try {
      await emulator.control.setLatency(20);
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i % 2 === 0 ? getCertificates({ status: "ALL" }) : getCertificateFile({ certificateName: "www.example.com" }),
        ),
      );
      console.log(
        `load: 200 concurrent data-source calls answered in ${Date.now() - started} ms with 20 ms API latency`,
      );
      expect(answers.filter(Boolean)).toHaveLength(200);
    } finally {
      await emulator.control.setLatency(0);
      delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
      delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
    }
  });
});

describe("secrets", () => {
  it("never show up in the serialized provider, non-secret outputs, or anything the host printed", async () => {
    // Provoke logged errors too, so the scan covers error paths (check failures and a refused delete).
    await host.check({}, { __provider: provider, certificateName: "x" });
    const first = outputs[0];
    await emulator.control.ncloud.markInUse(Number(first.certificateNo));
    await host.delete(String(first.certificateNo), { ...first, deleteInUseTimeoutMinutes: 0 }).catch(() => undefined);

    const { accessKey, secretKey } = emulator.ncloudCredentials;
    const keyBodies = outputs
      .map((o) => String(o.privateKeyPem).split("\n")[1])
      .filter((line) => line && line.length > 40);
    expect(keyBodies).toHaveLength(100);
    const haystacks: [string, string][] = [
      ["serialized provider", provider],
      ["host stdout", host.stdout],
      ["host stderr", host.stderr],
      ...outputs.map((o, i): [string, string] => {
        const { privateKeyPem: _secret, ...publicOutputs } = o;
        return [`non-secret outputs of certificate ${i}`, JSON.stringify(publicOutputs)];
      }),
    ];
    expect(host.stderr.length + host.stdout.length).toBeGreaterThan(0);
    for (const [where, text] of haystacks) {
      expect(text, where).not.toContain(secretKey);
      expect(text, where).not.toContain(accessKey);
      expect(text, where).not.toContain("PRIVATE KEY");
      for (const body of keyBodies) expect(text.includes(body), `${where} holds key material`).toBe(false);
    }
  });
});
