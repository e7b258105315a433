/**
 * Raised for bad user-supplied crypto material (keys, CSRs, certificates, names). The message says what is wrong
 * and how to fix it, so callers can show it as-is; `field` names the resource input it came from, when known.
 */
export class CryptoInputError extends Error {
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.name = "CryptoInputError";
    if (field !== undefined) {
      this.field = field;
    }
  }
}
