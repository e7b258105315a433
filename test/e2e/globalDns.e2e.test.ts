/**
 * Issue 16's story under the real engine: an AdvancedCertificate, its validation records in NCP Global DNS and an
 * AdvancedCertificateValidation, against an emulator whose CA issues only once the TXT records are applied in the
 * zone. One `up` from nothing to an issued certificate, a second that changes nothing, a record deleted in the
 * console found by refresh, a renewal that needs the new TXT values, and destroy (records, then the certificate).
 */
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject, VALIDATION_TYPE } from "../helpers/pulumiCli";
import { clockBeforeExpiry, e2eFile, emulatorConfig } from "./programs";

const DNS_TYPE = "pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord";
const e2e = e2eFile({ validateFromDns: true, dnsValidationDelayMs: 300, globalDnsZones: ["example.com"] });
const bin = e2e.bin;

function program(validationMethod: "D" | "PD"): string {
  return `const pulumi = require("@pulumi/pulumi");
const { ncloud } = require("pulumi-certmanager-kr");
const domains = ["example.com", "www.example.com"];
const certificate = new ncloud.AdvancedCertificate("site", {
  commonName: domains[0],
  dnsNames: domains.slice(1),
  validationMethod: ${JSON.stringify(validationMethod)},
  key: { algorithm: "ECDSA" },
});
const dns = ncloud.globalDnsValidationRecords("site", { certificate, domains, zone: "example.com", ttl: 60 });
const issued = new ncloud.AdvancedCertificateValidation("site", {
  certificateNo: certificate.certificateNo,
  validationRecordFqdns: dns.fqdns,
  timeoutMinutes: 2,
  pollIntervalSeconds: 1,
});
const consumer = new pulumi.dynamic.Resource(
  {
    async create(inputs) { return { id: "consumer", outs: inputs }; },
    async diff(_id, olds, news) { return { changes: olds.certificatePem !== news.certificatePem }; },
    async update(_id, _olds, news) { return { outs: news }; },
  },
  "consumer",
  { certificatePem: issued.certificatePem },
);
exports.serialNumber = issued.serialNumber;
exports.consumerPem = consumer.certificatePem;
exports.fqdns = dns.fqdns;
`;
}

async function project(name: string, validationMethod: "D" | "PD") {
  return E2EProject.create(inject("fixtureDir"), bin, name, {
    program: program(validationMethod),
    config: emulatorConfig(e2e.emulator),
  });
}

async function txt(): Promise<{ id: number; host: string; content: string }[]> {
  return (await e2e.emulator.control.globalDns.appliedRecords("example.com")).filter((r) => r.type === "TXT");
}

describe.skipIf(!bin)("certificate + Global DNS records + validation under the real engine", () => {
  it("one up: nothing → records applied → issued; a second up changes nothing; a console deletion shows on refresh", async () => {
    const p = await project("dns-one-up", "D");
    // NCP checks the records 3 s after they are served, so the validation's first look always finds the order
    // pending: the wait's report and its end are both printed (with 300 ms either story could happen).
    await e2e.emulator.control.ncloud.settings({ dnsValidationDelayMs: 3_000 });
    const up = await p.up().finally(() => e2e.emulator.control.ncloud.settings({ dnsValidationDelayMs: 300 }));
    const waiting = new RegExp(
      String.raw`AdvancedCertificateValidation for certificate \d+ \("[^"]+"\): waiting up to 2 min for NCP to issue it, ` +
        String.raw`status \S+; DNS records NCP still checks: TXT _dnsauth\.example\.com = "[^"]+" \(for example\.com\); ` +
        String.raw`TXT _dnsauth\.www\.example\.com = "[^"]+" \(for www\.example\.com\)`,
    );
    expect(up.output).toMatch(waiting);
    expect(up.output).toMatch(/AdvancedCertificateValidation for certificate \d+ \("[^"]+"\): issued after \d+ s/);
    const records = await txt();
    expect(records.map((r) => r.host).sort()).toEqual(["_dnsauth", "_dnsauth.www"]);
    const [cert] = await p.resources(CERT_TYPE);
    const dcv = cert.outputs?.dcvRecords as { value: string }[];
    expect(records.map((r) => r.content.replace(/"/g, "")).sort()).toEqual(dcv.map((r) => r.value).sort());
    expect(JSON.parse((await p.ok(["stack", "output", "fqdns", "--json"])).stdout)).toEqual([
      "_dnsauth.example.com",
      "_dnsauth.www.example.com",
    ]);
    const [validation] = await p.resources(VALIDATION_TYPE);
    expect(validation.outputs?.statusCode).toBe("2");
    expect(await p.output("consumerPem")).toContain("BEGIN CERTIFICATE");

    expect((await p.preview("--expect-no-changes")).code).toBe(0);
    await p.up("--expect-no-changes");

    // Deleted in the console: refresh drops it from the stack, and the next up puts it back.
    await e2e.emulator.control.globalDns.deleteRecord("example.com", records[0].id);
    const refresh = await p.refresh();
    expect(refresh.output).toMatch(/\(id \d+\) no longer exists in NCP Global DNS/);
    expect(await p.resources(DNS_TYPE)).toHaveLength(1);
    await p.up();
    expect(await txt()).toHaveLength(2);

    // Destroy removes the records, then the certificate.
    await e2e.emulator.control.clearRequests();
    await p.destroy();
    expect(await txt()).toEqual([]);
    const ops = (await e2e.emulator.control.requests()).map((r) => r.operation);
    expect(ops.lastIndexOf("deleteRecord")).toBeLessThan(ops.indexOf("deleteCertificate"));
    expect((await e2e.emulator.control.ncloud.getCertificate(Number(cert.id))).statusCode).toBe("-6");
  });

  it("a renewal with D needs the new TXT values: up reissues and updates the records, the consumer gets the new PEM", async () => {
    const p = await project("dns-renew", "D");
    await p.up();
    const [cert] = await p.resources(CERT_TYPE);
    const before = await txt();
    const oldSerial = await p.output("serialNumber");
    // The certificate resource has not read the issued chain yet (the validation did): take its expiry from there.
    const [validation0] = await p.resources(VALIDATION_TYPE);
    const restoreClock = await clockBeforeExpiry(e2e.emulator, p, String(validation0.outputs?.notAfter));
    try {
      await p.up("--refresh"); // reissue within the order; the records take the new values and are applied
      expect(await e2e.emulator.control.requests({ operation: "reissue" })).toHaveLength(1);
      const after = await txt();
      expect(after.map((r) => r.content).sort()).not.toEqual(before.map((r) => r.content).sort());
      await new Promise((r) => setTimeout(r, 1_000));
      await p.up("--refresh"); // the reissued certificate is in: validation and consumer move to it
      expect(await p.output("serialNumber")).not.toBe(oldSerial);
      expect((await p.resources(CERT_TYPE))[0].id).toBe(cert.id); // renewed within its order, never a new one
      const [validation] = await p.resources(VALIDATION_TYPE);
      expect(await p.output("consumerPem")).toBe(String(validation.outputs?.certificatePem).trim());
      expect((await p.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    } finally {
      await restoreClock();
    }
    await p.destroy();
  });

  it("with PD (persistent) validation a reissue keeps the TXT values: the records are not touched", async () => {
    const p = await project("dns-pd", "PD");
    await p.up();
    const [cert] = await p.resources(CERT_TYPE);
    const before = await txt();
    // The certificate resource has not read the issued chain yet (the validation did): take its expiry from there.
    const [validation0] = await p.resources(VALIDATION_TYPE);
    const restoreClock = await clockBeforeExpiry(e2e.emulator, p, String(validation0.outputs?.notAfter));
    try {
      await e2e.emulator.control.clearRequests();
      await p.up("--refresh");
      const ops = (await e2e.emulator.control.requests()).map((r) => r.operation);
      expect(ops).toContain("reissue");
      expect(ops).not.toContain("updateRecord");
      expect(ops).not.toContain("requestPaidCertificateIssuance");
      expect((await p.resources(CERT_TYPE))[0].id).toBe(cert.id);
      expect((await txt()).map((r) => [r.id, r.content])).toEqual(before.map((r) => [r.id, r.content]));
    } finally {
      await restoreClock();
    }
    await p.destroy();
  });
});
