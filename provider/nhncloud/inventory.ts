/**
 * Reading a whole NHN inventory page by page without losing entries silently.
 *
 * Pages are positions in a list that can change while it is read: a certificate deleted during the read shifts
 * every later entry one place forward, so one of them is skipped; one added makes another appear twice. A deletion
 * and an addition together keep totalCount and the number of entries read as they were, so neither count shows
 * them. And the server's own paging fields can be wrong (a `totalPage` of 2,000,000, or none). So: the page count
 * is bounded by totalCount / pageSize, and reading stops at an empty page; then a read of several pages is
 * confirmed by reading every page but the last once more after all were read, since any change at or before a page
 * that shifted a later one changes that page too. A read whose pages disagree (their totalCounts, the number of
 * entries against totalCount, a certificate name on two pages, or a page that read differently the second time) is
 * done again, a bounded number of times. If it still disagrees, the best read is returned with a warning that says
 * so, never a silently short list. A single page needs no confirmation: one answer is one moment of the list.
 */
import type { CertificateStatusFilter, NhnCertificateEntry, NhnCertificatePage } from "./client";

export interface InventoryQuery {
  pageSize?: number;
  status?: CertificateStatusFilter;
  all?: boolean;
  concurrency?: number;
}

export interface Inventory {
  totalCount: number;
  data: NhnCertificateEntry[];
  /** Set when the inventory kept changing while it was read: what disagreed. */
  warnings?: string[];
}

type ReadPage = (pageNum: number, pageSize: number) => Promise<NhnCertificatePage>;

/** Reads of the whole inventory before giving up on a consistent one. */
const MAX_READS = 3;

export async function readInventory(readPage: ReadPage, query: InventoryQuery): Promise<Inventory> {
  let last: { inventory: Inventory; problem?: string } | undefined;
  for (let read = 1; read <= MAX_READS; read++) {
    last = await readOnce(readPage, query);
    if (!last.problem) return last.inventory;
  }
  const { inventory, problem } = last as { inventory: Inventory; problem: string };
  return {
    ...inventory,
    warnings: [
      `the NHN inventory changed while it was read (${problem}), ${MAX_READS} times in a row: the list may miss or repeat certificates; read it again later`,
    ],
  };
}

async function readOnce(
  readPage: ReadPage,
  query: InventoryQuery,
): Promise<{ inventory: Inventory; problem?: string }> {
  const requested = query.pageSize ?? 100;
  const first = await readPage(1, requested);
  const pageSize = first.pageSize > 0 ? first.pageSize : requested;
  // Never more pages than the count needs, whatever totalPage says (or when it says nothing).
  const pageCount = Math.max(1, Math.ceil(first.totalCount / pageSize));
  const pages: NhnCertificatePage[] = [first];
  const concurrency = Math.max(1, query.concurrency ?? 16);
  const later = Array.from({ length: pageCount - 1 }, (_, i) => i + 2);
  let ended = first.data.length === 0;
  for (let at = 0; at < later.length && !ended; at += concurrency) {
    const wave = later.slice(at, at + concurrency);
    const read = await Promise.all(wave.map((n) => readPage(n, pageSize)));
    for (const page of read) {
      if (ended) break;
      if (page.data.length === 0)
        ended = true; // past the end: the count was wrong, or the list shrank
      else pages.push(page);
    }
  }
  const data = pages.flatMap((p) => p.data);
  const problem =
    disagreement(first.totalCount, pages, data) ?? (await changedSinceRead(readPage, pageSize, pages, concurrency));
  return { inventory: { totalCount: first.totalCount, data: problem ? withoutRepeats(data) : data }, problem };
}

function disagreement(
  totalCount: number,
  pages: NhnCertificatePage[],
  data: NhnCertificateEntry[],
): string | undefined {
  const counts = new Set(pages.map((p) => p.totalCount));
  if (counts.size > 1) return `its pages gave totalCount ${[...counts].join(" and ")}`;
  if (data.length !== totalCount) return `totalCount ${totalCount} beside ${data.length} entries`;
  // Names are unique in a project (NHN's docs): one on two pages is the list shifting back under the read.
  const pageOf = new Map<string, number>();
  for (const [i, page] of pages.entries()) {
    for (const { certificateName } of page.data) {
      const seen = pageOf.get(certificateName);
      if (seen !== undefined && seen !== i + 1) return `"${certificateName}" on pages ${seen} and ${i + 1}`;
      pageOf.set(certificateName, i + 1);
    }
  }
  return undefined;
}

/**
 * Every page but the last, read once more after all of them were read (as many at once as the first read): a
 * deletion or addition at or before page k, between the reads of page k and page k + 1, shifts page k itself, so
 * page k reads differently now. The last page has no later page to lose an entry to.
 */
async function changedSinceRead(
  readPage: ReadPage,
  pageSize: number,
  pages: NhnCertificatePage[],
  concurrency: number,
): Promise<string | undefined> {
  const again = pages.slice(0, -1);
  for (let at = 0; at < again.length; at += concurrency) {
    const wave = again.slice(at, at + concurrency);
    const read = await Promise.all(wave.map((_, i) => readPage(at + i + 1, pageSize)));
    for (const [i, page] of read.entries()) {
      const before = wave[i];
      const n = at + i + 1;
      if (page.totalCount !== before.totalCount)
        return `page ${n} read again gave totalCount ${page.totalCount}, not ${before.totalCount}`;
      if (JSON.stringify(page.data) !== JSON.stringify(before.data)) return `page ${n} read again differed`;
    }
  }
  return undefined;
}

/** The same entry seen on two pages (the list grew while read) is one certificate; distinct ones are all kept. */
function withoutRepeats(data: NhnCertificateEntry[]): NhnCertificateEntry[] {
  const seen = new Set<string>();
  return data.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
