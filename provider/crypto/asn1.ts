/**
 * Small DER helpers shared by the PKCS#10 and X.509 code. Structures are built and read with node-forge's asn1
 * module (forge's own CSR/certificate code only understands RSA keys); signing and key handling stay in node's
 * crypto module. forge represents byte strings as "binary" JS strings, hence the Buffer <-> string conversions.
 */
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
/** forge's asn1 and util modules, for the name and signature modules built on these helpers. */
export const forgeAsn1 = asn1;
export const forgeUtil = forge.util;
export const UNIVERSAL = asn1.Class.UNIVERSAL;
export const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;
/** forge's ASN.1 universal tag numbers, for callers that read parsed nodes. */
export const Type = asn1.Type;
// Tags forge's Type enum does not name.
export const T61STRING = 20;
export const UNIVERSALSTRING = 28;

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
