/**
 * AdvancedCertificateValidation's inputs: refused in check (so `pulumi preview` shows it) before any request, and
 * normalised so that diff compares like with like (FQDNs lower-case, without the trailing dot, sorted).
 */

import { loadPrivateKey } from "../../crypto/keys";
import { keyFieldProblem } from "../../crypto/pemFields";
import { type CheckFailure, cutEchoes, unknownFieldFailures } from "../../dynamic/inputFields";
import { inputNames, inputSchema } from "../../schema/fields";
import { normalizePem } from "../../shared/pem";
import { containsUnknown, UNKNOWN } from "../../shared/unknown";
import { VALIDATION_FIELDS } from "./fields";

export const DEFAULT_TIMEOUT_MINUTES = 60;
export const DEFAULT_POLL_INTERVAL_SECONDS = 15;
export const MIN_POLL_INTERVAL_SECONDS = 1;
const MAX_TIMEOUT_MINUTES = 24 * 60;

export interface ValidationInputs {
  certificateNo: number;
  /** The DCV records' FQDNs as created (sorted, lower-case, no trailing dot); undefined when not given. */
  validationRecordFqdns?: string[];
  timeoutMinutes: number;
  pollIntervalSeconds: number;
  /** Registered with NCP once issued (NCP load balancers need the key); a secret. */
  privateKeyPem?: string;
}

export const VALIDATION_INPUT_FIELDS = inputNames(VALIDATION_FIELDS);

const SCHEMA = inputSchema(VALIDATION_FIELDS);

/** A DNS name as record names are written: letters, digits, `-` and `_` (for `_dnsauth`-style labels). */
const FQDN_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

export function normalizeFqdn(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, "");
}

export function checkValidationInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const failures: CheckFailure[] = unknownFieldFailures(news, SCHEMA);
  const out: Record<string, unknown> = {};
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  const no = news.certificateNo;
  if (no === UNKNOWN) out.certificateNo = no;
  else if (no === undefined || no === null) {
    fail("certificateNo", "certificateNo is required: pass the certificateNo output of an ncloud.AdvancedCertificate");
  } else {
    const n = typeof no === "string" && /^\d+$/.test(no) ? Number(no) : no;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) {
      fail(
        "certificateNo",
        `certificateNo must be a positive whole number (NCP's certificate number), got ${JSON.stringify(no)}`,
      );
    } else out.certificateNo = n;
  }

  const fqdns = news.validationRecordFqdns;
  if (fqdns !== undefined && fqdns !== null) {
    if (containsUnknown(fqdns)) out.validationRecordFqdns = fqdns;
    else if (!Array.isArray(fqdns)) {
      fail("validationRecordFqdns", "validationRecordFqdns must be a list of the DNS validation records' names");
    } else {
      const seen = new Set<string>();
      for (const f of fqdns) {
        const bad =
          typeof f !== "string" ||
          !normalizeFqdn(f)
            .split(".")
            .every((l) => FQDN_LABEL.test(l));
        if (bad || normalizeFqdn(f as string).split(".").length < 2) {
          fail(
            "validationRecordFqdns",
            `validationRecordFqdns: ${JSON.stringify(f)} is not a DNS record name; use the fqdn of each validation record (e.g. the \`fqdn\` output of ncloud.GlobalDnsRecord)`,
          );
        } else seen.add(normalizeFqdn(f as string));
      }
      out.validationRecordFqdns = [...seen].sort();
    }
  }

  const key = news.privateKeyPem;
  if (key !== undefined && key !== null) {
    if (key === UNKNOWN) out.privateKeyPem = key;
    else {
      try {
        const problem = typeof key === "string" ? keyFieldProblem(key) : undefined;
        if (problem) throw new Error(problem.replace(/^privateKeyPem /, "it "));
        loadPrivateKey(key as string, "privateKeyPem");
        out.privateKeyPem = normalizePem(key as string);
      } catch (err) {
        fail(
          "privateKeyPem",
          `privateKeyPem cannot be used: ${err instanceof Error ? err.message : String(err)}. Pass the certificate's own privateKeyPem output`,
        );
      }
    }
  }

  out.timeoutMinutes = numberIn(news, "timeoutMinutes", DEFAULT_TIMEOUT_MINUTES, 0, MAX_TIMEOUT_MINUTES, fail);
  out.pollIntervalSeconds = pollInterval(news.pollIntervalSeconds, fail);
  const t = out.timeoutMinutes;
  const p = out.pollIntervalSeconds;
  if (typeof t === "number" && typeof p === "number" && p > t * 60) {
    fail(
      "pollIntervalSeconds",
      `pollIntervalSeconds (${p}) is longer than timeoutMinutes (${t} min): the wait would never poll`,
    );
  }
  return { inputs: out, failures: failures.map((f) => ({ ...f, reason: cutEchoes(f.reason) })) };
}

/** At least a second between polls: each poll is several requests, and NCP documents no rate limit to stay under. */
function pollInterval(v: unknown, fail: (property: string, reason: string) => void): unknown {
  if (v === undefined || v === null) return DEFAULT_POLL_INTERVAL_SECONDS;
  if (v === UNKNOWN) return v;
  if (typeof v === "number" && Number.isFinite(v) && v >= MIN_POLL_INTERVAL_SECONDS && v <= 3600) return v;
  fail(
    "pollIntervalSeconds",
    `pollIntervalSeconds must be from ${MIN_POLL_INTERVAL_SECONDS} to 3600 seconds (default ${DEFAULT_POLL_INTERVAL_SECONDS}), got ${JSON.stringify(v)}`,
  );
  return undefined;
}

function numberIn(
  news: Record<string, unknown>,
  field: string,
  fallback: number,
  min: number,
  max: number,
  fail: (property: string, reason: string) => void,
): unknown {
  const v = news[field];
  if (v === undefined || v === null) return fallback;
  if (v === UNKNOWN) return v;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= min || v > max) {
    fail(
      field,
      `${field} must be a number above ${min} and at most ${max} (default ${fallback}), got ${JSON.stringify(v)}`,
    );
    return undefined;
  }
  return v;
}
