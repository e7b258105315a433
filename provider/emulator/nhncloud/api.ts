/**
 * NHN Cloud Certificate Manager API v1.0–v1.3 plus the User Access Key token call, emulated from the API notes
 * (`shared/docs/nhn-certificate-manager-api.md` §3–§8, §12). Failures are `application/json` envelopes with
 * `isSuccessful:false` and `body:{}`; HTTP 200 except where the docs give a status (52009 → 404). Everything the docs
 * leave open is marked "emulator choice (undocumented)".
 */
import { STATUS_CODES } from "node:http";
import type { WorldState } from "../store";
import type { EmulatorApi, EmulatorContext, EmulatorRequest, EmulatorResponse, RouteMatch } from "../types";
import { authenticate, createToken, revokeToken } from "./auth";
import { badParameter, envelope, failure, type Json, notFound, success } from "./envelopes";
import { ensureFixedSet } from "./fixedSet";
import { nhnControl } from "./nhnControl";
import { buildLazyFile } from "./synthetic";
import { isExpired, MAX_FILE_BYTES, type NhnCertificateRecord, type NhnWorld, nhnWorld } from "./world";

const LIST_STATUSES = new Set(["ALL", "EXPIRED", "UNEXPIRED"]);

export interface CmRoute {
  version: number;
  appKey: string | undefined;
  kind: "list" | "byName" | "byId";
  /** The raw (still percent-encoded) name or id segment. */
  target?: string;
}

const CM_PATH = /^\/certmanager\/v1\.([0-3])\/appkeys\/([^/]+)\/certificates(?:\/([^/]+)\/(files|certificate-files))?$/;

/** Decodes one path segment; undefined when the percent-encoding is malformed. */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function parseCmPath(rawPath: string): CmRoute | undefined {
  const m = CM_PATH.exec(rawPath);
  if (!m) return undefined;
  const version = Number(m[1]);
  const appKey = decodeSegment(m[2]);
  if (m[3] === undefined) return { version, appKey, kind: "list" };
  if (m[4] === "files") return { version, appKey, kind: "byName", target: m[3] };
  // Download by id exists only on v1.3 (§1.2).
  return version === 3 ? { version, appKey, kind: "byId", target: m[3] } : undefined;
}

const OPERATIONS = { list: "listCertificates", byName: "downloadCertificateFile", byId: "downloadCertificateFileById" };

export function createNhnCloudApi(): EmulatorApi {
  return {
    name: "nhncloud",
    owns: (pathname) => pathname.startsWith("/certmanager/") || pathname.startsWith("/oauth2/"),
    route(req, ctx): RouteMatch {
      // The raw path, so that a name's percent-encoding (`%2A`, UTF-8 Korean) is decoded exactly once, here.
      const rawPath = req.rawUrl.split(/[?#]/)[0];
      if (rawPath === "/oauth2/token/create" && req.method === "POST") {
        return { operation: "createToken", handle: () => createToken(req, ctx) };
      }
      if (rawPath === "/oauth2/token/revoke" && req.method === "POST") {
        return { operation: "revokeToken", handle: () => revokeToken(req, ctx) };
      }
      const route = req.method === "GET" ? parseCmPath(rawPath) : undefined;
      if (!route) return { operation: "unknown", handle: async () => notFound() };
      return {
        operation: OPERATIONS[route.kind],
        handle: async () => {
          await ensureFixedSet(ctx.store);
          const denied = await authenticate(req, ctx, route);
          if (denied) return denied;
          const appKey = route.appKey as string;
          if (route.kind === "list") return listCertificates(req, ctx, appKey, route.version);
          return download(ctx, appKey, route);
        },
      };
    },
    faultResponse(status, code) {
      // Emulator choice (undocumented): injected gateway failures use the NHN envelope with resultCode = the
      // HTTP status (or the rule's numeric errorCode).
      const resultCode = code !== undefined && /^-?\d+$/.test(code) ? Number(code) : status;
      return envelope(status, resultCode, STATUS_CODES[status] ?? "Error");
    },
    refusalResponse: (status, code, message) => envelope(status, /^-?\d+$/.test(code) ? Number(code) : -1, message),
    control: (req, subpath, ctx) => nhnControl(req, subpath, ctx),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// List and download

/**
 * A positive integer query value, the default when absent or empty, or undefined when invalid. Emulator choice
 * (undocumented): an empty value means the default, and pageSize has no maximum (none is documented).
 */
function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === "") return fallback;
  return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

async function listCertificates(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  appKey: string,
  version: number,
): Promise<EmulatorResponse> {
  const q = req.url.searchParams;
  const pageSize = positiveInt(q.get("pageSize"), 10);
  if (pageSize === undefined) return badParameter("pageSize must be a positive integer.");
  const pageNum = positiveInt(q.get("pageNum"), 1);
  if (pageNum === undefined) return badParameter("pageNum must be a positive integer.");
  const status = (q.get("status") || "UNEXPIRED").toUpperCase();
  if (!LIST_STATUSES.has(status)) return badParameter("status must be one of ALL, EXPIRED, UNEXPIRED.");
  const all = q.get("all");
  // Emulator choice (undocumented, §13 #3): `all` is validated as a boolean and otherwise ignored; paging applies.
  if (all !== null && all !== "" && !/^(true|false)$/i.test(all)) return badParameter("all must be true or false.");
  const now = ctx.store.now();
  return ctx.store.read((w) => {
    const slice = nhnWorld(w);
    const certificates = slice.appKeys[appKey]?.certificates ?? [];
    const matching =
      status === "ALL" ? certificates : certificates.filter((c) => isExpired(c, now) === (status === "EXPIRED"));
    const start = (pageNum - 1) * pageSize;
    const totalPage = Math.ceil(matching.length / pageSize);
    if (slice.pastLastPage === "error" && pageNum > Math.max(1, totalPage))
      return badParameter("pageNum is past the last page.");
    return success({
      totalCount: matching.length,
      totalPage,
      currentPage: pageNum,
      pageSize,
      // A page past the end is an empty list here; the pastLastPage mode answers an error instead (§13 #4).
      data: matching.slice(start, start + pageSize).map((c) => listItem(c, version)),
    });
  });
}

/** Field order as in the docs' example; `domains` from v1.2, `certificateId` on v1.3. */
function listItem(c: NhnCertificateRecord, version: number): Json {
  return {
    ...(version === 3 ? { certificateId: c.certificateId } : {}),
    certificateName: c.certificateName,
    authority: c.authority,
    ...(version >= 2 ? { domains: [...c.domains] } : {}),
    signatureAlgorithm: c.signatureAlgorithm,
    fileCreationDate: c.fileCreationDate,
    expirationDate: c.expirationDate,
  };
}

function findRecord(
  certificates: NhnCertificateRecord[],
  route: CmRoute,
  starInPath: NhnWorld["starInPath"],
): NhnCertificateRecord | undefined {
  const target = route.target as string;
  // Mode (notes §13 #13): a server that wants only one form of `*` finds no certificate under the other.
  if (starInPath === "raw" && /%2a/i.test(target)) return undefined;
  if (starInPath === "encoded" && target.includes("*")) return undefined;
  if (route.kind === "byId") {
    // Emulator choice (undocumented): a non-numeric id is simply an id that does not exist (52009).
    if (!/^\d{1,15}$/.test(target)) return undefined;
    const id = Number(target);
    return certificates.find((c) => c.certificateId === id);
  }
  // Emulator choice (undocumented): a malformed percent-encoding can name no certificate → 52000.
  const name = decodeSegment(target);
  return name === undefined ? undefined : certificates.find((c) => c.certificateName === name);
}

async function download(ctx: EmulatorContext, appKey: string, route: CmRoute): Promise<EmulatorResponse> {
  const now = ctx.store.now();
  const check = (w: WorldState) => {
    const slice = nhnWorld(w);
    const record = findRecord(slice.appKeys[appKey].certificates, route, slice.starInPath);
    if (!record) return failure(route.kind === "byId" ? 52009 : 52000, slice.failureStatus);
    if (record.fileCount === 0) return failure(52001, slice.failureStatus);
    if (record.fileCount > 1) return failure(52002, slice.failureStatus);
    // The docs' inference (§7): an expired file is refused. Emulator choice (undocumented): checked before size.
    if (isExpired(record, now)) return failure(52005, slice.failureStatus);
    return record;
  };
  const result = await ctx.store.read((w) => {
    const r = check(w);
    return "status" in r ? r : r.file === undefined ? "build" : fileResponse(r);
  });
  if (result !== "build") return result;
  // A seeded entry's first download builds and stores its file (under the store lock, so only once).
  return ctx.store.update(async (w) => {
    const r = check(w);
    if ("status" in r) return r;
    if (r.file === undefined) await buildLazyFile(w, appKey, r);
    return fileResponse(r);
  });
}

function fileResponse(record: NhnCertificateRecord): EmulatorResponse {
  const bytes = Buffer.from(record.file ?? "", "base64");
  if (bytes.length > MAX_FILE_BYTES) {
    return envelope(
      200,
      52008,
      `Maximum permitted size is ${MAX_FILE_BYTES} bytes. But, requested ${bytes.length} bytes.`,
    );
  }
  return {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": contentDisposition(record.fileName || `${record.certificateId}.pem`),
    },
    body: bytes,
  };
}

/**
 * `attachment; filename="..."` with the uploaded name. Emulator choice (undocumented, §6.3): a non-ASCII name also
 * gets RFC 6266/5987 `filename*=UTF-8''...`, with `_` for each non-ASCII run in the plain fallback.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\]/g, "\\$&");
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
