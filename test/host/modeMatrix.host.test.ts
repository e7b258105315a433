/**
 * Issue 15, "the rule": every open question of the NCP and NHN API notes is a named emulator mode, and the core
 * flows run in every mode, as one matrix rather than one test per mode. Each NCP row orders a wildcard certificate
 * with SANs through the provider host, gets it issued (from DNS where the mode validates from DNS), reads it, renews
 * it by reissue and deletes it; each NHN row lists the inventory and downloads a wildcard-named file.
 * A mode's values are each taken once from the defaults, and the last row sets every non-default value at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorControl } from "../../provider/emulator/control";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { getCertificates } from "../../provider/nhncloud/getCertificates";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type NcpModes = Parameters<EmulatorControl["ncloud"]["settings"]>[0];
type NhnModes = Parameters<EmulatorControl["nhncloud"]["settings"]>[0];
type Props = Record<string, unknown>;

const NCP_DEFAULTS: NcpModes = {
  dnsNameFormat: "comma",
  pageSizeCap: null,
  reissueAssignsNewNumber: false,
  paidListPagesCount: "orders",
  reissueKeepsOldListed: false,
  starInQuery: "either",
  dcvValueField: "txtValue",
  dcvRecordType: "TXT",
  orderAnswer: "full",
  certificateNoType: "integer",
  validateFromDns: false,
};
const NCP_ROWS: [string, NcpModes][] = [
  ["defaults", {}],
  ["dnsNameFormat comma-space", { dnsNameFormat: "comma-space" }],
  ["dnsNameFormat array", { dnsNameFormat: "array" }],
  ["pageSizeCap 1", { pageSizeCap: 1 }],
  ["reissueAssignsNewNumber", { reissueAssignsNewNumber: true }],
  ["paidListPagesCount certificates", { paidListPagesCount: "certificates" }],
  ["reissueKeepsOldListed", { reissueKeepsOldListed: true }],
  ["starInQuery raw", { starInQuery: "raw" }],
  ["starInQuery encoded", { starInQuery: "encoded" }],
  ["dcvValueField value", { dcvValueField: "value" }],
  ["dcvRecordType CNAME", { dcvRecordType: "CNAME" }],
  ["orderAnswer withoutNumber", { orderAnswer: "withoutNumber" }],
  ["certificateNoType string", { certificateNoType: "string" }],
  ["validateFromDns", { validateFromDns: true, dnsValidationDelayMs: 0 }],
  [
    "every non-default at once",
    {
      dnsNameFormat: "array",
      pageSizeCap: 1,
      paidListPagesCount: "certificates",
      reissueKeepsOldListed: true,
      starInQuery: "encoded",
      dcvValueField: "value",
      orderAnswer: "withoutNumber",
      certificateNoType: "string",
      validateFromDns: true,
      dnsValidationDelayMs: 0,
    },
  ],
];

const ctx = hostWithEmulatorForFile();
let row = 0;

beforeAll(async () => {
  // Other orders in the account, so that every list has more than one page under pageSizeCap.
  for (let i = 1; i <= 3; i++) {
    const checked = await ctx.host.check(
      {},
      {
        __provider: ctx.provider,
        certificateName: `mx-filler-${i}`,
        commonName: `f${i}.example.org`,
        key: { algorithm: "ECDSA" },
      },
    );
    await ctx.host.create(checked.inputs);
  }
});

/**
 * Gets a pending order issued the way the mode wants (its DCV TXT records served, or the emulator's issue()) and
 * returns the provider's read of it once NCP shows it issued.
 */
async function issueAndRead(id: string, state: Props, fromDns: boolean): Promise<Props> {
  if (!fromDns) await ctx.emulator.control.ncloud.issue(state.certificateNo as number);
  else
    for (const r of state.dcvRecords as { name: string; value: string }[])
      await ctx.emulator.control.ncloud.serveExternalTxt(r.name, r.value);
  for (let i = 0; i < 100; i++) {
    const read = (await ctx.host.read(id, state)).properties;
    if (read.statusCode !== "0") return read;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`certificate ${id} was not issued`);
}

describe.each(NCP_ROWS)("NCP modes: %s", (_label, modes) => {
  it("create, read, renew by reissue and delete a wildcard certificate with SANs", async () => {
    const n = ++row;
    const fromDns = modes.validateFromDns === true;
    const control = ctx.emulator.control.ncloud;
    await control.settings({ ...NCP_DEFAULTS, ...modes, validityDays: 20 });
    const domains = { commonName: `*.mx${n}.example.org`, dnsNames: [`mx${n}.example.org`, `api.mx${n}.example.org`] };

    // Create: ordered once, with one DCV record per domain, the wildcard's included.
    const { id, inputs, properties } = await checkAndCreate(ctx.host, {
      __provider: ctx.provider,
      certificateName: `mx-row-${n}`,
      ...domains,
      key: { algorithm: "ECDSA" },
    });
    expect(properties).toMatchObject({ statusCode: "0", commonName: domains.commonName });
    const dcv = properties.dcvRecords as { domain: string; value: string }[];
    expect(dcv.map((r) => r.domain).sort()).toEqual([domains.commonName, ...domains.dnsNames].sort());
    expect(dcv.every((r) => r.value.length > 0)).toBe(true);

    // Read after issuance: the chain, the SANs in any response format, no drift.
    const issued = await issueAndRead(id, properties, fromDns);
    expect(issued).toMatchObject({ statusCode: "2", keyMatchesCertificate: true, dnsNames: inputs.dnsNames });
    expect(issued.certificatePem).toMatch(/BEGIN CERTIFICATE/);
    expect(issued.observed).toBeUndefined(); // NCP's name, CN and SANs read back as the program's: no drift

    // Renewal: inside renewBeforeDays (20-day certificate, 30-day window) an in-place update reissues in the order.
    await control.settings({ validityDays: 198 });
    expect(await ctx.host.diff(id, issued, inputs)).toMatchObject({ changes: "some", replaces: [] });
    const renewing = await ctx.host.update(id, issued, inputs);
    const renewNo = renewing.certificateNo as number;
    expect(renewing.pendingCsrPem).toBeDefined();
    expect(renewing.certificatePem).toBe(issued.certificatePem); // the one in service, until the new one is issued
    const pending = (await ctx.host.read(String(renewNo), renewing)).properties;
    const renewed = await issueAndRead(String(renewNo), pending, fromDns);
    expect(renewed).toMatchObject({ statusCode: "2", keyMatchesCertificate: true, dnsNames: inputs.dnsNames });
    expect(renewed.serialNumber).not.toBe(issued.serialNumber);
    expect(renewed.pendingCsrPem).toBeUndefined();
    expect(renewed.observed).toBeUndefined();
    expect((await ctx.host.diff(String(renewNo), renewed, inputs)).changes).toBe("none");

    // Delete: the certificate, and the one a reissue left listed in the same order, are gone.
    await ctx.host.delete(String(renewNo), renewed);
    const live = (await control.listCertificates()).filter((c) => c.certificateName === `mx-row-${n}`);
    expect(live.length).toBeGreaterThan(0);
    expect(live.map((c) => c.statusCode)).toEqual(live.map(() => "-6")); // deleted, or gone with the reissue
  });
});

const NHN_ROWS: [string, NhnModes][] = [
  [
    "defaults",
    { unknownAppKeyAnswer: "unauthorized", starInPath: "either", pastLastPage: "empty", failureStatus: "200" },
  ],
  ["unknownAppKeyAnswer empty", { unknownAppKeyAnswer: "empty" }],
  ["starInPath raw", { starInPath: "raw" }],
  ["starInPath encoded", { starInPath: "encoded" }],
  ["pastLastPage error", { pastLastPage: "error" }],
  ["failureStatus 4xx", { failureStatus: "4xx" }],
  [
    "every non-default at once",
    { unknownAppKeyAnswer: "empty", starInPath: "encoded", pastLastPage: "error", failureStatus: "4xx" },
  ],
];

describe("NHN modes", () => {
  beforeAll(() => {
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = ctx.emulator.url;
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = ctx.emulator.nhncloud.appKey;
  });
  afterAll(() => {
    delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
    delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
  });

  it.each(NHN_ROWS)("%s: the inventory lists every certificate and a wildcard-named file splits", async (_l, modes) => {
    await ctx.emulator.control.nhncloud.settings({
      ...NHN_ROWS[0][1],
      ...modes,
    });
    const inventory = await getCertificates({ all: true });
    const names = inventory.certificates.map((c) => c.certificateName);
    expect(names).toContain("*.example.com");
    expect(inventory.warnings ?? []).toEqual([]);
    const file = await getCertificateFile({ certificateName: "*.example.com" });
    expect(file.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(file.chainPem).toMatch(/BEGIN CERTIFICATE/);
    expect(file.privateKeyPem).toMatch(/PRIVATE KEY/);
    expect(file.domains).toContain("*.example.com");
    // A name NHN does not have: its own code and words, whatever HTTP status carries them.
    await expect(getCertificateFile({ certificateName: "no-such.example.com" })).rejects.toThrow(/52000/);
  });
});
