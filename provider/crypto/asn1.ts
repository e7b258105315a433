/**
 * Small DER helpers shared by the PKCS#10 and X.509 code. Structures are built and read with node-forge's asn1
 * module (forge's own CSR/certificate code only understands RSA keys); signing and key handling stay in node's
 * crypto module. forge represents byte strings as "binary" JS strings, hence the Buffer <-> string conversions.
 */
import * as crypto from "node:crypto";
import type * as Forge from "node-forge";
import { CryptoInputError } from "./errors";

export type Asn1 = Forge.asn1.Asn1;

const forge = loadForge();

/**
 * Only forge's asn1 module (and the util module it loads): the whole library (TLS, PKI, ciphers) adds about 20 ms
 * to every provider start, which every `pulumi preview` pays. Falls back to the whole package if its layout moves.
 */
function loadForge(): typeof Forge {
  try {
    require("node-forge/lib/asn1.js");
    const light = require("node-forge/lib/forge.js") as typeof Forge;
    if (typeof light.asn1?.create === "function" && typeof light.util?.encodeUtf8 === "function") return light;
  } catch {
    // fall through
  }
  return require("node-forge") as typeof Forge;
}

const { asn1 } = forge;
const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;
/** forge's ASN.1 universal tag numbers, for callers that read parsed nodes. */
export const Type = asn1.Type;
// Tags forge's Type enum does not name.
const T61STRING = 20;
const UNIVERSALSTRING = 28;

export const OID = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  locality: "2.5.4.7",
  state: "2.5.4.8",
  country: "2.5.4.6",
  emailAddress: "1.2.840.113549.1.9.1",
  extensionRequest: "1.2.840.113549.1.9.14",
  // Some older Microsoft tools put requested extensions under this attribute instead.
  msExtensionRequest: "1.3.6.1.4.1.311.2.1.14",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  serverAuth: "1.3.6.1.5.5.7.3.1",
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Conversions and primitive constructors

export function toBytes(buf: Buffer): string {
  return buf.toString("binary");
}

export function toBuffer(bytes: string): Buffer {
  return Buffer.from(bytes, "binary");
}

type FromDerWithOptions = (
  bytes: string,
  options: { strict: boolean; decodeBitStrings: boolean; parseAllBytes: boolean },
) => Asn1;

/** Parse DER strictly; BIT STRINGs are left as raw bytes (forge would otherwise guess at nested ASN.1 inside them). */
export function fromDer(der: Buffer): Asn1 {
  const parse = asn1.fromDer as unknown as FromDerWithOptions;
  return parse(toBytes(der), { strict: true, decodeBitStrings: false, parseAllBytes: true });
}

export function toDer(node: Asn1): Buffer {
  return toBuffer(asn1.toDer(node).getBytes());
}

export function sequence(children: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, T.SEQUENCE, true, children);
}

export function set(children: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, T.SET, true, children);
}

export function oid(dotted: string): Asn1 {
  return asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(dotted).getBytes());
}

export function nullValue(): Asn1 {
  return asn1.create(UNIVERSAL, T.NULL, false, "");
}

export function boolean(value: boolean): Asn1 {
  return asn1.create(UNIVERSAL, T.BOOLEAN, false, value ? "\xff" : "\x00");
}

export function smallInteger(value: number): Asn1 {
  return asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(value).getBytes());
}

/** INTEGER from an unsigned big-endian magnitude, minimally encoded as DER requires. */
export function unsignedInteger(magnitude: Buffer): Asn1 {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) {
    start++;
  }
  let body = magnitude.subarray(start);
  if (body.length === 0) {
    body = Buffer.from([0]);
  }
  if (body[0] & 0x80) {
    body = Buffer.concat([Buffer.from([0]), body]);
  }
  return asn1.create(UNIVERSAL, T.INTEGER, false, toBytes(body));
}

export function octetString(value: Buffer): Asn1 {
  return asn1.create(UNIVERSAL, T.OCTETSTRING, false, toBytes(value));
}

export function bitString(value: Buffer, unusedBits = 0): Asn1 {
  return asn1.create(UNIVERSAL, T.BITSTRING, false, String.fromCharCode(unusedBits) + toBytes(value));
}

export function contextTag(tag: number, constructed: boolean, value: string | Asn1[]): Asn1 {
  return asn1.create(CONTEXT, tag, constructed, value);
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** X.509 Time: UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5), whole seconds, always Z. */
export function time(date: Date): Asn1 {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new CryptoInputError(`invalid certificate date: ${String(date)}`);
  }
  const rest =
    twoDigits(date.getUTCMonth() + 1) +
    twoDigits(date.getUTCDate()) +
    twoDigits(date.getUTCHours()) +
    twoDigits(date.getUTCMinutes()) +
    twoDigits(date.getUTCSeconds()) +
    "Z";
  if (year >= 1950 && year < 2050) {
    return asn1.create(UNIVERSAL, T.UTCTIME, false, twoDigits(year % 100) + rest);
  }
  return asn1.create(UNIVERSAL, T.GENERALIZEDTIME, false, String(year).padStart(4, "0") + rest);
}

export function decodeTime(node: Asn1): Date {
  if (node.tagClass === UNIVERSAL && node.type === T.UTCTIME) {
    return asn1.utcTimeToDate(node.value as string);
  }
  if (node.tagClass === UNIVERSAL && node.type === T.GENERALIZEDTIME) {
    return asn1.generalizedTimeToDate(node.value as string);
  }
  throw new Error("expected UTCTime or GeneralizedTime");
}

// ---------------------------------------------------------------------------------------------------------------
// Reading parsed nodes

export function isUniversal(node: Asn1 | undefined, type: number): node is Asn1 {
  return node !== undefined && node.tagClass === UNIVERSAL && node.type === type;
}

export function isContext(node: Asn1 | undefined, tag: number): node is Asn1 {
  return node !== undefined && node.tagClass === CONTEXT && node.type === tag;
}

/** Children of a constructed node; throws a plain Error naming `what` otherwise (callers add context). */
export function childrenOf(node: Asn1 | undefined, type: number, what: string): Asn1[] {
  if (!isUniversal(node, type) || !Array.isArray(node.value)) {
    throw new Error(`${what} is malformed`);
  }
  return node.value;
}

export function oidOf(node: Asn1 | undefined, what: string): string {
  if (!isUniversal(node, T.OID) || typeof node.value !== "string") {
    throw new Error(`${what} is not an OBJECT IDENTIFIER`);
  }
  return asn1.derToOid(node.value);
}

/** Raw bytes of a primitive node (for BIT STRINGs parsed by `fromDer`, including the unused-bits octet). */
export function bytesOf(node: Asn1 | undefined, what: string): Buffer {
  if (node === undefined || typeof node.value !== "string") {
    throw new Error(`${what} is malformed`);
  }
  return toBuffer(node.value);
}

/** Contents of a BIT STRING that must be octet-aligned (signatures, public keys). */
export function bitStringBytes(node: Asn1 | undefined, what: string): Buffer {
  if (!isUniversal(node, T.BITSTRING)) {
    throw new Error(`${what} is not a BIT STRING`);
  }
  const raw = bytesOf(node, what);
  if (raw.length === 0 || raw[0] !== 0) {
    throw new Error(`${what} is not a whole number of bytes`);
  }
  return raw.subarray(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Raw DER slicing: signatures cover the exact bytes that were signed, so those are cut out of the input instead of
// being re-encoded (a lenient re-encoding could differ from what the signer saw).

interface Tlv {
  start: number;
  contentStart: number;
  end: number;
  constructed: boolean;
}

function readTlv(der: Buffer, offset: number): Tlv {
  if (offset + 2 > der.length) {
    throw new Error("truncated DER");
  }
  const tag = der[offset];
  if ((tag & 0x1f) === 0x1f) {
    throw new Error("unsupported high-number DER tag");
  }
  const first = der[offset + 1];
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) {
      throw new Error("unsupported DER length");
    }
    length = 0;
    for (let i = 0; i < count; i++) {
      length = length * 256 + der[contentStart + i];
    }
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > der.length) {
    throw new Error("truncated DER");
  }
  return { start: offset, contentStart, end, constructed: (tag & 0x20) !== 0 };
}

/** The raw TLVs directly inside the constructed element that spans all of `der`. */
export function rawChildren(der: Buffer): Buffer[] {
  const outer = readTlv(der, 0);
  if (!outer.constructed || outer.end !== der.length) {
    throw new Error("expected a single constructed DER element");
  }
  const out: Buffer[] = [];
  let pos = outer.contentStart;
  while (pos < outer.end) {
    const child = readTlv(der, pos);
    out.push(der.subarray(child.start, child.end));
    pos = child.end;
  }
  return out;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) {
    bytes.unshift(n & 0xff);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A DER SEQUENCE around already-encoded elements. */
export function rawSequence(parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x30]), encodeLength(body.length), body]);
}

// ---------------------------------------------------------------------------------------------------------------
// X.500 Names

export type NameField =
  | "commonName"
  | "organization"
  | "organizationalUnit"
  | "locality"
  | "state"
  | "country"
  | "emailAddress";

export type NameFields = { [K in NameField]?: string };

export interface NameAttribute {
  field: NameField;
  value: string;
}

/** Conventional order (as `openssl req` writes it): broadest first, email last. */
export const NAME_ORDER: readonly NameField[] = [
  "country",
  "state",
  "locality",
  "organization",
  "organizationalUnit",
  "commonName",
  "emailAddress",
];

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: "CN",
  [OID.organization]: "O",
  [OID.organizationalUnit]: "OU",
  [OID.locality]: "L",
  [OID.state]: "ST",
  [OID.country]: "C",
  [OID.emailAddress]: "emailAddress",
  "2.5.4.5": "serialNumber",
  "2.5.4.9": "street",
  "2.5.4.12": "title",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
};

const FIELD_OIDS: Record<NameField, string> = {
  commonName: OID.commonName,
  organization: OID.organization,
  organizationalUnit: OID.organizationalUnit,
  locality: OID.locality,
  state: OID.state,
  country: OID.country,
  emailAddress: OID.emailAddress,
};

const FIELD_BY_OID: Record<string, NameField> = {};
for (const field of NAME_ORDER) {
  FIELD_BY_OID[FIELD_OIDS[field]] = field;
}

/** Ordered attributes for the fields that are set (empty strings count as unset). */
export function nameAttributes(fields: NameFields): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const field of NAME_ORDER) {
    const value = fields[field];
    if (value !== undefined && value !== "") {
      out.push({ field, value });
    }
  }
  return out;
}

const PRINTABLE_RE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: IA5String is exactly the 7-bit range
const IA5_RE = /^[\x00-\x7f]*$/;

function attributeValue(attr: NameAttribute): Asn1 {
  if (attr.field === "country") {
    if (!PRINTABLE_RE.test(attr.value)) {
      throw new CryptoInputError(`country "${attr.value}" must be a two-letter ISO 3166 code`, "country");
    }
    return asn1.create(UNIVERSAL, T.PRINTABLESTRING, false, attr.value);
  }
  if (attr.field === "emailAddress") {
    if (!IA5_RE.test(attr.value)) {
      throw new CryptoInputError(`emailAddress "${attr.value}" must be ASCII`, "emailAddress");
    }
    return asn1.create(UNIVERSAL, T.IA5STRING, false, attr.value);
  }
  return asn1.create(UNIVERSAL, T.UTF8, false, forge.util.encodeUtf8(attr.value));
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName, one attribute per RDN, in the given order. */
export function encodeName(attrs: NameAttribute[]): Asn1 {
  return sequence(attrs.map((attr) => set([sequence([oid(FIELD_OIDS[attr.field]), attributeValue(attr)])])));
}

function decodeStringValue(node: Asn1): string {
  if (typeof node.value !== "string") {
    throw new Error("name attribute value is not a string");
  }
  switch (node.type as number) {
    case T.UTF8:
      try {
        return forge.util.decodeUtf8(node.value);
      } catch {
        return node.value;
      }
    case T.BMPSTRING:
      // forge already decodes BMPString into a JS string.
      return node.value;
    case UNIVERSALSTRING: {
      let out = "";
      for (let i = 0; i + 3 < node.value.length; i += 4) {
        out += String.fromCodePoint(toBuffer(node.value.slice(i, i + 4)).readUInt32BE(0));
      }
      return out;
    }
    case T61STRING:
    case T.PRINTABLESTRING:
    case T.IA5STRING:
      return node.value;
    default:
      // Unknown string type: show bytes as hex rather than guess an encoding.
      return `#${toBuffer(node.value).toString("hex")}`;
  }
}

function escapeNameValue(value: string): string {
  return value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
}

export interface DecodedName {
  fields: NameFields;
  /** One line, in encoded order, e.g. `C=KR, O=Example, CN=www.example.com`. */
  text: string;
  /** Every CN, in order (a CA issues for one; a second one is a smuggled name). */
  commonNames: string[];
}

/** Decode a Name. When a field repeats (e.g. two OUs), `fields` keeps the first; `text` shows all of them. */
export function decodeName(node: Asn1): DecodedName {
  const fields: NameFields = {};
  const parts: string[] = [];
  const commonNames: string[] = [];
  for (const rdn of childrenOf(node, T.SEQUENCE, "Name")) {
    for (const atv of childrenOf(rdn, T.SET, "RelativeDistinguishedName")) {
      const [typeNode, valueNode] = childrenOf(atv, T.SEQUENCE, "AttributeTypeAndValue");
      const type = oidOf(typeNode, "attribute type");
      if (valueNode === undefined) {
        throw new Error("AttributeTypeAndValue has no value");
      }
      const value = decodeStringValue(valueNode);
      const field = FIELD_BY_OID[type];
      if (field !== undefined && fields[field] === undefined) {
        fields[field] = value;
      }
      if (type === OID.commonName) commonNames.push(value);
      parts.push(`${SHORT_NAMES[type] ?? type}=${escapeNameValue(value)}`);
    }
  }
  return { fields, text: parts.join(", "), commonNames };
}

// ---------------------------------------------------------------------------------------------------------------
// Extensions

export interface Extension {
  oid: string;
  critical: boolean;
  /** DER inside extnValue. */
  value: Buffer;
}

export function encodeExtension(extOid: string, critical: boolean, value: Asn1): Asn1 {
  const parts = [oid(extOid)];
  // DER forbids encoding the DEFAULT FALSE explicitly.
  if (critical) {
    parts.push(boolean(true));
  }
  parts.push(octetString(toDer(value)));
  return sequence(parts);
}

export function decodeExtensions(node: Asn1): Extension[] {
  return childrenOf(node, T.SEQUENCE, "Extensions").map((ext) => {
    const parts = childrenOf(ext, T.SEQUENCE, "Extension");
    const extOid = oidOf(parts[0], "extension id");
    let critical = false;
    let valueNode = parts[1];
    if (isUniversal(valueNode, T.BOOLEAN)) {
      critical = bytesOf(valueNode, "critical flag")[0] !== 0;
      valueNode = parts[2];
    }
    if (!isUniversal(valueNode, T.OCTETSTRING)) {
      throw new Error(`extension ${extOid} has no value`);
    }
    return { oid: extOid, critical, value: bytesOf(valueNode, "extension value") };
  });
}

/** GeneralNames with one dNSName per entry (the subjectAltName extension value). */
export function encodeSubjectAltName(dnsNames: string[]): Asn1 {
  return sequence(
    dnsNames.map((name) => {
      if (!IA5_RE.test(name)) {
        throw new CryptoInputError(`DNS name "${name}" must be ASCII; convert internationalized names to punycode`);
      }
      return contextTag(2, false, name);
    }),
  );
}

/** DNS names from a subjectAltName extension value, in order; other GeneralName kinds are skipped. */
export function decodeSubjectAltName(value: Buffer): string[] {
  const names: string[] = [];
  for (const general of childrenOf(fromDer(value), T.SEQUENCE, "subjectAltName")) {
    if (general.tagClass === CONTEXT && general.type === 2 && typeof general.value === "string") {
      names.push(general.value);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Signature algorithms

export interface SignatureAlgorithm {
  name: string;
  oid: string;
  /** Digest for node's crypto.sign/verify; null for EdDSA, which hashes internally. */
  hash: string | null;
  /** RSA PKCS#1 v1.5 AlgorithmIdentifiers carry an explicit NULL; ECDSA ones carry nothing (RFC 5758). */
  nullParams: boolean;
}

const SIGNATURE_ALGORITHMS: SignatureAlgorithm[] = [
  { name: "sha1WithRSAEncryption", oid: "1.2.840.113549.1.1.5", hash: "sha1", nullParams: true },
  { name: "sha256WithRSAEncryption", oid: "1.2.840.113549.1.1.11", hash: "sha256", nullParams: true },
  { name: "sha384WithRSAEncryption", oid: "1.2.840.113549.1.1.12", hash: "sha384", nullParams: true },
  { name: "sha512WithRSAEncryption", oid: "1.2.840.113549.1.1.13", hash: "sha512", nullParams: true },
  { name: "ecdsa-with-SHA1", oid: "1.2.840.10045.4.1", hash: "sha1", nullParams: false },
  { name: "ecdsa-with-SHA256", oid: "1.2.840.10045.4.3.2", hash: "sha256", nullParams: false },
  { name: "ecdsa-with-SHA384", oid: "1.2.840.10045.4.3.3", hash: "sha384", nullParams: false },
  { name: "ecdsa-with-SHA512", oid: "1.2.840.10045.4.3.4", hash: "sha512", nullParams: false },
  { name: "ED25519", oid: "1.3.101.112", hash: null, nullParams: false },
  { name: "ED448", oid: "1.3.101.113", hash: null, nullParams: false },
];

const RSASSA_PSS_OID = "1.2.840.113549.1.1.10";
const MGF1_OID = "1.2.840.113549.1.1.8";
const HASH_OIDS: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

function byName(name: string): SignatureAlgorithm {
  const found = SIGNATURE_ALGORITHMS.find((alg) => alg.name === name);
  if (found === undefined) {
    throw new Error(`unknown signature algorithm ${name}`);
  }
  return found;
}

/** The algorithm this package signs with for a key: SHA-256 for RSA and P-256, SHA-384 for P-384. */
export function signatureAlgorithmForKey(key: crypto.KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === "rsa") {
    return byName("sha256WithRSAEncryption");
  }
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") {
      return byName("ecdsa-with-SHA256");
    }
    if (curve === "secp384r1") {
      return byName("ecdsa-with-SHA384");
    }
    throw new CryptoInputError(`EC curve ${curve ?? "(unknown)"} is not supported; use P-256 or P-384`);
  }
  throw new CryptoInputError(`${key.asymmetricKeyType ?? "unknown"} keys are not supported; use an RSA or EC key`);
}

export function algorithmIdentifier(alg: SignatureAlgorithm): Asn1 {
  return sequence(alg.nullParams ? [oid(alg.oid), nullValue()] : [oid(alg.oid)]);
}

/** Node's SPKI DER for a key, as a forge node (private keys are reduced to their public half). */
export function spkiToAsn1(key: crypto.KeyObject): Asn1 {
  const publicKey = key.type === "private" ? crypto.createPublicKey(key) : key;
  return fromDer(publicKey.export({ type: "spki", format: "der" }));
}

/** SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING signature } — the envelope of both X.509 and PKCS#10. */
export function signStructure(tbs: Asn1, privateKey: crypto.KeyObject): Buffer {
  const alg = signatureAlgorithmForKey(privateKey);
  const tbsDer = toDer(tbs);
  // ECDSA signatures come out DER-encoded by default, which is the form both formats require.
  const signature = crypto.sign(alg.hash, tbsDer, privateKey);
  return rawSequence([tbsDer, toDer(algorithmIdentifier(alg)), toDer(bitString(signature))]);
}

export interface SignedStructure {
  /** Exact signed bytes. */
  tbsDer: Buffer;
  tbs: Asn1;
  algorithm: Asn1;
  signature: Buffer;
}

/** Split a signed envelope; throws a plain Error if the outer shape is wrong. */
export function splitSigned(der: Buffer): SignedStructure {
  const parts = rawChildren(der);
  if (parts.length !== 3) {
    throw new Error("expected SEQUENCE { data, algorithm, signature }");
  }
  const outer = fromDer(der);
  const nodes = childrenOf(outer, T.SEQUENCE, "signed structure");
  return {
    tbsDer: parts[0],
    tbs: nodes[0],
    algorithm: nodes[1],
    signature: bitStringBytes(nodes[2], "signature"),
  };
}

function pssOptions(params: Asn1 | undefined): { hash: string; saltLength: number } | undefined {
  // Defaults per RFC 4055: SHA-1, MGF1 with SHA-1, salt length 20.
  let hash = "sha1";
  let mgfHash = "sha1";
  let saltLength = 20;
  if (params !== undefined) {
    for (const field of childrenOf(params, T.SEQUENCE, "RSASSA-PSS parameters")) {
      const inner = Array.isArray(field.value) ? field.value[0] : undefined;
      if (isContext(field, 0)) {
        hash = HASH_OIDS[oidOf(childrenOf(inner, T.SEQUENCE, "hash algorithm")[0], "hash")] ?? "";
      } else if (isContext(field, 1)) {
        const mgf = childrenOf(inner, T.SEQUENCE, "mask generation function");
        if (oidOf(mgf[0], "MGF") !== MGF1_OID) {
          return undefined;
        }
        mgfHash = HASH_OIDS[oidOf(childrenOf(mgf[1], T.SEQUENCE, "MGF1 hash")[0], "hash")] ?? "";
      } else if (isContext(field, 2)) {
        saltLength = asn1.derToInteger(bytesOf(inner, "salt length").toString("binary"));
      }
    }
  }
  // Node's PSS verification always uses MGF1 with the message digest.
  if (hash === "" || hash !== mgfHash) {
    return undefined;
  }
  return { hash, saltLength };
}

/** Name of the signature algorithm and whether `signature` over `data` verifies with `publicKey`. */
export function verifySignature(
  algorithm: Asn1,
  data: Buffer,
  signature: Buffer,
  publicKey: crypto.KeyObject,
): { name: string; valid: boolean } {
  const parts = childrenOf(algorithm, T.SEQUENCE, "AlgorithmIdentifier");
  const algOid = oidOf(parts[0], "signature algorithm");
  try {
    if (algOid === RSASSA_PSS_OID) {
      const pss = pssOptions(parts[1]);
      const valid =
        pss !== undefined &&
        crypto.verify(
          pss.hash,
          data,
          { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
          signature,
        );
      return { name: "RSASSA-PSS", valid };
    }
    const alg = SIGNATURE_ALGORITHMS.find((candidate) => candidate.oid === algOid);
    if (alg === undefined) {
      return { name: algOid, valid: false };
    }
    return { name: alg.name, valid: crypto.verify(alg.hash, data, publicKey, signature) };
  } catch {
    // Key/algorithm mismatch or a malformed signature: not valid, but not a parse failure either.
    return { name: SIGNATURE_ALGORITHMS.find((c) => c.oid === algOid)?.name ?? algOid, valid: false };
  }
}
