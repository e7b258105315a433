/**
 * How the NHN client reads a response: a JSON envelope (`header.isSuccessful`, `resultCode`) whatever the HTTP
 * status, a file, or something else (a gateway's HTML, an empty body), turned into the result or one ApiError that
 * carries NHN's code and message and what to do. Kept apart from client.ts, which sends the calls.
 */
import { ApiError, type ApiErrorInit, excerpt } from "../shared/errors";
import { type HttpResponse, parseRetryAfter } from "../shared/http";
import type { NhnCertificateEntry, NhnCertificateFile } from "./client";

/** NHN refuses files larger than this (result 52008); a larger download is not a certificate file. */
export const MAX_FILE_BYTES = 512 * 1024;

export type Json = Record<string, unknown>;

/**
 * Raw responses that deserve another attempt (429, 5xx other than 501, an unreadable 2xx list) become errors here so
 * the retry loop sees them; every other response is interpreted by the caller.
 */
export function throwIfTransient(operation: string, res: HttpResponse): HttpResponse {
  if (res.status === 429 || (res.status >= 500 && res.status !== 501)) {
    const env = tryEnvelope(res);
    const header = (env?.header ?? {}) as Json;
    throw apiError({
      operation,
      kind: env ? "api" : "http",
      res,
      code: num(header.resultCode) === undefined ? undefined : String(num(header.resultCode)),
      apiMessage: typeof header.resultMessage === "string" ? header.resultMessage : undefined,
      details: env ? undefined : excerpt(res.body.toString("utf8")) || undefined,
    });
  }
  return res;
}

export function isAuthFailure(res: HttpResponse): boolean {
  if (res.status === 401) return true;
  const env = tryEnvelope(res);
  const code = env?.header ? num((env.header as Json).resultCode) : undefined;
  return code === 80007 || code === 52010;
}

function tryEnvelope(res: HttpResponse): Json | undefined {
  if (!isJson(res)) return undefined;
  try {
    return JSON.parse(res.body.toString("utf8")) as Json;
  } catch {
    return undefined;
  }
}

function isJson(res: HttpResponse): boolean {
  return (res.headers["content-type"] ?? "").toLowerCase().startsWith("application/json");
}

/** The `body` of a successful envelope; any other response becomes an ApiError. */
export function envelopeBody(operation: string, res: HttpResponse): Json {
  if (!isJson(res)) throw nonJsonError(operation, res);
  const env = tryEnvelope(res);
  if (!env) throw apiError({ operation, kind: "malformed", res, apiMessage: "the JSON response could not be parsed" });
  throwIfFailed(operation, res, env);
  const body = env.body;
  if (!body || typeof body !== "object")
    throw apiError({ operation, kind: "malformed", res, apiMessage: "the response has no body" });
  return body as Json;
}

export function fileFrom(operation: string, res: HttpResponse, asked: Asked): NhnCertificateFile {
  if (isJson(res)) {
    const env = tryEnvelope(res);
    if (!env)
      throw apiError({ operation, kind: "malformed", res, apiMessage: "the JSON response could not be parsed" });
    throwIfFailed(operation, res, env, asked);
    throw apiError({ operation, kind: "malformed", res, apiMessage: "a success envelope came instead of the file" });
  }
  if (res.status < 200 || res.status >= 300) throw nonJsonError(operation, res);
  if (res.body.length > MAX_FILE_BYTES) {
    // Final: the same file comes back on every attempt, so this is never retried (kind http, status 2xx).
    throw apiError({
      operation,
      kind: "http",
      res,
      apiMessage: `the file is ${res.body.length} bytes, over NHN's 512 KB limit`,
      hint: "Remove extra text from the PEM in the NHN Cloud console, then try again.",
    });
  }
  if (!res.body.includes("-----BEGIN")) {
    throw apiError({ operation, kind: "malformed", res, apiMessage: "the downloaded file has no PEM block" });
  }
  return { fileName: fileNameFrom(res.headers["content-disposition"]), content: res.body };
}

function throwIfFailed(operation: string, res: HttpResponse, env: Json, asked: Asked = {}): void {
  const header = (env.header ?? {}) as Json;
  if (header.isSuccessful === true) return;
  const code = num(header.resultCode);
  throw apiError({
    operation,
    kind: "api",
    res,
    code: code === undefined ? undefined : String(code),
    apiMessage: typeof header.resultMessage === "string" ? header.resultMessage : undefined,
    hint: code === undefined ? undefined : RESULT_HINTS[code]?.(asked),
  });
}

/** What a call asked for, so a refusal can name it (NHN's own message never does). */
export interface Asked {
  name?: string;
  id?: number;
}

export const RESULT_HINTS: Record<number, (asked: Asked) => string> = {
  52000: ({ name }) =>
    `No certificate is named ${name === undefined ? "so" : JSON.stringify(name)} under this appkey: check certificateName (names are case-sensitive) and the appkey.`,
  52001: () =>
    "The certificate has no file: upload its PEM in the NHN Cloud console (Certificate Manager), then try again.",
  52002: () => "More than one file is registered for this certificate: keep one in the NHN Cloud console.",
  52005: () => "The certificate file has expired: upload the renewed certificate in the NHN Cloud console.",
  52008: () => "The file is over NHN's 512 KB limit.",
  52009: ({ id }) =>
    `No certificate has the certificateId ${id ?? "given"}: take the id from getCertificates on API v1.3.`,
  80007: () =>
    "The v1.3 access token was refused: check the User Access Key and its Certificate Manager role (ADMIN or VIEWER).",
  [-6]: () => "The appkey was refused: use the Certificate Manager appkey from the console's URL & Appkey page.",
};

function nonJsonError(operation: string, res: HttpResponse): ApiError {
  return apiError({
    operation,
    kind: res.status >= 300 ? "http" : "malformed",
    res,
    details: excerpt(res.body.toString("utf8")) || undefined,
  });
}

function apiError(e: Omit<ApiErrorInit, "api" | "httpStatus"> & { res: HttpResponse }): ApiError {
  const { res, ...rest } = e;
  return new ApiError({
    api: "nhncloud",
    httpStatus: res.status,
    retryAfterSeconds: parseRetryAfter(res.headers["retry-after"]),
    ...rest,
    hint:
      rest.hint ??
      (res.status === 401 || res.status === 403
        ? "Check the appkey (nhncloud:certificateManagerAppKey or NHNCLOUD_CERTIFICATE_MANAGER_APPKEY) and, for v1.3, the User Access Key."
        : undefined),
  });
}

export function toEntry(item: Json): NhnCertificateEntry {
  return {
    certificateName: String(item.certificateName ?? ""),
    certificateId: num(item.certificateId),
    authority: str(item.authority),
    domains: Array.isArray(item.domains) ? item.domains.map(String) : [],
    signatureAlgorithm: str(item.signatureAlgorithm),
    fileCreationDate: str(item.fileCreationDate),
    expirationDate: str(item.expirationDate),
  };
}

/** `filename*=UTF-8''…` (RFC 5987) wins over `filename="…"`. */
export function fileNameFrom(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const star = disposition.match(/filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall back to the plain form
    }
  }
  const quoted = disposition.match(/filename\s*=\s*"((?:[^"\\]|\\.)*)"/i);
  if (quoted) return quoted[1].replace(/\\(.)/g, "$1");
  const bare = disposition.match(/filename\s*=\s*([^;]+)/i);
  return bare ? bare[1].trim() : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}
