/**
 * ncloud.AdvancedCertificateValidation through the real dynamic-provider host, beside the AdvancedCertificate it
 * waits for, with NCP played by the emulator.
 */
import { X509Certificate } from "node:crypto";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair } from "../../provider/crypto/keys";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { HostError, serializedProvider, UNKNOWN } from "../helpers/host";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const ctx = hostWithEmulatorForFile();
let validationProvider: string;
let client: NcloudCertificateManagerClient;

afterEach(async () => {
  await ctx.emulator.control.clearFaults();
});

beforeAll(async () => {
  validationProvider = await serializedProvider(inject("fixtureDir"), "shims/advancedCertificateValidation.js");
  client = new NcloudCertificateManagerClient({
    credentials: ctx.emulator.ncloudCredentials,
    endpoint: ctx.emulator.url,
  });
});

/** A fresh Advanced certificate order (not issued), through the AdvancedCertificate provider. */
async function order(name: string, dnsNames = ["www.example.com"]): Promise<number> {
  return (await orderWithKey(name, dnsNames)).no;
}

async function orderWithKey(name: string, dnsNames = ["www.example.com"]): Promise<{ no: number; key: string }> {
  const { id, properties } = await checkAndCreate(ctx.host, {
    __provider: ctx.provider,
    certificateName: name,
    commonName: "example.com",
    dnsNames,
  });
  return { no: Number(id), key: properties.privateKeyPem as string };
}

const validation = (certificateNo: unknown, more: Props = {}): Props => ({
  __provider: validationProvider,
  certificateNo,
  pollIntervalSeconds: 1,
  ...more,
});

async function checked(news: Props): Promise<Props> {
  const { inputs, failures } = await ctx.host.check({}, news);
  expect(failures).toEqual([]);
  return inputs;
}

async function waitForOutput(text: string | RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (typeof text === "string" ? ctx.host.stdout.includes(text) : text.test(ctx.host.stdout)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`provider output never showed ${text}:\n${ctx.host.stdout.slice(-2000)}`);
}

describe("check", () => {
  it("refuses bad input naming the field, before any request reaches NCP", async () => {
    await ctx.emulator.control.clearRequests();
    const cases: [Props, string, RegExp][] = [
      [
        { certificateNo: undefined },
        "certificateNo",
        /required: pass the certificateNo output of an ncloud\.AdvancedCertificate/,
      ],
      [{ certificateNo: -3 }, "certificateNo", /positive whole number/],
      [{ certificateNo: "abc" }, "certificateNo", /positive whole number/],
      [{ validationRecordFqdns: "_dnsauth.example.com" }, "validationRecordFqdns", /must be a list/],
      [{ validationRecordFqdns: ["not a name"] }, "validationRecordFqdns", /"not a name" is not a DNS record name/],
      [{ timeoutMinutes: 0 }, "timeoutMinutes", /above 0 and at most 1440/],
      [{ timeoutMinutes: 5000 }, "timeoutMinutes", /at most 1440/],
      [{ timeoutMinutes: 1, pollIntervalSeconds: 120 }, "pollIntervalSeconds", /longer than timeoutMinutes/],
      [{ pollIntervalSeconds: 0.001 }, "pollIntervalSeconds", /from 1 to 3600 seconds/],
      [{ pollIntervalSeconds: 0.5 }, "pollIntervalSeconds", /from 1 to 3600 seconds/],
      [{ certificateNumber: 5 }, "certificateNumber", /did you mean certificateNo\?/],
      [{ privateKeyPem: "not a key" }, "privateKeyPem", /privateKeyPem cannot be used/],
    ];
    for (const [overrides, property, reason] of cases) {
      const news: Props = { ...validation(12), ...overrides };
      for (const [k, v] of Object.entries(news)) if (v === undefined) delete news[k];
      const { failures } = await ctx.host.check({}, news);
      const failure = failures.find((f) => f.property === property);
      expect(failure?.reason, `${JSON.stringify(overrides)}: ${JSON.stringify(failures)}`).toMatch(reason);
    }
    expect(await ctx.emulator.control.requests()).toEqual([]);
  });

  it("passes unknown values through in preview and normalises FQDNs", async () => {
    expect((await ctx.host.check({}, validation(UNKNOWN))).failures).toEqual([]);
    const inputs = await checked(
      validation(7, { validationRecordFqdns: ["_DNSAUTH.www.example.com.", "_dnsauth.example.com"] }),
    );
    expect(inputs).toMatchObject({
      certificateNo: 7,
      validationRecordFqdns: ["_dnsauth.example.com", "_dnsauth.www.example.com"],
      timeoutMinutes: 60,
      pollIntervalSeconds: 1,
    });
  });
});

describe("create waits for issuance", () => {
  it("prints the records NCP still checks, waits until issued, and outputs the issued chain", async () => {
    const no = await order("valid-wait");
    const inputs = await checked(validation(no, { timeoutMinutes: 1 }));
    const created = ctx.host.create(inputs);
    await waitForOutput(
      new RegExp(
        `for certificate ${no} \\("valid-wait"\\): waiting up to 1 min .*DNS records NCP still checks: TXT _dnsauth\\.example\\.com = ".+" \\(for example\\.com\\); TXT _dnsauth\\.www\\.example\\.com`,
      ),
    );
    await ctx.emulator.control.ncloud.issue(no);
    const { id, properties } = await created;
    expect(id).toBe(String(no));
    const exported = await client.exportCertificateChain(no);
    const leaf = new X509Certificate(properties.certificatePem as string);
    expect(leaf.serialNumber.toLowerCase()).toBe(new X509Certificate(exported.certificate).serialNumber.toLowerCase());
    expect(properties).toMatchObject({
      certificateNo: no,
      certificateName: "valid-wait",
      domains: ["example.com", "www.example.com"],
    });
    expect(properties.fullChainPem).toBe(`${properties.certificatePem}${properties.chainPem}`);
    expect(properties.notAfter).toBe(new Date(leaf.validTo).toISOString().replace(".000Z", "Z"));
  });

  it("at its deadline fails without recording anything, naming the records, so the next up waits again", async () => {
    const no = await order("valid-late");
    const inputs = await checked(validation(no, { timeoutMinutes: 0.02 }));
    const err = (await ctx.host.create(inputs).catch((e) => e)) as HostError;
    expect(err).toBeInstanceOf(HostError);
    expect(err.initFailure).toBeUndefined(); // a plain failure: the engine records no resource
    expect(err.message).toMatch(
      /not issued within timeoutMinutes \(0\.02 min\); status ONGOING\. DNS records NCP still checks .*_dnsauth\.www\.example\.com/,
    );
    expect(err.message).toMatch(/the next `pulumi up` waits again/);
  });

  it("fails at once when validationRecordFqdns misses a domain's record", async () => {
    const no = await order("valid-cover");
    const inputs = await checked(validation(no, { validationRecordFqdns: ["_dnsauth.example.com"] }));
    const started = Date.now();
    const err = (await ctx.host.create(inputs).catch((e) => e)) as HostError;
    expect(err.message).toMatch(
      /validationRecordFqdns misses the validation record of www\.example\.com \(TXT _dnsauth\.www\.example\.com\)/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("fails at once when the order ended, and when the number is not an Advanced certificate", async () => {
    const no = await order("valid-dead");
    await ctx.emulator.control.ncloud.fail(no, "-4");
    await expect(ctx.host.create(await checked(validation(no)))).rejects.toThrow(/ended the order in status .*\(-4\)/);
    await expect(ctx.host.create(await checked(validation(999_999)))).rejects.toThrow(
      /certificateNo 999999: NCP lists no Advanced certificate/,
    );
  });

  it("ends the wait when the certificate is revoked (-5) while it waits", async () => {
    const no = await order("valid-revoked");
    const created = ctx.host.create(await checked(validation(no, { timeoutMinutes: 1 })));
    await waitForOutput(new RegExp(`for certificate ${no} \\("valid-revoked"\\): waiting up to 1 min`));
    const started = Date.now();
    await ctx.emulator.control.ncloud.revoke(no);
    await expect(created).rejects.toThrow(/ended the order in status .*\(-5\); it will not be issued/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("keeps waiting through NCP failing for longer than one call's retries (503), and says so", async () => {
    const no = await order("valid-flaky");
    const created = ctx.host.create(await checked(validation(no, { timeoutMinutes: 1 })));
    await waitForOutput(new RegExp(`for certificate ${no} \\("valid-flaky"\\): waiting up to 1 min`));
    // More 503s in a row than one call retries (5 attempts): at least one poll fails as a whole.
    await ctx.emulator.control.addFault({ kind: "status", status: 503, api: "ncloud", times: 12 });
    await waitForOutput(/NCP did not answer this poll \(.*Endpoint Error.*\); still waiting/);
    await ctx.emulator.control.clearFaults();
    await ctx.emulator.control.ncloud.issue(no);
    expect((await created).id).toBe(String(no));
  });
});

describe("privateKeyPem: the key registered in the same up", () => {
  it("registers the certificate's key once issued (status NORMAL), and refuses another certificate's key", async () => {
    const { no, key } = await orderWithKey("valid-key");
    const other = await orderWithKey("valid-other");
    await ctx.emulator.control.ncloud.issue(no);
    const refused = await ctx.host.create(await checked(validation(no, { privateKeyPem: other.key }))).catch((e) => e);
    expect(String(refused)).toMatch(/privateKeyPem does not match the certificate NCP issued/);
    await ctx.emulator.control.clearRequests();
    const { properties } = await ctx.host.create(await checked(validation(no, { privateKeyPem: key })));
    expect(properties).toMatchObject({ statusCode: "1", statusName: "NORMAL", privateKeyRegistered: true });
    expect(await ctx.emulator.control.requests({ operation: "registPrivateKey" })).toHaveLength(1);
    expect((await ctx.emulator.control.ncloud.getCertificate(no)).statusCode).toBe("1");
  });
});

describe("diff, read, delete", () => {
  let no: number;
  let state: Props;
  beforeAll(async () => {
    no = await order("valid-life");
    await ctx.emulator.control.ncloud.issue(no);
    state = (await ctx.host.create(await checked(validation(no)))).properties;
  });

  it("diff: another certificate replaces, wait settings update in place, the same inputs change nothing", async () => {
    const inputs = await checked(validation(no));
    expect(await ctx.host.diff(String(no), state, inputs)).toMatchObject({ changes: "none" });
    expect(await ctx.host.diff(String(no), state, await checked(validation(no + 1)))).toMatchObject({
      changes: "some",
      replaces: ["certificateNo"],
    });
    // A number not known in preview (its certificate is being renewed): an update there, judged again by `up`.
    expect(await ctx.host.diff(String(no), state, await checked(validation(UNKNOWN)))).toMatchObject({
      changes: "some",
      replaces: [],
    });
    expect(await ctx.host.diff(String(no), state, await checked(validation(no, { timeoutMinutes: 5 })))).toMatchObject({
      changes: "some",
      replaces: [],
    });
  });

  it("read follows a reissue: the outputs move to the new certificate, and say so", async () => {
    const key = await generateKeyPair({ algorithm: "RSA", rsaBits: 2048 });
    const csr = buildCsr({ privateKey: key.privateKey, commonName: "example.com", dnsNames: ["www.example.com"] });
    await client.reissue(no, {
      csr,
      certificateName: "valid-life",
      commonName: "example.com",
      dnsName: ["www.example.com"],
      validationMethod: "D",
    });
    const during = await ctx.host.read(String(no), state);
    expect(during.properties.certificatePem).toBe(state.certificatePem); // still the one in service
    await ctx.emulator.control.ncloud.issue(no);
    const after = await ctx.host.read(String(no), state);
    expect(after.properties.serialNumber).not.toBe(state.serialNumber);
    expect(
      new X509Certificate(after.properties.certificatePem as string).publicKey.export({ format: "pem", type: "spki" }),
    ).toBe(key.publicKeyPem);
    expect(after.inputs).toMatchObject({ certificateNo: no, timeoutMinutes: 60, pollIntervalSeconds: 1 });
    expect(Object.keys(after.inputs ?? {}).sort()).toEqual([
      "__provider",
      "certificateNo",
      "pollIntervalSeconds",
      "timeoutMinutes",
    ]);
    await waitForOutput(`NCP now serves a new certificate (serial ${after.properties.serialNumber}`);
  });

  it("delete sends nothing to NCP; a certificate deleted in the console drops the validation on refresh", async () => {
    await ctx.emulator.control.clearRequests();
    await ctx.host.delete(String(no), state);
    expect(await ctx.emulator.control.requests()).toEqual([]);
    expect((await ctx.emulator.control.ncloud.getCertificate(no)).statusCode).not.toBe("-6");
    await ctx.emulator.control.ncloud.delete(no);
    expect((await ctx.host.read(String(no), state)).id).toBe("");
  });
});
