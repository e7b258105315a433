/**
 * Issue 26 item 3: a readable refusal is not a lost answer. When NCP answers a write with its own error code (under
 * HTTP 200, 400 or 500), nothing was done: the provider surfaces that code and message, sends the call once, and
 * keeps no partial state. Only a missing or unreadable answer is ambiguous (a reset, a deadline, a body that is not
 * the API's), and only then is NCP looked at before anything is sent again.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ResourceInitError } from "../../provider/dynamic/initError";
import { checkExternalInputs } from "../../provider/ncloud/externalCertificate/inputs";
import { advancedCertificateV1 as certificate, externalCertificateV1 as external } from "../../provider/runtime";
import { externalPems } from "../helpers/externalPems";
import { failure } from "../helpers/failure";
import { providerWithEmulatorForFile } from "../helpers/ncloud";

const t = providerWithEmulatorForFile();
let seq = 0;

beforeEach(async () => {
  await t.emulator.control.clearFaults();
  await t.emulator.control.clearRequests();
});

const sends = async (operation: string) => (await t.emulator.control.requests({ api: "ncloud", operation })).length;
const live = async (name: string) =>
  (await t.emulator.control.ncloud.listCertificates()).filter(
    (c) => c.certificateName === name && c.statusCode !== "-6",
  );

/** The refusals NCP documents for these calls, under the statuses it uses (§4.2), and one under a 500. */
const REFUSALS: { status: number; code: string; message: string }[] = [
  { status: 200, code: "26040", message: "Public key in certificate does not match private key." },
  { status: 200, code: "2200", message: "No certificate was found." },
  { status: 400, code: "2100", message: "certificateName is already in use." },
  { status: 500, code: "1000", message: "Failed to process the request." },
];

async function externalInputs(name: string) {
  const p = await externalPems({ commonName: `${name}.example.com` });
  const { inputs, failures } = checkExternalInputs({
    certificateName: name,
    certificatePem: p.certificatePem,
    chainPem: p.chainPem,
    privateKeyPem: p.privateKeyPem,
  });
  expect(failures).toEqual([]);
  return inputs;
}

describe("ExternalCertificate: NCP's readable refusal of an upload", () => {
  for (const r of REFUSALS) {
    it(`HTTP ${r.status} + ${r.code}: surfaced with its code and message, sent once, nothing kept`, async () => {
      const name = `ext-refused-${++seq}`;
      const inputs = await externalInputs(name);
      await t.emulator.control.addFault({
        kind: "refuse",
        operation: "registerExternalCertificate",
        status: r.status,
        errorCode: r.code,
        message: r.message,
      });
      const err = await failure(external.create(inputs));
      expect(err).not.toBeInstanceOf(ResourceInitError);
      expect(err.message).toContain(r.code);
      expect(err.message).toContain(r.message.replace(/\.$/, ""));
      expect(err.message).not.toMatch(/without an answer|may have reached|unconfirmed/i);
      expect(await sends("registerExternalCertificate")).toBe(1);
      expect(await live(name)).toEqual([]);
    });
  }

  it("an unreadable answer stays ambiguous: looked up, and the upload that landed is kept", async () => {
    const name = `ext-garbled-${++seq}`;
    const inputs = await externalInputs(name);
    await t.emulator.control.addFault({
      kind: "patchBody",
      operation: "registerExternalCertificate",
      patch: { returnCode: null },
    });
    const created = await external.create(inputs);
    expect(await sends("registerExternalCertificate")).toBe(1);
    expect((await live(name)).map((c) => String(c.certificateNo))).toEqual([created.id]);
    await external.delete(created.id, created.outs);
  });
});

describe("AdvancedCertificate: NCP's readable refusal of the paid order", () => {
  const ORDER_REFUSALS = [
    { status: 200, code: "2201", message: "Invalid DNS SANs input format." },
    { status: 400, code: "2000", message: "certificateName can only contain 3-20 English alphabet." },
    { status: 500, code: "1000", message: "Failed to process the request." },
  ];
  for (const r of ORDER_REFUSALS) {
    it(`HTTP ${r.status} + ${r.code}: surfaced with its code and message, ordered once, nothing kept`, async () => {
      const name = `paid-refused-${++seq}`;
      const { inputs, failures } = await certificate.check(
        {},
        { certificateName: name, commonName: `${name}.example.com`, key: { algorithm: "ECDSA" } },
      );
      expect(failures).toEqual([]);
      await t.emulator.control.addFault({
        kind: "refuse",
        operation: "requestPaidCertificateIssuance",
        status: r.status,
        errorCode: r.code,
        message: r.message,
      });
      const err = await failure(certificate.create(inputs));
      expect(err).not.toBeInstanceOf(ResourceInitError);
      expect(err.message).toContain(r.code);
      expect(err.message).not.toMatch(/without an answer|may have reached|unconfirmed/i);
      expect(await sends("requestPaidCertificateIssuance")).toBe(1);
      expect(await live(name)).toEqual([]);
    });
  }
});
