/**
 * Drift of an ExternalCertificate, in words: what someone changed in the NCP console. The program's inputs and the
 * facts of what this stack uploaded stay in the outputs; what NCP shows instead goes to `observed` (only while it
 * differs), so the next `up` puts the program's certificate back under the same number, and a console rename is
 * followed rather than turned into a replacement.
 */
import type { CertificateSummary } from "../api/certificateManagerTypes";
import type { HeldCertificate } from "./register";
import { holds } from "./register";
import type { ExternalState, ObservedExternal } from "./state";

export function observedOf(
  state: ExternalState,
  entry: CertificateSummary,
  held: HeldCertificate,
): ObservedExternal | undefined {
  const observed: ObservedExternal = {};
  if (entry.certificateName && entry.certificateName !== state.certificateName)
    observed.certificateName = entry.certificateName;
  if (!holds(held, state)) {
    observed.fingerprintSha256 = held.fingerprintSha256;
    observed.serialNumber = held.serialNumber;
    observed.notAfter = held.notAfter;
  }
  return Object.keys(observed).length > 0 ? observed : undefined;
}

/** The log lines a refresh prints beside the field-level diff. */
export function explainExternalDrift(old: ExternalState, fresh: ExternalState): string[] {
  const notes: string[] = [];
  const wasName = old.observed?.certificateName ?? old.certificateName;
  const nowName = fresh.observed?.certificateName ?? fresh.certificateName;
  if (wasName !== nowName) {
    notes.push(
      `renamed "${wasName}" → "${nowName}" in NCP: renewals and delete use NCP's name; the number and load balancers are unchanged`,
    );
  }
  const wasHeld = old.observed?.serialNumber ?? old.serialNumber;
  const nowHeld = fresh.observed?.serialNumber ?? fresh.serialNumber;
  if (fresh.observed?.serialNumber !== undefined && wasHeld !== nowHeld) {
    notes.push(
      `replaced in NCP: it now holds serial ${nowHeld}${fresh.observed.notAfter ? ` (valid until ${fresh.observed.notAfter})` : ""}, not the certificate this stack uploaded (serial ${fresh.serialNumber}); ` +
        "the next `pulumi up` uploads the program's certificate again under the same number",
    );
  }
  if (fresh.statusCode !== old.statusCode && old.statusCode) {
    notes.push(`status ${old.statusName ?? old.statusCode} → ${fresh.statusName ?? fresh.statusCode}`);
  }
  return notes;
}

export function deletedNote(): string {
  return "no longer exists in NCP (deleted in the console or outside Pulumi): refresh removes it from the stack, and the next `pulumi up` uploads it again under a new number (load balancers must then be pointed at it)";
}
