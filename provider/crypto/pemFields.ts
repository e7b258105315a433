/**
 * What each PEM input may hold. A field stored in clear in the stack's state (a certificate, a chain, a CSR) must
 * hold its own blocks and nothing else: a PEM reader skips what it does not want, so a private key pasted into such
 * a field (whole, cut off, or as bare base64) would pass through to state unencrypted. A key field (a secret) must
 * hold one key and no other block, so the key is compared with a certificate by its own public half. Messages
 * describe what was found and never quote it.
 */
import { describePemLabel, linesOutsideBlocks, splitPemBlocks, unterminatedBlocks } from "../shared/pem";

export type PemFieldKind = "certificates" | "csr" | "privateKey";

const ALLOWED: Record<PemFieldKind, (label: string) => boolean> = {
  certificates: (label) => label === "CERTIFICATE",
  csr: (label) => label === "CERTIFICATE REQUEST" || label === "NEW CERTIFICATE REQUEST",
  // Unsupported key formats (OpenSSH, DSA, encrypted) are explained by the key reader itself.
  privateKey: (label) => /PRIVATE KEY$/.test(label),
};

const WHAT: Record<PemFieldKind, string> = {
  certificates: "CERTIFICATE blocks",
  csr: "exactly one CERTIFICATE REQUEST block",
  privateKey: "the private key alone",
};

const PRINT_ALONE: Record<PemFieldKind, string> = {
  certificates: "`openssl x509 -in file.pem` prints a certificate alone",
  csr: "`openssl req -in file.pem` prints the CSR alone",
  privateKey: "",
};

export interface PemFieldOptions {
  /** Where a private key found in a clear-text field belongs, e.g. "pass it as privateKeyPem (a secret)". */
  keyBelongs?: string;
  /** For a key field: where the other blocks found in it belong. */
  othersBelong?: string;
}

/** Why `text` cannot be taken as `field`, or undefined when it holds only what the field allows. */
export function pemFieldProblem(
  text: string,
  field: string,
  kind: PemFieldKind,
  options: PemFieldOptions = {},
): string | undefined {
  // Text with no PEM block at all is refused by the field's own reader, which says what was expected.
  if (!/-----(BEGIN|END) /.test(text)) return undefined;
  const clear = kind !== "privateKey";
  const inClear = `${field} is stored in clear in the stack's state (it is not a secret)`;
  const cut = unterminatedBlocks(text).labels;
  const blocks = splitPemBlocks(text);
  const foreign = blocks.map((b) => b.label).filter((label) => !ALLOWED[kind](label));
  const keys = [...cut, ...foreign].filter((label) => /PRIVATE KEY/.test(label));
  if (clear && keys.length > 0) {
    return `${field} must hold ${WHAT[kind]}, but it holds a ${describePemLabel(keys[0])}${cut.length > 0 ? " (cut off: no END line)" : ""}: remove it. ${inClear}; ${options.keyBelongs ?? "keep the key out of it"}`;
  }
  if (cut.length > 0) {
    return `${field} holds a PEM block without its END line (${cut.map(describePemLabel).join(", ")}): copy the whole text again`;
  }
  if (foreign.length > 0) {
    const found = [...new Set(foreign.map(describePemLabel))].join(", ");
    const fix = clear ? "remove them" : (options.othersBelong ?? "pass the key alone");
    return `${field} must hold ${WHAT[kind]}, but it also holds ${found}: ${fix}`;
  }
  const kindCount = blocks.length;
  if (kind === "csr" && kindCount > 1)
    return `${field} must hold ${WHAT[kind]}, but it holds ${kindCount}: keep only one`;
  if (clear) {
    const stray = linesOutsideBlocks(text);
    if (stray.length > 0) {
      const where =
        stray.length === 1
          ? `line ${stray[0]}`
          : `lines ${stray.slice(0, 3).join(", ")}${stray.length > 3 ? ", …" : ""}`;
      return `${field} holds text outside its PEM blocks (${where}): remove it. ${inClear}, and NCP takes PEM blocks only (${PRINT_ALONE[kind]})`;
    }
  }
  return undefined;
}

/** The one private key block of a key field, normalized; undefined when there is none. */
export function keyBlockOf(text: string): string | undefined {
  return splitPemBlocks(text).find((b) => ALLOWED.privateKey(b.label))?.pem;
}

/** A key field (a secret) holds the key alone: a certificate beside it must never stand in for its public half. */
export function keyFieldProblem(
  pem: string,
  field = "privateKeyPem",
  othersBelong = "pass the PEM of the private key alone",
): string | undefined {
  return pemFieldProblem(pem, field, "privateKey", { othersBelong });
}
