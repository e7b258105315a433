/** NAVER Cloud Platform: the Certificate Manager client (the AdvancedCertificate resource builds on it). */
export {
  DEFAULT_NCLOUD_ENDPOINT,
  NcloudCertificateManagerClient,
  type NcloudClientOptions,
  type NcloudCredentials,
} from "./client";
export { signV2, stringToSign } from "./signature";
export type * from "./types";
