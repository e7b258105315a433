/**
 * Destroy: optionally revoke, then delete, retrying while a load balancer still uses the certificate. NCP deletes
 * by number *and* current name, so a certificate renumbered by a reissue or renamed in the console is deleted as
 * NCP lists it now.
 */
import { ApiError } from "../../shared/errors";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import { ncloudClient } from "../api/settings";
import { ncpIdentity } from "./drift";
import { DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES } from "./inputs";
import { findTracked, trackedNumber } from "./lookup";
import type { CertificateState } from "./state";
import { resolveForLookup } from "./unconfirmedOrder";

type Props = Record<string, unknown>;

export async function remove(id: string, props: Props): Promise<void> {
  const client = ncloudClient();
  const state = props as unknown as CertificateState;
  let no = trackedNumber(id, state);
  // NCP deletes by number and current name: a console rename seen by refresh is used at once (see below otherwise).
  let name = ncpIdentity(state).certificateName ?? state.certificateName;
  if (state.orderUnconfirmed) {
    const landed = await resolveForLookup(client, state);
    if (!landed) return; // after look-ups that succeeded: the order never landed, so nothing to delete
    no = landed.certificateNo;
  }
  if (state.revokeOnDestroy) await revokeBeforeDelete(client, state, no);
  // A load balancer may still be switching to the replacement: keep trying for a bounded window.
  const windowMs = (state.deleteInUseTimeoutMinutes ?? DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES) * 60_000;
  const deadline = Date.now() + windowMs;
  const pauseMs = Math.min(30_000, Math.max(1_000, windowMs / 20));
  for (;;) {
    try {
      await client.deleteCertificate(no, name);
      return;
    } catch (err) {
      if (!(err instanceof ApiError && err.kind === "api" && err.code === "1004")) throw err;
      // 1004 covers both "in use" and "no such name/number": look before deciding.
      const entry = await findTracked(client, state, no);
      if (!entry || entry.statusCode === "-6") return; // already gone: deleting is done
      if (entry.certificateNo !== no) {
        no = entry.certificateNo; // renumbered by a reissue: delete what the order holds now
        continue;
      }
      if (entry.certificateName && entry.certificateName !== name) {
        name = entry.certificateName; // renamed in the console: NCP deletes by number and current name
        continue;
      }
      if (entry.usedInstanceNoList.length === 0) throw err;
      if (Date.now() + pauseMs > deadline) {
        throw new Error(
          `NCP refused to delete certificate "${name}" (certificateNo ${no}): it is still used by ${entry.usedInstanceNoList.join(", ")}` +
            (windowMs > 0 ? ` after ${Math.round(windowMs / 60_000)} minute(s) of retrying` : "") +
            ". Detach it first: point the load balancer listener (ssl_certificate_no) at the new certificate or delete the listener, then run the command again. " +
            `(NCP said: ${err.apiMessage ?? err.message})`,
        );
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** Revokes an issued certificate before it is deleted (irreversible, so only on explicit request). */
async function revokeBeforeDelete(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  no: number,
): Promise<void> {
  const entry = await findTracked(client, state, no);
  if (!entry || (entry.statusCode !== "1" && entry.statusCode !== "2") || !entry.orderId) return; // nothing to revoke
  await client.revoke({
    orderId: entry.orderId,
    certificateNo: entry.certificateNo,
    revokeType: state.revokeOnDestroy?.reason ?? "unspecified",
  });
}
