/**
 * pulumi-certmanager-kr: Certificate Manager support for NAVER Cloud Platform and NHN Cloud in Pulumi.
 */
export * as crypto from "./crypto";
export {
  type CertificateExpiry,
  type CertificateExpiryInput,
  checkExpiry,
  type ExpiryGuardOptions,
  type ExpiryVerdict,
  expiryGuard,
} from "./expiry";
export * as ncloud from "./ncloud";
export * as nhncloud from "./nhncloud";
export {
  ApiError,
  type ApiErrorInit,
  type ApiErrorKind,
  type ApiName,
  CertManagerError,
  TransportError,
} from "./shared/errors";
export type { HttpDeadlines } from "./shared/http";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./shared/retry";
