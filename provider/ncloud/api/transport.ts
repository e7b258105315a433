/**
 * What every NCP API client here shares: the credentials, signature v2 on each attempt, the endpoint rules, and
 * sending through the shared keep-alive pool under deadlines. Certificate Manager and Global DNS differ only in
 * their paths, bodies and how they read answers.
 */
import type { Dispatcher } from "undici";
import type { ApiName } from "../../shared/errors";
import { rememberSecret } from "../../shared/errors";
import { type HttpDeadlines, type HttpResponse, sendHttp } from "../../shared/http";
import { authHeaders } from "./signature";

export interface NcloudCredentials {
  accessKey: string;
  secretKey: string;
}

/** Options every NCP client takes besides its endpoint. */
export interface NcloudTransportOptions {
  credentials: NcloudCredentials;
  deadlines?: Partial<HttpDeadlines>;
  /** For tests: a dispatcher other than the shared pool. */
  dispatcher?: Dispatcher;
  /** For tests: the clock used for signature timestamps. */
  now?: () => number;
  userAgent?: string;
}

/** A query value sent exactly as given (already percent-encoded), for a form `encodeURIComponent` would not make. */
export interface EncodedQueryValue {
  readonly encoded: string;
}

export type QueryValue = string | number | undefined | EncodedQueryValue;

export interface SignedRequest {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Absolute path on the endpoint's origin, e.g. `/api/v2/certificate/x` or `/dns/v1/ncpdns/record/1`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Already serialized JSON; sent with `Content-Type: application/json`. */
  body?: string;
  signal?: AbortSignal;
}

export class NcloudTransport {
  // Private field (compiled to a WeakMap): keeps credentials out of console.log, JSON and Pulumi's closure capture.
  readonly #credentials: NcloudCredentials;
  readonly #options: Omit<NcloudTransportOptions, "credentials">;

  constructor(
    readonly api: ApiName,
    /** Origin plus any path prefix the user gave (without the API's own prefix). */
    readonly base: string,
    options: NcloudTransportOptions,
    product: string,
  ) {
    if (!options.credentials?.accessKey || !options.credentials?.secretKey) {
      throw new Error(`${product} client needs both an access key and a secret key`);
    }
    this.#credentials = { ...options.credentials };
    rememberSecret(options.credentials.secretKey);
    const { credentials: _, ...rest } = options;
    this.#options = rest;
  }

  /** Signs and sends one attempt; a fresh timestamp and signature each time, since NCP refuses stale ones. */
  send(req: SignedRequest): Promise<HttpResponse> {
    const url = new URL(`${this.base}${req.path}`);
    const query = buildQuery(req.query);
    // The signature covers the path and query exactly as sent, so build the string once and use it twice.
    const pathWithQuery = `${url.pathname}${query ? `?${query}` : ""}`;
    url.search = query ? `?${query}` : "";
    const timestamp = String((this.#options.now ?? Date.now)());
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": this.#options.userAgent ?? "pulumi-certmanager-kr",
      ...authHeaders({ method: req.method, pathWithQuery, timestamp, ...this.#credentials }),
    };
    return sendHttp(
      this.api,
      {
        method: req.method,
        url,
        headers,
        body: req.body,
        operation: req.operation,
        deadlines: this.#options.deadlines,
        signal: req.signal,
      },
      this.#options.dispatcher,
    );
  }
}

/**
 * An endpoint as origin + optional path prefix, refusing anything that is not a plain http(s) base URL. `apiPrefix`
 * (e.g. `/api/v2`) is stripped when given, since NCP's docs write base URLs both with and without it.
 */
export function normaliseEndpoint(endpoint: string, product: string, example: string, apiPrefix: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`${product} endpoint "${endpoint}" is not a URL; expected e.g. ${example}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${product} endpoint "${endpoint}" must be http(s)`);
  }
  if (url.search || url.hash) throw new Error(`${product} endpoint "${endpoint}" must not have a query`);
  let path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(apiPrefix)) path = path.slice(0, -apiPrefix.length);
  return `${url.origin}${path}`;
}

/** RFC 3986 encoding (spaces as %20, not `+`), keys in the given order, undefined values left out. */
export function buildQuery(query: SignedRequest["query"]): string {
  if (!query) return "";
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${typeof v === "object" ? v.encoded : encodeURIComponent(String(v))}`)
    .join("&");
}
