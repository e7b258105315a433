/**
 * Error types shared by every API client in the package.
 *
 * Every failure a user can see is one of these, so a message always carries what the API said (its own code and
 * message) plus the request id to quote to support, and never carries a credential.
 */

/** Which cloud API an error came from. */
export type ApiName = "ncloud" | "nhncloud";

const API_TITLES: Record<ApiName, string> = {
  ncloud: "NCP Certificate Manager",
  nhncloud: "NHN Cloud Certificate Manager",
};

// Secret values the clients of this process hold (appkeys, access keys): cut from any text an error quotes.
const knownSecrets = new Set<string>();

/** Registers a credential so it is redacted wherever an error would quote it (bodies, URLs, messages). */
export function rememberSecret(value: string | undefined): void {
  if (value && value.length >= 6 && knownSecrets.size < 64) knownSecrets.add(value);
}

const REDACTIONS: [RegExp, string][] = [
  [/(\/appkeys\/)[^/?#\s"'<>]+/gi, "$1[redacted]"], // NHN puts the appkey in the path
  [/([?&](?:appkey|app_key|access_token|token)=)[^&#\s"'<>]+/gi, "$1[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]"],
  [/((?:x-ncp-iam-access-key|x-ncp-apigw-signature-v2|x-nhn-authorization)\s*[:=]\s*)\S+/gi, "$1[redacted]"],
  [/("(?:access_token|appKey|appkey|secretKey|secretAccessKey|userSecretAccessKey)"\s*:\s*")[^"]*"/g, '$1[redacted]"'],
  // A private key uploaded to NCP (ExternalCertificate) must not come back in an error that quotes a body.
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[private key redacted]"],
  [/("privateKey"\s*:\s*")[^"]*"/g, '$1[redacted]"'],
];

/** `text` with credentials cut out: known secret values, and the places credentials travel in URLs and headers. */
export function redactCredentials(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join("[redacted]");
  for (const [re, by] of REDACTIONS) out = out.replace(re, by);
  return out;
}

/** Base class: lets callers catch anything this package throws with one `instanceof`. */
export class CertManagerError extends Error {
  override name = "CertManagerError";
}

/** The request may or may not have reached the server: a network error, reset or deadline. */
export class TransportError extends CertManagerError {
  override name = "TransportError";
  readonly api: ApiName;
  readonly operation: string;
  /** undici / Node error code, e.g. `UND_ERR_CONNECT_TIMEOUT`, `ECONNRESET`, or `DEADLINE` for our own deadline. */
  readonly code: string;
  /**
   * False only when the request certainly never reached the server (connection refused or connect timeout).
   * When true, a non-idempotent call such as a paid order may have been processed and must be looked up, not resent.
   */
  readonly ambiguous: boolean;

  constructor(opts: { api: ApiName; operation: string; code: string; ambiguous: boolean; detail: string }) {
    super(
      `${API_TITLES[opts.api]} ${opts.operation} failed before a response arrived: ${redactCredentials(opts.detail)} (${opts.code})` +
        (opts.ambiguous ? "; the request may have been processed" : "; the request was not sent"),
    );
    this.api = opts.api;
    this.operation = opts.operation;
    this.code = opts.code;
    this.ambiguous = opts.ambiguous;
  }
}

/**
 * How the API refused a call:
 * - `gateway`: the API gateway's `{"error":{errorCode,message,details}}` body;
 * - `api`: the service's own result code (NCP `returnCode`, NHN `header.resultCode`);
 * - `http`: any other non-2xx body (Spring-style `{"error":"Not Found"}`, empty body, HTML from a proxy);
 * - `malformed`: a success status whose body could not be understood.
 */
export type ApiErrorKind = "gateway" | "api" | "http" | "malformed";

export interface ApiErrorInit {
  api: ApiName;
  operation: string;
  kind: ApiErrorKind;
  httpStatus: number;
  /** The API's own code as a string (gateway `errorCode`, NCP `returnCode`, NHN `resultCode`). */
  code?: string;
  /** The API's own message, verbatim. */
  apiMessage?: string;
  details?: string;
  requestId?: string;
  traceId?: string;
  /** `x-ncp-apigw-response-origin`: `ENDPOINT` means the service itself refused, not the gateway. */
  responseOrigin?: string;
  /** What the user should do, when we know. */
  hint?: string;
  /** Seconds from a `Retry-After` header, when present. */
  retryAfterSeconds?: number;
}

/** A response arrived and said the call failed. */
export class ApiError extends CertManagerError {
  override name = "ApiError";
  readonly api: ApiName;
  readonly operation: string;
  readonly kind: ApiErrorKind;
  readonly httpStatus: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly details?: string;
  readonly requestId?: string;
  readonly traceId?: string;
  readonly responseOrigin?: string;
  readonly hint?: string;
  readonly retryAfterSeconds?: number;

  constructor(raw: ApiErrorInit) {
    // Whatever the API quoted (a proxy page echoing the URL, a message naming the key) is redacted once, here.
    const init: ApiErrorInit = {
      ...raw,
      apiMessage: raw.apiMessage === undefined ? undefined : redactCredentials(raw.apiMessage),
      details: raw.details === undefined ? undefined : redactCredentials(raw.details),
    };
    super(formatApiErrorMessage(init));
    this.api = init.api;
    this.operation = init.operation;
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.details = init.details;
    this.requestId = init.requestId;
    this.traceId = init.traceId;
    this.responseOrigin = init.responseOrigin;
    this.hint = init.hint;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function formatApiErrorMessage(e: ApiErrorInit): string {
  const what =
    e.kind === "gateway"
      ? `API gateway error ${e.code ?? "?"}`
      : e.kind === "api"
        ? `result code ${e.code ?? "?"}`
        : e.kind === "malformed"
          ? "unreadable response"
          : "error response";
  let msg = `${API_TITLES[e.api]} ${e.operation} failed: HTTP ${e.httpStatus}, ${what}`;
  if (e.apiMessage) msg += `: ${e.apiMessage}`;
  if (e.details) msg += ` (${e.details})`;
  const ids: string[] = [];
  if (e.requestId) ids.push(`request id ${e.requestId}`);
  if (e.traceId) ids.push(`trace id ${e.traceId}`);
  if (e.responseOrigin) ids.push(`origin ${e.responseOrigin}`);
  if (ids.length > 0) msg += ` [${ids.join(", ")}]`;
  if (e.hint) msg += `. ${e.hint}`;
  return msg;
}

/** Shortens a body for inclusion in an error message (HTML pages and the like). */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
