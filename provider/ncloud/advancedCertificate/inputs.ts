/**
 * The AdvancedCertificate's inputs: validation (Pulumi's `check`) and normalisation.
 *
 * check runs on every preview before any API call, so every rule a user can break is caught here with a message
 * that names the field and the fix. The normalised inputs it returns (lower-case names, SANs de-duplicated and
 * sorted, defaults filled in, PEMs re-wrapped) are what diff compares, which is why SAN order, PEM whitespace and
 * defaulted fields never show up as changes.
 */
import { COMMON_NAME_LIMIT, validateDnsName, validateSubject } from "../../crypto/csr";
import type { KeySpec } from "../../crypto/keys";
import { chosenName, validInternal } from "../../dynamic/autoName";
import { cutEchoes, nearestName } from "../../dynamic/inputFields";
import { containsUnknown, UNKNOWN } from "../../shared/unknown";
import { deleteInUseTimeoutProblem } from "../inUseDelete";
import { diffCertificate } from "./diff";
import { unknownFieldFailures } from "./inputFields";
import { checkKeyMaterial, cryptoMessage } from "./keyInputs";

export const CERTIFICATE_TYPES = ["NCP_PAID_DV_01", "NCP_PAID_OV_01"] as const;
export const VALIDATION_METHODS = ["D", "E", "PD"] as const;
export const SUBJECT_FIELDS = [
  "organization",
  "organizationalUnit",
  "locality",
  "state",
  "country",
  "emailAddress",
] as const;
export const CERTIFICATE_NAME_RULE = /^[A-Za-z][A-Za-z0-9-]{2,19}$/;
const MAX_WAIT_MINUTES = 24 * 60;

export const REVOKE_REASONS = ["superseded", "cessationOfOperation", "affiliationChanged", "unspecified"] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** The key to generate; `reuseOnRenewal` keeps it when the certificate is reissued for renewal. */
export type KeyInput = KeySpec & { reuseOnRenewal?: boolean };

/**
 * Validity of an Advanced certificate in days (NCP issues about 198-day certificates since the CA/Browser Forum's
 * 200-day limit of March 2026). A renewal window at least this long would reissue forever.
 */
export const ADVANCED_CERTIFICATE_LIFETIME_DAYS = 198;
export const DEFAULT_RENEW_BEFORE_DAYS = 30;

export type SubjectInput = Partial<Record<(typeof SUBJECT_FIELDS)[number], string>>;

export interface WaitForIssuance {
  timeoutMinutes: number;
  pollIntervalSeconds?: number;
}

/** Inputs after check: what is stored in state and compared by diff. */
export interface CheckedInputs {
  certificateName: string;
  certificateType: (typeof CERTIFICATE_TYPES)[number];
  commonName: string;
  dnsNames: string[];
  validationMethod: (typeof VALIDATION_METHODS)[number];
  organizationNo?: number;
  /** Present when the provider generates the key (no csrPem, privateKeyPem or adoption). */
  key?: KeyInput;
  subject?: SubjectInput;
  csrPem?: string;
  privateKeyPem?: string;
  waitForIssuance?: WaitForIssuance;
  autoRenewal?: boolean;
  registerPrivateKey?: boolean;
  /** Reissue (within the order, never a new paid order) once the certificate has fewer days left. Default 30. */
  renewBeforeDays?: number;
  /** How long destroy keeps retrying while a load balancer still uses the certificate (NCP 1004). Default 10. */
  deleteInUseTimeoutMinutes?: number;
  /** Revoke the certificate before deleting it, with this reason. */
  revokeOnDestroy?: { reason: RevokeReason };
  adoptCertificateNo?: number;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

type Raw = Record<string, unknown>;

const isUnknown = (v: unknown) => containsUnknown(v);

/**
 * Validates raw inputs. Unknown values (preview) are passed through untouched and skipped by every rule that
 * needs them.
 */
export function checkInputs(news: Raw, olds: Raw = {}): { inputs: Raw; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const out: Raw = {};
  failures.push(...unknownFieldFailures(news));

  // certificateName: given, or kept from the old inputs, or made from the resource name (auto-naming).
  const name = chosenName(news, olds);
  if (isUnknown(name)) out.certificateName = name;
  else if (typeof name !== "string" || name === "") {
    fail(
      "certificateName",
      'certificateName must be 3-20 letters, digits or "-", starting with a letter (e.g. "site-2026"), or left out to be named after the resource',
    );
  } else if (!CERTIFICATE_NAME_RULE.test(name)) {
    fail(
      "certificateName",
      `certificateName "${name}" is not allowed: NCP requires 3-20 characters of letters, digits or "-", starting with a letter (e.g. "site-2026"), or leave it out to have one made from the resource name`,
    );
  } else out.certificateName = name;

  // certificateType
  const type = news.certificateType ?? "NCP_PAID_DV_01";
  if (isUnknown(type)) out.certificateType = type;
  else if (!CERTIFICATE_TYPES.includes(type as never)) {
    fail(
      "certificateType",
      `certificateType "${String(type)}" is not an Advanced type: use "NCP_PAID_DV_01" (DV) or "NCP_PAID_OV_01" (OV)`,
    );
  } else out.certificateType = type;

  // commonName
  const cn = news.commonName;
  if (isUnknown(cn)) out.commonName = cn;
  else if (typeof cn !== "string" || cn === "")
    fail("commonName", 'commonName is required: the certificate\'s main domain, e.g. "example.com"');
  else {
    const reason = domainProblem(cn, "commonName");
    if (reason) fail("commonName", reason);
    else if (normaliseDomain(cn).length > COMMON_NAME_LIMIT) {
      fail(
        "commonName",
        `commonName is ${normaliseDomain(cn).length} characters, over X.509's limit of ${COMMON_NAME_LIMIT}: use a shorter name as commonName and list the long one in dnsNames`,
      );
    } else out.commonName = normaliseDomain(cn);
  }

  // dnsNames: lower-case, de-duplicated (also against the CN), sorted, so order never shows as a change.
  const sans = news.dnsNames;
  if (isUnknown(sans)) out.dnsNames = sans;
  else if (sans === undefined || sans === null) out.dnsNames = [];
  else if (!Array.isArray(sans)) fail("dnsNames", 'dnsNames must be a list of domain names, e.g. ["www.example.com"]');
  else {
    const names = new Set<string>();
    sans.forEach((s, i) => {
      const reason = typeof s === "string" ? domainProblem(s, `dnsNames[${i}]`) : `dnsNames[${i}] must be a string`;
      if (reason) fail("dnsNames", reason);
      else names.add(normaliseDomain(s as string));
    });
    if (typeof out.commonName === "string") names.delete(out.commonName);
    if (names.size > 99)
      fail(
        "dnsNames",
        `dnsNames has ${names.size} names; a certificate can carry at most 100 including the commonName`,
      );
    out.dnsNames = [...names].sort();
  }

  // validationMethod
  const method = news.validationMethod ?? "D";
  if (isUnknown(method)) out.validationMethod = method;
  else if (method === "E") {
    fail(
      "validationMethod",
      'validationMethod "E" (email) was retired by NCP in February 2026: use "D" (DNS TXT, one-time) or "PD" (persistent DNS TXT)',
    );
  } else if (!VALIDATION_METHODS.includes(method as never)) {
    fail(
      "validationMethod",
      `validationMethod "${String(method)}" is not supported: use "D" (DNS TXT, one-time) or "PD" (persistent DNS TXT)`,
    );
  } else out.validationMethod = method;

  // organizationNo: required for OV, meaningless for DV.
  const org = news.organizationNo;
  if (isUnknown(org)) out.organizationNo = org;
  else if (org !== undefined && org !== null) {
    if (!Number.isInteger(org) || (org as number) <= 0) {
      fail(
        "organizationNo",
        "organizationNo must be a positive whole number (see the organizations list in NCP Certificate Manager)",
      );
    } else if (out.certificateType === "NCP_PAID_DV_01") {
      fail(
        "organizationNo",
        'organizationNo is only used for OV certificates: remove it, or set certificateType to "NCP_PAID_OV_01"',
      );
    } else out.organizationNo = org;
  } else if (out.certificateType === "NCP_PAID_OV_01") {
    fail(
      "organizationNo",
      "organizationNo is required for OV certificates (NCP_PAID_OV_01): use the number of a verified organization from NCP Certificate Manager",
    );
  }

  // Key material: generate (key), bring a key (privateKeyPem), bring a CSR (csrPem), or adopt an existing certificate.
  checkKeyMaterial(news, out, fail);

  // subject
  const subject = news.subject;
  if (isUnknown(subject)) out.subject = subject;
  else if (subject !== undefined && subject !== null) {
    if (typeof subject !== "object" || Array.isArray(subject))
      fail("subject", 'subject must be an object such as { organization: "Example Co", country: "KR" }');
    else if (news.csrPem !== undefined)
      fail("subject", "subject cannot be combined with csrPem: the subject comes from the CSR you supply");
    else {
      const s: SubjectInput = {};
      for (const [k, v] of Object.entries(subject as Raw)) {
        if (!SUBJECT_FIELDS.includes(k as never)) {
          const near = nearestName(k, SUBJECT_FIELDS);
          fail(
            "subject",
            `subject.${k} is not supported${near ? `: did you mean subject.${near}?` : ""} (subject fields: ${SUBJECT_FIELDS.join(", ")})`,
          );
        } else if (typeof v !== "string") fail("subject", `subject.${k} must be a string`);
        else if (v !== "") s[k as keyof SubjectInput] = v;
      }
      if (s.country !== undefined && !/^[A-Z]{2}$/.test(s.country)) {
        fail("subject", `subject.country "${s.country}" must be a two-letter ISO 3166 code in capitals, e.g. "KR"`);
      } else {
        try {
          validateSubject(s); // the rules the CSR builder applies at create, caught here in preview
        } catch (err) {
          fail("subject", cryptoMessage(err));
        }
      }
      if (Object.keys(s).length > 0) out.subject = s;
    }
  }

  // waitForIssuance
  const wait = news.waitForIssuance;
  if (isUnknown(wait)) out.waitForIssuance = wait;
  else if (wait !== undefined && wait !== null) {
    const w = wait as Raw;
    if (typeof wait !== "object" || Array.isArray(wait))
      fail("waitForIssuance", "waitForIssuance must be an object such as { timeoutMinutes: 60 }");
    else if (typeof w.timeoutMinutes !== "number" || !(w.timeoutMinutes >= 1) || w.timeoutMinutes > MAX_WAIT_MINUTES) {
      fail(
        "waitForIssuance",
        `waitForIssuance.timeoutMinutes must be a number of minutes from 1 to ${MAX_WAIT_MINUTES}`,
      );
    } else if (
      w.pollIntervalSeconds !== undefined &&
      (typeof w.pollIntervalSeconds !== "number" || w.pollIntervalSeconds < 1 || w.pollIntervalSeconds > 600)
    ) {
      fail("waitForIssuance", "waitForIssuance.pollIntervalSeconds must be from 1 to 600 seconds");
    } else {
      out.waitForIssuance = {
        timeoutMinutes: w.timeoutMinutes,
        ...(w.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: w.pollIntervalSeconds } : {}),
      };
    }
  }

  for (const flag of ["autoRenewal", "registerPrivateKey"] as const) {
    const v = news[flag];
    if (isUnknown(v)) out[flag] = v;
    else if (v !== undefined && v !== null && typeof v !== "boolean") fail(flag, `${flag} must be true or false`);
    else if (v !== undefined && v !== null) out[flag] = v;
  }
  if (
    out.registerPrivateKey === true &&
    (news.csrPem !== undefined || (news.adoptCertificateNo !== undefined && news.privateKeyPem === undefined))
  ) {
    fail(
      "registerPrivateKey",
      "registerPrivateKey needs the private key: it cannot be used with csrPem, or when adopting a certificate without privateKeyPem",
    );
  }

  const renew = news.renewBeforeDays;
  if (isUnknown(renew)) out.renewBeforeDays = renew;
  else if (renew !== undefined && renew !== null) {
    if (!Number.isInteger(renew) || (renew as number) < 0) {
      fail("renewBeforeDays", "renewBeforeDays must be a whole number of days (0 turns renewal off)");
    } else if ((renew as number) >= ADVANCED_CERTIFICATE_LIFETIME_DAYS) {
      fail(
        "renewBeforeDays",
        `renewBeforeDays ${renew} is not shorter than the certificate's ${ADVANCED_CERTIFICATE_LIFETIME_DAYS}-day lifetime: every certificate would be due at once and be reissued forever; use at most ${ADVANCED_CERTIFICATE_LIFETIME_DAYS - 1}`,
      );
    } else out.renewBeforeDays = renew;
  }

  const inUse = news.deleteInUseTimeoutMinutes;
  if (isUnknown(inUse)) out.deleteInUseTimeoutMinutes = inUse;
  else if (inUse !== undefined && inUse !== null) {
    const problem = deleteInUseTimeoutProblem(inUse);
    if (problem) fail("deleteInUseTimeoutMinutes", problem);
    else out.deleteInUseTimeoutMinutes = inUse;
  }
  const revoke = news.revokeOnDestroy;
  if (isUnknown(revoke)) out.revokeOnDestroy = revoke;
  else if (revoke !== undefined && revoke !== null) {
    const reason = (revoke as Raw).reason;
    if (typeof revoke !== "object" || Array.isArray(revoke) || !REVOKE_REASONS.includes(reason as never)) {
      fail(
        "revokeOnDestroy",
        `revokeOnDestroy must be { reason } with reason one of ${REVOKE_REASONS.join(", ")} (other reasons, such as key compromise, need an NCP support ticket)`,
      );
    } else out.revokeOnDestroy = { reason };
  }

  // Resource options the class passes along (not user inputs; diff ignores them): they decide whether a same-name
  // replacement can work.
  const internal = news.__internal;
  if (internal !== undefined && !isUnknown(internal)) {
    if (!validInternal(internal, ["deleteBeforeReplace", "retainOnDelete"]))
      fail("__internal", "__internal is set by AdvancedCertificate from its resource options; do not set it");
    else out.__internal = internal;
  }

  // An auto-name is drawn afresh for a replacement (the engine re-runs check without the old inputs).
  if (failures.length === 0 && news.certificateName !== undefined) checkReplacementName(olds, out, fail);
  return { inputs: out, failures: failures.map((f) => ({ ...f, reason: cutEchoes(f.reason) })) };
}

/**
 * A change that replaces the certificate places a new paid order before the old certificate is deleted, and NCP
 * certificate names are unique, so the replacement needs its own name. Catching it here shows it in preview
 * instead of failing halfway through `up`. Unknown values are not judged.
 */
function checkReplacementName(olds: Raw, news: Raw, fail: (p: string, r: string) => void): void {
  if (olds.certificateName === undefined || olds.certificateName !== news.certificateName) return;
  const options = (news.__internal ?? {}) as { deleteBeforeReplace?: boolean; retainOnDelete?: boolean };
  // deleteBeforeReplace frees the name before the new order, unless retainOnDelete keeps the old certificate.
  if (options.deleteBeforeReplace && !options.retainOnDelete) return;
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => !containsUnknown(v)));
  const replaces = diffCertificate({ ...olds, keySource: keySourceOf(olds) } as never, { ...olds, ...known }).replaces;
  if (replaces.length === 0) return;
  const why = options.retainOnDelete
    ? "with retainOnDelete the old certificate stays in NCP under its name"
    : "it is created before the old one is deleted";
  fail(
    "certificateName",
    `changing ${replaces.join(", ")} replaces the certificate with a new paid order, and ${why}; ` +
      `NCP certificate names are unique, so give the replacement a new certificateName (e.g. "${nextName(news.certificateName as string)}")` +
      (options.retainOnDelete
        ? ""
        : ", or set the resource option deleteBeforeReplace: true to delete the old one first"),
  );
}

/**
 * The name to use. Left out, the name already chosen (in the old inputs) is kept: dropping an explicit name must
 * not turn into a new paid order. Only a new resource, or a replacement, gets a fresh name from the resource name.
 */

/** Where the key of a certificate with these inputs comes from (the same rule create applies). */
export function keySourceOf(inputs: Raw): "generated" | "privateKeyPem" | "csrPem" | "adopted" {
  if (inputs.csrPem !== undefined) return "csrPem";
  if (inputs.privateKeyPem !== undefined) return "privateKeyPem";
  return inputs.adoptCertificateNo !== undefined ? "adopted" : "generated";
}

/** A suggested next name: a trailing number incremented, else "-v2"; at most 20 characters. */
export function nextName(name: string): string {
  const m = name.match(/^(.*?)(\d+)$/);
  const candidate = m ? `${m[1]}${Number(m[2]) + 1}` : `${name.slice(0, 17)}-v2`;
  return candidate.slice(0, 20);
}

/** Lower-case, without a trailing dot. */
export function normaliseDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

function domainProblem(name: string, field: string): string | undefined {
  const n = normaliseDomain(name);
  if (n.includes("*") && !/^\*\.[^*]+$/.test(n)) {
    return `${field} "${name}": a wildcard must be the whole first label, as in "*.example.com"`;
  }
  if (n.split(".").length < 2)
    return `${field} "${name}" is not a fully qualified domain name (e.g. "www.example.com")`;
  if (/^\d+(\.\d+){3}$/.test(n))
    return `${field} "${name}" is an IP address: Advanced certificates cover domain names only`;
  try {
    validateDnsName(n, field);
  } catch (err) {
    return cryptoMessage(err);
  }
  if (/^\*\.[^.]+$/.test(n))
    return `${field} "${name}": a wildcard needs at least a registered domain under it, as in "*.example.com"`;
  return undefined;
}

export { UNKNOWN };
