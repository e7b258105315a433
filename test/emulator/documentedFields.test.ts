/**
 * Issue 15, gap 1: each list serves exactly the fields its doc section lists. The Advanced list (§6.2) carries no
 * serial number, validity or usage; ListCertificates (§6.3) does. The provider must work from the documented ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import type { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let client: NcloudCertificateManagerClient;

beforeAll(async () => {
  ({ emulator, client } = await emulatorAndClient());
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

const ADVANCED_LIST_FIELDS = [
  "certificateName",
  "certificateNo",
  "certificateType",
  "commonName",
  "dnsName",
  "memberNo",
  "statusCode",
  "statusName",
];

describe("documented list fields", () => {
  it("getPaidCertificates (doc §6.2): exactly certificateNo, certificateName, memberNo, commonName, dnsName, status, type", async () => {
    const { certificateNo } = await order(client, "fields-paid");
    await emulator.control.ncloud.issue(certificateNo);
    const page = await client.getPaidCertificates({ certificateName: "fields-paid" });
    expect(page.certificates).toHaveLength(1);
    expect(Object.keys(page.certificates[0].raw).sort()).toEqual(ADVANCED_LIST_FIELDS);
    expect(page.certificates[0].orderId).toBeDefined(); // from the order around it
  });

  it("certificates (doc §6.3) carries the serial number, validity and usage the Advanced list does not", async () => {
    const [entry] = await client.findCertificatesByName("fields-paid");
    expect(entry.raw).toMatchObject({ serialNumber: expect.any(String), usedInstanceNoList: [] });
    expect(entry.raw).not.toHaveProperty("regDate");
    expect(entry.raw).not.toHaveProperty("renewalYn");
  });
});
