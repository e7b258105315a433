/**
 * `nhncloud.getCertificateFile` / `getCertificateFileOutput`: a certificate's file from NHN Cloud Certificate
 * Manager, split into leaf, chain and key so it can feed a load balancer.
 *
 * The Output form is a secret as a whole (as Pulumi marks any invoke result that carries a secret), so `pem` and
 * `privateKeyPem` — and everything lifted from it — stay encrypted in state; use `pulumi.unsecret` on a
 * public field you want to export in clear.
 */
import * as pulumi from "@pulumi/pulumi";
import { type PrivateKeyType, splitCertificateBundle } from "../crypto/pemBundle";
import { NhnCertificateManagerClient } from "./client";
import { argumentError, checkSettingsAtCall, dataSourceClientOptions, waitForDependencies } from "./invoke";

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
  const hasName = typeof args.certificateName === "string" && args.certificateName !== "";
  if (hasName === (args.certificateId !== undefined)) {
    throw argumentError("getCertificateFile: give exactly one of certificateName or certificateId");
  }
  if (args.certificateId !== undefined && (!Number.isInteger(args.certificateId) || args.certificateId < 1)) {
    throw argumentError(
      `getCertificateFile: certificateId must be a positive whole number, not ${String(args.certificateId)}`,
    );
  }
  const client = new NhnCertificateManagerClient(dataSourceClientOptions(args.appKey));
  const file = hasName
    ? await client.downloadCertificateFile(args.certificateName as string)
    : await client.downloadCertificateFileById(args.certificateId as number);
  const which = hasName ? `"${args.certificateName}"` : `id ${args.certificateId}`;
  let bundle: ReturnType<typeof splitCertificateBundle>;
  try {
    bundle = splitCertificateBundle(file.content, { allowEncryptedKey: args.allowEncryptedKey });
  } catch (err) {
    throw new Error(
      `getCertificateFile: the file of NHN certificate ${which} cannot be used: ${(err as Error).message}`,
    );
  }
  return {
    fileName: file.fileName,
    pem: file.content.toString("utf8"),
    certificatePem: bundle.certificatePem,
    chainPem: bundle.chainPem,
    fullChainPem: bundle.fullChainPem,
    rootCertificatePem: bundle.rootCertificatePem,
    privateKeyPem: bundle.privateKeyPem,
    privateKeyType: bundle.privateKeyType,
    privateKeyEncrypted: bundle.privateKeyEncrypted,
    subject: bundle.leaf.subject,
    issuer: bundle.leaf.issuer,
    domains: bundle.leaf.dnsNames,
    notBefore: bundle.leaf.notBefore,
    notAfter: bundle.leaf.notAfter,
    serialNumber: bundle.leaf.serialNumber,
    fingerprintSha256: bundle.leaf.fingerprintSha256,
  };
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
