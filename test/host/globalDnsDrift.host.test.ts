/**
 * ncloud.GlobalDnsRecord's refresh through the real dynamic-provider host (issue 26 #8): changes made outside
 * Pulumi — host or type changed through the API, a deletion left pending in the console, a target written with a
 * final dot — are each reported in words and turned into the plan that puts things right (or into no plan at all).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const ctx = hostWithEmulatorForFile("shims/globalDnsRecord.js");
const ZONE = "drift.example";
let seq = 0;
let api: NcloudGlobalDnsClient;
let zoneId: number;

beforeAll(async () => {
  zoneId = (await ctx.emulator.control.globalDns.createZone(ZONE)).id;
  api = new NcloudGlobalDnsClient({
    credentials: ctx.emulator.ncloudCredentials,
    endpoint: ctx.emulator.globalDnsEndpoint,
  });
});
afterAll(() => undefined);

const record = (overrides: Props = {}): Props => ({
  __provider: ctx.provider,
  zone: ZONE,
  host: `d${++seq}`,
  type: "A",
  content: "192.0.2.10",
  ...overrides,
});

/** Changes a record through the API, as another tool would, and applies the zone. */
async function changeThroughApi(id: number, change: { host?: string; type?: string; content?: string }) {
  const [r] = (await api.listRecords(zoneId)).filter((x) => x.id === id);
  await api.updateRecords(zoneId, [{ id, host: r.host, type: r.type, content: r.content, ttl: r.ttl, ...change }]);
  await api.applyZone(zoneId);
}

describe("drift", () => {
  it("a host changed through the API is reported and planned as a replacement", async () => {
    const created = await checkAndCreate(ctx.host, record());
    await changeThroughApi(Number(created.id), { host: "moved" });
    const read = await ctx.host.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.inputs).toMatchObject({ host: "moved" });
    expect(ctx.host.stdout).toMatch(/host changed outside Pulumi from "d\d+" to "moved"; the next up replaces/);
    expect(await ctx.host.diff(read.id, read.properties, created.inputs)).toMatchObject({
      changes: "some",
      replaces: ["host"],
    });
    await ctx.host.delete(read.id, read.properties);
  });

  it("a type changed through the API keeps the record in the stack, reported and planned as a replacement", async () => {
    const created = await checkAndCreate(ctx.host, record());
    await changeThroughApi(Number(created.id), { type: "AAAA", content: "2001:db8::10" });
    const read = await ctx.host.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.inputs).toMatchObject({ type: "AAAA", content: "2001:db8::10" });
    expect(ctx.host.stdout).toMatch(/type changed outside Pulumi from A to AAAA/);
    expect((await ctx.host.diff(read.id, read.properties, created.inputs)).replaces).toContain("type");
    await ctx.host.delete(read.id, read.properties);
    expect((await api.listRecords(zoneId)).some((r) => r.id === Number(created.id))).toBe(false);
  });

  it("a deletion left pending in the console keeps the still-served record, reported and planned as a replacement", async () => {
    const created = await checkAndCreate(ctx.host, record());
    await ctx.emulator.control.globalDns.deleteRecord(ZONE, Number(created.id), { apply: false });
    const read = await ctx.host.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({ deletionPending: true });
    expect(ctx.host.stdout).toMatch(/deletion is not applied: the name servers still serve it/);
    const plan = await ctx.host.diff(read.id, read.properties, created.inputs);
    expect(plan).toMatchObject({ changes: "some", replaces: ["deletionPending"] });
    // The replacement: a new record first, then the old one's deletion published.
    const again = await checkAndCreate(ctx.host, { ...created.inputs, __provider: ctx.provider });
    await ctx.host.delete(read.id, read.properties);
    const served = (await ctx.emulator.control.globalDns.appliedRecords(ZONE)).filter(
      (r) => r.host === created.properties.host,
    );
    expect(served.map((r) => r.id)).toEqual([Number(again.id)]);
  });

  it.each([
    ["CNAME", "Target.Example.NET."],
    ["MX", "10 mail.example.com."],
  ])("a %s target written with a final dot reads back with no change", async (type, content) => {
    const created = await checkAndCreate(ctx.host, record({ type, content }));
    const read = await ctx.host.read(created.id, created.properties);
    expect(read.inputs?.content).toBe(created.inputs.content);
    expect(read.properties).toEqual(created.properties);
    expect(await ctx.host.diff(read.id, read.properties, created.inputs)).toMatchObject({ changes: "none" });
  });
});
