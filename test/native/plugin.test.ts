/**
 * The native plugin (bin/pulumi-resource-certmanager-kr) over gRPC, as the engine drives it, against the emulator:
 * its schema, the provider configuration handed to the implementation, secrets unwrapped on the way in and marked
 * on the way out, unknown fields and arguments refused, an id-only Read (import), a vanished resource, a partial
 * initialisation, data sources through Invoke, and diagnostics sent to a stand-in engine with the resource's URN.
 */

import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { type HostError, ProviderHost } from "../helpers/host";
import { order } from "../helpers/ncloud";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js");
const engineGrpc = pulumiRequire("@pulumi/pulumi/proto/engine_grpc_pb");
const emptyPb = pulumiRequire("google-protobuf/google/protobuf/empty_pb");

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const CERT = "certmanager-kr:ncloud:AdvancedCertificate";

/** A stand-in for the engine's Log service: what the plugin reports, with the URN it attaches. */
async function fakeEngine() {
  const lines: { severity: number; message: string; urn: string }[] = [];
  const server = new grpc.Server();
  server.addService(engineGrpc.EngineService, {
    log(
      call: { request: { getSeverity(): number; getMessage(): string; getUrn(): string } },
      cb: (err: null, res: unknown) => void,
    ) {
      lines.push({
        severity: call.request.getSeverity(),
        message: call.request.getMessage(),
        urn: call.request.getUrn(),
      });
      cb(null, new emptyPb.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e: Error | null, p: number) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, lines, close: () => server.forceShutdown() };
}

let emulator: RunningEmulator;
let engine: Awaited<ReturnType<typeof fakeEngine>>;
let plugin: ProviderHost;

beforeAll(async () => {
  if (!fs.existsSync(path.resolve(__dirname, "../../dist/native/main.js"))) throw new Error("npm run build first");
  emulator = await startEmulator();
  engine = await fakeEngine();
  plugin = await ProviderHost.startNative(engine.address);
  await plugin.configure({
    accessKey: emulator.ncloudCredentials.accessKey,
    secretKey: secret(emulator.ncloudCredentials.secretKey),
    certificateManagerEndpoint: emulator.url,
    globalDnsEndpoint: emulator.globalDnsEndpoint,
    nhncloudAppKey: secret(emulator.nhncloud.appKey),
    nhncloudCertificateManagerEndpoint: emulator.url,
  } as unknown as Record<string, string>);
});

afterAll(async () => {
  await plugin?.stop();
  engine?.close();
  await emulator?.close();
});

describe("the native plugin", () => {
  it("serves the schema generated from the field tables", async () => {
    const schema = (await plugin.schema()) as {
      name: string;
      resources: Record<string, { properties: Record<string, { secret?: boolean }> }>;
    };
    expect(schema.name).toBe("certmanager-kr");
    expect(Object.keys(schema.resources).sort()).toEqual([
      CERT,
      "certmanager-kr:ncloud:AdvancedCertificateValidation",
      "certmanager-kr:ncloud:ExternalCertificate",
      "certmanager-kr:ncloud:GlobalDnsRecord",
    ]);
    expect(schema.resources[CERT].properties.privateKeyPem.secret).toBe(true);
  });

  it("CheckConfig refuses an unknown configuration key and keeps secret values wrapped", async () => {
    const checked = await plugin.checkConfig({
      accessKey: "AK",
      secretKey: secret("SK"),
      secretkey: "typo",
      version: "0.1.0",
    });
    expect(checked.failures.map((f) => f.property)).toEqual(["secretkey"]);
    expect(checked.failures[0].reason).toMatch(
      /secretkey is not an input of the certmanager-kr provider: did you mean secretKey\?/,
    );
    expect(checked.inputs.secretKey).toEqual(secret("SK"));
  });

  it("check refuses unknown fields, unwraps secret inputs, names the certificate after the resource", async () => {
    const refused = await plugin.check({}, { commonName: "example.com", comonName: "x" });
    expect(refused.failures.map((f) => f.reason).join()).toMatch(
      /comonName is not an input of ncloud.AdvancedCertificate: did you mean commonName/,
    );
    const key = (
      await order(
        new NcloudCertificateManagerClient({ credentials: emulator.ncloudCredentials, endpoint: emulator.url }),
        "key-source",
      )
    ).privateKeyPem;
    const checked = await plugin.check({}, { commonName: "example.com", privateKeyPem: secret(key) });
    expect(checked.failures).toEqual([]);
    expect(checked.inputs.certificateName).toMatch(/^cert-[a-z0-9]{6}$/);
    expect(checked.inputs.privateKeyPem).toEqual(secret(key));
  });

  it("create: one order, the generated key returned as a secret; the same inputs then diff to no change", async () => {
    const before = (await emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).length;
    const checked = await plugin.check(
      {},
      { commonName: "example.com", dnsNames: ["www.example.com"], key: { algorithm: "ECDSA" } },
    );
    const created = await plugin.create(checked.inputs);
    expect((await emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).length).toBe(before + 1);
    expect(created.properties.privateKeyPem).toMatchObject({ [SIG]: expect.any(String) });
    expect(JSON.stringify(created.properties.privateKeyPem)).toContain("PRIVATE KEY");
    expect(await plugin.diff(created.id, created.properties, checked.inputs)).toMatchObject({
      changes: "none",
      replaces: [],
    });
  });

  it("an id-only Read imports a certificate made outside Pulumi; its inputs check and diff to no change", async () => {
    const client = new NcloudCertificateManagerClient({
      credentials: emulator.ncloudCredentials,
      endpoint: emulator.url,
    });
    const outside = await order(client, "made-outside", "import.example.com", ["www.import.example.com"]);
    await emulator.control.ncloud.issue(outside.certificateNo);
    const read = await plugin.read(String(outside.certificateNo), {});
    expect(read.id).toBe(String(outside.certificateNo));
    expect(read.inputs).toEqual({
      certificateName: "made-outside",
      certificateType: "NCP_PAID_DV_01",
      commonName: "import.example.com",
      dnsNames: ["www.import.example.com"],
      validationMethod: "D",
      adoptCertificateNo: outside.certificateNo,
    });
    expect(read.properties.certificatePem).toContain("BEGIN CERTIFICATE");
    const declared = await plugin.check(read.inputs ?? {}, {
      certificateName: "made-outside",
      commonName: "import.example.com",
      dnsNames: ["www.import.example.com"],
    });
    expect(declared.failures).toEqual([]);
    expect(await plugin.diff(read.id, read.properties, declared.inputs)).toMatchObject({ changes: "none" });
    await expect(plugin.read("site", {})).rejects.toThrow(
      /import id of an AdvancedCertificate is its certificate number/,
    );
    plugin.forType("certmanager-kr:ncloud:GlobalDnsRecord");
    try {
      await expect(plugin.read("1", {})).rejects.toThrow(/GlobalDnsRecord cannot be imported yet/);
    } finally {
      plugin.forType(CERT);
    }
  });

  it("a vanished certificate reads as gone, and the note reaches the engine attached to the resource", async () => {
    const read = await plugin.read("99999", { certificateName: "gone-cert", certificateNo: 99999, statusCode: "1" });
    expect(read).toEqual({ id: "", properties: {}, inputs: undefined });
    const line = engine.lines.find((l) => l.message.includes("no longer exists"));
    expect(line?.urn).toBe(`urn:pulumi:test::testproj::${CERT}::cert`);
  });

  it("a failure after the order is a partial initialisation carrying the id and the state, key as a secret", async () => {
    await emulator.control.addFault({ kind: "status", status: 503, operation: "getVerificationInfo", times: 0 });
    try {
      const checked = await plugin.check(
        {},
        { certificateName: "partial-1", commonName: "example.com", key: { algorithm: "ECDSA" } },
      );
      const err = (await plugin.create(checked.inputs).catch((e: HostError) => e)) as HostError;
      expect(err.initFailure?.id).toMatch(/^\d+$/);
      expect(err.initFailure?.properties.privateKeyPem).toMatchObject({ [SIG]: expect.any(String) });
    } finally {
      await emulator.control.clearFaults();
    }
  });

  it("Invoke serves the NHN data sources with the configured appkey, refusing unknown arguments", async () => {
    const refused = await plugin.invoke("certmanager-kr:nhncloud:getCertificates", { status: "ALL", stauts: "x" });
    expect(refused.failures.map((f) => f.reason).join()).toMatch(
      /stauts is not an input of nhncloud.getCertificates: did you mean status/,
    );
    const list = await plugin.invoke("certmanager-kr:nhncloud:getCertificates", { status: "ALL" });
    const certificates = list.outputs.certificates as { certificateName: string }[];
    expect(certificates.length).toBeGreaterThan(0);
    const file = await plugin.invoke("certmanager-kr:nhncloud:getCertificateFile", {
      certificateName: certificates[0].certificateName,
    });
    expect(file.outputs.pem).toMatchObject({ [SIG]: expect.any(String) });
    expect(file.outputs.certificatePem).toContain("BEGIN CERTIFICATE");
  });
});

describe("the native plugin without credentials", () => {
  it("names its own configuration keys (certmanager-kr:…) in what to set", async () => {
    const bare = await ProviderHost.startNative(engine.address, {
      NCLOUD_ACCESS_KEY: "",
      NCLOUD_SECRET_KEY: "",
      NHNCLOUD_CERTIFICATE_MANAGER_APPKEY: "",
    });
    try {
      await bare.configure({ certificateManagerEndpoint: emulator.url });
      const checked = await bare.check({}, { certificateName: "no-creds", commonName: "example.com" });
      const err = (await bare.create(checked.inputs).catch((e: Error) => e)) as Error;
      expect(err.message).toContain("pulumi config set certmanager-kr:accessKey");
      expect(err.message).toContain("pulumi config set --secret certmanager-kr:secretKey");
      expect(err.message).not.toContain("ncloud:");
      const invoked = (await bare
        .invoke("certmanager-kr:nhncloud:getCertificates", {})
        .catch((e: Error) => e)) as Error;
      expect(invoked.message).toContain("certmanager-kr:nhncloudAppKey");
      expect(invoked.message).not.toContain("nhncloud:certificateManagerAppKey");
    } finally {
      await bare.stop();
    }
  });
});
