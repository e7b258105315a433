/**
 * The Output forms of the NHN data sources inside a Pulumi program (pulumi.runtime mocks), against the emulator:
 * Input arguments, dependsOn honoured, and the file's key material kept secret.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { nhncloud } = load("../../dist/index.js");
const { closeSharedAgents } = load("../../dist/shared/http.js");

let emulator: RunningEmulator;
let depRegisteredAt = 0;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  pulumi.runtime.setMocks(
    {
      newResource: async (args: { name: string; inputs: Record<string, unknown> }) => {
        if (args.name === "slow-dep") {
          await new Promise((r) => setTimeout(r, 300));
          depRegisteredAt = Date.now();
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args: { inputs: unknown }) => args.inputs,
    },
    "proj",
    "stack",
    false,
  );
});

afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  await emulator.close();
  await closeSharedAgents();
});

function value<T>(o: { apply(f: (v: T) => void): unknown }): Promise<T> {
  return new Promise((r) => o.apply(r));
}

describe("nhncloud Output forms", () => {
  it("getCertificateFileOutput keeps pem and privateKeyPem secret and takes Input arguments", async () => {
    const name = pulumi.output(Promise.resolve("www.example.com"));
    const file = nhncloud.getCertificateFileOutput({ appKey: emulator.nhncloud.appKey, certificateName: name });
    expect(await pulumi.isSecret(file.privateKeyPem)).toBe(true);
    expect(await pulumi.isSecret(file.pem)).toBe(true);
    expect(await value<string>(file.privateKeyPem)).toContain("PRIVATE KEY");
    expect(await value<string>(file.fullChainPem)).toContain("BEGIN CERTIFICATE");
    const exported = pulumi.unsecret(file.certificatePem);
    expect(await pulumi.isSecret(exported)).toBe(false);
  });

  it("getCertificatesOutput is a plain Output of the inventory", async () => {
    const list = nhncloud.getCertificatesOutput({ appKey: pulumi.output(emulator.nhncloud.appKey), status: "ALL" });
    expect(await pulumi.isSecret(list)).toBe(false);
    const result = await value<{ totalCount: number; certificates: { certificateName: string }[] }>(list);
    expect(result.certificates.map((c) => c.certificateName)).toContain("*.example.com");
  });

  it("honours dependsOn: the call waits for the resource", async () => {
    const dep = new pulumi.CustomResource("test:index:Thing", "slow-dep", {});
    await emulator.control.clearRequests();
    const started = Date.now();
    const list = nhncloud.getCertificatesOutput({ appKey: emulator.nhncloud.appKey }, { dependsOn: [dep] });
    await value(list);
    const [call] = await emulator.control.requests({ operation: "listCertificates" });
    expect(depRegisteredAt).toBeGreaterThan(started);
    expect(Date.parse(call.at)).toBeGreaterThanOrEqual(depRegisteredAt);
  });
});
