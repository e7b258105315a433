/**
 * NHN Cloud Certificate Manager API v1.0–v1.3 plus the User Access Key token call, emulated from the API notes
 * (`shared/docs/nhn-certificate-manager-api.md` §3–§8, §12). Failures are `application/json` envelopes with
 * `isSuccessful:false` and `body:{}`; HTTP 200 except where the docs give a status (52009 → 404). Everything the docs
 * leave open is marked "emulator choice (undocumented)".
 */
import { randomBytes } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { parseJson } from "../server";
import type { WorldState } from "../store";
import type { EmulatorApi, EmulatorContext, EmulatorRequest, EmulatorResponse, RouteMatch } from "../types";
import { buildLazyFile, checkAddCertificate, ensureFixedSet, seedSynthetic, upsertCertificate } from "./seed";
import {
  DEFAULT_NHN_APPKEY,
  DEFAULT_TOKEN_TTL_SECONDS,
  isExpired,
  MAX_FILE_BYTES,
  MIN_TOKEN_TTL_SECONDS,
  type NhnCertificateRecord,
  type NhnWorld,
  nhnWorld,
} from "./world";

type Json = Record<string, unknown>;

const LIST_STATUSES = new Set(["ALL", "EXPIRED", "UNEXPIRED"]);
// Emulator choice (undocumented): a control seed is capped so a typo cannot fill the disk.
const MAX_SEED = 200_000;

const MESSAGES = {
  52000: "Certificate name does not exist.",
  52001: "Certificate file does not exist.",
  52002: "There are more than one certificate file.",
  52005: "Certificate file has expired",
  52009: "Certificate id does not exist.",
} as const;

function envelope(status: number, resultCode: number, resultMessage: string, body: unknown = {}): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/json;charset=UTF-8" },
    body: { header: { resultCode, resultMessage, isSuccessful: resultCode === 0 }, body },
  };
}

const success = (body: unknown) => envelope(200, 0, "SUCCESS", body);
// NHN's habit: business failures come back with HTTP 200 (§6.4); only 52009 has a documented status.
const failure = (code: keyof typeof MESSAGES) => envelope(code === 52009 ? 404 : 200, code, MESSAGES[code]);
// Emulator choice (undocumented): bad list parameters → HTTP 400 with resultCode 400 (the Framework API's
// "bad parameters" code, §4).
const badParameter = (message: string) => envelope(400, 400, message);
// Emulator choice (undocumented): unknown paths/methods → HTTP 404 with resultCode 404 (Framework API, §4).
const notFound = () => envelope(404, 404, "Not Found");

/** RFC 6749 §5.2 error body for the token call. */
function oauthError(status: number, error: string): EmulatorResponse {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="oauth"';
  return { status, headers, body: { error } };
}

interface CmRoute {
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
    control: (req, subpath, ctx) => control(req, subpath, ctx),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Authentication

async function authenticate(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  route: CmRoute,
): Promise<EmulatorResponse | undefined> {
  const now = ctx.store.now();
  const verdict = await ctx.store.read((w) => {
    const slice = nhnWorld(w);
    // Emulator choice (undocumented, §13 #6): an unknown appkey → HTTP 401, resultCode -6 (the Framework API's
    // "unauthorised caller" code). Checked before the version's credentials.
    const known = route.appKey !== undefined && Object.hasOwn(slice.appKeys, route.appKey);
    // Mode (notes §13 #6): an unknown appkey may list as an empty account instead.
    if (!known && !(route.kind === "list" && route.appKey && slice.unknownAppKeyAnswer === "empty")) return "appkey";
    if (route.version === 1) return checkUserAccessKeyHeaders(slice, req) ? undefined : "v1.1";
    if (route.version === 3) return checkBearer(slice, req, now) ? undefined : "v1.3";
    return undefined;
  });
  switch (verdict) {
    case "appkey":
      return envelope(401, -6, "Unauthorized appkey.");
    case "v1.1":
      // Emulator choice (undocumented, §8): missing or wrong X-TC-AUTHENTICATION-* → HTTP 401, resultCode -6.
      return envelope(401, -6, "Invalid X-TC-AUTHENTICATION-ID or X-TC-AUTHENTICATION-SECRET.");
    case "v1.3":
      // Emulator choice (undocumented, §3): missing, unknown, expired or revoked token → HTTP 401, resultCode 80007
      // (the Framework API's token code).
      return envelope(401, 80007, "Expired or nonexistent token.");
    default:
      return undefined;
  }
}

// Emulator choice (undocumented): any registered User Access Key may use any appkey (no RBAC roles emulated).
function checkUserAccessKeyHeaders(slice: NhnWorld, req: EmulatorRequest): boolean {
  const id = req.headers["x-tc-authentication-id"];
  const secret = req.headers["x-tc-authentication-secret"];
  return slice.userAccessKeys.some((k) => k.userAccessKeyId === id && k.secretAccessKey === secret);
}

function checkBearer(slice: NhnWorld, req: EmulatorRequest, now: number): boolean {
  // Header names arrive lower-cased, so `X-NHN-Authorization` and `X-NHN-AUTHORIZATION` both match.
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers["x-nhn-authorization"] ?? "");
  if (!m || !Object.hasOwn(slice.tokens, m[1])) return false;
  const token = slice.tokens[m[1]];
  return !token.revoked && token.expiresAtMs > now;
}

/** The User Access Key named by `Authorization: Basic base64(id:secret)`, if it is a registered one. */
function basicClient(slice: NhnWorld, req: EmulatorRequest): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const id = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  return slice.userAccessKeys.find((k) => k.userAccessKeyId === id && k.secretAccessKey === secret)?.userAccessKeyId;
}

function formBody(req: EmulatorRequest): URLSearchParams | undefined {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) return undefined;
  return new URLSearchParams(req.body.toString("utf8"));
}

async function createToken(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  const now = ctx.store.now();
  return ctx.store.update((w) => {
    const slice = nhnWorld(w);
    // Client authentication first (RFC 6749 §5.2: invalid_client → 401 with WWW-Authenticate). Emulator choice
    // (undocumented): only HTTP Basic, as NHN documents; credentials in the form body are not accepted.
    const keyId = basicClient(slice, req);
    if (!keyId) return oauthError(401, "invalid_client");
    const form = formBody(req);
    const grant = form?.get("grant_type");
    if (!form || !grant) return oauthError(400, "invalid_request");
    if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type");
    const key = slice.userAccessKeys.find((k) => k.userAccessKeyId === keyId);
    const ttl = key?.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    // Expired tokens answer the same 80007 as unknown ones, so they need not be kept.
    for (const [t, rec] of Object.entries(slice.tokens)) if (rec.expiresAtMs <= now) delete slice.tokens[t];
    const accessToken = randomBytes(32).toString("base64url");
    slice.tokens[accessToken] = {
      userAccessKeyId: keyId,
      issuedAtMs: now,
      expiresAtMs: now + ttl * 1000,
      revoked: false,
    };
    return {
      status: 200,
      headers: { "cache-control": "no-store", pragma: "no-cache" },
      body: { access_token: accessToken, token_type: "Bearer", expires_in: ttl },
    };
  });
}

/** `POST /oauth2/token/revoke` (§3). Emulator choice (undocumented): 200 with an empty body, as RFC 7009 §2.2. */
async function revokeToken(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  return ctx.store.update((w) => {
    const slice = nhnWorld(w);
    const keyId = basicClient(slice, req);
    if (!keyId) return oauthError(401, "invalid_client");
    const token = formBody(req)?.get("token");
    if (!token) return oauthError(400, "invalid_request");
    const rec = Object.hasOwn(slice.tokens, token) ? slice.tokens[token] : undefined;
    if (rec && rec.userAccessKeyId === keyId) rec.revoked = true;
    return { status: 200, headers: { "cache-control": "no-store" }, body: "" };
  });
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
    const certificates = nhnWorld(w).appKeys[appKey]?.certificates ?? [];
    const matching =
      status === "ALL" ? certificates : certificates.filter((c) => isExpired(c, now) === (status === "EXPIRED"));
    const start = (pageNum - 1) * pageSize;
    return success({
      totalCount: matching.length,
      totalPage: Math.ceil(matching.length / pageSize),
      currentPage: pageNum,
      pageSize,
      // Emulator choice (undocumented, §13 #4): a page past the end is an empty list, not an error.
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
    if (!record) return failure(route.kind === "byId" ? 52009 : 52000);
    if (record.fileCount === 0) return failure(52001);
    if (record.fileCount > 1) return failure(52002);
    // The docs' inference (§7): an expired file is refused. Emulator choice (undocumented): checked before size.
    if (isExpired(record, now)) return failure(52005);
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

// ---------------------------------------------------------------------------------------------------------------
// Control API (`/__emulator/nhncloud/...`)

const bad = (error: string, status = 400): EmulatorResponse => ({ status, body: { error } });

async function control(
  req: EmulatorRequest,
  subpath: string,
  ctx: EmulatorContext,
): Promise<EmulatorResponse | undefined> {
  const parsed = parseJson(req.body);
  const body = (parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {}) as Json;
  const appKeyOf = (v: unknown) => (typeof v === "string" && v !== "" ? v : DEFAULT_NHN_APPKEY);
  const unknownAppKey = (appKey: string) => bad(`unknown appKey ${appKey}; add it with POST appkeys first`, 404);

  switch (`${req.method} ${subpath}`) {
    case "GET certificates": {
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(req.url.searchParams.get("appKey"));
      return ctx.store.read((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) return unknownAppKey(appKey);
        return { status: 200, body: { appKey, certificates: slice.appKeys[appKey].certificates } };
      });
    }
    case "POST seed": {
      const count = body.count;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_SEED) {
        return bad(`seed needs {count: integer 0..${MAX_SEED}, appKey?}`);
      }
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(body.appKey);
      const started = Date.now();
      return ctx.store.update(async (w) => {
        if (!Object.hasOwn(nhnWorld(w).appKeys, appKey)) return unknownAppKey(appKey);
        const result = await seedSynthetic(w, appKey, count, ctx.store.now());
        return { status: 200, body: { ...result, elapsedMs: Date.now() - started } };
      });
    }
    case "POST add-certificate": {
      const input = checkAddCertificate(body);
      if (typeof input === "string") return bad(input);
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(input.appKey);
      return ctx.store.update((w) => {
        if (!Object.hasOwn(nhnWorld(w).appKeys, appKey)) return unknownAppKey(appKey);
        return { status: 200, body: upsertCertificate(w, appKey, input, ctx.store.now()) };
      });
    }
    case "POST delete-certificate": {
      if (typeof body.certificateName !== "string") return bad("delete-certificate needs {certificateName, appKey?}");
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(body.appKey);
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) return unknownAppKey(appKey);
        const list = slice.appKeys[appKey].certificates;
        const i = list.findIndex((c) => c.certificateName === body.certificateName);
        if (i < 0) return bad(`no certificate ${body.certificateName} under ${appKey}`, 404);
        return { status: 200, body: list.splice(i, 1)[0] };
      });
    }
    case "POST user-access-keys": {
      const { userAccessKeyId, secretAccessKey } = body;
      const ttl = body.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
      if (typeof userAccessKeyId !== "string" || userAccessKeyId === "" || typeof secretAccessKey !== "string") {
        return bad("user-access-keys needs {userAccessKeyId, secretAccessKey, tokenTtlSeconds?}");
      }
      if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < MIN_TOKEN_TTL_SECONDS || ttl > 86_400) {
        return bad(`tokenTtlSeconds must be an integer from ${MIN_TOKEN_TTL_SECONDS} to 86400 (§3)`);
      }
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        const record = { userAccessKeyId, secretAccessKey, tokenTtlSeconds: ttl };
        slice.userAccessKeys = [...slice.userAccessKeys.filter((k) => k.userAccessKeyId !== userAccessKeyId), record];
        return { status: 200, body: record };
      });
    }
    case "POST appkeys": {
      if (typeof body.appKey !== "string" || body.appKey === "") return bad("appkeys needs {appKey}");
      const appKey = body.appKey;
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) slice.appKeys[appKey] = { certificates: [] };
        return { status: 200, body: { appKey, appKeys: Object.keys(slice.appKeys) } };
      });
    }
    case "PUT settings": {
      const answer = body.unknownAppKeyAnswer;
      if (answer !== undefined && answer !== "unauthorized" && answer !== "empty") {
        return bad('settings: unknownAppKeyAnswer is "unauthorized" or "empty"');
      }
      const star = body.starInPath;
      if (star !== undefined && star !== "either" && star !== "raw" && star !== "encoded") {
        return bad('settings: starInPath is "either", "raw" or "encoded"');
      }
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        if (answer !== undefined) slice.unknownAppKeyAnswer = answer;
        if (star !== undefined) slice.starInPath = star;
        const modes = {
          unknownAppKeyAnswer: slice.unknownAppKeyAnswer ?? "unauthorized",
          starInPath: slice.starInPath ?? "either",
        };
        return { status: 200, body: modes };
      });
    }
    case "POST revoke-tokens": {
      const only = typeof body.userAccessKeyId === "string" ? body.userAccessKeyId : undefined;
      return ctx.store.update((w) => {
        let revoked = 0;
        for (const token of Object.values(nhnWorld(w).tokens)) {
          if (!token.revoked && (!only || token.userAccessKeyId === only)) {
            token.revoked = true;
            revoked++;
          }
        }
        return { status: 200, body: { revoked } };
      });
    }
    default:
      return undefined;
  }
}
