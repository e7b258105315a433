/** The expiry guard: the verdict rules, and inside a program (mocks) on data-source entries from the emulator. */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { checkExpiry } from "../../provider/expiry";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { expiryGuard, nhncloud } = load("../../dist/index.js");
const { closeSharedAgents } = load("../../dist/shared/http.js");

let emulator: RunningEmulator;
const NOW = Date.parse("2026-11-23T00:00:00Z");

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
  pulumi.runtime.setMocks(
    {
      newResource: (a: { name: string; inputs: unknown }) => ({ id: a.name, state: a.inputs }),
      call: (a: { inputs: unknown }) => a.inputs,
    },
    "proj",
    "stack",
    true,
  );
});
afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
  await emulator.close();
  await closeSharedAgents();
});

describe("checkExpiry", () => {
  const cert = { name: "site-2026", domains: ["example.com", "www.example.com"] };
  it("is ok, warns, fails, and names the certificate, its domains and the date", () => {
    expect(checkExpiry({ ...cert, notAfter: "2027-03-01T00:00:00Z" }, {}, NOW).level).toBe("ok");
    const warn = checkExpiry({ ...cert, notAfter: "2026-12-13T00:00:00Z" }, {}, NOW);
    expect(warn).toMatchObject({ level: "warn", daysLeft: 20 });
    expect(warn.message).toBe(
      'certificate "site-2026" (example.com, www.example.com) expires on 2026-12-13, in 20 day(s) (warning below 30).',
    );
    const fail = checkExpiry({ ...cert, notAfter: "2026-11-26T00:00:00Z" }, { warnDays: 30, failDays: 7 }, NOW);
    expect(fail.level).toBe("fail");
    expect(fail.message).toContain("expires on 2026-11-26, in 3 day(s): below the 7-day limit");
    expect(checkExpiry({ ...cert, notAfter: "2026-11-01T00:00:00Z" }, {}, NOW).message).toContain(
      "expired on 2026-11-01",
    );
  });

  it("reports the common name with the SANs, once (AdvancedCertificate keeps it apart from dnsNames)", () => {
    const v = checkExpiry(
      {
        name: "site",
        commonName: "example.com",
        domains: ["www.example.com", "example.com"],
        notAfter: "2026-12-13T00:00:00Z",
      },
      {},
      NOW,
    );
    expect(v.message).toContain('certificate "site" (example.com, www.example.com) expires on 2026-12-13');
  });

  it("reads NHN's Korean calendar dates as valid through that day, and knows when there is no date", () => {
    expect(checkExpiry({ name: "n", notAfter: "2026-11-23" }, { failDays: 0 }, NOW)).toMatchObject({
      daysLeft: 0,
      level: "warn",
    });
    expect(checkExpiry({ name: "n" }, {}, NOW).level).toBe("unknown");
    expect(() => checkExpiry({ name: "n" }, { warnDays: 5, failDays: 10 })).toThrow(/failDays/);
  });
});

describe("expiryGuard in a program", () => {
  /** The Output's value; a failed guard rejects every promise the Output holds, so all of them are observed here. */
  function settle<T>(o: unknown): Promise<T> {
    const out = o as {
      promise(): Promise<T>;
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
      allResources?: () => Promise<unknown>;
    };
    for (const p of [out.isKnown, out.isSecret, out.allResources?.()]) p?.catch(() => undefined);
    return out.promise();
  }

  it("warns for an NHN certificate close to expiry and fails the preview below failDays", async () => {
    const list = nhncloud.getCertificatesOutput({});
    const soon = list.apply(
      (l: { certificates: { certificateName: string; domains: string[]; expirationDate: string }[] }) =>
        l.certificates
          .filter((c) => c.certificateName === "soon.example.com")
          .map((c) => ({ name: c.certificateName, domains: c.domains, notAfter: c.expirationDate })),
    );
    const verdicts = await settle<{ level: string; message: string }[]>(
      expiryGuard(soon, { warnDays: 30, failDays: 5 }),
    );
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].level).toBe("warn");
    expect(verdicts[0].message).toMatch(
      /certificate "soon.example.com" \(soon.example.com\) expires on \d{4}-\d{2}-\d{2}/,
    );
    await expect(settle(expiryGuard(soon, { warnDays: 60, failDays: 30 }))).rejects.toThrow(/below the 30-day limit/);
  });
});
