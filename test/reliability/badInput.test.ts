/**
 * The bad-input catalogue: distinct mistakes across the resource and the data sources, each refused with a
 * message that names the field, before any request reaches either API (the emulator's request log proves it).
 */
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { advancedCertificateV1 } from "../../provider/runtime";
import { closeSharedAgents } from "../../provider/shared/http";
import { openssl, TempDir } from "../crypto/openssl";
import { configureProviderFor } from "../helpers/ncloud";

const good = { certificateName: "site-2026", commonName: "example.com", dnsNames: ["www.example.com"] };

/** A CSR for the good names made by openssl, with SANs (`,`-prefixed) and extensions a CA would refuse. */
function opensslCsr(subject: string, san = "", addext: string[] = []): string {
  const key = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" });
  const dir = new TempDir();
  const keyFile = dir.write("key.pem", key as string);
  const ext = [`subjectAltName=DNS:example.com,DNS:www.example.com${san}`, ...addext].flatMap((e) => ["-addext", e]);
  return openssl(["req", "-new", "-key", keyFile, "-subj", subject, ...ext]);
}

/** An RSA key whose private exponent was damaged in copying: it still parses. */
function damagedRsaKey(): string {
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const d = Buffer.from(jwk.d as string, "base64url");
  d[20] ^= 1;
  const key = createPrivateKey({ key: { ...jwk, d: d.toString("base64url") }, format: "jwk" });
  return key.export({ type: "pkcs1", format: "pem" }) as string;
}
const otherCsr = `-----BEGIN CERTIFICATE REQUEST-----\nMIIBADCBpwIBADAUMRIwEAYDVQQDDAlvdGhlci5jb20wWTATBgcqhkjOPQIBBggq\n-----END CERTIFICATE REQUEST-----\n`;

/** [what is wrong, inputs to merge over a good certificate, the field the failure must name] */
const RESOURCE_CASES: [string, Record<string, unknown>, string][] = [
  ["missing certificateName", { certificateName: undefined }, "certificateName"],
  ["certificateName too short", { certificateName: "ab" }, "certificateName"],
  ["certificateName too long", { certificateName: "a23456789012345678901" }, "certificateName"],
  ["certificateName starts with a digit", { certificateName: "2026-site" }, "certificateName"],
  ["certificateName with an underscore", { certificateName: "site_2026" }, "certificateName"],
  ["unknown certificateType", { certificateType: "NCP_FREE_01" }, "certificateType"],
  ["missing commonName", { commonName: undefined }, "commonName"],
  ["commonName with a space", { commonName: "exa mple.com" }, "commonName"],
  ["commonName not fully qualified", { commonName: "intranet" }, "commonName"],
  ["commonName an IP address", { commonName: "192.0.2.1" }, "commonName"],
  ["wildcard on a public suffix", { commonName: "*.com" }, "commonName"],
  ["wildcard in the middle", { dnsNames: ["www.*.example.com"] }, "dnsNames"],
  ["label starting with a hyphen", { dnsNames: ["-www.example.com"] }, "dnsNames"],
  ["non-ASCII domain", { dnsNames: ["예시.com"] }, "dnsNames"],
  ["dnsNames not a list", { dnsNames: "www.example.com" }, "dnsNames"],
  ["email validation (retired)", { validationMethod: "E" }, "validationMethod"],
  ["unknown validationMethod", { validationMethod: "HTTP" }, "validationMethod"],
  ["OV without organizationNo", { certificateType: "NCP_PAID_OV_01" }, "organizationNo"],
  ["organizationNo on DV", { organizationNo: 34 }, "organizationNo"],
  ["negative organizationNo", { certificateType: "NCP_PAID_OV_01", organizationNo: -4 }, "organizationNo"],
  ["unknown key algorithm", { key: { algorithm: "DSA" } }, "key"],
  ["RSA 1024", { key: { algorithm: "RSA", rsaBits: 1024 } }, "key"],
  ["unsupported curve", { key: { algorithm: "ECDSA", ecdsaCurve: "P521" } }, "key"],
  ["rsaBits on ECDSA", { key: { algorithm: "ECDSA", rsaBits: 2048 } }, "key"],
  ["key together with csrPem", { key: { algorithm: "RSA" }, csrPem: otherCsr }, "key"],
  ["csrPem together with privateKeyPem", { csrPem: otherCsr, privateKeyPem: "x" }, "csrPem"],
  ["csrPem that does not parse", { csrPem: otherCsr }, "csrPem"],
  [
    "privateKeyPem that does not parse",
    { privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n" },
    "privateKeyPem",
  ],
  ["subject.country not two letters", { subject: { country: "Korea" } }, "subject"],
  ["unknown subject field", { subject: { department: "Ops" } }, "subject"],
  ["subject together with csrPem", { subject: { organization: "X" }, csrPem: otherCsr }, "subject"],
  ["waitForIssuance without timeout", { waitForIssuance: {} }, "waitForIssuance"],
  ["waitForIssuance over 24 h", { waitForIssuance: { timeoutMinutes: 2000 } }, "waitForIssuance"],
  ["autoRenewal not a boolean", { autoRenewal: "yes" }, "autoRenewal"],
  ["registerPrivateKey with a supplied CSR", { registerPrivateKey: true, csrPem: otherCsr }, "registerPrivateKey"],
  ["adoptCertificateNo not a whole number", { adoptCertificateNo: 12.5 }, "adoptCertificateNo"],
  ["deleteInUseTimeoutMinutes negative", { deleteInUseTimeoutMinutes: -1 }, "deleteInUseTimeoutMinutes"],
  ["renewBeforeDays as long as the lifetime", { renewBeforeDays: 200 }, "renewBeforeDays"],
  ["key.reuseOnRenewal not a boolean", { key: { algorithm: "RSA", reuseOnRenewal: "yes" } }, "key"],
  ["revokeOnDestroy with key compromise", { revokeOnDestroy: { reason: "keyCompromise" } }, "revokeOnDestroy"],
  ["dnsName, the API's spelling of dnsNames", { dnsName: ["www.example.com"] }, "dnsName"],
  ["privateKey instead of privateKeyPem", { privateKey: "-----BEGIN PRIVATE KEY-----" }, "privateKey"],
  ["misspelled nested key.rsaBitz", { key: { algorithm: "RSA", rsaBitz: 4096 } }, "key"],
  ["misspelled waitForIssuance.timeoutMinute", { waitForIssuance: { timeoutMinute: 30 } }, "waitForIssuance"],
  ["an input no resource has", { region: "KR" }, "region"],
  ["commonName over 64 characters", { commonName: `${"a".repeat(60)}.example.com` }, "commonName"],
  ["subject.organization over 64 characters", { subject: { organization: "O".repeat(65) } }, "subject"],
  ["subject.locality with a control character", { subject: { locality: "Seoul\u0007" } }, "subject"],
  ["non-ASCII subject.emailAddress", { subject: { emailAddress: "관리자@example.com" } }, "subject"],
  ["all-digit top-level label", { dnsNames: ["www.example.123"] }, "dnsNames"],
  ["bogus punycode label", { dnsNames: ["xn--zz.example.com"] }, "dnsNames"],
  ["damaged RSA private key", { privateKeyPem: damagedRsaKey() }, "privateKeyPem"],
  ["CSR with a second CN", { csrPem: opensslCsr("/CN=example.com/CN=evil.example.net") }, "csrPem"],
  ["CSR with an IP SAN", { csrPem: opensslCsr("/CN=example.com", ",IP:192.0.2.1") }, "csrPem"],
  ["CSR with an e-mail SAN", { csrPem: opensslCsr("/CN=example.com", ",email:a@example.com") }, "csrPem"],
  [
    "CSR asking for CA:TRUE",
    { csrPem: opensslCsr("/CN=example.com", "", ["basicConstraints=critical,CA:TRUE"]) },
    "csrPem",
  ],
  ["waitForIssuance under a minute", { waitForIssuance: { timeoutMinutes: 0.5 } }, "waitForIssuance"],
];

/** [what is wrong, the call, a pattern naming the argument] */
const DATA_SOURCE_CASES: [string, () => Promise<unknown>, RegExp][] = [
  ["status not ALL/EXPIRED/UNEXPIRED", () => getCertificates({ status: "VALID" as never }), /status/],
  ["pageSize zero", () => getCertificates({ pageSize: 0 }), /pageSize/],
  ["pageNum fractional", () => getCertificates({ pageNum: 1.5 }), /pageNum/],
  ["concurrency zero", () => getCertificates({ concurrency: 0 }), /concurrency/],
  ["domain not a DNS name", () => getCertificates({ domain: "not a domain" }), /domain/],
  ["file with neither name nor id", () => getCertificateFile({}), /certificateName or certificateId/],
  ["file with both name and id", () => getCertificateFile({ certificateName: "a", certificateId: 3 }), /exactly one/],
  ["file id not positive", () => getCertificateFile({ certificateId: -3 }), /certificateId/],
];

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  configureProviderFor(emulator);
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
  await emulator.control.clearRequests();
});

afterAll(async () => {
  configureProviderFor(undefined);
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
  await emulator.close();
  await closeSharedAgents();
});

describe("bad input catalogue", () => {
  it(`has at least 30 distinct cases (${RESOURCE_CASES.length} resource + ${DATA_SOURCE_CASES.length} data source)`, () => {
    expect(RESOURCE_CASES.length + DATA_SOURCE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(RESOURCE_CASES.map((c) => JSON.stringify(Object.entries(c[1])))).size).toBe(RESOURCE_CASES.length);
  });

  it.each(RESOURCE_CASES)("AdvancedCertificate: %s → a failure on %s", async (_what, overrides, field) => {
    const { failures } = await advancedCertificateV1.check({}, { ...good, ...overrides });
    const failure = failures.find((f) => f.property === field);
    expect(failure, JSON.stringify(failures)).toBeDefined();
    expect(failure?.reason).toMatch(new RegExp(field.replace(/^subject$/, "subject\\.?")));
    expect(failure?.reason.length).toBeGreaterThan(30); // says what to do, not just "invalid"
  });

  it.each(DATA_SOURCE_CASES)("data source: %s", async (_what, call, pattern) => {
    await expect(call()).rejects.toThrow(pattern);
  });

  it("an unknown field names the nearest known one; SDK-internal fields pass", async () => {
    const check = (extra: Record<string, unknown>) => advancedCertificateV1.check({}, { ...good, ...extra });
    const reason = async (extra: Record<string, unknown>) =>
      (await check(extra)).failures.map((f) => f.reason).join("; ");
    expect(await reason({ dnsName: ["www.example.com"] })).toMatch(/dnsName .*did you mean dnsNames\?/);
    expect(await reason({ privateKey: "x" })).toMatch(/privateKey .*did you mean privateKeyPem\?/);
    expect(await reason({ key: { algorithm: "RSA", rsaBitz: 4096 } })).toMatch(
      /key\.rsaBitz .*did you mean key\.rsaBits\?/,
    );
    expect(await reason({ subject: { organisation: "Example Co" } })).toMatch(/did you mean subject\.organization\?/);
    expect((await check({ __provider: "serialized", __internal: { retainOnDelete: true } })).failures).toEqual([]);
  });

  it("echoed values are cut to 80 characters with their length; a wrong type is named as such", async () => {
    const huge = "a".repeat(1 << 20);
    for (const extra of [
      { commonName: `${huge}.com` },
      { certificateName: huge },
      { dnsNames: [`${huge}.example.com`] },
      { certificateType: huge },
      { subject: { country: huge } },
    ]) {
      const { failures } = await advancedCertificateV1.check({}, { ...good, ...extra });
      expect(failures.length, JSON.stringify(extra).slice(0, 40)).toBeGreaterThan(0);
      for (const f of failures) {
        expect(f.reason.length).toBeLessThan(400);
        expect(f.reason).toMatch(/…" \(10\d{5} characters\)/);
      }
    }
    const { failures } = await advancedCertificateV1.check({}, { ...good, key: { algorithm: "RSA", rsaBits: "4096" } });
    expect(failures[0].reason).toMatch(/key\.rsaBits must be a number \(2048, 3072 or 4096\), not a string/);
  });

  it("no request reached either API", async () => {
    expect(await emulator.control.requests()).toEqual([]);
  });
});
