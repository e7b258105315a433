/**
 * Every NCP client operation against the emulator over loopback: one success path and at least one documented
 * failure each, asserting the typed error (HTTP status, the API's own code and message, the request id).
 */
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { ApiError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, keyAndCsr, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;

beforeAll(async () => {
  ({ emulator, client } = await emulatorAndClient());
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("requestPaidCertificateIssuance", () => {
  it("places an order that starts ONGOING with a certificate number and request serial", async () => {
    const { result } = await order(client, "order-ok", "order.example.com", ["www.order.example.com"]);
    expect(result.certificateNo).toBeTypeOf("number");
    expect(result.requestSn).toMatch(/^RSN\d+$/);
    expect(result.statusCode).toBe("0");
    expect(result.statusName).toBe("ONGOING");
    expect(result.regDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const state = await emulator.control.ncloud.getCertificate(result.certificateNo as number);
    expect(state.dnsNames).toEqual(["www.order.example.com"]);
  });

  it("refuses a bad certificateName with HTTP 400 and returnCode 2000", async () => {
    const { csr } = await keyAndCsr("example.com");
    const err = await apiError(
      client.requestPaidCertificateIssuance({
        csr,
        certificateType: "NCP_PAID_DV_01",
        certificateName: "1-starts-with-digit",
        commonName: "example.com",
        validationMethod: "D",
      }),
    );
    expect(err.httpStatus).toBe(400);
    expect(err.kind).toBe("api");
    expect(err.code).toBe("2000");
    expect(err.apiMessage).toContain("3-20 English alphabet");
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.message).toContain("HTTP 400");
    expect(err.message).toContain("result code 2000");
  });

  it("answers bad SANs with HTTP 200 and returnCode 2201", async () => {
    const { csr } = await keyAndCsr("example.com");
    const err = await apiError(
      client.requestPaidCertificateIssuance({
        csr,
        certificateType: "NCP_PAID_DV_01",
        certificateName: "bad-sans",
        commonName: "example.com",
        dnsName: ["not a domain"],
        validationMethod: "D",
      }),
    );
    expect(err.httpStatus).toBe(200);
    expect(err.code).toBe("2201");
    expect(err.apiMessage).toBe("Invalid DNS SANs input format.");
  });

  it("requires a verified organization for OV", async () => {
    const { csr } = await keyAndCsr("ov.example.com");
    const base = {
      csr,
      certificateType: "NCP_PAID_OV_01" as const,
      commonName: "ov.example.com",
      validationMethod: "D" as const,
    };
    const missing = await apiError(client.requestPaidCertificateIssuance({ ...base, certificateName: "ov-missing" }));
    expect([missing.httpStatus, missing.code]).toEqual([400, "2100"]);
    const pending = await apiError(
      client.requestPaidCertificateIssuance({ ...base, certificateName: "ov-pending", organizationNo: 35 }),
    );
    expect(pending.apiMessage).toContain("not verified");
    const ok = await client.requestPaidCertificateIssuance({ ...base, certificateName: "ov-ok", organizationNo: 34 });
    expect(ok.certificateNo).toBeTypeOf("number");
  });

  it("answers a CSR that is not PEM with 1002", async () => {
    const err = await apiError(
      client.requestPaidCertificateIssuance({
        csr: "not a csr",
        certificateType: "NCP_PAID_DV_01",
        certificateName: "bad-csr",
        commonName: "example.com",
        validationMethod: "D",
      }),
    );
    expect([err.httpStatus, err.code]).toEqual([200, "1002"]);
  });
});

describe("getPaidCertificates / findPaidCertificatesByName", () => {
  it("finds an order by exact name, with its order id, across pages", async () => {
    for (const name of ["page-a", "page-ab", "page-abc"]) await order(client, name, `${name}.example.com`, []);
    const exact = await client.findPaidCertificatesByName("page-ab");
    expect(exact.map((c) => c.certificateName)).toEqual(["page-ab"]);
    expect(exact[0].orderId).toMatch(/^\d+$/);
    expect(exact[0].statusCode).toBe("0");
    expect(exact[0].dnsNames).toEqual([]);

    const page1 = await client.getPaidCertificates({ certificateName: "page-a", page: 1, pageSize: 2 });
    const page2 = await client.getPaidCertificates({ certificateName: "page-a", page: 2, pageSize: 2 });
    expect(page1.totalCount).toBe(3);
    expect(page1.certificates).toHaveLength(2);
    expect(page2.certificates).toHaveLength(1);
    expect(new Set([...page1.certificates, ...page2.certificates].map((c) => c.certificateName)).size).toBe(3);
  });

  it("refuses an out-of-range page size with 400 / 2100", async () => {
    const err = await apiError(client.getPaidCertificates({ pageSize: 5000 }));
    expect([err.httpStatus, err.code]).toEqual([400, "2100"]);
  });
});

describe("certificates (ListCertificates)", () => {
  it("lists every certificate with the documented fields", async () => {
    const { certificateNo } = await order(client, "list-all", "list.example.com", ["a.list.example.com"]);
    const page = await client.listCertificates({ certificateName: "list-all" });
    const entry = page.certificates.find((c) => c.certificateNo === certificateNo);
    expect(entry).toMatchObject({
      certificateName: "list-all",
      commonName: "list.example.com",
      dnsNames: ["a.list.example.com"],
      statusCode: "0",
      statusName: "ONGOING",
      certificateType: "NCP_PAID_DV_01",
    });
    expect(entry?.usedInstanceNoList).toEqual([]);
  });

  it("refuses page 0 with 400 / 2100", async () => {
    const err = await apiError(client.listCertificates({ page: 0 }));
    expect([err.httpStatus, err.code]).toEqual([400, "2100"]);
  });
});

describe("getVerificationInfo", () => {
  it("returns one TXT record per domain", async () => {
    const { certificateNo } = await order(client, "dcv-ok", "dcv.example.com", ["*.dcv.example.com"]);
    const cn = await client.getVerificationInfo(certificateNo, "dcv.example.com");
    expect(cn).toHaveLength(1);
    expect(cn[0]).toMatchObject({
      recordType: "TXT",
      name: "_dnsauth.dcv.example.com",
      validStatusCode: "VALID_STATUS_REG",
    });
    expect(cn[0].value.length).toBeGreaterThan(10);
    const wildcard = await client.getVerificationInfo(certificateNo, "*.dcv.example.com");
    expect(wildcard[0].name).toBe("_dnsauth.dcv.example.com");
    expect(wildcard[0].value).not.toBe(cn[0].value);
  });

  it("answers an unknown certificate with 2200", async () => {
    const err = await apiError(client.getVerificationInfo(1, "example.com"));
    expect([err.httpStatus, err.code, err.apiMessage]).toEqual([200, "2200", "No certificate was found."]);
  });
});

describe("exportCertificateChain", () => {
  it("has no certificate before issuance (1006), then leaf + intermediate + root that chain up", async () => {
    const { certificateNo, publicKeyPem } = await order(client, "chain-ok", "chain.example.com", [
      "www.chain.example.com",
    ]);
    const before = await apiError(client.exportCertificateChain(certificateNo));
    expect(before.code).toBe("1006");

    await emulator.control.ncloud.issue(certificateNo);
    const chain = await client.exportCertificateChain(certificateNo);
    expect(chain.certificate).toContain("\r\n"); // NCP sends CRLF PEMs
    const leaf = new X509Certificate(chain.certificate);
    const intermediate = new X509Certificate(chain.subCaCertificate as string);
    const root = new X509Certificate(chain.rootCaCertificate as string);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toContain("DNS:www.chain.example.com");
    expect(leaf.publicKey.export({ type: "spki", format: "pem" })).toBe(publicKeyPem);
    expect(chain.subjectCommonName).toBe("chain.example.com");
  });
});

describe("deleteCertificate", () => {
  it("refuses while in use and on a name mismatch (1004), then deletes", async () => {
    const { certificateNo } = await order(client, "delete-me", "delete.example.com", []);
    await emulator.control.ncloud.issue(certificateNo);
    await emulator.control.ncloud.markInUse(certificateNo, ["lb-1234"]);
    const inUse = await apiError(client.deleteCertificate(certificateNo, "delete-me"));
    expect([inUse.httpStatus, inUse.code]).toEqual([200, "1004"]);
    expect(inUse.apiMessage).toContain("Delete the instance being used first");

    await emulator.control.ncloud.clearInUse(certificateNo);
    const mismatch = await apiError(client.deleteCertificate(certificateNo, "other-name"));
    expect(mismatch.code).toBe("1004");
    expect(mismatch.apiMessage).toContain("No certificate was found with a matching");

    await client.deleteCertificate(certificateNo, "delete-me");
    expect(await client.findPaidCertificatesByName("delete-me")).toEqual([]);
    const again = await apiError(client.deleteCertificate(certificateNo, "delete-me"));
    expect(again.code).toBe("1004");
  });
});

describe("setCertificateRenewal", () => {
  it("turns auto-renewal on and off; an unknown number is 2200", async () => {
    const { certificateNo } = await order(client, "renew-me", "renew.example.com", []);
    await client.setCertificateRenewal(certificateNo, true);
    expect((await emulator.control.ncloud.getCertificate(certificateNo)).renewal).toBe(true);
    await client.setCertificateRenewal(certificateNo, false);
    expect((await emulator.control.ncloud.getCertificate(certificateNo)).renewal).toBe(false);
    const err = await apiError(client.setCertificateRenewal(999_999, true));
    expect(err.code).toBe("2200");
  });
});

describe("registPrivateKey", () => {
  it("refuses before issuance (26034) and a foreign key (26040); the right key moves status 2 → 1", async () => {
    const { certificateNo, privateKeyPem } = await order(client, "regkey", "regkey.example.com", []);
    expect((await apiError(client.registPrivateKey(certificateNo, privateKeyPem))).code).toBe("26034");
    await emulator.control.ncloud.issue(certificateNo);
    const other = await keyAndCsr("regkey.example.com");
    const mismatch = await apiError(client.registPrivateKey(certificateNo, other.privateKeyPem));
    expect(mismatch.code).toBe("26040");
    await client.registPrivateKey(certificateNo, privateKeyPem);
    const [entry] = await client.findPaidCertificatesByName("regkey");
    expect([entry.statusCode, entry.statusName]).toEqual(["1", "NORMAL"]);
  });
});

describe("reissue", () => {
  it("refuses a pending order (26034); an issued one goes back to ONGOING with a new request serial", async () => {
    const first = await order(client, "reissue-me", "reissue.example.com", ["a.reissue.example.com"]);
    const next = await keyAndCsr("reissue.example.com", ["b.reissue.example.com"]);
    const request = {
      csr: next.csr,
      certificateName: "reissue-me",
      commonName: "reissue.example.com",
      dnsName: ["b.reissue.example.com"],
      validationMethod: "D" as const,
    };
    expect((await apiError(client.reissue(first.certificateNo, request))).code).toBe("26034");
    await emulator.control.ncloud.issue(first.certificateNo);
    await client.reissue(first.certificateNo, request);
    const [entry] = await client.findPaidCertificatesByName("reissue-me");
    expect(entry.certificateNo).toBe(first.certificateNo);
    expect(entry.statusCode).toBe("0");
    expect(entry.dnsNames).toEqual(["b.reissue.example.com"]);
    const state = await emulator.control.ncloud.getCertificate(first.certificateNo);
    expect(state.requestSn).not.toBe(first.result.requestSn);
    expect(state.reissueCount).toBe(1);
  });
});

describe("revoke", () => {
  it("refuses an unknown revokeType (400 / 2100) and revokes an issued certificate", async () => {
    const { certificateNo } = await order(client, "revoke-me", "revoke.example.com", []);
    await emulator.control.ncloud.issue(certificateNo);
    const [entry] = await client.findPaidCertificatesByName("revoke-me");
    const bad = await apiError(
      client.revoke({ orderId: entry.orderId as string, certificateNo, revokeType: "keyCompromise" as never }),
    );
    expect([bad.httpStatus, bad.code]).toEqual([400, "2100"]);
    const res = await client.revoke({ orderId: entry.orderId as string, certificateNo, revokeType: "superseded" });
    expect(res.revokedCount).toBe(1);
    const [after] = await client.findPaidCertificatesByName("revoke-me");
    expect([after.statusCode, after.statusName]).toEqual(["-5", "REVOKE"]);
    expect(after.revokeDate).toBeUndefined(); // not a field of the Advanced list (doc §6.2)…
    expect((await client.findCertificatesByName("revoke-me"))[0].revokeDate).toMatch(/^\d{4}-/); // …but of §6.3
  });
});

describe("getOrganizationInfoList", () => {
  it("lists organizations and filters by verification state", async () => {
    const all = await client.getOrganizationInfoList();
    expect(all.map((o) => o.organizationNo)).toEqual(expect.arrayContaining([34, 35]));
    const verified = await client.getOrganizationInfoList({ verificationProgressCode: 7 });
    expect(verified.every((o) => o.verificationProgressCode === 7)).toBe(true);
    expect(verified.find((o) => o.organizationNo === 34)?.organizationNameEng).toBe("Example Co");
  });

  it("fails with the gateway's 401 and a clear error when the secret key is wrong", async () => {
    const wrong = new NcloudCertificateManagerClient({
      credentials: { accessKey: emulator.ncloudCredentials.accessKey, secretKey: "WRONG-SECRET-VALUE" },
      endpoint: emulator.url,
    });
    const err = await apiError(wrong.getOrganizationInfoList());
    expect(err.httpStatus).toBe(401);
    expect(err.kind).toBe("gateway");
    expect(err.code).toBe("200");
    expect(err.apiMessage).toBe("Authentication Failed");
    expect(err.message).toContain("ncloud:secretKey");
    expect(err.message).toContain("NCLOUD_SECRET_KEY");
    expect(err.message).not.toContain("WRONG-SECRET-VALUE");
    expect(JSON.stringify(wrong)).not.toContain("WRONG-SECRET-VALUE");
  });
});
