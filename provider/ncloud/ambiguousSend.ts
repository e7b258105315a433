/**
 * After a call that creates something in NCP and may have been processed without an answer (a reset or deadline
 * after the request left, a gateway's 5xx, an unreadable body), the only safe next step is to look: an Advanced
 * order and an external certificate upload are both not idempotent, and NCP's lists lag a little behind a write.
 * A readable refusal is not such a case: NCP said no, nothing was done, and the refusal is the answer. Shared by
 * both resources.
 */
import { ApiError } from "../shared/errors";
import { classifyWriteFailure, retryPolicyFromEnv } from "../shared/retry";

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

export interface WriteOnce<T, R> {
  /** Sends the write once. */
  send: () => Promise<T>;
  /** Looks for what a send may have created; undefined when it is not there. */
  landed: () => Promise<R | undefined>;
  /** The error for a write that may have been done with no look-up able to say: keep what is needed to resume. */
  unconfirmed: (why: string) => Error;
  /** Sends at most (throttled, unsent or unanswered ones included). */
  maxSends: number;
}

/**
 * Sends a non-idempotent write so that it is done at most once: a readable refusal is thrown as it is (sent once);
 * a throttled or unsent attempt is sent again after a pause; after an ambiguous one, NCP is looked at before
 * anything is sent again: found ends it, absent (after look-ups that succeeded) allows another send, and no
 * successful look-up throws `unconfirmed`. Once a send was ambiguous, a later refusal may be NCP refusing our own
 * earlier write (taken late), so it is looked up too.
 */
export async function sendWriteOnce<T, R>(w: WriteOnce<T, R>): Promise<{ sent: T } | { found: R }> {
  const policy = retryPolicyFromEnv();
  let ambiguous = false;
  for (let sends = 1; ; sends++) {
    try {
      return { sent: await w.send() };
    } catch (err) {
      const failure = classifyWriteFailure(err);
      if (failure === "refused" && !ambiguous) throw err; // NCP said no: nothing was done
      if (failure === "ambiguous" || ambiguous) {
        ambiguous = true;
        const look = await lookUpAfterAmbiguousSend(w.landed);
        if ("found" in look) return { found: look.found };
        if ("failed" in look) {
          throw w.unconfirmed(
            `its answer was lost (${messageOf(err)}) and every look-up failed (${messageOf(look.failed)})`,
          );
        }
        if (failure === "refused") throw err; // NCP lists nothing of it: the refusal stands
      }
      if (sends >= w.maxSends) {
        if (!ambiguous) throw err; // throttled or never sent each time: nothing was done
        throw w.unconfirmed(
          `it was sent ${sends} times without an answer that says whether it was done (last: ${messageOf(err)}), and NCP lists nothing of it yet`,
        );
      }
      const retryAfterMs =
        err instanceof ApiError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : 0;
      await new Promise((r) => setTimeout(r, Math.max(retryAfterMs, policy.baseDelayMs * 2 ** (sends - 1))));
    }
  }
}
