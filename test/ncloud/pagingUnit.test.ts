/**
 * Issue 15, gap 2 (the unit): the Advanced list's pages and totalCount may count orders or certificates (doc §6.2
 * leaves it open), which differ once an order lists two certificates (a reissue beside the old one). In both modes
 * every certificate is found, with pages capped below the page size asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import type { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, keyAndCsr, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;
const numbers: number[] = [];

beforeAll(async () => {
  ({ emulator, client } = await emulatorAndClient());
  await emulator.control.ncloud.settings({ reissueKeepsOldListed: true });
  for (let i = 0; i < 12; i++) {
    const name = `unit-${i}x`;
    const { certificateNo } = await order(client, name, `u${i}.example.com`, []);
    numbers.push(certificateNo);
    if (i % 2 === 0) {
      // Every other order gets a second certificate: a reissue listed beside the first.
      await emulator.control.ncloud.issue(certificateNo);
      const { csr } = await keyAndCsr(`u${i}.example.com`);
      await client.reissue(certificateNo, {
        csr,
        certificateName: name,
        commonName: `u${i}.example.com`,
        dnsName: [],
        validationMethod: "D",
      });
    }
  }
  const all = await emulator.control.ncloud.listCertificates();
  for (const c of all)
    if (!numbers.includes(c.certificateNo) && c.certificateName.startsWith("unit-")) numbers.push(c.certificateNo);
  expect(numbers).toHaveLength(18); // 12 orders, 18 certificates
  await emulator.control.ncloud.settings({ pageSizeCap: 4 });
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

describe.each(["orders", "certificates"] as const)("pages and totalCount count %s", (paidListPagesCount) => {
  it("every certificate is found by number, and a name listing returns all of them", async () => {
    await emulator.control.ncloud.settings({ paidListPagesCount });
    for (const no of numbers) expect((await client.findInAllPages("getPaidCertificates", no))?.certificateNo).toBe(no);
    const listed = [];
    for await (const page of client.pages("getPaidCertificates", { certificateName: "unit-" }))
      listed.push(...page.certificates);
    expect(listed.map((c) => c.certificateNo).sort()).toEqual([...numbers].sort());
    // A reissued name lists both its certificates, in one order.
    const both = await client.findPaidCertificatesByName("unit-0x");
    expect(both).toHaveLength(2);
    expect(new Set(both.map((c) => c.orderId)).size).toBe(1);
  });
});
