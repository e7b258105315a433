/**
 * `ncloud.ExternalCertificate`: a certificate issued elsewhere (Let's Encrypt through ACME, NHN Cloud Certificate
 * Manager, your own CA) registered in NCP Certificate Manager, so NCP load balancers, Global Edge and CDN+ can use it
 * by number. A renewal replaces the files in place and keeps `certificateNo`: the listener is never touched.
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
import { EXTERNAL_CERTIFICATE_FIELDS } from "./fields";

export interface ExternalCertificateArgs {
  /**
   * NCP certificate name: 3-20 letters, digits or `-`, starting with a letter; unique in the account. Left out, it
   * is made from the resource name plus a random suffix. NCP documents no rename: a new name replaces the
   * certificate (new number); a rename made in the NCP console is followed.
   */
  certificateName?: pulumi.Input<string>;
  /** The leaf certificate (PEM). A new one is a renewal, in place: the number stays. */
  certificatePem?: pulumi.Input<string>;
  /** The intermediate CA certificate(s) (PEM), starting with the leaf's issuer. NCP requires them. */
  chainPem?: pulumi.Input<string>;
  /** The leaf's private key (PEM, unencrypted; RSA 2048-4096 or ECDSA P-256/P-384). Stored as a secret. */
  privateKeyPem?: pulumi.Input<string>;
  /**
   * Instead of the three above: one PEM file with the certificate, its chain and its key in any order (leaf found
   * by the key, chain by issuer links, a self-signed root left out). Stored as a secret.
   */
  pemBundle?: pulumi.Input<string>;
  /** While a load balancer still uses the certificate (NCP 1004), destroy keeps retrying this long. Default 10. */
  deleteInUseTimeoutMinutes?: pulumi.Input<number>;
}

const OUTPUT_NAMES = Object.keys(EXTERNAL_CERTIFICATE_FIELDS.outputs);

/** Key material: always stored encrypted in state. */
const SECRET_OUTPUTS = secretNames(EXTERNAL_CERTIFICATE_FIELDS);

let provider: pulumi.dynamic.ResourceProvider | undefined;

export class ExternalCertificate extends QuietlyRegisteredResource {
  /** NCP's certificate number (also the resource id): a listener's `ssl_certificate_no`. Kept across renewals. */
  declare readonly certificateNo: pulumi.Output<number>;
  declare readonly certificateName: pulumi.Output<string>;
  /** NCP's status: `"1"` NORMAL (NCP holds the key), `"-2"` EXPIRE, ... */
  declare readonly statusCode: pulumi.Output<string>;
  declare readonly statusName: pulumi.Output<string>;
  /** Validity of the uploaded certificate, ISO 8601 UTC. */
  declare readonly notBefore: pulumi.Output<string>;
  declare readonly notAfter: pulumi.Output<string>;
  /** Upper-case hex. */
  declare readonly serialNumber: pulumi.Output<string>;
  /** SHA-256 of the leaf, colon-separated hex pairs. */
  declare readonly fingerprintSha256: pulumi.Output<string>;
  /** The common name first, then the SANs. */
  declare readonly domains: pulumi.Output<string[]>;
  declare readonly issuer: pulumi.Output<string>;
  /**
   * What NCP shows where it differs from this resource (changed in the console): its name, or the certificate it
   * holds (fingerprint, serial, expiry). Refresh says what changed; the next `up` uploads the program's again.
   */
  declare readonly observed: pulumi.Output<
    { certificateName?: string; fingerprintSha256?: string; serialNumber?: string; notAfter?: string } | undefined
  >;

  constructor(name: string, args: ExternalCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    for (const key of SECRET_OUTPUTS) if (props[key] !== undefined) props[key] = pulumi.secret(props[key]);
    for (const output of OUTPUT_NAMES) props[output] = undefined;
    if (!("certificateName" in props)) props.certificateName = undefined;
    // Reach check this way (a dynamic provider is told neither the resource name nor its options).
    const internal = {
      namePrefix: args.certificateName === undefined ? autoNamePrefix(name) : undefined,
      deleteBeforeReplace: opts?.deleteBeforeReplace || undefined,
    };
    if (Object.values(internal).some((v) => v !== undefined)) props.__internal = JSON.parse(JSON.stringify(internal));
    const additionalSecretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS])];
    provider ??= serializedForwarder(
      require.resolve("../../shims/externalCertificate"),
      "pulumi-certmanager-kr/shims/externalCertificate",
    );
    // Registered with stack traces paused (dynamic/registrationStacks.ts says why that is safe).
    super(provider, name, props, { ...opts, additionalSecretOutputs }, "ncloud", "ExternalCertificate");
  }
}
