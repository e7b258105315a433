/** How NHN certificate files look in the emulator: PEM text, key encodings, PKCS#12 dumps, and records made from a file. */
import * as crypto from "node:crypto";
import { factsFromFile } from "./pemFacts";
import type { NhnCertificateRecord } from "./world";

export const DAY_MS = 86_400_000;
/** The passphrase of the encrypted keys in the fixed set (stored beside the file, as the console does). */
export const FIXED_SET_PASSPHRASE = "emulator-passphrase";

/** Names as the console allows them (§2): Latin and Korean letters, digits, `-`, `_`, `.`, `*`. */
export const CERTIFICATE_NAME_RULE = /^[A-Za-z0-9\uAC00-\uD7A3\u3131-\u318E._*-]+$/;

export const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

// ---------------------------------------------------------------------------------------------------------------
// PEM text helpers

export function keyPem(key: crypto.KeyObject, type: "pkcs1" | "pkcs8" | "sec1"): string {
  return key.export({ type, format: "pem" } as crypto.KeyExportOptions<"pem">) as string;
}

export function encryptedKeyPem(key: crypto.KeyObject, type: "pkcs1" | "pkcs8", cipher: string): string {
  return key.export({ type, format: "pem", cipher, passphrase: FIXED_SET_PASSPHRASE }) as string;
}

export function join(parts: string[], eol = "\n"): string {
  const text = parts.map((p) => (p.endsWith("\n") ? p : `${p}\n`)).join("");
  return eol === "\n" ? text : text.replace(/\r?\n/g, eol);
}

/** `O = x, CN = y`, as OpenSSL 3.0 prints names in `subject=` / `issuer=` lines. */
export function opensslName(x509Name: string): string {
  return x509Name
    .split("\n")
    .map((line) => line.replace("=", " = "))
    .join(", ");
}

export function hexPairs(buf: Buffer): string {
  return (buf.toString("hex").toUpperCase().match(/../g) ?? []).join(" ");
}

/** What `openssl pkcs12 -in store.p12 -nodes` writes: certificates with Bag Attributes, then the key. */
export function pkcs12Dump(leafPem: string, chain: string[], key: string, friendlyName: string): string {
  const leaf = new crypto.X509Certificate(leafPem);
  const localKeyId = hexPairs(crypto.createHash("sha1").update(leaf.raw).digest());
  const described = (pem: string, attributes: string) => {
    const cert = new crypto.X509Certificate(pem);
    return `${attributes}\nsubject=${opensslName(cert.subject)}\nissuer=${opensslName(cert.issuer)}\n${pem}`;
  };
  return join([
    described(leafPem, `Bag Attributes\n    friendlyName: ${friendlyName}\n    localKeyID: ${localKeyId}`),
    ...chain.map((pem) => described(pem, "Bag Attributes: <No Attributes>")),
    `Bag Attributes\n    friendlyName: ${friendlyName}\n    localKeyID: ${localKeyId}\nKey Attributes: <No Attributes>`,
    key,
  ]);
}

/** Bag Attributes stanzas, as a Windows certificate store export repeats them, until the text passes `bytes`. */
export function bagAttributePadding(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const id = hexPairs(crypto.createHash("sha1").update(`pad-${i}`).digest());
    const stanza =
      `Bag Attributes\n    friendlyName: imported-ca-${String(i).padStart(5, "0")}\n    localKeyID: ${id}\n` +
      "    1.3.6.1.4.1.311.17.1: Microsoft Enhanced RSA and AES Cryptographic Provider\n";
    lines.push(stanza);
    size += stanza.length;
  }
  return lines.join("");
}

// ---------------------------------------------------------------------------------------------------------------
// Records

export function recordFromFile(
  id: number,
  name: string,
  fileName: string,
  file: string | Buffer,
  now: number,
  extra: Partial<NhnCertificateRecord> = {},
): NhnCertificateRecord {
  const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file, "utf8");
  const facts = factsFromFile(bytes);
  return {
    certificateId: id,
    certificateName: name,
    authority: facts?.authority ?? null,
    domains: facts?.domains ?? [],
    signatureAlgorithm: facts?.signatureAlgorithm ?? null,
    fileCreationDate: facts?.fileCreationDate ?? null,
    expirationDate: facts?.expirationDate ?? null,
    notBeforeMs: facts?.notBeforeMs,
    notAfterMs: facts?.notAfterMs,
    fileCount: 1,
    fileName,
    file: bytes.toString("base64"),
    registeredAtMs: now,
    ...extra,
  };
}

export function defaultFileName(name: string, rnd?: () => number): string {
  if (name.startsWith("*.")) return `STAR_${name.slice(2).replace(/[.-]/g, "_")}.pem`;
  const base = name.replace(/\*/g, "STAR");
  return rnd ? `${base}${pick(rnd, [".pem", ".pem", "_fullchain.pem", "-bundle.pem"])}` : `${base}.pem`;
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}
