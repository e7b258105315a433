/**
 * NHN's docs leave open what a page past the last one answers (notes §13 #4): an empty `data`, or an error. The
 * emulator's `pastLastPage` mode serves either; an inventory that shrinks while it is read (so a later page is past
 * the new end) comes back whole in both, an error past the end counting as the end of the list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { closeSharedAgents } from "../../provider/shared/http";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
});
afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  await emulator.close();
  await closeSharedAgents();
});

describe.each(["empty", "error"] as const)("a page past the end answers %s", (pastLastPage) => {
  it("an inventory that shrinks under the read to fewer pages is read again and comes back whole", async () => {
    await emulator.control.nhncloud.settings({ pastLastPage });
    const appKey = `SHRINK-${pastLastPage}`.toUpperCase();
    await emulator.control.nhncloud.addAppKey(appKey);
    await emulator.control.nhncloud.seed({ appKey, count: 250 });
    const names = (await emulator.control.nhncloud.listCertificates(appKey)).map((c) => c.certificateName);
    const gone = names.slice(0, 60); // after page 1: 190 left, so page 3 is past the end
    await emulator.control.addFault({
      kind: "controlAfter",
      api: "nhncloud",
      operation: "listCertificates",
      control: gone.map((certificateName) => ({
        method: "POST",
        path: "nhncloud/delete-certificate",
        body: { certificateName, appKey },
      })),
    });
    await emulator.control.clearRequests();
    const result = await getCertificates({ appKey, status: "ALL" });
    expect(result.certificates.map((c) => c.certificateName)).toEqual(names.slice(60));
    expect(result.totalCount).toBe(190);
    expect(result.warnings).toBeUndefined();
    const statuses = (await emulator.control.requests({ operation: "listCertificates" })).map((r) => r.status);
    expect(statuses).toContain(pastLastPage === "error" ? 400 : 200);
    if (pastLastPage === "empty") expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
