/**
 * The data sources' work, free of any Pulumi door: given the arguments and how to get the client's settings, list
 * the inventory or fetch a file. `getCertificates`/`getCertificateFile` (the TypeScript API, in the program process)
 * and the native plugin's Invoke both call these; each door supplies its own settings and its own warning channel.
 */
import { validateDnsName } from "../crypto/csr";
import { splitCertificateBundle } from "../crypto/pemBundle";
import type { NhnClientOptions } from "./client";
import { type CertificateStatusFilter, type NhnCertificateEntry, NhnCertificateManagerClient } from "./client";
import { daysUntil } from "./days";
import type { GetCertificateFileArgs, GetCertificateFileResult } from "./getCertificateFile";
import type { GetCertificatesArgs, GetCertificatesResult } from "./getCertificates";

/** A mistake in the arguments (each door reports it its own way). */
export class NhnArgumentError extends Error {
  override name = "NhnArgumentError";
}

export interface QuerySettings {
  /** The client's settings; called after the arguments are checked, so a bad argument is reported first. */
  options: () => NhnClientOptions;
  /** A warning about the result (the inventory changed while read, an empty inventory). */
  warn: (line: string) => void;
}

const STATUSES = ["ALL", "EXPIRED", "UNEXPIRED"];

export async function listCertificates(
  args: GetCertificatesArgs,
  settings: QuerySettings,
): Promise<GetCertificatesResult> {
  const status = validateArgs(args);
  const client = new NhnCertificateManagerClient(settings.options());
  let totalCount: number;
  let entries: NhnCertificateEntry[];
  let warnings: string[] | undefined;
  if (args.pageNum !== undefined) {
    const page = await client.listCertificatesPage({
      pageNum: args.pageNum,
      pageSize: args.pageSize,
      status,
      all: args.all,
    });
    totalCount = page.totalCount;
    entries = page.data;
  } else {
    const list = await client.listAllCertificates({
      pageSize: args.pageSize,
      status,
      all: args.all,
      concurrency: args.concurrency,
    });
    totalCount = list.totalCount;
    entries = list.data;
    warnings = list.warnings;
    for (const w of warnings ?? []) settings.warn(`nhncloud.getCertificates: ${w}`);
  }
  if (totalCount === 0 && args.pageNum === undefined) {
    // NHN may answer a wrong appkey with an empty list (its docs do not say): an empty account and a typo look alike.
    const note =
      "the appkey lists no certificates at all. NHN Cloud may answer an appkey it does not know with an empty list, " +
      "so if you expected some, check the appkey (nhncloud:certificateManagerAppKey / NHNCLOUD_CERTIFICATE_MANAGER_APPKEY)";
    settings.warn(`nhncloud.getCertificates: ${note}`);
    warnings = [...(warnings ?? []), note];
  }
  const domain = args.domain?.toLowerCase();
  const now = Date.now();
  const certificates = entries
    .filter((e) => !domain || e.domains.some((d) => domainCovers(d, domain)))
    .map((e) => ({ ...e, daysUntilExpiry: daysUntil(e.expirationDate, now) }));
  const counts = { totalCount: domain ? certificates.length : totalCount, unfilteredTotalCount: totalCount };
  return warnings ? { ...counts, certificates, warnings } : { ...counts, certificates };
}

/** Refuses bad arguments before any request; returns the status to send. */
function validateArgs(args: GetCertificatesArgs): CertificateStatusFilter {
  const status = (args.status ?? "UNEXPIRED").toUpperCase();
  if (!STATUSES.includes(status)) {
    throw new NhnArgumentError(`getCertificates: status "${args.status}" is not one of ALL, EXPIRED, UNEXPIRED`);
  }
  for (const field of ["pageNum", "pageSize", "concurrency"] as const) {
    const v = args[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 10_000)) {
      throw new NhnArgumentError(`getCertificates: ${field} must be a whole number from 1 to 10000, not ${String(v)}`);
    }
  }
  if (args.domain !== undefined) {
    try {
      validateDnsName(args.domain, "domain");
    } catch (err) {
      throw new NhnArgumentError(`getCertificates: ${(err as Error).message}`);
    }
  }
  return status as CertificateStatusFilter;
}

/** Whether a certificate domain (possibly `*.example.com`) covers a name: the wildcard stands for exactly one label. */
export function domainCovers(certDomain: string, name: string): boolean {
  const d = certDomain.toLowerCase();
  const n = name.toLowerCase();
  if (d === n) return true;
  if (!d.startsWith("*.")) return false;
  const dot = n.indexOf(".");
  return dot > 0 && !n.startsWith("*.") && n.slice(dot + 1) === d.slice(2);
}

export async function fetchCertificateFile(
  args: GetCertificateFileArgs,
  settings: QuerySettings,
): Promise<GetCertificateFileResult> {
  const hasName = typeof args.certificateName === "string" && args.certificateName !== "";
  if (hasName === (args.certificateId !== undefined)) {
    throw new NhnArgumentError("getCertificateFile: give exactly one of certificateName or certificateId");
  }
  if (args.certificateId !== undefined && (!Number.isInteger(args.certificateId) || args.certificateId < 1)) {
    throw new NhnArgumentError(
      `getCertificateFile: certificateId must be a positive whole number, not ${String(args.certificateId)}`,
    );
  }
  const client = new NhnCertificateManagerClient(settings.options());
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
