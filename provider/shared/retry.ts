/**
 * Bounded retries with exponential backoff and full jitter, for calls that are safe to repeat.
 *
 * Retried: transport failures (reset, timeout, refused), HTTP 5xx except 501, 429 (waiting at least its
 * Retry-After), and unreadable 2xx bodies (a proxy's glitch). Never retried: anything the API refused on purpose
 * (4xx, result codes). A paid order is never passed through here; it has its own look-up-first recovery.
 */
import { ApiError, TransportError } from "./errors";

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up when the next wait would end past this many ms after the first attempt. */
  overallDeadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  overallDeadlineMs: 120_000,
};

/** The policy in force: the default, tuned by CERTMANAGER_KR_RETRY_* environment variables (tests, slow links). */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const read = (name: string, fallback: number) => {
    const v = env[name];
    const n = v === undefined || v === "" ? Number.NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    maxAttempts: Math.max(1, Math.floor(read("CERTMANAGER_KR_RETRY_MAX_ATTEMPTS", DEFAULT_RETRY_POLICY.maxAttempts))),
    baseDelayMs: read("CERTMANAGER_KR_RETRY_BASE_MS", DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: read("CERTMANAGER_KR_RETRY_MAX_DELAY_MS", DEFAULT_RETRY_POLICY.maxDelayMs),
    overallDeadlineMs: read("CERTMANAGER_KR_RETRY_DEADLINE_MS", DEFAULT_RETRY_POLICY.overallDeadlineMs),
  };
}

/** Whether a failure is worth another attempt of a safe call. */
export function isTransient(err: unknown): boolean {
  if (err instanceof TransportError) return err.retryable;
  if (err instanceof ApiError) {
    if (err.httpStatus === 429) return true;
    if (err.httpStatus >= 500 && err.httpStatus !== 501) return true;
    return err.kind === "malformed" && err.httpStatus >= 200 && err.httpStatus < 300;
  }
  return false;
}

/**
 * What a failed write (an order, an upload, a key registration) says about the state of the world:
 * - `refused`: the service answered with a readable code of its own, or the request never left: nothing was done,
 *   and the call is not sent again (whatever the HTTP status: NCP puts business refusals under 200, 400 and 500);
 * - `notProcessed`: throttled (429) or certainly never sent (connection refused): nothing was done, and sending
 *   again after a pause is safe;
 * - `ambiguous`: the answer is missing or unreadable (a reset or deadline after the request left, a 2xx body that is
 *   not the API's, a gateway's or proxy's 5xx): it may have been done, so look before sending again.
 */
export type WriteFailure = "refused" | "notProcessed" | "ambiguous";

export function classifyWriteFailure(err: unknown): WriteFailure {
  if (err instanceof TransportError) return err.ambiguous ? "ambiguous" : err.retryable ? "notProcessed" : "refused";
  if (!(err instanceof ApiError)) return "refused";
  if (err.httpStatus === 429) return "notProcessed";
  if (err.kind === "api") return "refused";
  // A success status whose body could not be read (garbled, cut off, too large) says nothing about what was done.
  if (err.kind === "malformed" || (err.httpStatus >= 200 && err.httpStatus < 300)) return "ambiguous";
  return err.httpStatus >= 500 && err.httpStatus !== 501 ? "ambiguous" : "refused";
}

/** Whether a failed write may still have been carried out, so its outcome must be looked up (see above). */
export function mayHaveBeenProcessed(err: unknown): boolean {
  return classifyWriteFailure(err) === "ambiguous";
}

export interface RetryReport {
  attempts: number;
}

/** Runs `fn` until it succeeds, fails permanently, or the policy runs out; rethrows the last error. */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = retryPolicyFromEnv(),
  report?: RetryReport,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    if (report) report.attempts = attempt;
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isTransient(err) || attempt >= policy.maxAttempts) throw err;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * Math.random();
      const retryAfterMs =
        err instanceof ApiError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : 0;
      const wait = Math.max(backoff, retryAfterMs);
      if (Date.now() - started + wait > policy.overallDeadlineMs) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
