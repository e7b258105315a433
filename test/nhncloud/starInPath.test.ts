/**
 * Issue 15, gap 5: NHN does not say whether a `*` in a certificate name must reach the download path raw or as
 * `%2A` (notes §6.2, §13 #13). The emulator's `starInPath` mode answers only one form; the data source downloads a
 * wildcard-named certificate in every mode, and a plain name in one request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { closeSharedAgents } from "../../provider/shared/http";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
});
afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
  await emulator.close();
  await closeSharedAgents();
});

describe.each(["either", "raw", "encoded"] as const)("a server that takes * in the path as %s", (starInPath) => {
  it("downloads *.example.com, and sends the form it takes", async () => {
    await emulator.control.nhncloud.settings({ starInPath });
    await emulator.control.clearRequests();
    const file = await getCertificateFile({ certificateName: "*.example.com" });
    expect(file.domains).toContain("*.example.com");
    const paths = (await emulator.control.requests({ operation: "downloadCertificateFile" })).map((r) => r.path);
    expect(paths.at(-1)).toContain(starInPath === "encoded" ? "%2A.example.com" : "/*.example.com/");
    expect(paths).toHaveLength(starInPath === "encoded" ? 2 : 1); // raw first, %2A only after a 52000
  });
});
