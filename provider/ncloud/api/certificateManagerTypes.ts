/**
 * Normalised shapes of NCP Certificate Manager 2.0 responses.
 *
 * The API is loose about types (numbers as strings, `dnsName` an array in requests but a string in responses, new
 * fields added in 2026-09), so the client converts every response into these shapes once, keeping the raw item for
 * fields we do not model yet.
 */

export type CertificateType = "NCP_PAID_DV_01" | "NCP_PAID_OV_01";
export type ValidationMethod = "D" | "E" | "PD";
export type RevokeType = "affiliationChanged" | "superseded" | "cessationOfOperation" | "unspecified";

/** Body of `requestPaidCertificateIssuance`. Optional 2026-09 fields are sent only when set. */
export interface PaidCertificateOrder {
  csr: string;
  certificateType: CertificateType;
  certificateName: string;
  commonName: string;
  dnsName?: string[];
  validationMethod: ValidationMethod;
  organizationNo?: number;
  keyAlgorithm?: string;
  subscriptionPeriod?: number;
  requestToken?: string;
}

/** What the order call returned (`paidCertificate`). Fields beyond the number are unconfirmed by NCP's docs. */
export interface PaidCertificateOrderResult {
  certificateNo?: number;
  requestSn?: string;
  certificateName?: string;
  statusCode?: string;
  statusName?: string;
  regDate?: string;
  raw: Record<string, unknown>;
}

/** One certificate from `getPaidCertificates` (with its order id) or `certificates`. */
export interface CertificateSummary {
  certificateNo: number;
  certificateName: string;
  commonName?: string;
  /** SANs, parsed from the response's comma-separated string (or array). */
  dnsNames: string[];
  statusCode: string;
  statusName?: string;
  certificateType?: string;
  orderId?: string;
  memberNo?: string;
  regDate?: string;
  updateDate?: string;
  issueDate?: string;
  notBefore?: string;
  notAfter?: string;
  revokeDate?: string;
  serialNumber?: string;
  issuer?: string;
  signatureAlgorithm?: string;
  usedInstanceNoList: string[];
  raw: Record<string, unknown>;
}

export interface CertificatePage {
  totalCount: number;
  certificates: CertificateSummary[];
  /** Entries of the list on this page: orders for the Advanced list, certificates for ListCertificates. */
  items: number;
}

/** One domain-control-validation record from `getVerificationInfo`. */
export interface DcvRecord {
  validSn?: number;
  requestSn?: string;
  /** `VALID_STATUS_REG` (waiting), `VALID_STATUS_SUCCESS`, `VALID_STATUS_TIMEOUT`, or whatever NCP sends. */
  validStatusCode: string;
  /** DNS record type to create; Advanced validation uses TXT (older docs said CNAME, so we read it when given). */
  recordType: string;
  name: string;
  value: string;
  raw: Record<string, unknown>;
}

export interface CertificateChain {
  subjectCommonName?: string;
  certificate: string;
  subCaCertificate?: string;
  rootCaCertificate?: string;
}

export interface Organization {
  organizationNo: number;
  memberNo?: string;
  organizationNameKor?: string;
  organizationNameEng?: string;
  businessRegistrationNo?: string;
  verificationType?: string;
  /** `7` = verified; OV orders need a verified organization. */
  verificationProgressCode?: number;
  raw: Record<string, unknown>;
}

export interface OrganizationFilter {
  organizationNameKor?: string;
  organizationNameEng?: string;
  businessRegistrationNo?: string;
  verificationProgressCode?: number;
}

export interface ReissueRequest {
  csr: string;
  certificateName: string;
  commonName: string;
  dnsName?: string[];
  validationMethod: ValidationMethod;
}

/** Body of `withExternal`. PEM text; the key unencrypted. */
export interface ExternalCertificateUpload {
  certificateName: string;
  /** Replace this certificate's files in place (the number is kept). */
  certificateNo?: number;
  privateKey: string;
  /** The leaf. */
  certificateBody: string;
  /** The intermediates (NCP requires them). */
  certificateChain: string;
}
