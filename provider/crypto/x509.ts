/**
 * X.509 certificate reading, plus a tiny two-level test CA that the API emulator uses to "issue" certificates for
 * CSRs. The CA is for local testing only; nothing here is meant to run a real PKI.
 */
import * as crypto from "node:crypto";
import { normalizePem, splitPemBlocks, toPem } from "../shared/pem";
import {
  type Asn1,
  bitString,
  bitStringBytes,
  boolean,
  bytesOf,
  childrenOf,
  contextTag,
  decodeTime,
  fromDer,
  isContext,
  OID,
  octetString,
  oid,
  rawChildren,
  sequence,
  smallInteger,
  Type,
  time,
  toBytes,
  unsignedInteger,
} from "./asn1";
import { parseCsr, sanNames, uniqueNames } from "./csr";
import { CryptoInputError } from "./errors";
import { generateKeyPair, loadPrivateKey, publicKeysEqual } from "./keys";
import { algorithmIdentifier, signatureAlgorithmForKey, signStructure, spkiToAsn1, splitSigned } from "./signatures";
import {
  decodeExtensions,
  decodeName,
  decodeSubjectAltName,
  type Extension,
  encodeExtension,
  encodeName,
  encodeSubjectAltName,
  type NameAttribute,
} from "./x500Name";

export interface ParsedCertificate {
  /** One line, e.g. `C=KR, O=Example, CN=www.example.com`. */
  subject: string;
  issuer: string;
  commonName?: string;
  /** subjectAltName DNS entries, in order. */
  dnsNames: string[];
  /** ISO 8601 UTC, whole seconds, e.g. `2025-01-31T00:00:00Z`. */
  notBefore: string;
  notAfter: string;
  /** Upper-case hex without separators, as node's X509Certificate reports it. */
  serialNumber: string;
  /** Upper-case hex pairs separated by colons. */
  fingerprintSha256: string;
  publicKeyPem: string;
  isCa: boolean;
  /** This certificate alone, normalized. */
  pem: string;
}

export interface IssuerMaterial {
  certificatePem: string;
  privateKey: crypto.KeyObject;
  privateKeyPem: string;
}

export interface CertificateAuthority {
  root: IssuerMaterial;
  intermediate: IssuerMaterial;
}

/** JSON-safe form of IssuerMaterial. */
export interface SerializedIssuer {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssueCertificateOptions {
  csrPem: string;
  issuer: IssuerMaterial;
  notBefore: Date;
  notAfter: Date;
  /** Unsigned big-endian; random 16 bytes with the high bit cleared when omitted. */
  serialNumber?: Buffer;
  /** Defaults to the CSR's CN. */
  commonName?: string;
  /** Defaults to the CSR's subjectAltName DNS names. */
  dnsNames?: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface CertificateFields {
  issuer: Asn1;
  subject: Asn1;
  /** Exact DER of the subject Name, for chaining. */
  subjectDer: Buffer;
  validity: Asn1[];
  extensions: Extension[];
}

function certificateFields(der: Buffer): CertificateFields {
  const { tbs, tbsDer } = splitSigned(der);
  const parts = childrenOf(tbs, Type.SEQUENCE, "TBSCertificate");
  // version is [0] EXPLICIT and absent for v1 certificates.
  const base = isContext(parts[0], 0) ? 1 : 0;
  const extensionsNode = parts.slice(base + 6).find((node) => isContext(node, 3));
  const extensionsList = Array.isArray(extensionsNode?.value) ? extensionsNode.value[0] : undefined;
  return {
    issuer: parts[base + 2],
    validity: childrenOf(parts[base + 3], Type.SEQUENCE, "Validity"),
    subject: parts[base + 4],
    subjectDer: rawChildren(tbsDer)[base + 4],
    extensions: extensionsList === undefined ? [] : decodeExtensions(extensionsList),
  };
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function parseCertificateDer(der: Buffer, field: string): ParsedCertificate {
  let cert: crypto.X509Certificate;
  let fields: CertificateFields;
  try {
    cert = new crypto.X509Certificate(der);
    fields = certificateFields(der);
  } catch (err) {
    throw new CryptoInputError(`the certificate could not be parsed: ${(err as Error).message}`, field);
  }
  const subject = decodeName(fields.subject);
  const san = fields.extensions.find((ext) => ext.oid === OID.subjectAltName);
  const result: ParsedCertificate = {
    subject: subject.text,
    issuer: decodeName(fields.issuer).text,
    dnsNames: san === undefined ? [] : decodeSubjectAltName(san.value),
    notBefore: isoSeconds(decodeTime(fields.validity[0])),
    notAfter: isoSeconds(decodeTime(fields.validity[1])),
    serialNumber: cert.serialNumber.toUpperCase(),
    fingerprintSha256: cert.fingerprint256,
    publicKeyPem: cert.publicKey.export({ type: "spki", format: "pem" }) as string,
    isCa: cert.ca,
    pem: toPem("CERTIFICATE", der),
  };
  if (subject.fields.commonName !== undefined) {
    result.commonName = subject.fields.commonName;
  }
  return result;
}

function certificateBlocks(pem: string, field: string) {
  if (typeof pem !== "string" || pem.trim() === "") {
    throw new CryptoInputError(
      "the certificate is empty; pass PEM text starting with -----BEGIN CERTIFICATE-----",
      field,
    );
  }
  const blocks = splitPemBlocks(pem);
  const certs = blocks.filter((b) => b.label === "CERTIFICATE");
  if (certs.length === 0) {
    const found = blocks.length === 0 ? "no PEM block" : blocks.map((b) => b.label).join(", ");
    throw new CryptoInputError(`expected a -----BEGIN CERTIFICATE----- block but found ${found}`, field);
  }
  return certs;
}

/** Parse the first certificate in the PEM text (the leaf, in a chain file). */
export function parseCertificate(pem: string, field = "certificate"): ParsedCertificate {
  return parseCertificateDer(certificateBlocks(pem, field)[0].der, field);
}

/** Parse every certificate in the PEM text, in order. */
export function parseCertificateChain(pem: string, field = "certificateChain"): ParsedCertificate[] {
  return certificateBlocks(pem, field).map((block) => parseCertificateDer(block.der, field));
}

// ---------------------------------------------------------------------------------------------------------------
// Issuing

const KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

/** KeyUsage as a DER named-bit list: trailing zero bits are dropped and counted as unused. */
function keyUsage(bits: number[]): Asn1 {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc((highest >> 3) + 1);
  for (const bit of bits) {
    bytes[bit >> 3] |= 0x80 >> (bit & 7);
  }
  return bitString(bytes, bytes.length * 8 - 1 - highest);
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(key: crypto.KeyObject): Buffer {
  const spki = childrenOf(spkiToAsn1(key), Type.SEQUENCE, "SubjectPublicKeyInfo");
  return crypto.createHash("sha1").update(bitStringBytes(spki[1], "subjectPublicKey")).digest();
}

function authorityKeyIdentifier(keyId: Buffer): Asn1 {
  return sequence([contextTag(0, false, toBytes(keyId))]);
}

function randomSerial(): Buffer {
  const serial = crypto.randomBytes(16);
  // Cleared high bit keeps the INTEGER positive without a padding byte; a zero serial is not allowed.
  serial[0] &= 0x7f;
  if (serial.every((b) => b === 0)) {
    serial[15] = 1;
  }
  return serial;
}

interface CertificateParams {
  serial: Buffer;
  issuerName: Asn1;
  subjectName: Asn1;
  publicKey: crypto.KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Asn1[];
  signingKey: crypto.KeyObject;
}

function buildCertificate(params: CertificateParams): string {
  const tbs = sequence([
    contextTag(0, true, [smallInteger(2)]),
    unsignedInteger(params.serial),
    algorithmIdentifier(signatureAlgorithmForKey(params.signingKey)),
    params.issuerName,
    sequence([time(params.notBefore), time(params.notAfter)]),
    params.subjectName,
    spkiToAsn1(params.publicKey),
    contextTag(3, true, [sequence(params.extensions)]),
  ]);
  return toPem("CERTIFICATE", signStructure(tbs, params.signingKey));
}

function addYears(date: Date, years: number): Date {
  const out = new Date(date.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

function caExtensions(subjectKeyId: Buffer, authorityKeyId: Buffer, pathLength?: number): Asn1[] {
  const constraints = pathLength === undefined ? [boolean(true)] : [boolean(true), smallInteger(pathLength)];
  return [
    encodeExtension(OID.basicConstraints, true, sequence(constraints)),
    encodeExtension(OID.keyUsage, true, keyUsage([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign])),
    encodeExtension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)),
    encodeExtension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(authorityKeyId)),
  ];
}

function caName(organization: string, commonName: string): Asn1 {
  const attrs: NameAttribute[] = [
    { field: "organization", value: organization },
    { field: "commonName", value: commonName },
  ];
  return encodeName(attrs);
}

/**
 * A root (10 years) and an intermediate (5 years) CA with P-256 keys, valid from `notBefore` (default: an hour ago,
 * to tolerate clock skew). For the emulator only.
 */
export async function createCertificateAuthority(opts?: {
  name?: string;
  notBefore?: Date;
}): Promise<CertificateAuthority> {
  const name = opts?.name ?? "certmanager-kr emulator";
  const [rootKey, intermediateKey] = await Promise.all([
    generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }),
    generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }),
  ]);
  const notBefore = opts?.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  const rootName = caName(name, `${name} Root CA`);
  const rootKeyId = keyIdentifier(rootKey.privateKey);
  const rootPem = buildCertificate({
    serial: randomSerial(),
    issuerName: rootName,
    subjectName: rootName,
    publicKey: rootKey.privateKey,
    notBefore,
    notAfter: addYears(notBefore, 10),
    extensions: caExtensions(rootKeyId, rootKeyId),
    signingKey: rootKey.privateKey,
  });
  const intermediatePem = buildCertificate({
    serial: randomSerial(),
    issuerName: rootName,
    subjectName: caName(name, `${name} Intermediate CA`),
    publicKey: intermediateKey.privateKey,
    notBefore,
    notAfter: addYears(notBefore, 5),
    extensions: caExtensions(keyIdentifier(intermediateKey.privateKey), rootKeyId, 0),
    signingKey: rootKey.privateKey,
  });
  return {
    root: { certificatePem: rootPem, privateKey: rootKey.privateKey, privateKeyPem: rootKey.privateKeyPem },
    intermediate: {
      certificatePem: intermediatePem,
      privateKey: intermediateKey.privateKey,
      privateKeyPem: intermediateKey.privateKeyPem,
    },
  };
}

function validDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new CryptoInputError(`${field} must be a valid Date`, field);
  }
  return value;
}

function checkSerial(serial: Buffer): Buffer {
  if (!Buffer.isBuffer(serial) || serial.every((b) => b === 0)) {
    throw new CryptoInputError("serialNumber must be a non-zero Buffer", "serialNumber");
  }
  const significant = serial.subarray(serial.findIndex((b) => b !== 0));
  // RFC 5280 4.1.2.2: at most 20 octets once encoded as a positive INTEGER.
  if (significant.length + (significant[0] & 0x80 ? 1 : 0) > 20) {
    throw new CryptoInputError("serialNumber must fit in 20 octets", "serialNumber");
  }
  return serial;
}

/** Sign a leaf TLS server certificate for the CSR's public key with the given issuer. */
export function issueCertificate(opts: IssueCertificateOptions): string {
  const csr = parseCsr(opts.csrPem, "csrPem");
  if (!csr.signatureValid) {
    throw new CryptoInputError(
      "the CSR's signature does not verify; it was altered or not signed by its own key",
      "csrPem",
    );
  }
  const notBefore = validDate(opts.notBefore, "notBefore");
  const notAfter = validDate(opts.notAfter, "notAfter");
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new CryptoInputError("notAfter must be later than notBefore", "notAfter");
  }
  const serial = opts.serialNumber === undefined ? randomSerial() : checkSerial(opts.serialNumber);

  const issuerDer = splitPemBlocks(opts.issuer.certificatePem).find((b) => b.label === "CERTIFICATE")?.der;
  if (issuerDer === undefined) {
    throw new CryptoInputError("issuer.certificatePem holds no certificate", "issuer");
  }
  if (!publicKeysEqual(opts.issuer.privateKey, opts.issuer.certificatePem)) {
    throw new CryptoInputError("issuer.privateKey does not belong to issuer.certificatePem", "issuer");
  }
  const issuerFields = certificateFields(issuerDer);
  const issuerSki = issuerFields.extensions.find((ext) => ext.oid === OID.subjectKeyIdentifier);
  const issuerKeyId =
    issuerSki === undefined ? keyIdentifier(opts.issuer.privateKey) : bytesOf(fromDer(issuerSki.value), "SKI");

  const commonName = opts.commonName ?? csr.commonName;
  const requested = opts.dnsNames ?? csr.dnsNames;
  const dnsNames = commonName === undefined ? uniqueNames(requested) : sanNames(commonName, requested);
  if (dnsNames.length === 0) {
    throw new CryptoInputError("the CSR has no common name or DNS names to put in the certificate", "csrPem");
  }

  const publicKey = crypto.createPublicKey(csr.publicKeyPem);
  // keyEncipherment only means something for RSA key transport; EC keys sign (ECDHE) instead.
  const usage =
    publicKey.asymmetricKeyType === "rsa"
      ? [KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment]
      : [KEY_USAGE.digitalSignature];
  const subjectName = encodeName(commonName === undefined ? [] : [{ field: "commonName", value: commonName }]);
  return buildCertificate({
    serial,
    // Re-encoding the issuer's subject from its own DER keeps name chaining byte-exact.
    issuerName: fromDer(issuerFields.subjectDer),
    subjectName,
    publicKey,
    notBefore,
    notAfter,
    extensions: [
      encodeExtension(OID.basicConstraints, true, sequence([])),
      encodeExtension(OID.keyUsage, true, keyUsage(usage)),
      encodeExtension(OID.extKeyUsage, false, sequence([oid(OID.serverAuth)])),
      encodeExtension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey))),
      encodeExtension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(issuerKeyId)),
      // An empty subject makes the SAN extension the only identity, so RFC 5280 requires it to be critical.
      encodeExtension(OID.subjectAltName, commonName === undefined, encodeSubjectAltName(dnsNames)),
    ],
    signingKey: opts.issuer.privateKey,
  });
}

export function serializeIssuer(material: IssuerMaterial): SerializedIssuer {
  return { certificatePem: normalizePem(material.certificatePem), privateKeyPem: normalizePem(material.privateKeyPem) };
}

/** Rebuild IssuerMaterial from its JSON form, checking that the key belongs to the certificate. */
export function deserializeIssuer(data: SerializedIssuer): IssuerMaterial {
  if (typeof data?.certificatePem !== "string" || typeof data?.privateKeyPem !== "string") {
    throw new CryptoInputError("a serialized issuer needs certificatePem and privateKeyPem strings");
  }
  parseCertificate(data.certificatePem, "certificatePem");
  const key = loadPrivateKey(data.privateKeyPem, "privateKeyPem");
  if (!publicKeysEqual(key.privateKey, data.certificatePem)) {
    throw new CryptoInputError("privateKeyPem does not belong to certificatePem", "privateKeyPem");
  }
  return {
    certificatePem: normalizePem(data.certificatePem),
    privateKey: key.privateKey,
    privateKeyPem: key.privateKeyPem,
  };
}

export function serializeCertificateAuthority(ca: CertificateAuthority): {
  root: SerializedIssuer;
  intermediate: SerializedIssuer;
} {
  return { root: serializeIssuer(ca.root), intermediate: serializeIssuer(ca.intermediate) };
}

export function deserializeCertificateAuthority(data: {
  root: SerializedIssuer;
  intermediate: SerializedIssuer;
}): CertificateAuthority {
  return { root: deserializeIssuer(data.root), intermediate: deserializeIssuer(data.intermediate) };
}
