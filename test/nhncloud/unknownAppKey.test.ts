/**
 * Issue 15, gap 7: NHN's docs leave open whether a wrong appkey gets an error or an empty list (notes §13 #6). In
 * both emulator modes the data source says something useful: the API's own error, or a warning that an empty
 * inventory may be a wrong appkey. A real, empty appkey gets the same warning (they cannot be told apart).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { closeSharedAgents } from "../../provider/shared/http";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  await emulator.control.nhncloud.addAppKey("EMPTY-BUT-REAL");
});
afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  await emulator.close();
  await closeSharedAgents();
});

describe("an appkey NHN does not know", () => {
  it('mode "unauthorized" (default): the API\'s own code and message', async () => {
    await expect(getCertificates({ appKey: "TYPO-APPKEY" })).rejects.toThrow(
      /-6.*Unauthorized appkey|Unauthorized appkey.*-6/,
    );
  });

  it('mode "empty": an empty list, with a warning that names the appkey setting', async () => {
    await emulator.control.nhncloud.settings({ unknownAppKeyAnswer: "empty" });
    const res = await getCertificates({ appKey: "TYPO-APPKEY" });
    expect(res.certificates).toEqual([]);
    expect(res.warnings?.join(" ")).toMatch(
      /may answer an appkey it does not know with an empty list.*nhncloud:certificateManagerAppKey/,
    );
  });

  it("a real appkey with no certificates gets the same warning; one with certificates does not", async () => {
    expect((await getCertificates({ appKey: "EMPTY-BUT-REAL" })).warnings?.join(" ")).toMatch(/lists no certificates/);
    const full = await getCertificates({ appKey: emulator.nhncloud.appKey });
    expect(full.certificates.length).toBeGreaterThan(0);
    expect(full.warnings ?? []).not.toContainEqual(expect.stringMatching(/lists no certificates/));
  });
});
