/**
 * What `totalCount` counts when getCertificates filters by `domain` (issue #17, item 7): it returned the API's
 * count of the whole inventory (15) beside the 2 entries that matched. It is now the number returned, and the
 * API's count is kept as `unfilteredTotalCount`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { closeSharedAgents } from "../../provider/shared/http";

let emulator: RunningEmulator;
let appKey: string;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  appKey = emulator.nhncloud.appKey;
});
afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  await emulator.close();
  await closeSharedAgents();
});

describe("getCertificates totalCount", () => {
  it("with domain: the number of entries returned; the API's count stays as unfilteredTotalCount", async () => {
    const all = await getCertificates({ appKey, status: "ALL" });
    const covering = await getCertificates({ appKey, status: "ALL", domain: "blog.example.com" });
    expect(covering.certificates.length).toBeGreaterThan(0);
    expect(covering.certificates.length).toBeLessThan(all.certificates.length);
    expect(covering.totalCount).toBe(covering.certificates.length);
    expect(covering.unfilteredTotalCount).toBe(all.totalCount);
  });

  it("without domain: both are the API's count", async () => {
    const all = await getCertificates({ appKey, status: "ALL" });
    expect(all.totalCount).toBe(all.certificates.length);
    expect(all.unfilteredTotalCount).toBe(all.totalCount);
    const page = await getCertificates({ appKey, status: "ALL", pageNum: 1, pageSize: 3 });
    expect(page.certificates).toHaveLength(3);
    expect(page.totalCount).toBe(all.totalCount); // the inventory's size, as the API reports it
    expect(page.unfilteredTotalCount).toBe(all.totalCount);
  });

  it("with domain and pageNum: the matches on that page", async () => {
    const all = await getCertificates({ appKey, status: "ALL" });
    const page = await getCertificates({
      appKey,
      status: "ALL",
      pageNum: 1,
      pageSize: 100,
      domain: "blog.example.com",
    });
    expect(page.totalCount).toBe(page.certificates.length);
    expect(page.unfilteredTotalCount).toBe(all.totalCount);
  });
});
