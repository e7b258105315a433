/**
 * Which failed writes are refusals (sent once), which did nothing and may be sent again, and which are ambiguous
 * (looked up before anything is sent again): issue 26 item 3's rule, "only a missing or unreadable answer is
 * ambiguous; a readable error code is a refusal".
 */
import { describe, expect, it } from "vitest";
import { ApiError, type ApiErrorInit, TransportError } from "../../provider/shared/errors";
import { classifyWriteFailure } from "../../provider/shared/retry";

const api = (init: Partial<ApiErrorInit>) =>
  new ApiError({ api: "ncloud", operation: "requestPaidCertificateIssuance", kind: "api", httpStatus: 200, ...init });
const transport = (ambiguous: boolean, retryable = true) =>
  new TransportError({ api: "ncloud", operation: "x", code: "ECONNRESET", ambiguous, retryable, detail: "d" });

describe("classifyWriteFailure", () => {
  const cases: [string, unknown, string][] = [
    ["NCP's returnCode under 200", api({ code: "2201" }), "refused"],
    ["NCP's returnCode under 400", api({ httpStatus: 400, code: "2100" }), "refused"],
    ["NCP's returnCode under 500", api({ httpStatus: 500, code: "1000" }), "refused"],
    ["a gateway 401", api({ kind: "gateway", httpStatus: 401, code: "200" }), "refused"],
    ["an empty 403", api({ kind: "http", httpStatus: 403 }), "refused"],
    ["a 501", api({ kind: "http", httpStatus: 501 }), "refused"],
    ["a gateway 429", api({ kind: "gateway", httpStatus: 429, code: "420" }), "notProcessed"],
    ["a connection refused", transport(false), "notProcessed"],
    ["a TLS failure (not sent, not retryable)", transport(false, false), "refused"],
    ["a reset after sending", transport(true), "ambiguous"],
    ["a garbled 200", api({ kind: "malformed" }), "ambiguous"],
    ["a 200 too large to read", api({ kind: "http", code: "RESPONSE_TOO_LARGE" }), "ambiguous"],
    ["a gateway 504", api({ kind: "gateway", httpStatus: 504, code: "510" }), "ambiguous"],
    ["a gateway 500", api({ kind: "gateway", httpStatus: 500, code: "900" }), "ambiguous"],
    ["a proxy's HTML 502", api({ kind: "http", httpStatus: 502 }), "ambiguous"],
    ["something that is not an API failure", new Error("bug"), "refused"],
  ];
  for (const [what, err, expected] of cases) {
    it(`${what}: ${expected}`, () => expect(classifyWriteFailure(err)).toBe(expected));
  }
});
