/**
 * Issue 15, gap 5 (NCP): getVerificationInfo's `domainAddress` for a wildcard is undocumented (doc §6.4 shows only
 * `ncloud.com`). The client sends the `*` raw (legal in a query per RFC 3986) and, when that names no domain, once
 * more as `%2A`, remembering the form that answered. The emulator's `starInQuery` mode serves exactly one form
 * ("raw" or "encoded"), or both ("either"), and its signature check covers the query as sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let certificateNo: number;

beforeAll(async () => {
  let client: NcloudCertificateManagerClient;
  ({ emulator, client } = await emulatorAndClient());
  ({ certificateNo } = await order(client, "wild-dcv", "*.wild.example.com", ["wild.example.com"]));
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

const freshClient = () =>
  new NcloudCertificateManagerClient({ credentials: emulator.ncloudCredentials, endpoint: emulator.url });

async function callsFor(run: () => Promise<unknown>): Promise<number> {
  await emulator.control.clearRequests();
  await run();
  return (await emulator.control.requests({ operation: "getVerificationInfo" })).length;
}

describe.each([
  ["either", 1],
  ["raw", 1],
  ["encoded", 2],
] as const)("starInQuery %s", (starInQuery, firstCalls) => {
  it("finds the wildcard's DCV record, asking in the other form only when the first names nothing", async () => {
    await emulator.control.ncloud.settings({ starInQuery });
    const client = freshClient();
    let records: Awaited<ReturnType<typeof client.getVerificationInfo>> = [];
    expect(
      await callsFor(async () => (records = await client.getVerificationInfo(certificateNo, "*.wild.example.com"))),
    ).toBe(firstCalls);
    expect(records).toHaveLength(1);
    expect(records[0].name).toMatch(/wild\.example\.com\.?$/);
    // The form that answered is tried first from then on: one call each.
    expect(await callsFor(() => client.getVerificationInfo(certificateNo, "*.wild.example.com"))).toBe(1);
    // A name without `*` is sent once, as it is.
    expect(await callsFor(() => client.getVerificationInfo(certificateNo, "wild.example.com"))).toBe(1);
  });
});

it("a mode serving one form answers an empty list for the other, and a client that learned a form falls back", async () => {
  await emulator.control.ncloud.settings({ starInQuery: "encoded" });
  const client = freshClient();
  await client.getVerificationInfo(certificateNo, "*.wild.example.com"); // learns %2A
  await emulator.control.ncloud.settings({ starInQuery: "raw" });
  expect(await callsFor(() => client.getVerificationInfo(certificateNo, "*.wild.example.com"))).toBe(2);
  // Neither form is served for a domain the certificate does not have: an empty list, asked in both forms.
  expect(await client.getVerificationInfo(certificateNo, "*.other.example.com")).toEqual([]);
  await emulator.control.ncloud.settings({ starInQuery: "either" });
});
