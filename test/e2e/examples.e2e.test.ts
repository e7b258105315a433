/**
 * Five of the seven examples under examples/ run `up` and `destroy` under the real CLI against the emulator, as
 * copied into a project that installed the package: quickstart, ncp-load-balancer, kubernetes-tls and
 * nhn-load-balancer (their other providers' resources switched off by the config each example documents) and
 * nhn-to-ncp. The other two run only under Pulumi's mocks (test/examples/examples.test.ts), because each needs a
 * service that cannot run offline: cloudflare-dns creates its validation records through the Cloudflare API
 * (@pulumi/cloudflare, an API token and a zone), and acme-ncp obtains its certificate from an ACME CA such as
 * Let's Encrypt (@pulumiverse/acme and its provider plugin, with a DNS-01 provider). The NHN data sources run in
 * real programs too: their values reach stack outputs and the private key never reaches the backend in clear.
 */
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject, type ProjectOptions } from "../helpers/pulumiCli";
import { e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile({ autoIssueAfterMs: 1_000 });
const bin = e2e.bin;
const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

function nhnConfig() {
  return {
    "nhncloud:certificateManagerAppKey": { secret: e2e.emulator.nhncloud.appKey },
    "nhncloud:certificateManagerEndpoint": e2e.emulator.url,
  };
}

/** A copy of examples/<example> as project `name`, in a project that installed the package. */
function example(name: string, exampleDir: string, config: ProjectOptions["config"]): Promise<E2EProject> {
  return E2EProject.copy(inject("fixtureDir"), bin, name, path.join(EXAMPLES, exampleDir), config);
}

/** up, a clean preview, destroy; returns the outputs `up` produced (secrets shown). */
async function upAndDestroy(project: E2EProject): Promise<Record<string, unknown>> {
  await project.up();
  const outputs = JSON.parse((await project.ok(["stack", "output", "--json", "--show-secrets"])).stdout);
  expect((await project.preview("--expect-no-changes")).code).toBe(0);
  await project.destroy();
  expect(await project.resources(CERT_TYPE)).toEqual([]);
  return outputs;
}

describe.skipIf(!bin)("the examples under the real engine", () => {
  it("quickstart: ordered, validated through Global DNS records, issued, destroyed", async () => {
    await e2e.emulator.control.globalDns.createZone("quick.example.com");
    await e2e.emulator.control.ncloud.settings({ validateFromDns: true, dnsValidationDelayMs: 300 });
    try {
      const project = await example("ex-quickstart", "quickstart", {
        ...emulatorConfig(e2e.emulator),
        domain: "quick.example.com",
        pollIntervalSeconds: "1",
        issuanceTimeoutMinutes: "2",
      });
      const outputs = await upAndDestroy(project);
      expect(outputs.status).toBe("NORMAL_UNREGISTERED_PRIVATE_KEY");
      expect(outputs.certificateName).toMatch(/^quickstart-[a-z0-9]{6}$/);
      expect(outputs.validationRecordFqdns).toEqual(["_dnsauth.quick.example.com", "_dnsauth.www.quick.example.com"]);
      expect(String(outputs.fullChainPem)).toContain("-----BEGIN CERTIFICATE-----");
      expect(String(outputs.privateKeyPem)).toMatch(/PRIVATE KEY-----/);
      expect(await e2e.emulator.control.globalDns.appliedRecords("quick.example.com")).not.toContainEqual(
        expect.objectContaining({ type: "TXT" }),
      ); // destroy removed the records
    } finally {
      await e2e.emulator.control.ncloud.settings({ validateFromDns: false });
    }
  });

  it("ncp-load-balancer: one up validates through Global DNS, registers the key, and hands on the number", async () => {
    await e2e.emulator.control.globalDns.createZone("lb.example.com");
    await e2e.emulator.control.ncloud.settings({ validateFromDns: true, dnsValidationDelayMs: 300 });
    try {
      const project = await example("ex-ncp-lb", "ncp-load-balancer", {
        ...emulatorConfig(e2e.emulator),
        domain: "lb.example.com",
        issuanceTimeoutMinutes: "2",
      });
      await project.up();
      const outputs = JSON.parse((await project.ok(["stack", "output", "--json", "--show-secrets"])).stdout);
      expect(outputs.sslCertificateNo).toMatch(/^\d+$/);
      expect(outputs.privateKeyRegistered).toBe(true);
      expect((await e2e.emulator.control.ncloud.getCertificate(Number(outputs.sslCertificateNo))).statusCode).toBe("1");
      // A refresh changes nothing, and the key passed to the validation is never in clear in the backend.
      expect((await project.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"])).code).toBe(0);
      expect((await project.preview("--expect-no-changes")).code).toBe(0);
      const [cert] = await project.resources(CERT_TYPE);
      const state = await project.exportState(true);
      // `stack export --show-secrets` gives a secret as { <sig>, plaintext: "<JSON of the value>" }.
      const shown = state.deployment.resources?.find((r) => r.urn === cert.urn)?.outputs?.privateKeyPem as {
        plaintext: string;
      };
      const key = JSON.parse(shown.plaintext) as string;
      expect(key).toMatch(/PRIVATE KEY-----/);
      const atRest = project.backendText();
      for (const line of key.split("\n").filter((l) => l && !l.startsWith("-----"))) expect(atRest).not.toContain(line);
      await project.destroy();
      expect(await project.resources(CERT_TYPE)).toEqual([]);
    } finally {
      await e2e.emulator.control.ncloud.settings({ validateFromDns: false });
    }
  });

  it("kubernetes-tls (createSecret: false): the certificate part runs offline", async () => {
    const project = await example("ex-k8s", "kubernetes-tls", {
      ...emulatorConfig(e2e.emulator),
      domain: "k8s.example.com",
      certificateName: "ex-k8s",
      issuanceTimeoutMinutes: "2",
      createSecret: "false",
    });
    const outputs = await upAndDestroy(project);
    expect(String(outputs.notAfter)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("nhn-load-balancer (createListener: false): the NHN file's facts reach the outputs", async () => {
    const project = await example("ex-nhn-lb", "nhn-load-balancer", {
      ...nhnConfig(),
      certificateName: "*.example.com",
      createListener: "false",
    });
    const outputs = await upAndDestroy(project);
    expect(outputs.certificateDomains).toContain("*.example.com");
    expect(String(outputs.certificateExpires)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("nhn-to-ncp: the NHN certificate is registered in NCP, its number exported, its key secret at rest", async () => {
    const project = await example("ex-nhn-to-ncp", "nhn-to-ncp", {
      ...nhnConfig(),
      ...emulatorConfig(e2e.emulator),
      nhnCertificateName: "*.example.com",
    });
    await project.up();
    const no = Number(await project.output("sslCertificateNo"));
    const held = await e2e.emulator.control.ncloud.getCertificate(no);
    expect(held.certificateName).toMatch(/^from-nhn-[a-z0-9]{6}$/);
    expect(await project.output("domains")).toContain("*.example.com");
    expect(project.backendText()).not.toContain("PRIVATE KEY-----");
    expect((await project.preview("--expect-no-changes")).code).toBe(0);
    await project.destroy();
    expect((await e2e.emulator.control.ncloud.getCertificate(no)).statusCode).toBe("-6");
  });

  it("data sources in a program: inventory and file as outputs, the file's key encrypted in state", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "nhn-data", {
      program: `const pulumi = require("@pulumi/pulumi");
const { nhncloud } = require("pulumi-certmanager-kr");
const inventory = nhncloud.getCertificatesOutput({ status: "ALL" });
exports.total = inventory.totalCount;
exports.names = inventory.certificates.apply((cs) => cs.map((c) => c.certificateName).sort());
const file = nhncloud.getCertificateFileOutput({ certificateName: "*.example.com" });
exports.keyPem = file.privateKeyPem;
exports.leafPem = pulumi.unsecret(file.certificatePem);
`,
      config: nhnConfig(),
    });
    await project.up();
    expect(Number(await project.output("total"))).toBeGreaterThan(3);
    expect(await project.output("names")).toContain("*.example.com");
    expect(await project.output("leafPem")).toContain("-----BEGIN CERTIFICATE-----");
    expect(await project.output("keyPem")).toBe("[secret]");
    const key = await project.output("keyPem", true);
    expect(key).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
    const atRest = project.backendText();
    for (const line of key.split("\n").filter((l) => l && !l.startsWith("-----"))) expect(atRest).not.toContain(line);
    expect(atRest).not.toContain(e2e.emulator.nhncloud.appKey);
    await project.destroy();
  });

  it("a data source without an appkey fails preview with one line naming what to set, not a stack trace", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "nhn-no-appkey", {
      program: `const { nhncloud } = require("pulumi-certmanager-kr");
exports.total = nhncloud.getCertificatesOutput({ status: "ALL" }).totalCount;
`,
    });
    for (const k of Object.keys(project.env)) if (k.startsWith("NHNCLOUD_")) delete project.env[k];
    const res = await project.preview();
    expect(res.code).not.toBe(0);
    expect(res.output).toContain("nhncloud:certificateManagerAppKey");
    expect(res.output).toContain("NHNCLOUD_CERTIFICATE_MANAGER_APPKEY");
    expect(res.output).not.toMatch(/unhandled exception|^\s+at /m);
  });
});
