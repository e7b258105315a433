/**
 * GlobalDnsRecord's lifecycle: a record in an existing NCP Global DNS domain, created (never twice), applied so the
 * name servers serve it, read back by id for drift, updated in place (content, ttl), deleted and applied.
 * Runs in the dynamic-provider host, loaded by the forwarder shims/globalDnsRecord.ts.
 */

import { ApiError } from "../../shared/errors";
import { mayHaveBeenProcessed } from "../../shared/retry";
import { containsUnknown } from "../../shared/unknown";
import type { DnsRecord, GlobalDnsApi } from "../api/globalDnsTypes";
import { globalDnsClient } from "../api/settings";
import { checkRecordInputs, fqdnOf, normalContent, type RecordInputs, sameContent } from "./inputs";
import { applyZone, createOnce, describe, recordById, zoneNamed } from "./records";

type Props = Record<string, unknown>;

const REPLACE_ON = ["zone", "host", "type"] as const;
const UPDATE_ON = ["content", "ttl"] as const;

export async function check(_olds: Props, news: Props) {
  const { inputs, failures } = checkRecordInputs(news);
  return { inputs: { ...inputs, __provider: news.__provider }, failures };
}

export async function diff(_id: string, olds: Props, news: Props) {
  const changed = (f: string) => JSON.stringify(olds[f]) !== JSON.stringify(news[f]);
  // A name not known yet in preview (it comes from a certificate being renewed) is not judged a replacement: `up`
  // diffs again with the real value and replaces only if it did change. Planning a replacement here would show
  // every renewal as "records replaced", which it never is (a reissue keeps the record names).
  const replaces = REPLACE_ON.filter((f) => changed(f) && !containsUnknown(news[f]));
  const updates = [...UPDATE_ON, ...REPLACE_ON].filter(changed);
  return { changes: updates.length > 0, replaces: [...replaces] };
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  const api = globalDnsClient();
  const i = inputs as unknown as RecordInputs;
  const zone = await zoneNamed(api, i.zone);
  const record = await createOnce(api, zone.id, i);
  if (!record.applied) await applyZone(api, zone.id, async () => isApplied(api, zone.id, i.type, record.id));
  const fresh = (await recordById(api, zone.id, i.type, record.id)) ?? record;
  return { id: String(record.id), outs: outputs(i, zone.id, fresh) };
}

export async function read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
  const api = globalDnsClient();
  const i = props as unknown as RecordInputs & { zoneId: number };
  const record = await recordById(api, i.zoneId, i.type, Number(id));
  if (!record) {
    console.log(`${describe(i)} (id ${id}) no longer exists in NCP Global DNS; refresh removes it from the stack`);
    return { id: "", props: {} };
  }
  const observed = { ...i, content: normalContent(i.type, record.content), ttl: record.ttl };
  for (const note of driftNotes(i, observed)) console.log(`${describe(i)}: ${note}`);
  const outs = outputs(observed, i.zoneId, record);
  return { id, props: { ...props, ...outs }, inputs: inputsOf(observed) };
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const api = globalDnsClient();
  const i = news as unknown as RecordInputs;
  const zoneId = olds.zoneId as number;
  const recordId = Number(id);
  if (!(await recordById(api, zoneId, i.type, recordId))) {
    throw new Error(
      `${describe(i)} (id ${id}) was deleted outside Pulumi: run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`,
    );
  }
  await api.updateRecords(zoneId, [{ id: recordId, host: i.host, type: i.type, content: i.content, ttl: i.ttl }]);
  await applyZone(api, zoneId, async () => {
    const r = await recordById(api, zoneId, i.type, recordId);
    return !!r && r.applied && r.ttl === i.ttl && sameContent(i.type, r.content, i.content);
  });
  const record = (await recordById(api, zoneId, i.type, recordId)) as DnsRecord;
  return { outs: outputs(i, zoneId, record) };
}

/** Deletes by id and applies; a record already gone is success. */
export async function remove(id: string, props: Props): Promise<void> {
  const api = globalDnsClient();
  const i = props as unknown as RecordInputs & { zoneId: number };
  const recordId = Number(id);
  const gone = async () => !(await listedAtAll(api, i.zoneId, i.type, recordId));
  if (await recordById(api, i.zoneId, i.type, recordId)) {
    try {
      await api.deleteRecords(i.zoneId, [recordId]);
    } catch (err) {
      // Refused or unanswered: if the record is no longer live, the delete (or someone else's) went through.
      const stillLive = await recordById(api, i.zoneId, i.type, recordId);
      if (stillLive || !(err instanceof ApiError || mayHaveBeenProcessed(err))) throw err;
    }
  }
  // Deleted but not applied yet (ours or an interrupted earlier destroy): publish the deletion.
  if (!(await gone())) await applyZone(api, i.zoneId, gone);
}

async function isApplied(api: GlobalDnsApi, zoneId: number, type: string, id: number): Promise<boolean> {
  return (await recordById(api, zoneId, type, id))?.applied === true;
}

/** Listed in any form, deleted-but-unapplied included. */
async function listedAtAll(api: GlobalDnsApi, zoneId: number, type: string, id: number): Promise<boolean> {
  return (await api.listRecords(zoneId, { recordType: type })).some((r) => r.id === id);
}

function outputs(i: RecordInputs, zoneId: number, r: DnsRecord): Props {
  return {
    ...inputsOf(i),
    recordId: r.id,
    zoneId,
    fqdn: fqdnOf(i.host, i.zone),
    applied: r.applied,
    storedContent: r.content,
  };
}

function inputsOf(i: RecordInputs): Props {
  return { zone: i.zone, host: i.host, type: i.type, content: i.content, ttl: i.ttl };
}

/** What changed outside Pulumi, as refresh prints it (the next `up` puts the inputs back). */
export function driftNotes(before: RecordInputs, now: RecordInputs): string[] {
  const notes: string[] = [];
  if (!sameContent(before.type, before.content, now.content)) {
    notes.push(`content changed outside Pulumi from "${before.content}" to "${now.content}"; the next up sets it back`);
  }
  if (before.ttl !== now.ttl) notes.push(`ttl changed outside Pulumi from ${before.ttl} to ${now.ttl}`);
  return notes;
}
