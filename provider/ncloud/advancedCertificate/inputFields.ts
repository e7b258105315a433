/**
 * The AdvancedCertificate's fields, declared once (provider/schema/fields.ts says who reads the table). The
 * refusal of unknown fields itself is shared: dynamic/inputFields.ts.
 */
import { type CheckFailure, unknownFieldFailures as refuseUnknown } from "../../dynamic/inputFields";
import { inputSchema, type ResourceFields } from "../../schema/fields";

const PEM_OUT = "string" as const;

export const ADVANCED_CERTIFICATE_FIELDS = {
  name: "ncloud.AdvancedCertificate",
  autoName: "certificateName",
  description:
    "An NCP Certificate Manager Advanced (paid DV/OV) certificate. The key and CSR are generated locally, the order " +
    "is placed exactly once, and the resource tracks the order's status, its DNS validation records, the issued " +
    "chain and its expiry. Credentials come from the provider configuration or the environment, never from inputs.",
  importId:
    "NCP's certificate number (`certificateNo`). The imported inputs are the certificate's name, common name, SANs, " +
    "type and validation method as NCP lists them, and `adoptCertificateNo` (the number): the resource adopts the " +
    "certificate. NCP never hands out a key, so `privateKeyPem` stays empty.",
  inputs: {
    certificateName: {
      type: "string",
      replaces: true,
      description:
        "NCP certificate name: 3-20 letters, digits or `-`, starting with a letter; unique in the account. Left out, " +
        "it is made from the resource name plus a random suffix, and a replacement gets a fresh one.",
    },
    certificateType: {
      type: "string",
      replaces: true,
      default: "NCP_PAID_DV_01",
      oneOf: ["NCP_PAID_DV_01", "NCP_PAID_OV_01"],
      description: "The product: DV or OV.",
    },
    commonName: {
      type: "string",
      required: true,
      replaces: true,
      description: 'The main domain (CN), e.g. "example.com" or "*.example.com".',
    },
    dnsNames: {
      type: { array: "string" },
      replaces: true,
      description: "Further domains (SANs; the API's `dnsName`). Order does not matter.",
    },
    validationMethod: {
      type: "string",
      replaces: true,
      default: "D",
      oneOf: ["D", "PD"],
      description: "Domain validation: `D` (DNS TXT, one-time) or `PD` (persistent DNS TXT). `E` was retired.",
    },
    organizationNo: {
      type: "integer",
      replaces: true,
      description: "Verified organization number; required for OV.",
    },
    key: {
      type: { object: "AdvancedCertificateKey" },
      replaces: true,
      description: "The key to generate (default RSA 2048). Not with `csrPem`/`privateKeyPem`.",
    },
    subject: {
      type: { object: "AdvancedCertificateSubject" },
      replaces: true,
      description: "Extra subject fields for the generated CSR.",
    },
    csrPem: {
      type: "string",
      replaces: true,
      description:
        "Bring your own CSR (its CN/SANs must equal commonName/dnsNames); the private key then never reaches Pulumi.",
    },
    privateKeyPem: {
      type: "string",
      secret: true,
      replaces: true,
      description:
        "Bring your own private key (PKCS#1, PKCS#8 or SEC1 PEM); the provider builds the CSR. As an output: the key " +
        "that goes with the certificate (generated or supplied); empty for a supplied CSR or an adopted certificate.",
    },
    waitForIssuance: {
      type: { object: "AdvancedCertificateWaitForIssuance" },
      description: "Wait for issuance during create (the validation resource is the usual way to wait).",
    },
    autoRenewal: { type: "boolean", description: "NCP's auto-renewal flag; changed in place." },
    registerPrivateKey: {
      type: "boolean",
      description: "After issuance, upload the private key to NCP so its load balancers can use the certificate.",
    },
    adoptCertificateNo: {
      type: "integer",
      replaces: true,
      description: "Take over an existing Advanced certificate with this number instead of ordering one.",
    },
    deleteInUseTimeoutMinutes: {
      type: "integer",
      default: 10,
      description: "While a load balancer still uses the certificate (NCP 1004), destroy keeps retrying this long.",
    },
    revokeOnDestroy: {
      type: { object: "AdvancedCertificateRevokeOnDestroy" },
      description: "Revoke the certificate before deleting it (irreversible).",
    },
    renewBeforeDays: {
      type: "integer",
      default: 30,
      description:
        "Renew by reissuing within the order (never a new paid order) once refresh finds fewer days left than " +
        "this; 0 turns it off; must be shorter than the certificate's lifetime.",
    },
  },
  outputs: {
    certificateNo: {
      type: "integer",
      description: "NCP's certificate number (also the resource id): a load-balancer listener's `ssl_certificate_no`.",
    },
    requestSn: { type: "string", description: "NCP's request serial number of the order." },
    orderId: { type: "string", description: "NCP's order id." },
    statusCode: {
      type: "string",
      description: 'NCP status code: "0" ONGOING, "1" NORMAL, "2" NORMAL_UNREGISTERED_PRIVATE_KEY, negative = ended.',
    },
    statusName: { type: "string", description: "NCP's name for the status." },
    regDate: { type: "string", description: "When NCP registered the order, as NCP writes dates." },
    keySource: {
      type: "string",
      description: "Where the key came from: `generated`, `privateKeyPem`, `csrPem` or `adopted`.",
    },
    publicKeyPem: { type: PEM_OUT, description: "The public key of the certificate's key (PEM)." },
    dcvRecords: {
      type: { array: { object: "AdvancedCertificateDcvRecord" } },
      description: "DNS records to create for domain validation, sorted by domain.",
    },
    certificatePem: { type: PEM_OUT, description: "The issued leaf certificate (PEM), once issued." },
    chainPem: { type: PEM_OUT, description: "Intermediate CA certificate(s)." },
    fullChainPem: {
      type: PEM_OUT,
      description: "Leaf followed by intermediates: what a TLS server or load balancer serves.",
    },
    rootCertificatePem: { type: PEM_OUT, description: "The root CA certificate, when NCP gives it." },
    notBefore: { type: "string", description: "Start of validity, ISO 8601 UTC." },
    notAfter: { type: "string", description: "End of validity, ISO 8601 UTC." },
    serialNumber: { type: "string", description: "The issued certificate's serial number (upper-case hex)." },
    fingerprintSha256: { type: "string", description: "SHA-256 of the issued leaf, colon-separated hex pairs." },
    privateKeyRegistered: { type: "boolean", description: "True once the key has been registered with NCP." },
    autoRenewalEnabled: { type: "boolean", description: "NCP's auto-renewal flag as NCP shows it." },
    keyMatchesCertificate: {
      type: "boolean",
      description: "Whether the issued certificate carries this stack's key (false after a reissue elsewhere).",
    },
    pendingPrivateKeyPem: {
      type: "string",
      secret: true,
      description: "The fresh key of a renewal in progress, swapped in on issuance.",
    },
    observed: {
      type: { object: "AdvancedCertificateObserved" },
      description:
        "NCP's name, common name and SANs while they differ from this resource's (changed in the NCP console).",
    },
  },
  types: {
    AdvancedCertificateKey: {
      description: "The key the provider generates.",
      properties: {
        algorithm: { type: "string", required: true, oneOf: ["RSA", "ECDSA"], description: "`RSA` or `ECDSA`." },
        rsaBits: { type: "integer", default: 2048, oneOf: [2048, 3072, 4096], description: "RSA key size." },
        ecdsaCurve: {
          type: "string",
          default: "P256",
          oneOf: ["P256", "P384"],
          description: "ECDSA curve (P384 is signed with SHA-384).",
        },
        reuseOnRenewal: {
          type: "boolean",
          description: "Keep this key when the certificate is reissued for renewal (default: a fresh key each time).",
        },
      },
    },
    AdvancedCertificateSubject: {
      description: "Extra subject fields of the generated CSR.",
      refuseUnknown: false, // inputs.ts checks subject with its own rule
      properties: {
        organization: { type: "string", description: "O." },
        organizationalUnit: { type: "string", description: "OU." },
        locality: { type: "string", description: "L." },
        state: { type: "string", description: "ST." },
        country: { type: "string", description: 'Two-letter country code, e.g. "KR".' },
        emailAddress: { type: "string", description: "E-mail address." },
      },
    },
    AdvancedCertificateWaitForIssuance: {
      description: "How long create waits for issuance.",
      properties: {
        timeoutMinutes: { type: "integer", required: true, description: "Minutes to wait." },
        pollIntervalSeconds: { type: "integer", default: 15, description: "How often to ask NCP, in seconds." },
      },
    },
    AdvancedCertificateRevokeOnDestroy: {
      description: "Revocation before delete.",
      properties: {
        reason: {
          type: "string",
          required: true,
          oneOf: ["superseded", "cessationOfOperation", "affiliationChanged", "unspecified"],
          description: "The revocation reason (key compromise needs an NCP support ticket instead).",
        },
      },
    },
    AdvancedCertificateDcvRecord: {
      description: "One DNS validation record.",
      properties: {
        domain: { type: "string", description: "The domain it validates." },
        recordType: { type: "string", description: "The record type (TXT)." },
        name: { type: "string", description: "The record's full name." },
        value: { type: "string", description: "The record's value." },
        status: { type: "string", description: "NCP's validation status of the domain." },
      },
    },
    AdvancedCertificateObserved: {
      description: "What NCP shows where it differs from the program.",
      properties: {
        certificateName: { type: "string", description: "NCP's name." },
        commonName: { type: "string", description: "NCP's common name." },
        dnsNames: { type: { array: "string" }, description: "NCP's SANs." },
      },
    },
  },
} as const satisfies ResourceFields;

export const ADVANCED_CERTIFICATE_INPUTS = inputSchema(ADVANCED_CERTIFICATE_FIELDS);

export function unknownFieldFailures(news: Record<string, unknown>): CheckFailure[] {
  return refuseUnknown(news, ADVANCED_CERTIFICATE_INPUTS);
}
