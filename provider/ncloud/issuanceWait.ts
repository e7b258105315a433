/**
 * Waiting for NCP to issue a certificate, shared by AdvancedCertificate's `waitForIssuance` and
 * AdvancedCertificateValidation. Pulumi's customTimeouts never reach a dynamic provider, so the wait has its own
 * deadline; and since a silent hour looks like a hang, it says which DNS records NCP still waits for when it starts
 * and every few minutes (the engine shows a dynamic provider's stdout beside the resource).
 */

import { isTransient } from "../shared/retry";
import type { DcvRecordOutput } from "./advancedCertificate/state";
import { ISSUED_STATUSES, WAIT_ENDING_STATUSES } from "./advancedCertificate/state";

export interface IssuanceSnapshot {
  statusCode: string;
  statusName: string;
  dcvRecords: DcvRecordOutput[];
}

export interface IssuanceWait {
  timeoutMinutes: number;
  pollIntervalSeconds: number;
  /** Who is waiting, e.g. `ncloud.AdvancedCertificateValidation "site" (certificate 123)`. */
  label: string;
  /** The input that sets the deadline, named in the timeout error. */
  timeoutInput: string;
  /** How often to repeat the pending records (default 3 minutes; `CERTMANAGER_KR_WAIT_REMINDER_SECONDS`). */
  reminderMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

/** The DCV records NCP has not validated yet, one line each. */
export function pendingRecordLines(records: DcvRecordOutput[]): string[] {
  return records
    .filter((r) => r.status !== "VALID_STATUS_SUCCESS")
    .map((r) => `${r.recordType} ${r.name} = "${r.value}" (for ${r.domain})`);
}

function reminderFromEnv(): number {
  const s = Number(process.env.CERTMANAGER_KR_WAIT_REMINDER_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 180_000;
}

/** Polls until issued; throws on a terminal status or at the deadline, naming the records still missing. */
export async function waitUntilIssued<S extends IssuanceSnapshot>(
  initial: S,
  poll: (current: S) => Promise<S>,
  o: IssuanceWait,
): Promise<S> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = o.log ?? ((line: string) => console.log(line));
  const reminderMs = o.reminderMs ?? reminderFromEnv();
  const started = now();
  const deadline = started + o.timeoutMinutes * 60_000;
  const interval = o.pollIntervalSeconds * 1000;
  let current = initial;
  let lastReport: number | undefined;
  for (;;) {
    if (ISSUED_STATUSES.has(current.statusCode)) {
      if (lastReport !== undefined) log(`${o.label}: issued after ${Math.round((now() - started) / 1000)} s`);
      return current;
    }
    if (WAIT_ENDING_STATUSES.has(current.statusCode)) {
      throw new Error(
        `NCP ended the order in status ${current.statusName} (${current.statusCode}); it will not be issued. ` +
          "A new certificate (a new order) is needed",
      );
    }
    const pending = pendingRecordLines(current.dcvRecords);
    if (lastReport === undefined || now() - lastReport >= reminderMs) {
      const waited = lastReport === undefined ? "" : ` (waited ${Math.round((now() - started) / 60_000)} min)`;
      log(
        `${o.label}: waiting up to ${o.timeoutMinutes} min for NCP to issue it, status ${current.statusName}${waited}` +
          (pending.length ? `; DNS records NCP still checks: ${pending.join("; ")}` : ""),
      );
      lastReport = now();
    }
    if (now() + interval > deadline) {
      throw new Error(
        `not issued within ${o.timeoutInput} (${o.timeoutMinutes} min); status ${current.statusName}` +
          (pending.length
            ? `. DNS records NCP still checks (create them if you have not): ${pending.join("; ")}`
            : "") +
          ". Nothing was left half-done: the next `pulumi up` waits again",
      );
    }
    await sleep(interval);
    try {
      current = await poll(current);
    } catch (err) {
      // One poll failing (NCP briefly unavailable beyond one call's retries) is not the end of the wait: the next
      // poll asks again, until the deadline. A refusal (4xx, an error code) still ends it.
      if (!isTransient(err)) throw err;
      log(
        `${o.label}: NCP did not answer this poll (${err instanceof Error ? err.message : String(err)}); still waiting`,
      );
    }
  }
}
