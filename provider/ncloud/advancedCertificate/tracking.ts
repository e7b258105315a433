/**
 * Tracking an Advanced certificate in NCP: its status, DCV records and issued chain, read from NCP's lists and
 * brought into the resource's state. Also the one place provider notes are printed (the engine shows a dynamic
 * provider's stdout as diagnostics beside the resource).
 */
import { publicKeysEqual } from "../../crypto/keys";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary } from "../api/certificateManagerTypes";
import { entryDomains } from "../api/entries";
import { fetchIssuedChain } from "../issuedChain";
import { observedIdentity, sameSerial } from "./drift";
import { renumberedNote } from "./lookup";
import { reissueUnderWay } from "./renewal";
import { type CertificateState, type DcvRecordOutput, ISSUED_STATUSES } from "./state";

export function report(state: Partial<CertificateState>, no: number, notes: string[]): void {
  // The provider's stdout is shown by the engine as diagnostics next to the resource.
  for (const note of notes) console.log(`ncloud.AdvancedCertificate "${state.certificateName}" (${no}): ${note}`);
}

/** The state brought up to date from the tracked entry, moving to its number if NCP renumbered it (and saying so). */
export async function observeTracked(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  entry: CertificateSummary,
): Promise<CertificateState> {
  let current = state;
  if (entry.certificateNo !== current.certificateNo) {
    report(current, current.certificateNo, [renumberedNote(String(current.certificateNo), entry.certificateNo, entry)]);
    current = { ...current, certificateNo: entry.certificateNo };
  }
  return { ...current, ...(await observe(client, current, entry)) };
}

/** Everything we can learn about a certificate from NCP right now, given its list entry. */
export async function observe(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  entry: CertificateSummary,
): Promise<Partial<CertificateState>> {
  const out: Partial<CertificateState> = {
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
    orderId: entry.orderId ?? state.orderId,
    regDate: entry.regDate ?? state.regDate,
    revokeDate: entry.revokeDate ?? state.revokeDate,
    privateKeyRegistered: entry.statusCode === "1" || state.privateKeyRegistered === true,
  };
  // NCP's identity is reported beside the program's, never over it (see drift.ts).
  const ncp = {
    certificateName: entry.certificateName || state.certificateName,
    ...entryDomains(entry, state.commonName),
  };
  out.observed = observedIdentity(state, ncp);
  if (state.pendingReissueUnconfirmed && reissueUnderWay(entry, state)) out.pendingReissueUnconfirmed = undefined;
  const domains = [ncp.commonName, ...ncp.dnsNames];
  const needDcv =
    entry.statusCode === "0" ||
    state.dcvRecords === undefined ||
    state.dcvRecords.length !== domains.length ||
    state.dcvRecords.some((r) => r.status !== "VALID_STATUS_SUCCESS");
  out.dcvRecords = needDcv ? await dcvRecords(client, state.certificateNo, domains) : state.dcvRecords;

  const issuedLike = ISSUED_STATUSES.has(entry.statusCode) || entry.statusCode === "-2" || entry.statusCode === "-5";
  // The Advanced list documents no serial number or revocation date (doc §6.2); ListCertificates does (§6.3), so an
  // issued or ended certificate is looked up there too: a reissue or revocation made in the console shows.
  const detail = issuedLike ? await documentedDetail(client, entry) : undefined;
  if (detail?.revokeDate) out.revokeDate = detail.revokeDate;
  const serial = entry.serialNumber ?? detail?.serialNumber;
  const serialChanged = !!serial && !sameSerial(serial, state.serialNumber);
  const reissued = state.statusCode === "0" || state.pendingCsrPem !== undefined || serialChanged;
  if (issuedLike && (!state.certificatePem || reissued)) {
    Object.assign(out, await issuedChain(client, state));
  }
  return out;
}

export async function dcvRecords(
  client: NcloudCertificateManagerClient,
  certificateNo: number,
  domains: string[],
): Promise<DcvRecordOutput[]> {
  const records: DcvRecordOutput[] = [];
  for (const domain of domains) {
    for (const r of await client.getVerificationInfo(certificateNo, domain)) {
      records.push({ domain, recordType: r.recordType, name: r.name, value: r.value, status: r.validStatusCode });
    }
  }
  // Sorted by domain so the API's order never shows up as drift.
  return records.sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : a.name < b.name ? -1 : 1));
}

/** The certificate's ListCertificates entry (serial number, revocation date), found by name and number. */
async function documentedDetail(
  client: NcloudCertificateManagerClient,
  entry: CertificateSummary,
): Promise<CertificateSummary | undefined> {
  if (entry.serialNumber !== undefined && entry.revokeDate !== undefined) return entry;
  return (await client.findCertificatesByName(entry.certificateName)).find(
    (c) => c.certificateNo === entry.certificateNo,
  );
}

async function issuedChain(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
): Promise<Partial<CertificateState>> {
  const { leafPublicKeyPem, ...issued } = await fetchIssuedChain(client, state.certificateNo);
  // The chain is re-read while a renewal is pending, so it may still be the certificate in service: only a new
  // serial is the reissued one, and only that swaps the pending key in (a reused key matches both).
  const isNew = !state.serialNumber || !sameSerial(issued.serialNumber, state.serialNumber);
  const matchesPending = !!state.pendingPublicKeyPem && publicKeysEqual(leafPublicKeyPem, state.pendingPublicKeyPem);
  const matchesCurrent = !!state.publicKeyPem && publicKeysEqual(leafPublicKeyPem, state.publicKeyPem);
  const renewed = !!state.pendingCsrPem && isNew && (matchesPending || (!state.pendingPublicKeyPem && matchesCurrent));
  const expectedKey = renewed ? (state.pendingPublicKeyPem ?? state.publicKeyPem) : state.publicKeyPem;
  const keyMatches = expectedKey ? publicKeysEqual(leafPublicKeyPem, expectedKey) : undefined;
  const swap: Partial<CertificateState> = renewed
    ? {
        csrPem: state.pendingCsrPem,
        privateKeyPem: state.pendingPrivateKeyPem ?? state.privateKeyPem,
        publicKeyPem: expectedKey,
        pendingCsrPem: undefined,
        pendingPrivateKeyPem: undefined,
        pendingPublicKeyPem: undefined,
      }
    : {};
  return {
    ...issued,
    publicKeyPem: state.publicKeyPem ?? leafPublicKeyPem,
    keyMatchesCertificate: keyMatches,
    ...swap,
  };
}
