/**
 * Uploading so that exactly one registration exists afterwards. An upload is not idempotent (a second one of the
 * same files is refused as a duplicate, or lands under a second name), so it is never resent blindly: NCP's readable
 * refusal is the answer (sent once), and after a send whose answer is missing or unreadable NCP is looked at first (by name for a new certificate, by number for a renewal),
 * as for Advanced orders (../ambiguousSend.ts).
 */
import { parseCertificate } from "../../crypto/x509";
import { ApiError } from "../../shared/errors";
import { sameSerial } from "../advancedCertificate/drift";
import { sendWriteOnce } from "../ambiguousSend";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary, ExternalCertificateUpload } from "../api/certificateManagerTypes";

const MAX_SENDS = 3;

/** An upload that may have reached NCP, with no look-up able to say whether it did. */
export class RegistrationUnconfirmed extends Error {
  constructor(name: string, why: string) {
    super(`the upload of "${name}" may have reached NCP, but ${why}`);
    this.name = "RegistrationUnconfirmed";
  }
}

/** The certificate NCP holds under a number: fingerprint from the exported PEM, else the serial NCP lists. */
export interface HeldCertificate {
  fingerprintSha256?: string;
  serialNumber?: string;
  notAfter?: string;
}

export async function heldCertificate(
  client: NcloudCertificateManagerClient,
  entry: CertificateSummary,
): Promise<HeldCertificate> {
  try {
    const leaf = parseCertificate((await client.exportCertificateChain(entry.certificateNo)).certificate);
    return { fingerprintSha256: leaf.fingerprintSha256, serialNumber: leaf.serialNumber, notAfter: leaf.notAfter };
  } catch (err) {
    // Whether NCP exports an uploaded certificate's PEM is not documented: fall back to the serial it lists.
    if (!(err instanceof ApiError && err.kind === "api")) throw err;
    return { serialNumber: entry.serialNumber, notAfter: entry.notAfter };
  }
}

/** Whether NCP holds this leaf: by fingerprint, or by serial when NCP gives no PEM. */
export function holds(held: HeldCertificate, leaf: { fingerprintSha256: string; serialNumber: string }): boolean {
  if (held.fingerprintSha256) return held.fingerprintSha256 === leaf.fingerprintSha256;
  return held.serialNumber !== undefined && sameSerial(held.serialNumber, leaf.serialNumber);
}

/** The live certificate of exactly this name, of any kind. */
export async function findLiveByName(
  client: NcloudCertificateManagerClient,
  name: string,
): Promise<CertificateSummary | undefined> {
  return (await client.findCertificatesByName(name)).find((c) => c.statusCode !== "-6");
}

/** The certificate with this number: by its name first (cheap), else through every page of the list. */
export async function findByNumber(
  client: NcloudCertificateManagerClient,
  name: string,
  no: number,
): Promise<CertificateSummary | undefined> {
  const byName = (await client.findCertificatesByName(name)).find((c) => c.certificateNo === no);
  return byName ?? client.findInAllPages("certificates", no);
}

/** Sends the upload so that it is done at most once (see ../ambiguousSend.ts). */
async function sendOnce<T>(
  name: string,
  send: () => Promise<T | undefined>,
  landed: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const outcome = await sendWriteOnce({
    send,
    landed,
    unconfirmed: (why) => new RegistrationUnconfirmed(name, why),
    maxSends: MAX_SENDS,
  });
  return "found" in outcome ? outcome.found : outcome.sent;
}

/** Registers a new certificate exactly once; returns NCP's entry for it. */
export async function registerOnce(
  client: NcloudCertificateManagerClient,
  upload: ExternalCertificateUpload,
): Promise<CertificateSummary> {
  const leaf = parseCertificate(upload.certificateBody);
  const landed = async () => {
    const found = await findLiveByName(client, upload.certificateName);
    return found && holds(await heldCertificate(client, found), leaf) ? found : undefined;
  };
  const entry = await sendOnce(upload.certificateName, () => client.registerExternalCertificate(upload), landed);
  const listed = entry ?? (await findLiveByName(client, upload.certificateName));
  if (!listed)
    throw new Error(`NCP accepted "${upload.certificateName}" but returned no certificate number and lists none`);
  return listed;
}

/** Replaces the files of certificate `no` in place (a renewal): done once NCP holds the new leaf. */
export async function replaceOnce(
  client: NcloudCertificateManagerClient,
  no: number,
  upload: ExternalCertificateUpload,
): Promise<void> {
  const leaf = parseCertificate(upload.certificateBody);
  const landed = async () => {
    const entry = await findByNumber(client, upload.certificateName, no);
    return entry && holds(await heldCertificate(client, entry), leaf) ? entry : undefined;
  };
  await sendOnce(
    upload.certificateName,
    () => client.registerExternalCertificate({ ...upload, certificateNo: no }),
    landed,
  );
}
