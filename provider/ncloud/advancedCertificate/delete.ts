/**
 * Destroy: optionally revoke, then delete, retrying while a load balancer still uses the certificate (shared with
 * the external certificate, see ../inUseDelete.ts). NCP deletes by number *and* current name, so a certificate
 * renumbered by a reissue or renamed in the console is deleted as NCP lists it now.
 */
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import { ncloudClient } from "../api/settings";
import { deleteWaitingWhileInUse } from "../inUseDelete";
import { ncpIdentity } from "./drift";
import { findTracked, trackedNumber } from "./lookup";
import type { CertificateState } from "./state";
import { resolveForLookup } from "./unconfirmedOrder";

type Props = Record<string, unknown>;

export async function remove(id: string, props: Props): Promise<void> {
  const client = ncloudClient();
  const state = props as unknown as CertificateState;
  let no = trackedNumber(id, state);
  // NCP deletes by number and current name: a console rename seen by refresh is used at once (see below otherwise).
  const name = ncpIdentity(state).certificateName ?? state.certificateName;
  if (state.orderUnconfirmed) {
    const landed = await resolveForLookup(client, state);
    if (!landed) return; // after look-ups that succeeded: the order never landed, so nothing to delete
    no = landed.certificateNo;
  }
  if (state.revokeOnDestroy) await revokeBeforeDelete(client, state, no);
  await deleteWaitingWhileInUse(client, {
    no,
    name,
    timeoutMinutes: state.deleteInUseTimeoutMinutes,
    lookUp: (n) => findTracked(client, state, n),
  });
  // A reissue may have listed its certificate beside the old one in the same order (docs unknown #18): the ones it
  // superseded belong to this resource too, so destroy leaves none of them behind.
  if (!state.orderId) return;
  const superseded = (await client.findPaidCertificatesByName(name)).filter(
    (c) => c.orderId === state.orderId && c.certificateNo !== no && c.statusCode !== "-6",
  );
  for (const old of superseded) {
    await deleteWaitingWhileInUse(client, {
      no: old.certificateNo,
      name,
      timeoutMinutes: state.deleteInUseTimeoutMinutes,
      lookUp: async (n) => (await client.findPaidCertificatesByName(name)).find((c) => c.certificateNo === n),
    });
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
