/**
 * The emulated Global DNS v1 is as strict as the API notes: signature, required paging, Spring pages, v1 error
 * envelopes, quoted TXT, pending vs applied, apply/rollback, system records, and each open question as a mode.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GLOBAL_DNS_MODES, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import type { ApiError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { failure } from "../helpers/failure";
import { signedCall } from "../helpers/signedCall";

let emulator: RunningEmulator;
let client: NcloudGlobalDnsClient;
let zoneId: number;
const ZONE = "dns-test.example";

beforeAll(async () => {
  emulator = await startEmulator();
  client = new NcloudGlobalDnsClient({
    credentials: emulator.ncloudCredentials,
    endpoint: emulator.globalDnsEndpoint,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, overallDeadlineMs: 0 },
  });
  zoneId = (await emulator.control.globalDns.createZone(ZONE)).id;
});
afterEach(async () => {
  await emulator.control.globalDns.setModes(DEFAULT_GLOBAL_DNS_MODES);
  await emulator.control.setClockOffset(0);
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

/** A raw signed call, to send what the client never would. */
function raw(method: string, pathWithQuery: string, body?: unknown, sign = emulator.ncloudCredentials) {
  return signedCall(emulator, method, pathWithQuery, body, sign);
}

describe("gateway", () => {
  it("refuses a wrong signature and a stale timestamp with the gateway's 401", async () => {
    const wrong = await raw("GET", "/dns/v1/ncpdns/domain?page=0&size=10", undefined, {
      accessKey: emulator.ncloudCredentials.accessKey,
      secretKey: "not-the-secret",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.errorCode).toBe("200");
    await emulator.control.setClockOffset(6 * 60 * 1000);
    const err = (await failure(client.findZone(ZONE))) as ApiError;
    expect([err.httpStatus, err.code, err.kind]).toEqual([401, "200", "gateway"]);
    expect(err.message).toMatch(/^NCP Global DNS getDomainList failed/);
  });
});

describe("paging", () => {
  it("requires page and size (Spring's 400) and answers Spring-style pages", async () => {
    expect((await raw("GET", "/dns/v1/ncpdns/domain?size=10")).status).toBe(400);
    expect((await raw("GET", `/dns/v1/ncpdns/record/${zoneId}?page=0`)).json.message).toMatch(/'size'/);
    const page = (await raw("GET", `/dns/v1/ncpdns/record/${zoneId}?page=0&size=2`)).json;
    expect(page).toMatchObject({ totalElements: 3, totalPages: 2, first: true, last: false, size: 2, number: 0 });
    expect(page.pageable).toMatchObject({ pageNumber: 0, pageSize: 2 });
    expect(page.content[0]).toMatchObject({ host: "@", type: "SOA", defaultYn: true, applyYn: true, delYn: false });
    expect(page.content[0].createdDate).toBeLessThan(1e11); // epoch seconds
  });

  it("the client pages through every record and finds a zone only by its exact name", async () => {
    await emulator.control.globalDns.createZone(`sub.${ZONE}`);
    for (let i = 0; i < 120; i++) {
      await emulator.control.globalDns.addRecord(`sub.${ZONE}`, {
        host: `h${i}`,
        type: "A",
        content: "10.0.0.1",
        apply: false,
      });
    }
    const sub = await client.findZone(`sub.${ZONE}.`);
    expect(sub?.name).toBe(`sub.${ZONE}`);
    expect(await client.findZone("example")).toBeUndefined(); // a substring match on the server, not a zone
    expect((await client.findZone(ZONE))?.id).toBe(zoneId);
    expect(await client.listRecords(sub?.id as number)).toHaveLength(123);
    expect(await client.listRecords(sub?.id as number, { recordType: "A", searchContent: "h11" })).toHaveLength(11);
  });
});

describe("records", () => {
  it("stores TXT quoted, keeps changes pending until apply, and bumps the SOA serial on apply", async () => {
    const before = await emulator.control.globalDns.zone(ZONE);
    await client.createRecords(zoneId, [{ host: "_dnsauth", type: "TXT", content: "token-1", ttl: 300 }]);
    const [rec] = (await client.listRecords(zoneId, { recordType: "TXT" })).filter((r) => r.host === "_dnsauth");
    expect(rec).toMatchObject({ content: '"token-1"', applied: false, deleted: false });
    expect((await emulator.control.globalDns.appliedRecords(ZONE)).some((r) => r.id === rec.id)).toBe(false);
    await client.applyZone(zoneId);
    const after = await emulator.control.globalDns.zone(ZONE);
    expect(after.serial).toBe(before.serial + 1);
    expect(after.applied.find((r) => r.type === "SOA")?.content).toContain(` ${after.serial} 21600`);
    const [applied] = (await client.listRecords(zoneId)).filter((r) => r.id === rec.id);
    expect(applied.applied).toBe(true);

    await client.deleteRecords(zoneId, [rec.id]);
    const [gone] = (await client.listRecords(zoneId)).filter((r) => r.id === rec.id);
    expect(gone).toMatchObject({ deleted: true, applied: false });
    await client.applyZone(zoneId);
    expect((await client.listRecords(zoneId)).some((r) => r.id === rec.id)).toBe(false);
  });

  it("gives increasing ids, rolls back pending changes, and refuses to delete system records", async () => {
    await client.createRecords(zoneId, [
      { host: "a1", type: "A", content: "10.0.0.1", ttl: 300 },
      { host: "a2", type: "A", content: "10.0.0.2", ttl: 300 },
    ]);
    const [a1, a2] = (await client.listRecords(zoneId, { recordType: "A" })).filter((r) => /^a[12]$/.test(r.host));
    expect(a2.id).toBeGreaterThan(a1.id);
    await client.rollbackZone(zoneId);
    expect((await client.listRecords(zoneId)).some((r) => r.host === "a1")).toBe(false);
    // SOA is listed but is not one of the documented recordType filters (§4.2): found in the whole list.
    const soa = (await client.listRecords(zoneId)).find((r) => r.type === "SOA") as { id: number };
    const err = (await failure(client.deleteRecords(zoneId, [soa.id]))) as ApiError;
    expect([err.kind, err.code]).toEqual(["api", "X00006"]);
  });

  it("refuses invalid records with X00007 and moreInfo naming type and field", async () => {
    const res = await raw("POST", `/dns/v1/ncpdns/record/${zoneId}`, [
      { host: "bad host", type: "A", content: "300.1.1.1", ttl: 300 },
    ]);
    expect(res.json.result).toBe("FAIL");
    expect(res.json.error.errorCode).toBe("X00007");
    expect(res.json.error.moreInfo.validationInfo.rrsetValidationResponseList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordType: "A", field: "host" }),
        expect.objectContaining({ field: "content" }),
      ]),
    );
    const err = (await failure(
      client.createRecords(zoneId, [{ host: "x", type: "MX", content: "mail", ttl: 300 }]),
    )) as ApiError;
    expect([err.kind, err.code, err.apiMessage]).toEqual(["api", "X00007", "유효하지 않은 레코드입니다."]);
    expect(err.details).toMatch(/rrsetValidationResponseList.*"field":"content"/);
  });

  it("answers an unknown zone with X00006 and unknown paths with the gateway's 404", async () => {
    const err = (await failure(client.listRecords(999_999))) as ApiError;
    expect(err.code).toBe("X00006");
    expect((await raw("GET", "/dns/v1/ncpdns/nothing?page=0&size=1")).status).toBe(404);
  });
});

describe("modes (the docs' open questions)", () => {
  it("preQuotedTxt: a quoted value is kept or quoted again", async () => {
    await client.createRecords(zoneId, [{ host: "q1", type: "TXT", content: '"v"', ttl: 300 }]);
    await emulator.control.globalDns.setModes({ preQuotedTxt: "double" });
    await client.createRecords(zoneId, [{ host: "q2", type: "TXT", content: '"v"', ttl: 300 }]);
    const txt = await client.listRecords(zoneId, { recordType: "TXT" });
    expect(txt.find((r) => r.host === "q1")?.content).toBe('"v"');
    expect(txt.find((r) => r.host === "q2")?.content).toBe('""v""');
  });

  it("applyWithNothingPending, deleteUnknownId, duplicates and successBody", async () => {
    await client.applyZone(zoneId);
    await client.applyZone(zoneId); // allowed by default
    await emulator.control.globalDns.setModes({ applyWithNothingPending: "refused" });
    expect(((await failure(client.applyZone(zoneId))) as ApiError).code).toBe("X00006");

    expect(((await failure(client.deleteRecords(zoneId, [123]))) as ApiError).code).toBe("X00006");
    await emulator.control.globalDns.setModes({ deleteUnknownId: "ignore" });
    await client.deleteRecords(zoneId, [123]);

    const spec = { host: "dup", type: "TXT", content: "same", ttl: 300 };
    await client.createRecords(zoneId, [spec]);
    await client.createRecords(zoneId, [spec]); // allowed by default
    await emulator.control.globalDns.setModes({ duplicates: "refused" });
    expect(((await failure(client.createRecords(zoneId, [spec]))) as ApiError).code).toBe("X00007");

    const empty = await raw("PUT", `/dns/v1/ncpdns/record/rollback/${zoneId}`);
    expect([empty.status, empty.text]).toEqual([200, ""]);
    await emulator.control.globalDns.setModes({ successBody: "json" });
    const body = await raw("PUT", `/dns/v1/ncpdns/record/rollback/${zoneId}`);
    expect(body.json).toBeDefined();
    await client.rollbackZone(zoneId); // the client reads no body either way
  });

  it("refuses unknown modes and values", async () => {
    await expect(emulator.control.globalDns.setModes({ duplicates: "maybe" } as never)).rejects.toThrow(
      /one of allowed, refused/,
    );
    await expect(emulator.control.globalDns.setModes({ nope: true } as never)).rejects.toThrow(/unknown mode nope/);
  });
});
