/**
 * Creating a GlobalDnsRecord with one owner and no copies (issue 26 #4, #5):
 * - an identical record that already exists is refused unless `adoptExisting` is set (then it is taken over, and
 *   left in place on delete);
 * - the create is re-sent only after a listing that succeeded has shown it did not land, and copies of it that land
 *   late (an earlier attempt committed after its answer was lost) are removed;
 * - as soon as the record exists (or may exist: sent, never confirmed), a failure hands Pulumi the partial state
 *   (an init error), so the stack tracks the record and `up` finishes it or `destroy` removes it.
 */
import { ResourceInitError } from "../../dynamic/initError";
import { ApiError } from "../../shared/errors";
import { classifyWriteFailure, isTransient, retryPolicyFromEnv } from "../../shared/retry";
import type { DnsRecord, DnsZone, GlobalDnsApi } from "../api/globalDnsTypes";
import type { RecordInputs } from "./inputs";
import { applyZone, copiesOfCreate, describe, identical, listAll } from "./records";
import { type Props, stateOf, unconfirmedId } from "./state";

/** Creates of identical records in one zone, one after another in this process, so the second sees the first. */
const creating = new Map<number, Promise<unknown>>();

function oneAtATime<T>(zoneId: number, run: () => Promise<T>): Promise<T> {
  const next = (creating.get(zoneId) ?? Promise.resolve()).then(run);
  const settled = next.catch(() => undefined);
  creating.set(zoneId, settled);
  settled.then(() => {
    if (creating.get(zoneId) === settled) creating.delete(zoneId);
  });
  return next;
}

export async function createRecord(api: GlobalDnsApi, zone: DnsZone, i: RecordInputs) {
  const { copies, adopted, createdAbove } = await oneAtATime(zone.id, async () => {
    const listing = await listAll(api, zone.id);
    const [existing] = identical(listing, i);
    if (existing && !i.adoptExisting) throw new Error(alreadyExists(i, existing));
    if (existing) return { copies: [existing], adopted: true, createdAbove: undefined };
    const above = Math.max(0, ...listing.map((r) => r.id));
    return { copies: await sendUntilListed(api, zone.id, i, above), adopted: false, createdAbove: above };
  });
  return finishCreate(api, zone.id, i, copies, { adopted, createdAbove });
}

/** Applies a created (or resolved) record and removes late copies; any failure keeps the record in the stack. */
export async function finishCreate(
  api: GlobalDnsApi,
  zoneId: number,
  i: RecordInputs,
  copies: DnsRecord[],
  owner: { adopted: boolean; createdAbove?: number },
): Promise<{ id: string; outs: Props }> {
  const [record, ...known] = copies;
  try {
    // Copies the create's listing showed (a re-send that both landed) go before the apply, so it never serves them.
    let removed = known.map((r) => r.id);
    if (removed.length > 0) await api.deleteRecords(zoneId, removed);
    let listing: DnsRecord[] | undefined;
    const ready = async () => {
      listing = await listAll(api, zoneId);
      const r = listing.find((x) => x.id === record.id && !x.deleted);
      return r?.applied === true && !listing.some((x) => removed.includes(x.id));
    };
    if (!record.applied || removed.length > 0) await applyZone(api, zoneId, ready);
    else await ready();
    // A copy committed late, during the apply: removed and the removal published.
    if (owner.createdAbove !== undefined) {
      const late = copiesOfCreate(listing ?? [], i, owner.createdAbove).filter((r) => r.id !== record.id);
      if (late.length > 0) {
        removed = late.map((r) => r.id);
        await api.deleteRecords(zoneId, removed);
        await applyZone(api, zoneId, ready);
      }
    }
    const fresh = listing?.find((r) => r.id === record.id && !r.deleted) ?? record;
    return { id: String(record.id), outs: stateOf(i, zoneId, fresh, owner) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const message =
      `${describe(i)} exists in NCP Global DNS (id ${record.id}) but could not be finished: ${reason}. ` +
      "It is kept in the stack: the next `pulumi up` applies it, `pulumi destroy` removes it";
    const state = stateOf(i, zoneId, { ...record, applied: false }, owner);
    throw new ResourceInitError(message, String(record.id), state, [message]);
  }
}

/** Deletes copies of our create other than `keep` (pending ones are never served once deleted before apply). */
export async function removeCopies(api: GlobalDnsApi, zoneId: number, i: RecordInputs, keep: number, above: number) {
  const extra = copiesOfCreate(await listAll(api, zoneId), i, above).filter((r) => r.id !== keep);
  if (extra.length === 0) return [];
  await api.deleteRecords(
    zoneId,
    extra.map((r) => r.id),
  );
  return extra.map((r) => r.id);
}

/**
 * Sends the create and returns the records a listing shows for it (ours first, then copies). An unanswered create
 * is looked up before it is sent again, twice (at once, and after a pause for a late commit); a failed look-up never
 * leads to a re-send.
 */
export async function sendUntilListed(
  api: GlobalDnsApi,
  zoneId: number,
  i: RecordInputs,
  above: number,
): Promise<DnsRecord[]> {
  const policy = retryPolicyFromEnv();
  const spec = { host: i.host, type: i.type, content: i.content, ttl: i.ttl };
  let sent = 0;
  for (;;) {
    let failure: unknown;
    sent++;
    try {
      await api.createRecords(zoneId, [spec]);
    } catch (err) {
      // A refusal read in full landed nothing; on a re-send it may stand for an earlier attempt that did (NCP may
      // refuse duplicates), which the listing tells.
      // A 429 or an unsent request landed nothing either, and is sent again after the listing.
      const refused = classifyWriteFailure(err) === "refused";
      if (refused && !(err instanceof ApiError && sent > 1)) throw err;
      failure = err;
    }
    const pause = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (sent - 1));
    for (const wait of isTransient(failure) ? [0, pause] : [0]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      const mine = await lookUp(api, zoneId, i, above, sent, failure);
      if (mine.length > 0) return mine;
    }
    if (!failure) throw unconfirmed(i, zoneId, above, "NCP accepted the create but does not list the record");
    if (!isTransient(failure)) throw failure;
    if (sent >= policy.maxAttempts) {
      throw unconfirmed(i, zoneId, above, `sent ${sent} times without an answer: ${String(failure)}`);
    }
  }
}

async function lookUp(
  api: GlobalDnsApi,
  zoneId: number,
  i: RecordInputs,
  above: number,
  sent: number,
  failure: unknown,
): Promise<DnsRecord[]> {
  try {
    return copiesOfCreate(await listAll(api, zoneId), i, above);
  } catch (err) {
    const why = failure ? `the create got no answer (${String(failure)})` : "the create was accepted";
    throw unconfirmed(
      i,
      zoneId,
      above,
      `${why}, and listing the zone to confirm it failed: ${String(err)} (sent ${sent} time(s))`,
    );
  }
}

/** A create that may have landed but no listing confirmed: tracked under a placeholder id until one does. */
function unconfirmed(i: RecordInputs, zoneId: number, above: number, why: string): ResourceInitError {
  const message =
    `${describe(i)} may have been created in NCP Global DNS but is not confirmed: ${why}. It is kept in the stack ` +
    "as unconfirmed: the next `pulumi up` looks it up (and creates it only if it is not there), `pulumi destroy` " +
    "removes it if it landed";
  const state = stateOf(i, zoneId, undefined, { adopted: false, createdAbove: above, unconfirmed: true });
  return new ResourceInitError(message, unconfirmedId(i), state, [message]);
}

/** The refusal of a create whose record already exists and is not adopted. */
function alreadyExists(i: RecordInputs, existing: DnsRecord): string {
  return (
    `${describe(i)} with this content already exists in NCP Global DNS (id ${existing.id}), not created by this ` +
    "resource. To manage it here, set `adoptExisting: true` (an adopted record is left in place when the resource " +
    "is deleted); otherwise delete it in the console or give another host or content"
  );
}

/** The create an unconfirmed state stands for: its record if a listing shows it, else sent now (after that listing). */
export async function resolveUnconfirmed(api: GlobalDnsApi, zoneId: number, i: RecordInputs, above: number) {
  return oneAtATime(zoneId, async () => {
    const mine = copiesOfCreate(await listAll(api, zoneId), i, above);
    return mine.length > 0 ? mine : await sendUntilListed(api, zoneId, i, above);
  });
}
