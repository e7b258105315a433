/**
 * Issue #14 defects seen through the real provider host (NCP played by the emulator): key identity, the combined
 * CSR + key file, destroy after a console rename, and what update failures say.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { checkAndCreate as createChecked, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const t = hostWithEmulatorForFile();

const base = (name: string, overrides: Props = {}): Props => ({
  __provider: t.provider,
  certificateName: name,
  commonName: `${name}.example.com`,
  ...overrides,
});

const checkAndCreate = (news: Props) => createChecked(t.host, news);

describe("key identity", () => {
  it("the same key re-encoded (PKCS#8 → PKCS#1) is no change, let alone a new paid order", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
    const { id, inputs, properties } = await checkAndCreate(base("reencoded", { privateKeyPem: pkcs8 }));
    const again = await t.host.check(inputs, base("reencoded", { privateKeyPem: pkcs1 }));
    expect(again.failures).toEqual([]);
    expect(await t.host.diff(id, properties, again.inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });

    // Another key still replaces (and so needs a new name).
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const changed = await t.host.check(inputs, base("reencoded", { privateKeyPem: other }));
    expect(changed.failures.map((f) => f.property)).toEqual(["certificateName"]);
  });
});

describe("a private key pasted after the CSR in csrPem", () => {
  it("is refused in check, naming csrPem, without echoing the key, and nothing reaches NCP", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const csr = buildCsr({ privateKey, commonName: "combined.example.com" });
    await t.emulator.control.clearRequests();
    const keyBody = keyPem.split("\n")[1];
    for (const csrPem of [`${csr}${keyPem}`, `${keyPem}${csr}`, `${csr}${csr}`]) {
      const { failures, inputs } = await t.host.check({}, base("combined", { csrPem }));
      expect(failures.map((f) => f.property)).toEqual(["csrPem"]);
      expect(failures[0].reason).toMatch(/exactly one CERTIFICATE REQUEST/);
      expect(JSON.stringify({ failures, inputs })).not.toContain(keyBody);
    }
    expect(await t.emulator.control.requests()).toEqual([]);
  });
});

describe("destroy after a rename in the console", () => {
  it("deletes the certificate under its current name", async () => {
    const { id, properties } = await checkAndCreate(base("before-console", { key: { algorithm: "ECDSA" } }));
    await t.emulator.control.ncloud.rename(Number(id), "after-console");
    await t.host.delete(id, properties);
    expect((await t.emulator.control.ncloud.getCertificate(Number(id))).statusCode).toBe("-6");
  });
});

describe("update failures", () => {
  it("say what the update was, not that something was ordered", async () => {
    const { id, inputs, properties } = await checkAndCreate(base("update-fails", { key: { algorithm: "ECDSA" } }));
    await t.emulator.control.addFault({ kind: "status", status: 503, operation: "setCertificateRenewal", times: 0 });
    try {
      const err = (await t.host.update(id, properties, { ...inputs, autoRenewal: true }).catch((e) => e)) as Error;
      expect(err.message).toMatch(
        /^updating certificate \d+ \("update-fails"\) \(switching NCP's automatic renewal on\) failed while switching NCP's automatic renewal on: /,
      );
      expect(err.message).not.toContain("was ordered");
    } finally {
      await t.emulator.control.clearFaults();
    }
  });

  it("work left over from an earlier run is named in words too, not by diff's internal label", async () => {
    const { id, inputs, properties } = await checkAndCreate(
      base("leftover-fails", { key: { algorithm: "ECDSA" }, registerPrivateKey: true }),
    );
    await t.emulator.control.ncloud.issue(Number(id));
    const refreshed = await t.host.read(id, properties);
    expect(refreshed.properties.statusCode).toBe("2");
    await t.emulator.control.addFault({ kind: "status", status: 503, operation: "registPrivateKey", times: 0 });
    try {
      const err = (await t.host.update(id, refreshed.properties, inputs).catch((e) => e)) as Error;
      expect(err.message).toMatch(
        /^updating certificate \d+ \("leftover-fails"\) \(registering the private key with NCP \(not done yet as last recorded\)\) failed while registering the private key with NCP: /,
      );
      expect(err.message).not.toMatch(/converge/);
    } finally {
      await t.emulator.control.clearFaults();
    }
  });
});
