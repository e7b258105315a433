/**
 * nhncloud.getCertificates / getCertificateFile against the emulator over loopback: whole inventories across
 * pages, status filters, every file shape the emulator seeds, every documented failure, and v1.3 tokens.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { clearNhnTokenCache } from "../../provider/nhncloud/client";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { ApiError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { failure } from "../helpers/failure";

let emulator: RunningEmulator;
const ENV_KEYS = [
  "NHNCLOUD_CERTIFICATE_MANAGER_APPKEY",
  "NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
  "NHNCLOUD_USER_ACCESS_KEY_ID",
  "NHNCLOUD_USER_SECRET_ACCESS_KEY",
];

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
});
afterEach(async () => {
  delete process.env.NHNCLOUD_USER_ACCESS_KEY_ID;
  delete process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY;
  clearNhnTokenCache();
  await emulator.control.clearFaults();
});
afterAll(async () => {
  for (const k of ENV_KEYS) delete process.env[k];
  await emulator.close();
  await closeSharedAgents();
});

describe("getCertificates", () => {
  it("returns a 1,000+ entry inventory whole, in API order, across concurrent pages", async () => {
    const appKey = "INVENTORY-APPKEY";
    await emulator.control.nhncloud.addAppKey(appKey);
    await emulator.control.nhncloud.seed({ appKey, count: 1_234 });
    await emulator.control.clearRequests();
    const result = await getCertificates({ appKey, status: "ALL" });
    expect(result.totalCount).toBe(1_234);
    expect(result.certificates).toHaveLength(1_234);
    const raw = await emulator.control.nhncloud.listCertificates(appKey);
    expect(result.certificates.map((c) => c.certificateName)).toEqual(raw.map((c) => c.certificateName));
    const pages = await emulator.control.requests({ operation: "listCertificates" });
    expect(pages).toHaveLength(13 + 12); // 100 per page, then every page but the last again to confirm the read
  });

  it("filters by status, and by a domain its wildcards cover", async () => {
    const all = await getCertificates({ status: "ALL" });
    const expired = await getCertificates({ status: "expired" as never });
    const unexpired = await getCertificates({});
    expect(expired.certificates.map((c) => c.certificateName)).toContain("old.example.com");
    expect(unexpired.certificates.map((c) => c.certificateName)).not.toContain("old.example.com");
    expect(expired.totalCount + unexpired.totalCount).toBe(all.totalCount);
    expect(expired.certificates.every((c) => (c.daysUntilExpiry ?? 0) < 0)).toBe(true);
    const soon = unexpired.certificates.find((c) => c.certificateName === "soon.example.com");
    expect(soon?.daysUntilExpiry).toBeGreaterThanOrEqual(9);
    expect(soon?.daysUntilExpiry).toBeLessThanOrEqual(11);

    const covering = await getCertificates({ status: "ALL", domain: "blog.example.com" });
    expect(covering.certificates.map((c) => c.certificateName)).toContain("*.example.com");
    expect(
      covering.certificates.every((c) => c.domains.some((d) => d === "blog.example.com" || d === "*.example.com")),
    ).toBe(true);
  });

  it("reads one page when pageNum is given, passing pageSize through", async () => {
    const page = await getCertificates({ status: "ALL", pageNum: 2, pageSize: 5 });
    expect(page.certificates).toHaveLength(5);
    const all = await getCertificates({ status: "ALL" });
    expect(page.certificates.map((c) => c.certificateName)).toEqual(
      all.certificates.slice(5, 10).map((c) => c.certificateName),
    );
  });

  it("refuses bad arguments before any request", async () => {
    await emulator.control.clearRequests();
    await expect(getCertificates({ status: "SOME" as never })).rejects.toThrow(
      /status "SOME" is not one of ALL, EXPIRED, UNEXPIRED/,
    );
    await expect(getCertificates({ pageSize: 0 })).rejects.toThrow(/pageSize must be a whole number/);
    await expect(getCertificates({ domain: "bad domain" })).rejects.toThrow(/domain/);
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("a wrong appkey is a typed error with NHN's code and what to do", async () => {
    const err = (await failure(getCertificates({ appKey: "NOT-A-KEY" }))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.httpStatus, err.code]).toEqual([401, "-6"]);
    expect(err.message).toContain("appkey");
    expect(err.message).not.toContain("NOT-A-KEY"); // the appkey is a secret in the URL path
  });

  it("an HTML page or an empty body from a gateway is reported with its status", async () => {
    // Lasting faults: a one-off would be absorbed by the retries.
    await emulator.control.addFault({ kind: "html", api: "nhncloud", times: 0 });
    const html = (await failure(getCertificates({}))) as ApiError;
    expect([html.httpStatus, html.kind]).toEqual([502, "http"]);
    expect(html.details).toContain("502 Bad Gateway");
    await emulator.control.clearFaults();
    await emulator.control.addFault({ kind: "empty403", api: "nhncloud", times: 0 });
    const empty = (await failure(getCertificates({}))) as ApiError;
    expect([empty.httpStatus, empty.kind]).toEqual([403, "http"]);
    expect(empty.message).toContain("Check the appkey");
  });
});

describe("getCertificateFile", () => {
  it("splits the documented shape: leaf, intermediate, PKCS#1 key", async () => {
    const f = await getCertificateFile({ certificateName: "www.example.com" });
    expect(f.privateKeyType).toBe("pkcs1");
    expect(f.fileName).toBe("www.example.com.pem");
    const leaf = new X509Certificate(f.certificatePem);
    expect(leaf.checkPrivateKey(createPrivateKey(f.privateKeyPem as string))).toBe(true);
    expect(leaf.verify(new X509Certificate(f.chainPem).publicKey)).toBe(true);
    expect(f.fullChainPem).toBe(`${f.certificatePem}${f.chainPem}`);
    expect(f.domains).toContain("www.example.com");
    expect(f.notAfter).toBe(new Date(leaf.validTo).toISOString().replace(".000", ""));
    expect(f.fingerprintSha256).toBe(leaf.fingerprint256);
  });

  it.each(["api.example.com", "shop.example.co.kr", "ec.example.com", "pkcs12-export.example.com"])(
    "%s: leaf first, chain by issuer links, key type read right, root reported separately",
    async (name) => {
      const f = await getCertificateFile({ certificateName: name });
      // Independent expectations from the raw file: its key label and how many certificates it holds.
      const label = f.pem.match(/-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----/)?.[1];
      expect(f.privateKeyType).toBe(
        { "RSA PRIVATE KEY": "pkcs1", "PRIVATE KEY": "pkcs8", "EC PRIVATE KEY": "ec" }[label ?? ""],
      );
      const certCount = (f.pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
      expect(f.certificatePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
      const leaf = new X509Certificate(f.certificatePem);
      expect(leaf.ca).toBe(false);
      expect(leaf.checkPrivateKey(createPrivateKey(f.privateKeyPem as string))).toBe(true);
      const intermediate = new X509Certificate(f.chainPem);
      expect(leaf.verify(intermediate.publicKey)).toBe(true);
      expect(f.rootCertificatePem !== undefined).toBe(certCount === 3);
      if (f.rootCertificatePem)
        expect(intermediate.verify(new X509Certificate(f.rootCertificatePem).publicKey)).toBe(true);
      expect(f.chainPem).not.toContain("\r");
    },
  );

  it("keeps the file as downloaded in pem (CRLF and Bag Attributes included)", async () => {
    const f = await getCertificateFile({ certificateName: "pkcs12-export.example.com" });
    expect(f.pem).toContain("\r\n");
    expect(f.pem).toContain("Bag Attributes");
    expect(f.certificatePem).not.toContain("Bag Attributes");
  });

  it("encodes names with *, . and Korean letters", async () => {
    const wildcard = await getCertificateFile({ certificateName: "*.example.com" });
    expect(wildcard.domains).toContain("*.example.com");
    const korean = await getCertificateFile({ certificateName: "예시-인증서" });
    expect(korean.fileName).toMatch(/\.pem$/);
    expect(korean.fileName).toMatch(/[가-힣]/);
  });

  it("refuses an encrypted key with the fix, or returns it flagged when allowed", async () => {
    const err = await failure(getCertificateFile({ certificateName: "secure.example.com" }));
    expect(err.message).toMatch(/encrypted/i);
    expect(err.message).toContain("allowEncryptedKey");
    expect(err.message).not.toContain("PRIVATE KEY-----");
    const allowed = await getCertificateFile({ certificateName: "secure.example.com", allowEncryptedKey: true });
    expect([allowed.privateKeyEncrypted, allowed.privateKeyType]).toEqual([true, "encrypted-pkcs8"]);
    const legacy = await getCertificateFile({ certificateName: "legacy.example.net", allowEncryptedKey: true });
    expect(legacy.privateKeyType).toBe("encrypted-pkcs1");
  });

  it.each([
    ["no-such-name.example.com", "52000", /check certificateName/],
    ["no-file.example.com", "52001", /upload its PEM/],
    ["dup-files.example.com", "52002", /keep one/],
    ["old.example.com", "52005", /renewed certificate/],
    ["big-bundle.example.com", "52008", /512 KB/],
  ])("%s → result %s with NHN's message and what to do", async (name, code, hint) => {
    const err = (await failure(getCertificateFile({ certificateName: name }))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(code);
    expect(err.apiMessage?.length).toBeGreaterThan(5);
    expect(err.message).toMatch(hint);
  });

  it("needs exactly one of certificateName / certificateId", async () => {
    await expect(getCertificateFile({})).rejects.toThrow(/exactly one of certificateName or certificateId/);
    await expect(getCertificateFile({ certificateName: "a", certificateId: 1 })).rejects.toThrow(/exactly one/);
    await expect(getCertificateFile({ certificateId: 1 })).rejects.toThrow(/needs NHN API v1.3/);
  });
});

describe("API v1.3 with a User Access Key", () => {
  beforeAll(() => undefined);

  function useAccessKey() {
    process.env.NHNCLOUD_USER_ACCESS_KEY_ID = emulator.nhncloud.userAccessKeyId;
    process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = emulator.nhncloud.secretAccessKey;
  }

  it("fetches the token once and reuses it across calls", async () => {
    useAccessKey();
    await emulator.control.clearRequests();
    const list = await getCertificates({ status: "ALL" });
    await getCertificateFile({ certificateName: "www.example.com" });
    await Promise.all([getCertificates({}), getCertificates({ status: "EXPIRED" })]);
    expect(await emulator.control.requests({ operation: "createToken" })).toHaveLength(1);
    expect(list.certificates.every((c) => typeof c.certificateId === "number")).toBe(true);
  });

  it("downloads by certificateId; an unknown id is 52009", async () => {
    useAccessKey();
    const list = await getCertificates({ status: "ALL" });
    const www = list.certificates.find((c) => c.certificateName === "www.example.com");
    const byId = await getCertificateFile({ certificateId: www?.certificateId as number });
    expect(byId.domains).toContain("www.example.com");
    const err = (await failure(getCertificateFile({ certificateId: 999_999 }))) as ApiError;
    expect([err.httpStatus, err.code]).toEqual([404, "52009"]);
  });

  it.each(["80007", "52010", "plain401"] as const)(
    "gets a new token once when the old one was revoked (bad token answered %s)",
    async (badTokenAnswer) => {
      await emulator.control.nhncloud.settings({ badTokenAnswer });
      try {
        useAccessKey();
        await getCertificates({});
        await emulator.control.nhncloud.revokeTokens();
        await emulator.control.clearRequests();
        await getCertificates({});
        expect(await emulator.control.requests({ operation: "createToken" })).toHaveLength(1);
      } finally {
        await emulator.control.nhncloud.settings({ badTokenAnswer: "80007" });
      }
    },
  );

  it("a wrong secret is the OAuth error with what to check", async () => {
    process.env.NHNCLOUD_USER_ACCESS_KEY_ID = emulator.nhncloud.userAccessKeyId;
    process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = "WRONG-SECRET";
    const err = (await failure(getCertificates({}))) as ApiError;
    expect([err.httpStatus, err.code]).toEqual([401, "invalid_client"]);
    expect(err.message).toContain("nhncloud:userSecretAccessKey");
    expect(err.message).not.toContain("WRONG-SECRET");
  });
});

describe("credentials never reach messages", () => {
  it("an error page that quotes the path (appkey included) is redacted, on v1.2 and v1.3", async () => {
    const appKey = emulator.nhncloud.appKey;
    for (const v13 of [false, true]) {
      if (v13) {
        process.env.NHNCLOUD_USER_ACCESS_KEY_ID = emulator.nhncloud.userAccessKeyId;
        process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = emulator.nhncloud.secretAccessKey;
      }
      const calls: [string, () => Promise<unknown>][] = [
        ["listCertificates", () => getCertificates({})],
        ["downloadCertificateFile", () => getCertificateFile({ certificateName: "www.example.com" })],
      ];
      for (const status of [404, 502]) {
        for (const [operation, call] of calls) {
          await emulator.control.clearFaults();
          await emulator.control.addFault({
            kind: "html",
            status,
            echoPath: true,
            api: "nhncloud",
            operation,
            times: 0,
          });
          const err = (await failure(call())) as ApiError;
          const everything = `${err.message} ${err.details} ${err.apiMessage} ${err.stack}`;
          expect(everything).toContain("The requested URL /certmanager/"); // the page is still quoted...
          expect(everything).not.toContain(appKey); // ...but not the appkey in it
          expect(everything).toContain("/appkeys/[redacted]/");
        }
      }
    }
  });
});

describe("an inventory read whole or not at all (issue #14)", () => {
  /** Every list answer patched (JSON merge patch), as a misbehaving server would send it. */
  const patchLists = (patch: Record<string, unknown>) =>
    emulator.control.addFault({ kind: "patchBody", api: "nhncloud", operation: "listCertificates", patch, times: 0 });

  async function seeded(appKey: string, count: number) {
    await emulator.control.nhncloud.addAppKey(appKey);
    await emulator.control.nhncloud.seed({ appKey, count });
    return (await emulator.control.nhncloud.listCertificates(appKey)).map((c) => c.certificateName);
  }

  it("a certificate deleted while the pages are read: re-read, nothing present the whole time goes missing", async () => {
    const appKey = "SHIFTING-APPKEY";
    const names = await seeded(appKey, 250);
    await emulator.control.setLatency(150); // pages 2-3 are processed after page 1 has been answered
    try {
      const reading = getCertificates({ appKey, status: "ALL" });
      for (let i = 0; i < 100; i++) {
        const served = await emulator.control.requests({ operation: "listCertificates" });
        if (served.some((r) => r.status === 200)) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await emulator.control.nhncloud.deleteCertificate(names[10], appKey); // on page 1: pages 2-3 shift by one
      const result = await reading;
      const got = result.certificates.map((c) => c.certificateName);
      expect(got).toContain(names[100]); // the first of page 2, moved to page 1 by the deletion
      expect(got).toEqual(names.filter((n) => n !== names[10]));
      expect(result.totalCount).toBe(249);
    } finally {
      await emulator.control.setLatency(0);
    }
  });

  it("one certificate deleted and another added while the pages are read (count unchanged): re-read, nothing present the whole time goes missing", async () => {
    const appKey = "SWAPPING-APPKEY";
    const names = await seeded(appKey, 250);
    const added = "added-while-read.example.com";
    // Right after page 1 is read: a certificate on page 1 goes, one is added at the end. totalCount stays 250 and
    // the pages still hold 250 entries, but pages 2-3 have shifted forward by one.
    await emulator.control.addFault({
      kind: "controlAfter",
      api: "nhncloud",
      operation: "listCertificates",
      control: [
        { method: "POST", path: "nhncloud/delete-certificate", body: { certificateName: names[10], appKey } },
        { method: "POST", path: "nhncloud/add-certificate", body: { certificateName: added, appKey } },
      ],
    });
    await emulator.control.clearRequests();
    const result = await getCertificates({ appKey, status: "ALL" });
    const got = result.certificates.map((c) => c.certificateName);
    expect(got).toContain(names[100]); // the first of page 2, moved to page 1 by the deletion
    expect(got).toEqual([...names.filter((n) => n !== names[10]), added]);
    expect(result.totalCount).toBe(250);
    expect(result.warnings).toBeUndefined(); // the second read agreed with itself
    // 3 pages and pages 1-2 again (shifted: read it all again), then the same 5 requests, unchanged.
    expect((await emulator.control.requests({ operation: "listCertificates" })).length).toBe(10);
  });

  it("a bogus totalPage is bounded by totalCount / pageSize, and a missing one does not stop at page 1", async () => {
    const appKey = "PAGES-APPKEY";
    const names = await seeded(appKey, 230);
    for (const totalPage of [2_000_000, null]) {
      await emulator.control.clearFaults();
      await emulator.control.clearRequests();
      await patchLists({ body: { totalPage } });
      const result = await getCertificates({ appKey, status: "ALL" });
      expect(result.certificates.map((c) => c.certificateName)).toEqual(names);
      expect((await emulator.control.requests({ operation: "listCertificates" })).length).toBe(3 + 2); // + confirmation
    }
  });

  it("an inventory that keeps disagreeing with itself is returned with a warning that says so", async () => {
    const appKey = "LYING-APPKEY";
    const names = await seeded(appKey, 120);
    await patchLists({ body: { totalCount: 500 } }); // more than there are: pages 3-5 come back empty
    await emulator.control.clearRequests();
    const result = await getCertificates({ appKey, status: "ALL" });
    expect(result.certificates.map((c) => c.certificateName)).toEqual(names);
    expect(result.warnings?.join(" ")).toMatch(/changed while it was read|disagree/);
    expect((await emulator.control.requests({ operation: "listCertificates" })).length).toBeLessThanOrEqual(20);
  });
});

describe("a file over NHN's 512 KB limit (issue #14)", () => {
  const downloads = async () => (await emulator.control.requests({ operation: "downloadCertificateFile" })).length;

  it("NHN's 52008 refusal is never retried, whatever HTTP status carries it", async () => {
    const operation = "downloadCertificateFile";
    await emulator.control.addFault({
      kind: "patchBody",
      api: "nhncloud",
      operation,
      status: 500,
      patch: {},
      times: 0,
    });
    await emulator.control.clearRequests();
    const err = (await failure(getCertificateFile({ certificateName: "big-bundle.example.com" }))) as ApiError;
    expect([err.httpStatus, err.code]).toEqual([500, "52008"]);
    expect(await downloads()).toBe(1);
  });

  it("a file served over the limit is refused at once, and the message says what happened", async () => {
    for (const bytes of [520 * 1024, 700 * 1024]) {
      await emulator.control.clearFaults();
      await emulator.control.addFault({ kind: "oversizeFile", bytes, api: "nhncloud", times: 0 });
      await emulator.control.clearRequests();
      const err = await failure(getCertificateFile({ certificateName: "www.example.com" }));
      expect(err.message).toMatch(/over NHN's 512 KB limit/);
      expect(err.message).not.toMatch(/may have been processed/);
      expect(await downloads()).toBe(1);
    }
  });
});
