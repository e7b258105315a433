import type { NhnAddCertificateInput } from "../control";
import type { WorldState } from "../store";
import { CERTIFICATE_NAME_RULE, defaultFileName, recordFromFile } from "./fileShapes";
import { endOfKstDay, type NhnCertificateRecord, nhnWorld, startOfKstDay } from "./world";

/** Validates a control upload; returns an error message or the cleaned input. */
export function checkAddCertificate(body: Record<string, unknown>): string | NhnAddCertificateInput {
  const name = body.certificateName;
  if (typeof name !== "string" || !CERTIFICATE_NAME_RULE.test(name)) {
    return "certificateName must use only Latin or Korean letters, digits, '-', '_', '.', '*'";
  }
  if (body.content !== undefined && typeof body.content !== "string") return "content must be a string";
  if (body.contentBase64 !== undefined && typeof body.contentBase64 !== "string") {
    return "contentBase64 must be a string";
  }
  if (body.content !== undefined && body.contentBase64 !== undefined) return "give content or contentBase64, not both";
  if (body.fileCount !== undefined && ![0, 1, 2].includes(body.fileCount as number))
    return "fileCount must be 0, 1 or 2";
  if (body.domains !== undefined && (!Array.isArray(body.domains) || body.domains.some((d) => typeof d !== "string"))) {
    return "domains must be a list of strings";
  }
  for (const field of ["fileCreationDate", "expirationDate"]) {
    const v = body[field];
    if (v !== undefined && v !== null && (typeof v !== "string" || endOfKstDay(v) === undefined)) {
      return `${field} must be YYYY-MM-DD`;
    }
  }
  for (const field of ["appKey", "fileName", "authority", "signatureAlgorithm", "passphrase"]) {
    const v = body[field];
    if (v !== undefined && v !== null && typeof v !== "string") return `${field} must be a string`;
  }
  return body as unknown as NhnAddCertificateInput;
}

/** Adds a certificate, or replaces the file and metadata of the one with that name (keeping its id). */
export function upsertCertificate(
  world: WorldState,
  appKey: string,
  input: NhnAddCertificateInput,
  now: number,
): NhnCertificateRecord {
  const slice = nhnWorld(world);
  const certificates = slice.appKeys[appKey].certificates;
  const existing = certificates.findIndex((c) => c.certificateName === input.certificateName);
  const id = existing >= 0 ? certificates[existing].certificateId : slice.nextCertificateId++;
  const content =
    input.contentBase64 !== undefined
      ? Buffer.from(input.contentBase64, "base64")
      : input.content !== undefined
        ? Buffer.from(input.content, "utf8")
        : undefined;
  const fileName = input.fileName ?? defaultFileName(input.certificateName);
  const record: NhnCertificateRecord = content
    ? recordFromFile(id, input.certificateName, fileName, content, now)
    : {
        certificateId: id,
        certificateName: input.certificateName,
        authority: null,
        domains: [],
        signatureAlgorithm: null,
        fileCreationDate: null,
        expirationDate: null,
        fileCount: 0,
        registeredAtMs: now,
      };
  if (input.fileCount !== undefined) record.fileCount = input.fileCount;
  if (input.domains !== undefined) record.domains = [...input.domains];
  if (input.authority !== undefined) record.authority = input.authority;
  if (input.signatureAlgorithm !== undefined) record.signatureAlgorithm = input.signatureAlgorithm;
  if (input.passphrase !== undefined) record.passphrase = input.passphrase;
  // Explicit dates win over the file's; the EXPIRED filter then uses the end of that KST day.
  if (input.fileCreationDate !== undefined) {
    record.fileCreationDate = input.fileCreationDate;
    record.notBeforeMs = input.fileCreationDate === null ? undefined : startOfKstDay(input.fileCreationDate);
  }
  if (input.expirationDate !== undefined) {
    record.expirationDate = input.expirationDate;
    record.notAfterMs = input.expirationDate === null ? undefined : endOfKstDay(input.expirationDate);
  }
  if (existing >= 0) certificates[existing] = record;
  else certificates.push(record);
  return record;
}
