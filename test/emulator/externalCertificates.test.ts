/**
 * The emulator's RegisterExternalCertificate (withExternal) through the production client: the documented field
 * rules, uniqueness of name, key and certificate, in-place replacement by number, and the lists that show it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import type { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import type { ExternalCertificateUpload } from "../../provider/ncloud/api/certificateManagerTypes";
import { authHeaders } from "../../provider/ncloud/api/signature";
import { ApiError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { type ExternalPems, externalPems } from "../helpers/externalPems";
import { failure } from "../helpers/failure";
import { emulatorAndClient, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;
let pems: ExternalPems;

beforeAll(async () => {
  ({ emulator, client } = await emulatorAndClient({
    client: { retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, overallDeadlineMs: 0 } },
  }));
  pems = await externalPems();
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

const upload = (p: ExternalPems, name: string, more: Partial<ExternalCertificateUpload> = {}) => ({
  certificateName: name,
  privateKey: p.privateKeyPem,
  certificateBody: p.certificatePem,
  certificateChain: p.chainPem,
  ...more,
});

async function refusal(u: ExternalCertificateUpload): Promise<[number, string | undefined]> {
  const err = (await failure(client.registerExternalCertificate(u))) as ApiError;
  expect(err).toBeInstanceOf(ApiError);
  return [err.httpStatus, err.code];
}

describe("withExternal", () => {
  it("registers a certificate NCP then lists among all certificates, not among the Advanced ones", async () => {
    const entry = await client.registerExternalCertificate(upload(pems, "ext-one"));
    expect(entry?.certificateName).toBe("ext-one");
    expect(entry?.statusCode).toBe("1");
    expect(entry?.commonName).toBe("example.com");
    expect(entry?.issuer).toContain("external test Intermediate CA");
    const [listed] = await client.findCertificatesByName("ext-one");
    expect(listed.certificateNo).toBe(entry?.certificateNo);
    expect(await client.findPaidCertificatesByName("ext-one")).toEqual([]);
    const chain = await client.exportCertificateChain(listed.certificateNo);
    expect(chain.certificate.replace(/\r\n/g, "\n")).toBe(pems.certificatePem);
  });

  it("refuses what the docs refuse, with NCP's codes", async () => {
    const other = await externalPems({ commonName: "example.org" });
    const expired = await externalPems({
      commonName: "old.example",
      notBefore: new Date(Date.now() - 20 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    expect(await refusal(upload(pems, "1bad"))).toEqual([400, "2000"]);
    expect(await refusal(upload(pems, "ab"))).toEqual([400, "2000"]);
    expect(await refusal(upload(pems, "ok-name", { certificateChain: "" }))).toEqual([400, "2100"]);
    expect(await refusal(upload(pems, "ok-name", { certificateBody: "not pem" }))).toEqual([200, "1002"]);
    expect(await refusal(upload(pems, "ok-name", { privateKey: other.privateKeyPem }))).toEqual([200, "26040"]);
    expect(await refusal(upload(pems, "ok-name", { certificateChain: pems.certificatePem }))).toEqual([200, "26034"]);
    expect(await refusal(upload(expired, "ok-name"))).toEqual([200, "26034"]);
    // Unique: the name, the certificate and the key.
    expect(await refusal(upload(other, "ext-one"))).toEqual([400, "2100"]);
    expect(await refusal(upload(pems, "ext-two"))).toEqual([400, "2100"]);
    const sameKeyNewLeaf = await externalPems({ commonName: "example.net", privateKeyPem: pems.privateKeyPem });
    expect(await refusal(upload(sameKeyNewLeaf, "ext-two"))).toEqual([400, "2100"]);
    // The Advanced order call's rules are its own: an Advanced certificate cannot be replaced this way.
    const paid = await order(client, "paid-one");
    expect(await refusal(upload(other, "paid-one", { certificateNo: paid.certificateNo }))).toEqual([200, "26034"]);
  });

  it("refuses anything but PEM blocks of the field's own kind (1002), as the docs' \"PEM format\" rule says", async () => {
    const other = await externalPems({ commonName: "mixed.example" });
    const pem = "Unable to load certificate. Expecting PEM format file.";
    const cases: Partial<ExternalCertificateUpload>[] = [
      { privateKey: other.privateKeyPem + other.certificatePem }, // a key with its certificate appended
      { certificateChain: other.chainPem + other.privateKeyPem }, // a chain holding a key
      { certificateBody: other.certificatePem + other.privateKeyPem }, // a leaf holding a key
      { certificateBody: `subject=CN = mixed.example\n${other.certificatePem}` }, // text around the blocks
      { certificateChain: `${other.chainPem}trailing words\n` },
      { privateKey: `Bag Attributes\n${other.privateKeyPem}` },
    ];
    for (const more of cases) {
      const err = (await failure(client.registerExternalCertificate(upload(other, "ext-mixed", more)))) as ApiError;
      expect([err.httpStatus, err.code, err.apiMessage]).toEqual([200, "1002", pem]);
    }
    expect(await client.findCertificatesByName("ext-mixed")).toEqual([]);
  });

  it("replaces the files in place by number, keeping the number; the name must be the certificate's", async () => {
    const first = await externalPems({ commonName: "renew.example" });
    const renewed = await externalPems({ commonName: "renew.example" });
    const entry = await client.registerExternalCertificate(upload(first, "ext-renew"));
    const no = entry?.certificateNo as number;
    expect(await refusal(upload(renewed, "ext-other", { certificateNo: no }))).toEqual([200, "2200"]);
    const again = await client.registerExternalCertificate(upload(renewed, "ext-renew", { certificateNo: no }));
    expect(again?.certificateNo).toBe(no);
    const [listed] = await client.findCertificatesByName("ext-renew");
    expect(listed.certificateNo).toBe(no);
    expect(listed.serialNumber).not.toBe(entry?.serialNumber);
    // Deleted like any certificate; a load balancer using it blocks the delete (1004).
    await emulator.control.ncloud.markInUse(no);
    expect(((await failure(client.deleteCertificate(no, "ext-renew"))) as ApiError).code).toBe("1004");
    await emulator.control.ncloud.clearInUse(no);
    await client.deleteCertificate(no, "ext-renew");
    expect(await client.findCertificatesByName("ext-renew")).toEqual([]);
    // Once deleted, its certificate and key may be uploaded again.
    await client.registerExternalCertificate(upload(renewed, "ext-again"));
  });

  it("accepts the leaf under its v1 name publicKeyCertificate too (unknown #8)", async () => {
    const p = await externalPems({ commonName: "v1.example" });
    const path = "/api/v2/certificate/withExternal";
    const headers = {
      "content-type": "application/json",
      accept: "application/json",
      ...authHeaders({
        method: "POST",
        pathWithQuery: path,
        timestamp: String(Date.now()),
        ...emulator.ncloudCredentials,
      }),
    };
    const body = JSON.stringify({
      certificateName: "ext-v1",
      privateKey: p.privateKeyPem,
      publicKeyCertificate: p.certificatePem,
      certificateChain: p.chainPem,
    });
    const res = await fetch(`${emulator.url}${path}`, { method: "POST", headers, body });
    expect(((await res.json()) as { returnCode: string }).returnCode).toBe("0");
  });
});
