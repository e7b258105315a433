/**
 * Error types shared by every API client in the package.
 *
 * Every failure a user can see is one of these, so a message always carries what the API said (its own code and
 * message) plus the request id to quote to support, and never carries a credential.
 */

import { describeEndpointSetting } from "./endpoints";
import { joinSentences, withoutFinalStop } from "./sentences";

/** Which cloud API an error came from. */
export type ApiName = "ncloud" | "ncloudGlobalDns" | "nhncloud";

const API_TITLES: Record<ApiName, string> = {
  ncloud: "NCP Certificate Manager",
  ncloudGlobalDns: "NCP Global DNS",
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
   * False only when the request certainly never reached the server (connection refused, connect timeout, a failed
   * TLS handshake). When true, a non-idempotent call such as a paid order may have been processed and must be
   * looked up, not resent.
   */
  readonly ambiguous: boolean;
  /**
   * False when another attempt cannot succeed because the failure comes from the settings (an https URL on a
   * plain http port): retrying would only delay the message that says what to fix.
   */
  readonly retryable: boolean;

  constructor(opts: {
    api: ApiName;
    operation: string;
    code: string;
    ambiguous: boolean;
    detail: string;
    /** What to check, when the failure points at a setting. */
    hint?: string;
    retryable?: boolean;
  }) {
    super(
      joinSentences(
        `${API_TITLES[opts.api]} ${opts.operation} failed before a response arrived: ${redactCredentials(opts.detail)} (${opts.code})` +
          (opts.ambiguous ? "; the request may have been processed" : "; the request was not sent"),
        opts.hint,
      ),
    );
    this.api = opts.api;
    this.operation = opts.operation;
    this.code = opts.code;
    this.ambiguous = opts.ambiguous;
    this.retryable = opts.retryable ?? true;
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
    init.hint ??= defaultHint(init);
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
  const ids: string[] = [];
  if (e.requestId) ids.push(`request id ${e.requestId}`);
  if (e.traceId) ids.push(`trace id ${e.traceId}`);
  if (e.responseOrigin) ids.push(`origin ${e.responseOrigin}`);
  const after = `${e.details ? ` (${e.details})` : ""}${ids.length > 0 ? ` [${ids.join(", ")}]` : ""}`;
  let msg = `${API_TITLES[e.api]} ${e.operation} failed: HTTP ${e.httpStatus}, ${what}`;
  // The API's own sentence goes on with the details and ids, so its full stop (if any) moves to the end.
  if (e.apiMessage) msg += `: ${after ? withoutFinalStop(e.apiMessage) : e.apiMessage}`;
  // No full stop at the very end, as in Node's own messages and TransportError's: callers wrap messages in
  // "... failed: <message>. What happens next", where a stop of the message's own would double.
  return withoutFinalStop(joinSentences(msg + after, e.hint));
}

/**
 * What to check when the call's own code has no better advice. A 404 web page is what a host that is not the API
 * answers (a wrong or mistyped endpoint), never the API itself, which answers in JSON.
 */
function defaultHint(e: ApiErrorInit): string | undefined {
  if (e.httpStatus === 404 && e.kind === "http" && looksLikeHtml(e.details)) {
    return `A web page answered instead of the API, so the endpoint is probably wrong: check ${describeEndpointSetting(e.api, e.operation)}`;
  }
  return undefined;
}

function looksLikeHtml(text: string | undefined): boolean {
  return text !== undefined && /<(?:!doctype\s+html|html|head|body|title)\b/i.test(text);
}

/** Shortens a body for inclusion in an error message (HTML pages and the like). */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
