import { describe, expect, it } from "vitest";
import { authHeaders, signV2, stringToSign } from "../../provider/ncloud/api/signature";

// Vectors from shared/docs/ncp-certificate-manager-api.md §3.2 (recomputed there with two HMAC implementations).
const VECTORS: [secretKey: string, accessKey: string, timestamp: string, request: string, expected: string][] = [
  [
    "TestSecretKey",
    "TestAccessKey",
    "1234567890123",
    "GET /vserver/v2/getServerInstanceList?responseFormatType=json",
    "FPsYYX8fuMAgi+cue3eACOW0dNtIwu1LYWfg/megA2M=",
  ],
  [
    "SK_TEST",
    "AK_TEST",
    "1700000000000",
    "POST /vserver/v2/createServerInstances?regionCode=KR",
    "xBcE26XFU55BMjppdPT7ZY3oDrqoOedfPyAn3Cq4lUw=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "POST /api/v2/certificate/requestPaidCertificateIssuance",
    "zTLZQYWF+becUdJ2HqVkb3F2g/Lsy1qfO7nHyjBEXF4=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "GET /api/v2/certificate/getVerificationInfo/55332?domainAddress=ncloud.com",
    "ptcyzqh+BYu71bThZXsmiaGjhBI2NAMPpNFRyCMrjFA=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "GET /api/v2/certificate/certificates?page=1&pageSize=10",
    "Whe/rn4xadQVTc/l5PJmDXfBol65olN3B8FKQx4YRpM=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "GET /api/v2/certificate/getPaidCertificates?certificateName=my-cert",
    "mgirn6C4QiosFFdlivoWx7LFPO5Bkelbs2/TbZ0veE4=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "GET /api/v2/certificate/exportCertificate/55332/chain",
    "46ckmbJTgy1FDr2hMOgohq1EOotc8+HzQ7vjkeYpZcQ=",
  ],
  [
    "TestSecretKey",
    "TestAccessKey",
    "1700000000000",
    "DELETE /api/v2/certificate/deleteCertificate/55332?certificateName=my-cert",
    "DDDmvtH11sjk4qh0Trhi/lHtDy/qVjvZInSsrnMuAPU=",
  ],
];

describe("NCP API Gateway signature v2", () => {
  it.each(VECTORS)("%s/%s %s %s", (secretKey, accessKey, timestamp, request, expected) => {
    const space = request.indexOf(" ");
    const method = request.slice(0, space);
    const pathWithQuery = request.slice(space + 1);
    expect(signV2({ method, pathWithQuery, timestamp, accessKey, secretKey })).toBe(expected);
  });

  it("builds the string to sign with one space and LF separators, upper-casing the method", () => {
    expect(stringToSign({ method: "get", pathWithQuery: "/api/v2/x?a=1", timestamp: "1", accessKey: "AK" })).toBe(
      "GET /api/v2/x?a=1\n1\nAK",
    );
  });

  it("changes when any part of the request changes", () => {
    const base = {
      method: "GET",
      pathWithQuery: "/api/v2/certificate/certificates?page=1",
      timestamp: "1700000000000",
      accessKey: "AK",
      secretKey: "SK",
    };
    const sig = signV2(base);
    expect(signV2({ ...base, pathWithQuery: "/api/v2/certificate/certificates?page=2" })).not.toBe(sig);
    expect(signV2({ ...base, timestamp: "1700000000001" })).not.toBe(sig);
    expect(signV2({ ...base, secretKey: "SK2" })).not.toBe(sig);
    expect(signV2({ ...base, method: "POST" })).not.toBe(sig);
  });

  it("produces the three documented headers and never the secret key", () => {
    const h = authHeaders({
      method: "GET",
      pathWithQuery: "/api/v2/x",
      timestamp: "1700000000000",
      accessKey: "AK",
      secretKey: "SECRET-KEY-VALUE",
    });
    expect(Object.keys(h).sort()).toEqual([
      "x-ncp-apigw-signature-v2",
      "x-ncp-apigw-timestamp",
      "x-ncp-iam-access-key",
    ]);
    expect(JSON.stringify(h)).not.toContain("SECRET-KEY-VALUE");
  });
});
