/**
 * Deleting a certificate that a load balancer may still use, shared by every NCP certificate resource. NCP answers
 * 1004 both for "in use" and for "no certificate of that name and number", so each 1004 is looked up before
 * deciding: gone (done), renumbered or renamed (delete it as NCP lists it now), or in use (wait for a bounded
 * window, then say what to detach).
 */
import { ApiError } from "../shared/errors";
import type { NcloudCertificateManagerClient } from "./api/certificateManager";
import type { CertificateSummary } from "./api/certificateManagerTypes";

export const DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES = 10;

export interface InUseDelete {
  no: number;
  /** The name NCP last showed: NCP deletes by number and current name. */
  name: string;
  /** How long to keep retrying while the certificate is in use (default 10 minutes). */
  timeoutMinutes?: number;
  /** The certificate as NCP lists it now (a reissue may have renumbered it); undefined when NCP lists none. */
  lookUp(no: number): Promise<CertificateSummary | undefined>;
}

export async function deleteWaitingWhileInUse(client: NcloudCertificateManagerClient, d: InUseDelete): Promise<void> {
  let { no, name } = d;
  // A load balancer may still be switching to the replacement: keep trying for a bounded window.
  const windowMs = (d.timeoutMinutes ?? DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES) * 60_000;
  const deadline = Date.now() + windowMs;
  const pauseMs = Math.min(30_000, Math.max(1_000, windowMs / 20));
  for (;;) {
    try {
      await client.deleteCertificate(no, name);
      return;
    } catch (err) {
      if (!(err instanceof ApiError && err.kind === "api" && err.code === "1004")) throw err;
      const entry = await d.lookUp(no);
      if (!entry || entry.statusCode === "-6") return; // already gone: deleting is done
      if (entry.certificateNo !== no) {
        no = entry.certificateNo; // renumbered by a reissue: delete what NCP holds now
        continue;
      }
      if (entry.certificateName && entry.certificateName !== name) {
        name = entry.certificateName; // renamed in the console
        continue;
      }
      // Which instances use it is documented for ListCertificates only (doc §6.3), not for the Advanced list.
      const usage = (await client.findCertificatesByName(name)).find((c) => c.certificateNo === no) ?? entry;
      if (usage.usedInstanceNoList.length === 0) throw err;
      if (Date.now() + pauseMs > deadline) throw stillInUse(name, no, usage, windowMs, err);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** The sentence destroy ends with when the certificate stays in use: which instances, and what to do. */
export function stillInUse(
  name: string,
  no: number,
  entry: CertificateSummary,
  windowMs: number,
  err: ApiError,
): Error {
  return new Error(
    `NCP refused to delete certificate "${name}" (certificateNo ${no}): it is still used by ${entry.usedInstanceNoList.join(", ")}` +
      (windowMs > 0 ? ` after ${Math.round(windowMs / 60_000)} minute(s) of retrying` : "") +
      ". Detach it first: point the load balancer listener (ssl_certificate_no) at the new certificate or delete the listener, then run the command again. " +
      `(NCP said: ${err.apiMessage ?? err.message})`,
  );
}

/** The rule for `deleteInUseTimeoutMinutes`, the same on every resource: a failure reason, or undefined. */
export function deleteInUseTimeoutProblem(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v !== "number" || !(v >= 0) || v > 120
    ? "deleteInUseTimeoutMinutes must be a number of minutes from 0 to 120"
    : undefined;
}
