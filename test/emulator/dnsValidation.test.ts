/**
 * The emulator's CA in DNS-validation mode: a pending order is issued only once every domain's TXT record is served
 * by an applied Global DNS record (or an external DNS, for names outside every emulated zone), expires when they
 * never appear, and a reissue needs new records with `D` but reuses them with `PD`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import type { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import { closeSharedAgents } from "../../provider/shared/http";
import { emulatorAndClient, keyAndCsr, order } from "../helpers/ncloud";

let emulator: RunningEmulator;
let cm: NcloudCertificateManagerClient;
let dns: NcloudGlobalDnsClient;
let zoneId: number;
let seq = 0;

beforeAll(async () => {
  ({ emulator, client: cm } = await emulatorAndClient({
    emulator: { validateFromDns: true, dnsValidationDelayMs: 0, globalDnsZones: ["dcv.example"] },
  }));
  dns = new NcloudGlobalDnsClient({ credentials: emulator.ncloudCredentials, endpoint: emulator.globalDnsEndpoint });
  zoneId = (await dns.findZone("dcv.example"))?.id as number;
});
beforeEach(async () => {
  await emulator.control.setClockOffset(0);
  await emulator.control.ncloud.settings({ dnsValidationDelayMs: 0, dcvExpireAfterMs: 60 * 60_000 });
  await emulator.control.globalDns.setModes({ liveBeforeApply: false });
});
afterAll(async () => {
  await emulator.close();
  await closeSharedAgents();
});

async function status(name: string): Promise<string> {
  const [c] = await cm.findPaidCertificatesByName(name);
  return c.statusCode;
}

async function dcvOf(no: number, domains: string[]) {
  return (await Promise.all(domains.map((d) => cm.getVerificationInfo(no, d)))).flat();
}

/** Creates the TXT records in the zone (host relative to dcv.example) and applies them unless told not to. */
async function publish(records: { name: string; value: string }[], apply = true) {
  await dns.createRecords(
    zoneId,
    records.map((r) => ({ host: r.name.replace(/\.dcv\.example$/, ""), type: "TXT", content: r.value, ttl: 300 })),
  );
  if (apply) await dns.applyZone(zoneId);
}

describe("issuance waits for every TXT record to be applied", () => {
  it("stays pending with one of two records, or with both unapplied; issues once both are applied", async () => {
    const name = `dcv-${++seq}`;
    const domains = [`s${seq}.dcv.example`, `www.s${seq}.dcv.example`];
    const { certificateNo } = await order(cm, name, domains[0], [domains[1]]);
    const [first, second] = await dcvOf(certificateNo, domains);
    expect(first.name).toBe(`_dnsauth.${domains[0]}`);
    await publish([first]);
    expect(await status(name)).toBe("0");
    expect((await dcvOf(certificateNo, domains)).map((d) => d.validStatusCode)).toEqual([
      "VALID_STATUS_SUCCESS",
      "VALID_STATUS_REG",
    ]);
    await publish([second], false);
    expect(await status(name)).toBe("0");
    await dns.applyZone(zoneId);
    expect(await status(name)).toBe("2");
  });

  it("waits the configured delay after the last record is served", async () => {
    await emulator.control.ncloud.settings({ dnsValidationDelayMs: 60_000 });
    const name = `dcv-${++seq}`;
    const { certificateNo } = await order(cm, name, `s${seq}.dcv.example`, []);
    await publish(await dcvOf(certificateNo, [`s${seq}.dcv.example`]));
    expect(await status(name)).toBe("0");
    await emulator.control.setClockOffset(61_000, { certificatesOnly: true });
    expect(await status(name)).toBe("2");
  });

  it("with liveBeforeApply, a pending record counts (the docs' v1 unknown #1)", async () => {
    await emulator.control.globalDns.setModes({ liveBeforeApply: true });
    const name = `dcv-${++seq}`;
    const { certificateNo } = await order(cm, name, `s${seq}.dcv.example`, []);
    await publish(await dcvOf(certificateNo, [`s${seq}.dcv.example`]), false);
    expect(await status(name)).toBe("2");
  });

  it("a wrong value does not count", async () => {
    const name = `dcv-${++seq}`;
    const { certificateNo } = await order(cm, name, `s${seq}.dcv.example`, []);
    const [d] = await dcvOf(certificateNo, [`s${seq}.dcv.example`]);
    await publish([{ name: d.name, value: `${d.value}x` }]);
    expect(await status(name)).toBe("0");
  });
});

describe("expiry", () => {
  it("goes to VALIDATION_EXPIRE (-4) with VALID_STATUS_TIMEOUT when the records never appear", async () => {
    await emulator.control.ncloud.settings({ dcvExpireAfterMs: 5 * 60_000 });
    const name = `dcv-${++seq}`;
    const domains = [`s${seq}.dcv.example`, `www.s${seq}.dcv.example`];
    const { certificateNo } = await order(cm, name, domains[0], [domains[1]]);
    await publish([(await dcvOf(certificateNo, domains))[0]]);
    await emulator.control.setClockOffset(6 * 60_000, { certificatesOnly: true });
    expect(await status(name)).toBe("-4");
    expect((await dcvOf(certificateNo, domains)).map((d) => d.validStatusCode)).toEqual([
      "VALID_STATUS_SUCCESS",
      "VALID_STATUS_TIMEOUT",
    ]);
  });
});

describe("DNS hosted elsewhere", () => {
  it("is satisfied through the control API, and only for names in no emulated zone", async () => {
    const name = `dcv-${++seq}`;
    const { certificateNo } = await order(cm, name, `ext${seq}.elsewhere.test`, [`s${seq}.dcv.example`]);
    const [ext, inZone] = await dcvOf(certificateNo, [`ext${seq}.elsewhere.test`, `s${seq}.dcv.example`]);
    await emulator.control.ncloud.serveExternalTxt(inZone.name, inZone.value); // ignored: the zone is emulated
    await emulator.control.ncloud.serveExternalTxt(ext.name, ext.value);
    expect(await status(name)).toBe("0");
    await publish([inZone]);
    expect(await status(name)).toBe("2");
  });
});

describe("reissue", () => {
  async function reissue(no: number, name: string, domain: string, validationMethod: "D" | "PD") {
    const { csr } = await keyAndCsr(domain);
    await cm.reissue(no, { csr, certificateName: name, commonName: domain, validationMethod });
  }

  it("with D gets new TXT values and is issued only after the new records are applied", async () => {
    const name = `dcv-${++seq}`;
    const domain = `s${seq}.dcv.example`;
    const { certificateNo } = await order(cm, name, domain, []);
    const [before] = await dcvOf(certificateNo, [domain]);
    await publish([before]);
    expect(await status(name)).toBe("2");
    await reissue(certificateNo, name, domain, "D");
    const [after] = await dcvOf(certificateNo, [domain]);
    expect(after.value).not.toBe(before.value);
    expect(await status(name)).toBe("0");
    await publish([after]);
    expect(await status(name)).toBe("2");
  });

  it("with PD keeps its values, so the records already in DNS issue it", async () => {
    const name = `dcv-${++seq}`;
    const domain = `s${seq}.dcv.example`;
    const { certificateNo } = await order(cm, name, domain, [], { validationMethod: "PD" });
    const [before] = await dcvOf(certificateNo, [domain]);
    await publish([before]);
    expect(await status(name)).toBe("2");
    await reissue(certificateNo, name, domain, "PD");
    const [after] = await dcvOf(certificateNo, [domain]);
    expect(after.value).toBe(before.value);
    expect(await status(name)).toBe("2");
  });
});

describe("the older flows", () => {
  it("without validateFromDns, auto-issue still issues with no DNS record at all", async () => {
    await emulator.control.ncloud.settings({ validateFromDns: false, autoIssueAfterMs: 0 });
    try {
      const name = `dcv-${++seq}`;
      await order(cm, name, `s${seq}.dcv.example`, []);
      expect(await status(name)).toBe("2");
    } finally {
      await emulator.control.ncloud.settings({ validateFromDns: true, autoIssueAfterMs: null });
    }
  });
});
