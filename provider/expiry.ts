/**
 * The expiry guard: for any certificate a program sees (AdvancedCertificate outputs, getCertificates entries,
 * getCertificateFile results), warn in `pulumi preview`/`up` below `warnDays` and fail it below `failDays`, with a
 * message naming the certificate, its domains and its expiry date.
 */
import * as pulumi from "@pulumi/pulumi";

export interface CertificateExpiry {
  /** How the certificate is known, e.g. its certificateName. */
  name: string;
  /** Reported first among the domains (AdvancedCertificate keeps it apart from dnsNames). */
  commonName?: string;
  domains?: string[];
  /** ISO 8601 instant (AdvancedCertificate, getCertificateFile) or `YYYY-MM-DD` (getCertificates; a Korean date). */
  notAfter?: string;
}

/** A CertificateExpiry whose fields may be Outputs, e.g. straight from an AdvancedCertificate. */
export interface CertificateExpiryInput {
  name: pulumi.Input<string>;
  commonName?: pulumi.Input<string | undefined>;
  domains?: pulumi.Input<pulumi.Input<string>[] | undefined>;
  notAfter?: pulumi.Input<string | undefined>;
}

export interface ExpiryGuardOptions {
  /** Warn below this many days left (default 30). */
  warnDays?: number;
  /** Fail the preview/update below this many days left (default 7). */
  failDays?: number;
}

export interface ExpiryVerdict {
  level: "ok" | "warn" | "fail" | "unknown";
  /** Whole days left; negative once expired; undefined when the certificate has no expiry yet (not issued). */
  daysLeft?: number;
  message: string;
}

/** Judges one certificate (pure; `now` for tests). */
export function checkExpiry(
  cert: CertificateExpiry,
  options: ExpiryGuardOptions = {},
  now = Date.now(),
): ExpiryVerdict {
  const warnDays = options.warnDays ?? 30;
  const failDays = options.failDays ?? 7;
  if (!(failDays >= 0) || !(warnDays >= failDays)) {
    throw new Error(`expiryGuard: need 0 <= failDays (${failDays}) <= warnDays (${warnDays})`);
  }
  const domains = [...new Set([...(cert.commonName ? [cert.commonName] : []), ...(cert.domains ?? [])])];
  const what = `certificate "${cert.name}"${domains.length ? ` (${domains.join(", ")})` : ""}`;
  const expiresAt = expiryInstant(cert.notAfter);
  if (expiresAt === undefined) return { level: "unknown", message: `${what} has no expiry date yet (not issued?)` };
  const daysLeft = Math.floor((expiresAt - now) / 86_400_000);
  const date = new Date(expiresAt).toISOString().slice(0, 10);
  if (daysLeft < failDays) {
    const when = daysLeft < 0 ? `expired on ${date}` : `expires on ${date}, in ${daysLeft} day(s)`;
    return {
      level: "fail",
      daysLeft,
      message: `${what} ${when}: below the ${failDays}-day limit. Renew or replace it.`,
    };
  }
  if (daysLeft < warnDays) {
    return {
      level: "warn",
      daysLeft,
      message: `${what} expires on ${date}, in ${daysLeft} day(s) (warning below ${warnDays}).`,
    };
  }
  return { level: "ok", daysLeft, message: `${what} expires on ${date}, in ${daysLeft} day(s).` };
}

/**
 * Guards certificates in a program: logs a warning below `warnDays`, fails below `failDays` (the error surfaces in
 * `pulumi preview` as soon as the values are known). Returns the verdicts for use in outputs.
 */
export function expiryGuard(
  certificates: pulumi.Input<CertificateExpiryInput | pulumi.Input<CertificateExpiryInput>[]>,
  options: ExpiryGuardOptions = {},
): pulumi.Output<ExpiryVerdict[]> {
  // pulumi.output unwraps Outputs nested in the objects and arrays.
  const all = pulumi.output(certificates as pulumi.Input<object>) as pulumi.Output<unknown>;
  return all.apply((value) => {
    const list = (Array.isArray(value) ? value : [value]) as CertificateExpiry[];
    const verdicts = list.map((c) => checkExpiry(c, options));
    for (const v of verdicts) if (v.level === "warn") pulumi.log.warn(v.message);
    const failed = verdicts.filter((v) => v.level === "fail");
    if (failed.length > 0) throw new Error(failed.map((v) => v.message).join("\n"));
    return verdicts;
  });
}

function expiryInstant(notAfter: string | undefined): number | undefined {
  if (!notAfter) return undefined;
  // NHN's list dates are Korean calendar dates: the certificate is valid through the end of that day in KST.
  if (/^\d{4}-\d{2}-\d{2}$/.test(notAfter)) return Date.parse(`${notAfter}T23:59:59+09:00`);
  const t = Date.parse(notAfter);
  return Number.isNaN(t) ? undefined : t;
}
