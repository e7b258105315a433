/**
 * The steps GlobalDnsRecord takes against a Global DNS API: find the zone, find a record (by id or by equal
 * content), create without ever leaving a duplicate, and apply — one apply per zone at a time in this process, and
 * judged by the zone's state rather than by the answer, since a retried apply may be refused for having nothing
 * left to apply.
 */
import { ApiError } from "../../shared/errors";
import { mayHaveBeenProcessed, retryPolicyFromEnv, withRetries } from "../../shared/retry";
import type { DnsRecord, DnsZone, GlobalDnsApi } from "../api/globalDnsTypes";
import { type RecordInputs, sameContent } from "./inputs";

export async function zoneNamed(api: GlobalDnsApi, name: string): Promise<DnsZone> {
  const zone = await api.findZone(name);
  if (!zone) {
    throw new Error(
      `NCP Global DNS has no domain named "${name}": GlobalDnsRecord adds records to an existing domain, so create ` +
        "it in the NCP console (Global DNS) first, or correct `zone`",
    );
  }
  return zone;
}

/** The zone's live records of this type (deleted-but-unapplied ones left out). */
async function recordsOfType(api: GlobalDnsApi, zoneId: number, type: string): Promise<DnsRecord[]> {
  // searchContent's match rule is undocumented (docs §10 #9), so filter by type only and match here.
  return (await api.listRecords(zoneId, { recordType: type })).filter((r) => !r.deleted && r.type === type);
}

/** Records equal to the inputs (host, type, content), lowest id first. */
export async function identicalRecords(api: GlobalDnsApi, zoneId: number, i: RecordInputs): Promise<DnsRecord[]> {
  return (await recordsOfType(api, zoneId, i.type))
    .filter((r) => r.host.toLowerCase() === i.host && sameContent(i.type, r.content, i.content))
    .sort((a, b) => a.id - b.id);
}

/** The record with this id, if it is still live (not deleted, deletion applied or not). */
export async function recordById(api: GlobalDnsApi, zoneId: number, type: string, id: number) {
  return (await recordsOfType(api, zoneId, type)).find((r) => r.id === id);
}

/**
 * Creates the record unless an equal one exists, and returns it. After a failure that may have landed, the zone is
 * listed before anything is sent again; if a late commit still made two, the newer copy is removed.
 */
export async function createOnce(api: GlobalDnsApi, zoneId: number, i: RecordInputs): Promise<DnsRecord> {
  const [existing] = await identicalRecords(api, zoneId, i);
  if (existing) return existing;
  const spec = { host: i.host, type: i.type, content: i.content, ttl: i.ttl };
  await withRetries(async () => {
    try {
      await api.createRecords(zoneId, [spec]);
    } catch (err) {
      // It may have landed (no answer), or been refused because an earlier attempt landed late (duplicates refused).
      if ((mayHaveBeenProcessed(err) || err instanceof ApiError) && (await identicalRecords(api, zoneId, i)).length > 0)
        return;
      throw err;
    }
  }, retryPolicyFromEnv());
  const [record, ...extra] = await identicalRecords(api, zoneId, i);
  if (!record) {
    throw new Error(`NCP Global DNS accepted ${describe(i)} but does not list it; run \`pulumi up\` again to retry`);
  }
  if (extra.length > 0)
    await api.deleteRecords(
      zoneId,
      extra.map((r) => r.id),
    );
  return record;
}

const applying = new Map<number, Promise<unknown>>();

/**
 * Applies the zone's pending changes, one apply per zone at a time in this process, and succeeds when `done` holds
 * for the listed records afterwards — even if the last answer was an error (a retry of an apply that went through
 * finds nothing to apply, which NCP may refuse).
 */
/**
 * Pauses, in units of the retry base (500 ms in production: about 2 minutes in all), while an accepted apply has not
 * yet shown: the notes leave open whether apply answers before or after publishing (§10 #2).
 */
const APPLY_WAIT_PAUSES = [0, 1, 2, 4, 8, 16, 32, 64, 120];
const APPLY_WAIT_UNITS = APPLY_WAIT_PAUSES.reduce((a, b) => a + b, 0);

async function untilApplied(done: () => Promise<boolean>): Promise<boolean> {
  const { baseDelayMs } = retryPolicyFromEnv();
  for (const units of APPLY_WAIT_PAUSES) {
    if (units) await new Promise((r) => setTimeout(r, units * baseDelayMs));
    if (await done()) return true;
  }
  return false;
}

export function applyZone(api: GlobalDnsApi, zoneId: number, done: () => Promise<boolean>): Promise<void> {
  const previous = applying.get(zoneId) ?? Promise.resolve();
  const run = previous.then(async () => {
    try {
      await api.applyZone(zoneId);
    } catch (err) {
      if (!(err instanceof ApiError) && !mayHaveBeenProcessed(err)) throw err;
      if (await untilApplied(done)) return;
      throw err;
    }
    if (!(await untilApplied(done))) {
      throw new Error(
        `NCP Global DNS accepted the apply of domain ${zoneId} but still lists the change as unapplied after waiting ${Math.round((APPLY_WAIT_UNITS * retryPolicyFromEnv().baseDelayMs) / 1000)} s; run \`pulumi up\` again later`,
      );
    }
  });
  const settled = run.catch(() => undefined);
  applying.set(zoneId, settled);
  settled.then(() => {
    if (applying.get(zoneId) === settled) applying.delete(zoneId);
  });
  return run;
}

export function describe(i: Pick<RecordInputs, "type" | "host" | "zone">): string {
  return `the ${i.type} record ${i.host === "@" ? i.zone : `${i.host}.${i.zone}`}`;
}
