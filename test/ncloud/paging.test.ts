/**
 * Issue 15, gap 2: NCP's lists are paged by the documented rule (stop on an empty page, or when the entries seen
 * reach totalCount), never on a short page: NCP documents no maximum page size, and the emulator's `pageSizeCap`
 * answers fewer entries than asked, as a server with a smaller limit would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import type { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;
const numbers: number[] = [];

beforeAll(async () => {
  ({ emulator, client } = await emulatorAndClient());
  // 25 certificates; "page-1x" names share a prefix, so the name filter (a substring match) returns many.
  for (let i = 0; i < 25; i++) numbers.push((await order(client, `page-${i}x`, `p${i}.example.com`, [])).certificateNo);
  await emulator.control.ncloud.settings({ pageSizeCap: 10 });
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

describe("paging when the server answers fewer entries than asked", () => {
  it("finds the last certificate by number in the Advanced list and in ListCertificates", async () => {
    await emulator.control.clearRequests();
    expect((await client.findInAllPages("getPaidCertificates", numbers[24]))?.certificateName).toBe("page-24x");
    const pages = await emulator.control.requests({ operation: "getPaidCertificates" });
    expect(pages).toHaveLength(3); // 10 + 10 + 5 = totalCount: no extra call
    expect((await client.findInAllPages("certificates", numbers[24]))?.certificateName).toBe("page-24x");
  });

  it("finds an exact name among substring matches past the first page", async () => {
    // "page-1x" is a substring of no other name, but every name contains "page-": filter on that.
    const all = [];
    for await (const page of client.pages("getPaidCertificates", { certificateName: "page-" }))
      all.push(...page.certificates);
    expect(all.map((c) => c.certificateNo).sort()).toEqual([...numbers].sort());
    expect((await client.findCertificatesByName("page-23x")).map((c) => c.certificateNo)).toEqual([numbers[23]]);
  });

  it("asks once when the first page holds the whole list", async () => {
    await emulator.control.ncloud.settings({ pageSizeCap: null });
    await emulator.control.clearRequests();
    expect(await client.findInAllPages("getPaidCertificates", 999_999)).toBeUndefined();
    expect(await emulator.control.requests({ operation: "getPaidCertificates" })).toHaveLength(1); // 25 ≤ 100
  });
});
