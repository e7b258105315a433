/**
 * `ncloud.AdvancedCertificate`: an NCP Certificate Manager **Advanced** (paid DV/OV) certificate as a Pulumi
 * resource. The key and CSR are generated locally, the order is placed exactly once, and the resource tracks the
 * order's status, its DNS validation records, the issued chain and its expiry.
 *
 * Credentials come from stack config (`ncloud:accessKey`, `ncloud:secretKey`, optional
 * `ncloud:certificateManagerEndpoint`) or the environment (`NCLOUD_ACCESS_KEY`, `NCLOUD_SECRET_KEY`,
 * `NCLOUD_CERTIFICATE_MANAGER_ENDPOINT`) — never from resource inputs.
 */

import * as pulumi from "@pulumi/pulumi";
import { autoNamePrefix } from "../../dynamic/autoName";
import { serializedForwarder } from "../../dynamic/forwarder";
import { QuietlyRegisteredResource } from "../../dynamic/registrationStacks";
import { secretNames } from "../../schema/fields";
import { ADVANCED_CERTIFICATE_FIELDS } from "./inputFields";
import { heldUntilVetoed } from "./registrationVeto";

export interface AdvancedCertificateKeyArgs {
  /** `"RSA"` (default) or `"ECDSA"`. */
  algorithm: pulumi.Input<"RSA" | "ECDSA">;
  /** RSA key size: 2048 (default), 3072 or 4096. */
  rsaBits?: pulumi.Input<2048 | 3072 | 4096>;
  /** ECDSA curve: `"P256"` (default) or `"P384"` (signed with SHA-384). */
  ecdsaCurve?: pulumi.Input<"P256" | "P384">;
  /** Keep this key when the certificate is reissued for renewal (default: a fresh key each time). */
  reuseOnRenewal?: pulumi.Input<boolean>;
}

export interface AdvancedCertificateSubjectArgs {
  organization?: pulumi.Input<string>;
  organizationalUnit?: pulumi.Input<string>;
  locality?: pulumi.Input<string>;
  state?: pulumi.Input<string>;
  /** Two-letter country code, e.g. `"KR"`. */
  country?: pulumi.Input<string>;
  emailAddress?: pulumi.Input<string>;
}

export interface AdvancedCertificateArgs {
  /**
   * NCP certificate name: 3-20 letters, digits or `-`, starting with a letter; unique in the account. Left out, it
   * is made from the resource name plus a random suffix (e.g. `site-k3x9q2`), and a replacement gets a fresh one.
   */
  certificateName?: pulumi.Input<string>;
  /** `"NCP_PAID_DV_01"` (default) or `"NCP_PAID_OV_01"`. */
  certificateType?: pulumi.Input<"NCP_PAID_DV_01" | "NCP_PAID_OV_01">;
  /** The main domain (CN), e.g. `"example.com"` or `"*.example.com"`. */
  commonName: pulumi.Input<string>;
  /** Further domains (SANs; the API's `dnsName`). Order does not matter. */
  dnsNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Domain validation: `"D"` (DNS TXT, one-time; default) or `"PD"` (persistent DNS TXT). `"E"` was retired. */
  validationMethod?: pulumi.Input<"D" | "E" | "PD">;
  /** Verified organization number; required for OV. */
  organizationNo?: pulumi.Input<number>;
  /** The key to generate (default RSA 2048). Not with `csrPem`/`privateKeyPem`. */
  key?: pulumi.Input<AdvancedCertificateKeyArgs>;
  /** Extra subject fields for the generated CSR. */
  subject?: pulumi.Input<AdvancedCertificateSubjectArgs>;
  /** Bring your own CSR (its CN/SANs must equal commonName/dnsNames); the private key then never reaches Pulumi. */
  csrPem?: pulumi.Input<string>;
  /** Bring your own private key (PKCS#1, PKCS#8 or SEC1 PEM); the provider builds the CSR. Stored as a secret. */
  privateKeyPem?: pulumi.Input<string>;
  /** Wait for issuance during `pulumi up` (Pulumi's customTimeouts do not reach dynamic providers). */
  waitForIssuance?: pulumi.Input<{ timeoutMinutes: pulumi.Input<number>; pollIntervalSeconds?: pulumi.Input<number> }>;
  /** NCP's auto-renewal flag; changed in place. */
  autoRenewal?: pulumi.Input<boolean>;
  /** After issuance, upload the private key to NCP so its load balancers can use the certificate. */
  registerPrivateKey?: pulumi.Input<boolean>;
  /**
   * Renew by reissuing within the order (never a new paid order) once refresh finds fewer days left than this.
   * Default 30; 0 turns it off; must be shorter than the certificate's lifetime.
   */
  renewBeforeDays?: pulumi.Input<number>;
  /** While a load balancer still uses the certificate (NCP 1004), destroy keeps retrying this long. Default 10. */
  deleteInUseTimeoutMinutes?: pulumi.Input<number>;
  /** Revoke the certificate before deleting it (irreversible). Key compromise needs an NCP support ticket instead. */
  revokeOnDestroy?: pulumi.Input<{
    reason: pulumi.Input<"superseded" | "cessationOfOperation" | "affiliationChanged" | "unspecified">;
  }>;
  /** Take over an existing Advanced certificate with this number instead of ordering one (Pulumi import does not work for dynamic resources). */
  adoptCertificateNo?: pulumi.Input<number>;
}

export interface AdvancedCertificateDcvRecord {
  domain: string;
  recordType: string;
  name: string;
  value: string;
  status: string;
}

/** Outputs that never come from inputs, all listed here so they start out unknown/undefined. */
const OUTPUT_NAMES = Object.keys(ADVANCED_CERTIFICATE_FIELDS.outputs);

// Computed once: one provider object for every resource, so Pulumi serializes it once (it caches by object).
let provider: pulumi.dynamic.ResourceProvider | undefined;

/** Generated key material: always stored encrypted in state. */
const SECRET_OUTPUTS = secretNames(ADVANCED_CERTIFICATE_FIELDS);

export class AdvancedCertificate extends QuietlyRegisteredResource {
  /** NCP's certificate number (also the resource id); hand it to a load-balancer listener's `ssl_certificate_no`. */
  declare readonly certificateNo: pulumi.Output<number>;
  declare readonly certificateName: pulumi.Output<string>;
  declare readonly commonName: pulumi.Output<string>;
  declare readonly dnsNames: pulumi.Output<string[]>;
  declare readonly requestSn: pulumi.Output<string | undefined>;
  declare readonly orderId: pulumi.Output<string | undefined>;
  /** NCP status code: `"0"` ONGOING, `"1"` NORMAL, `"2"` NORMAL_UNREGISTERED_PRIVATE_KEY, negative = ended. */
  declare readonly statusCode: pulumi.Output<string>;
  declare readonly statusName: pulumi.Output<string>;
  declare readonly regDate: pulumi.Output<string | undefined>;
  declare readonly csrPem: pulumi.Output<string>;
  /** The private key (secret). Undefined when you supplied a CSR or adopted a certificate without a key. */
  declare readonly privateKeyPem: pulumi.Output<string | undefined>;
  declare readonly publicKeyPem: pulumi.Output<string | undefined>;
  /** DNS records to create for domain validation, sorted by domain. */
  declare readonly dcvRecords: pulumi.Output<AdvancedCertificateDcvRecord[]>;
  /** The issued leaf certificate (PEM), once issued. */
  declare readonly certificatePem: pulumi.Output<string | undefined>;
  /** Intermediate CA certificate(s). */
  declare readonly chainPem: pulumi.Output<string | undefined>;
  /** Leaf followed by intermediates: what a TLS server or load balancer serves. */
  declare readonly fullChainPem: pulumi.Output<string | undefined>;
  declare readonly rootCertificatePem: pulumi.Output<string | undefined>;
  /** Validity, ISO 8601 UTC, from the issued certificate. */
  declare readonly notBefore: pulumi.Output<string | undefined>;
  declare readonly notAfter: pulumi.Output<string | undefined>;
  declare readonly serialNumber: pulumi.Output<string | undefined>;
  declare readonly fingerprintSha256: pulumi.Output<string | undefined>;
  declare readonly privateKeyRegistered: pulumi.Output<boolean>;
  /**
   * NCP's name, common name and SANs while they differ from this resource's (changed in the NCP console); refresh
   * says what changed. The resource keeps tracking the same certificate and plans no new order for it.
   */
  declare readonly observed: pulumi.Output<
    { certificateName: string; commonName: string; dnsNames: string[] } | undefined
  >;

  constructor(name: string, args: AdvancedCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    // A supplied key is stored in state like any input: keep it encrypted there.
    if (args.privateKeyPem !== undefined) props.privateKeyPem = pulumi.secret(args.privateKeyPem);
    for (const output of OUTPUT_NAMES) props[output] = undefined;
    // Inputs that are outputs too must exist as keys so their outputs are registered.
    for (const both of ["privateKeyPem", "csrPem", "certificateName"]) if (!(both in props)) props[both] = undefined;
    // Resource options that decide whether a same-name replacement can work reach check this way (diff ignores it).
    // So does the resource name, for auto-naming (a dynamic provider is never told the name).
    const internal = {
      deleteBeforeReplace: opts?.deleteBeforeReplace || undefined,
      retainOnDelete: opts?.retainOnDelete || undefined,
      namePrefix: args.certificateName === undefined ? autoNamePrefix(name) : undefined,
    };
    if (Object.values(internal).some((v) => v !== undefined)) props.__internal = JSON.parse(JSON.stringify(internal));
    const additionalSecretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS])];
    provider ??= serializedForwarder(require.resolve("../../shim"), "pulumi-certmanager-kr/shim");
    // A helper made right after this certificate may refuse it before the order (registrationVeto.ts).
    const self: { resource?: AdvancedCertificate } = {};
    props.commonName = heldUntilVetoed(args.commonName, () => self.resource);
    // Registered with stack traces paused (dynamic/registrationStacks.ts says why that is safe).
    super(provider, name, props, { ...opts, additionalSecretOutputs }, "ncloud", "AdvancedCertificate");
    self.resource = this;
  }
}
