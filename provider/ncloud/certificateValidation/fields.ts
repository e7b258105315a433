/** The AdvancedCertificateValidation's fields, declared once (provider/schema/fields.ts says who reads the table). */
import type { ResourceFields } from "../../schema/fields";

const PEM = "string" as const;

export const VALIDATION_FIELDS = {
  name: "ncloud.AdvancedCertificateValidation",
  description:
    "The wait for an Advanced certificate's issuance, as its own resource (AWS ACM's `CertificateValidation` is the " +
    "model). Create it after the DNS validation records; consumers that take its PEMs or certificate number then " +
    "wait for issuance. It owns nothing in NCP: deleting it deletes nothing.",
  inputs: {
    certificateNo: {
      type: "integer",
      required: true,
      replaces: true,
      description: "The certificate to wait for: the `certificateNo` output of an `AdvancedCertificate`.",
    },
    validationRecordFqdns: {
      type: { array: "string" },
      description:
        "The FQDNs of the DNS validation records (e.g. the `fqdn` outputs of `GlobalDnsRecord`): the dependency on " +
        "the records made explicit; create fails at once, naming the domain, when a record is missing.",
    },
    timeoutMinutes: {
      type: "integer",
      default: 60,
      description: "How long create waits for issuance, in minutes (at most 1440).",
    },
    pollIntervalSeconds: { type: "integer", default: 15, description: "How often to ask NCP, in seconds." },
    privateKeyPem: {
      type: "string",
      secret: true,
      description:
        "Register this key with NCP as soon as the certificate is issued (NCP load balancers take a certificate " +
        "only with its key): pass the certificate's `privateKeyPem`.",
    },
  },
  outputs: {
    certificateName: { type: "string", description: "NCP's name of the certificate." },
    orderId: { type: "string", description: "NCP's order id." },
    domains: { type: { array: "string" }, description: "The common name first, then the SANs." },
    statusCode: { type: "string", description: "NCP status code." },
    statusName: { type: "string", description: "NCP's name for the status." },
    certificatePem: { type: PEM, description: "The issued leaf certificate (PEM). Moves to the new one on renewal." },
    chainPem: { type: PEM, description: "Intermediate CA certificate(s)." },
    fullChainPem: { type: PEM, description: "Leaf followed by intermediates: what a TLS server serves." },
    rootCertificatePem: { type: PEM, description: "The root CA certificate, when NCP gives it." },
    notBefore: { type: "string", description: "Start of validity, ISO 8601 UTC." },
    notAfter: { type: "string", description: "End of validity, ISO 8601 UTC." },
    serialNumber: { type: "string", description: "Serial number, upper-case hex." },
    fingerprintSha256: { type: "string", description: "SHA-256 of the leaf, colon-separated hex pairs." },
    privateKeyRegistered: { type: "boolean", description: "True once NCP holds the key (status NORMAL)." },
  },
} as const satisfies ResourceFields;
