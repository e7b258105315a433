/**
 * The AdvancedCertificate's state as stored by Pulumi (the dynamic provider's outputs): the checked inputs plus
 * everything observed from NCP. This shape is part of the v1 contract: stacks keep it for years, so fields are only
 * ever added.
 */

import { inputNames } from "../../schema/fields";
import type { ObservedIdentity } from "./drift";
import { ADVANCED_CERTIFICATE_FIELDS } from "./inputFields";
import type { CheckedInputs } from "./inputs";

export interface DcvRecordOutput {
  domain: string;
  recordType: string;
  name: string;
  value: string;
  status: string;
}

export interface CertificateState extends CheckedInputs {
  certificateNo: number;
  requestSn?: string;
  orderId?: string;
  statusCode: string;
  statusName: string;
  regDate?: string;
  /** When NCP revoked it (as NCP writes dates), if it did. */
  revokeDate?: string;
  /** Where the key came from: generated here, supplied as privateKeyPem, a supplied CSR, or an adopted certificate. */
  keySource: "generated" | "privateKeyPem" | "csrPem" | "adopted";
  // csrPem and privateKeyPem (inherited) are also outputs: the CSR that was ordered and the key that goes with it.
  publicKeyPem?: string;
  dcvRecords: DcvRecordOutput[];
  certificatePem?: string;
  /** Intermediate CA certificate(s): what a server sends after its own certificate. */
  chainPem?: string;
  /** certificatePem followed by chainPem (nginx `ssl_certificate`, load balancers' "certificate chain" bundle). */
  fullChainPem?: string;
  rootCertificatePem?: string;
  notBefore?: string;
  notAfter?: string;
  serialNumber?: string;
  fingerprintSha256?: string;
  /** A renewal in progress: the CSR (and, with a fresh key, the key) sent with the reissue, swapped in on issuance. */
  pendingCsrPem?: string;
  pendingPrivateKeyPem?: string;
  pendingPublicKeyPem?: string;
  /**
   * The reissue carrying the pending CSR failed in a way that leaves unknown whether NCP took it (a lost answer, a
   * 5xx). The pending key is kept so a certificate issued for it can be used, and the next update sends the same CSR
   * again; cleared as soon as NCP shows the reissue under way.
   */
  pendingReissueUnconfirmed?: boolean;
  /**
   * The order was sent but its answer was lost and no look-up could find it: certificateNo is 0, and the key and
   * CSR are kept so the next update (or refresh) takes over the order once NCP lists it, or sends the same CSR again.
   */
  orderUnconfirmed?: boolean;
  /** Whether the issued certificate carries this stack's key (false after a reissue with another key elsewhere). */
  keyMatchesCertificate?: boolean;
  /** True once the key has been registered with NCP (status NORMAL). */
  privateKeyRegistered: boolean;
  autoRenewalEnabled?: boolean;
  /** NCP's name, common name and SANs while they differ from the program's (changed in the console). */
  observed?: ObservedIdentity;
}

/** The state fields that are inputs: returned by read as `inputs` so refresh-based drift compares like with like. */
export const INPUT_FIELDS = inputNames(ADVANCED_CERTIFICATE_FIELDS);

/** NCP status codes that mean "issued and usable". */
export const ISSUED_STATUSES = new Set(["1", "2", "3"]);
/** Status codes after which an order can never be issued. */
export const FAILED_STATUSES = new Set(["-1", "-3", "-4", "-11", "-12", "-20"]);
/** Status codes a wait for issuance ends on: the failed ones, and a certificate revoked (or being revoked). */
export const WAIT_ENDING_STATUSES = new Set([...FAILED_STATUSES, "-5", "-7"]);
