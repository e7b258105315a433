/**
 * Contracts between the emulator's HTTP core and the API plug-ins (NCP and NHN Cloud).
 *
 * The core owns the socket, the request log, latency and fault injection; a plug-in owns its paths, its
 * authentication, its error bodies and its slice of the world state.
 */
import type { StateStore } from "./store";

export interface EmulatorRequest {
  method: string;
  /** Path and query exactly as received (what NCP signs). */
  rawUrl: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

export interface RouteMatch {
  /** Operation name used by the request log and fault rules, e.g. `requestPaidCertificateIssuance`. */
  operation: string;
  handle(): Promise<EmulatorResponse>;
}

export interface EmulatorContext {
  store: StateStore;
}

export interface EmulatorApi {
  /** Short name used in control paths (`/__emulator/<name>/...`) and fault rules. */
  readonly name: string;
  /** Whether this API serves the path (e.g. `/api/` for NCP). */
  owns(pathname: string): boolean;
  /** Resolves a request to an operation. Unknown paths get the API's own 404 body. */
  route(req: EmulatorRequest, ctx: EmulatorContext): RouteMatch;
  /** The API's body for an injected gateway-level failure of this HTTP status. */
  faultResponse(status: number, code?: string): EmulatorResponse;
  /** The service's own refusal envelope (a readable business error), for `refuse` faults. */
  refusalResponse?(status: number, code: string, message: string): EmulatorResponse;
  /** Control routes under `/__emulator/<name>/`; undefined = not found. */
  control?(req: EmulatorRequest, subpath: string, ctx: EmulatorContext): Promise<EmulatorResponse | undefined>;
}

/**
 * Fault kinds:
 * - `status`: answer `status` (default 503) with the API's gateway error body; nothing is committed.
 * - `rateLimit`: 429 with `Retry-After` and the gateway's throttle body; nothing is committed.
 * - `resetBeforeCommit`: close the connection before the request is processed.
 * - `resetAfterCommit`: process the request (state changes), then close the connection without answering.
 * - `slow`: process the request, then wait `delayMs` before answering.
 * - `garbage`: 200 with a body that is not JSON; nothing is committed.
 * - `html`: `status` (default 502) with an HTML page, as a proxy in front of the API would send (quoting the
 *   request's path and query with `echoPath`); nothing is committed.
 * - `empty403`: 403 with an empty body and `x-ncp-apigw-response-origin: ENDPOINT`; nothing is committed.
 * - `patchBody`: process the request, then merge `patch` into the JSON answer (a `null` removes a field), as a
 *   misbehaving server or proxy might send it, e.g. `{ body: { totalPage: 2000000 } }`; with `status`, answer
 *   that HTTP status instead (e.g. a refusal envelope under a 500).
 * - `oversizeFile`: answer 200 with a PEM-looking file of `bytes` bytes (default 600 KB), as a server holding a file
 *   over NHN's 512 KB limit would send it; nothing is committed.
 * - `lateCommit`: close the connection without answering; the request is processed later — after `delayMs`, or
 *   (without it) just before the next request of the same operation — as when NCP commits an order after the
 *   client's deadline.
 * - `refuse`: answer `status` (default 200) with the service's own refusal envelope carrying `errorCode` and
 *   `message` (NCP: returnCode/returnMessage), as the service does for a rule the client could not check; nothing
 *   is committed. A readable refusal, not a lost answer.
 * - `controlAfter`: process the request, then make the `control` calls (control API requests, in order) before
 *   answering, as another client changing the world between this request and the next, e.g. a certificate deleted
 *   after page 1 of a list was read; the answer is unchanged. A control call that fails makes the request fail with
 *   the emulator's internal error (HTTP 500), so a mistyped one cannot pass unnoticed.
 */
export type FaultKind =
  | "status"
  | "rateLimit"
  | "resetBeforeCommit"
  | "resetAfterCommit"
  | "slow"
  | "garbage"
  | "html"
  | "empty403"
  | "patchBody"
  | "oversizeFile"
  | "lateCommit"
  | "controlAfter"
  | "refuse";

export const FAULT_KINDS: readonly FaultKind[] = [
  "status",
  "rateLimit",
  "resetBeforeCommit",
  "resetAfterCommit",
  "slow",
  "garbage",
  "html",
  "empty403",
  "patchBody",
  "oversizeFile",
  "lateCommit",
  "controlAfter",
  "refuse",
];

/** One control API request, as a `controlAfter` fault makes it: `path` is under `/__emulator/`, e.g. `nhncloud/seed`. */
export interface ControlCall {
  method: string;
  path: string;
  body?: unknown;
}

export interface FaultRule {
  kind: FaultKind;
  /** Limit to one API (`ncloud`, `nhncloud`). */
  api?: string;
  /** Limit to one operation name. */
  operation?: string;
  /** HTTP method filter. */
  method?: string;
  status?: number;
  /** Gateway error code for `status` / `rateLimit` faults; the service's code for `refuse` faults. */
  errorCode?: string;
  /** `refuse` faults: the service's message. */
  message?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** How many matching requests to affect; 0 = every one until cleared. Default 1. */
  times?: number;
  /** `oversizeFile` faults: the file's size in bytes. */
  bytes?: number;
  /** `patchBody` faults: merged into the JSON answer (objects deeply; `null` removes a field). */
  patch?: Record<string, unknown>;
  /** `html` faults: quote the request's path and query in the page, as some proxies' error pages do. */
  echoPath?: boolean;
  /** `controlAfter` faults: the control calls to make after processing the request, before answering. */
  control?: ControlCall[];
  /** Let this many matching requests through untouched first (e.g. the look-up before an order). Default 0. */
  skip?: number;
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  api: string;
  operation: string;
  method: string;
  path: string;
  status: number | "reset";
  fault?: FaultKind;
}
