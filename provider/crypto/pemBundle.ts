/**
 * Splits a PEM bundle into leaf, chain, root and private key: the `.pem` file NHN Cloud Certificate Manager returns,
 * and the `pemBundle` input of `ncloud.ExternalCertificate`.
 *
 * The file is stored exactly as the user uploaded it, so nothing about its layout can be assumed: blocks come in any
 * order, with CRLF line endings, with `openssl pkcs12` text (`Bag Attributes`, `subject=`, ...) between them, with or
 * without the root, and with the key in PKCS#1, PKCS#8, SEC1 or an encrypted form. Certificates are therefore placed
 * by their relationships (key match, issuer links checked by signature), never by position.
 */
import * as crypto from "node:crypto";
import { describePemLabel, type PemBlock, splitPemBlocks, toPem, unterminatedBlocks } from "../shared/pem";
import { publicKeysEqual } from "./keys";
import { type ParsedCertificate, parseCertificate } from "./x509";

/**
 * How the private key is stored. `encrypted-ec` is a SEC1 key with legacy `Proc-Type: 4,ENCRYPTED` headers
 * (`openssl ec -aes256`); it follows the `encrypted-<format>` pattern of the other two.
 */
export type PrivateKeyType = "pkcs1" | "pkcs8" | "ec" | "encrypted-pkcs1" | "encrypted-pkcs8" | "encrypted-ec";

export interface CertificateBundle {
  /** The leaf, normalized (LF, 64-column base64, one trailing newline). */
  certificatePem: string;
  /** Intermediates ordered from the leaf's issuer upward; "" if none; never the self-signed root. */
  chainPem: string;
  /** certificatePem + chainPem. */
  fullChainPem: string;
  /** The self-signed root that ends the leaf's chain, if the file has it. */
  rootCertificatePem?: string;
  /** The key block as stored (same label, headers and content; LF, re-wrapped at 64 columns); undefined if none. */
  privateKeyPem?: string;
  privateKeyType?: PrivateKeyType;
  privateKeyEncrypted: boolean;
  leaf: ParsedCertificate;
  /** Certificates in the file that are not part of the leaf's chain, in file order (reported, not dropped). */
  unrelatedCertificatePems: string[];
}

export type BundleErrorReason = "no-certificate" | "key-mismatch" | "encrypted-key" | "multiple-keys" | "malformed";

/** A certificate file that cannot be used. Messages never quote the file, since it may hold a private key. */
export class BundleError extends Error {
  readonly reason: BundleErrorReason;

  constructor(reason: BundleErrorReason, message: string) {
    super(message);
    this.name = "BundleError";
    this.reason = reason;
  }
}

export interface SplitCertificateBundleOptions {
  /** Return an encrypted key untouched instead of failing. The leaf is then found by issuer links alone. */
  allowEncryptedKey?: boolean;
}

// "X509 CERTIFICATE" is the legacy label that openssl still reads.
const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);
const PLAIN_KEY_TYPES: Record<string, { type: PrivateKeyType; der: "pkcs1" | "pkcs8" | "sec1" }> = {
  "RSA PRIVATE KEY": { type: "pkcs1", der: "pkcs1" },
  "PRIVATE KEY": { type: "pkcs8", der: "pkcs8" },
  "EC PRIVATE KEY": { type: "ec", der: "sec1" },
};
const LEGACY_ENCRYPTED_TYPES: Record<string, PrivateKeyType> = {
  "RSA PRIVATE KEY": "encrypted-pkcs1",
  "EC PRIVATE KEY": "encrypted-ec",
};
const KEY_DESCRIPTIONS: Record<PrivateKeyType, string> = {
  pkcs1: "PKCS#1 RSA key",
  pkcs8: "PKCS#8 key",
  ec: "SEC1 EC key",
  "encrypted-pkcs1": "PKCS#1 RSA key encrypted with Proc-Type: 4,ENCRYPTED",
  "encrypted-pkcs8": "encrypted PKCS#8 key",
  "encrypted-ec": "SEC1 EC key encrypted with Proc-Type: 4,ENCRYPTED",
};

interface CertEntry {
  /** Position among the file's distinct certificates. */
  index: number;
  pem: string;
  x509: crypto.X509Certificate;
}

interface KeyEntry {
  block: PemBlock;
  type: PrivateKeyType;
  encrypted: boolean;
}

function toText(file: string | Buffer): string {
  if (Buffer.isBuffer(file)) {
    return file.toString("utf8");
  }
  if (typeof file !== "string") {
    throw new BundleError("malformed", `the certificate file must be a string or Buffer, got ${typeof file}`);
  }
  return file;
}

function readBlocks(text: string): PemBlock[] {
  const blocks = splitPemBlocks(text);
  const { begins, labels } = unterminatedBlocks(text);
  // More BEGIN lines than blocks also catches a cut-off block followed by a complete one of the same label.
  if (labels.length > 0 || begins > blocks.length) {
    const which = labels.length > 0 ? ` (${labels.map(describePemLabel).join(", ")})` : "";
    throw new BundleError(
      "malformed",
      `the certificate file has a PEM block without its END line${which}; the file is truncated or was edited ` +
        "by hand; upload the complete file again in NHN Certificate Manager",
    );
  }
  if (blocks.length === 0) {
    throw new BundleError(
      "malformed",
      `the certificate file (${Buffer.byteLength(text)} bytes) holds no PEM blocks; expected PEM text with ` +
        "-----BEGIN CERTIFICATE----- blocks and the private key",
    );
  }
  return blocks;
}

/** Distinct certificates in file order; an exact duplicate (e.g. a leaf pasted twice) carries nothing new. */
function readCertificates(blocks: PemBlock[]): CertEntry[] {
  const entries: CertEntry[] = [];
  const seen = new Set<string>();
  let position = 0;
  for (const block of blocks) {
    if (!CERTIFICATE_LABELS.has(block.label)) {
      continue;
    }
    position++;
    const key = block.der.toString("base64");
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    let x509: crypto.X509Certificate;
    try {
      x509 = new crypto.X509Certificate(block.der);
    } catch (err) {
      throw new BundleError(
        "malformed",
        `certificate #${position} in the file could not be parsed (${(err as Error).message}); ` +
          "upload a file with intact certificates in NHN Certificate Manager",
      );
    }
    entries.push({ index: entries.length, pem: toPem("CERTIFICATE", block.der), x509 });
  }
  return entries;
}

function classifyKey(block: PemBlock): KeyEntry {
  if (block.label === "ENCRYPTED PRIVATE KEY") {
    return { block, type: "encrypted-pkcs8", encrypted: true };
  }
  if (/ENCRYPTED/i.test(block.headers["Proc-Type"] ?? "")) {
    const type = LEGACY_ENCRYPTED_TYPES[block.label];
    if (type !== undefined) {
      return { block, type, encrypted: true };
    }
  }
  const plain = PLAIN_KEY_TYPES[block.label];
  if (plain === undefined) {
    throw new BundleError(
      "malformed",
      `the file's ${describePemLabel(block.label)} is not a supported format; ` +
        "use a PKCS#1, PKCS#8 or SEC1 (EC) key, e.g. openssl pkey -in key.pem -out plain.pem",
    );
  }
  return { block, type: plain.type, encrypted: false };
}

/** The one private key in the file, if any. */
function readKey(blocks: PemBlock[]): KeyEntry | undefined {
  const seen = new Set<string>();
  const keys: PemBlock[] = [];
  for (const block of blocks) {
    const id = `${block.label}\n${block.der.toString("base64")}`;
    if (/PRIVATE KEY$/.test(block.label) && !seen.has(id)) {
      seen.add(id);
      keys.push(block);
    }
  }
  if (keys.length > 1) {
    throw new BundleError(
      "multiple-keys",
      `the certificate file holds ${keys.length} private keys (${keys.map((k) => describePemLabel(k.label)).join(", ")}); ` +
        "it must hold exactly one, the key of the leaf certificate; fix the file in NHN Certificate Manager",
    );
  }
  return keys.length === 0 ? undefined : classifyKey(keys[0]);
}

function encryptedKeyError(key: KeyEntry): BundleError {
  return new BundleError(
    "encrypted-key",
    `the certificate file's private key (${KEY_DESCRIPTIONS[key.type]}) is encrypted with a passphrase that ` +
      "NHN Cloud Certificate Manager never returns, so it cannot be used; decrypt it before uploading " +
      "(openssl pkey -in key.pem -out plain.pem) and replace the file in NHN Certificate Manager, " +
      "or set allowEncryptedKey to receive the encrypted key untouched",
  );
}

function loadKey(key: KeyEntry): crypto.KeyObject {
  try {
    return crypto.createPrivateKey({ key: key.block.der, format: "der", type: PLAIN_KEY_TYPES[key.block.label].der });
  } catch (err) {
    // OpenSSL's error text names the failing decoder, never the input.
    throw new BundleError(
      "malformed",
      `the certificate file's ${KEY_DESCRIPTIONS[key.type]} could not be read (${(err as Error).message}); ` +
        "upload an intact key in NHN Certificate Manager",
    );
  }
}

/** Issuer relation over the file's certificates, memoized: signature checks are the expensive part. */
class IssuerGraph {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly certs: CertEntry[]) {}

  /** Whether `issuer` signed `child`: names (and key identifiers) match and the signature verifies. */
  issued(issuer: CertEntry, child: CertEntry): boolean {
    const id = `${issuer.index}>${child.index}`;
    let result = this.cache.get(id);
    if (result === undefined) {
      result = child.x509.checkIssued(issuer.x509) && verifies(child, issuer);
      this.cache.set(id, result);
    }
    return result;
  }

  selfSigned(cert: CertEntry): boolean {
    return this.issued(cert, cert);
  }

  issuesOthers(cert: CertEntry): boolean {
    return this.certs.some((other) => other !== cert && this.issued(cert, other));
  }

  /** The leaf's issuers upward; a self-signed one ends the walk as the root. */
  chainOf(leaf: CertEntry): { chain: CertEntry[]; root?: CertEntry } {
    const chain: CertEntry[] = [];
    const used = new Set<CertEntry>([leaf]);
    let current = leaf;
    if (this.selfSigned(leaf)) {
      return { chain };
    }
    for (;;) {
      const issuer = this.certs.find((cert) => !used.has(cert) && this.issued(cert, current));
      if (issuer === undefined) {
        return { chain };
      }
      if (this.selfSigned(issuer)) {
        return { chain, root: issuer };
      }
      chain.push(issuer);
      used.add(issuer);
      current = issuer;
    }
  }
}

function verifies(child: CertEntry, issuer: CertEntry): boolean {
  try {
    return child.x509.verify(issuer.x509.publicKey);
  } catch {
    // An algorithm OpenSSL cannot check is no proof of issuance.
    return false;
  }
}

function subjectsOf(certs: CertEntry[]): string {
  return certs.map((cert) => `"${cert.x509.subject.replace(/\n/g, ", ")}"`).join("; ");
}

/** The certificate that belongs to the (unencrypted) private key. */
function leafForKey(certs: CertEntry[], graph: IssuerGraph, key: crypto.KeyObject, type: PrivateKeyType): CertEntry {
  const publicKey = crypto.createPublicKey(key);
  const matches = certs.filter((cert) => publicKeysEqual(publicKey, cert.x509.publicKey));
  if (matches.length === 0) {
    const candidates = certs.filter((cert) => !cert.x509.ca);
    const named = candidates.length > 0 ? candidates : certs;
    const algorithm = key.asymmetricKeyType?.toUpperCase() ?? "unknown";
    throw new BundleError(
      "key-mismatch",
      `the certificate file's private key (${KEY_DESCRIPTIONS[type]}, ${algorithm}) belongs to none of its ` +
        `${certs.length} certificate(s); leaf candidates: ${subjectsOf(named)}; ` +
        "upload the certificate together with its own key in NHN Certificate Manager",
    );
  }
  // Several certificates can share a key (a renewal pasted beside the old one); prefer one that signs nothing.
  return matches.find((cert) => !graph.issuesOthers(cert)) ?? matches[0];
}

/** Without a usable key: the end-entity certificate, i.e. one that is not a CA and issues nothing in the file. */
function leafByIssuerLinks(certs: CertEntry[], graph: IssuerGraph): CertEntry {
  const endEntities = certs.filter((cert) => !graph.issuesOthers(cert));
  // A lone self-signed certificate made with `openssl req -x509` is marked CA:TRUE yet is the leaf.
  return endEntities.find((cert) => !cert.x509.ca) ?? endEntities[0] ?? certs[0];
}

function parseLeaf(pem: string): ParsedCertificate {
  try {
    return parseCertificate(pem);
  } catch (err) {
    throw new BundleError("malformed", `the leaf certificate could not be parsed (${(err as Error).message})`);
  }
}

/**
 * Split a certificate file downloaded from NHN Cloud Certificate Manager. Throws BundleError when the file has no
 * certificate, is not PEM, holds several keys, holds an encrypted key (unless allowed) or a key matching no
 * certificate.
 */
export function splitCertificateBundle(
  file: string | Buffer,
  options: SplitCertificateBundleOptions = {},
): CertificateBundle {
  const blocks = readBlocks(toText(file));
  const certs = readCertificates(blocks);
  if (certs.length === 0) {
    const found = [...new Set(blocks.map((b) => describePemLabel(b.label)))].join(", ");
    throw new BundleError(
      "no-certificate",
      `the certificate file holds no certificate (found: ${found}); upload a file with the certificate ` +
        "(-----BEGIN CERTIFICATE-----) and its key in NHN Certificate Manager",
    );
  }
  const key = readKey(blocks);
  if (key?.encrypted && options.allowEncryptedKey !== true) {
    throw encryptedKeyError(key);
  }

  const graph = new IssuerGraph(certs);
  const leaf =
    key !== undefined && !key.encrypted
      ? leafForKey(certs, graph, loadKey(key), key.type)
      : leafByIssuerLinks(certs, graph);
  const { chain, root } = graph.chainOf(leaf);
  const placed = new Set<CertEntry>([leaf, ...chain]);
  if (root !== undefined) {
    placed.add(root);
  }

  const chainPem = chain.map((cert) => cert.pem).join("");
  const bundle: CertificateBundle = {
    certificatePem: leaf.pem,
    chainPem,
    fullChainPem: leaf.pem + chainPem,
    privateKeyEncrypted: key?.encrypted ?? false,
    leaf: parseLeaf(leaf.pem),
    unrelatedCertificatePems: certs.filter((cert) => !placed.has(cert)).map((cert) => cert.pem),
  };
  if (root !== undefined) {
    bundle.rootCertificatePem = root.pem;
  }
  if (key !== undefined) {
    bundle.privateKeyPem = key.block.pem;
    bundle.privateKeyType = key.type;
  }
  return bundle;
}
