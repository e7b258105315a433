/**
 * ncloud.AdvancedCertificate through the real dynamic-provider host over gRPC, as the Pulumi engine drives it,
 * with the provider loaded from the installed `npm pack` tarball and NCP played by the emulator.
 */
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair } from "../../provider/crypto/keys";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { closeSharedAgents } from "../../provider/shared/http";
import { HostError, ProviderHost, serializedProvider, UNKNOWN } from "../helpers/host";
import { checkAndCreate as createChecked } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

let emulator: RunningEmulator;
let host: ProviderHost;
let provider: string;
let client: NcloudCertificateManagerClient;

beforeAll(async () => {
  const fixtureDir = inject("fixtureDir");
  emulator = await startEmulator();
  client = new NcloudCertificateManagerClient({ credentials: emulator.ncloudCredentials, endpoint: emulator.url });
  provider = await serializedProvider(fixtureDir);
  host = await ProviderHost.start(fixtureDir, { NCLOUD_ACCESS_KEY: undefined, NCLOUD_SECRET_KEY: undefined });
  const res = await host.configure({
    "ncloud:accessKey": emulator.ncloudCredentials.accessKey,
    "ncloud:secretKey": emulator.ncloudCredentials.secretKey,
    "ncloud:certificateManagerEndpoint": emulator.url,
  });
  expect(res).toEqual({ acceptSecrets: false, supportsPreview: false });
});

afterAll(async () => {
  await host?.stop();
  await emulator?.close();
  await closeSharedAgents();
});

const base = (overrides: Props = {}): Props => ({
  __provider: provider,
  certificateName: "site-2026",
  commonName: "example.com",
  dnsNames: ["www.example.com"],
  ...overrides,
});

/** check, then create, the way `pulumi up` does for a new resource. */
const checkAndCreate = (news: Props) => createChecked(host, news);

async function orders(): Promise<number> {
  return (await emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).length;
}

describe("check", () => {
  it("refuses bad input with field-named failures before any request reaches NCP", async () => {
    await emulator.control.clearRequests();
    const otherKey = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    const mismatchedCsr = buildCsr({ privateKey: otherKey.privateKey, commonName: "other.example.com" });
    const cases: [Props, string, RegExp][] = [
      [{ certificateName: "9lives" }, "certificateName", /3-20 characters/],
      [{ commonName: "exa mple.com" }, "commonName", /not a valid DNS name/],
      [{ dnsNames: ["www.*.example.com"] }, "dnsNames", /wildcard must be the whole first label/],
      [{ certificateType: "NCP_PAID_OV_01" }, "organizationNo", /required for OV/],
      [{ key: { algorithm: "ECDSA", rsaBits: 2048 } }, "key", /rsaBits only applies to algorithm "RSA"/],
      [{ key: { algorithm: "RSA" }, csrPem: mismatchedCsr }, "key", /remove it when you supply csrPem/],
      [{ csrPem: mismatchedCsr }, "csrPem", /does not match the inputs/],
      [
        { privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" },
        "privateKeyPem",
        /cannot be used/,
      ],
      [{ validationMethod: "E" }, "validationMethod", /retired/],
      [{ waitForIssuance: { timeoutMinutes: 0 } }, "waitForIssuance", /timeoutMinutes/],
    ];
    for (const [overrides, property, reason] of cases) {
      const { failures } = await host.check({}, base(overrides));
      const failure = failures.find((f) => f.property === property);
      expect(failure, `${JSON.stringify(overrides)} → ${JSON.stringify(failures)}`).toBeDefined();
      expect(failure?.reason).toMatch(reason);
    }
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("normalises inputs: lower case, SANs de-duplicated and sorted, defaults filled in", async () => {
    const { inputs, failures } = await host.check(
      {},
      base({ commonName: "Example.COM", dnsNames: ["b.example.com", "A.example.com", "example.com", "b.example.com"] }),
    );
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      commonName: "example.com",
      dnsNames: ["a.example.com", "b.example.com"],
      certificateType: "NCP_PAID_DV_01",
      validationMethod: "D",
      key: { algorithm: "RSA", rsaBits: 2048 },
      __provider: provider,
    });
  });

  it("tolerates unknown values during preview, and diff reports a possible replacement", async () => {
    const { failures, inputs } = await host.check(
      {},
      base({ commonName: UNKNOWN, dnsNames: [UNKNOWN, "www.example.com"], organizationNo: UNKNOWN }),
    );
    expect(failures).toEqual([]);
    expect(inputs.commonName).toBe(UNKNOWN);
    const olds = {
      ...base(),
      certificateNo: 1,
      keySource: "generated",
      key: { algorithm: "RSA", rsaBits: 2048 },
      certificateType: "NCP_PAID_DV_01",
      validationMethod: "D",
    };
    const diff = await host.diff("1", olds, { ...inputs, commonName: UNKNOWN });
    expect(diff.changes).toBe("some");
    expect(diff.replaces).toContain("commonName");
  });
});

describe("lifecycle", () => {
  let id: string;
  let state: Props;
  let inputs: Props;

  it("create: places exactly one order and returns every output, the key included", async () => {
    await emulator.control.clearRequests();
    const created = await checkAndCreate(
      base({ key: { algorithm: "ECDSA", ecdsaCurve: "P256" }, subject: { organization: "Example Co", country: "KR" } }),
    );
    ({ id, inputs } = created);
    state = created.properties;
    expect(id).toMatch(/^\d+$/);
    expect(await orders()).toBe(1);
    expect(state).toMatchObject({
      certificateNo: Number(id),
      statusCode: "0",
      statusName: "ONGOING",
      keySource: "generated",
      __provider: provider,
    });
    expect(state.requestSn).toMatch(/^RSN/);
    expect(state.privateKeyPem).toContain("BEGIN PRIVATE KEY");
    expect(state.csrPem).toContain("BEGIN CERTIFICATE REQUEST");
    const dcv = state.dcvRecords as Props[];
    expect(dcv.map((r) => r.domain)).toEqual(["example.com", "www.example.com"]);
    expect(dcv[0]).toMatchObject({ recordType: "TXT", name: "_dnsauth.example.com", status: "VALID_STATUS_REG" });
    expect(state.certificatePem).toBeUndefined();
    const everything = JSON.stringify({ inputs, state });
    expect(everything).not.toContain(emulator.ncloudCredentials.secretKey);
    expect(everything).not.toContain(emulator.ncloudCredentials.accessKey);
  });

  it("read while pending: same id, still ONGOING, inputs returned for drift", async () => {
    const res = await host.read(id, state);
    expect(res.id).toBe(id);
    expect(res.properties.statusCode).toBe("0");
    expect(res.inputs).toMatchObject({
      certificateName: "site-2026",
      commonName: "example.com",
      dnsNames: ["www.example.com"],
    });
    expect(res.inputs?.privateKeyPem).toBeUndefined(); // a generated key is an output, never an input
  });

  it("read after issuance: the chain is present and matches the generated key", async () => {
    await emulator.control.ncloud.issue(Number(id));
    const res = await host.read(id, state);
    state = res.properties;
    expect(state).toMatchObject({ statusCode: "2", statusName: "NORMAL_UNREGISTERED_PRIVATE_KEY" });
    const leaf = new X509Certificate(state.certificatePem as string);
    const intermediate = new X509Certificate(state.chainPem as string);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(
      leaf.checkPrivateKey(await import("node:crypto").then((c) => c.createPrivateKey(state.privateKeyPem as string))),
    ).toBe(true);
    expect(state.fullChainPem).toBe(`${state.certificatePem}${state.chainPem}`);
    expect(state.notAfter).toBe(new Date(leaf.validTo).toISOString().replace(".000", ""));
    expect(state.serialNumber).toBe(leaf.serialNumber);
    expect(state.fingerprintSha256).toBe(leaf.fingerprint256);
    expect((state.dcvRecords as Props[]).every((r) => r.status === "VALID_STATUS_SUCCESS")).toBe(true);
  });

  it("diff with no real change: SAN order, case and defaults do not count", async () => {
    const { inputs: again } = await host.check(
      inputs,
      base({
        dnsNames: ["WWW.example.com"],
        key: { algorithm: "ECDSA" },
        subject: { country: "KR", organization: "Example Co" },
        validationMethod: "D",
      }),
    );
    const diff = await host.diff(id, state, again);
    expect(diff).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("diff that replaces: a new SAN means a new order, which needs its own name, created before the old is deleted", async () => {
    const sameName = await host.check(
      inputs,
      base({
        dnsNames: ["www.example.com", "api.example.com"],
        key: { algorithm: "ECDSA" },
        subject: { organization: "Example Co", country: "KR" },
      }),
    );
    expect(sameName.failures).toHaveLength(1);
    expect(sameName.failures[0].property).toBe("certificateName");
    expect(sameName.failures[0].reason).toMatch(
      /changing dnsNames replaces the certificate.*new certificateName \(e\.g\. "site-2027"\)/,
    );

    const { inputs: changed, failures } = await host.check(
      inputs,
      base({
        certificateName: "site-2027",
        dnsNames: ["www.example.com", "api.example.com"],
        key: { algorithm: "ECDSA" },
        subject: { organization: "Example Co", country: "KR" },
      }),
    );
    expect(failures).toEqual([]);
    const diff = await host.diff(id, state, changed);
    expect(diff.changes).toBe("some");
    expect(diff.replaces.sort()).toEqual(["certificateName", "dnsNames"]);
    expect(diff.deleteBeforeReplace).toBe(false);
    const note = `certificate ${id} ("site-2026"): changing dnsNames replaces it with a NEW PAID ORDER ("site-2027"), placed before ${id} is deleted`;
    for (let i = 0; i < 40 && !host.stdout.includes(note); i++) await new Promise((r) => setTimeout(r, 50));
    expect(host.stdout).toContain(note);
    const keyChange = await host.diff(id, state, { ...inputs, key: { algorithm: "RSA", rsaBits: 2048 } });
    expect(keyChange.replaces).toEqual(["key"]);
  });

  it("in-place update: autoRenewal changes without a new order and all outputs survive", async () => {
    await emulator.control.clearRequests();
    const { inputs: news } = await host.check(inputs, {
      ...base({ key: { algorithm: "ECDSA" }, subject: { organization: "Example Co", country: "KR" } }),
      autoRenewal: true,
    });
    const diff = await host.diff(id, state, news);
    expect(diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const outs = await host.update(id, state, news);
    expect(outs.autoRenewal).toBe(true);
    expect(outs.autoRenewalEnabled).toBe(true);
    expect(outs.certificatePem).toBe(state.certificatePem);
    expect(outs.privateKeyPem).toBe(state.privateKeyPem);
    expect((await emulator.control.ncloud.getCertificate(Number(id))).renewal).toBe(true);
    expect(await orders()).toBe(0);
    state = outs;
  });

  it("delete: refused with a load-balancer hint while in use, then deleted, then a no-op", async () => {
    await emulator.control.ncloud.markInUse(Number(id), ["lb-listener-7"]);
    // No retry window here (the default waits 10 minutes for the listener to move).
    const refused = await host.delete(id, { ...state, deleteInUseTimeoutMinutes: 0 }).catch((e: HostError) => e);
    expect(refused).toBeInstanceOf(HostError);
    expect((refused as HostError).message).toContain("lb-listener-7");
    expect((refused as HostError).message).toMatch(/load balancer listener/);
    await emulator.control.ncloud.clearInUse(Number(id));
    await host.delete(id, state);
    expect(await client.findPaidCertificatesByName("site-2026")).toEqual([]);
    await host.delete(id, state); // already gone: still succeeds
  });
});

describe("refresh and recovery", () => {
  it("refresh after an out-of-band delete drops the resource", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "oob-delete", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.delete(Number(id));
    const res = await host.read(id, properties);
    expect(res.id).toBe("");
    const line = `"oob-delete" (${id}): no longer exists in NCP (deleted outside Pulumi)`;
    for (let i = 0; i < 40 && !host.stdout.includes(line); i++) await new Promise((r) => setTimeout(r, 50));
    expect(host.stdout).toContain(line);
  });

  it("refresh after an out-of-band rename keeps the resource, reports NCP's name apart, and plans no new order", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "before-rename", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.rename(Number(id), "after-rename");
    const res = await host.read(id, properties);
    expect(res.id).toBe(id);
    // The engine diffs the next `up` against these: NCP's name must not replace the program's.
    expect(res.inputs?.certificateName).toBe("before-rename");
    expect(res.properties.certificateName).toBe("before-rename");
    expect(res.properties.observed).toMatchObject({ certificateName: "after-rename", commonName: "example.com" });
    const diff = await host.diff(
      id,
      res.properties,
      (await host.check({}, base({ certificateName: "before-rename", key: { algorithm: "ECDSA" } }))).inputs,
    );
    expect(diff).toMatchObject({ changes: "none", replaces: [] });
  });

  it("a failure after the order is a partial init: the id is recorded, and update resumes without a second order", async () => {
    await emulator.control.clearRequests();
    // A lasting outage of one read after the order: retries run out, so create ends in a partial init.
    await emulator.control.addFault({ kind: "status", status: 503, operation: "getVerificationInfo", times: 0 });
    const checked = await host.check({}, base({ certificateName: "partial-one", key: { algorithm: "ECDSA" } }));
    const err = await host.create(checked.inputs).catch((e: HostError) => e);
    expect(err).toBeInstanceOf(HostError);
    const init = (err as HostError).initFailure;
    expect(init?.id).toMatch(/^\d+$/);
    expect(init?.properties.__provider).toBe(provider);
    expect(init?.properties.privateKeyPem).toContain("PRIVATE KEY");
    expect(init?.reasons[0]).toContain("Endpoint Error");
    expect((err as HostError).message).toContain("next `pulumi up` resumes");
    await emulator.control.clearFaults();

    // The engine stores it; the next `up` calls update even without changes.
    const outs = await host.update(init!.id, init!.properties, checked.inputs);
    expect((outs.dcvRecords as unknown[]).length).toBe(2);
    expect(outs.privateKeyPem).toBe(init?.properties.privateKeyPem);
    expect(await orders()).toBe(1);
  });

  it("an interrupted earlier order is never ordered twice: create stops and names adoptCertificateNo", async () => {
    const key = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    const existing = await client.requestPaidCertificateIssuance({
      csr: buildCsr({ privateKey: key.privateKey, commonName: "taken.example.com" }),
      certificateType: "NCP_PAID_DV_01",
      certificateName: "taken-name",
      commonName: "taken.example.com",
      validationMethod: "D",
    });
    await emulator.control.clearRequests();
    const checked = await host.check(
      {},
      base({ certificateName: "taken-name", commonName: "taken.example.com", dnsNames: [] }),
    );
    const err = (await host.create(checked.inputs).catch((e: HostError) => e)) as HostError;
    expect(err.message).toContain(`adoptCertificateNo: ${existing.certificateNo}`);
    expect(await orders()).toBe(0);

    // Adopting it takes it over without an order; the key the user holds can be supplied.
    const adopted = await checkAndCreate(
      base({
        certificateName: "taken-name",
        commonName: "taken.example.com",
        dnsNames: [],
        adoptCertificateNo: existing.certificateNo,
        privateKeyPem: key.privateKeyPem,
      }),
    );
    expect(adopted.id).toBe(String(existing.certificateNo));
    expect(adopted.properties.keySource).toBe("privateKeyPem");
    expect(await orders()).toBe(0);
    await emulator.control.ncloud.issue(existing.certificateNo as number);
    const read = await host.read(adopted.id, adopted.properties);
    expect(read.properties.certificatePem).toContain("BEGIN CERTIFICATE");
  });

  it("waits for issuance under its own deadline and registers the key when asked", async () => {
    await emulator.control.ncloud.settings({ autoIssueAfterMs: 1_500 });
    try {
      const { properties } = await checkAndCreate(
        base({
          certificateName: "wait-reg",
          key: { algorithm: "ECDSA" },
          waitForIssuance: { timeoutMinutes: 1, pollIntervalSeconds: 1 },
          registerPrivateKey: true,
        }),
      );
      expect(properties).toMatchObject({ statusCode: "1", statusName: "NORMAL", privateKeyRegistered: true });
      expect(properties.certificatePem).toContain("BEGIN CERTIFICATE");
    } finally {
      await emulator.control.ncloud.settings({ autoIssueAfterMs: null });
    }
  });

  it("a wait that runs out is a partial init naming the DNS records to create", async () => {
    const checked = await host.check(
      {},
      base({
        certificateName: "wait-out",
        key: { algorithm: "ECDSA" },
        waitForIssuance: { timeoutMinutes: 1, pollIntervalSeconds: 120 }, // the first poll would end past the deadline
      }),
    );
    const err = (await host.create(checked.inputs).catch((e: HostError) => e)) as HostError;
    expect(err.initFailure?.id).toMatch(/^\d+$/);
    expect(err.initFailure?.reasons[0]).toMatch(/not issued within waitForIssuance\.timeoutMinutes/);
    expect(err.initFailure?.reasons[0]).toContain("TXT _dnsauth.example.com");
  });
});

describe("beyond day one", () => {
  it("a dead order (validation expired) is replaced, deleting the useless old order first", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "dead-order", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.fail(Number(id), "-4");
    const refreshed = await host.read(id, properties);
    expect(refreshed.properties.statusName).toBe("VALIDATION_EXPIRE");
    const { inputs } = await host.check(
      refreshed.inputs ?? {},
      base({ certificateName: "dead-order", key: { algorithm: "ECDSA" } }),
    );
    const diff = await host.diff(id, refreshed.properties, inputs);
    expect(diff).toEqual({ changes: "some", replaces: ["statusCode"], deleteBeforeReplace: true });
    // The explanation is the provider's own output, which the engine shows beside the plan (it arrives on a pipe).
    for (let i = 0; i < 40 && !host.stdout.includes("it can never be issued"); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(host.stdout).toContain("in VALIDATION_EXPIRE (-4); it can never be issued");
    // The engine then deletes the old order and creates the new one under the same name.
    await host.delete(id, refreshed.properties);
    const again = await host.create(inputs);
    expect(again.id).not.toBe(id);
  });

  it.each(["-12", "-20"])(
    "an order ended in the unnamed status %s is terminal too: a replacement is planned",
    async (code) => {
      const { id, properties } = await checkAndCreate(
        base({ certificateName: `odd-end${code}`, key: { algorithm: "ECDSA" } }),
      );
      await emulator.control.ncloud.fail(Number(id), code);
      const refreshed = await host.read(id, properties);
      expect(refreshed.properties).toMatchObject({ statusCode: code, statusName: "UNKNOWN" }); // shown verbatim
      const { inputs } = await host.check(
        refreshed.inputs ?? {},
        base({ certificateName: `odd-end${code}`, key: { algorithm: "ECDSA" } }),
      );
      expect(await host.diff(id, refreshed.properties, inputs)).toMatchObject({
        changes: "some",
        replaces: ["statusCode"],
      });
    },
  );

  it("destroy waits while a load balancer still uses the certificate, and deletes once it is detached", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "in-use-wait", key: { algorithm: "ECDSA" }, deleteInUseTimeoutMinutes: 0.2 }),
    );
    await emulator.control.ncloud.issue(Number(id));
    await emulator.control.ncloud.markInUse(Number(id), ["lb-9"]);
    setTimeout(() => void emulator.control.ncloud.clearInUse(Number(id)), 1_500);
    const started = Date.now();
    await host.delete(id, properties);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect((await emulator.control.ncloud.getCertificate(Number(id))).statusCode).toBe("-6");
  });

  it("revokeOnDestroy revokes an issued certificate with its reason before deleting it", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "revoke-first", key: { algorithm: "ECDSA" }, revokeOnDestroy: { reason: "superseded" } }),
    );
    await emulator.control.ncloud.issue(Number(id));
    await emulator.control.clearRequests();
    await host.delete(id, (await host.read(id, properties)).properties);
    expect((await emulator.control.requests({ api: "ncloud" })).map((r) => r.operation)).toContain("revoke");
    const record = await emulator.control.ncloud.getCertificate(Number(id));
    expect(record.statusCode).toBe("-6");
    expect(record.revokedAtMs).toBeTypeOf("number");
  });
});

describe("bring your own CSR", () => {
  it("orders with a supplied CSR, keeps no private key, and CRLF or re-wrapped PEM is no change", async () => {
    const key = await generateKeyPair({ algorithm: "RSA", rsaBits: 2048 });
    const csrPem = buildCsr({
      privateKey: key.privateKey,
      commonName: "byo.example.com",
      dnsNames: ["www.byo.example.com"],
    });
    const news = base({
      certificateName: "byo-csr",
      commonName: "byo.example.com",
      dnsNames: ["www.byo.example.com"],
      csrPem,
    });
    const { id, inputs, properties } = await checkAndCreate(news);
    expect(properties).toMatchObject({ keySource: "csrPem", csrPem });
    expect(properties.privateKeyPem).toBeUndefined();
    expect(properties.key).toBeUndefined();

    const crlf = await host.check(inputs, { ...news, csrPem: csrPem.replace(/\n/g, "\r\n") });
    expect(crlf.failures).toEqual([]);
    expect(await host.diff(id, properties, crlf.inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });

    await emulator.control.ncloud.issue(Number(id));
    const read = await host.read(id, properties);
    const leaf = new X509Certificate(read.properties.certificatePem as string);
    expect(leaf.publicKey.export({ type: "spki", format: "pem" })).toBe(key.publicKeyPem);
    expect(read.inputs?.csrPem).toBe(csrPem); // a supplied CSR is an input, so refresh returns it as one
  });
});

describe("credentials", () => {
  it("a missing credential is a clear error naming stack config and the environment variable", async () => {
    const bare = await ProviderHost.start(inject("fixtureDir"), {
      NCLOUD_ACCESS_KEY: undefined,
      NCLOUD_SECRET_KEY: undefined,
    });
    try {
      await bare.configure({ "ncloud:accessKey": "SOME-ACCESS-KEY" });
      const checked = await bare.check({}, base({ certificateName: "no-creds" }));
      const err = (await bare.create(checked.inputs).catch((e: HostError) => e)) as HostError;
      expect(err.message).toContain("pulumi config set --secret ncloud:secretKey");
      expect(err.message).toContain("NCLOUD_SECRET_KEY");
      expect(err.message).not.toContain("SOME-ACCESS-KEY");
    } finally {
      await bare.stop();
    }
  });

  it("environment variables work when stack config has none", async () => {
    const envHost = await ProviderHost.start(inject("fixtureDir"), {
      NCLOUD_ACCESS_KEY: emulator.ncloudCredentials.accessKey,
      NCLOUD_SECRET_KEY: emulator.ncloudCredentials.secretKey,
      NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emulator.url,
    });
    try {
      await envHost.configure({});
      const checked = await envHost.check({}, base({ certificateName: "from-env", key: { algorithm: "ECDSA" } }));
      const created = await envHost.create(checked.inputs);
      expect(created.id).toMatch(/^\d+$/);
    } finally {
      await envHost.stop();
    }
  });

  it("nothing the host printed contains the secret key or private key material", () => {
    const printed = host.stdout + host.stderr;
    expect(printed.length).toBeGreaterThan(0); // the host did print (errors with stacks): the check is not vacuous
    expect(printed).not.toContain(emulator.ncloudCredentials.secretKey);
    expect(printed).not.toContain("PRIVATE KEY");
    expect(provider).not.toContain(emulator.ncloudCredentials.secretKey);
    expect(provider).not.toContain(emulator.ncloudCredentials.accessKey);
  });
});

describe("drift that explains itself", () => {
  /** All the host printed, once `text` is in it (stdout arrives asynchronously): wait for the line under test. */
  async function printed(text: string): Promise<string> {
    for (let i = 0; i < 40 && !host.stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    return host.stdout;
  }

  it("a revocation outside Pulumi: the field changes and a line says what happened", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "drift-revoke", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.issue(Number(id));
    const issued = await host.read(id, properties);
    await emulator.control.ncloud.revoke(Number(id));
    const after = await host.read(id, issued.properties);
    expect(after.properties).toMatchObject({ statusCode: "-5", statusName: "REVOKE" });
    expect(await printed(`"drift-revoke" (${id}): revoked on`)).toMatch(
      new RegExp(
        `"drift-revoke" \\(${id}\\): revoked on \\d{4}-\\d{2}-\\d{2} \\(was NORMAL_UNREGISTERED_PRIVATE_KEY\\)`,
      ),
    );
    // Preview plans nothing (a new paid order is the user's call) but says how to replace it.
    const { inputs } = await host.check({}, base({ certificateName: "drift-revoke", key: { algorithm: "ECDSA" } }));
    expect((await host.diff(id, after.properties, inputs)).changes).toBe("none");
    expect(await printed(`certificate ${id} ("drift-revoke") was revoked on`)).toContain(
      "NCP cannot reissue it and this resource will not place a new paid order by itself; to replace it, give it a new certificateName",
    );
  });

  it("a reissue with another key outside Pulumi: new serial and dates, a warning about the key, no failure", async () => {
    const { id, properties } = await checkAndCreate(
      base({
        certificateName: "drift-reissue",
        commonName: "drift.example.com",
        dnsNames: [],
        key: { algorithm: "ECDSA" },
      }),
    );
    await emulator.control.ncloud.issue(Number(id));
    const issued = await host.read(id, properties);
    const other = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    await client.reissue(Number(id), {
      csr: buildCsr({ privateKey: other.privateKey, commonName: "drift.example.com" }),
      certificateName: "drift-reissue",
      commonName: "drift.example.com",
      validationMethod: "D",
    });
    await emulator.control.ncloud.issue(Number(id));
    const after = await host.read(id, issued.properties);
    expect(after.properties.serialNumber).not.toBe(issued.properties.serialNumber);
    expect(after.properties.keyMatchesCertificate).toBe(false);
    // Wait for the last of the two lines (the first read already printed a line naming "drift-reissue").
    const out = await printed("the private key in this stack no longer matches it");
    expect(out).toMatch(/"drift-reissue" \(\d+\): serial changed \w+ → \w+ \(reissued outside Pulumi\)/);
    expect(out).toContain("the private key in this stack no longer matches it");
  });

  it("a refresh that finds nothing changed prints nothing", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "drift-quiet", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.issue(Number(id));
    const issued = await host.read(id, properties);
    const before = host.stdout.length;
    await host.read(id, issued.properties);
    await new Promise((r) => setTimeout(r, 200));
    expect(host.stdout.slice(before)).not.toContain('"drift-quiet"');
  });
});

describe("renewal", () => {
  /** A certificate issued with `validityDays` of life, as refresh would then see it. */
  async function issuedWithDays(name: string, days: number, extra: Props = {}) {
    await emulator.control.ncloud.settings({ validityDays: days });
    try {
      const { id, properties, inputs } = await checkAndCreate(
        base({ certificateName: name, commonName: `${name}.example.com`, dnsNames: [], ...extra }),
      );
      await emulator.control.ncloud.issue(Number(id));
      const read = await host.read(id, properties);
      return { id, inputs, state: read.properties };
    } finally {
      await emulator.control.ncloud.settings({ validityDays: 198 });
    }
  }

  it("check refuses a window that would renew forever", async () => {
    const { failures } = await host.check({}, base({ renewBeforeDays: 198 }));
    expect(failures[0]).toMatchObject({ property: "renewBeforeDays" });
    expect(failures[0].reason).toContain("reissued forever");
  });

  it("inside renewBeforeDays, preview plans an in-place update and up reissues within the order with a new key", async () => {
    const { id, inputs, state } = await issuedWithDays("renew-me", 20, { key: { algorithm: "ECDSA" } });
    const diff = await host.diff(id, state, inputs);
    expect(diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    for (let i = 0; i < 40 && !host.stdout.includes('("renew-me") expires on'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(host.stdout).toMatch(
      /\("renew-me"\) expires on \d{4}-\d{2}-\d{2}, in 1?\d day\(s\), inside renewBeforeDays 30: it will be reissued within its order/,
    );

    await emulator.control.clearRequests();
    await emulator.control.ncloud.settings({ autoIssueAfterMs: 800 });
    try {
      const news = { ...inputs, waitForIssuance: { timeoutMinutes: 1, pollIntervalSeconds: 1 } };
      const outs = await host.update(id, state, news);
      expect(outs.certificateNo).toBe(Number(id));
      expect(outs.serialNumber).not.toBe(state.serialNumber);
      expect(Date.parse(outs.notAfter as string)).toBeGreaterThan(
        Date.parse(state.notAfter as string) + 100 * 86_400_000,
      );
      expect(outs.privateKeyPem).not.toBe(state.privateKeyPem);
      const leaf = new X509Certificate(outs.certificatePem as string);
      expect(leaf.checkPrivateKey((await import("node:crypto")).createPrivateKey(outs.privateKeyPem as string))).toBe(
        true,
      );
      expect(outs.pendingPrivateKeyPem).toBeUndefined();
      expect(await emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).toEqual([]);
      expect(await emulator.control.requests({ operation: "reissue" })).toHaveLength(1);
      expect((await host.diff(id, outs, news)).changes).toBe("none"); // renewed: out of the window again
    } finally {
      await emulator.control.ncloud.settings({ autoIssueAfterMs: null });
    }
  });

  it("without waiting, the outputs keep the current certificate and key until the reissued one arrives", async () => {
    const { id, inputs, state } = await issuedWithDays("renew-later", 20, { key: { algorithm: "ECDSA" } });
    const outs = await host.update(id, state, inputs);
    expect(outs).toMatchObject({
      statusCode: "0",
      certificatePem: state.certificatePem,
      privateKeyPem: state.privateKeyPem,
    });
    expect(outs.pendingPrivateKeyPem).toContain("PRIVATE KEY");
    await emulator.control.ncloud.issue(Number(id));
    const refreshed = await host.read(id, outs);
    expect(refreshed.properties.privateKeyPem).toBe(outs.pendingPrivateKeyPem);
    expect(refreshed.properties.pendingPrivateKeyPem).toBeUndefined();
    expect(refreshed.properties.keyMatchesCertificate).toBe(true);
    expect(refreshed.properties.serialNumber).not.toBe(state.serialNumber);
  });

  it("key.reuseOnRenewal keeps the key; renewBeforeDays 0 turns renewal off", async () => {
    const { id, inputs, state } = await issuedWithDays("renew-reuse", 20, {
      key: { algorithm: "ECDSA", reuseOnRenewal: true },
    });
    expect((await host.diff(id, state, { ...inputs, renewBeforeDays: 0 })).changes).toBe("some"); // the field itself changes
    expect((await host.diff(id, { ...state, renewBeforeDays: 0 }, { ...inputs, renewBeforeDays: 0 })).changes).toBe(
      "none",
    );
    const outs = await host.update(id, state, inputs);
    await emulator.control.ncloud.issue(Number(id));
    const refreshed = await host.read(id, outs);
    expect(refreshed.properties.privateKeyPem).toBe(state.privateKeyPem);
    expect(refreshed.properties.serialNumber).not.toBe(state.serialNumber);
    expect(refreshed.properties.keyMatchesCertificate).toBe(true);
  });

  it("a reissue whose answer is lost but which NCP took: the update succeeds and the new key is kept", async () => {
    const { id, inputs, state } = await issuedWithDays("renew-lost-answer", 20, { key: { algorithm: "ECDSA" } });
    await emulator.control.clearRequests();
    await emulator.control.addFault({ kind: "resetAfterCommit", operation: "reissue" });
    const outs = await host.update(id, state, inputs);
    expect(outs).toMatchObject({ statusCode: "0", privateKeyPem: state.privateKeyPem });
    expect(outs.pendingPrivateKeyPem).toContain("PRIVATE KEY");
    expect(outs.pendingReissueUnconfirmed).toBeUndefined();
    expect(await emulator.control.requests({ operation: "reissue" })).toHaveLength(1);
    expect(await orders()).toBe(0);
    await emulator.control.ncloud.issue(Number(id));
    const refreshed = (await host.read(id, outs)).properties;
    expect(refreshed.privateKeyPem).toBe(outs.pendingPrivateKeyPem);
    expect(refreshed.keyMatchesCertificate).toBe(true);
  });

  it("a reissue lost before NCP took it: a partial failure keeps the new key, and the next up resends the same CSR", async () => {
    const { id, inputs, state } = await issuedWithDays("renew-lost-request", 20, { key: { algorithm: "ECDSA" } });
    await emulator.control.clearRequests();
    await emulator.control.addFault({ kind: "resetBeforeCommit", operation: "reissue" });
    const err = (await host.update(id, state, inputs).catch((e: HostError) => e)) as HostError;
    expect(err).toBeInstanceOf(HostError);
    expect(err.message).toContain("may not have reached NCP");
    const kept = err.initFailure?.properties as Props;
    expect(err.initFailure?.id).toBe(id);
    expect(kept).toMatchObject({ pendingReissueUnconfirmed: true, statusCode: state.statusCode });
    expect(kept.privateKeyPem).toBe(state.privateKeyPem); // consumers keep a working pair meanwhile
    expect(kept.pendingPrivateKeyPem).toContain("PRIVATE KEY");

    // Preview says what the next up does; the up sends the very same CSR, once, and no order.
    expect((await host.diff(id, kept, inputs)).changes).toBe("some");
    for (let i = 0; i < 40 && !host.stdout.includes('("renew-lost-request"): the last reissue may not'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(host.stdout).toContain('("renew-lost-request"): the last reissue may not have reached NCP');
    const outs = await host.update(id, kept, inputs);
    expect(outs.pendingReissueUnconfirmed).toBeUndefined();
    expect(outs.pendingCsrPem).toBe(kept.pendingCsrPem);
    expect(outs.pendingPrivateKeyPem).toBe(kept.pendingPrivateKeyPem);
    const reissues = await emulator.control.requests({ operation: "reissue" });
    expect(reissues.map((r) => r.status)).toEqual(["reset", 200]);
    expect(await orders()).toBe(0);
    await emulator.control.ncloud.issue(Number(id));
    const refreshed = (await host.read(id, outs)).properties;
    expect(refreshed.privateKeyPem).toBe(kept.pendingPrivateKeyPem);
    expect(refreshed.keyMatchesCertificate).toBe(true);
  });

  it("a reissue that NCP lists under a new number (docs unknown #18) is followed, never dropped or ordered again", async () => {
    await emulator.control.ncloud.settings({ reissueAssignsNewNumber: true });
    try {
      const a = await issuedWithDays("renum-a", 20, { key: { algorithm: "ECDSA" } });
      const b = await issuedWithDays("renum-b", 20, { key: { algorithm: "ECDSA" } });
      const c = await issuedWithDays("renum-c", 20, { key: { algorithm: "ECDSA" } });
      await emulator.control.clearRequests();

      // a: the update reissues; refresh finds the old number gone and follows the successor in the same order.
      const outsA = await host.update(a.id, a.state, a.inputs);
      const [nowA] = await client.findPaidCertificatesByName("renum-a");
      expect(nowA.certificateNo).not.toBe(Number(a.id));
      expect(nowA.orderId).toBe(a.state.orderId);
      await emulator.control.ncloud.issue(nowA.certificateNo);
      const readA = await host.read(a.id, outsA);
      expect(readA.id).toBe(String(nowA.certificateNo));
      expect(readA.properties).toMatchObject({ certificateNo: nowA.certificateNo, keyMatchesCertificate: true });
      expect(readA.properties.privateKeyPem).toBe(outsA.pendingPrivateKeyPem);
      for (
        let i = 0;
        i < 40 && !host.stdout.includes(`now lists this certificate as number ${nowA.certificateNo}`);
        i++
      )
        await new Promise((r) => setTimeout(r, 50));
      expect(host.stdout).toContain(`NCP now lists this certificate as number ${nowA.certificateNo} (was ${a.id}`);
      expect((await host.diff(readA.id, readA.properties, a.inputs)).changes).toBe("none");

      // b: destroyed before any refresh (the engine still holds the old id): the successor is what gets deleted.
      const outsB = await host.update(b.id, b.state, b.inputs);
      await host.delete(b.id, outsB);
      const left = (await client.findPaidCertificatesByName("renum-b")).filter((c) => c.statusCode !== "-6");
      expect(left).toEqual([]);

      // c: an update that waits for issuance follows the new number while polling, and gets the new chain.
      await emulator.control.ncloud.settings({ autoIssueAfterMs: 800 });
      const outsC = await host.update(c.id, c.state, {
        ...c.inputs,
        waitForIssuance: { timeoutMinutes: 1, pollIntervalSeconds: 1 },
      });
      await emulator.control.ncloud.settings({ autoIssueAfterMs: null });
      const [nowC] = await client.findPaidCertificatesByName("renum-c");
      expect(outsC).toMatchObject({ certificateNo: nowC.certificateNo, keyMatchesCertificate: true });
      expect(nowC.certificateNo).not.toBe(Number(c.id));
      expect(outsC.serialNumber).not.toBe(c.state.serialNumber);
      expect(outsC.privateKeyPem).not.toBe(c.state.privateKeyPem);
      expect(outsC.pendingPrivateKeyPem).toBeUndefined();

      await host.delete(readA.id, readA.properties);
      await host.delete(c.id, outsC);
      expect(await orders()).toBe(0);
    } finally {
      await emulator.control.ncloud.settings({ reissueAssignsNewNumber: false, autoIssueAfterMs: null });
    }
  });
});

describe("expiry by the emulator's clock", () => {
  it("a certificate past notAfter reads as EXPIRE, with a line saying when it expired", async () => {
    const { id, properties } = await checkAndCreate(
      base({ certificateName: "clock-expire", key: { algorithm: "ECDSA" } }),
    );
    await emulator.control.ncloud.issue(Number(id));
    const issued = await host.read(id, properties);
    await emulator.control.setClockOffset(199 * 86_400_000, { certificatesOnly: true });
    try {
      const after = await host.read(id, issued.properties);
      expect(after.properties).toMatchObject({ statusCode: "-2", statusName: "EXPIRE" });
      // Wait for this very line: the earlier read already printed a line naming "clock-expire".
      const line = `"clock-expire" (${id}): expired on ${String(issued.properties.notAfter).slice(0, 10)}`;
      for (let i = 0; i < 40 && !host.stdout.includes(line); i++) await new Promise((r) => setTimeout(r, 50));
      expect(host.stdout).toContain(line);
    } finally {
      await emulator.control.setClockOffset(0);
    }
  });
});
