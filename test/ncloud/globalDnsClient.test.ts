/**
 * The Global DNS v1 client on its own: endpoint rules, what is retried (reads, update, delete, apply) and what is
 * sent once (create), and how each failure shape becomes an ApiError with the API's own code and message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { DEFAULT_GLOBAL_DNS_ENDPOINT, NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import { type ApiError, TransportError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { failure } from "../helpers/failure";

let emulator: RunningEmulator;
let client: NcloudGlobalDnsClient;
let zoneId: number;
const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, overallDeadlineMs: 5_000 };

beforeAll(async () => {
  emulator = await startEmulator({ globalDnsZones: ["client.example"] });
  client = new NcloudGlobalDnsClient({
    credentials: emulator.ncloudCredentials,
    endpoint: `${emulator.globalDnsEndpoint}/dns/v1/`,
    retryPolicy: retry,
  });
  zoneId = (await client.findZone("client.example"))?.id as number;
});
afterEach(async () => {
  await emulator.control.clearFaults();
  await emulator.control.clearRequests();
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

const count = async (operation: string) => (await emulator.control.requests({ api: "globaldns", operation })).length;

describe("endpoint and credentials", () => {
  it("defaults to NCP's public host, accepts a base ending in /dns/v1, refuses a query or a missing key", () => {
    const keys = { accessKey: "a", secretKey: "b" };
    expect(new NcloudGlobalDnsClient({ credentials: keys }).endpoint).toBe(DEFAULT_GLOBAL_DNS_ENDPOINT);
    expect(client.endpoint).toBe(emulator.globalDnsEndpoint);
    expect(() => new NcloudGlobalDnsClient({ credentials: keys, endpoint: "https://x.test/?a=1" })).toThrow(
      /NCP Global DNS endpoint .* must not have a query/,
    );
    expect(() => new NcloudGlobalDnsClient({ credentials: { accessKey: "a", secretKey: "" } })).toThrow(
      /NCP Global DNS client needs both an access key and a secret key/,
    );
  });
});

describe("retries", () => {
  it("retries apply, update and delete through a 503, and reads through a reset", async () => {
    await client.createRecords(zoneId, [{ host: "r1", type: "A", content: "192.0.2.1", ttl: 300 }]);
    await emulator.control.addFault({ kind: "status", status: 503, api: "globaldns", operation: "applyDomain" });
    await client.applyZone(zoneId);
    expect(await count("applyDomain")).toBe(2);
    const [r1] = (await client.listRecords(zoneId, { recordType: "A" })).filter((r) => r.host === "r1");
    await emulator.control.addFault({ kind: "status", status: 503, api: "globaldns", operation: "updateRecord" });
    await client.updateRecords(zoneId, [{ id: r1.id, host: "r1", type: "A", content: "192.0.2.2", ttl: 60 }]);
    await emulator.control.addFault({ kind: "resetBeforeCommit", api: "globaldns", operation: "getRecordList" });
    const [changed] = (await client.listRecords(zoneId, { recordType: "A" })).filter((r) => r.host === "r1");
    expect([changed.content, changed.ttl, changed.applied]).toEqual(["192.0.2.2", 60, false]);
    await emulator.control.addFault({
      kind: "rateLimit",
      retryAfterSeconds: 0,
      api: "globaldns",
      operation: "deleteRecord",
    });
    await client.deleteRecords(zoneId, [r1.id]);
    expect(await count("deleteRecord")).toBe(2);
  });

  it("sends create once: a reset is a TransportError that may have been processed", async () => {
    await emulator.control.addFault({ kind: "resetAfterCommit", api: "globaldns", operation: "createRecord" });
    const err = await failure(client.createRecords(zoneId, [{ host: "once", type: "TXT", content: "v", ttl: 300 }]));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).ambiguous).toBe(true);
    expect(await count("createRecord")).toBe(1);
    expect((await client.listRecords(zoneId)).filter((r) => r.host === "once")).toHaveLength(1);
  });
});

describe("errors", () => {
  it("reports v1 envelopes as the API's code and message, and gateway and proxy failures as such", async () => {
    const once = new NcloudGlobalDnsClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.globalDnsEndpoint,
      retryPolicy: { ...retry, maxAttempts: 1 },
    });
    const v1 = (await failure(
      once.createRecords(zoneId, [{ host: "@", type: "SOA", content: "x", ttl: 1 }]),
    )) as ApiError;
    expect([v1.api, v1.kind, v1.code]).toEqual(["ncloudGlobalDns", "api", "X00007"]);
    expect(v1.message).toMatch(
      /^NCP Global DNS createRecord failed: HTTP 400, result code X00007: 유효하지 않은 레코드입니다/,
    );
    await emulator.control.addFault({
      kind: "rateLimit",
      errorCode: "410",
      api: "globaldns",
      operation: "applyDomain",
    });
    const limited = (await failure(once.applyZone(zoneId))) as ApiError;
    expect([limited.httpStatus, limited.kind, limited.code, limited.apiMessage]).toEqual([
      429,
      "gateway",
      "410",
      "Throttle Limited",
    ]);
    await emulator.control.addFault({ kind: "html", status: 502, api: "globaldns", operation: "getDomainList" });
    const proxy = (await failure(once.findZone("client.example"))) as ApiError;
    expect([proxy.httpStatus, proxy.kind]).toEqual([502, "http"]);
    await emulator.control.addFault({ kind: "garbage", api: "globaldns", operation: "getRecordList" });
    expect(((await failure(once.listRecords(zoneId))) as ApiError).kind).toBe("malformed");
  });
});
