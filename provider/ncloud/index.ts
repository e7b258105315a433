/** NAVER Cloud Platform: the certificate resources (Advanced, its validation, external), Global DNS records, and the API clients beneath them. */

export { dcvRecordFor } from "./advancedCertificate/dcvRecordFor";
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
export {
  DEFAULT_GLOBAL_DNS_ENDPOINT,
  type GlobalDnsClientOptions,
  GOV_GLOBAL_DNS_ENDPOINT,
  NcloudGlobalDnsClient,
} from "./api/globalDns";
export type * from "./api/globalDnsTypes";
export { NCLOUD_CONFIG_KEYS, NCLOUD_ENV_VARS } from "./api/settings";
export { type SignatureInput, signV2, stringToSign } from "./api/signature";
export {
  AdvancedCertificateValidation,
  type AdvancedCertificateValidationArgs,
} from "./certificateValidation/resource";
export { ExternalCertificate, type ExternalCertificateArgs } from "./externalCertificate/resource";
export { GlobalDnsRecord, type GlobalDnsRecordArgs } from "./globalDnsRecord/resource";
export {
  type GlobalDnsValidationRecords,
  type GlobalDnsValidationRecordsArgs,
  globalDnsValidationRecords,
} from "./globalDnsRecord/validationRecords";
