/**
 * Turns a raw NCP HTTP response into either a JSON body or an ApiError, following the API's success rules:
 * a call succeeds only when the HTTP status is 2xx, the body is JSON without an `error` member, and `returnCode`
 * (when present) is `"0"`. Every other shape (gateway error, Spring-style error, CM returnCode, empty or non-JSON
 * body) becomes one ApiError carrying the status, the API's code and message, and the gateway request id.
 * Global DNS v1 adds its own envelope, `{"result":"FAIL","error":{errorCode,message,devMessage,moreInfo}}`, and
 * success bodies nobody documents: with `anyJsonBody` any JSON (an array, `true`) is accepted and ignored.
 */
import { ApiError, type ApiErrorInit, type ApiName, excerpt } from "../../shared/errors";
import { type HttpResponse, parseRetryAfter } from "../../shared/http";

export type JsonObject = Record<string, unknown>;

export interface InterpretOptions {
  api?: ApiName;
  /** The success body is undocumented and unused: any JSON value passes (as `{}`), only errors are read. */
  anyJsonBody?: boolean;
}

export function interpretResponse(
  operation: string,
  res: HttpResponse,
  localNow: number,
  options: InterpretOptions = {},
): JsonObject {
  const base = {
    api: options.api ?? ("ncloud" as const),
    operation,
    httpStatus: res.status,
    requestId: res.headers["x-ncp-apigw-request-id"],
    traceId: res.headers["x-ncp-trace-id"],
    responseOrigin: res.headers["x-ncp-apigw-response-origin"],
    retryAfterSeconds: parseRetryAfter(res.headers["retry-after"]),
  };
  const text = res.body.toString("utf8");
  const ok = res.status >= 200 && res.status < 300;

  if (text.trim() === "") {
    if (ok) return {};
    throw new ApiError({ ...base, kind: "http", hint: hintFor({ ...base, kind: "http" }, res, localNow) });
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const init: ApiErrorInit = {
      ...base,
      kind: ok ? "malformed" : "http",
      apiMessage: ok ? "the response is not JSON" : undefined,
      details: excerpt(text),
    };
    throw new ApiError({ ...init, hint: hintFor(init, res, localNow) });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    if (ok && options.anyJsonBody) return {};
    throw new ApiError({
      ...base,
      kind: "malformed",
      apiMessage: "the response is not a JSON object",
      details: excerpt(text),
    });
  }
  const obj = body as JsonObject;

  const error = obj.error;
  if (obj.result === "FAIL" && error && typeof error === "object") {
    // Global DNS v1's own refusal: the service's code (X00006, X00007...) and message, devMessage and moreInfo beside.
    const e = error as JsonObject;
    const more = e.moreInfo === undefined || e.moreInfo === null ? undefined : excerpt(JSON.stringify(e.moreInfo), 400);
    const details = [stringOrUndefined(e.devMessage), more].filter((x) => x).join("; ") || undefined;
    const init: ApiErrorInit = {
      ...base,
      kind: "api",
      code: stringOrUndefined(e.errorCode),
      apiMessage: stringOrUndefined(e.message),
      details,
    };
    throw new ApiError({ ...init, hint: hintFor(init, res, localNow) });
  }
  if (error && typeof error === "object") {
    const e = error as JsonObject;
    const init: ApiErrorInit = {
      ...base,
      kind: "gateway",
      code: stringOrUndefined(e.errorCode),
      apiMessage: stringOrUndefined(e.message),
      details: stringOrUndefined(e.details),
    };
    throw new ApiError({ ...init, hint: hintFor(init, res, localNow) });
  }
  if (typeof error === "string") {
    // Spring Boot style: {"timestamp":…,"status":404,"error":"Not Found","path":…}
    const init: ApiErrorInit = { ...base, kind: "http", apiMessage: error, details: stringOrUndefined(obj.message) };
    throw new ApiError({ ...init, hint: hintFor(init, res, localNow) });
  }

  const returnCode = stringOrUndefined(obj.returnCode);
  if (returnCode !== undefined && returnCode !== "0") {
    const init: ApiErrorInit = {
      ...base,
      kind: "api",
      code: returnCode,
      apiMessage: stringOrUndefined(obj.returnMessage),
    };
    throw new ApiError({ ...init, hint: hintFor(init, res, localNow) });
  }
  if (!ok) {
    throw new ApiError({ ...base, kind: "http", details: excerpt(text) });
  }
  return options.anyJsonBody ? {} : obj;
}

function hintFor(e: ApiErrorInit, res: HttpResponse, localNow: number): string | undefined {
  if (e.httpStatus === 401 && e.kind === "gateway" && e.code === "200") {
    const skew = clockSkewSeconds(res.headers.date, localNow);
    const clock =
      skew !== undefined && Math.abs(skew) >= 60
        ? ` Your clock is ${Math.abs(skew)} s ${skew > 0 ? "behind" : "ahead of"} the server's: NCP refuses requests more than 5 minutes off, so sync it (e.g. with NTP).`
        : " A local clock more than 5 minutes off also causes this.";
    return `Check the access key and secret key (stack config ncloud:accessKey / ncloud:secretKey, or NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY).${clock}`;
  }
  if (e.httpStatus === 401 && e.code === "210") {
    return `The access key lacks permission for ${e.api === "ncloudGlobalDns" ? "Global DNS" : "Certificate Manager"}.`;
  }
  if (e.httpStatus === 403 && e.kind === "http" && !e.apiMessage && e.responseOrigin === "ENDPOINT") {
    return "NCP Certificate Manager API 2.0 refuses sub-account access keys with an empty 403: use a main-account access key.";
  }
  if (e.httpStatus === 429) {
    return `Rate limited by the NCP API gateway${e.retryAfterSeconds !== undefined ? `; retry after ${e.retryAfterSeconds} s` : ""}.`;
  }
  if (e.httpStatus === 503 || e.httpStatus === 504) return "NCP's backend is unavailable; try again shortly.";
  return undefined;
}

/** Server clock minus local clock in whole seconds, from the response's `Date` header. */
export function clockSkewSeconds(dateHeader: string | undefined, localNow: number): number | undefined {
  if (!dateHeader) return undefined;
  const server = Date.parse(dateHeader);
  return Number.isNaN(server) ? undefined : Math.round((server - localNow) / 1000);
}

export function stringOrUndefined(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : String(v);
}

/** Reads an integer that NCP may send as a number or a numeric string. */
export function intOrUndefined(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** `dnsName` is an array in requests but a (comma-separated) string in responses; accept both. */
export function parseDnsNames(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(/[,\s]+/) : [];
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function objectOrEmpty(v: unknown): JsonObject {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : {};
}

export function arrayOfObjects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter((x): x is JsonObject => !!x && typeof x === "object" && !Array.isArray(x)) : [];
}
