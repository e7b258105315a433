/**
 * Drift of an AdvancedCertificate: what changed in NCP outside Pulumi, kept apart from the program's inputs and
 * explained in words.
 *
 * The identity fields (name, common name, SANs) stay in the outputs as the program set them: the engine diffs the
 * next `up` against the outputs (and a refresh's own diff against the inputs read returns), so writing NCP's values
 * there would turn a console rename into a planned NEW PAID ORDER. NCP's values go to `observed`, only while they
 * differ, and the refresh log says what changed.
 */
import { sameValue, sortedNames } from "./diff";
import type { CertificateState } from "./state";

/** The identity NCP shows, where it differs from the program's (absent when they agree). */
export interface ObservedIdentity {
  certificateName: string;
  commonName: string;
  dnsNames: string[];
}

type Identity = Pick<CertificateState, "certificateName" | "commonName" | "dnsNames">;

/** The identity as NCP last showed it: `observed` when NCP differed, else the program's own fields. */
export function ncpIdentity(s: Partial<CertificateState>): Partial<Identity> {
  return s.observed ?? { certificateName: s.certificateName, commonName: s.commonName, dnsNames: s.dnsNames };
}

/** `observed` for a state whose NCP entry shows `ncp`: undefined when NCP agrees with the program. */
export function observedIdentity(
  state: Partial<CertificateState>,
  ncp: ObservedIdentity,
): ObservedIdentity | undefined {
  const agrees =
    ncp.certificateName === state.certificateName &&
    ncp.commonName === state.commonName?.toLowerCase() &&
    sameValue(sortedNames(ncp.dnsNames), sortedNames(state.dnsNames));
  return agrees ? undefined : ncp;
}

/**
 * What changed outside Pulumi, in words, for the log line a refresh prints beside the field-level diff
 * (e.g. "revoked on 2026-05-02", "serial changed A → B").
 */
export function explainDrift(old: Partial<CertificateState>, fresh: Partial<CertificateState>): string[] {
  const notes: string[] = [];
  if (fresh.statusCode !== undefined && old.statusCode !== undefined && fresh.statusCode !== old.statusCode) {
    const was = `${old.statusName ?? old.statusCode}`;
    if (fresh.statusCode === "-5")
      notes.push(`revoked${fresh.revokeDate ? ` on ${fresh.revokeDate.slice(0, 10)}` : ""} (was ${was})`);
    else if (fresh.statusCode === "-2")
      notes.push(`expired${old.notAfter ? ` on ${old.notAfter.slice(0, 10)}` : ""} (was ${was})`);
    else notes.push(`status ${was} → ${fresh.statusName ?? fresh.statusCode}`);
  }
  if (fresh.serialNumber && old.serialNumber && !sameSerial(fresh.serialNumber, old.serialNumber)) {
    notes.push(
      `serial changed ${old.serialNumber} → ${fresh.serialNumber} (reissued outside Pulumi); now valid until ${fresh.notAfter ?? "?"}`,
    );
  }
  if (fresh.keyMatchesCertificate === false && old.keyMatchesCertificate !== false) {
    notes.push(
      "the certificate NCP now holds was made with another key: the private key in this stack no longer matches it",
    );
  }
  const was = ncpIdentity(old);
  const now = ncpIdentity(fresh);
  if (now.certificateName && was.certificateName && now.certificateName !== was.certificateName) {
    notes.push(`renamed "${was.certificateName}" → "${now.certificateName}"`);
  }
  if (now.commonName && was.commonName && now.commonName !== was.commonName) {
    notes.push(`commonName ${was.commonName} → ${now.commonName}`);
  }
  if (now.dnsNames && was.dnsNames) {
    const added = now.dnsNames.filter((d) => !was.dnsNames?.includes(d));
    const removed = was.dnsNames.filter((d) => !now.dnsNames?.includes(d));
    if (added.length || removed.length) {
      notes.push(`SANs changed (${[...added.map((d) => `+${d}`), ...removed.map((d) => `-${d}`)].join(" ")})`);
    }
  }
  return notes;
}

/** Serial numbers as hex, compared without colons, case or leading zeros (NCP and X.509 tools print them differently). */
export function sameSerial(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string | undefined) => (s ?? "").replace(/[:\s]/g, "").toUpperCase().replace(/^0+/, "");
  return norm(a) === norm(b);
}
