/**
 * `ncloud.AdvancedCertificateValidation`: the wait for an Advanced certificate's issuance, as its own resource
 * (AWS ACM's `CertificateValidation` is the model). Create it after the DNS validation records; consumers that
 * take its PEMs or certificate number then wait for issuance, and one `pulumi up` goes from nothing to a serving
 * certificate. It owns nothing in NCP: deleting it deletes nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { serializedForwarder } from "../../dynamic/forwarder";
import { QuietlyRegisteredResource } from "../../dynamic/registrationStacks";
import { secretNames } from "../../schema/fields";
import { VALIDATION_FIELDS } from "./fields";

export interface AdvancedCertificateValidationArgs {
  /** The certificate to wait for: the `certificateNo` output of an `ncloud.AdvancedCertificate`. */
  certificateNo: pulumi.Input<number>;
  /**
   * The FQDNs of the DNS validation records (e.g. the `fqdn` outputs of `ncloud.GlobalDnsRecord`). Makes the
   * dependency on the records explicit, and create fails at once, naming the domain, when a record is missing.
   */
  validationRecordFqdns?: pulumi.Input<pulumi.Input<string>[]>;
  /** How long create waits for issuance, in minutes (default 60, at most 1440). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
  /** How often to ask NCP, in seconds (default 15). */
  pollIntervalSeconds?: pulumi.Input<number>;
  /**
   * Register this key with NCP as soon as the certificate is issued, in the same `up` (NCP load balancers take a
   * certificate only with its key): pass the certificate's `privateKeyPem`. Stored as a secret.
   */
  privateKeyPem?: pulumi.Input<string | undefined>;
}

const OUTPUT_NAMES = Object.keys(VALIDATION_FIELDS.outputs);

let provider: pulumi.dynamic.ResourceProvider | undefined;

export class AdvancedCertificateValidation extends QuietlyRegisteredResource {
  /** The issued certificate's number (follows a reissue that renumbers it): hand it to a load-balancer listener. */
  declare readonly certificateNo: pulumi.Output<number>;
  declare readonly certificateName: pulumi.Output<string>;
  /** The common name first, then the SANs. */
  declare readonly domains: pulumi.Output<string[]>;
  declare readonly statusCode: pulumi.Output<string>;
  declare readonly statusName: pulumi.Output<string>;
  /** The issued leaf certificate (PEM). Moves to the new certificate after a renewal. */
  declare readonly certificatePem: pulumi.Output<string>;
  /** Intermediate CA certificate(s). */
  declare readonly chainPem: pulumi.Output<string | undefined>;
  /** Leaf followed by intermediates: what a TLS server or load balancer serves. */
  declare readonly fullChainPem: pulumi.Output<string>;
  declare readonly rootCertificatePem: pulumi.Output<string | undefined>;
  /** Validity, ISO 8601 UTC. */
  declare readonly notBefore: pulumi.Output<string>;
  declare readonly notAfter: pulumi.Output<string>;
  declare readonly serialNumber: pulumi.Output<string>;
  declare readonly fingerprintSha256: pulumi.Output<string>;
  declare readonly validationRecordFqdns: pulumi.Output<string[] | undefined>;
  declare readonly timeoutMinutes: pulumi.Output<number>;
  declare readonly pollIntervalSeconds: pulumi.Output<number>;
  /** True once NCP holds the key (status NORMAL). */
  declare readonly privateKeyRegistered: pulumi.Output<boolean>;

  constructor(name: string, args: AdvancedCertificateValidationArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    // A key passed on is stored in state like any input: keep it encrypted there, and in the outputs.
    if (args.privateKeyPem !== undefined) props.privateKeyPem = pulumi.secret(args.privateKeyPem);
    for (const output of OUTPUT_NAMES) props[output] = undefined;
    provider ??= serializedForwarder(
      require.resolve("../../shims/advancedCertificateValidation"),
      "pulumi-certmanager-kr/shims/advancedCertificateValidation",
    );
    const additionalSecretOutputs = [
      ...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretNames(VALIDATION_FIELDS)]),
    ];
    // Registered with stack traces paused (dynamic/registrationStacks.ts says why that is safe).
    super(provider, name, props, { ...opts, additionalSecretOutputs }, "ncloud", "AdvancedCertificateValidation");
  }
}
