/**
 * Issue #14 defects seen through the real provider host (NCP played by the emulator): key identity, the combined
 * CSR + key file, destroy after a console rename, and what update failures say.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
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
