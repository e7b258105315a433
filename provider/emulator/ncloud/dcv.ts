/**
 * The emulated CA's domain-control validation (issue 16): in `dnsValidation` mode a pending order is issued only when,
 * for every domain, TXT `txtName` = `txtValue` is served — by an applied record of the emulated Global DNS zone that
 * holds the name, or (for names in no emulated zone, i.e. DNS hosted elsewhere) by an "external DNS" entry added
 * through the control API — plus a short delay; an order not validated within its window expires (-4). Without
 * the mode, the older flows hold: auto-issue after `autoIssueAfterMs`, or the control API's `issue`.
 */
import { createHash, randomBytes } from "node:crypto";
import type { WorldState } from "../store";
import { globalDnsWorld, recordServedSince, zoneFor } from "./globalDnsWorld";
import type { CertificateRecord, DcvRecordState, NcloudWorld } from "./world";
import { ncloudWorld } from "./world";

export interface DnsValidationSettings {
  /** From the moment the last record is served to issuance. */
  delayMs: number;
  /** From the order (or reissue) to VALIDATION_EXPIRE when some record never appears. */
  expireAfterMs: number;
}

export const DEFAULT_DNS_VALIDATION: DnsValidationSettings = { delayMs: 1_000, expireAfterMs: 60 * 60_000 };

/** A TXT record an external DNS serves (control API), for names outside every emulated zone. */
export interface ExternalTxt {
  name: string;
  value: string;
  sinceMs: number;
}

/**
 * The DCV entries of an order. `D` draws a fresh value every time (a reissue needs new records); `PD` keeps one
 * value per domain for the account, so its records are set once and reused by later orders and reissues.
 */
export function newDcv(ncp: NcloudWorld, domain: string, requestSn: string, method: string): DcvRecordState {
  const base = domain.startsWith("*.") ? domain.slice(2) : domain;
  const fresh = () => randomBytes(20).toString("base64url");
  let token: string;
  if (method === "PD") {
    ncp.persistentTxt ??= {};
    token = ncp.persistentTxt[base] ??= fresh();
  } else token = fresh();
  const entry = { validSn: ncp.nextValidSn++, requestSn, domain, validStatusCode: "VALID_STATUS_REG" as const };
  if (ncp.dcvRecordType === "CNAME") {
    // The shape of Cloud Basic's console example, derived from the token so PD keeps it too.
    const hex = (salt: string) => createHash("sha256").update(`${salt}:${token}`).digest("hex").slice(0, 32);
    return {
      ...entry,
      recordType: "CNAME",
      txtName: `_${hex("name")}.${base}`,
      txtValue: `_${hex("target")}.cm.naverncp.com`,
    };
  }
  return { ...entry, txtName: `_dnsauth.${base}`, txtValue: token };
}

/** Since when (ms) the record of one DCV entry is served, or undefined while it is not. */
export function servedSince(world: WorldState, d: DcvRecordState): number | undefined {
  const dns = globalDnsWorld(world);
  const type = d.recordType ?? "TXT";
  if (zoneFor(dns, d.txtName)) return recordServedSince(dns, type, d.txtName, d.txtValue);
  if (type !== "TXT") return undefined; // the external DNS of the control API serves TXT only
  const name = d.txtName.toLowerCase();
  return ncloudWorld(world).externalTxt?.find((t) => t.name === name && t.value === d.txtValue)?.sinceMs;
}

export interface DcvProgress {
  /** Entries whose record has been served long enough (their status becomes VALID_STATUS_SUCCESS). */
  validated: DcvRecordState[];
  outcome?: "issue" | "expire";
}

/** What time has decided for a pending order (pure: applyDueChanges carries it out). */
export function dcvProgress(world: WorldState, c: CertificateRecord, now: number): DcvProgress {
  const ncp = ncloudWorld(world);
  const v = ncp.dnsValidation;
  if (!v) {
    const due = ncp.autoIssueAfterMs !== undefined && now - c.createdAtMs >= ncp.autoIssueAfterMs;
    return { validated: [], outcome: due ? "issue" : undefined };
  }
  const expiresAt = c.createdAtMs + v.expireAfterMs;
  // A record counts from when it was served, or from the order if it was already there (PD reuse).
  const readyAt = c.dcv.map((d) => {
    const since = servedSince(world, d);
    return since === undefined ? undefined : Math.max(since, c.createdAtMs) + v.delayMs;
  });
  const inTime = (t: number | undefined): t is number => t !== undefined && t <= Math.min(now, expiresAt);
  const validated = c.dcv.filter((_, i) => inTime(readyAt[i]));
  if (validated.length === c.dcv.length) return { validated, outcome: "issue" };
  return { validated, outcome: now >= expiresAt ? "expire" : undefined };
}
