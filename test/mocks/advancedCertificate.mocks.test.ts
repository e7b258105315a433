/**
 * The resource class under pulumi.runtime mocks, loaded from the compiled dist/ (what users run): its type token,
 * the options it registers with (privateKeyPem always in additionalSecretOutputs), and its serialized provider.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { MockMonitor } = load("@pulumi/pulumi/runtime/mocks");
const settings = load("@pulumi/pulumi/runtime/settings");
const state = load("@pulumi/pulumi/runtime/state");
const { ncloud } = load("../../dist/index.js");

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
}

const registrations: Registration[] = [];

/** Records the resource options that MockResourceArgs does not carry. */
class RecordingMonitor extends MockMonitor {
  // MockMonitor is untyped (loaded with require): this gives the constructor its argument.
  constructor(mocks: unknown) {
    super(mocks);
  }

  async registerResource(
    req: { getAdditionalsecretoutputsList(): string[]; getType(): string; getName(): string },
    callback: unknown,
  ) {
    registrations.push({
      type: req.getType(),
      name: req.getName(),
      inputs: {},
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return super.registerResource(req, callback);
  }
}

beforeAll(() => {
  const monitor = new RecordingMonitor({
    newResource: (args: { name: string; inputs: Record<string, unknown> }) => {
      const reg = registrations.find((r) => r.name === args.name);
      if (reg) reg.inputs = args.inputs;
      return {
        id: `${args.name}-id`,
        state: {
          ...args.inputs,
          certificateNo: 55001,
          privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMOCK\n-----END PRIVATE KEY-----\n",
        },
      };
    },
    call: (args: { inputs: unknown }) => args.inputs,
  });
  settings.setMockOptions(monitor, "proj", "stack", false);
  const store = state.getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
});

function resolve<T>(o: { apply(f: (v: T) => void): unknown }): Promise<T> {
  return new Promise((r) => o.apply(r));
}

describe("ncloud.AdvancedCertificate under mocks", () => {
  it("registers as pulumi-nodejs:dynamic/ncloud:AdvancedCertificate with privateKeyPem forced secret", async () => {
    const cert = new ncloud.AdvancedCertificate(
      "site",
      { certificateName: "site-2026", commonName: "example.com", dnsNames: ["www.example.com"] },
      { additionalSecretOutputs: ["csrPem"] },
    );
    expect(await resolve(cert.certificateNo)).toBe(55001);
    const reg = registrations.find((r) => r.name === "site");
    expect(reg?.type).toBe("pulumi-nodejs:dynamic/ncloud:AdvancedCertificate");
    expect(reg?.additionalSecretOutputs).toEqual(expect.arrayContaining(["privateKeyPem", "csrPem"]));
    expect(await pulumi.isSecret(cert.privateKeyPem)).toBe(false); // mocks do not apply additionalSecretOutputs; the engine does
  });

  it("sends a serialized forwarder that loads the installed package and captures nothing", async () => {
    new ncloud.AdvancedCertificate("fwd", { certificateName: "fwd-cert", commonName: "fwd.example.com" });
    await new Promise((r) => setTimeout(r, 50));
    const provider = registrations.find((r) => r.name === "fwd")?.inputs.__provider as string;
    expect(typeof provider).toBe("string");
    expect(provider).toContain('require("pulumi-certmanager-kr/provider").advancedCertificateV1.create(inputs)');
    expect(provider.length).toBeLessThan(4096);
    expect(provider).not.toMatch(/node-forge|undici|__vite_ssr|NCLOUD_|secretKey/);
  });

  it("keeps a supplied private key secret as an input", async () => {
    const key = "-----BEGIN PRIVATE KEY-----\nSUPPLIED\n-----END PRIVATE KEY-----\n";
    new ncloud.AdvancedCertificate("byok", {
      certificateName: "byok-cert",
      commonName: "byok.example.com",
      privateKeyPem: key,
    });
    await new Promise((r) => setTimeout(r, 50));
    const input = registrations.find((r) => r.name === "byok")?.inputs.privateKeyPem as Record<string, unknown>;
    // Secret inputs reach mocks as Pulumi's secret wrapper, never as the bare string.
    expect(input).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: key });
  });
});
