/**
 * globalDnsValidationRecords under the real engine (issue 26 #5, #6, #7): an apex and its wildcard share one record
 * with PD, the record type follows what NCP asks for (CNAME in the emulator's `dcvRecordType: "CNAME"` mode; the TXT
 * mode is test/e2e/globalDns), and a domain outside the zone stops the program before any paid order.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject, VALIDATION_TYPE } from "../helpers/pulumiCli";
import { e2eFile, emulatorConfig } from "./programs";

const DNS_TYPE = "pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord";
const ZONE = "shared.example";
const e2e = e2eFile({ validateFromDns: true, dnsValidationDelayMs: 300, globalDnsZones: [ZONE] });
const bin = e2e.bin;

function program(domains: string[], validationMethod: "D" | "PD", zone = ZONE): string {
  return `const { ncloud } = require("pulumi-certmanager-kr");
const domains = ${JSON.stringify(domains)};
const certificate = new ncloud.AdvancedCertificate("site", {
  commonName: domains[0],
  dnsNames: domains.slice(1),
  validationMethod: ${JSON.stringify(validationMethod)},
  key: { algorithm: "ECDSA" },
});
const dns = ncloud.globalDnsValidationRecords("site", { certificate, domains, zone: ${JSON.stringify(zone)}, ttl: 60 });
const issued = new ncloud.AdvancedCertificateValidation("site", {
  certificateNo: certificate.certificateNo,
  validationRecordFqdns: dns.fqdns,
  timeoutMinutes: 2,
  pollIntervalSeconds: 1,
});
exports.statusCode = issued.statusCode;
exports.fqdns = dns.fqdns;
`;
}

async function project(name: string, prog: string) {
  return E2EProject.create(inject("fixtureDir"), bin, name, { program: prog, config: emulatorConfig(e2e.emulator) });
}

async function served(type: string) {
  return (await e2e.emulator.control.globalDns.appliedRecords(ZONE)).filter((r) => r.type === type);
}

afterEach(async () => {
  await e2e.emulator.control.ncloud.settings({ dcvRecordType: "TXT" });
});

describe.skipIf(!bin)("globalDnsValidationRecords under the real engine", () => {
  it("PD: an apex and its wildcard share one TXT record, owned once; destroy removes it once", async () => {
    const p = await project("dns-shared", program([ZONE, `*.${ZONE}`], "PD"));
    await p.up();
    expect(await p.output("statusCode")).toBe("2");
    const txt = await served("TXT");
    expect(txt).toHaveLength(1);
    const records = await p.resources(DNS_TYPE);
    expect(records.map((r) => r.id)).toEqual([String(txt[0].id), String(txt[0].id)]);
    expect(records.map((r) => r.outputs?.adopted).sort()).toEqual([false, true]);
    expect(JSON.parse((await p.ok(["stack", "output", "fqdns", "--json"])).stdout)).toEqual([`_dnsauth.${ZONE}`]);
    expect((await p.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await p.destroy();
    expect(await served("TXT")).toEqual([]);
  });

  it("CNAME-style validation: the records are CNAMEs to NCP's targets, and the certificate is issued", async () => {
    await e2e.emulator.control.ncloud.settings({ dcvRecordType: "CNAME" });
    const p = await project("dns-cname", program([`www.${ZONE}`, `api.${ZONE}`], "D"));
    await p.up();
    expect(await p.output("statusCode")).toBe("2");
    const [cert] = await p.resources(CERT_TYPE);
    const dcv = cert.outputs?.dcvRecords as { recordType: string; name: string; value: string }[];
    expect(dcv.map((r) => r.recordType)).toEqual(["CNAME", "CNAME"]);
    const cnames = await served("CNAME");
    expect(cnames.map((r) => r.content).sort()).toEqual(dcv.map((r) => r.value).sort());
    expect(await served("TXT")).toEqual([]);
    const [validation] = await p.resources(VALIDATION_TYPE);
    expect(validation.outputs?.statusCode).toBe("2");
    await p.destroy();
    expect(await served("CNAME")).toEqual([]);
  });

  it("a domain outside the zone stops the program before the paid order", async () => {
    const before = await e2e.orders();
    const p = await project("dns-outside", program([ZONE, "www.elsewhere.example"], "D"));
    const up = await p.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/www\.elsewhere\.example is not in the Global DNS zone shared\.example/);
    expect(await e2e.orders()).toBe(before);
    expect(await p.resources(CERT_TYPE)).toEqual([]);
  });
});
