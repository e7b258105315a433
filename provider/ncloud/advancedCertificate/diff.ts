/**
 * diff for the AdvancedCertificate: compares the stored state (old outputs, which carry the checked inputs) with
 * the new checked inputs.
 *
 * Anything that changes what was ordered replaces the certificate (a new paid order, created before the old one is
 * deleted); the flags autoRenewal, registerPrivateKey and waitForIssuance are applied in place. Unknown values
 * (preview) in a replacing field are reported as a replacement, because they may change.
 */
import { publicKeysEqual } from "../../crypto/keys";
import { containsUnknown } from "../../shared/unknown";
import { DEFAULT_RENEW_BEFORE_DAYS } from "./inputs";
import { type CertificateState, FAILED_STATUSES, ISSUED_STATUSES } from "./state";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  /** Fields changed in place. */
  updates: string[];
  /**
   * Set when the existing order can never be issued (validation failed or expired, CA failure): it is replaced by
   * a new order, and since it is useless it is deleted first (which also frees its name).
   */
  deadOrder?: string;
  /** Set when the certificate is inside its renewal window: the update reissues it. */
  renewal?: string;
  /**
   * What NCP's side still lacks although the inputs did not change (a key to register now that the certificate is
   * issued, the auto-renewal flag): the engine calls update only when diff reports a change, so diff reports one.
   */
  converge?: string;
}

const IN_PLACE = [
  "renewBeforeDays",
  "autoRenewal",
  "registerPrivateKey",
  "waitForIssuance",
  "deleteInUseTimeoutMinutes",
  "revokeOnDestroy",
] as const;

export function diffCertificate(olds: Partial<CertificateState>, news: Record<string, unknown>): DiffOutcome {
  const replaces: string[] = [];
  const updates: string[] = [];
  const changed = (a: unknown, b: unknown) => containsUnknown(b) || !sameValue(a, b);

  for (const field of [
    "certificateName",
    "certificateType",
    "commonName",
    "validationMethod",
    "organizationNo",
  ] as const) {
    if (changed(olds[field], news[field])) replaces.push(field);
  }
  if (changed(sortedNames(olds.dnsNames), sortedNames(news.dnsNames))) replaces.push("dnsNames");
  if (changed(emptyToUndefined(olds.subject), emptyToUndefined(news.subject))) replaces.push("subject");

  // Key material: what matters is where the key came from and, for a supplied key, the key itself (its public
  // half: the same key re-encoded, e.g. PKCS#8 → PKCS#1, is no change); a supplied CSR is compared as text.
  const source = olds.keySource;
  if (source === "adopted") {
    // Adopted certificates keep whatever key they had; the key inputs only matter for a fresh order.
    if (news.adoptCertificateNo !== undefined && changed(olds.adoptCertificateNo, news.adoptCertificateNo)) {
      replaces.push("adoptCertificateNo");
    }
  } else {
    if (news.csrPem !== undefined || source === "csrPem") {
      if (source !== "csrPem" || changed(olds.csrPem, news.csrPem)) replaces.push("csrPem");
    }
    if (news.privateKeyPem !== undefined || source === "privateKeyPem") {
      const keyChanged = containsUnknown(news.privateKeyPem) || !sameKey(olds.privateKeyPem, news.privateKeyPem);
      if (source !== "privateKeyPem" || keyChanged) {
        replaces.push("privateKeyPem");
      }
    }
    // reuseOnRenewal only matters at renewal time: it changes in place, not the key itself.
    if ((news.key !== undefined || source === "generated") && changed(keyShape(olds.key), keyShape(news.key))) {
      replaces.push("key");
    }
    if (olds.key !== undefined && news.key !== undefined && !containsUnknown(news.key)) {
      if (
        (olds.key as { reuseOnRenewal?: boolean }).reuseOnRenewal !==
        (news.key as { reuseOnRenewal?: boolean }).reuseOnRenewal
      ) {
        updates.push("key.reuseOnRenewal");
      }
    }
    if (news.adoptCertificateNo !== undefined && containsUnknown(news.adoptCertificateNo))
      replaces.push("adoptCertificateNo");
    else if (news.adoptCertificateNo !== undefined && news.adoptCertificateNo !== olds.certificateNo) {
      replaces.push("adoptCertificateNo");
    }
  }

  for (const field of IN_PLACE) {
    if (changed(olds[field], news[field])) updates.push(field);
  }
  if (olds.statusCode !== undefined && FAILED_STATUSES.has(olds.statusCode)) {
    replaces.push("statusCode");
    return {
      changes: true,
      replaces: [...new Set(replaces)],
      updates,
      deadOrder: `NCP ended order ${olds.certificateNo} ("${olds.certificateName}") in ${olds.statusName ?? "status"} (${olds.statusCode}); it can never be issued, so it will be deleted and ordered again`,
    };
  }
  // An order whose answer was lost is resolved by update (see unconfirmedOrder.ts), so it must run.
  if (olds.orderUnconfirmed) updates.push("orderUnconfirmed");
  const renewal = renewalDue(olds, news);
  if (renewal && replaces.length === 0) updates.push("renewal");
  const converge = replaces.length === 0 ? unfinishedWork(olds, news) : undefined;
  if (converge) updates.push("converge");
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces: [...new Set(replaces)],
    updates,
    renewal,
    converge,
  };
}

/** In-place work that the last recorded state shows as not done yet, in words; undefined when there is none. */
export function unfinishedWork(olds: Partial<CertificateState>, news: Record<string, unknown>): string | undefined {
  const label = `certificate ${olds.certificateNo} ("${olds.certificateName}")`;
  const work = unfinishedSteps(olds, news).map((w) => w.will);
  return work.length > 0
    ? `${label}: the update will ${work.join(" and ")} (not done yet as last recorded)`
    : undefined;
}

/** The left-over work of unfinishedWork, as "will ..." for the plan and "...ing" for a failure message. */
function unfinishedSteps(
  olds: Partial<CertificateState>,
  news: Record<string, unknown>,
): { will: string; doing: string }[] {
  const work: { will: string; doing: string }[] = [];
  // A changed input already plans the update; this is for the work left over from earlier runs.
  if (
    olds.registerPrivateKey === true &&
    news.registerPrivateKey === true &&
    olds.statusCode === "2" &&
    olds.privateKeyRegistered !== true
  ) {
    if (olds.keySource !== "csrPem" && olds.keySource !== "adopted") {
      work.push({ will: "register its private key with NCP", doing: "registering the private key with NCP" });
    }
  }
  if (
    typeof news.autoRenewal === "boolean" &&
    olds.autoRenewal === news.autoRenewal &&
    olds.autoRenewalEnabled !== news.autoRenewal
  ) {
    const onOff = news.autoRenewal ? "on" : "off";
    work.push({
      will: `turn NCP's automatic renewal ${onOff}`,
      doing: `switching NCP's automatic renewal ${onOff}`,
    });
  }
  return work;
}

/**
 * What an in-place update does, in the user's words, from diff's `updates` (which also holds internal labels such
 * as "renewal" and "converge"): for the message when the update fails.
 */
export function updateWork(
  olds: Partial<CertificateState>,
  news: Record<string, unknown>,
  updates: string[],
): string[] {
  const work: string[] = [];
  for (const field of updates) {
    switch (field) {
      case "renewal":
        work.push("renewing it by reissue (inside its renewal window)");
        break;
      case "converge":
        work.push(...unfinishedSteps(olds, news).map((w) => `${w.doing} (not done yet as last recorded)`));
        break;
      case "orderUnconfirmed":
        work.push("taking over the order whose answer was lost");
        break;
      case "autoRenewal":
        work.push(
          typeof news.autoRenewal === "boolean"
            ? `switching NCP's automatic renewal ${news.autoRenewal ? "on" : "off"}`
            : "no longer managing NCP's automatic renewal (autoRenewal removed)",
        );
        break;
      case "registerPrivateKey":
        work.push(
          news.registerPrivateKey === true
            ? "registering the private key with NCP (once the certificate is issued)"
            : "no longer registering the private key with NCP (registerPrivateKey off)",
        );
        break;
      case "waitForIssuance":
        work.push(news.waitForIssuance ? "waiting for issuance (waitForIssuance)" : "no longer waiting for issuance");
        break;
      default:
        // Settings that only change what later runs do (renewBeforeDays, revokeOnDestroy, key.reuseOnRenewal, ...).
        work.push(`changing ${field}`);
    }
  }
  return work;
}

/**
 * For a certificate NCP has revoked or let expire: it cannot be reissued, and a new paid order is the user's call, so
 * preview says what happened and how to replace it instead of planning anything.
 */
export function endedCertificateNote(olds: Partial<CertificateState>): string | undefined {
  const label = `certificate ${olds.certificateNo} ("${olds.certificateName}")`;
  const how =
    "NCP cannot reissue it and this resource will not place a new paid order by itself; to replace it, give it a new certificateName";
  if (olds.statusCode === "-5")
    return `${label} was revoked${olds.revokeDate ? ` on ${olds.revokeDate.slice(0, 10)}` : ""}: ${how}`;
  if (olds.statusCode === "-2")
    return `${label} expired${olds.notAfter ? ` on ${olds.notAfter.slice(0, 10)}` : ""}: ${how}`;
  return undefined;
}

/**
 * Whether the issued certificate is inside its renewal window (`renewBeforeDays`, default 30), as refresh last saw
 * it. Returns the reason for the plan, or undefined. `now` for tests.
 */
export function renewalDue(
  olds: Partial<CertificateState>,
  news: Record<string, unknown>,
  now = Date.now(),
): string | undefined {
  const window = typeof news.renewBeforeDays === "number" ? news.renewBeforeDays : DEFAULT_RENEW_BEFORE_DAYS;
  if (window <= 0 || !olds.notAfter || !ISSUED_STATUSES.has(olds.statusCode ?? "")) return undefined;
  if (olds.keySource === "adopted") return undefined; // no key or CSR to reissue with
  if (olds.pendingCsrPem) {
    if (!olds.pendingReissueUnconfirmed) return undefined; // a renewal is already under way
    return `certificate ${olds.certificateNo} ("${olds.certificateName}"): the last reissue may not have reached NCP; it will be sent again with the same key and CSR (no new paid order)`;
  }
  const daysLeft = Math.floor((Date.parse(olds.notAfter) - now) / 86_400_000);
  if (!(daysLeft < window)) return undefined;
  return `certificate ${olds.certificateNo} ("${olds.certificateName}") expires on ${olds.notAfter.slice(0, 10)}, in ${daysLeft} day(s), inside renewBeforeDays ${window}: it will be reissued within its order (no new paid order)`;
}

/** Whether two private key PEMs hold the same key, whatever their encoding. */
function sameKey(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return sameValue(a, b);
  if (a === b) return true;
  try {
    return publicKeysEqual(a, b);
  } catch {
    return false; // unreadable: check reports it; here it can only be a change
  }
}

function keyShape(key: unknown): unknown {
  if (!key || typeof key !== "object") return key;
  const { reuseOnRenewal: _reuse, ...shape } = key as Record<string, unknown>;
  return shape;
}

/** SANs as compared everywhere: lower-case and sorted (a missing list is an empty one). */
export function sortedNames(v: unknown): unknown {
  return Array.isArray(v) ? [...v].map((s) => String(s).toLowerCase()).sort() : v === undefined ? [] : v;
}

function emptyToUndefined(v: unknown): unknown {
  return v && typeof v === "object" && Object.keys(v).length === 0 ? undefined : v;
}

/** Deep equality over JSON values, where missing and undefined are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? undefined) === (b ?? undefined);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) {
      if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return false;
}
