/**
 * pulumi-certmanager-kr: Certificate Manager support for NAVER Cloud Platform and NHN Cloud in Pulumi.
 */
export * as crypto from "./crypto";
export * as ncloud from "./ncloud";
export * as nhncloud from "./nhncloud";
export { ApiError, CertManagerError, TransportError } from "./shared/errors";
