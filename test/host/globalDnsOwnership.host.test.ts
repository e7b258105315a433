/**
 * ncloud.GlobalDnsRecord through the real dynamic-provider host (issue 26 #4, #5): one record has one owner (an
 * identical record is adopted only when asked, and an adopted record is never deleted), and faults leave no
 * duplicate and no untracked record — a record that exists (or may) is handed to the engine as partial state.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_GLOBAL_DNS_MODES } from "../../provider/emulator";
import { HostError } from "../helpers/host";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

type Props = Record<string, unknown>;

const ctx = hostWithEmulatorForFile("shims/globalDnsRecord.js");
const ZONE = "owned.example";
let seq = 0;

beforeAll(async () => {
  await ctx.emulator.control.globalDns.createZone(ZONE);
});
beforeEach(async () => {
  await ctx.emulator.control.clearFaults();
  await ctx.emulator.control.globalDns.setModes(DEFAULT_GLOBAL_DNS_MODES);
});

const txt = (overrides: Props = {}): Props => ({
  __provider: ctx.provider,
  zone: ZONE,
  host: `_dnsauth.o${++seq}`,
  type: "TXT",
  content: `token-${seq}`,
  ...overrides,
});
async function listed(host: string) {
  return (await ctx.emulator.control.globalDns.zone(ZONE)).records.filter((r) => r.host === host && !r.delYn);
}
async function applied(host: string) {
  return (await ctx.emulator.control.globalDns.appliedRecords(ZONE)).filter((r) => r.host === host);
}
async function failureOf(p: Promise<unknown>): Promise<HostError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HostError);
  return err as HostError;
}

describe("one record, one owner", () => {
  it("refuses a record made by hand, naming it and the input that adopts it; adopted, it survives delete", async () => {
    const inputs = txt();
    const host = inputs.host as string;
    await ctx.emulator.control.globalDns.addRecord(ZONE, { host, type: "TXT", content: inputs.content as string });
    const [byHand] = await listed(host);
    const checked = await ctx.host.check({}, inputs);
    const err = await failureOf(ctx.host.create(checked.inputs));
    expect(err.message).toContain(`already exists in NCP Global DNS (id ${byHand.id})`);
    expect(err.message).toContain("adoptExisting: true");
    expect(await listed(host)).toHaveLength(1);

    const adopted = await checkAndCreate(ctx.host, { ...inputs, adoptExisting: true });
    expect(adopted.id).toBe(String(byHand.id));
    expect(adopted.properties).toMatchObject({ adopted: true, adoptExisting: true });
    await ctx.host.delete(adopted.id, adopted.properties);
    expect((await applied(host)).map((r) => r.id)).toEqual([byHand.id]);
    expect(ctx.host.stdout).toMatch(/was adopted \(adoptExisting\), not created by this stack: left in place/);
  });

  it("a second resource for the same record is refused, so deleting one never removes the other's record", async () => {
    const inputs = txt();
    const first = await checkAndCreate(ctx.host, inputs);
    expect(first.properties).toMatchObject({ adopted: false });
    const err = await failureOf(ctx.host.create((await ctx.host.check({}, inputs)).inputs));
    expect(err.message).toContain(`(id ${first.id}), not created by this resource`);
    await ctx.host.delete(first.id, first.properties);
    expect(await applied(inputs.host as string)).toEqual([]);
  });
});

/** The create lands but its answer is lost, and every listing after the look-up before it fails. */
async function loseCreateWithListingDown(): Promise<void> {
  await ctx.emulator.control.addFault({ kind: "resetAfterCommit", api: "globaldns", operation: "createRecord" });
  await ctx.emulator.control.addFault({
    kind: "status",
    status: 503,
    api: "globaldns",
    operation: "getRecordList",
    skip: 1,
    times: 0,
  });
}

describe("faults: no duplicate, no untracked record", () => {
  it("(a) a lost create answer then a failing listing: no re-send; the record is kept as unconfirmed state", async () => {
    const inputs = txt();
    const host = inputs.host as string;
    await ctx.emulator.control.clearRequests();
    await loseCreateWithListingDown();
    const checked = await ctx.host.check({}, inputs);
    const err = await failureOf(ctx.host.create(checked.inputs));
    expect(await ctx.emulator.control.requests({ api: "globaldns", operation: "createRecord" })).toHaveLength(1);
    expect(err.initFailure?.id).toBe(`unconfirmed-TXT-${host}.${ZONE}`);
    expect(err.initFailure?.properties).toMatchObject({ unconfirmed: true, adopted: false });
    expect(err.message).toMatch(/may have been created .* not confirmed/);

    await ctx.emulator.control.clearFaults();
    const state = err.initFailure?.properties as Props;
    // The engine updates a resource with init errors on the next `up`: it finds the record instead of re-sending.
    const outs = await ctx.host.update(err.initFailure?.id as string, state, checked.inputs);
    const [record] = await listed(host);
    expect(outs).toMatchObject({ recordId: record.id, applied: true });
    expect(await listed(host)).toHaveLength(1);
    expect(await ctx.emulator.control.requests({ api: "globaldns", operation: "createRecord" })).toHaveLength(1);
    const read = await ctx.host.read(err.initFailure?.id as string, outs);
    expect(read.id).toBe(String(record.id));
    await ctx.host.delete(read.id, read.properties);
    expect(await applied(host)).toEqual([]);
  });

  it("(a) destroy of an unconfirmed create removes the record if it landed", async () => {
    const inputs = txt();
    const host = inputs.host as string;
    await loseCreateWithListingDown();
    const err = await failureOf(ctx.host.create((await ctx.host.check({}, inputs)).inputs));
    await ctx.emulator.control.clearFaults();
    expect(await listed(host)).toHaveLength(1);
    await ctx.host.delete(err.initFailure?.id as string, err.initFailure?.properties as Props);
    expect(await listed(host)).toEqual([]);
  });

  it("(b) a create that commits late leaves a copy that refresh reports and the next up removes", async () => {
    const inputs = txt();
    const host = inputs.host as string;
    await ctx.emulator.control.addFault({
      kind: "lateCommit",
      api: "globaldns",
      operation: "createRecord",
      delayMs: 400,
    });
    const created = await checkAndCreate(ctx.host, inputs);
    await new Promise((r) => setTimeout(r, 600));
    expect(await listed(host)).toHaveLength(2); // the late copy landed after the create returned
    const read = await ctx.host.read(created.id, created.properties);
    expect(ctx.host.stdout).toMatch(
      /1 more identical record\(s\) .* committed late; the next `pulumi up` removes them/,
    );
    expect((await ctx.host.diff(read.id, read.properties, created.inputs)).changes).toBe("some");
    const outs = await ctx.host.update(read.id, read.properties, created.inputs);
    expect((await listed(host)).map((r) => r.id)).toEqual([Number(created.id)]);
    expect((await applied(host)).map((r) => r.id)).toEqual([Number(created.id)]);
    await ctx.host.delete(created.id, outs);
    expect(await listed(host)).toEqual([]);
  });

  it.each(["applyDomain", "getRecordList"])(
    "(c) a lasting 503 on %s after the create keeps the record in the stack; up finishes it, delete removes it",
    async (operation) => {
      const inputs = txt();
      const host = inputs.host as string;
      // getRecordList: the look-up before the create and the one confirming it pass, every later one fails.
      await ctx.emulator.control.addFault({
        kind: "status",
        status: 503,
        api: "globaldns",
        operation,
        times: 0,
        skip: operation === "getRecordList" ? 2 : 0,
      });
      const checked = await ctx.host.check({}, inputs);
      const err = await failureOf(ctx.host.create(checked.inputs));
      await ctx.emulator.control.clearFaults();
      const [record] = await listed(host);
      expect(err.initFailure?.id).toBe(String(record.id));
      expect(err.initFailure?.properties).toMatchObject({ recordId: record.id, applied: false, adopted: false });
      const outs = await ctx.host.update(String(record.id), err.initFailure?.properties as Props, checked.inputs);
      expect(outs).toMatchObject({ applied: true });
      expect((await applied(host)).map((r) => r.id)).toEqual([record.id]);
      await ctx.host.delete(String(record.id), outs);
      expect(await applied(host)).toEqual([]);
    },
  );
});
