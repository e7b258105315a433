/**
 * The one place the package talks HTTP.
 *
 * Each API gets one process-wide undici Agent (a keep-alive connection pool per origin): a stack with many
 * certificates runs all of them in one provider process, and reusing connections saves a TLS handshake per call.
 * Every request carries three deadlines (connect, response headers, body) plus an overall one, because Pulumi's
 * customTimeouts never reach dynamic providers: without our own deadline a hung socket hangs `pulumi up`.
 */
import type { Agent, Dispatcher } from "undici";
import { describeEndpointSetting } from "./endpoints";
import { ApiError, type ApiName, TransportError } from "./errors";
import { apiLimiter } from "./limiter";
import { undiciAgentClass } from "./undiciAgent";

export interface HttpDeadlines {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From sending the request to receiving the response headers. */
  headersMs: number;
  /** Longest silence while reading the body. */
  bodyMs: number;
  /** The whole call, connect to last byte. */
  totalMs: number;
}

export const DEFAULT_DEADLINES: HttpDeadlines = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  totalMs: 60_000,
};

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Absolute URL of the call (origin + path + query, already encoded exactly as it must go on the wire). */
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Operation name for error messages. */
  operation: string;
  deadlines?: Partial<HttpDeadlines>;
  /** Refuse bodies larger than this (protects against a proxy's endless error page). */
  maxResponseBytes?: number;
  /** What to say when the body is over maxResponseBytes (default: its size limit). */
  tooLargeMessage?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const sharedAgents = new Map<ApiName, Agent>();

/** The keep-alive pool shared by every client of one API in this process. */
export function sharedAgent(api: ApiName): Agent {
  let agent = sharedAgents.get(api);
  if (!agent) {
    const AgentClass = undiciAgentClass();
    agent = new AgentClass({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connections: 16,
      connect: { timeout: DEFAULT_DEADLINES.connectMs },
    });
    sharedAgents.set(api, agent);
  }
  return agent;
}

/** Closes the shared pools (tests and CLI commands call this so the process can exit promptly). */
export async function closeSharedAgents(): Promise<void> {
  const agents = [...sharedAgents.values()];
  sharedAgents.clear();
  await Promise.all(agents.map((a) => a.close()));
}

// Errors that prove the request never left this machine, so even a paid order may safely be sent again.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

/**
 * Sends one request and reads the whole body, under the deadlines and the API's concurrency limit (the deadlines
 * start once a slot is free). Never retries: callers decide that.
 */
export function sendHttp(api: ApiName, req: HttpRequest, dispatcher?: Dispatcher): Promise<HttpResponse> {
  return apiLimiter(api).run(() => sendOnce(api, req, dispatcher));
}

async function sendOnce(api: ApiName, req: HttpRequest, dispatcher?: Dispatcher): Promise<HttpResponse> {
  const d = { ...DEFAULT_DEADLINES, ...req.deadlines };
  const deadline = AbortSignal.timeout(d.totalMs);
  const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
  const maxBytes = req.maxResponseBytes ?? 8 * 1024 * 1024;
  try {
    const res = await (dispatcher ?? sharedAgent(api)).request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: d.headersMs,
      bodyTimeout: d.bodyMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > maxBytes) {
        res.body.destroy();
        // An answer arrived and was refused by us: not a transport failure, and no doubt about what the server did.
        throw new ApiError({
          api,
          operation: req.operation,
          kind: "http",
          httpStatus: res.statusCode,
          code: "RESPONSE_TOO_LARGE",
          apiMessage: req.tooLargeMessage ?? `the response body is over ${maxBytes} bytes, so it was not read`,
        });
      }
      chunks.push(chunk);
    }
    return { status: res.statusCode, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) };
  } catch (err) {
    if (err instanceof TransportError || err instanceof ApiError) throw err;
    throw toTransportError(api, req.operation, err, deadline.aborted ? d.totalMs : undefined, req.signal);
  }
}

function toTransportError(
  api: ApiName,
  operation: string,
  err: unknown,
  deadlineMs: number | undefined,
  callerSignal?: AbortSignal,
): TransportError {
  if (deadlineMs !== undefined) {
    return new TransportError({
      api,
      operation,
      code: "DEADLINE",
      ambiguous: true,
      detail: `no complete response within ${deadlineMs} ms`,
    });
  }
  if (callerSignal?.aborted) {
    return new TransportError({ api, operation, code: "ABORTED", ambiguous: true, detail: "the call was cancelled" });
  }
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? "NETWORK_ERROR";
  const detail = e.message ?? e.cause?.message ?? String(err);
  const tls = tlsHandshakeFailure(api, operation, code, detail);
  if (tls) return new TransportError({ api, operation, code, ambiguous: false, retryable: false, ...tls });
  return new TransportError({ api, operation, code, ambiguous: !NOT_SENT_CODES.has(code), detail });
}

/**
 * A TLS handshake that failed: no HTTP request was sent, and the same settings fail the same way every time.
 * "wrong version number" is what OpenSSL says when the server answers the handshake with plain text, i.e. an
 * https:// endpoint pointing at a plain http port (the emulator, a local proxy). OpenSSL's own text (file paths,
 * record functions) is left out: it names nothing the user can change.
 */
function tlsHandshakeFailure(
  api: ApiName,
  operation: string,
  code: string,
  message: string,
): { detail: string; hint: string } | undefined {
  const setting = describeEndpointSetting(api, operation);
  if (
    /wrong version number|packet length too long|http request/i.test(message) ||
    code === "ERR_SSL_WRONG_VERSION_NUMBER"
  ) {
    return {
      detail: "the TLS handshake failed because the endpoint speaks plain http, not https",
      hint: `Check the scheme in ${setting}: use http:// for a plain http server such as the emulator`,
    };
  }
  if (code === "EPROTO" || code.startsWith("ERR_SSL_")) {
    const reason = code.startsWith("ERR_SSL_") ? code.slice(8).toLowerCase().replace(/_/g, " ") : "protocol error";
    return {
      detail: `the TLS handshake failed (${reason})`,
      hint: `Check the scheme and host in ${setting}: an endpoint that speaks plain http needs http://`,
    };
  }
  return undefined;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** Parses `Retry-After` (seconds or an HTTP date) into seconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
