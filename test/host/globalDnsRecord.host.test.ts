/**
 * ncloud.GlobalDnsRecord through the real dynamic-provider host over gRPC, loaded from the installed tarball, with
 * Global DNS played by the emulator: check refuses bad input before any request, the lifecycle creates, applies,
 * reads, updates and deletes, a console deletion drops the record on refresh, and faults never leave a duplicate.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_GLOBAL_DNS_MODES, type GlobalDnsModes } from "../../provider/emulator";
import { HostError, UNKNOWN } from "../helpers/host";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const ctx = hostWithEmulatorForFile("shims/globalDnsRecord.js");
const ZONE = "records.example";
const DEFAULT_MODES = DEFAULT_GLOBAL_DNS_MODES;
let seq = 0;

beforeAll(async () => {
  await ctx.emulator.control.globalDns.createZone(ZONE);
});
beforeEach(async () => {
  await ctx.emulator.control.clearFaults();
  await ctx.emulator.control.globalDns.setModes(DEFAULT_MODES);
});

const txt = (overrides: Props = {}): Props => ({
  __provider: ctx.provider,
  zone: ZONE,
  host: `_dnsauth.h${++seq}`,
  type: "TXT",
  content: `token-${seq}`,
  ...overrides,
});

async function applied(host: string) {
  return (await ctx.emulator.control.globalDns.appliedRecords(ZONE)).filter((r) => r.host === host);
}
async function listed(host: string) {
  return (await ctx.emulator.control.globalDns.zone(ZONE)).records.filter((r) => r.host === host && !r.delYn);
}

describe("check", () => {
  const cases: [Props, string, RegExp][] = [
    [{ zone: undefined }, "zone", /zone is required/],
    [{ zone: "not a domain" }, "zone", /not a domain name/],
    [{ host: `_dnsauth.www.${ZONE}` }, "host", /give it relative to the zone, host: "_dnsauth.www"/],
    [{ host: ZONE }, "host", /host: "@"/],
    [{ host: "www.other.example." }, "host", /ends with a dot/],
    [{ host: "bad host" }, "host", /invalid label "bad host"/],
    [{ host: "a..b" }, "host", /invalid label ""/],
    [{ host: "@", type: "CNAME", content: "t.example.net" }, "host", /cannot have a CNAME/],
    [{ type: "SRV" }, "type", /use one of TXT, A, AAAA, CNAME, MX, CAA/],
    [{ content: '"quoted"' }, "content", /without the surrounding quotes/],
    [{ content: "x".repeat(256) }, "content", /at most 255/],
    [{ content: 'a"b' }, "content", /double quote/],
    [{ content: "" }, "content", /content is required/],
    [{ type: "A", content: "300.1.1.1" }, "content", /not an IPv4 address/],
    [{ type: "AAAA", content: "192.0.2.1" }, "content", /not an IPv6 address/],
    [{ type: "CNAME", content: "not a host!" }, "content", /not a host name/],
    [{ type: "MX", content: "mail.example.com" }, "content", /priority and host/],
    [{ type: "CAA", content: "0 issue letsencrypt.org" }, "content", /not a CAA value/],
    [{ type: "CAA", content: '0 nope "x"' }, "content", /CAA tag "nope" is unknown/],
    [{ ttl: 5 }, "ttl", /from 30 to 86400/],
    [{ ttl: 100_000 }, "ttl", /from 30 to 86400/],
    [{ ttl: 1.5 }, "ttl", /out of range/],
    [{ ttl: "300" }, "ttl", /out of range/],
    [{ contents: "x" }, "contents", /did you mean content\?/],
  ];

  it("refuses every bad input, naming the field and the fix, with no request sent", async () => {
    await ctx.emulator.control.clearRequests();
    for (const [overrides, property, reason] of cases) {
      const { failures } = await ctx.host.check({}, txt(overrides));
      const failure = failures.find((f) => f.property === property);
      expect(failure?.reason, `${JSON.stringify(overrides)} → ${JSON.stringify(failures)}`).toMatch(reason);
    }
    expect(await ctx.emulator.control.requests()).toEqual([]);
  });

  it("passes unknown values of preview, normalises case and fills the default TTL", async () => {
    const unknown = await ctx.host.check({}, txt({ content: UNKNOWN, host: UNKNOWN }));
    expect(unknown.failures).toEqual([]);
    const { inputs, failures } = await ctx.host.check(
      {},
      txt({ zone: "Records.Example.", host: "WWW", type: "a", content: "192.0.2.1" }),
    );
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ zone: ZONE, host: "www", type: "A", content: "192.0.2.1", ttl: 300 });
  });
});

describe("lifecycle", () => {
  it.each(["atOnce", "later"] as const)(
    "creates and applies a TXT record, reads it, updates it in place, and deletes it (apply publishes %s)",
    async (applyPublishes) => {
      // "later" (notes §10 #2): apply is accepted and publishes a moment afterwards; each step waits for it.
      await ctx.emulator.control.globalDns.setModes({ applyPublishes });
      const created = await checkAndCreate(ctx.host, txt());
      const host = created.properties.host as string;
      expect(created.properties).toMatchObject({
        applied: true,
        storedContent: `"${created.inputs.content}"`,
        fqdn: `${host}.${ZONE}`,
      });
      expect(created.id).toBe(String(created.properties.recordId));
      expect((await applied(host)).map((r) => r.content)).toEqual([`"${created.inputs.content}"`]);

      const read = await ctx.host.read(created.id, created.properties);
      expect(read.id).toBe(created.id);
      expect(read.inputs).toMatchObject({ content: created.inputs.content, ttl: 300 });

      const news = { ...created.inputs, content: "changed", ttl: 600 };
      expect(await ctx.host.diff(created.id, created.properties, news)).toMatchObject({
        changes: "some",
        replaces: [],
      });
      expect((await ctx.host.diff(created.id, created.properties, { ...news, host: "other" })).replaces).toEqual([
        "host",
      ]);
      // A host not known yet in preview (from a certificate being renewed) is an update there; `up` judges it again.
      const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      expect(await ctx.host.diff(created.id, created.properties, { ...news, host: UNKNOWN_VALUE })).toMatchObject({
        changes: "some",
        replaces: [],
      });
      const updated = await ctx.host.update(created.id, created.properties, news);
      expect(updated).toMatchObject({ recordId: Number(created.id), applied: true, content: "changed", ttl: 600 });
      expect((await applied(host)).map((r) => [r.id, r.content, r.ttl])).toEqual([
        [Number(created.id), '"changed"', 600],
      ]);

      await ctx.host.delete(created.id, updated);
      expect(await applied(host)).toEqual([]);
      await ctx.host.delete(created.id, updated); // already gone: success
    },
  );

  it("adopts an identical record, when told to, instead of creating a second one", async () => {
    const inputs = txt({ adoptExisting: true });
    await ctx.emulator.control.globalDns.addRecord(ZONE, {
      host: inputs.host as string,
      type: "TXT",
      content: inputs.content as string,
    });
    const [existing] = await listed(inputs.host as string);
    const created = await checkAndCreate(ctx.host, inputs);
    expect(created.id).toBe(String(existing.id));
    expect(await listed(inputs.host as string)).toHaveLength(1);
  });

  it("creates A, AAAA, CNAME, MX and CAA records", async () => {
    for (const [type, content] of [
      ["A", "192.0.2.7"],
      ["AAAA", "2001:db8::7"],
      ["CNAME", "target.example.net"],
      ["MX", "10 mail.example.com"],
      ["CAA", '0 issue "letsencrypt.org"'],
    ]) {
      const created = await checkAndCreate(ctx.host, txt({ host: `rec${++seq}`, type, content }));
      expect(created.properties).toMatchObject({ applied: true, storedContent: content });
    }
  });

  it("refuses a zone that does not exist, saying to create it first", async () => {
    const err = await ctx.host
      .create((await ctx.host.check({}, txt({ zone: "missing.example" }))).inputs)
      .catch((e) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/no domain named "missing.example".*create it in the NCP console/);
  });
});

describe("changes in the console", () => {
  it("a deleted record makes read return no id; changed content is reported as drift", async () => {
    const a = await checkAndCreate(ctx.host, txt());
    await ctx.emulator.control.globalDns.changeRecord(ZONE, Number(a.id), { content: "edited", ttl: 120 });
    const drift = await ctx.host.read(a.id, a.properties);
    expect(drift.inputs).toMatchObject({ content: "edited", ttl: 120 });
    expect(drift.properties).toMatchObject({ content: "edited", storedContent: '"edited"' });
    expect((await ctx.host.diff(a.id, drift.properties, a.inputs)).changes).toBe("some");
    expect(ctx.host.stdout + ctx.host.stderr).toMatch(/content changed outside Pulumi from "token-\d+" to "edited"/);

    await ctx.emulator.control.globalDns.deleteRecord(ZONE, Number(a.id));
    expect((await ctx.host.read(a.id, a.properties)).id).toBe("");
    const update = await ctx.host.update(a.id, a.properties, { ...a.inputs, content: "x" }).catch((e) => e);
    expect((update as HostError).message).toMatch(/deleted outside Pulumi: run `pulumi refresh`/);
  });
});

describe("faults never leave a duplicate, and apply is retried safely", () => {
  const FAULTS = [
    { kind: "status", status: 503 },
    { kind: "rateLimit", retryAfterSeconds: 0 },
    { kind: "resetBeforeCommit" },
    { kind: "resetAfterCommit" },
    { kind: "lateCommit" },
  ] as const;
  const MODES: [string, Partial<GlobalDnsModes>][] = [
    ["defaults", {}],
    [
      "strict",
      {
        applyWithNothingPending: "refused",
        duplicates: "refused",
        deleteUnknownId: "error",
        successBody: "json",
        applyPublishes: "later",
      },
    ],
    ["lenient", { deleteUnknownId: "ignore", liveBeforeApply: true, preQuotedTxt: "double", successBody: "json" }],
  ];
  const OPERATIONS = ["createRecord", "applyDomain", "deleteRecord"];

  for (const [modeName, modes] of MODES) {
    for (const operation of OPERATIONS) {
      for (const fault of FAULTS) {
        it(`${modeName}: ${fault.kind} on ${operation}`, async () => {
          await ctx.emulator.control.globalDns.setModes({ ...DEFAULT_MODES, ...modes });
          await ctx.emulator.control.clearRequests();
          await ctx.emulator.control.addFault({ ...fault, api: "globaldns", operation });
          const created = await checkAndCreate(ctx.host, txt());
          const host = created.properties.host as string;
          expect(await listed(host)).toHaveLength(1);
          expect(await applied(host)).toHaveLength(1);
          expect(created.properties.applied).toBe(true);
          await ctx.host.delete(created.id, created.properties);
          expect(await listed(host)).toEqual([]);
          expect(await applied(host)).toEqual([]);
          const hit = await ctx.emulator.control.requests({ api: "globaldns", operation });
          expect(hit.some((r) => r.fault === fault.kind)).toBe(true);
        });
      }
    }
  }
});
