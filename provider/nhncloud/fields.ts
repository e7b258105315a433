/**
 * The data sources' arguments and results, declared once (provider/schema/fields.ts says who reads the table): the
 * native plugin refuses unknown arguments with them and describes the functions in its schema.
 */
import type { FunctionFields } from "../schema/fields";

const APPKEY = {
  type: "string",
  secret: true,
  description:
    "Certificate Manager appkey; default: the provider's `nhncloudAppKey`, else env `NHNCLOUD_CERTIFICATE_MANAGER_APPKEY`.",
} as const;

export const GET_CERTIFICATES_FIELDS = {
  name: "nhncloud.getCertificates",
  description: "The NHN Cloud Certificate Manager inventory as data. Nothing goes to state.",
  inputs: {
    appKey: APPKEY,
    status: {
      type: "string",
      default: "UNEXPIRED",
      oneOf: ["ALL", "EXPIRED", "UNEXPIRED"],
      description: "Which certificates to list.",
    },
    pageNum: { type: "integer", description: "Read only this page (1-based). Without it, every page is read." },
    pageSize: {
      type: "integer",
      description: "Page size sent to the API (default 100 when reading every page, else the API's 10).",
    },
    all: { type: "boolean", description: "Passed through to the API's `all` flag." },
    domain: {
      type: "string",
      description: "Keep only certificates whose domains cover this name (`*.example.com` covers `www.example.com`).",
    },
    concurrency: { type: "integer", default: 16, description: "Pages read at once when reading every page." },
  },
  outputs: {
    totalCount: {
      type: "integer",
      required: true,
      description:
        "How many certificates the result stands for: the API's count without `domain`, the number of matches with it.",
    },
    unfilteredTotalCount: {
      type: "integer",
      required: true,
      description: "The API's own `totalCount`, before the `domain` filter.",
    },
    certificates: {
      type: { array: { object: "CertificateListEntry" } },
      required: true,
      description: "The certificates.",
    },
    warnings: {
      type: { array: "string" },
      description: "Set when the inventory kept changing while it was read, or the appkey lists nothing.",
    },
  },
  types: {
    CertificateListEntry: {
      description: "One certificate of the NHN Cloud inventory.",
      properties: {
        certificateName: { type: "string", required: true, description: "The certificate's name." },
        certificateId: { type: "integer", description: "Its numeric id (v1.3 list)." },
        authority: { type: "string", description: "The issuing authority." },
        domains: { type: { array: "string" }, required: true, description: "Its domains." },
        signatureAlgorithm: { type: "string", description: "Its signature algorithm." },
        fileCreationDate: { type: "string", description: "When the file was created." },
        expirationDate: { type: "string", description: "When it expires." },
        daysUntilExpiry: {
          type: "integer",
          description: "Whole days from today (Korea time) to expirationDate; negative once expired.",
        },
      },
    },
  },
} as const satisfies FunctionFields;

export const GET_CERTIFICATE_FILE_FIELDS = {
  name: "nhncloud.getCertificateFile",
  description:
    "A certificate's file from NHN Cloud Certificate Manager, split into leaf, chain and key so it can feed a load " +
    "balancer. `pem` and `privateKeyPem` are secrets.",
  inputs: {
    appKey: APPKEY,
    certificateName: {
      type: "string",
      description: "The certificate's name in NHN Cloud (may contain `*`, `.` or Korean letters).",
    },
    certificateId: { type: "integer", description: "Or its numeric id from the v1.3 list (needs a User Access Key)." },
    allowEncryptedKey: {
      type: "boolean",
      description: "Return a passphrase-encrypted key untouched (flagged) instead of failing.",
    },
  },
  outputs: {
    fileName: { type: "string", description: "File name from the download's Content-Disposition." },
    pem: { type: "string", required: true, secret: true, description: "The whole file as downloaded." },
    certificatePem: { type: "string", required: true, description: "The leaf certificate." },
    chainPem: { type: "string", required: true, description: "Intermediates, from the leaf's issuer upward." },
    fullChainPem: { type: "string", required: true, description: "Leaf + intermediates." },
    rootCertificatePem: { type: "string", description: "The root, when the file holds it." },
    privateKeyPem: { type: "string", secret: true, description: "The private key as stored." },
    privateKeyType: { type: "string", description: "The key's PEM form." },
    privateKeyEncrypted: { type: "boolean", required: true, description: "Whether the key is passphrase-encrypted." },
    subject: { type: "string", required: true, description: "The leaf's subject." },
    issuer: { type: "string", required: true, description: "The leaf's issuer." },
    domains: { type: { array: "string" }, required: true, description: "The leaf's domains." },
    notBefore: { type: "string", required: true, description: "Start of validity, ISO 8601 UTC." },
    notAfter: { type: "string", required: true, description: "End of validity, ISO 8601 UTC." },
    serialNumber: { type: "string", required: true, description: "Serial number, upper-case hex." },
    fingerprintSha256: { type: "string", required: true, description: "SHA-256 of the leaf." },
  },
} as const satisfies FunctionFields;
