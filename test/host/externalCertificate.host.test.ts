/**
 * ncloud.ExternalCertificate through the real dynamic-provider host, with NCP played by the emulator: every bad
 * input refused in check before any request, the lifecycle (upload, renewal in place, drift in words, delete while
 * in use), and faults on upload, renewal and delete that never leave two registrations. The key never appears in
 * clear in anything the provider says.
 */
import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createCertificateAuthority } from "../../provider/crypto/x509";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { type ExternalPems, externalPems } from "../helpers/externalPems";
import { failure } from "../helpers/failure";
import { type HostError, serializedProvider, UNKNOWN } from "../helpers/host";
import { hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const ctx = hostWithEmulatorForFile();
let provider: string;
let client: NcloudCertificateManagerClient;
let pems: ExternalPems;

beforeAll(async () => {
  provider = await serializedProvider(inject("fixtureDir"), "shims/externalCertificate.js");
  client = new NcloudCertificateManagerClient({
    credentials: ctx.emulator.ncloudCredentials,
    endpoint: ctx.emulator.url,
  });
  pems = await externalPems();
});

const parts = (p: ExternalPems, more: Props = {}): Props => ({
  __provider: provider,
  certificatePem: p.certificatePem,
  chainPem: p.chainPem,
  privateKeyPem: p.privateKeyPem,
  ...more,
});

async function checked(news: Props, olds: Props = {}): Promise<Props> {
  const { inputs, failures } = await ctx.host.check(olds, news);
  expect(failures).toEqual([]);
  return inputs;
}

async function create(news: Props): Promise<{ id: string; properties: Props; inputs: Props }> {
  const inputs = await checked(news);
  return { inputs, ...(await ctx.host.create(inputs)) };
}

async function uploadsOf(name: string): Promise<number> {
  return (await ctx.emulator.control.ncloud.listCertificates()).filter(
    (c) => c.certificateName === name && c.statusCode !== "-6",
  ).length;
}

function noKeyInClear(...texts: unknown[]): void {
  for (const t of texts) expect(JSON.stringify(t ?? "")).not.toMatch(/PRIVATE KEY-----|MIG[0-9A-Za-z+/]{40}/);
}

describe("check", () => {
  it("refuses every bad input naming the field, before any request reaches NCP", async () => {
    const other = await externalPems({ commonName: "other.example" });
    const expired = await externalPems({
      notBefore: new Date(Date.now() - 30 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const future = await externalPems({
      notBefore: new Date(Date.now() + 86_400_000),
      notAfter: new Date(Date.now() + 90 * 86_400_000),
    });
    const foreignCa = await createCertificateAuthority({ name: "foreign" });
    const ed = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const encrypted = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: "pw",
    }) as string;
    await ctx.emulator.control.clearRequests();
    const cases: [Props, string, RegExp][] = [
      [{ privateKeyPem: other.privateKeyPem }, "privateKeyPem", /private key does not belong to the certificate/],
      [{ privateKeyPem: encrypted }, "privateKeyPem", /encrypted/],
      [{ privateKeyPem: ed }, "privateKeyPem", /NCP documents no key types/],
      [{ chainPem: foreignCa.intermediate.certificatePem }, "chainPem", /chain does not link/],
      [
        { certificatePem: expired.certificatePem, privateKeyPem: expired.privateKeyPem },
        "certificatePem",
        /expired on/,
      ],
      [
        { certificatePem: future.certificatePem, privateKeyPem: future.privateKeyPem },
        "certificatePem",
        /not valid before/,
      ],
      [{ certificatePem: "hello" }, "certificatePem", /not a PEM certificate/],
      [{ chainPem: undefined }, "chainPem", /chainPem is required/],
      [{ privateKeyPem: undefined }, "privateKeyPem", /privateKeyPem is required/],
      [{ certificatePem: pems.certificatePem + pems.chainPem }, "certificatePem", /holds 2 certificates/],
      [{ pemBundle: pems.bundle }, "pemBundle", /either pemBundle or certificatePem/],
      [{ certificateName: "1-bad" }, "certificateName", /3-20 characters/],
      [{ certificateName: "a".repeat(21) }, "certificateName", /3-20 characters/],
      [{ privateKey: "x" }, "privateKey", /did you mean privateKeyPem\?/],
      [{ deleteInUseTimeoutMinutes: 500 }, "deleteInUseTimeoutMinutes", /from 0 to 120/],
    ];
    for (const [overrides, property, reason] of cases) {
      const news: Props = { ...parts(pems, { certificateName: "ok-name" }), ...overrides };
      for (const [k, v] of Object.entries(news)) if (v === undefined) delete news[k];
      const { failures } = await ctx.host.check({}, news);
      expect(
        failures.map((f) => f.property),
        JSON.stringify(overrides).slice(0, 80),
      ).toContain(property);
      expect(failures.find((f) => f.property === property)?.reason).toMatch(reason);
      noKeyInClear(failures);
    }
    const bundleCases: [string, RegExp][] = [
      [pems.certificatePem + pems.chainPem, /holds no private key/],
      [pems.certificatePem + pems.privateKeyPem, /holds no issuer certificate/],
      [pems.bundle + other.certificatePem, /not in the chain/],
      ["not pem at all", /pemBundle: /],
    ];
    for (const [bundle, reason] of bundleCases) {
      const { failures } = await ctx.host.check(
        {},
        { __provider: provider, certificateName: "ok-name", pemBundle: bundle },
      );
      expect(failures.find((f) => f.property === "pemBundle")?.reason).toMatch(reason);
    }
    expect(await ctx.emulator.control.requests()).toEqual([]);
  });

  it("names the certificate after the resource and keeps the name; a rename with the same files is refused", async () => {
    const news = { ...parts(pems), __internal: { namePrefix: "site" } };
    const first = await checked(news);
    expect(first.certificateName).toMatch(/^site-[a-z0-9]{6}$/);
    expect((await checked(news, first)).certificateName).toBe(first.certificateName);
    const { failures } = await ctx.host.check(first, { ...news, certificateName: "renamed" });
    expect(failures[0]?.reason).toMatch(/NCP documents no rename.*NCP refuses \(both are unique\)/);
    // Delete-first makes it possible; with a renewed certificate it is a plain replacement.
    await checked({ ...news, certificateName: "renamed", __internal: { deleteBeforeReplace: true } }, first);
    const renewed = await externalPems();
    await checked({ ...parts(renewed), certificateName: "renamed" }, first);
  });

  it("passes unknown PEMs (a certificate another resource computes) through preview untouched", async () => {
    const { inputs, failures } = await ctx.host.check(
      {},
      parts(pems, { certificatePem: UNKNOWN, certificateName: "ok-name" }),
    );
    expect(failures).toEqual([]);
    expect(inputs.certificatePem).toBe(UNKNOWN);
  });
});

describe("lifecycle", () => {
  it("takes one pemBundle, split the way the NHN data source splits files; the same files as parts are no upload", async () => {
    const p = await externalPems({ commonName: "bundle.example" });
    const bundle = p.privateKeyPem + p.chainPem + p.certificatePem; // any order
    const made = await create({ __provider: provider, certificateName: "ext-bundle", pemBundle: bundle });
    expect(made.properties.domains).toEqual(["bundle.example", "www.bundle.example"]);
    const [listed] = await client.findCertificatesByName("ext-bundle");
    expect(listed.certificateNo).toBe(Number(made.id));
    const asParts = await checked(parts(p, { certificateName: "ext-bundle" }), made.inputs);
    await ctx.emulator.control.clearRequests();
    await ctx.host.update(made.id, made.properties, asParts);
    expect(await ctx.emulator.control.requests({ operation: "registerExternalCertificate" })).toEqual([]);
  });

  it("uploads once; a renewal keeps the number; text changes that keep the files are no change", async () => {
    const first = await create(parts(pems, { certificateName: "ext-life" }));
    const no = Number(first.id);
    expect(first.properties).toMatchObject({
      certificateNo: no,
      certificateName: "ext-life",
      statusCode: "1",
      domains: ["example.com", "www.example.com"],
    });
    expect(first.properties.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    // The same files as a bundle, or with CRLF: nothing to upload.
    const crlf = { ...first.inputs, certificatePem: pems.certificatePem.replace(/\n/g, "\r\n") };
    const same = await ctx.host.diff(first.id, first.properties, await checked(crlf, first.inputs));
    expect(same.replaces).toEqual([]);
    await ctx.emulator.control.clearRequests();
    await ctx.host.update(first.id, first.properties, await checked(crlf, first.inputs));
    expect((await ctx.emulator.control.requests({ operation: "registerExternalCertificate" })).length).toBe(0);

    const renewed = await externalPems();
    const news = await checked(parts(renewed, { certificateName: "ext-life" }), first.inputs);
    expect(news.certificateNo).toBe(no); // carried in the inputs, so preview shows dependants' reference unchanged
    const d = await ctx.host.diff(first.id, first.properties, news);
    expect([d.changes, d.replaces]).toEqual(["some", []]);
    expect(ctx.host.stdout).toContain(
      `ncloud.ExternalCertificate "ext-life" (${no}): renewed in place: NCP keeps certificate number ${no}`,
    );
    const outs = await ctx.host.update(first.id, first.properties, news);
    expect(outs.certificateNo).toBe(no);
    expect(outs.serialNumber).not.toBe(first.properties.serialNumber);
    const [listed] = await client.findCertificatesByName("ext-life");
    expect([listed.certificateNo, listed.serialNumber]).toEqual([no, outs.serialNumber]);
    noKeyInClear(ctx.host.stdout, ctx.host.stderr);
  });

  it("says in words what changed in the console: renamed, replaced, deleted; up puts the program's certificate back", async () => {
    const p = await externalPems({ commonName: "drift.example" });
    const made = await create(parts(p, { certificateName: "ext-drift" }));
    const no = Number(made.id);
    await ctx.emulator.control.ncloud.rename(no, "ext-console");
    let read = await ctx.host.read(made.id, made.properties, made.inputs);
    expect(read.properties.observed).toEqual({ certificateName: "ext-console" });
    expect(read.inputs?.certificateName).toBe("ext-drift");
    expect(ctx.host.stdout).toContain('renamed "ext-drift" → "ext-console" in NCP');

    const other = await externalPems({ commonName: "drift.example" });
    await client.registerExternalCertificate({
      certificateName: "ext-console",
      certificateNo: no,
      privateKey: other.privateKeyPem,
      certificateBody: other.certificatePem,
      certificateChain: other.chainPem,
    });
    read = await ctx.host.read(made.id, read.properties, read.inputs);
    expect((read.properties.observed as Props).fingerprintSha256).not.toBe(made.properties.fingerprintSha256);
    expect(ctx.host.stdout).toMatch(
      /replaced in NCP: it now holds serial [0-9A-F]+ .*the next `pulumi up` uploads the program's certificate again under the same number/,
    );
    const d = await ctx.host.diff(made.id, read.properties, made.inputs);
    expect([d.changes, d.replaces]).toEqual(["some", []]);
    const restored = await ctx.host.update(made.id, read.properties, made.inputs);
    expect(restored.observed).toEqual({ certificateName: "ext-console" });
    const [listed] = await client.findCertificatesByName("ext-console");
    expect(listed.serialNumber).toBe(made.properties.serialNumber);

    await ctx.emulator.control.ncloud.delete(no);
    read = await ctx.host.read(made.id, restored, made.inputs);
    expect(read.id).toBe("");
    expect(ctx.host.stdout).toContain("no longer exists in NCP (deleted in the console or outside Pulumi)");
  });

  it("delete waits while a load balancer uses the certificate, then names it; deletes once detached", async () => {
    const p = await externalPems({ commonName: "lb.example" });
    const made = await create(parts(p, { certificateName: "ext-lb", deleteInUseTimeoutMinutes: 0 }));
    await ctx.emulator.control.ncloud.markInUse(Number(made.id), ["lb-listener-7"]);
    const err = await failure(ctx.host.delete(made.id, made.properties));
    expect(err.message).toMatch(/still used by lb-listener-7.*Detach it first/);
    await ctx.emulator.control.ncloud.clearInUse(Number(made.id));
    await ctx.host.delete(made.id, made.properties);
    expect(await uploadsOf("ext-lb")).toBe(0);
  });
});

describe("faults", () => {
  it("an upload whose answer is lost is looked up by name, never sent twice", async () => {
    const p = await externalPems({ commonName: "lost.example" });
    await ctx.emulator.control.clearRequests();
    await ctx.emulator.control.addFault({ kind: "resetAfterCommit", operation: "registerExternalCertificate" });
    const made = await create(parts(p, { certificateName: "ext-lost" }));
    expect(await uploadsOf("ext-lost")).toBe(1);
    expect((await ctx.emulator.control.requests({ operation: "registerExternalCertificate" })).length).toBe(1);
    expect(made.properties.certificateName).toBe("ext-lost");

    // Refused before it was processed (503): the look-up finds nothing and the upload is sent again.
    const q = await externalPems({ commonName: "retry.example" });
    await ctx.emulator.control.addFault({ kind: "status", status: 503, operation: "registerExternalCertificate" });
    await create(parts(q, { certificateName: "ext-retry" }));
    expect(await uploadsOf("ext-retry")).toBe(1);
  });

  it("when no look-up can tell, the stack records the upload by name and the next up resolves it", async () => {
    const p = await externalPems({ commonName: "unsure.example" });
    await ctx.emulator.control.addFault({ kind: "resetAfterCommit", operation: "registerExternalCertificate" });
    // The look-up before the upload passes; every one after it fails.
    await ctx.emulator.control.addFault({ kind: "status", status: 503, operation: "certificates", times: 0, skip: 1 });
    const inputs = await checked(parts(p, { certificateName: "ext-unsure" }));
    const err = (await failure(ctx.host.create(inputs))) as HostError;
    await ctx.emulator.control.clearFaults();
    expect(err.initFailure?.id).toBe("unconfirmed-upload-ext-unsure");
    noKeyInClear(err.message, err.initFailure?.reasons);
    const state = err.initFailure?.properties as Props;
    expect((await ctx.host.diff(err.initFailure?.id as string, state, inputs)).changes).toBe("some");
    const outs = await ctx.host.update(err.initFailure?.id as string, state, inputs);
    expect(outs.registrationUnconfirmed).toBeUndefined();
    expect(await uploadsOf("ext-unsure")).toBe(1);
  });

  it("a renewal whose answer is lost keeps the number; a failed one is planned again", async () => {
    const p = await externalPems({ commonName: "renew-fault.example" });
    const made = await create(parts(p, { certificateName: "ext-rf" }));
    const renewed = await externalPems({ commonName: "renew-fault.example" });
    const news = await checked(parts(renewed, { certificateName: "ext-rf" }), made.inputs);
    await ctx.emulator.control.addFault({ kind: "resetAfterCommit", operation: "registerExternalCertificate" });
    const outs = await ctx.host.update(made.id, made.properties, news);
    expect(outs.certificateNo).toBe(Number(made.id));
    expect(await uploadsOf("ext-rf")).toBe(1);

    const third = await externalPems({ commonName: "renew-fault.example" });
    const again = await checked(parts(third, { certificateName: "ext-rf" }), news);
    await ctx.emulator.control.addFault({
      kind: "status",
      status: 400,
      operation: "registerExternalCertificate",
      errorCode: "100",
    });
    const err = (await failure(ctx.host.update(made.id, outs, again))) as HostError;
    expect(err.initFailure?.reasons[0]).toMatch(
      /renewing certificate \d+ \("ext-rf"\) failed: .*the next `pulumi up` tries again/,
    );
    const recorded = err.initFailure?.properties as Props;
    expect(recorded.serialNumber).toBe(outs.serialNumber); // the old files: the renewal is planned again
    expect((await ctx.host.diff(made.id, recorded, again)).changes).toBe("some");
  });

  it("a delete whose answer is lost is done when NCP no longer lists the certificate", async () => {
    const p = await externalPems({ commonName: "del.example" });
    const made = await create(parts(p, { certificateName: "ext-del" }));
    await ctx.emulator.control.addFault({ kind: "resetAfterCommit", operation: "deleteCertificate" });
    await ctx.host.delete(made.id, made.properties);
    expect(await uploadsOf("ext-del")).toBe(0);
  });

  it("never says the key in clear", () => {
    noKeyInClear(ctx.host.stdout, ctx.host.stderr);
  });
});
