/**
 * readInventory against an in-memory list that changes at exact points of the read (issue #14 item 9): the
 * moments between two pages of one concurrent wave, which no count shows and the emulator cannot pin down, and
 * a server that lists one name on two pages.
 */
import { describe, expect, it } from "vitest";
import type { NhnCertificateEntry, NhnCertificatePage } from "../../provider/nhncloud/client";
import { readInventory } from "../../provider/nhncloud/inventory";

const entry = (certificateName: string, extra: Partial<NhnCertificateEntry> = {}): NhnCertificateEntry => ({
  certificateName,
  domains: [certificateName],
  ...extra,
});

/** A list served page by page; `after[n]` changes it right after the n-th request (1-based) is answered. */
function server(names: string[], after: Record<number, (list: NhnCertificateEntry[]) => void> = {}) {
  const list = names.map((n) => entry(n));
  const requests: number[] = [];
  const readPage = async (pageNum: number, pageSize: number): Promise<NhnCertificatePage> => {
    requests.push(pageNum);
    const page = {
      totalCount: list.length,
      totalPage: Math.ceil(list.length / pageSize),
      currentPage: pageNum,
      pageSize,
      data: list.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((e) => ({ ...e })),
    };
    after[requests.length]?.(list);
    return page;
  };
  return { list, requests, readPage };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `cert-${String(i).padStart(3, "0")}`);
const swap = (deleted: string, added: string) => (list: NhnCertificateEntry[]) => {
  list.splice(
    list.findIndex((e) => e.certificateName === deleted),
    1,
  );
  list.push(entry(added));
};

describe("readInventory", () => {
  it("a single page is read once: one answer is one moment of the list", async () => {
    const s = server(names(80));
    const got = await readInventory(s.readPage, { pageSize: 100 });
    expect(got.data).toHaveLength(80);
    expect(s.requests).toEqual([1]);
  });

  it("a deletion and an addition between two pages of the same wave: found by reading the earlier page again", async () => {
    const all = names(250);
    // Requests: page 1, then pages 2 and 3 at once; between page 2's answer and page 3's, one on page 2 goes and
    // one is added at the end. Both counts stay 250; page 3 has shifted, so cert-200 would be skipped.
    const s = server(all, { 2: swap("cert-150", "added") });
    const got = await readInventory(s.readPage, { pageSize: 100, concurrency: 16 });
    expect(got.warnings).toBeUndefined();
    expect(got.data.map((e) => e.certificateName)).toEqual([...all.filter((n) => n !== "cert-150"), "added"]);
    expect(s.requests).toEqual([1, 2, 3, 1, 2, 1, 2, 3, 1, 2]); // read, confirm (page 2 differs), read, confirm
  });

  it("the same with one page at a time: every page but the last is read again", async () => {
    const all = names(250);
    const s = server(all, { 2: swap("cert-150", "added") });
    const got = await readInventory(s.readPage, { pageSize: 100, concurrency: 1 });
    expect(got.data.map((e) => e.certificateName)).toContain("cert-200");
    expect(got.warnings).toBeUndefined();
    expect(s.requests.slice(0, 5)).toEqual([1, 2, 3, 1, 2]);
  });

  it("one added at the front and the last deleted between pages lists another on two pages: a disagreement, read again", async () => {
    const all = names(250);
    const s = server(all, {
      1: (list) => {
        list.unshift(entry("new-first"));
        list.pop();
      },
    });
    const got = await readInventory(s.readPage, { pageSize: 100 });
    expect(got.warnings).toBeUndefined();
    expect(got.data.map((e) => e.certificateName)).toEqual(["new-first", ...all.slice(0, -1)]);
    expect(s.requests.slice(0, 3)).toEqual([1, 2, 3]); // no confirmation: the repeat (cert-099) already disagreed
  });

  it("a list that keeps changing is read a bounded number of times, then returned with a warning that says so", async () => {
    const all = names(250);
    let n = 0;
    const churn = (list: NhnCertificateEntry[]) => list.unshift(entry(`churn-${n++}`));
    const s = server(all, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i + 1, churn])));
    const got = await readInventory(s.readPage, { pageSize: 100 });
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings?.[0]).toMatch(/changed while it was read \(.*\), 3 times in a row/);
    expect(s.requests.length).toBeLessThanOrEqual(3 * (3 + 2));
    for (const name of all) expect(got.data.map((e) => e.certificateName)).toContain(name); // shifted back: nothing lost
    expect(new Set(got.data.map((e) => JSON.stringify(e))).size).toBe(got.data.length); // repeats listed once
  });

  it("one name on two pages as two distinct entries: both kept, with a warning naming it", async () => {
    const s = server(names(150));
    s.list[120] = entry("cert-005", { certificateId: 9 }); // the server breaks its own uniqueness, consistently
    const got = await readInventory(s.readPage, { pageSize: 100 });
    expect(got.warnings?.[0]).toContain('"cert-005" on pages 1 and 2');
    expect(got.data).toHaveLength(150);
    expect(got.data.filter((e) => e.certificateName === "cert-005")).toHaveLength(2);
  });

  it("one name twice on the same page is not a change during the read: kept, no warning", async () => {
    const s = server(names(150));
    s.list[6] = entry("cert-005", { certificateId: 9 });
    const got = await readInventory(s.readPage, { pageSize: 100 });
    expect(got.warnings).toBeUndefined();
    expect(got.data.filter((e) => e.certificateName === "cert-005")).toHaveLength(2);
    expect(s.requests).toEqual([1, 2, 1]);
  });
});
