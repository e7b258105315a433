/**
 * `nhncloud.getCertificates` / `getCertificatesOutput`: the NHN Cloud Certificate Manager inventory as data.
 *
 * Runs in the program process on every preview and up (like any provider function); nothing goes to state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CertificateStatusFilter } from "./client";
import { daysUntil } from "./days";
import { checkSettingsAtCall, dataSourceClientOptions, inProgram, waitForDependencies } from "./invoke";
import { domainCovers, listCertificates } from "./queries";

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

export { daysUntil, domainCovers };

export async function getCertificates(
  args: GetCertificatesArgs = {},
  _opts?: pulumi.InvokeOptions,
): Promise<GetCertificatesResult> {
  return inProgram(() =>
    listCertificates(args, {
      options: () => dataSourceClientOptions(args.appKey),
      warn: (line) => pulumi.log.warn(line),
    }),
  );
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
