/**
 * Each example program run under pulumi.runtime mocks, with a monitor that applies additionalSecretOutputs the
 * way the engine does: asserts which resource receives which output, and that key material stays secret.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { MockMonitor } = load("@pulumi/pulumi/runtime/mocks");
const settings = load("@pulumi/pulumi/runtime/settings");
const state = load("@pulumi/pulumi/runtime/state");
const { closeSharedAgents } = load("../../dist/shared/http.js");

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const MOCK_KEY = "-----BEGIN PRIVATE KEY-----\nMOCKKEY\n-----END PRIVATE KEY-----\n";
const MOCK_CHAIN =
  "-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nINTERMEDIATE\n-----END CERTIFICATE-----\n";

const ACME_LEAF = "-----BEGIN CERTIFICATE-----\nACMELEAF\n-----END CERTIFICATE-----\n";
const ACME_ISSUER = "-----BEGIN CERTIFICATE-----\nACMEISSUER\n-----END CERTIFICATE-----\n";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];
const secretOutputs = new Map<string, string[]>();

/** Records additionalSecretOutputs, then (in newResource) marks those outputs secret, as the engine would. */
class EngineLikeMonitor extends MockMonitor {
  constructor(mocks: unknown) {
    super(mocks);
  }
  async registerResource(req: { getName(): string; getAdditionalsecretoutputsList(): string[] }, callback: unknown) {
    secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
    return super.registerResource(req, callback);
  }
}

function fakeOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === "pulumi-nodejs:dynamic/ncloud:AdvancedCertificate") {
    return {
      certificateNo: 55001,
      statusName: "NORMAL",
      fullChainPem: MOCK_CHAIN,
      privateKeyPem: MOCK_KEY,
      notAfter: "2027-06-01T00:00:00Z",
      privateKeyRegistered: true,
      dcvRecords: ["example.com", "www.example.com"].map((domain) => ({
        domain,
        recordType: "TXT",
        name: `_dnsauth.${domain}`,
        value: `token-for-${domain}`,
        status: "VALID_STATUS_REG",
      })),
    };
  }
  if (type === "pulumi-nodejs:dynamic/ncloud:AdvancedCertificateValidation") {
    return {
      certificateNo: 55001,
      fullChainPem: MOCK_CHAIN,
      notAfter: "2027-06-01T00:00:00Z",
      statusCode: "1",
      privateKeyRegistered: true,
    };
  }
  if (type === "pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord") {
    const host = String(inputs.host);
    return { fqdn: host === "@" ? inputs.zone : `${host}.${inputs.zone}` };
  }
  if (type === "pulumi-nodejs:dynamic/ncloud:ExternalCertificate") {
    return { certificateNo: 55002, notAfter: "2027-03-01T00:00:00Z", domains: ["example.com"], serialNumber: "0A" };
  }
  if (type === "acme:index/registration:Registration") return { accountKeyPem: MOCK_KEY };
  if (type === "acme:index/certificate:Certificate") {
    return { certificatePem: ACME_LEAF, issuerPem: ACME_ISSUER, privateKeyPem: MOCK_KEY };
  }
  if (type === "openstack:keymanager/secretV1:SecretV1")
    return { secretRef: `https://kr1-api-key-manager.example/v1/secrets/${name}` };
  if (type === "openstack:keymanager/containerV1:ContainerV1")
    return { containerRef: `https://kr1-api-key-manager.example/v1/containers/${name}` };
  return {};
}

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = emulator.nhncloud.appKey;
  const monitor = new EngineLikeMonitor({
    newResource: (args: { type: string; name: string; inputs: Record<string, unknown> }) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const outs: Record<string, unknown> = { ...args.inputs, ...fakeOutputs(args.type, args.name, args.inputs) };
      for (const key of secretOutputs.get(args.name) ?? []) if (key in outs) outs[key] = pulumi.secret(outs[key]);
      return { id: `${args.name}-id`, state: outs };
    },
    call: (args: { inputs: unknown }) => args.inputs,
  });
  settings.setMockOptions(monitor, "examples", "dev", false);
  const store = state.getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
  pulumi.runtime.setAllConfig({
    "examples:domain": "example.com",
    "examples:certificateName": "www.example.com",
    "examples:loadbalancerId": "lb-0001",
    "examples:cloudflareZoneId": "zone-0001",
    "examples:nhnCertificateName": "www.example.com",
    "examples:email": "ops@example.com",
  });
});

afterAll(async () => {
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
  delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY;
  await emulator.close();
  await closeSharedAgents();
});

function value<T>(o: { apply(f: (v: T) => void): unknown }): Promise<T> {
  return new Promise((r) => o.apply(r));
}
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
}
function find(type: string, name?: string): Registered {
  const r = registered.find((x) => x.type === type && (!name || x.name === name));
  if (!r)
    throw new Error(
      `no ${type} ${name ?? ""} registered; have ${registered.map((x) => `${x.type}/${x.name}`).join(", ")}`,
    );
  return r;
}
function isSecretInput(v: unknown): boolean {
  return typeof v === "object" && v !== null && SECRET_SIG in v;
}
function plain(v: unknown): unknown {
  return isSecretInput(v) ? (v as { value: unknown }).value : v;
}

describe("examples", () => {
  it("quickstart: certificate, one Global DNS TXT record per domain, and the validation that takes their names", async () => {
    const program = await import("../../examples/quickstart/index");
    await settle();
    const cert = find("pulumi-nodejs:dynamic/ncloud:AdvancedCertificate", "quickstart");
    expect(cert.inputs).toMatchObject({ commonName: "example.com", dnsNames: ["www.example.com"] });
    const apex = find("pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord", "quickstart-example.com");
    const www = find("pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord", "quickstart-www.example.com");
    expect(apex.inputs).toMatchObject({
      zone: "example.com",
      type: "TXT",
      host: "_dnsauth",
      content: "token-for-example.com",
    });
    expect(www.inputs).toMatchObject({ host: "_dnsauth.www", content: "token-for-www.example.com" });
    const validation = find("pulumi-nodejs:dynamic/ncloud:AdvancedCertificateValidation", "quickstart");
    expect(validation.inputs).toMatchObject({
      certificateNo: 55001,
      validationRecordFqdns: ["_dnsauth.example.com", "_dnsauth.www.example.com"],
    });
    expect(secretOutputs.get("quickstart")).toContain("privateKeyPem");
    expect(await pulumi.isSecret(program.privateKeyPem)).toBe(true);
    expect(await value(program.certificateNo)).toBe(55001);
    expect(await value(program.fullChainPem)).toBe(MOCK_CHAIN);
  });

  it("nhn-load-balancer: file → key-manager secrets → certificate container → TERMINATED_HTTPS listener", async () => {
    const program = await import("../../examples/nhn-load-balancer/index");
    await settle();
    const expected = await getCertificateFile({ certificateName: "www.example.com" });
    const cert = find("openstack:keymanager/secretV1:SecretV1", "certificate");
    const key = find("openstack:keymanager/secretV1:SecretV1", "private-key");
    expect(isSecretInput(cert.inputs.payload)).toBe(true);
    expect(plain(cert.inputs.payload)).toBe(expected.fullChainPem);
    expect(cert.inputs).toMatchObject({ secretType: "certificate", payloadContentType: "text/plain" });
    expect(isSecretInput(key.inputs.payload)).toBe(true);
    expect(plain(key.inputs.payload)).toBe(expected.privateKeyPem);
    expect(key.inputs.secretType).toBe("private");

    const container = find("openstack:keymanager/containerV1:ContainerV1", "tls");
    expect(container.inputs.type).toBe("certificate");
    expect(container.inputs.secretRefs).toEqual([
      { name: "certificate", secretRef: "https://kr1-api-key-manager.example/v1/secrets/certificate" },
      { name: "private_key", secretRef: "https://kr1-api-key-manager.example/v1/secrets/private-key" },
    ]);
    const listener = find("openstack:loadbalancer/listener:Listener", "https");
    expect(listener.inputs).toMatchObject({
      protocol: "TERMINATED_HTTPS",
      protocolPort: 443,
      loadbalancerId: "lb-0001",
      defaultTlsContainerRef: "https://kr1-api-key-manager.example/v1/containers/tls",
    });
    expect(await value(program.certificateExpires)).toBe(expected.notAfter);
    expect(await pulumi.isSecret(program.certificateExpires)).toBe(false);
  });

  it("ncp-load-balancer: the validation registers the certificate's key and hands on the number", async () => {
    const program = await import("../../examples/ncp-load-balancer/index");
    await settle();
    const cert = find("pulumi-nodejs:dynamic/ncloud:AdvancedCertificate", "site");
    expect(cert.inputs).toMatchObject({ key: { algorithm: "RSA", rsaBits: 2048 } });
    const validation = find("pulumi-nodejs:dynamic/ncloud:AdvancedCertificateValidation", "site");
    expect(isSecretInput(validation.inputs.privateKeyPem)).toBe(true);
    expect(plain(validation.inputs.privateKeyPem)).toBe(MOCK_KEY);
    expect(secretOutputs.get("site")).toContain("privateKeyPem");
    expect(await value(program.sslCertificateNo)).toBe("55001");
    expect(await value(program.privateKeyRegistered)).toBe(true);
  });

  it("cloudflare-dns: one Cloudflare TXT record per domain from dcvRecords, then the validation takes their names", async () => {
    const program = await import("../../examples/cloudflare-dns/index");
    await settle();
    const apex = find("cloudflare:index/dnsRecord:DnsRecord", "dcv-example.com");
    const www = find("cloudflare:index/dnsRecord:DnsRecord", "dcv-www.example.com");
    expect(apex.inputs).toMatchObject({ name: "_dnsauth.example.com", type: "TXT", content: "token-for-example.com" });
    expect(www.inputs).toMatchObject({ name: "_dnsauth.www.example.com", content: "token-for-www.example.com" });
    const validation = find("pulumi-nodejs:dynamic/ncloud:AdvancedCertificateValidation", "site");
    expect(validation.inputs).toMatchObject({
      certificateNo: 55001,
      validationRecordFqdns: ["_dnsauth.example.com", "_dnsauth.www.example.com"],
    });
    expect(await value(program.fullChainPem)).toBe(MOCK_CHAIN);
    expect(await pulumi.isSecret(program.privateKeyPem)).toBe(true);
  });

  it("nhn-to-ncp: the NHN file's leaf, chain and key are registered in NCP; the key stays secret", async () => {
    const program = await import("../../examples/nhn-to-ncp/index");
    await settle();
    const expected = await getCertificateFile({ certificateName: "www.example.com" });
    const cert = find("pulumi-nodejs:dynamic/ncloud:ExternalCertificate", "from-nhn");
    expect(plain(cert.inputs.certificatePem)).toBe(expected.certificatePem);
    expect(plain(cert.inputs.chainPem)).toBe(expected.chainPem);
    expect(isSecretInput(cert.inputs.privateKeyPem)).toBe(true);
    expect(plain(cert.inputs.privateKeyPem)).toBe(expected.privateKeyPem);
    expect(secretOutputs.get("from-nhn")).toContain("privateKeyPem");
    expect(await value(program.sslCertificateNo)).toBe("55002");
  });

  it("acme-ncp: the ACME certificate, its issuer and key are registered in NCP; the key stays secret", async () => {
    const program = await import("../../examples/acme-ncp/index");
    await settle();
    const issued = find("acme:index/certificate:Certificate", "site");
    expect(issued.inputs).toMatchObject({ commonName: "example.com", keyType: "2048", minDaysRemaining: 30 });
    expect(issued.inputs.accountKeyPem).toBeDefined();
    const cert = find("pulumi-nodejs:dynamic/ncloud:ExternalCertificate", "site");
    expect(plain(cert.inputs.certificatePem)).toBe(ACME_LEAF);
    expect(plain(cert.inputs.chainPem)).toBe(ACME_ISSUER);
    expect(isSecretInput(cert.inputs.privateKeyPem)).toBe(true);
    expect(plain(cert.inputs.privateKeyPem)).toBe(MOCK_KEY);
    expect(await value(program.sslCertificateNo)).toBe("55002");
  });

  it("kubernetes-tls: certificate and key land in a kubernetes.io/tls Secret, the key as a secret", async () => {
    await import("../../examples/kubernetes-tls/index");
    await settle();
    const secret = find("kubernetes:core/v1:Secret", "tls");
    expect(secret.inputs.type).toBe("kubernetes.io/tls");
    // @pulumi/kubernetes makes stringData a secret as a whole; the key is also secret on its way in.
    expect(isSecretInput(secret.inputs.stringData)).toBe(true);
    const data = plain(secret.inputs.stringData) as Record<string, unknown>;
    expect(plain(data["tls.crt"])).toBe(MOCK_CHAIN);
    expect(plain(data["tls.key"])).toBe(MOCK_KEY);
    expect(secretOutputs.get("site")).toContain("privateKeyPem");
  });
});
