/**
 * AdvancedCertificateValidation and auto-naming under the real engine: one `up` from nothing to an issued
 * certificate whose PEM a dependant takes, a second `up` that changes nothing, and an auto-named replacement that
 * is created before the old certificate is deleted. DNS here is "outside Pulumi": the emulator issues each order
 * a few seconds after it is placed.
 */
import { X509Certificate } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject, VALIDATION_TYPE } from "../helpers/pulumiCli";
import { e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile({ autoIssueAfterMs: 4_000 });
const bin = e2e.bin;

function program(commonName: string): string {
  return `const pulumi = require("@pulumi/pulumi");
const { ncloud } = require("pulumi-certmanager-kr");
const cert = new ncloud.AdvancedCertificate("site", {
  commonName: ${JSON.stringify(commonName)},
  dnsNames: ["www.${commonName}"],
  key: { algorithm: "ECDSA" },
});
const issued = new ncloud.AdvancedCertificateValidation("site", {
  certificateNo: cert.certificateNo,
  timeoutMinutes: 2,
  pollIntervalSeconds: 1,
});
// A dependant: takes the PEM, so it is created only once the certificate is issued.
const listener = new pulumi.dynamic.Resource(
  {
    async create(inputs) {
      return { id: "listener", outs: inputs };
    },
    async diff(_id, olds, news) {
      return { changes: olds.certificatePem !== news.certificatePem };
    },
    async update(_id, _olds, news) {
      return { outs: news };
    },
  },
  "listener",
  { certificatePem: issued.certificatePem, certificateNo: issued.certificateNo },
);
exports.certificateName = cert.certificateName;
exports.certificateNo = issued.certificateNo;
exports.listenerPem = listener.certificatePem;
exports.notAfter = issued.notAfter;
`;
}

describe.skipIf(!bin)("AdvancedCertificateValidation and auto-naming under the real engine", () => {
  it("one up goes from nothing to an issued certificate its dependant serves; a second up changes nothing", async () => {
    const p = await E2EProject.create(inject("fixtureDir"), bin, "one-up", {
      program: program("example.com"),
      config: emulatorConfig(e2e.emulator),
    });
    const up = await p.up();
    // The wait said which records NCP checks, on the validation resource.
    expect(up.output).toMatch(
      /waiting up to 2 min for NCP to issue it, status ONGOING; DNS records NCP still checks: TXT _dnsauth\.example\.com = "/,
    );

    const name = await p.output("certificateName");
    expect(name).toMatch(/^site-[a-z0-9]{6}$/); // auto-named after the resource
    const no = Number(await p.output("certificateNo"));
    const pem = JSON.parse((await p.ok(["stack", "output", "listenerPem", "--json"])).stdout) as string;
    const leaf = new X509Certificate(pem);
    expect(leaf.subject).toContain("CN=example.com");
    expect((await e2e.emulator.control.ncloud.getCertificate(no)).certificateName).toBe(name);
    const [validation] = await p.resources(VALIDATION_TYPE);
    expect(validation.outputs?.statusCode).toMatch(/^[12]$/);

    // The name is kept: nothing to do, no new order.
    const orders = await e2e.orders();
    expect((await p.preview("--expect-no-changes")).code).toBe(0);
    await p.up();
    expect(await p.output("certificateName")).toBe(name);
    expect(await e2e.orders()).toBe(orders);
    await p.destroy();
    expect((await e2e.emulator.control.ncloud.getCertificate(no)).statusCode).toBe("-6");
  });

  it("an auto-named replacement gets a fresh name and is created before the old certificate is deleted", async () => {
    const p = await E2EProject.create(inject("fixtureDir"), bin, "auto-replace", {
      program: program("example.org"),
      config: emulatorConfig(e2e.emulator),
    });
    await p.up();
    const oldName = await p.output("certificateName");
    const oldNo = Number((await p.resources(CERT_TYPE))[0].id);
    const oldPem = JSON.parse((await p.ok(["stack", "output", "listenerPem", "--json"])).stdout) as string;

    p.setProgram(program("example.net"));
    const preview = await p.preview();
    expect(preview.code).toBe(0); // no same-name refusal: the replacement is named afresh
    await e2e.emulator.control.clearRequests();
    await p.up();
    // Create before delete: the new order is placed before the old certificate is deleted.
    const ops = (await e2e.emulator.control.requests()).map((r) => r.operation);
    expect(ops.indexOf("requestPaidCertificateIssuance")).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf("requestPaidCertificateIssuance")).toBeLessThan(ops.indexOf("deleteCertificate"));

    const newName = await p.output("certificateName");
    expect(newName).toMatch(/^site-[a-z0-9]{6}$/);
    expect(newName).not.toBe(oldName);
    expect(ops.filter((o) => o === "requestPaidCertificateIssuance")).toHaveLength(1); // exactly one new order
    expect((await e2e.emulator.control.ncloud.getCertificate(oldNo)).statusCode).toBe("-6");
    // The validation and the dependant moved to the new certificate.
    const pem = JSON.parse((await p.ok(["stack", "output", "listenerPem", "--json"])).stdout) as string;
    expect(pem).not.toBe(oldPem);
    expect(new X509Certificate(pem).subject).toContain("CN=example.net");
    await p.destroy();
  });
});
