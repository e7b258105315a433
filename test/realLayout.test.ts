/**
 * The package in a real project layout: our tarball and @pulumi/pulumi installed side by side by npm. There the
 * serializer can name our forwarder module, so `__provider` is a one-line `require("pulumi-certmanager-kr/shim")`;
 * this drives that exact text through that project's own provider host, against the emulator.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../provider/emulator";
import { closeSharedAgents } from "../provider/shared/http";
import { buildFixture, captureProviders } from "./helpers/fixture";
import { ProviderHost } from "./helpers/host";

let fixtureDir: string;
let emulator: RunningEmulator;

beforeAll(() => {
  fixtureDir = buildFixture("real-layout", true);
}, 180_000);

afterAll(async () => {
  await emulator?.close();
  await closeSharedAgents();
});

describe("a real npm layout", () => {
  let provider: string;

  it("stores __provider as a one-line require of the forwarder module, well under 2 KB", () => {
    const captured = captureProviders(fixtureDir); // in no particular order: serialization is asynchronous
    const validation = captured.find((t) => t.includes("shims/advancedCertificateValidation")) ?? "";
    const external = captured.find((t) => t.includes("shims/externalCertificate")) ?? "";
    const [first, second] = captured.filter((t) => !t.includes("shims/"));
    expect(second).toBe(first); // one provider object for every resource
    // Each resource type has its own forwarder module, named the same way.
    expect(validation).toContain('require("pulumi-certmanager-kr/shims/advancedCertificateValidation")');
    expect(external).toContain('require("pulumi-certmanager-kr/shims/externalCertificate")');
    for (const shim of [validation, external]) expect(shim.length).toBeLessThan(2048);
    provider = first;
    expect(provider).toContain('require("pulumi-certmanager-kr/shim")');
    expect(provider).not.toContain("advancedCertificateV1"); // the forwarder's code is not copied into state
    expect(provider.length).toBeLessThan(2048);
    console.log(`real layout: __provider is ${provider.length} bytes`);
  });

  it("that text drives the project's own provider host: check, create, read, delete", async () => {
    emulator = await startEmulator();
    const hostScript = path.join(
      fixtureDir,
      "node_modules",
      "@pulumi",
      "pulumi",
      "cmd",
      "dynamic-provider",
      "index.js",
    );
    const host = await ProviderHost.start(
      fixtureDir,
      {
        NCLOUD_ACCESS_KEY: emulator.ncloudCredentials.accessKey,
        NCLOUD_SECRET_KEY: emulator.ncloudCredentials.secretKey,
        NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
      },
      hostScript,
    );
    try {
      await host.configure({});
      const news = {
        __provider: provider,
        certificateName: "real-layout",
        commonName: "real.example.com",
        key: { algorithm: "ECDSA" },
      };
      const checked = await host.check({}, news);
      expect(checked.failures).toEqual([]);
      const created = await host.create(checked.inputs);
      expect(created.properties.__provider).toBe(provider);
      await emulator.control.ncloud.issue(Number(created.id));
      const read = await host.read(created.id, created.properties);
      expect(read.properties.certificatePem).toContain("BEGIN CERTIFICATE");
      await host.delete(created.id, read.properties);
      expect(await emulator.control.ncloud.listCertificates()).toMatchObject([{ statusCode: "-6" }]);
    } finally {
      await host.stop();
    }
  });
});
