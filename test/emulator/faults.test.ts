/**
 * The emulator's gateway behaviour and fault injection, seen through the production client: each failure shape
 * must become the right typed error (ApiError with the API's code, or TransportError with the right ambiguity).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { authHeaders } from "../../provider/ncloud/api/signature";
import { ApiError, TransportError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { failure } from "../helpers/failure";
import { emulatorAndClient, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;

beforeAll(async () => {
  // One attempt per call: these tests look at how each failure shape is reported, not at recovery (retries.test.ts).
  ({ emulator, client } = await emulatorAndClient({
    client: { retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, overallDeadlineMs: 0 } },
  }));
});
afterEach(async () => {
  await emulator.control.clearFaults();
  await emulator.control.setClockOffset(0);
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

describe("authentication", () => {
  it("refuses a timestamp outside the 5-minute window and names the clock skew", async () => {
    await emulator.control.setClockOffset(10 * 60 * 1000); // the server is 10 minutes ahead of us
    const err = (await failure(client.listCertificates())) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.httpStatus, err.code]).toEqual([401, "200"]);
    expect(err.message).toMatch(/Your clock is (59[89]|60[01]) s behind/);
  });

  it("accepts a timestamp 4 minutes off", async () => {
    await emulator.control.setClockOffset(4 * 60 * 1000);
    await expect(client.listCertificates()).resolves.toBeDefined();
  });

  it("refuses an unknown access key with 401", async () => {
    const stranger = new NcloudCertificateManagerClient({
      credentials: { accessKey: "NOT-A-KEY", secretKey: "x" },
      endpoint: emulator.url,
    });
    const err = (await failure(stranger.listCertificates())) as ApiError;
    expect([err.httpStatus, err.code, err.apiMessage]).toEqual([401, "200", "Authentication Failed"]);
  });

  it("answers a sub-account key with an empty 403 and the client explains it", async () => {
    await emulator.control.ncloud.addAccessKey({ accessKey: "SUB-AK", secretKey: "SUB-SK", subAccount: true });
    const sub = new NcloudCertificateManagerClient({
      credentials: { accessKey: "SUB-AK", secretKey: "SUB-SK" },
      endpoint: emulator.url,
    });
    const err = (await failure(sub.listCertificates())) as ApiError;
    expect([err.httpStatus, err.kind, err.responseOrigin]).toEqual([403, "http", "ENDPOINT"]);
    expect(err.message).toContain("main-account access key");
  });

  it("requires Content-Type: application/json even on a correctly signed GET", async () => {
    const path = "/api/v2/certificate/certificates";
    const headers = authHeaders({
      method: "GET",
      pathWithQuery: path,
      timestamp: String(Date.now()),
      ...emulator.ncloudCredentials,
    });
    const res = await fetch(`${emulator.url}${path}`, { headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { errorCode: string } }).error.errorCode).toBe("100");
  });

  it("refuses a request without the authentication headers", async () => {
    const res = await fetch(`${emulator.url}/api/v2/certificate/certificates`, {
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { errorCode: string } }).error.errorCode).toBe("200");
  });

  it("answers an unknown path with the gateway's 404 body", async () => {
    const res = await fetch(`${emulator.url}/api/v2/certificate/noSuchOperation`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { errorCode: "300", message: "Not Found Exception" } });
  });
});

describe("injected faults", () => {
  it("5xx: the gateway's error body becomes an ApiError with its code", async () => {
    await emulator.control.addFault({ kind: "status", status: 503, operation: "certificates" });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect([err.httpStatus, err.kind, err.code, err.apiMessage]).toEqual([503, "gateway", "500", "Endpoint Error"]);
    await expect(client.listCertificates()).resolves.toBeDefined(); // times: 1 by default
  });

  it("429 carries Retry-After", async () => {
    await emulator.control.addFault({ kind: "rateLimit", retryAfterSeconds: 7, errorCode: "410" });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect([err.httpStatus, err.code, err.apiMessage, err.retryAfterSeconds]).toEqual([
      429,
      "410",
      "Throttle Limited",
      7,
    ]);
    expect(err.message).toContain("retry after 7 s");
  });

  it("a non-JSON 200 body is a malformed-response error, not a success", async () => {
    await emulator.control.addFault({ kind: "garbage" });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect([err.httpStatus, err.kind]).toEqual([200, "malformed"]);
  });

  it("an HTML 502 from a proxy is reported with an excerpt", async () => {
    await emulator.control.addFault({ kind: "html" });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect([err.httpStatus, err.kind]).toEqual([502, "http"]);
    expect(err.details).toContain("502 Bad Gateway");
  });

  it("a reset before commit is an ambiguous TransportError and nothing was ordered", async () => {
    await emulator.control.addFault({ kind: "resetBeforeCommit", operation: "requestPaidCertificateIssuance" });
    const err = (await failure(order(client, "reset-before"))) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.ambiguous).toBe(true);
    expect(await client.findPaidCertificatesByName("reset-before")).toEqual([]);
  });

  it("a reset after commit looks the same to the client, but the order exists", async () => {
    await emulator.control.addFault({ kind: "resetAfterCommit", operation: "requestPaidCertificateIssuance" });
    const err = (await failure(order(client, "reset-after"))) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.ambiguous).toBe(true);
    expect(err.message).toContain("may have been processed");
    expect(await client.findPaidCertificatesByName("reset-after")).toHaveLength(1);
  });

  it("a late commit: the client sees a reset, the name is free, and the order lands before the next one", async () => {
    await emulator.control.addFault({ kind: "lateCommit", operation: "requestPaidCertificateIssuance" });
    expect(await failure(order(client, "late-commit"))).toBeInstanceOf(TransportError);
    expect(await client.findPaidCertificatesByName("late-commit")).toEqual([]);
    const again = (await failure(order(client, "late-commit"))) as ApiError;
    expect([again.httpStatus, again.code]).toEqual([400, "2100"]); // the held-back order took the name first
    expect(await client.findPaidCertificatesByName("late-commit")).toHaveLength(1);
  });

  it("controlAfter changes the world after the request is processed: its answer is from before, the next from after", async () => {
    await order(client, "control-after");
    const [placed] = await client.findPaidCertificatesByName("control-after");
    await emulator.control.addFault({
      kind: "controlAfter",
      operation: "getPaidCertificates",
      control: [
        {
          method: "POST",
          path: `ncloud/certificates/${placed.certificateNo}/rename`,
          body: { certificateName: "renamed" },
        },
      ],
    });
    expect(await client.findPaidCertificatesByName("control-after")).toHaveLength(1); // answered from before
    expect(await client.findPaidCertificatesByName("control-after")).toEqual([]);
    expect((await client.findPaidCertificatesByName("renamed")).map((c) => c.certificateNo)).toEqual([
      placed.certificateNo,
    ]);
  });

  it("controlAfter stays strict: refused without calls (or calls on another kind), and a failing call fails the request", async () => {
    const refused = (rule: object) =>
      fetch(`${emulator.url}/__emulator/faults`, { method: "POST", body: JSON.stringify(rule) }).then((r) => r.status);
    expect(await refused({ kind: "controlAfter" })).toBe(400);
    expect(await refused({ kind: "controlAfter", control: [{ method: "POST" }] })).toBe(400);
    expect(await refused({ kind: "status", control: [{ method: "POST", path: "ncloud/certificates/1/revoke" }] })).toBe(
      400,
    );
    await emulator.control.addFault({
      kind: "controlAfter",
      operation: "certificates",
      control: [{ method: "POST", path: "ncloud/certificates/999999/revoke" }],
    });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect(err.httpStatus).toBe(500);
    expect(`${err.message} ${err.details}`).toMatch(
      /controlAfter fault: POST ncloud\/certificates\/999999\/revoke failed/,
    );
  });

  it("skip lets the first matching requests through", async () => {
    await emulator.control.addFault({ kind: "status", status: 503, operation: "certificates", skip: 1 });
    await expect(client.listCertificates()).resolves.toBeDefined();
    expect(((await failure(client.listCertificates())) as ApiError).httpStatus).toBe(503);
  });

  it("the paid order is sent once even by a client that retries everything else", async () => {
    const retrying = new NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.url,
    });
    await emulator.control.clearRequests();
    await emulator.control.addFault({ kind: "resetAfterCommit", operation: "requestPaidCertificateIssuance" });
    await expect(order(retrying, "sent-once")).rejects.toBeInstanceOf(TransportError);
    expect(await emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).toHaveLength(1);
    // ...while a safe read is retried through the same fault kind.
    await emulator.control.addFault({ kind: "resetBeforeCommit", operation: "certificates" });
    await expect(retrying.listCertificates()).resolves.toBeDefined();
    expect(await emulator.control.requests({ operation: "certificates" })).toHaveLength(2);
  });

  it("a slow response hits the client's deadline", async () => {
    await emulator.control.addFault({ kind: "slow", delayMs: 2_000 });
    const impatient = new NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.url,
      deadlines: { totalMs: 300 },
      retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, overallDeadlineMs: 0 },
    });
    const started = Date.now();
    const err = (await failure(impatient.listCertificates())) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.code).toBe("DEADLINE");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("added latency slows every call", async () => {
    await emulator.control.setLatency(150);
    const started = Date.now();
    await client.listCertificates();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await emulator.control.setLatency(0);
  });

  it("an empty 403 fault reads like NCP's sub-account refusal", async () => {
    await emulator.control.addFault({ kind: "empty403" });
    const err = (await failure(client.listCertificates())) as ApiError;
    expect([err.httpStatus, err.responseOrigin]).toEqual([403, "ENDPOINT"]);
  });

  it("a refused connection is a TransportError that says the request was not sent", async () => {
    const nobody = new NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: "http://127.0.0.1:9", // discard port: nothing listens
    });
    const err = (await failure(nobody.listCertificates())) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.ambiguous).toBe(false);
  });

  it("logs every request by operation (and never the secret key)", async () => {
    await emulator.control.clearRequests();
    await client.listCertificates();
    await client.getOrganizationInfoList();
    const log = await emulator.control.requests({ api: "ncloud" });
    expect(log.map((r) => r.operation)).toEqual(["certificates", "getOrganizationInfoList"]);
    expect(JSON.stringify(log)).not.toContain(emulator.ncloudCredentials.secretKey);
  });
});
