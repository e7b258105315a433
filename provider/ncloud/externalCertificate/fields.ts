/** The ExternalCertificate's fields, declared once (provider/schema/fields.ts says who reads the table). */
import type { ResourceFields } from "../../schema/fields";

export const EXTERNAL_CERTIFICATE_FIELDS = {
  name: "ncloud.ExternalCertificate",
  autoName: "certificateName",
  description:
    "A certificate issued elsewhere (Let's Encrypt through ACME, NHN Cloud Certificate Manager, your own CA) " +
    "registered in NCP Certificate Manager, so NCP load balancers, Global Edge and CDN+ can use it by number. A " +
    "renewal replaces the files in place and keeps `certificateNo`.",
  inputs: {
    certificateName: {
      type: "string",
      replaces: true,
      description:
        "NCP certificate name: 3-20 letters, digits or `-`, starting with a letter; unique in the account. Left out, " +
        "it is made from the resource name plus a random suffix. A new name replaces the certificate (new number).",
    },
    certificatePem: {
      type: "string",
      description: "The leaf certificate (PEM). A new one is a renewal, in place: the number stays.",
    },
    chainPem: {
      type: "string",
      description: "The intermediate CA certificate(s) (PEM), starting with the leaf's issuer. NCP requires them.",
    },
    privateKeyPem: {
      type: "string",
      secret: true,
      description: "The leaf's private key (PEM, unencrypted; RSA 2048-4096 or ECDSA P-256/P-384).",
    },
    pemBundle: {
      type: "string",
      secret: true,
      description:
        "Instead of the three above: one PEM file with the certificate, its chain and its key in any order (leaf " +
        "found by the key, chain by issuer links, a self-signed root left out).",
    },
    deleteInUseTimeoutMinutes: {
      type: "integer",
      default: 10,
      description: "While a load balancer still uses the certificate (NCP 1004), destroy keeps retrying this long.",
    },
  },
  outputs: {
    certificateNo: {
      type: "integer",
      description:
        "NCP's certificate number (also the resource id): a listener's `ssl_certificate_no`. Kept across renewals.",
    },
    statusCode: { type: "string", description: 'NCP\'s status: "1" NORMAL (NCP holds the key), "-2" EXPIRE, ...' },
    statusName: { type: "string", description: "NCP's name for the status." },
    notBefore: { type: "string", description: "Start of validity of the uploaded certificate, ISO 8601 UTC." },
    notAfter: { type: "string", description: "End of validity of the uploaded certificate, ISO 8601 UTC." },
    serialNumber: { type: "string", description: "Serial number, upper-case hex." },
    fingerprintSha256: { type: "string", description: "SHA-256 of the leaf, colon-separated hex pairs." },
    domains: { type: { array: "string" }, description: "The common name first, then the SANs." },
    issuer: { type: "string", description: "The leaf's issuer." },
    observed: {
      type: { object: "ExternalCertificateObserved" },
      description:
        "What NCP shows where it differs from this resource (changed in the console); the next `up` uploads the " +
        "program's again.",
    },
  },
  types: {
    ExternalCertificateObserved: {
      description: "What NCP shows where it differs from the program.",
      properties: {
        certificateName: { type: "string", description: "NCP's name." },
        fingerprintSha256: { type: "string", description: "The fingerprint of the certificate NCP holds." },
        serialNumber: { type: "string", description: "Its serial number." },
        notAfter: { type: "string", description: "Its end of validity." },
      },
    },
  },
} as const satisfies ResourceFields;
