/** NHN Cloud Certificate Manager: data sources over the certificate inventory and files, and the client beneath. */

export {
  BundleError,
  type BundleErrorReason,
  type CertificateBundle,
  type PrivateKeyType,
  type SplitCertificateBundleOptions,
  splitCertificateBundle,
} from "../crypto/pemBundle";
export {
  type CertificateStatusFilter,
  clearNhnTokenCache,
  DEFAULT_NHN_ENDPOINT,
  type NhnCertificateEntry,
  type NhnCertificateFile,
  NhnCertificateManagerClient,
  type NhnCertificatePage,
  type NhnClientOptions,
  type NhnUserAccessKey,
} from "./client";
export {
  type GetCertificateFileArgs,
  type GetCertificateFileOutputArgs,
  type GetCertificateFileResult,
  getCertificateFile,
  getCertificateFileOutput,
} from "./getCertificateFile";
export {
  type CertificateListEntry,
  type GetCertificatesArgs,
  type GetCertificatesOutputArgs,
  type GetCertificatesResult,
  getCertificates,
  getCertificatesOutput,
} from "./getCertificates";
export type { Inventory, InventoryQuery } from "./inventory";
export { NHN_CONFIG_KEYS, NHN_ENV_VARS } from "./settings";
