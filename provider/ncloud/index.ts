/** NAVER Cloud Platform Certificate Manager: the AdvancedCertificate, its validation, ExternalCertificate, and the API client beneath them. */
export {
  AdvancedCertificate,
  type AdvancedCertificateArgs,
  type AdvancedCertificateDcvRecord,
  type AdvancedCertificateKeyArgs,
  type AdvancedCertificateSubjectArgs,
} from "./advancedCertificate/resource";
export {
  DEFAULT_NCLOUD_ENDPOINT,
  NcloudCertificateManagerClient,
  type NcloudClientOptions,
  type NcloudCredentials,
} from "./api/certificateManager";
export type * from "./api/certificateManagerTypes";
export { NCLOUD_CONFIG_KEYS, NCLOUD_ENV_VARS } from "./api/settings";
export { type SignatureInput, signV2, stringToSign } from "./api/signature";
export {
  AdvancedCertificateValidation,
  type AdvancedCertificateValidationArgs,
} from "./certificateValidation/resource";
export { ExternalCertificate, type ExternalCertificateArgs } from "./externalCertificate/resource";
