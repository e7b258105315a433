/**
 * ncloud.ExternalCertificate under every transient fault on every operation its lifecycle makes (upload, renewal
 * in place, refresh, delete), through the provider's own code against the emulator: each scenario ends with exactly
 * one registration, the renewal keeps the number, and the delete leaves none. A lasting failure fails promptly and
 * never leaves two.
 */
import { describe, expect, it } from "vitest";
import { checkExternalInputs } from "../../provider/ncloud/externalCertificate/inputs";
import { externalCertificateV1 as external } from "../../provider/runtime";
import { externalPems } from "../helpers/externalPems";
import { TRANSIENT_FAULTS } from "../helpers/faults";
import { providerWithEmulatorForFile } from "../helpers/ncloud";

const t = providerWithEmulatorForFile();
let seq = 0;

const TRANSIENT = TRANSIENT_FAULTS;
const OPERATIONS = ["certificates", "registerExternalCertificate", "exportCertificateChain", "deleteCertificate"];

async function registrations(name: string): Promise<number> {
  return (await t.emulator.control.ncloud.listCertificates()).filter(
    (c) => c.certificateName === name && c.statusCode !== "-6",
  ).length;
}

/** Upload, renew in place, refresh, delete; returns the most registrations of the name seen on the way. */
async function lifecycle(name: string): Promise<number> {
  const first = await externalPems({ commonName: `${name}.example.com` });
  const renewed = await externalPems({ commonName: `${name}.example.com` });
  const raw = (p: typeof first) => ({
    certificateName: name,
    certificatePem: p.certificatePem,
    chainPem: p.chainPem,
    privateKeyPem: p.privateKeyPem,
  });
  const { inputs, failures } = checkExternalInputs(raw(first));
  expect(failures).toEqual([]);
  const created = await external.create(inputs);
  let most = await registrations(name);
  const news = checkExternalInputs(raw(renewed), inputs).inputs;
  const updated = await external.update(created.id, created.outs, news);
  expect(updated.outs.certificateNo).toBe(Number(created.id));
  most = Math.max(most, await registrations(name));
  const read = await external.read(created.id, updated.outs);
  expect(read.id).toBe(created.id);
  await external.delete(created.id, read.props);
  return most;
}

describe("ExternalCertificate: one transient fault on each operation", () => {
  for (const operation of OPERATIONS) {
    for (const fault of TRANSIENT) {
      it(`${operation} + ${fault.kind}${fault.status ? ` ${fault.status}` : ""}: one registration, same number, deleted`, async () => {
        const name = `ext-fault-${++seq}`;
        await t.emulator.control.clearFaults();
        await t.emulator.control.addFault({ ...fault, api: "ncloud", operation, times: 1 });
        expect(await lifecycle(name)).toBe(1);
        expect(await registrations(name)).toBe(0);
      });
    }
  }
});

describe("ExternalCertificate: one transient fault on the renewal's upload", () => {
  for (const fault of TRANSIENT) {
    it(`registerExternalCertificate (renewal) + ${fault.kind}${fault.status ? ` ${fault.status}` : ""}: the number stays`, async () => {
      const name = `ext-renew-${++seq}`;
      await t.emulator.control.clearFaults();
      // The first upload passes; the renewal meets the fault.
      await t.emulator.control.addFault({ ...fault, api: "ncloud", operation: "registerExternalCertificate", skip: 1 });
      expect(await lifecycle(name)).toBe(1);
    });
  }
});

describe("ExternalCertificate: lasting faults fail promptly and never leave two", () => {
  for (const operation of OPERATIONS) {
    it(`${operation} under a lasting 503`, async () => {
      const name = `ext-lasting-${++seq}`;
      await t.emulator.control.clearFaults();
      await t.emulator.control.addFault({ kind: "status", status: 503, api: "ncloud", operation, times: 0 });
      const err = await lifecycle(name).then(
        () => undefined,
        (e: Error) => e,
      );
      await t.emulator.control.clearFaults();
      expect(err).toBeInstanceOf(Error);
      expect(await registrations(name)).toBeLessThanOrEqual(1);
    });
  }
});
