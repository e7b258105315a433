/** How the emulated NCP writes its entities in responses: list entries per documented endpoint, SANs, dates, PEMs. */

import type { Json } from "./reply";
import type { CertificateRecord, NcloudWorld } from "./world";
import { STATUS_NAMES } from "./world";

/**
 * An entry of ListAdvancedCertificates (`getPaidCertificates`): exactly the fields doc §6.2 lists. Serial number,
 * validity, usage and the rest are documented for ListCertificates only (§6.3), so a client must not need them here.
 */
/** The world's modes that change how entries are written. */
export type ResponseModes = Pick<NcloudWorld, "dnsNameFormat" | "certificateNoType">;

export function paidSummary(c: CertificateRecord, modes: ResponseModes = {}): Json {
  return {
    certificateNo: writeNo(c.certificateNo, modes),
    certificateName: c.certificateName,
    memberNo: "2965001",
    commonName: c.commonName,
    dnsName: writeDnsNames(c.dnsNames, modes.dnsNameFormat),
    statusCode: c.statusCode,
    statusName: STATUS_NAMES[c.statusCode] ?? "UNKNOWN",
    certificateType: c.certificateType,
  };
}

/** An entry of ListCertificates (`certificates`): the fields doc §6.3 lists, including the 2026-09-17 additions. */
export function summary(c: CertificateRecord, modes: ResponseModes = {}): Json {
  return {
    ...paidSummary(c, modes), // §6.3 starts with the same eight fields as §6.2
    domainCode: "PUBLIC",
    orderId: c.orderId,
    updateDate: ncpDate(c.updatedAtMs),
    issueType: c.statusCode === "0" ? "ISSUING" : "ISSUED",
    issuer: c.external?.issuer ?? (c.certificatePem ? "CN=pulumi-certmanager-kr emulator Intermediate CA" : null),
    serialNumber: c.serialNumber ?? null,
    signatureAlgorithm: c.external?.signatureAlgorithm ?? (c.certificatePem ? "SHA256withECDSA" : null),
    issueDate: c.issuedAtMs !== undefined ? ncpDate(c.issuedAtMs) : null,
    notBefore: c.notBeforeMs !== undefined ? ncpDate(c.notBeforeMs) : null,
    notAfter: c.notAfterMs !== undefined ? ncpDate(c.notAfterMs) : null,
    revokeDate: c.revokedAtMs !== undefined ? ncpDate(c.revokedAtMs) : null,
    usedInstanceNoList: [...c.usedInstanceNoList],
  };
}

/** Certificates grouped into their orders, in list order: `{ orderId, certificates: [...] }`. */
export function byOrder(certificates: CertificateRecord[], entry: (c: CertificateRecord) => Json): Json[] {
  const orders = new Map<string, Json[]>();
  for (const c of certificates) {
    const list = orders.get(c.orderId) ?? [];
    list.push(entry(c));
    orders.set(c.orderId, list);
  }
  return [...orders].map(([orderId, list]) => ({ orderId, certificates: list }));
}

/** The SANs as responses write them, in the world's dnsNameFormat mode (doc §4.4 leaves the format open). */
export function writeDnsNames(sans: string[], format: NcloudWorld["dnsNameFormat"]): string | string[] {
  if (format === "array") return [...sans];
  return sans.join(format === "comma-space" ? ", " : ",");
}

/** NCP writes dates as `yyyy-MM-dd HH:mm:ss` (Korea time, as its console shows them). */
export function ncpDate(ms: number): string {
  const kst = new Date(ms + 9 * 3_600_000);
  return kst.toISOString().slice(0, 19).replace("T", " ");
}

export function crlf(pem: string): string {
  return pem.replace(/\r?\n/g, "\r\n");
}

/** A certificate number as responses write it: Integer per the docs, or String in the certificateNoType mode (§14 #10). */
export function writeNo(no: number, modes: ResponseModes): number | string {
  return modes.certificateNoType === "string" ? String(no) : no;
}
