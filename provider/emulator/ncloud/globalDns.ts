/**
 * NCP Global DNS v1 (`/dns/v1/ncpdns/...`), emulated strictly from shared/docs/ncp-global-dns-api.md: signature v2
 * through the same gateway as Certificate Manager (the real service is another host; here the same port serves
 * both, told apart by path), required `page`/`size`, Spring-style pages, pending vs applied records, apply and
 * rollback, undeletable system records, quoted TXT, X00007 with moreInfo and X00006. Open questions are modes
 * (globalDnsWorld.ts).
 */
import { parseJson } from "../server";
import type { EmulatorApi, EmulatorContext, EmulatorRequest, EmulatorResponse, RouteMatch } from "../types";
import { authenticate, gateway, gatewayFault } from "./gateway";
import { globalDnsControl } from "./globalDnsControl";
import { type RecordInput, readRecord, sameRrData, storedContent, type ValidationEntry } from "./globalDnsRecords";
import {
  aliasProblem,
  aliasTargetInUse,
  bodyFieldProblems,
  recordTypeFilterProblem,
  springBadRequest,
  unexpectedBody,
} from "./globalDnsRequests";
import {
  APPLY_LAG_MS,
  appliesDue,
  applyZone,
  type GlobalDnsWorld,
  globalDnsWorld,
  hasPendingChanges,
  listView,
  rollbackZone,
  seconds,
  settleApplies,
  type ZoneState,
} from "./globalDnsWorld";

const PREFIX = "/dns/v1/ncpdns";
type Json = Record<string, unknown>;
type Handler = (dns: GlobalDnsWorld, zone: ZoneState, req: EmulatorRequest, now: number) => EmulatorResponse;

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  /** Runs in a world update (changes state) rather than a read. */
  mutates: boolean;
  handler: Handler | ((dns: GlobalDnsWorld, req: EmulatorRequest) => EmulatorResponse);
  zoneRoute: boolean;
  /** The docs give this route no body (§4.3). */
  noBody?: boolean;
}

const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/domain$/,
    operation: "getDomainList",
    mutates: false,
    zoneRoute: false,
    handler: listDomains,
  },
  {
    method: "GET",
    pattern: /^\/domain\/([^/]+)$/,
    operation: "getDomainDetail",
    mutates: false,
    zoneRoute: true,
    handler: domainDetail,
  },
  {
    method: "GET",
    pattern: /^\/record\/([^/]+)$/,
    operation: "getRecordList",
    mutates: false,
    zoneRoute: true,
    handler: listRecords,
  },
  {
    method: "POST",
    pattern: /^\/record\/([^/]+)$/,
    operation: "createRecord",
    mutates: true,
    zoneRoute: true,
    handler: createRecords,
  },
  {
    method: "PUT",
    pattern: /^\/record\/apply\/([^/]+)$/,
    operation: "applyDomain",
    mutates: true,
    zoneRoute: true,
    noBody: true,
    handler: apply,
  },
  {
    method: "PUT",
    pattern: /^\/record\/rollback\/([^/]+)$/,
    operation: "rollbackDomain",
    mutates: true,
    zoneRoute: true,
    noBody: true,
    handler: rollback,
  },
  {
    method: "PUT",
    pattern: /^\/record\/([^/]+)$/,
    operation: "updateRecord",
    mutates: true,
    zoneRoute: true,
    handler: updateRecords,
  },
  {
    method: "DELETE",
    pattern: /^\/record\/([^/]+)$/,
    operation: "deleteRecord",
    mutates: true,
    zoneRoute: true,
    handler: deleteRecords,
  },
];

export function createGlobalDnsApi(): EmulatorApi {
  return {
    name: "globaldns",
    owns: (pathname) => pathname.startsWith("/dns/"),
    route(req, ctx): RouteMatch {
      const sub = req.url.pathname.startsWith(PREFIX) ? req.url.pathname.slice(PREFIX.length) : undefined;
      for (const r of ROUTES) {
        const m = sub?.match(r.pattern);
        if (m && r.method === req.method) return { operation: r.operation, handle: () => handle(r, m, req, ctx) };
      }
      return { operation: "unknown", handle: async () => gateway(404, "300", "Not Found Exception") };
    },
    faultResponse: gatewayFault,
    control: (req, subpath, ctx) => globalDnsControl(req, subpath, ctx),
  };
}

async function handle(r: Route, m: RegExpMatchArray, req: EmulatorRequest, ctx: EmulatorContext) {
  // Global DNS's header table links sub-account key issuance (§2): unlike Certificate Manager 2.0, it takes them.
  const denied = await authenticate(req, ctx, { acceptSubAccountKeys: true });
  if (denied) return denied;
  if (req.body.length > 0 && !(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    return gateway(400, "100", "Bad Request Exception", "Content-Type: application/json is required");
  }
  const now = ctx.store.now();
  const due = await ctx.store.read((w) => appliesDue(globalDnsWorld(w), now));
  const run = (w: Parameters<Parameters<typeof ctx.store.read>[0]>[0]) => {
    const dns = globalDnsWorld(w);
    if (due) settleApplies(dns, now);
    const bodyRefused = r.noBody ? unexpectedBody(req, dns.modes) : undefined;
    if (bodyRefused) return bodyRefused;
    if (!r.zoneRoute) return (r.handler as (d: GlobalDnsWorld, q: EmulatorRequest) => EmulatorResponse)(dns, req);
    // Unknown and foreign zones look alike: "no permission" (X00006, as the domain detail page documents).
    const zone = /^\d+$/.test(m[1]) ? dns.zones.find((z) => z.id === Number(m[1])) : undefined;
    if (!zone) return fail(403, "X00006", "권한이 없습니다.", "No permission for this domain.");
    return (r.handler as Handler)(dns, zone, req, now);
  };
  return r.mutates || due ? ctx.store.update(run) : ctx.store.read(run);
}

/** The v1 service error envelope (§3.2). HTTP statuses are undocumented (§10 #5): 400 unless said otherwise. */
function fail(status: number, errorCode: string, message: string, devMessage: string, moreInfo?: Json) {
  return {
    status,
    body: { result: "FAIL", error: { errorCode, message, devMessage, ...(moreInfo ? { moreInfo } : {}) } },
  };
}

function invalid(problems: ValidationEntry[]): EmulatorResponse {
  return fail(400, "X00007", "유효하지 않은 레코드입니다.", "Invalid record.", {
    validationInfo: { rrsetValidationResponseList: problems },
  });
}

/** What a successful change answers: nothing by default (undocumented), or a body in the `successBody` mode. */
function done(dns: GlobalDnsWorld, body: unknown = { result: "SUCCESS" }): EmulatorResponse {
  return dns.modes.successBody === "json" ? { status: 200, body } : { status: 200 };
}

/** `page` and `size` are required (§4.1, §4.2); missing ones get Spring's own 400, as a @RequestParam does. */
function paging(req: EmulatorRequest): { page: number; size: number } | EmulatorResponse {
  const page = req.url.searchParams.get("page");
  const size = req.url.searchParams.get("size");
  const bad = (what: string) => springBadRequest(req, what);
  if (page === null) return bad("Required request parameter 'page' for method parameter type Integer is not present");
  if (size === null) return bad("Required request parameter 'size' for method parameter type Integer is not present");
  if (!/^\d+$/.test(page)) return bad("page must be a whole number from 0");
  if (!/^\d+$/.test(size) || Number(size) < 1) return bad("size must be a whole number from 1");
  return { page: Number(page), size: Number(size) };
}

/** A Spring Data page object: `content`, `pageable` and the fields clients page with (§9). */
function springPage<T>(all: T[], page: number, size: number): Json {
  const content = all.slice(page * size, (page + 1) * size);
  const totalPages = Math.ceil(all.length / size);
  const sort = { sorted: false, unsorted: true, empty: true };
  return {
    content,
    pageable: { sort, pageNumber: page, pageSize: size, offset: page * size, paged: true, unpaged: false },
    totalElements: all.length,
    totalPages,
    last: page + 1 >= totalPages,
    first: page === 0,
    size,
    number: page,
    numberOfElements: content.length,
    sort,
    empty: content.length === 0,
  };
}

function domainSummary(z: ZoneState): Json {
  return { id: z.id, name: z.name, completeYn: true, dnssecYn: false, status: "SUCCESS" };
}

function listDomains(dns: GlobalDnsWorld, req: EmulatorRequest): EmulatorResponse {
  const p = paging(req);
  if ("status" in p) return p;
  // The filter's rule is undocumented (§10 #9): substring, case-insensitive, so clients must match exactly.
  const filter = (req.url.searchParams.get("domainName") ?? "").toLowerCase();
  const zones = dns.zones.filter((z) => z.name.includes(filter)).sort((a, b) => a.id - b.id);
  return { status: 200, body: springPage(zones.map(domainSummary), p.page, p.size) };
}

function domainDetail(_dns: GlobalDnsWorld, z: ZoneState): EmulatorResponse {
  return {
    status: 200,
    body: {
      ...domainSummary(z),
      description: "",
      createdDate: z.createdDate,
      modifiedDate: z.modifiedDate,
      recordCount: z.pending.length,
      soa: {
        domainName: z.name,
        nameServers: "ns1-1.ns-ncloud.com. ns1-2.ns-ncloud.com.",
        serial: z.serial,
        refresh: 21600,
        retry: 1800,
        expire: 1209600,
        ttl: 300,
        dnssecYn: false,
      },
    },
  };
}

function recordView(z: ZoneState, r: ReturnType<typeof listView>[number]): Json {
  return {
    id: r.id,
    name: r.host === "@" ? z.name : `${r.host}.${z.name}`,
    host: r.host,
    type: r.type,
    content: r.content,
    ttl: r.ttl,
    aliasId: r.aliasId,
    aliasYn: r.aliasId !== null,
    lbId: r.lbId,
    lbYn: r.lbId !== null,
    lbPlatform: null,
    lbRegionCode: null,
    domainName: z.name,
    createdDate: r.createdDate,
    modifiedDate: r.modifiedDate,
    defaultYn: r.defaultYn,
    applyYn: r.applyYn,
    delYn: r.delYn,
  };
}

function listRecords(dns: GlobalDnsWorld, z: ZoneState, req: EmulatorRequest): EmulatorResponse {
  const p = paging(req);
  if ("status" in p) return p;
  const typeRefused = recordTypeFilterProblem(req, dns.modes);
  if (typeRefused) return typeRefused;
  const type = req.url.searchParams.get("recordType")?.toUpperCase();
  // "A search on the record name" (§4.2), rule unstated: substring of the host or FQDN, case-insensitive.
  const search = req.url.searchParams.get("searchContent")?.toLowerCase();
  const rows = listView(z)
    .map((r) => recordView(z, r))
    .filter((r) => !type || r.type === type)
    .filter((r) => !search || String(r.host).includes(search) || String(r.name).includes(search));
  return { status: 200, body: springPage(rows, p.page, p.size) };
}

/** A create/update body: a non-empty array of valid records, content as it will be stored; else X00007. */
function recordsBody(dns: GlobalDnsWorld, req: EmulatorRequest, withId: boolean): RecordInput[] | EmulatorResponse {
  const items = parseJson(req.body);
  if (!Array.isArray(items) || items.length === 0) {
    return invalid([{ recordType: "UNKNOWN", field: "body", message: "a non-empty array of records" }]);
  }
  const read = items.map((i) => readRecord(i, withId));
  const problems = [
    ...items.flatMap((i) => bodyFieldProblems(i, withId, dns.modes)),
    ...read.flatMap((r) => r.problems),
  ];
  if (problems.length > 0) return invalid(problems);
  return read.map(({ record }) => {
    const r = record as RecordInput;
    return { ...r, content: storedContent(r.type, r.content, dns.modes) };
  });
}

/** An alias to no record, a system record, or one equal to another (duplicates `refused`), as X00007 entries. */
function conflicts(dns: GlobalDnsWorld, z: ZoneState, r: DnsLike, ignoreId?: number): ValidationEntry[] {
  if (aliasProblem(z, r).length > 0) return aliasProblem(z, r);
  if (r.type === "SOA") return [{ recordType: r.type, field: "type", message: "SOA is managed by the system" }];
  if (r.type === "NS" && r.host === "@") {
    return [{ recordType: r.type, field: "host", message: "NS records at the apex are managed by the system" }];
  }
  if (dns.modes.duplicates === "refused" && z.pending.some((p) => p.id !== ignoreId && sameRrData(p, r))) {
    return [{ recordType: r.type, field: "content", message: "the same record already exists" }];
  }
  return [];
}
type DnsLike = { host: string; type: string; content: string; aliasId: number | null };

function createRecords(dns: GlobalDnsWorld, z: ZoneState, req: EmulatorRequest, now: number): EmulatorResponse {
  const read = recordsBody(dns, req, false);
  if ("status" in read) return read;
  const fresh = read.map((r) => ({ ...r, id: 0 }));
  const clashes = fresh.flatMap((r, i) => [
    ...conflicts(dns, z, r),
    ...(dns.modes.duplicates === "refused" && fresh.slice(0, i).some((o) => sameRrData(o, r))
      ? [{ recordType: r.type, field: "content", message: "the same record is sent twice" }]
      : []),
  ]);
  if (clashes.length > 0) return invalid(clashes);
  const t = seconds(now);
  for (const r of fresh) {
    z.pending.push({ ...r, id: dns.nextRecordId++, defaultYn: false, createdDate: t, modifiedDate: t });
  }
  return done(
    dns,
    fresh.map((r) => ({ host: r.host, type: r.type })),
  );
}

function updateRecords(dns: GlobalDnsWorld, z: ZoneState, req: EmulatorRequest, now: number): EmulatorResponse {
  const updates = recordsBody(dns, req, true);
  if ("status" in updates) return updates;
  for (const u of updates) {
    const target = z.pending.find((p) => p.id === u.id);
    if (!target) return fail(400, "X00006", "레코드를 찾을 수 없습니다.", `Record ${u.id} does not exist.`);
    if (target.defaultYn) {
      return invalid([{ recordType: target.type, field: "type", message: "system records cannot be changed" }]);
    }
    const clash = conflicts(dns, z, u, u.id);
    if (clash.length > 0) return invalid(clash);
  }
  for (const u of updates) {
    const target = z.pending.find((p) => p.id === u.id) as ZoneState["pending"][number];
    Object.assign(target, {
      host: u.host,
      type: u.type,
      content: u.content,
      ttl: u.ttl,
      aliasId: u.aliasId,
      lbId: u.lbId,
      modifiedDate: seconds(now),
    });
  }
  return done(dns);
}

function deleteRecords(dns: GlobalDnsWorld, z: ZoneState, req: EmulatorRequest): EmulatorResponse {
  const ids = parseJson(req.body);
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => Number.isInteger(i))) {
    return invalid([{ recordType: "UNKNOWN", field: "body", message: "a non-empty array of record ids" }]);
  }
  for (const id of ids as number[]) {
    const target = z.pending.find((p) => p.id === id);
    if (!target && dns.modes.deleteUnknownId === "error") {
      return fail(400, "X00006", "삭제할 레코드가 없습니다.", `The record to delete (${id}) does not exist.`);
    }
    if (target?.defaultYn) {
      return fail(
        400,
        "X00006",
        "시스템 레코드는 삭제할 수 없습니다.",
        `Record ${id} (${target.type}) is a system record.`,
      );
    }
  }
  const aliased = aliasTargetInUse(z, ids as number[]);
  if (aliased) return fail(400, "X00006", aliased.message, aliased.devMessage);
  z.pending = z.pending.filter((p) => !(ids as number[]).includes(p.id));
  return done(dns);
}

function apply(dns: GlobalDnsWorld, z: ZoneState, _req: EmulatorRequest, now: number): EmulatorResponse {
  if (!hasPendingChanges(z) && dns.modes.applyWithNothingPending === "refused") {
    return fail(400, "X00006", "오류가 발생하여 설정을 적용할 수 없습니다.", "There are no changes to apply.");
  }
  if (dns.modes.applyPublishes === "later") {
    z.scheduledApply = { atMs: now + APPLY_LAG_MS, pending: z.pending.map((r) => ({ ...r })) };
  } else applyZone(z, now);
  return done(dns);
}

function rollback(dns: GlobalDnsWorld, z: ZoneState): EmulatorResponse {
  rollbackZone(z);
  return done(dns);
}
