/**
 * NHN Cloud Certificate Manager client: list certificates and download certificate files.
 *
 * v1.2 (appkey only) by default; v1.3 (appkey + `X-NHN-AUTHORIZATION: Bearer <token>`) when a User Access Key is
 * configured, with the token from NHN's OAuth client-credentials call cached until shortly before it expires.
 * Failures are JSON envelopes (`header.isSuccessful:false`) whatever the HTTP status, so the client branches on
 * Content-Type and the envelope, not on the status alone. The appkey travels in the URL path, so URLs never
 * appear in errors.
 */

import type { Dispatcher } from "undici";
import { describeEndpointSetting } from "../shared/endpoints";
import { ApiError, excerpt, rememberSecret } from "../shared/errors";
import { type HttpDeadlines, type HttpResponse, sendHttp } from "../shared/http";
import { type RetryPolicy, retryPolicyFromEnv, withRetries } from "../shared/retry";
import { type Inventory, type InventoryQuery, readInventory } from "./inventory";
import {
  envelopeBody,
  fileFrom,
  isAuthFailure,
  type Json,
  MAX_FILE_BYTES,
  num,
  RESULT_HINTS,
  throwIfTransient,
  toEntry,
} from "./responses";

export { fileNameFrom, MAX_FILE_BYTES } from "./responses";

export const DEFAULT_NHN_ENDPOINT = "https://certmanager.api.nhncloudservice.com";
export const DEFAULT_NHN_OAUTH_ENDPOINT = "https://oauth.api.nhncloudservice.com";
export const GOV_NHN_ENDPOINT = "https://certmanager.api.gov-nhncloudservice.com";
/** The gov cloud's token host: NHN's gov token page gives none, so this follows its host naming (doc §3, an inference). */
export const GOV_NHN_OAUTH_ENDPOINT = "https://oauth.api.gov-nhncloudservice.com";

/**
 * Where the token call goes when no OAuth endpoint is set. It carries the User Access Key's secret (Basic auth),
 * so the host is never guessed from a Certificate Manager override: NHN's public and gov hosts map to their own
 * token hosts, a loopback endpoint (the emulator, which serves both) is followed, anything else is undecided.
 */
export function defaultOauthEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return DEFAULT_NHN_OAUTH_ENDPOINT;
  const host = new URL(endpoint).hostname;
  if (host === new URL(DEFAULT_NHN_ENDPOINT).hostname) return DEFAULT_NHN_OAUTH_ENDPOINT;
  if (host === new URL(GOV_NHN_ENDPOINT).hostname) return GOV_NHN_OAUTH_ENDPOINT;
  if (host === "localhost" || host === "::1" || host === "[::1]" || /^127\./.test(host)) return endpoint;
  return undefined;
}

export type CertificateStatusFilter = "ALL" | "EXPIRED" | "UNEXPIRED";

export interface NhnCertificateEntry {
  certificateName: string;
  /** v1.3 only (since 2026-07). */
  certificateId?: number;
  authority?: string;
  /** CN + SANs; v1.2+. */
  domains: string[];
  signatureAlgorithm?: string;
  /** `YYYY-MM-DD` as NHN sends it. */
  fileCreationDate?: string;
  /** `YYYY-MM-DD` (the KST calendar date of notAfter). */
  expirationDate?: string;
}

export interface NhnCertificatePage {
  totalCount: number;
  totalPage: number;
  currentPage: number;
  pageSize: number;
  data: NhnCertificateEntry[];
}

export interface NhnCertificateFile {
  /** From Content-Disposition, when the server sends one. */
  fileName?: string;
  content: Buffer;
}

export interface NhnUserAccessKey {
  userAccessKeyId: string;
  secretAccessKey: string;
}

export interface NhnClientOptions {
  appKey: string;
  /** Base URL; `/certmanager/v1.x/...` is appended. */
  endpoint?: string;
  /** With a User Access Key the client uses API v1.3 and bearer tokens; without, v1.2 (appkey only). */
  userAccessKey?: NhnUserAccessKey;
  /**
   * OAuth base URL for tokens. Default: NHN's public or gov token host to match `endpoint`, or `endpoint` itself when
   * it is a loopback address (the emulator serves both); any other `endpoint` needs it set (see defaultOauthEndpoint).
   */
  oauthEndpoint?: string;
  deadlines?: Partial<HttpDeadlines>;
  dispatcher?: Dispatcher;
  /** Retries; default from CERTMANAGER_KR_RETRY_* or DEFAULT_RETRY_POLICY. */
  retryPolicy?: RetryPolicy;
}

// One token per (OAuth host, key) per process, shared by every client: NHN tokens live up to 24 h.
const tokenCache = new Map<
  string,
  { token: string; expiresAtMs: number } | Promise<{ token: string; expiresAtMs: number }>
>();
/** Refresh a token this long before NHN says it expires, so no call goes out with a token about to lapse. */
const TOKEN_SAFETY_MS = 60_000;

export class NhnCertificateManagerClient {
  readonly endpoint: string;
  readonly apiVersion: "v1.2" | "v1.3";
  readonly oauthEndpoint: string;
  readonly #appKey: string;
  readonly #userAccessKey?: NhnUserAccessKey;
  readonly #deadlines?: Partial<HttpDeadlines>;
  readonly #dispatcher?: Dispatcher;
  readonly #retryPolicy: RetryPolicy;

  constructor(options: NhnClientOptions) {
    if (!options.appKey) throw new Error("NHN Cloud Certificate Manager client needs an appKey");
    this.endpoint = normaliseBase(options.endpoint ?? DEFAULT_NHN_ENDPOINT, "endpoint");
    const oauth = options.oauthEndpoint ?? defaultOauthEndpoint(options.endpoint ? this.endpoint : undefined);
    if (oauth === undefined && options.userAccessKey) {
      throw new Error(
        `NHN Cloud Certificate Manager endpoint ${this.endpoint} is neither NHN's public nor gov host, so the token ` +
          `host for the User Access Key cannot be told from it: set ${describeEndpointSetting("nhncloud", "createToken")} ` +
          "(the token call carries the key's secret, so it is never sent to a guessed host)",
      );
    }
    // Without a User Access Key no token is ever requested: the public host stands in.
    this.oauthEndpoint = normaliseBase(oauth ?? DEFAULT_NHN_OAUTH_ENDPOINT, "oauthEndpoint");
    this.#appKey = options.appKey;
    this.#userAccessKey = options.userAccessKey;
    for (const secret of [options.appKey, options.userAccessKey?.secretAccessKey]) rememberSecret(secret);
    this.apiVersion = options.userAccessKey ? "v1.3" : "v1.2";
    this.#deadlines = options.deadlines;
    this.#dispatcher = options.dispatcher;
    this.#retryPolicy = options.retryPolicy ?? retryPolicyFromEnv();
  }

  /** One page of the certificate list. */
  async listCertificatesPage(query: {
    pageNum?: number;
    pageSize?: number;
    status?: CertificateStatusFilter;
    all?: boolean;
  }): Promise<NhnCertificatePage> {
    const params = new URLSearchParams();
    if (query.pageSize !== undefined) params.set("pageSize", String(query.pageSize));
    if (query.pageNum !== undefined) params.set("pageNum", String(query.pageNum));
    if (query.all !== undefined) params.set("all", String(query.all));
    if (query.status !== undefined) params.set("status", query.status);
    const body = await this.call("listCertificates", `/certificates?${params.toString()}`, (res) =>
      envelopeBody("listCertificates", res),
    );
    const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
    return {
      totalCount: num(body.totalCount) ?? data.length,
      totalPage: num(body.totalPage) ?? 1,
      currentPage: num(body.currentPage) ?? query.pageNum ?? 1,
      pageSize: num(body.pageSize) ?? query.pageSize ?? data.length,
      data: data.map(toEntry),
    };
  }

  /**
   * Every certificate: the first page, then the rest concurrently (at most `concurrency` at once), in API order.
   * A read of several pages is confirmed by reading every page but the last once more; a list that changed under
   * the read is read again, and one that keeps changing comes back with `warnings` (see inventory.ts).
   */
  async listAllCertificates(query: InventoryQuery = {}): Promise<Inventory> {
    return readInventory(async (pageNum, pageSize) => {
      try {
        return await this.listCertificatesPage({ ...query, pageNum, pageSize });
      } catch (err) {
        // NHN does not say what a page past the last answers (notes §13 #4). Pages after the first are asked for
        // only when the count says they exist, so a 400 there means the list shrank under the read: the end of the
        // list, which the inventory's own checks then notice and read again.
        if (pageNum > 1 && err instanceof ApiError && err.httpStatus === 400) {
          return { totalCount: -1, totalPage: 0, currentPage: pageNum, pageSize, data: [] };
        }
        throw err;
      }
    }, query);
  }

  /**
   * Downloads the file registered under a certificate name, encoded as one path segment (RFC 3986; Korean names as
   * UTF-8). NHN does not say whether a `*` must be sent raw (legal in a path segment) or as `%2A`: raw is tried
   * first, and a "not found" (52000) for a name with `*` is asked once more with `%2A`.
   */
  async downloadCertificateFile(certificateName: string): Promise<NhnCertificateFile> {
    const get = (segment: string) =>
      this.call("downloadCertificateFile", `/certificates/${segment}/files`, (res) =>
        fileFrom("downloadCertificateFile", res, { name: certificateName }),
      );
    const segment = encodeURIComponent(certificateName);
    if (!certificateName.includes("*")) return get(segment);
    try {
      return await get(segment);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "52000")) throw err;
      return get(segment.replace(/\*/g, "%2A"));
    }
  }

  /** Downloads by the numeric id from the v1.3 list (needs a User Access Key). */
  async downloadCertificateFileById(certificateId: number): Promise<NhnCertificateFile> {
    if (this.apiVersion !== "v1.3") {
      throw new Error(
        "Downloading by certificateId needs NHN API v1.3, which needs a User Access Key (nhncloud:userAccessKeyId / nhncloud:userSecretAccessKey); download by certificateName instead",
      );
    }
    return this.call("downloadCertificateFileById", `/certificates/${certificateId}/certificate-files`, (res) =>
      fileFrom("downloadCertificateFileById", res, { id: certificateId }),
    );
  }

  /**
   * Both NHN operations are reads, so a transient failure (including an unreadable success body) is retried with
   * backoff; `interpret` turns the response into the result or the error.
   */
  private async call<T>(operation: string, pathAndQuery: string, interpret: (res: HttpResponse) => T): Promise<T> {
    try {
      return await withRetries(async () => {
        try {
          return interpret(throwIfTransient(operation, await this.callOnce(operation, pathAndQuery)));
        } catch (err) {
          // A documented refusal (no such name, over 512 KB, ...) is final whatever HTTP status carries it.
          throw err instanceof ApiError && err.kind === "api" && RESULT_HINTS[Number(err.code)] ? new Final(err) : err;
        }
      }, this.#retryPolicy);
    } catch (err) {
      throw err instanceof Final ? err.error : err;
    }
  }

  private async callOnce(operation: string, pathAndQuery: string, retryAuth = true): Promise<HttpResponse> {
    const url = new URL(
      `${this.endpoint}/certmanager/${this.apiVersion}/appkeys/${encodeURIComponent(this.#appKey)}${pathAndQuery}`,
    );
    const headers: Record<string, string> = {
      accept: "application/json, application/octet-stream",
      "user-agent": "pulumi-certmanager-kr",
    };
    if (this.#userAccessKey) headers["x-nhn-authorization"] = `Bearer ${await this.token()}`;
    const res = await sendHttp(
      "nhncloud",
      {
        method: "GET",
        url,
        headers,
        operation,
        deadlines: this.#deadlines,
        maxResponseBytes: MAX_FILE_BYTES + 64 * 1024,
        tooLargeMessage: `the answer is over ${(MAX_FILE_BYTES + 64 * 1024) / 1024} KB, so it was not read: a certificate file is over NHN's 512 KB limit`,
      },
      this.#dispatcher,
    );
    // A revoked or expired token: get a new one once before giving up.
    if (retryAuth && this.#userAccessKey && isAuthFailure(res)) {
      tokenCache.delete(this.tokenKey());
      return this.callOnce(operation, pathAndQuery, false);
    }
    return res;
  }

  private tokenKey(): string {
    return `${this.oauthEndpoint}\n${this.#userAccessKey?.userAccessKeyId}`;
  }

  /** The cached bearer token, fetched once (concurrent callers share one request) and refreshed before expiry. */
  private async token(): Promise<string> {
    const key = this.tokenKey();
    const cached = tokenCache.get(key);
    if (cached) {
      const value = await cached;
      if (value.expiresAtMs - TOKEN_SAFETY_MS > Date.now()) return value.token;
      if (tokenCache.get(key) === cached) tokenCache.delete(key);
      return this.token();
    }
    const pending = withRetries(() => this.fetchToken(), this.#retryPolicy);
    tokenCache.set(key, pending);
    try {
      const value = await pending;
      tokenCache.set(key, value);
      return value.token;
    } catch (err) {
      tokenCache.delete(key);
      throw err;
    }
  }

  private async fetchToken(): Promise<{ token: string; expiresAtMs: number }> {
    const k = this.#userAccessKey as NhnUserAccessKey;
    const started = Date.now();
    const res = await sendHttp(
      "nhncloud",
      {
        method: "POST",
        url: new URL(`${this.oauthEndpoint}/oauth2/token/create`),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${k.userAccessKeyId}:${k.secretAccessKey}`).toString("base64")}`,
          accept: "application/json",
        },
        body: "grant_type=client_credentials",
        operation: "createToken",
        deadlines: this.#deadlines,
      },
      this.#dispatcher,
    );
    const text = res.body.toString("utf8");
    let body: Json = {};
    try {
      body = JSON.parse(text) as Json;
    } catch {
      // reported below
    }
    if (res.status < 200 || res.status >= 300 || typeof body.access_token !== "string") {
      const oauthError = typeof body.error === "string" ? body.error : undefined;
      throw new ApiError({
        api: "nhncloud",
        operation: "createToken",
        kind: oauthError ? "api" : res.status >= 300 ? "http" : "malformed",
        httpStatus: res.status,
        code: oauthError,
        apiMessage: typeof body.error_description === "string" ? body.error_description : undefined,
        details: oauthError ? undefined : excerpt(text),
        hint:
          oauthError === "invalid_client"
            ? "Check nhncloud:userAccessKeyId / nhncloud:userSecretAccessKey (or NHNCLOUD_USER_ACCESS_KEY_ID / NHNCLOUD_USER_SECRET_ACCESS_KEY)."
            : undefined,
      });
    }
    const ttlSeconds = typeof body.expires_in === "number" ? body.expires_in : 86_400;
    return { token: body.access_token, expiresAtMs: started + ttlSeconds * 1000 };
  }
}

/** Carries an error past the retry loop, which retries nothing it does not recognise. */
class Final {
  constructor(readonly error: ApiError) {}
}

/** Drops every cached token (tests, and credential rotation). */
export function clearNhnTokenCache(): void {
  tokenCache.clear();
}

function normaliseBase(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`NHN Cloud ${what} "${value}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`NHN Cloud ${what} "${value}" must be http(s)`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
