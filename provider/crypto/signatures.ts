/** Signature algorithms: choosing one for a key, signing a structure, and verifying a signed structure (PSS too). */
import * as crypto from "node:crypto";
import {
  type Asn1,
  forgeAsn1 as asn1,
  bitString,
  bitStringBytes,
  bytesOf,
  childrenOf,
  fromDer,
  isContext,
  nullValue,
  oid,
  oidOf,
  rawChildren,
  rawSequence,
  sequence,
  Type as T,
  toDer,
} from "./asn1";
import { CryptoInputError } from "./errors";

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
