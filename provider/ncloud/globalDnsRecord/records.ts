/**
 * The steps GlobalDnsRecord takes against a Global DNS API: find the zone, find records (by id, by equal content,
 * copies of one create), and apply — one apply per zone at a time in this process, and judged by the zone's state
 * rather than by the answer, since a retried apply may be refused for having nothing left to apply.
 */
import { ApiError } from "../../shared/errors";
import { mayHaveBeenProcessed, retryPolicyFromEnv } from "../../shared/retry";
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

/** Every record the zone lists, of every type, deleted-but-unapplied ones included (a confirmed listing). */
export function listAll(api: GlobalDnsApi, zoneId: number): Promise<DnsRecord[]> {
  // searchContent's match rule is undocumented (docs §10 #9): list everything and match here.
  return api.listRecords(zoneId);
}

/** Live records equal to the inputs (host, type, content), lowest id first. */
export function identical(records: DnsRecord[], i: Pick<RecordInputs, "host" | "type" | "content">): DnsRecord[] {
  return records
    .filter((r) => !r.deleted && r.type === i.type && r.host.toLowerCase() === i.host)
    .filter((r) => sameContent(i.type, r.content, i.content))
    .sort((a, b) => a.id - b.id);
}

/**
 * Copies of one create: identical live records with an id above the highest the zone listed before it was sent.
 * NCP gives new records ever larger ids (as every id seen so far): a record above that mark equal to ours came
 * from our own create, sent again or committed late.
 */
export function copiesOfCreate(records: DnsRecord[], i: RecordInputs, createdAbove: number): DnsRecord[] {
  return identical(records, i).filter((r) => r.id > createdAbove);
}

/** The record with this id in any form and of any type (a type changed outside Pulumi keeps its id). */
export async function recordById(api: GlobalDnsApi, zoneId: number, id: number): Promise<DnsRecord | undefined> {
  return (await listAll(api, zoneId)).find((r) => r.id === id);
}

/** The record with this id if it is live (listed and not deleted). */
export async function liveRecordById(api: GlobalDnsApi, zoneId: number, id: number) {
  const r = await recordById(api, zoneId, id);
  return r && !r.deleted ? r : undefined;
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
