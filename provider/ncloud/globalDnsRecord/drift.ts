/**
 * What refresh finds of a GlobalDnsRecord (issue 26 #8), each change reported in words and turned into state that
 * plans the right step: content or ttl changed (update sets them back), host or type changed through the API
 * (replace: the id is the same record, now elsewhere), a deletion left pending in the console (replace: still
 * served, gone at the next apply), copies left by a late-committing create (update removes them), and a create
 * never confirmed (followed to its record, or dropped if it never landed).
 */
import type { DnsRecord, GlobalDnsApi } from "../api/globalDnsTypes";
import { normalContent, type RecordInputs, sameContent } from "./inputs";
import { copiesOfCreate, describe, listAll } from "./records";
import { inputsOf, type Props, type RecordState, recordIdOf, stateOf } from "./state";

export interface ReadResult {
  id: string;
  props: Props;
  inputs?: Props;
}

export async function readRecord(api: GlobalDnsApi, id: string, props: Props): Promise<ReadResult> {
  const s = props as unknown as RecordState;
  const listing = await listAll(api, s.zoneId);
  const gone = (why: string): ReadResult => {
    console.log(`${describe(s)} (id ${id}) ${why}; refresh removes it from the stack`);
    return { id: "", props: {} };
  };
  const recordId = recordIdOf(id, props);
  const record =
    recordId === undefined
      ? s.unconfirmed && s.createdAbove !== undefined
        ? copiesOfCreate(listing, s, s.createdAbove)[0]
        : undefined
      : listing.find((r) => r.id === recordId);
  if (!record) {
    return gone(
      s.unconfirmed ? "was never created (its unanswered create did not land)" : "no longer exists in NCP Global DNS",
    );
  }
  if (s.unconfirmed) console.log(`${describe(s)}: the unanswered create did land (id ${record.id}); following it`);
  const observed: RecordInputs = {
    ...s,
    host: record.host.toLowerCase(),
    type: record.type as RecordInputs["type"],
    // Equal content keeps the form of the inputs (a CNAME target's final dot, TXT without quotes): no false drift.
    content: sameContent(record.type, record.content, s.content)
      ? s.content
      : normalContent(record.type, record.content),
    ttl: record.ttl,
  };
  for (const note of driftNotes(s, observed)) console.log(`${describe(s)}: ${note}`);
  if (record.deleted) {
    console.log(
      `${describe(s)} (id ${record.id}) was deleted in the console (or through the API) but the deletion is not ` +
        "applied: the name servers still serve it until the next apply of the zone. The next `pulumi up` creates it " +
        "again (a replacement), or remove it from the program to let the deletion stand",
    );
  }
  const strays = strayCopies(listing, s, record);
  if (strays.length > 0) {
    console.log(
      `${describe(s)}: NCP lists ${strays.length} more identical record(s) (id ${strays.join(", ")}) left by a create ` +
        "whose answer was lost and that committed late; the next `pulumi up` removes them",
    );
  }
  const state = stateOf(observed, s.zoneId, record, {
    adopted: s.adopted === true,
    createdAbove: s.createdAbove,
    strayCopies: strays,
    deletionPending: record.deleted,
  });
  const { unconfirmed: _u, strayCopies: _s, deletionPending: _d, ...kept } = props;
  return { id: String(record.id), props: { ...kept, ...state }, inputs: inputsOf(observed) };
}

/** Identical records above the create's mark other than ours: copies of our own create (never for adopted ones). */
function strayCopies(listing: DnsRecord[], s: RecordState, ours: DnsRecord): number[] {
  if (s.adopted || s.createdAbove === undefined) return [];
  return copiesOfCreate(listing, s, s.createdAbove)
    .filter((r) => r.id !== ours.id)
    .map((r) => r.id);
}

/** What changed outside Pulumi, as refresh prints it. */
export function driftNotes(before: RecordInputs, now: RecordInputs): string[] {
  const notes: string[] = [];
  if (before.host !== now.host) {
    notes.push(`host changed outside Pulumi from "${before.host}" to "${now.host}"; the next up replaces the record`);
  }
  if (before.type !== now.type) {
    notes.push(`type changed outside Pulumi from ${before.type} to ${now.type}; the next up replaces the record`);
  }
  if (!sameContent(now.type, before.content, now.content)) {
    notes.push(`content changed outside Pulumi from "${before.content}" to "${now.content}"; the next up sets it back`);
  }
  if (before.ttl !== now.ttl) notes.push(`ttl changed outside Pulumi from ${before.ttl} to ${now.ttl}`);
  return notes;
}
