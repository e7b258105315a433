/**
 * Every fault kind on every operation the provider makes, against the emulator, through the provider's own
 * lifecycle code (NCP) and the data sources (NHN). Prints the figures docs/reliability.md reports:
 * orders placed vs intended, operations that recovered from transient faults, time to give up on permanent ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { checkInputs } from "../../provider/ncloud/advancedCertificate/inputs";
import { clearNhnTokenCache } from "../../provider/nhncloud/client";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { advancedCertificateV1 as certificate } from "../../provider/runtime";
import { closeSharedAgents } from "../../provider/shared/http";
import { TRANSIENT_FAULTS } from "../helpers/faults";
import { configureProviderFor } from "../helpers/ncloud";

let emulator: RunningEmulator;

const TRANSIENT = TRANSIENT_FAULTS;
const NCP_OPERATIONS = [
  "getPaidCertificates",
  "requestPaidCertificateIssuance",
  "getVerificationInfo",
  "exportCertificateChain",
  "setCertificateRenewal",
  "registPrivateKey",
  "deleteCertificate",
];
const NHN_OPERATIONS = ["createToken", "listCertificates", "downloadCertificateFile"];

const figures = { scenarios: 0, recovered: 0, ordersIntended: 0, ordersPlaced: 0, giveUpMs: [] as number[] };
let seq = 0;

beforeAll(async () => {
  emulator = await startEmulator();
  configureProviderFor(emulator);
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
});

afterAll(async () => {
  configureProviderFor(undefined);
  for (const k of [
    "NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
    "NHNCLOUD_CERTIFICATE_MANAGER_APPKEY",
    "NHNCLOUD_USER_ACCESS_KEY_ID",
    "NHNCLOUD_USER_SECRET_ACCESS_KEY",
  ]) {
    delete process.env[k];
  }
  await emulator.close();
  await closeSharedAgents();
  const giveUp = figures.giveUpMs.sort((a, b) => a - b);
  console.log(
    [
      "fault suite figures",
      `  scenarios with one transient fault: ${figures.scenarios}, completed: ${figures.recovered}`,
      `  paid orders intended: ${figures.ordersIntended}, placed: ${figures.ordersPlaced}`,
      `  time to give up on a lasting fault (retry base 5 ms): median ${giveUp[Math.floor(giveUp.length / 2)]} ms, max ${giveUp[giveUp.length - 1]} ms over ${giveUp.length} operations`,
    ].join("\n"),
  );
});

/** The provider's whole NCP lifecycle for one certificate: create, issue, in-place update, refresh, delete. */
async function ncpLifecycle(name: string): Promise<void> {
  const { inputs } = checkInputs({
    certificateName: name,
    commonName: `${name}.example.com`,
    dnsNames: [`www.${name}.example.com`],
    key: { algorithm: "ECDSA" },
  });
  const created = await certificate.create(inputs);
  await emulator.control.ncloud.issue(Number(created.id));
  const news = { ...inputs, autoRenewal: true, registerPrivateKey: true };
  const updated = await certificate.update(created.id, created.outs, news);
  expect(updated.outs.statusCode).toBe("1");
  const read = await certificate.read(created.id, updated.outs);
  expect(read.id).toBe(created.id);
  await certificate.delete(created.id, read.props);
}

async function ordersNamed(name: string): Promise<number> {
  return (await emulator.control.ncloud.listCertificates()).filter((c) => c.certificateName === name).length;
}

describe("NCP: one transient fault on each operation", () => {
  for (const operation of NCP_OPERATIONS) {
    for (const fault of TRANSIENT) {
      it(`${operation} + ${fault.kind}${fault.status ? ` ${fault.status}` : ""}: completes with exactly one order`, async () => {
        const name = `fault-${++seq}`;
        await emulator.control.clearFaults();
        await emulator.control.addFault({ ...fault, api: "ncloud", operation, times: 1 });
        figures.scenarios++;
        figures.ordersIntended++;
        await ncpLifecycle(name);
        figures.recovered++;
        const placed = await ordersNamed(name);
        figures.ordersPlaced += placed;
        expect(placed).toBe(1);
      });
    }
  }
});

describe("NHN: one transient fault on each operation", () => {
  for (const operation of NHN_OPERATIONS) {
    for (const fault of TRANSIENT) {
      it(`${operation} + ${fault.kind}${fault.status ? ` ${fault.status}` : ""}: the data sources still answer`, async () => {
        process.env.NHNCLOUD_USER_ACCESS_KEY_ID = emulator.nhncloud.userAccessKeyId;
        process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = emulator.nhncloud.secretAccessKey;
        clearNhnTokenCache();
        await emulator.control.clearFaults();
        await emulator.control.addFault({ ...fault, api: "nhncloud", operation, times: 1 });
        figures.scenarios++;
        const list = await getCertificates({ status: "ALL" });
        expect(list.certificates.length).toBeGreaterThan(10);
        const file = await getCertificateFile({ certificateName: "www.example.com" });
        expect(file.certificatePem).toContain("BEGIN CERTIFICATE");
        figures.recovered++;
      });
    }
  }
});

describe("lasting faults: bounded, prompt failure and no order", () => {
  for (const operation of NCP_OPERATIONS) {
    it(`NCP ${operation} under a lasting 503 fails within the retry budget`, async () => {
      const name = `lasting-${++seq}`;
      await emulator.control.clearFaults();
      await emulator.control.addFault({ kind: "status", status: 503, api: "ncloud", operation, times: 0 });
      const started = Date.now();
      const err = await ncpLifecycle(name).then(
        () => undefined,
        (e: Error) => e,
      );
      figures.giveUpMs.push(Date.now() - started);
      await emulator.control.clearFaults();
      expect(err).toBeInstanceOf(Error);
      expect(err?.message).toContain("Endpoint Error");
      expect(await ordersNamed(name)).toBeLessThanOrEqual(1); // never two
    });
  }

  for (const operation of NCP_OPERATIONS) {
    it(`NCP ${operation} refused with an empty 403 (sub-account key) fails at once, without retries`, async () => {
      await emulator.control.clearFaults();
      await emulator.control.addFault({ kind: "empty403", api: "ncloud", operation, times: 0 });
      await emulator.control.clearRequests();
      const err = await ncpLifecycle(`refused-${++seq}`).then(
        () => undefined,
        (e: Error) => e,
      );
      await emulator.control.clearFaults();
      expect(err?.message).toContain("main-account access key");
      expect(await emulator.control.requests({ operation })).toHaveLength(1);
    });
  }

  for (const operation of NHN_OPERATIONS) {
    it(`NHN ${operation} refused with an empty 403 fails at once, without retries`, async () => {
      process.env.NHNCLOUD_USER_ACCESS_KEY_ID = emulator.nhncloud.userAccessKeyId;
      process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = emulator.nhncloud.secretAccessKey;
      clearNhnTokenCache();
      await emulator.control.clearFaults();
      await emulator.control.addFault({ kind: "empty403", api: "nhncloud", operation, times: 0 });
      await emulator.control.clearRequests();
      const err = await getCertificates({ status: "ALL" })
        .then(() => getCertificateFile({ certificateName: "www.example.com" }))
        .then(
          () => undefined,
          (e: Error) => e,
        );
      await emulator.control.clearFaults();
      expect(err?.message).toMatch(/HTTP 403/);
      expect(await emulator.control.requests({ operation })).toHaveLength(1);
    });
  }

  it("permanent refusals are not retried: an empty 403 fails on the first attempt", async () => {
    await emulator.control.clearFaults();
    await emulator.control.clearRequests();
    await emulator.control.addFault({ kind: "empty403", api: "ncloud", times: 0 });
    const { inputs } = checkInputs({
      certificateName: "refused-1",
      commonName: "refused.example.com",
      key: { algorithm: "ECDSA" },
    });
    await expect(certificate.create(inputs)).rejects.toThrow(/main-account access key/);
    await emulator.control.clearFaults();
    expect(await emulator.control.requests({ api: "ncloud" })).toHaveLength(1);
  });

  it("a 429 waits for its Retry-After", async () => {
    await emulator.control.clearFaults();
    await emulator.control.addFault({
      kind: "rateLimit",
      retryAfterSeconds: 1,
      api: "nhncloud",
      operation: "listCertificates",
      times: 1,
    });
    delete process.env.NHNCLOUD_USER_ACCESS_KEY_ID;
    delete process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY;
    const started = Date.now();
    await getCertificates({ pageNum: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });
});
