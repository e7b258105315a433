/**
 * Finding the certificate a resource tracks in NCP's lists. NCP has no "get by number" call, so every look-up goes
 * by name first (cheap) and falls back to paging through all Advanced certificates.
 */

import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary } from "../api/certificateManagerTypes";
import type { CertificateState } from "./state";

/**
 * The certificate this resource tracks, by number. NCP's docs leave open whether a reissue keeps certificateNo
 * (unknown #18): when the number is gone, a live certificate of the same name in the same order is its successor and
 * is followed — reporting it deleted would make the next `up` place a new paid order. One look-up by name serves both.
 */
export async function findTracked(
  client: NcloudCertificateManagerClient,
  state: Pick<CertificateState, "certificateName" | "orderId"> & { pendingCsrPem?: string },
  no: number,
): Promise<CertificateSummary | undefined> {
  const sameName = await client.findPaidCertificatesByName(state.certificateName);
  // A reissue may also list the new certificate beside the old one in the same order (docs unknown #18): while a
  // renewal is pending, the newest live certificate of the order is the one this resource is becoming.
  if (state.pendingCsrPem && state.orderId) {
    const newer = sameName
      .filter((c) => c.orderId === state.orderId && c.certificateNo > no && c.statusCode !== "-6")
      .sort((a, b) => b.certificateNo - a.certificateNo)[0];
    if (newer) return newer;
  }
  const entry = sameName.find((c) => c.certificateNo === no) ?? (await findInAllPages(client, no));
  if ((entry && entry.statusCode !== "-6") || !state.orderId) return entry;
  const successor = sameName
    .filter((c) => c.certificateNo !== no && c.orderId === state.orderId && c.statusCode !== "-6")
    .sort((a, b) => b.certificateNo - a.certificateNo)[0];
  return successor ?? entry;
}

/** The number to look for: the engine's id, unless an update has already followed a renumbering in the state. */
export function trackedNumber(id: string, state: Partial<CertificateState>): number {
  return typeof state.certificateNo === "number" && state.certificateNo > 0 ? state.certificateNo : Number(id);
}

export function renumberedNote(oldId: string, no: number, entry: CertificateSummary): string {
  return `NCP now lists this certificate as number ${no} (was ${oldId}; same name, order ${entry.orderId}), as after a reissue: following it`;
}

/**
 * The list entry for a certificate number. NCP has no "get by number" call, so search by name first (cheap), and
 * only if that misses (renamed in the console?) page through all Advanced certificates before calling it gone.
 */
export async function findByNumber(
  client: NcloudCertificateManagerClient,
  name: string,
  no: number,
): Promise<CertificateSummary | undefined> {
  const byName = (await client.findPaidCertificatesByName(name)).find((c) => c.certificateNo === no);
  return byName ?? findInAllPages(client, no);
}

export function findInAllPages(
  client: NcloudCertificateManagerClient,
  no: number,
): Promise<CertificateSummary | undefined> {
  return client.findInAllPages("getPaidCertificates", no);
}
