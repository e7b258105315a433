/**
 * Issuing for the NHN sample files. The emulator's shared CA (ca.ts) has P-256 keys, so everything it signs shows
 * `SHA256withECDSA`; most public CAs sign with RSA, so the NHN slice adds an RSA intermediate under the same root.
 */
import * as crypto from "node:crypto";
import {
  type Asn1,
  bitString,
  bitStringBytes,
  boolean,
  childrenOf,
  contextTag,
  fromDer,
  isContext,
  OID,
  octetString,
  rawChildren,
  sequence,
  smallInteger,
  Type,
  time,
  toBytes,
  unsignedInteger,
} from "../../crypto/asn1";
import { buildCsr } from "../../crypto/csr";
import { generateKeyPair, type KeySpec } from "../../crypto/keys";
import {
  algorithmIdentifier,
  signatureAlgorithmForKey,
  signStructure,
  spkiToAsn1,
  splitSigned,
} from "../../crypto/signatures";
import { encodeExtension, encodeName } from "../../crypto/x500Name";
import {
  deserializeIssuer,
  type IssuerMaterial,
  issueCertificate,
  type SerializedIssuer,
  serializeIssuer,
} from "../../crypto/x509";
import { toPem } from "../../shared/pem";
import { type CaMaterial, ensureCa } from "../ca";
import type { WorldState } from "../store";
import { nhnWorld } from "./world";

export const RSA_INTERMEDIATE_NAME = "pulumi-certmanager-kr emulator RSA Intermediate CA";
const ORGANIZATION = "pulumi-certmanager-kr emulator";

export interface NhnIssuers {
  root: IssuerMaterial;
  /** The shared P-256 intermediate: leaves show `SHA256withECDSA`. */
  ec: IssuerMaterial;
  /** The NHN slice's RSA-2048 intermediate: leaves show `SHA256withRSA`. */
  rsa: IssuerMaterial;
}

const cache = new WeakMap<SerializedIssuer, IssuerMaterial>();

/** The issuers, creating the shared CA and the RSA intermediate when the world has none yet (inside an update). */
export async function ensureIssuers(world: WorldState): Promise<NhnIssuers> {
  const ca = await ensureCa(world);
  const slice = nhnWorld(world);
  if (!slice.rsaIssuer) {
    const rsa = await createRsaIntermediate(ca);
    slice.rsaIssuer = serializeIssuer(rsa);
    cache.set(slice.rsaIssuer, rsa);
  }
  let rsa = cache.get(slice.rsaIssuer);
  if (!rsa) {
    rsa = deserializeIssuer(slice.rsaIssuer);
    cache.set(slice.rsaIssuer, rsa);
  }
  return { root: ca.root, ec: ca.intermediate, rsa };
}

/** RFC 5280 4.2.1.2 method (1), the same key identifier the shared CA uses. */
function keyIdentifier(key: crypto.KeyObject): Buffer {
  const spki = childrenOf(spkiToAsn1(key), Type.SEQUENCE, "SubjectPublicKeyInfo");
  return crypto.createHash("sha1").update(bitStringBytes(spki[1], "subjectPublicKey")).digest();
}

/** The exact subject Name of a certificate, for byte-exact issuer chaining. */
function subjectOf(certificatePem: string): Asn1 {
  const der = new crypto.X509Certificate(certificatePem).raw;
  const { tbs, tbsDer } = splitSigned(der);
  const parts = childrenOf(tbs, Type.SEQUENCE, "TBSCertificate");
  const base = isContext(parts[0], 0) ? 1 : 0;
  return fromDer(rawChildren(tbsDer)[base + 4]);
}

export interface KeyPool {
  /** For the RSA intermediate. */
  intermediate: crypto.KeyObject;
  rsa: crypto.KeyObject[];
  ec: crypto.KeyObject[];
}

let pool: Promise<KeyPool> | undefined;

/**
 * Keys for the fixed sample set, generated once per process: RSA-2048 generation takes a few hundred ms per key,
 * and every emulator a test suite starts would pay it again. Sharing test keys between worlds is harmless.
 */
export function pooledKeys(): Promise<KeyPool> {
  const make = (n: number, spec: KeySpec) =>
    Promise.all(Array.from({ length: n }, async () => (await generateKeyPair(spec)).privateKey));
  pool ??= Promise.all([
    make(6, { algorithm: "RSA", rsaBits: 2048 }),
    make(10, { algorithm: "ECDSA", ecdsaCurve: "P256" }),
  ]).then(([rsa, ec]) => ({ intermediate: rsa[0], rsa: rsa.slice(1), ec }));
  pool.catch(() => {
    pool = undefined;
  });
  return pool;
}

async function createRsaIntermediate(ca: CaMaterial): Promise<IssuerMaterial> {
  const privateKey = (await pooledKeys()).intermediate;
  const key = { privateKey, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
  const root = new crypto.X509Certificate(ca.root.certificatePem);
  // Nested inside the root's validity, like the shared intermediate.
  const notBefore = new Date(root.validFrom);
  const notAfter = new Date(Math.min(Date.parse(root.validTo), notBefore.getTime() + 5 * 365 * 86_400_000));
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  // keyCertSign (bit 5) + cRLSign (bit 6): 0b0000_0110 with one unused bit.
  const keyUsage = bitString(Buffer.from([0x06]), 1);
  const tbs = sequence([
    contextTag(0, true, [smallInteger(2)]),
    unsignedInteger(serial),
    algorithmIdentifier(signatureAlgorithmForKey(ca.root.privateKey)),
    subjectOf(ca.root.certificatePem),
    sequence([time(notBefore), time(notAfter)]),
    encodeName([
      { field: "organization", value: ORGANIZATION },
      { field: "commonName", value: RSA_INTERMEDIATE_NAME },
    ]),
    spkiToAsn1(key.privateKey),
    contextTag(3, true, [
      sequence([
        encodeExtension(OID.basicConstraints, true, sequence([boolean(true), smallInteger(0)])),
        encodeExtension(OID.keyUsage, true, keyUsage),
        encodeExtension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(key.privateKey))),
        encodeExtension(
          OID.authorityKeyIdentifier,
          false,
          sequence([contextTag(0, false, toBytes(keyIdentifier(ca.root.privateKey)))]),
        ),
      ]),
    ]),
  ]);
  return {
    certificatePem: toPem("CERTIFICATE", signStructure(tbs, ca.root.privateKey)),
    privateKey: key.privateKey,
    privateKeyPem: key.privateKeyPem,
  };
}

// The order n of P-256, for turning a seed into a valid private scalar.
const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

/**
 * A P-256 key derived from `seed`: seeded entries get the same file whichever process builds it first, and no RSA
 * key generation is needed at download time.
 */
export function deterministicEcKey(seed: string): crypto.KeyObject {
  const digest = BigInt(`0x${crypto.createHash("sha256").update(seed).digest("hex")}`);
  const d = Buffer.from(((digest % (P256_ORDER - 1n)) + 1n).toString(16).padStart(64, "0"), "hex");
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  return crypto.createPrivateKey({
    format: "jwk",
    key: {
      kty: "EC",
      crv: "P-256",
      d: d.toString("base64url"),
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
  });
}

/** A positive 16-byte serial derived from `seed`. */
export function deterministicSerial(seed: string): Buffer {
  const serial = crypto.createHash("sha256").update(`serial:${seed}`).digest().subarray(0, 16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

export interface LeafRequest {
  key: crypto.KeyObject;
  /** First entry is the CN. */
  domains: string[];
  notBefore: Date;
  notAfter: Date;
  issuer: IssuerMaterial;
  serialNumber?: Buffer;
}

/** A TLS server certificate for `key`, CN = the first domain, SAN = all domains. */
export function issueLeaf(req: LeafRequest): string {
  const [commonName, ...dnsNames] = req.domains;
  return issueCertificate({
    csrPem: buildCsr({ privateKey: req.key, commonName, dnsNames }),
    issuer: req.issuer,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    serialNumber: req.serialNumber,
  });
}
