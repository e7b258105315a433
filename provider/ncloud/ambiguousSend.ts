/**
 * After a call that creates something in NCP and may have been processed without an answer (timeout, reset, 5xx,
 * 429, unreadable body), the only safe next step is to look: an Advanced order and an external certificate upload
 * are both not idempotent, and NCP's lists lag a little behind a write. Shared by both resources.
 */
import { retryPolicyFromEnv } from "../shared/retry";

/**
 * Pauses before each look-up after an ambiguous send, in units of the retry base (500 ms in production: about a
 * minute in all, on top of each look-up's own retries), so an outage of NCP's list of ~15 s is waited out.
 */
const LOOK_PAUSES = [0, 2, 6, 14, 30, 62];
/** Successful empty look-ups needed before a send is taken as never having landed (it may still be landing). */
const EMPTY_LOOKS_TO_CONCLUDE = 3;

export type Lookup<T> = { found: T } | { absent: true } | { failed: unknown };

/**
 * Looks for what a send may have created, a few times with growing pauses: found, absent (only after look-ups that
 * succeeded), or failed (no look-up succeeded).
 */
export async function lookUpAfterAmbiguousSend<T>(find: () => Promise<T | undefined>): Promise<Lookup<T>> {
  const { baseDelayMs } = retryPolicyFromEnv();
  let empty = 0;
  let lastError: unknown;
  for (const units of LOOK_PAUSES) {
    if (units) await new Promise((r) => setTimeout(r, units * baseDelayMs));
    try {
      const found = await find();
      if (found !== undefined) return { found };
      if (++empty >= EMPTY_LOOKS_TO_CONCLUDE) return { absent: true };
    } catch (err) {
      lastError = err;
    }
  }
  return empty > 0 ? { absent: true } : { failed: lastError };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
