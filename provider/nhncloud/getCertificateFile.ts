/**
 * `nhncloud.getCertificateFile` / `getCertificateFileOutput`: a certificate's file from NHN Cloud Certificate
 * Manager, split into leaf, chain and key so it can feed a load balancer.
 *
 * The Output form is a secret as a whole (as Pulumi marks any invoke result that carries a secret), so `pem` and
 * `privateKeyPem` — and everything lifted from it — stay encrypted in state; use `pulumi.unsecret` on a
 * public field you want to export in clear.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PrivateKeyType } from "../crypto/pemBundle";
import { checkSettingsAtCall, dataSourceClientOptions, inProgram, waitForDependencies } from "./invoke";
import { fetchCertificateFile } from "./queries";

export interface GetCertificateFileArgs {
  /** Certificate Manager appkey; default: config `nhncloud:certificateManagerAppKey`, env `NHNCLOUD_CERTIFICATE_MANAGER_APPKEY`. */
  appKey?: string;
  /** The certificate's name in NHN Cloud (may contain `*`, `.` or Korean letters). */
  certificateName?: string;
  /** Or its numeric id from the v1.3 list (needs a User Access Key). */
  certificateId?: number;
  /** Return a passphrase-encrypted key untouched (flagged) instead of failing. Load balancers need it decrypted. */
  allowEncryptedKey?: boolean;
}

export type GetCertificateFileOutputArgs = {
  [K in keyof GetCertificateFileArgs]: pulumi.Input<GetCertificateFileArgs[K]>;
};

export interface GetCertificateFileResult {
  /** File name from the download's Content-Disposition. */
  readonly fileName?: string;
  /** The whole file as downloaded. Secret in the Output form. */
  readonly pem: string;
  /** The leaf certificate. */
  readonly certificatePem: string;
  /** Intermediates, from the leaf's issuer upward (never the root). */
  readonly chainPem: string;
  /** Leaf + intermediates: what a TLS server or load balancer serves. */
  readonly fullChainPem: string;
  readonly rootCertificatePem?: string;
  /** The private key as stored. Secret in the Output form. */
  readonly privateKeyPem?: string;
  readonly privateKeyType?: PrivateKeyType;
  readonly privateKeyEncrypted: boolean;
  readonly subject: string;
  readonly issuer: string;
  readonly domains: string[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
}

export async function getCertificateFile(
  args: GetCertificateFileArgs,
  _opts?: pulumi.InvokeOptions,
): Promise<GetCertificateFileResult> {
  return inProgram(() =>
    fetchCertificateFile(args, { options: () => dataSourceClientOptions(args.appKey), warn: pulumi.log.warn }),
  );
}

export function getCertificateFileOutput(
  args: GetCertificateFileOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetCertificateFileResult> {
  checkSettingsAtCall(args.appKey);
  const result = pulumi
    .all([pulumi.output(args), waitForDependencies(opts?.dependsOn)])
    .apply(([a]) => getCertificateFile(a as GetCertificateFileArgs, opts));
  return pulumi.secret(result);
}
