/**
 * The NHN Cloud Certificate Manager emulator, driven with plain fetch (the production client is tested separately):
 * list paging per version, downloads by name and id, every documented failure code, v1.1 headers, the v1.3 token
 * flow, the fixed sample set (judged by openssl), seeding at scale, and a state file shared by two emulators.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type NhnCertificateState, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { splitPemBlocks } from "../../provider/shared/pem";
import { openssl, runOpenssl, TempDir } from "../crypto/openssl";

let emulator: RunningEmulator;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cmkr-nhn-"));

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.control.clearFaults();
  await emulator.control.setClockOffset(0);
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Envelope {
  header: { resultCode: number; resultMessage: string; isSuccessful: boolean };
  body: Record<string, unknown>;
}

interface ListBody {
  totalCount: number;
  totalPage: number;
  currentPage: number;
  pageSize: number;
  data: Record<string, unknown>[];
}

const FIXED_NAMES = [
  "www.example.com",
  "api.example.com",
  "shop.example.co.kr",
  "ec.example.com",
  "secure.example.com",
  "legacy.example.net",
  "pkcs12-export.example.com",
  "*.example.com",
  "예시-인증서",
  "old.example.com",
  "soon.example.com",
  "multi_san_cert",
  "no-file.example.com",
  "dup-files.example.com",
  "big-bundle.example.com",
];

function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

async function createToken(
  em: RunningEmulator,
  id = em.nhncloud.userAccessKeyId,
  secret = em.nhncloud.secretAccessKey,
  body = "grant_type=client_credentials",
): Promise<Response> {
  return fetch(`${em.url}/oauth2/token/create`, {
    method: "POST",
    headers: { authorization: basicAuth(id, secret), "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

async function token(em: RunningEmulator = emulator): Promise<string> {
  const res = await createToken(em);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The credentials each version needs (v1.0/v1.2: none beyond the appkey). */
async function authHeaders(version: number, em: RunningEmulator = emulator): Promise<Record<string, string>> {
  if (version === 1) {
    return {
      "X-TC-AUTHENTICATION-ID": em.nhncloud.userAccessKeyId,
      "X-TC-AUTHENTICATION-SECRET": em.nhncloud.secretAccessKey,
    };
  }
  if (version === 3) return { "X-NHN-AUTHORIZATION": `Bearer ${await token(em)}` };
  return {};
}

function base(version: number, appKey = emulator.nhncloud.appKey, em: RunningEmulator = emulator): string {
  return `${em.url}/certmanager/v1.${version}/appkeys/${encodeURIComponent(appKey)}`;
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Envelope }> {
  const res = await fetch(url, { headers });
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: res.status, json: (await res.json()) as Envelope };
}

async function list(
  version: number,
  query = "",
  opts: { appKey?: string; headers?: Record<string, string>; em?: RunningEmulator } = {},
): Promise<ListBody> {
  const em = opts.em ?? emulator;
  const headers = opts.headers ?? (await authHeaders(version, em));
  const { status, json } = await getJson(`${base(version, opts.appKey, em)}/certificates${query}`, headers);
  expect(status).toBe(200);
  expect(json.header).toEqual({ resultCode: 0, resultMessage: "SUCCESS", isSuccessful: true });
  return json.body as unknown as ListBody;
}

async function download(
  version: number,
  encodedName: string,
  headers: Record<string, string> = {},
  em: RunningEmulator = emulator,
): Promise<Response> {
  return fetch(`${base(version, undefined, em)}/certificates/${encodedName}/files`, { headers });
}

async function expectFailure(res: Response, httpStatus: number, resultCode: number, message?: string | RegExp) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const json = (await res.json()) as Envelope;
  expect([res.status, json.header.resultCode, json.header.isSuccessful]).toEqual([httpStatus, resultCode, false]);
  expect(json.body).toEqual({});
  if (message !== undefined) expect(json.header.resultMessage).toMatch(message);
  return json;
}

async function fixedRecords(): Promise<NhnCertificateState[]> {
  return emulator.control.nhncloud.listCertificates();
}

describe("lazy world", () => {
  it("creates nothing NHN-side for NCP use, and the fixed set only on first certificate access", async () => {
    const em = await startEmulator();
    try {
      const state = async () =>
        (
          (await (await fetch(`${em.url}/__emulator/state`)).json()) as {
            apis: Record<string, { fixedSetAtMs?: number }>;
          }
        ).apis.nhncloud;
      const ncp = new NcloudCertificateManagerClient({ credentials: em.ncloudCredentials, endpoint: em.url });
      await ncp.listCertificates();
      expect(await state()).toBeUndefined();
      await token(em); // the token call needs the keys, not the certificates
      expect((await state())?.fixedSetAtMs).toBeUndefined();
      const started = Date.now();
      const page = await list(2, "?status=ALL&pageSize=100", { em });
      console.log(`NHN fixed set generated on first list in ${Date.now() - started} ms`);
      expect(page.totalCount).toBe(FIXED_NAMES.length);
      expect((await state())?.fixedSetAtMs).toBeTypeOf("number");
    } finally {
      await em.close();
    }
  });
});

describe("list", () => {
  it.each([0, 1, 2, 3])("v1.%i: defaults (pageSize 10, pageNum 1, UNEXPIRED) and the version's fields", async (v) => {
    const page = await list(v);
    // Everything but the expired entry; the file-less entry has no expiry, so it counts as unexpired.
    expect(page).toMatchObject({ totalCount: FIXED_NAMES.length - 1, totalPage: 2, currentPage: 1, pageSize: 10 });
    expect(page.data).toHaveLength(10);
    const keys = Object.keys(page.data[0]);
    const expected = ["certificateName", "authority", "signatureAlgorithm", "fileCreationDate", "expirationDate"];
    if (v >= 2) expected.splice(2, 0, "domains");
    if (v === 3) expected.unshift("certificateId");
    expect(keys).toEqual(expected);
    const www = page.data[0];
    expect(www.certificateName).toBe("www.example.com");
    expect(www.signatureAlgorithm).toBe("SHA256withRSA");
    expect(www.authority).toBe("pulumi-certmanager-kr emulator");
    expect(www.expirationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (v >= 2) expect(www.domains).toEqual(["www.example.com", "example.com"]);
    if (v === 3) expect(www.certificateId).toBe(1);
  });

  it("pages in insertion order with totalPage = ceil(totalCount / pageSize); past the end is empty", async () => {
    const names: unknown[] = [];
    for (let p = 1; p <= 4; p++) {
      const page = await list(2, `?status=ALL&pageSize=4&pageNum=${p}`);
      expect(page).toMatchObject({ totalCount: 15, totalPage: 4, currentPage: p, pageSize: 4 });
      names.push(...page.data.map((d) => d.certificateName));
    }
    expect(names).toEqual(FIXED_NAMES);
    expect((await fixedRecords()).slice(0, 15).map((r) => r.certificateName)).toEqual(FIXED_NAMES);
    const past = await list(2, "?status=ALL&pageSize=4&pageNum=9");
    expect(past).toMatchObject({ totalCount: 15, totalPage: 4, currentPage: 9, data: [] });
  });

  it("filters by status case-insensitively against the emulator clock; `all` is accepted and ignored", async () => {
    for (const s of ["EXPIRED", "expired", "Expired"]) {
      const page = await list(0, `?status=${s}`);
      expect(page.data.map((d) => d.certificateName)).toEqual(["old.example.com"]);
    }
    const all = await list(0, "?status=all&pageSize=50");
    expect(all.totalCount).toBe(15);
    const unexpired = await list(0, "?status=unexpired&pageSize=50");
    expect(unexpired.data.map((d) => d.certificateName)).not.toContain("old.example.com");
    expect(await list(0, "?status=ALL&pageSize=50&all=TRUE")).toEqual(all);
    expect(await list(0, "?status=ALL&pageSize=50&all=false")).toEqual(all);

    // Eleven days on, soon.example.com (10 days left) has expired too.
    await emulator.control.setClockOffset(11 * 86_400_000);
    const later = await list(0, "?status=EXPIRED");
    expect(later.data.map((d) => d.certificateName)).toEqual(["old.example.com", "soon.example.com"]);
  });

  it("answers bad paging or status values with an HTTP 400 envelope", async () => {
    for (const q of ["?pageSize=0", "?pageSize=ten", "?pageNum=-1", "?pageNum=1.5", "?status=VALID", "?all=yes"]) {
      const res = await fetch(`${base(0)}/certificates${q}`);
      await expectFailure(res, 400, 400);
    }
  });

  it("lists the file-less legacy entry with null file-derived fields", async () => {
    const page = await list(3, "?status=ALL&pageSize=15");
    const entry = page.data.find((d) => d.certificateName === "no-file.example.com");
    expect(entry).toMatchObject({
      authority: null,
      domains: [],
      signatureAlgorithm: null,
      fileCreationDate: null,
      expirationDate: null,
    });
  });
});

describe("download", () => {
  it("returns the documented shape as application/octet-stream with the uploaded file name", async () => {
    for (const v of [0, 1, 2, 3]) {
      const res = await download(v, "www.example.com", await authHeaders(v));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="www.example.com.pem"');
      const labels = splitPemBlocks(await res.text()).map((b) => b.label);
      expect(labels).toEqual(["CERTIFICATE", "CERTIFICATE", "RSA PRIVATE KEY"]);
    }
  });

  it("decodes `*` and `%2A` alike, and Korean names percent-encoded as UTF-8", async () => {
    const star = await download(2, "*.example.com");
    const encoded = await download(2, "%2A.example.com");
    const viaEncodeUri = await download(2, encodeURIComponent("*.example.com"));
    expect([star.status, encoded.status, viaEncodeUri.status]).toEqual([200, 200, 200]);
    const [a, b, c] = await Promise.all([star.text(), encoded.text(), viaEncodeUri.text()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(star.headers.get("content-disposition")).toBe('attachment; filename="STAR_example_com.pem"');

    const korean = await download(2, encodeURIComponent("예시-인증서"));
    expect(korean.status).toBe(200);
    expect(korean.headers.get("content-disposition")).toBe(
      `attachment; filename="_-_.pem"; filename*=UTF-8''${encodeURIComponent("예시-인증서.pem")}`,
    );
    expect(await korean.text()).toContain("-----BEGIN PRIVATE KEY-----");
  });

  it("sends the stored bytes unchanged (CRLF, Bag Attributes and all)", async () => {
    const record = (await fixedRecords()).find((r) => r.certificateName === "pkcs12-export.example.com");
    const res = await download(0, "pkcs12-export.example.com");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(Buffer.from(record?.file ?? "", "base64"))).toBe(true);
    const text = bytes.toString("utf8");
    expect(text).toContain("Bag Attributes\r\n    friendlyName: pkcs12-export.example.com\r\n    localKeyID: ");
    expect(text).toContain("\r\nsubject=CN = pkcs12-export.example.com\r\n");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("v1.3 downloads by certificateId, with the same bytes as by name", async () => {
    const headers = await authHeaders(3);
    const page = await list(3, "?status=ALL&pageSize=15", { headers });
    const shop = page.data.find((d) => d.certificateName === "shop.example.co.kr");
    const byId = await fetch(`${base(3)}/certificates/${shop?.certificateId}/certificate-files`, { headers });
    expect(byId.status).toBe(200);
    expect(byId.headers.get("content-disposition")).toBe('attachment; filename="shop.example.co.kr.pem"');
    const byName = await download(3, "shop.example.co.kr", headers);
    expect(await byId.text()).toBe(await byName.text());
  });

  it("answers each documented failure code", async () => {
    await expectFailure(await download(2, "nope.example.com"), 200, 52000, "Certificate name does not exist.");
    await expectFailure(await download(2, "%E0%A4%A"), 200, 52000);
    await expectFailure(await download(2, "no-file.example.com"), 200, 52001, "Certificate file does not exist.");
    await expectFailure(
      await download(2, "dup-files.example.com"),
      200,
      52002,
      "There are more than one certificate file.",
    );
    await expectFailure(await download(2, "old.example.com"), 200, 52005, "Certificate file has expired");
    const big = (await fixedRecords()).find((r) => r.certificateName === "big-bundle.example.com");
    const size = Buffer.from(big?.file ?? "", "base64").length;
    expect(size).toBeGreaterThan(524_288);
    await expectFailure(
      await download(2, "big-bundle.example.com"),
      200,
      52008,
      `Maximum permitted size is 524288 bytes. But, requested ${size} bytes.`,
    );
    const headers = await authHeaders(3);
    for (const id of ["999999", "abc"]) {
      const res = await fetch(`${base(3)}/certificates/${id}/certificate-files`, { headers });
      await expectFailure(res, 404, 52009, "Certificate id does not exist.");
    }
    // Download by id exists only on v1.3.
    await expectFailure(await fetch(`${base(2)}/certificates/1/certificate-files`), 404, 404);
  });
});

describe("authentication", () => {
  it("refuses an unknown appkey on every version", async () => {
    for (const v of [0, 1, 2, 3]) {
      const res = await fetch(`${base(v, "NOT-AN-APPKEY")}/certificates`, { headers: await authHeaders(v) });
      await expectFailure(res, 401, -6, "Unauthorized appkey.");
      const dl = await fetch(`${base(v, "NOT-AN-APPKEY")}/certificates/www.example.com/files`, {
        headers: await authHeaders(v),
      });
      await expectFailure(dl, 401, -6);
    }
  });

  it("v1.1 needs both X-TC-AUTHENTICATION headers of a registered User Access Key", async () => {
    const { userAccessKeyId: id, secretAccessKey: secret } = emulator.nhncloud;
    const url = `${base(1)}/certificates`;
    await expectFailure(await fetch(url), 401, -6);
    await expectFailure(await fetch(url, { headers: { "X-TC-AUTHENTICATION-ID": id } }), 401, -6);
    const wrong = { "X-TC-AUTHENTICATION-ID": id, "X-TC-AUTHENTICATION-SECRET": "wrong" };
    await expectFailure(await fetch(url, { headers: wrong }), 401, -6);
    const good = { "x-tc-authentication-id": id, "x-tc-authentication-secret": secret };
    expect((await fetch(url, { headers: good })).status).toBe(200);
    // v1.0 and v1.2 need nothing but the appkey.
    expect((await fetch(`${base(0)}/certificates`)).status).toBe(200);
    expect((await fetch(`${base(2)}/certificates`)).status).toBe(200);
  });

  it("issues opaque tokens (RFC 6749 client credentials) and v1.3 accepts them until they expire", async () => {
    const res = await createToken(emulator);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(86_400);
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    const url = `${base(3)}/certificates`;
    for (const name of ["X-NHN-AUTHORIZATION", "X-NHN-Authorization", "x-nhn-authorization"]) {
      expect((await fetch(url, { headers: { [name]: `Bearer ${body.access_token}` } })).status).toBe(200);
    }
    await expectFailure(await fetch(url), 401, 80007, "Expired or nonexistent token.");
    await expectFailure(await fetch(url, { headers: { "X-NHN-AUTHORIZATION": "Bearer made-up" } }), 401, 80007);
    await expectFailure(await fetch(url, { headers: { "X-NHN-AUTHORIZATION": body.access_token } }), 401, 80007);

    await emulator.control.setClockOffset(86_400_000 + 1000);
    await expectFailure(
      await fetch(url, { headers: { "X-NHN-AUTHORIZATION": `Bearer ${body.access_token}` } }),
      401,
      80007,
    );
    await emulator.control.setClockOffset(86_000_000);
    expect((await fetch(url, { headers: { "X-NHN-AUTHORIZATION": `Bearer ${body.access_token}` } })).status).toBe(200);
  });

  it("honours a per-key token TTL and revocation", async () => {
    await emulator.control.nhncloud.addUserAccessKey({
      userAccessKeyId: "SHORT-TTL-KEY",
      secretAccessKey: "short-secret",
      tokenTtlSeconds: 60,
    });
    const res = await createToken(emulator, "SHORT-TTL-KEY", "short-secret");
    const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(60);
    const headers = { "X-NHN-AUTHORIZATION": `Bearer ${access_token}` };
    const url = `${base(3)}/certificates`;
    expect((await fetch(url, { headers })).status).toBe(200);
    await emulator.control.setClockOffset(61_000);
    await expectFailure(await fetch(url, { headers }), 401, 80007);
    await emulator.control.setClockOffset(0);

    const other = await token();
    expect((await emulator.control.nhncloud.revokeTokens()).revoked).toBeGreaterThanOrEqual(2);
    await expectFailure(await fetch(url, { headers }), 401, 80007);
    await expectFailure(await fetch(url, { headers: { "X-NHN-AUTHORIZATION": `Bearer ${other}` } }), 401, 80007);
    // A new token works again.
    expect((await fetch(url, { headers: await authHeaders(3) })).status).toBe(200);

    await expect(
      emulator.control.nhncloud.addUserAccessKey({ userAccessKeyId: "X", secretAccessKey: "y", tokenTtlSeconds: 59 }),
    ).rejects.toThrow(/tokenTtlSeconds/);
  });

  it("revokes a single token through /oauth2/token/revoke", async () => {
    const t = await token();
    const { userAccessKeyId: id, secretAccessKey: secret } = emulator.nhncloud;
    const res = await fetch(`${emulator.url}/oauth2/token/revoke`, {
      method: "POST",
      headers: { authorization: basicAuth(id, secret), "content-type": "application/x-www-form-urlencoded" },
      body: `token=${encodeURIComponent(t)}`,
    });
    expect(res.status).toBe(200);
    const headers = { "X-NHN-AUTHORIZATION": `Bearer ${t}` };
    await expectFailure(await fetch(`${base(3)}/certificates`, { headers }), 401, 80007);
  });

  it("answers token-call mistakes as RFC 6749 §5.2 errors", async () => {
    const badSecret = await createToken(emulator, emulator.nhncloud.userAccessKeyId, "wrong");
    expect(badSecret.status).toBe(401);
    expect(badSecret.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await badSecret.json()).toEqual({ error: "invalid_client" });
    const noAuth = await fetch(`${emulator.url}/oauth2/token/create`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect([noAuth.status, await noAuth.json()]).toEqual([401, { error: "invalid_client" }]);
    const wrongGrant = await createToken(emulator, undefined, undefined, "grant_type=password");
    expect([wrongGrant.status, await wrongGrant.json()]).toEqual([400, { error: "unsupported_grant_type" }]);
    const noGrant = await createToken(emulator, undefined, undefined, "");
    expect([noGrant.status, await noGrant.json()]).toEqual([400, { error: "invalid_request" }]);
  });
});

describe("request log and faults", () => {
  it("logs the NHN operations under their names", async () => {
    await emulator.control.clearRequests();
    const headers = await authHeaders(3);
    await list(3, "", { headers });
    await download(3, "www.example.com", headers);
    await fetch(`${base(3)}/certificates/1/certificate-files`, { headers });
    const ops = (await emulator.control.requests({ api: "nhncloud" })).map((r) => r.operation);
    expect(ops).toEqual(["createToken", "listCertificates", "downloadCertificateFile", "downloadCertificateFileById"]);
  });

  it("answers injected 429/5xx with an NHN envelope whose resultCode is the HTTP status", async () => {
    await emulator.control.addFault({ kind: "status", api: "nhncloud", status: 503 });
    await expectFailure(await fetch(`${base(0)}/certificates`), 503, 503, "Service Unavailable");
    await emulator.control.addFault({ kind: "rateLimit", api: "nhncloud", operation: "downloadCertificateFile" });
    const res = await download(0, "www.example.com");
    expect(res.headers.get("retry-after")).toBe("1");
    await expectFailure(res, 429, 429, "Too Many Requests");
    expect((await download(0, "www.example.com")).status).toBe(200);
  });
});

/** Splits a file into certificate blocks (any order) and finds the leaf as openssl sees them. */
function opensslView(dir: TempDir, tag: string, file: string) {
  const certs = splitPemBlocks(file)
    .filter((b) => b.label === "CERTIFICATE")
    .map((b, i) => {
      const p = dir.write(`${tag}-${i}.pem`, b.pem);
      const out = openssl(["x509", "-in", p, "-noout", "-subject", "-issuer", "-enddate", "-text"]);
      return { path: p, pem: b.pem, out, isCa: /CA:TRUE/.test(out), selfSigned: false };
    });
  for (const c of certs) {
    const subject = /^subject=(.*)$/m.exec(c.out)?.[1];
    const issuer = /^issuer=(.*)$/m.exec(c.out)?.[1];
    c.selfSigned = subject === issuer;
  }
  const leaf = certs.find((c) => !c.isCa);
  if (!leaf) throw new Error(`${tag}: no leaf certificate`);
  return { certs, leaf };
}

const OPENSSL_SIGNATURES: Record<string, string> = {
  sha256WithRSAEncryption: "SHA256withRSA",
  "ecdsa-with-SHA256": "SHA256withECDSA",
};

/** Checks a downloaded file with openssl: parses, chains to the root, and agrees with the list metadata. */
function judgeFile(dir: TempDir, tag: string, file: string, meta: NhnCertificateState, rootPem?: string) {
  const verifyChain = rootPem !== undefined;
  const { certs, leaf } = opensslView(dir, tag, file);
  const notAfter = new Date(/^notAfter=(.*)$/m.exec(leaf.out)?.[1] ?? "");
  expect(new Date(notAfter.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)).toBe(meta.expirationDate);
  const sig = /Signature Algorithm: (\S+)/.exec(leaf.out)?.[1] ?? "";
  expect(OPENSSL_SIGNATURES[sig]).toBe(meta.signatureAlgorithm);
  const san = /X509v3 Subject Alternative Name:.*\n\s*(.*)/.exec(leaf.out)?.[1] ?? "";
  const cn = /^subject=CN = (.*)$/m.exec(leaf.out)?.[1];
  const domains = [...new Set([cn, ...san.split(", ").map((s) => s.replace(/^DNS:/, ""))])];
  expect(domains).toEqual(meta.domains);
  expect(/^issuer=.*O = ([^,]+)/m.exec(leaf.out)?.[1]).toBe(meta.authority);
  if (verifyChain) {
    const root = certs.find((c) => c.selfSigned);
    const intermediates = certs.filter((c) => c.isCa && !c.selfSigned);
    const rootPath = root?.path ?? dir.write(`${tag}-root.pem`, rootPem);
    const args = ["verify", "-CAfile", rootPath, ...intermediates.flatMap((c) => ["-untrusted", c.path]), leaf.path];
    expect(runOpenssl(args).stdout).toContain(": OK");
  }
  // The key, where readable, belongs to the leaf.
  const keyBlock = splitPemBlocks(file).find((b) => b.label.endsWith("PRIVATE KEY"));
  expect(keyBlock).toBeDefined();
  const key = crypto.createPrivateKey({
    key: keyBlock?.pem ?? "",
    passphrase: meta.passphrase,
  });
  expect(new crypto.X509Certificate(leaf.pem).checkPrivateKey(key)).toBe(true);
}

/** The emulator's root certificate, taken from api.example.com's file (which includes it). */
async function emulatorRoot(em: RunningEmulator = emulator): Promise<string> {
  const api = (await em.control.nhncloud.listCertificates()).find((r) => r.certificateName === "api.example.com");
  const blocks = splitPemBlocks(Buffer.from(api?.file ?? "", "base64").toString("utf8"));
  const root = blocks.filter((b) => b.label === "CERTIFICATE").map((b) => new crypto.X509Certificate(b.pem));
  const selfSigned = root.find((c) => c.subject === c.issuer);
  if (!selfSigned) throw new Error("api.example.com has no root certificate");
  return selfSigned.toString();
}

describe("fixed sample set", () => {
  it("has files that openssl accepts and that agree with the listed metadata", async () => {
    const dir = new TempDir();
    try {
      const records = (await fixedRecords()).filter((r) => FIXED_NAMES.includes(r.certificateName));
      expect(records.map((r) => r.certificateName)).toEqual(FIXED_NAMES);
      const root = await emulatorRoot();
      const algorithms = new Set<string | null>();
      for (const [i, meta] of records.entries()) {
        algorithms.add(meta.signatureAlgorithm);
        if (meta.fileCount === 0) continue;
        const file = Buffer.from(meta.file ?? "", "base64").toString("utf8");
        const expired = meta.certificateName === "old.example.com";
        judgeFile(dir, `fixed-${i}`, file, meta, expired ? undefined : root);
        if (meta.fileCount === 1 && !expired && file.length <= 524_288) {
          const res = await download(2, encodeURIComponent(meta.certificateName));
          expect(await res.text()).toBe(file);
        }
      }
      expect(algorithms).toEqual(new Set(["SHA256withRSA", "SHA256withECDSA", null]));
      const text = (name: string) =>
        Buffer.from(records.find((r) => r.certificateName === name)?.file ?? "", "base64").toString("utf8");
      expect(splitPemBlocks(text("shop.example.co.kr")).map((b) => b.label)).toEqual([
        "PRIVATE KEY",
        "CERTIFICATE",
        "CERTIFICATE",
        "CERTIFICATE",
      ]);
      expect(text("ec.example.com")).toContain("-----BEGIN EC PRIVATE KEY-----");
      expect(text("secure.example.com")).toContain("-----BEGIN ENCRYPTED PRIVATE KEY-----");
      expect(text("legacy.example.net")).toContain("Proc-Type: 4,ENCRYPTED");
      expect(text("www.example.com")).toContain("-----BEGIN RSA PRIVATE KEY-----");
    } finally {
      dir.remove();
    }
  });
});

describe("control uploads", () => {
  it("registers a given file byte for byte, derives its metadata, and replaces it keeping the id", async () => {
    const source = (await fixedRecords()).find((r) => r.certificateName === "www.example.com");
    const crlf = Buffer.from(source?.file ?? "", "base64")
      .toString("utf8")
      .replace(/\n/g, "\r\n");
    const added = await emulator.control.nhncloud.addCertificate({
      certificateName: "custom_upload",
      fileName: "my bundle.pem",
      content: crlf,
    });
    expect(added).toMatchObject({
      certificateName: "custom_upload",
      domains: source?.domains,
      expirationDate: source?.expirationDate,
      signatureAlgorithm: "SHA256withRSA",
      fileCount: 1,
    });
    const res = await download(2, "custom_upload");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="my bundle.pem"');
    expect(await res.text()).toBe(crlf);

    const replaced = await emulator.control.nhncloud.addCertificate({
      certificateName: "custom_upload",
      content: crlf,
      expirationDate: "2020-01-01",
    });
    expect(replaced.certificateId).toBe(added.certificateId);
    await expectFailure(await download(2, "custom_upload"), 200, 52005);
    const expired = await list(2, "?status=EXPIRED&pageSize=100");
    expect(expired.data.map((d) => d.certificateName)).toContain("custom_upload");

    await emulator.control.nhncloud.addCertificate({ certificateName: "custom-no-file" });
    await expectFailure(await download(2, "custom-no-file"), 200, 52001);
    await emulator.control.nhncloud.deleteCertificate("custom_upload");
    await emulator.control.nhncloud.deleteCertificate("custom-no-file");
    await expectFailure(await download(2, "custom_upload"), 200, 52000);
    await expect(emulator.control.nhncloud.addCertificate({ certificateName: "bad/name" })).rejects.toThrow(/400/);
  });
});

describe("seeding", () => {
  it("seeds 10,000 certificates fast and lists them in pages of 100 on v1.3", async () => {
    const appKey = "BENCH-APPKEY-0001";
    await emulator.control.nhncloud.addAppKey(appKey);
    const started = performance.now();
    const seeded = await emulator.control.nhncloud.seed({ appKey, count: 10_000 });
    const seedMs = performance.now() - started;
    console.log(`seeded 10,000 NHN certificates in ${seedMs.toFixed(0)} ms (server side ${seeded.elapsedMs} ms)`);
    expect(seeded).toMatchObject({ appKey, added: 10_000, totalCount: 10_000 });
    expect(seedMs).toBeLessThan(3000);

    const headers = await authHeaders(3);
    const listStarted = performance.now();
    const all: Record<string, unknown>[] = [];
    for (let p = 1; ; p++) {
      const page = await list(3, `?status=ALL&pageSize=100&pageNum=${p}`, { appKey, headers });
      expect(page).toMatchObject({ totalCount: 10_000, totalPage: 100, currentPage: p, pageSize: 100 });
      all.push(...page.data);
      if (p >= page.totalPage) break;
    }
    console.log(`listed 10,000 in 100 pages in ${(performance.now() - listStarted).toFixed(0)} ms`);
    expect(all).toHaveLength(10_000);
    expect(new Set(all.map((d) => d.certificateName)).size).toBe(10_000);
    expect(new Set(all.map((d) => d.certificateId)).size).toBe(10_000);

    const expired = (await list(3, "?status=EXPIRED&pageSize=1", { appKey, headers })).totalCount;
    const unexpired = (await list(3, "?status=UNEXPIRED&pageSize=1", { appKey, headers })).totalCount;
    expect(expired + unexpired).toBe(10_000);
    expect(expired / 10_000).toBeGreaterThan(0.05);
    expect(expired / 10_000).toBeLessThan(0.3);
    const names = all.map((d) => d.certificateName as string);
    expect(names.some((n) => /[가-힣]/.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith("*."))).toBe(true);
    expect(names.some((n) => n.includes("_"))).toBe(true);
    expect(new Set(all.map((d) => d.signatureAlgorithm))).toEqual(new Set(["SHA256withRSA", "SHA256withECDSA"]));
    expect(all.some((d) => (d.domains as string[]).some((x) => x.startsWith("xn--")))).toBe(true);
  });

  it("builds a seeded entry's file on first download, deterministically, and stores it", async () => {
    const appKey = "BENCH-APPKEY-0002";
    await emulator.control.nhncloud.addAppKey(appKey);
    await emulator.control.nhncloud.seed({ appKey, count: 60 });
    const records = await emulator.control.nhncloud.listCertificates(appKey);
    expect(records.every((r) => r.lazyFile === true && r.file === undefined)).toBe(true);
    const now = Date.now();
    const live = records.filter((r) => (r.notAfterMs ?? 0) > now);
    const dead = records.find((r) => (r.notAfterMs ?? 0) < now);
    const dir = new TempDir();
    const root = await emulatorRoot();
    try {
      for (const [i, meta] of live.slice(0, 25).entries()) {
        const url = `${base(2, appKey)}/certificates/${encodeURIComponent(meta.certificateName)}/files`;
        const first = await fetch(url);
        expect(first.status).toBe(200);
        expect(first.headers.get("content-disposition")).toContain("attachment; filename=");
        const text = await first.text();
        judgeFile(dir, `seeded-${i}`, text, meta, root);
        expect(await (await fetch(url)).text()).toBe(text);
      }
      if (dead) {
        const url = `${base(2, appKey)}/certificates/${encodeURIComponent(dead.certificateName)}/files`;
        await expectFailure(await fetch(url), 200, 52005);
      }
    } finally {
      dir.remove();
    }
    const after = await emulator.control.nhncloud.listCertificates(appKey);
    const built = after.filter((r) => r.file !== undefined);
    expect(built).toHaveLength(Math.min(25, live.length));
    expect(built.every((r) => r.lazyFile === undefined)).toBe(true);
  });
});

describe("state file", () => {
  it("lets two emulators share the NHN world: certificates, tokens and lazily built files", async () => {
    const stateFile = path.join(tmp, "nhn-shared.json");
    const a = await startEmulator({ stateFile });
    const b = await startEmulator({ stateFile });
    try {
      const seenByA = await list(2, "?status=ALL&pageSize=100", { em: a });
      const seenByB = await list(2, "?status=ALL&pageSize=100", { em: b });
      expect(seenByB).toEqual(seenByA);
      expect(seenByA.totalCount).toBe(FIXED_NAMES.length);

      const t = await token(a);
      const bearer = { "X-NHN-AUTHORIZATION": `Bearer ${t}` };
      expect((await fetch(`${base(3, undefined, b)}/certificates`, { headers: bearer })).status).toBe(200);

      await a.control.nhncloud.seed({ count: 40 });
      const records = await b.control.nhncloud.listCertificates();
      const target = records.find((r) => r.lazyFile && (r.notAfterMs ?? 0) > Date.now());
      expect(target).toBeDefined();
      const name = encodeURIComponent(target?.certificateName ?? "");
      const fromB = await (await download(3, name, bearer, b)).text();
      const fromA = await (await download(3, name, bearer, a)).text();
      expect(fromA).toBe(fromB);
      expect(fromA).toContain("BEGIN CERTIFICATE");

      await a.control.nhncloud.revokeTokens();
      await expectFailure(await fetch(`${base(3, undefined, b)}/certificates`, { headers: bearer }), 401, 80007);
      const persisted = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { apis: { nhncloud: { appKeys: object } } };
      expect(Object.keys(persisted.apis.nhncloud.appKeys)).toEqual(["EMULATOR-APPKEY"]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
