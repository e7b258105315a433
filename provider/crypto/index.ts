// Public surface of the crypto helpers; asn1.ts stays internal.
export {
  type BuildCsrOptions,
  buildCsr,
  compareCsrWithNames,
  type ParsedCsr,
  parseCsr,
  type SubjectFields,
  sanNames,
  uniqueNames,
  validateDnsName,
} from "./csr";
export type { CsrPolicyFacts } from "./csrPolicy";
export { CryptoInputError } from "./errors";
export {
  DEFAULT_KEY_SPEC,
  generateKeyPair,
  type KeyMaterial,
  type KeySpec,
  keySpecOf,
  loadPrivateKey,
  publicKeysEqual,
  validateKeySpec,
} from "./keys";
export {
  type CertificateAuthority,
  createCertificateAuthority,
  deserializeCertificateAuthority,
  deserializeIssuer,
  type IssueCertificateOptions,
  type IssuerMaterial,
  issueCertificate,
  type ParsedCertificate,
  parseCertificate,
  parseCertificateChain,
  type SerializedIssuer,
  serializeCertificateAuthority,
  serializeIssuer,
} from "./x509";
