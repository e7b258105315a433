/**
 * GlobalDnsRecord's lifecycle: a record in an existing NCP Global DNS domain, created once and owned by one resource
 * (create.ts), applied so the name servers serve it, read back by id for drift (drift.ts), updated in place
 * (content, ttl), deleted and applied — never deleting what the stack did not create.
 * Runs in the dynamic-provider host, loaded by the forwarder shims/globalDnsRecord.ts.
 */

import { ResourceInitError } from "../../dynamic/initError";
import { ApiError } from "../../shared/errors";
import { mayHaveBeenProcessed } from "../../shared/retry";
import { containsUnknown } from "../../shared/unknown";
import { globalDnsClient } from "../api/settings";
import { createRecord, removeCopies, resolveUnconfirmed } from "./create";
import { type ReadResult, readRecord } from "./drift";
import { checkRecordInputs, type RecordInputs, sameContent } from "./inputs";
import { applyZone, copiesOfCreate, describe, listAll, liveRecordById, zoneNamed } from "./records";
import { type Props, type RecordState, recordIdOf, stateOf } from "./state";

export { driftNotes } from "./drift";

const REPLACE_ON = ["zone", "host", "type"] as const;
const UPDATE_ON = ["content", "ttl", "adoptExisting"] as const;

export async function check(_olds: Props, news: Props) {
  const { inputs, failures } = checkRecordInputs(news);
  return { inputs: { ...inputs, __provider: news.__provider }, failures };
}

export async function diff(_id: string, olds: Props, news: Props) {
  const changed = (f: string) => JSON.stringify(olds[f] ?? defaults[f]) !== JSON.stringify(news[f] ?? defaults[f]);
  // A name not known yet in preview (it comes from a certificate being renewed) is not judged a replacement: `up`
  // diffs again with the real value and replaces only if it did change. Planning a replacement here would show
  // every renewal as "records replaced", which it never is (a reissue keeps the record names).
  const replaces: string[] = REPLACE_ON.filter((f) => changed(f) && !containsUnknown(news[f]));
  // Deleted in the console, the deletion not yet applied: the record cannot be brought back, only made again.
  if (olds.deletionPending === true) replaces.push("deletionPending");
  const updates = [...UPDATE_ON, ...REPLACE_ON].filter(changed);
  const repairs = olds.unconfirmed === true || (Array.isArray(olds.strayCopies) && olds.strayCopies.length > 0);
  return { changes: updates.length > 0 || replaces.length > 0 || repairs, replaces };
}
const defaults: Props = { adoptExisting: false };

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  const api = globalDnsClient();
  const i = inputs as unknown as RecordInputs;
  return keepingProvider(inputs, async () => createRecord(api, await zoneNamed(api, i.zone), i));
}

/** A partial state carries the serialized provider like any state, or the engine could not read or delete it. */
async function keepingProvider<T>(inputs: Props, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ResourceInitError) err.properties.__provider = inputs.__provider;
    throw err;
  }
}

export async function read(id: string, props: Props): Promise<ReadResult> {
  return readRecord(globalDnsClient(), id, props);
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  return keepingProvider(news, () => updateRecord(id, olds, news));
}

async function updateRecord(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const api = globalDnsClient();
  const i = news as unknown as RecordInputs;
  const old = olds as unknown as RecordState;
  const zoneId = old.zoneId;
  const owner = { adopted: old.adopted === true, createdAbove: old.createdAbove };
  let recordId = recordIdOf(id, olds);
  if (recordId === undefined && old.unconfirmed && old.createdAbove !== undefined) {
    // The create of an earlier `up` got no confirmation: find it, or send it now that a listing shows it is not there.
    recordId = (await resolveUnconfirmed(api, zoneId, old, old.createdAbove))[0].id;
  }
  const record = recordId === undefined ? undefined : await liveRecordById(api, zoneId, recordId);
  if (!record || recordId === undefined) {
    throw new Error(
      `${describe(i)} (id ${id}) was deleted outside Pulumi: run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`,
    );
  }
  const same = record.ttl === i.ttl && sameContent(i.type, record.content, i.content);
  if (!same) {
    await api.updateRecords(zoneId, [{ id: recordId, host: i.host, type: i.type, content: i.content, ttl: i.ttl }]);
  }
  const removed =
    owner.createdAbove === undefined ? [] : await removeCopies(api, zoneId, old, recordId, owner.createdAbove);
  // Done when the record is served as wanted and the removed copies are no longer listed at all.
  const done = async () => {
    const listing = await listAll(api, zoneId);
    const r = listing.find((x) => x.id === recordId && !x.deleted);
    const wanted = !!r && r.applied && r.ttl === i.ttl && sameContent(i.type, r.content, i.content);
    return wanted && !listing.some((x) => removed.includes(x.id));
  };
  if (!(await done())) await applyZone(api, zoneId, done);
  const fresh = (await liveRecordById(api, zoneId, recordId)) ?? record;
  return { outs: stateOf(i, zoneId, fresh, owner) };
}

/**
 * Deletes the record and copies of its create, then applies; a record already gone is success. An adopted record
 * was not created by the stack and is left in place.
 */
export async function remove(id: string, props: Props): Promise<void> {
  const api = globalDnsClient();
  const s = props as unknown as RecordState;
  if (s.adopted) {
    console.log(`${describe(s)} (id ${id}) was adopted (adoptExisting), not created by this stack: left in place`);
    return;
  }
  const recordId = recordIdOf(id, props);
  const listing = await listAll(api, s.zoneId);
  const ours = new Set<number>();
  const live = recordId !== undefined && listing.some((r) => r.id === recordId && !r.deleted);
  if (live) ours.add(recordId);
  // Copies of our create, unless our record was deleted by someone else: then an identical record above the mark
  // may be its replacement (a deletion left pending is replaced by a new record), not a copy.
  if (s.createdAbove !== undefined && (live || s.unconfirmed)) {
    for (const r of copiesOfCreate(listing, s, s.createdAbove)) ours.add(r.id);
  }
  if (ours.size > 0) {
    try {
      await api.deleteRecords(s.zoneId, [...ours]);
    } catch (err) {
      // Refused or unanswered: if none is live any more, the delete (or someone else's) went through.
      const live = await listAll(api, s.zoneId);
      if (live.some((r) => ours.has(r.id) && !r.deleted) || !(err instanceof ApiError || mayHaveBeenProcessed(err)))
        throw err;
    }
  }
  // Deleted but not applied yet (ours or an interrupted earlier destroy): publish the deletion.
  const targets = new Set([...ours, ...(recordId === undefined ? [] : [recordId])]);
  const gone = async () => !(await listAll(api, s.zoneId)).some((r) => targets.has(r.id));
  if (!(await gone())) await applyZone(api, s.zoneId, gone);
}
