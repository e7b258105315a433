/**
 * Issue #14, defect 1: an order whose answer is lost must never be orphaned. Through the real provider host, with
 * NCP played by the emulator: the order lands but the answer is lost, then the name look-ups fail for a while, or
 * NCP commits the order only after the client gave up. Whatever happens, NCP ends up with exactly one certificate
 * of that name, and the stack holds it with the key its CSR was made from.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { HostError, InitFailure } from "../helpers/host";
import { hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const t = hostWithEmulatorForFile();

beforeEach(async () => {
  await t.emulator.control.clearFaults();
  await t.emulator.control.clearRequests();
});

async function checked(name: string): Promise<Props> {
  const res = await t.host.check(
    {},
    { __provider: t.provider, certificateName: name, commonName: `${name}.example.com`, key: { algorithm: "ECDSA" } },
  );
  expect(res.failures).toEqual([]);
  return res.inputs;
}

async function certificatesNamed(name: string) {
  return (await t.emulator.control.ncloud.listCertificates()).filter(
    (c) => c.certificateName === name && c.statusCode !== "-6",
  );
}

/** Issues the one certificate of that name and checks the stack's key is the one it was issued for. */
async function expectIssuedForKey(name: string, id: string, props: Props): Promise<void> {
  const [cert] = await certificatesNamed(name);
  await t.emulator.control.ncloud.issue(cert.certificateNo);
  const read = await t.host.read(id, props);
  expect(read.id).toBe(String(cert.certificateNo));
  const leaf = new X509Certificate(read.properties.certificatePem as string);
  expect(leaf.checkPrivateKey(createPrivateKey(read.properties.privateKeyPem as string))).toBe(true);
  expect(read.properties.keyMatchesCertificate).toBe(true);
}

/** Creates with the order's answer lost (`orderFault`) and every look-up after it failing: a partial init. */
async function createUnconfirmed(name: string, orderFault: "resetAfterCommit" | "resetBeforeCommit") {
  const inputs = await checked(name);
  await t.emulator.control.addFault({ kind: orderFault, operation: "requestPaidCertificateIssuance" });
  await t.emulator.control.addFault({
    kind: "status",
    status: 503,
    operation: "getPaidCertificates",
    skip: 1,
    times: 0,
  });
  const err = (await t.host.create(inputs).catch((e: HostError) => e)) as HostError;
  expect(err.initFailure, err.message).toBeDefined();
  await t.emulator.control.clearFaults();
  return { inputs, err, init: err.initFailure as InitFailure };
}

describe("an order whose answer is lost", () => {
  it("look-ups failing for a while: the provider keeps looking, never resends, and tracks the order", async () => {
    const inputs = await checked("lost-lookups");
    await t.emulator.control.addFault({ kind: "resetAfterCommit", operation: "requestPaidCertificateIssuance" });
    // The look-up before the order passes; the next 15 (three look-ups with their retries) fail with 503.
    await t.emulator.control.addFault({
      kind: "status",
      status: 503,
      operation: "getPaidCertificates",
      skip: 1,
      times: 15,
    });
    const created = await t.host.create(inputs);
    const certs = await certificatesNamed("lost-lookups");
    expect(certs).toHaveLength(1);
    expect(created.id).toBe(String(certs[0].certificateNo));
    expect(await t.emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).toHaveLength(1);
    await expectIssuedForKey("lost-lookups", created.id, created.properties);
  });

  it("look-ups failing for good: a partial initialisation keeps the key and CSR, and the next up tracks the order", async () => {
    const { inputs, err, init } = await createUnconfirmed("lost-for-good", "resetAfterCommit");
    expect(init.properties.privateKeyPem).toContain("PRIVATE KEY");
    expect(init.properties.csrPem).toContain("CERTIFICATE REQUEST");
    expect(init.properties.__provider).toBe(t.provider);
    expect(err.message).toMatch(/next `pulumi up`/);
    expect(err.message).not.toContain("PRIVATE KEY");
    expect(await t.emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).toHaveLength(1);

    // Preview plans the resumption; the next up finds the order (no second one) and keeps the key.
    expect((await t.host.diff(init.id, init.properties, inputs)).changes).toBe("some");
    const outs = await t.host.update(init.id, init.properties, inputs);
    const certs = await certificatesNamed("lost-for-good");
    expect(certs).toHaveLength(1);
    expect(outs.certificateNo).toBe(certs[0].certificateNo);
    expect(outs.privateKeyPem).toBe(init.properties.privateKeyPem);
    expect(outs.csrPem).toBe(init.properties.csrPem);
    expect(await t.emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).toHaveLength(1);
    await expectIssuedForKey("lost-for-good", init.id, outs);
  });

  it("an unconfirmed order that never landed: the next up sends the same CSR once", async () => {
    const { inputs, init } = await createUnconfirmed("never-landed", "resetBeforeCommit");
    const outs = await t.host.update(init.id, init.properties, inputs);
    expect(outs.csrPem).toBe(init.properties.csrPem);
    expect(await certificatesNamed("never-landed")).toHaveLength(1);
    await expectIssuedForKey("never-landed", init.id, outs);
  });

  it("an unconfirmed order is deleted by destroy when it landed", async () => {
    const { init } = await createUnconfirmed("lost-destroyed", "resetAfterCommit");
    await t.host.delete(init.id, init.properties);
    expect(await certificatesNamed("lost-destroyed")).toEqual([]);
  });

  it("NCP commits the order after the client gave up: the duplicate-name refusal means it landed, so it is tracked", async () => {
    const inputs = await checked("late-landing");
    await t.emulator.control.addFault({ kind: "lateCommit", operation: "requestPaidCertificateIssuance" });
    const created = await t.host.create(inputs);
    const certs = await certificatesNamed("late-landing");
    expect(certs).toHaveLength(1);
    expect(created.id).toBe(String(certs[0].certificateNo));
    await expectIssuedForKey("late-landing", created.id, created.properties);
  });
});

describe("an order answered with a body too large to read", () => {
  it("is a lost answer, not a refusal: looked up, and ordered exactly once", async () => {
    const inputs = await checked("huge-answer");
    const operation = "requestPaidCertificateIssuance";
    await t.emulator.control.addFault({ kind: "oversizeFile", bytes: 9 * 1024 * 1024, operation });
    const created = await t.host.create(inputs);
    expect(await certificatesNamed("huge-answer")).toHaveLength(1);
    await expectIssuedForKey("huge-answer", created.id, created.properties);
  });
});

describe("a key registration whose answer is lost", () => {
  it("NCP takes it after the client gave up: the refusal of the resend means it landed, and up succeeds", async () => {
    const inputs = await checked("late-register");
    const created = await t.host.create(inputs);
    await t.emulator.control.ncloud.issue(Number(created.id));
    await t.emulator.control.addFault({ kind: "lateCommit", operation: "registPrivateKey" });
    const outs = await t.host.update(created.id, created.properties, { ...inputs, registerPrivateKey: true });
    expect(outs).toMatchObject({ statusCode: "1", privateKeyRegistered: true });
  });
});
