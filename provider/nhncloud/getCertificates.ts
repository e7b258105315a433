/**
 * `nhncloud.getCertificates` / `getCertificatesOutput`: the NHN Cloud Certificate Manager inventory as data.
 *
 * Runs in the program process on every preview and up (like any provider function); nothing goes to state.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateDnsName } from "../crypto/csr";
import { type CertificateStatusFilter, type NhnCertificateEntry, NhnCertificateManagerClient } from "./client";
import { daysUntil } from "./days";
import { argumentError, checkSettingsAtCall, dataSourceClientOptions, waitForDependencies } from "./invoke";

export interface GetCertificatesArgs {
  /** Certificate Manager appkey; default: config `nhncloud:certificateManagerAppKey`, env `NHNCLOUD_CERTIFICATE_MANAGER_APPKEY`. */
  appKey?: string;
  /** `"ALL"`, `"EXPIRED"` or `"UNEXPIRED"` (the API's default). */
  status?: CertificateStatusFilter;
  /** Read only this page (1-based). Without it, every page is read. */
  pageNum?: number;
  /** Page size sent to the API (default 100 when reading every page, else the API's 10). */
  pageSize?: number;
  /** Passed through to the API's `all` flag. */
  all?: boolean;
  /** Keep only certificates whose domains cover this name (`*.example.com` covers `www.example.com`). */
  domain?: string;
  /** Pages read at once when reading every page (default 16, the NHN limiter's default). */
  concurrency?: number;
}

export type GetCertificatesOutputArgs = { [K in keyof GetCertificatesArgs]: pulumi.Input<GetCertificatesArgs[K]> };

export interface CertificateListEntry {
  readonly certificateName: string;
  readonly certificateId?: number;
  readonly authority?: string;
  readonly domains: string[];
  readonly signatureAlgorithm?: string;
  readonly fileCreationDate?: string;
  readonly expirationDate?: string;
  /** Whole days from today (Korea time, as NHN dates are) to expirationDate; negative once expired. */
  readonly daysUntilExpiry?: number;
}

export interface GetCertificatesResult {
  /**
   * How many certificates the result stands for. Without `domain`: the API's `totalCount`, the size of the whole
   * inventory for this `status` (equal to `certificates.length` when every page is read; with `pageNum`, more than
   * the one page returned). With `domain`: the number of matching certificates returned, i.e.
   * `certificates.length` (the API knows nothing of the filter, so its count would describe other certificates).
   */
  readonly totalCount: number;
  /** The API's own `totalCount`, before the `domain` filter: the size of the inventory for this `status`. */
  readonly unfilteredTotalCount: number;
  readonly certificates: CertificateListEntry[];
  /** Set when the inventory kept changing while it was read, so the list may miss or repeat entries. */
  readonly warnings?: string[];
}

export { daysUntil };

const STATUSES = ["ALL", "EXPIRED", "UNEXPIRED"];

export async function getCertificates(
  args: GetCertificatesArgs = {},
  _opts?: pulumi.InvokeOptions,
): Promise<GetCertificatesResult> {
  const status = validateArgs(args);
  const client = new NhnCertificateManagerClient(dataSourceClientOptions(args.appKey));
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
    for (const w of warnings ?? []) pulumi.log.warn(`nhncloud.getCertificates: ${w}`);
  }
  if (totalCount === 0 && args.pageNum === undefined) {
    // NHN may answer a wrong appkey with an empty list (its docs do not say): an empty account and a typo look alike.
    const note =
      "the appkey lists no certificates at all. NHN Cloud may answer an appkey it does not know with an empty list, " +
      "so if you expected some, check the appkey (nhncloud:certificateManagerAppKey / NHNCLOUD_CERTIFICATE_MANAGER_APPKEY)";
    pulumi.log.warn(`nhncloud.getCertificates: ${note}`);
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

export function getCertificatesOutput(
  args: GetCertificatesOutputArgs = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetCertificatesResult> {
  checkSettingsAtCall(args.appKey);
  return pulumi
    .all([pulumi.output(args), waitForDependencies(opts?.dependsOn)])
    .apply(([a]) => getCertificates(a as GetCertificatesArgs, opts));
}

/** Refuses bad arguments before any request; returns the status to send. */
function validateArgs(args: GetCertificatesArgs): CertificateStatusFilter {
  const status = (args.status ?? "UNEXPIRED").toUpperCase();
  if (!STATUSES.includes(status)) {
    throw argumentError(`getCertificates: status "${args.status}" is not one of ALL, EXPIRED, UNEXPIRED`);
  }
  for (const field of ["pageNum", "pageSize", "concurrency"] as const) {
    const v = args[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 10_000)) {
      throw argumentError(`getCertificates: ${field} must be a whole number from 1 to 10000, not ${String(v)}`);
    }
  }
  if (args.domain !== undefined) {
    try {
      validateDnsName(args.domain, "domain");
    } catch (err) {
      throw argumentError(`getCertificates: ${(err as Error).message}`);
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
