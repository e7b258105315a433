/**
 * The emulated Global DNS v1 takes requests exactly as shared/docs/ncp-global-dns-api.md describes them, no more
 * leniently and no more strictly (issue 26 §10): alias records as the doc's own example writes them, alias targets
 * that cannot be deleted while aliased (X00006, the documented message), an `aliasId` that names a record, only the
 * documented `recordType` filters and body fields, no body on apply or rollback, and sub-account keys (which the
 * Global DNS header table accepts). What the docs leave open is the `undocumentedInput` mode.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GLOBAL_DNS_MODES, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import type { ApiError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { failure } from "../helpers/failure";
import { signedCall } from "../helpers/signedCall";

let emulator: RunningEmulator;
let zoneId: number;
const ZONE = "requests.example";
const RECORDS = () => `/dns/v1/ncpdns/record/${zoneId}`;

beforeAll(async () => {
  emulator = await startEmulator();
  zoneId = (await emulator.control.globalDns.createZone(ZONE)).id;
});
afterEach(async () => {
  await emulator.control.globalDns.setModes(DEFAULT_GLOBAL_DNS_MODES);
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

/** A raw signed call, to send what the client never would. */
function raw(method: string, pathWithQuery: string, body?: unknown, sign = emulator.ncloudCredentials) {
  return signedCall(emulator, method, pathWithQuery, body, sign);
}

async function listed(host: string) {
  const page = (await raw("GET", `${RECORDS()}?page=0&size=100`)).json;
  return (page.content as { id: number; host: string; type: string; delYn: boolean }[]).filter(
    (r) => r.host === host && !r.delYn,
  );
}

async function createOk(records: unknown[]) {
  const res = await raw("POST", RECORDS(), records);
  expect(res.status, res.text).toBe(200);
  await raw("PUT", `/dns/v1/ncpdns/record/apply/${zoneId}`);
}

describe("alias records", () => {
  it("accepts the doc's own alias example (an A record whose content is the target's name) and lists it as an alias", async () => {
    await createOk([{ host: "www", type: "A", content: "192.0.2.10", ttl: 300, aliasId: null, lbId: null }]);
    const [target] = await listed("www");
    await createOk([{ host: "alias", type: "A", content: `www.${ZONE}`, ttl: 300, aliasId: target.id, lbId: null }]);
    const [alias] = await listed("alias");
    expect(alias).toMatchObject({ type: "A", content: `www.${ZONE}`, aliasId: target.id, aliasYn: true });
  });

  it("refuses to delete an alias target with the documented X00006, and deletes it once the alias is gone", async () => {
    const [target] = await listed("www");
    const [alias] = await listed("alias");
    const refused = await raw("DELETE", RECORDS(), [target.id]);
    expect(refused.json).toMatchObject({ result: "FAIL", error: { errorCode: "X00006" } });
    expect(refused.json.error.message).toBe(
      `The record you want to delete (Type: A, Name : www.${ZONE}) is being used as an alias elsewhere. Try deleting again after deleting the alias.`,
    );
    expect(refused.json.error.devMessage).toMatch(/\{0\}.*\{1\}/);
    expect(await listed("www")).toHaveLength(1);
    expect((await raw("DELETE", RECORDS(), [alias.id])).status).toBe(200);
    expect((await raw("DELETE", RECORDS(), [target.id])).status).toBe(200);
    expect(await listed("www")).toEqual([]);
  });

  it("refuses an aliasId that names no record of the zone, on create and on update, with X00007 naming aliasId", async () => {
    const create = await raw("POST", RECORDS(), [
      { host: "dangling", type: "A", content: `www.${ZONE}`, ttl: 300, aliasId: 999_999 },
    ]);
    expect(create.json.error.errorCode).toBe("X00007");
    expect(create.json.error.moreInfo.validationInfo.rrsetValidationResponseList).toEqual([
      expect.objectContaining({ recordType: "A", field: "aliasId" }),
    ]);
    await createOk([{ host: "plain", type: "A", content: "192.0.2.11", ttl: 300 }]);
    const [plain] = await listed("plain");
    const update = await raw("PUT", RECORDS(), [
      { id: plain.id, host: "plain", type: "A", content: `www.${ZONE}`, ttl: 300, aliasId: 999_999 },
    ]);
    expect(update.json.error.errorCode).toBe("X00007");
    expect(await listed("dangling")).toEqual([]);
  });
});

describe("undocumented input (mode undocumentedInput)", () => {
  it("refuses a recordType filter outside the documented list with Spring's 400, and lists nothing when ignored", async () => {
    const refused = await raw("GET", `${RECORDS()}?page=0&size=10&recordType=BOGUS`);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/recordType/);
    expect((await raw("GET", `${RECORDS()}?page=0&size=10&recordType=TXT`)).status).toBe(200);
    await emulator.control.globalDns.setModes({ undocumentedInput: "ignored" });
    const ignored = await raw("GET", `${RECORDS()}?page=0&size=10&recordType=BOGUS`);
    expect([ignored.status, ignored.json.totalElements]).toEqual([200, 0]);
  });

  it("refuses body fields the request types do not document with X00007 naming them, and drops them when ignored", async () => {
    const record = { host: "extra", type: "TXT", content: "v", ttl: 300 };
    const refused = await raw("POST", RECORDS(), [{ ...record, comment: "x" }]);
    expect(refused.json.error.errorCode).toBe("X00007");
    expect(refused.json.error.moreInfo.validationInfo.rrsetValidationResponseList).toEqual([
      expect.objectContaining({ recordType: "TXT", field: "comment" }),
    ]);
    expect((await raw("POST", RECORDS(), [{ ...record, id: 5 }])).json.error.errorCode).toBe("X00007");
    // The documented optional fields, lbRegionCode included (the newer Korean update page), are fine.
    await createOk([{ ...record, aliasId: null, lbId: null, lbRegionCode: null }]);
    await emulator.control.globalDns.setModes({ undocumentedInput: "ignored" });
    await createOk([{ ...record, host: "extra2", comment: "x" }]);
    expect(await listed("extra2")).toHaveLength(1);
  });

  it("refuses a body on apply and rollback (the docs say none), and ignores it when ignored", async () => {
    for (const op of ["apply", "rollback"]) {
      const refused = await raw("PUT", `/dns/v1/ncpdns/record/${op}/${zoneId}`, { ids: [1] });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.text).toMatch(/body/);
    }
    await emulator.control.globalDns.setModes({ undocumentedInput: "ignored" });
    expect((await raw("PUT", `/dns/v1/ncpdns/record/apply/${zoneId}`, { ids: [1] })).status).toBe(200);
  });
});

describe("sub-account keys", () => {
  it("are accepted by Global DNS (its header table links sub-account keys), unlike Certificate Manager 2.0", async () => {
    await emulator.control.ncloud.addAccessKey({ accessKey: "DNS-SUB-AK", secretKey: "DNS-SUB-SK", subAccount: true });
    const sub = { accessKey: "DNS-SUB-AK", secretKey: "DNS-SUB-SK" };
    const client = new NcloudGlobalDnsClient({ credentials: sub, endpoint: emulator.globalDnsEndpoint });
    expect((await client.findZone(ZONE))?.id).toBe(zoneId);
    const cm = new NcloudCertificateManagerClient({ credentials: sub, endpoint: emulator.url });
    expect(((await failure(cm.listCertificates())) as ApiError).httpStatus).toBe(403);
  });
});
