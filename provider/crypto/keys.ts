/**
 * Private key generation and import. Only the key types that public CAs and the Korean cloud certificate managers
 * accept are allowed: RSA 2048/3072/4096 and ECDSA P-256/P-384.
 */
import * as crypto from "node:crypto";
import { type PemBlock, splitPemBlocks } from "../shared/pem";
import { CryptoInputError } from "./errors";
import { keyInconsistency } from "./keyConsistency";

export type KeySpec =
  | { algorithm: "RSA"; rsaBits: 2048 | 3072 | 4096 }
  | { algorithm: "ECDSA"; ecdsaCurve: "P256" | "P384" };

export const DEFAULT_KEY_SPEC: KeySpec = Object.freeze({ algorithm: "RSA", rsaBits: 2048 }) as KeySpec;

export interface KeyMaterial {
  privateKey: crypto.KeyObject;
  /** PKCS#8 (`BEGIN PRIVATE KEY`), LF line endings. */
  privateKeyPem: string;
  /** SPKI (`BEGIN PUBLIC KEY`), LF line endings. */
  publicKeyPem: string;
  spec: KeySpec;
}

const RSA_SIZES = [2048, 3072, 4096];
// Node/OpenSSL curve names for our spec names.
const CURVES: Record<"P256" | "P384", string> = { P256: "prime256v1", P384: "secp384r1" };
const SUPPORTED_HINT = "use RSA (2048, 3072 or 4096 bits) or ECDSA (P-256 or P-384)";
const DECRYPT_HINT = "decrypt it first, e.g. openssl pkey -in key.pem -out plain.pem";

/** Check a spec that may come from untyped user input; returns a clean copy. */
export function validateKeySpec(spec: unknown, field = "keySpec"): KeySpec {
  const value = spec as { algorithm?: unknown; rsaBits?: unknown; ecdsaCurve?: unknown } | undefined;
  if (value?.algorithm === "RSA") {
    const bits = value.rsaBits === undefined ? 2048 : value.rsaBits;
    if (typeof bits !== "number" || !RSA_SIZES.includes(bits)) {
      throw new CryptoInputError(`rsaBits ${String(bits)} is not supported; use 2048, 3072 or 4096`, field);
    }
    return { algorithm: "RSA", rsaBits: bits as 2048 | 3072 | 4096 };
  }
  if (value?.algorithm === "ECDSA") {
    const curve = value.ecdsaCurve === undefined ? "P256" : value.ecdsaCurve;
    if (curve !== "P256" && curve !== "P384") {
      throw new CryptoInputError(`ecdsaCurve ${String(curve)} is not supported; use "P256" or "P384"`, field);
    }
    return { algorithm: "ECDSA", ecdsaCurve: curve };
  }
  throw new CryptoInputError(`key algorithm ${String(value?.algorithm)} is not supported; use "RSA" or "ECDSA"`, field);
}

/** The spec of a key if it is one this package supports, else undefined. */
export function keySpecOf(key: crypto.KeyObject): KeySpec | undefined {
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength;
    return bits !== undefined && RSA_SIZES.includes(bits)
      ? { algorithm: "RSA", rsaBits: bits as 2048 | 3072 | 4096 }
      : undefined;
  }
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === CURVES.P256) {
      return { algorithm: "ECDSA", ecdsaCurve: "P256" };
    }
    if (curve === CURVES.P384) {
      return { algorithm: "ECDSA", ecdsaCurve: "P384" };
    }
  }
  return undefined;
}

/** Like keySpecOf, but explains what is wrong with an unsupported key. */
function requireSupportedSpec(key: crypto.KeyObject, field?: string): KeySpec {
  const spec = keySpecOf(key);
  if (spec !== undefined) {
    return spec;
  }
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength;
    throw new CryptoInputError(
      `RSA key size ${bits} bits is not supported; use 2048, 3072 or 4096 bits ` +
        "(e.g. openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)",
      field,
    );
  }
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? "with explicit parameters";
    throw new CryptoInputError(
      `EC curve ${curve} is not supported; use P-256 (prime256v1) or P-384 (secp384r1) ` +
        "(e.g. openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)",
      field,
    );
  }
  throw new CryptoInputError(`${key.asymmetricKeyType} keys are not supported; ${SUPPORTED_HINT}`, field);
}

function material(privateKey: crypto.KeyObject, spec: KeySpec): KeyMaterial {
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicKeyPem: crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string,
    spec,
  };
}

/** Generate a key pair off the main thread (RSA-4096 can take seconds; the event loop must keep running). */
export async function generateKeyPair(spec: KeySpec): Promise<KeyMaterial> {
  // async, so a bad spec becomes a rejection rather than a synchronous throw.
  const checked = validateKeySpec(spec);
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, _publicKey: crypto.KeyObject, privateKey: crypto.KeyObject) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(material(privateKey, checked));
    };
    if (checked.algorithm === "RSA") {
      crypto.generateKeyPair("rsa", { modulusLength: checked.rsaBits, publicExponent: 0x10001 }, done);
    } else {
      crypto.generateKeyPair("ec", { namedCurve: CURVES[checked.ecdsaCurve] }, done);
    }
  });
}

const KEY_TYPES: Record<string, "pkcs1" | "pkcs8" | "sec1"> = {
  "RSA PRIVATE KEY": "pkcs1",
  "PRIVATE KEY": "pkcs8",
  "EC PRIVATE KEY": "sec1",
};

function describeNonKey(blocks: PemBlock[]): string {
  const labels = blocks.map((b) => b.label);
  if (labels.includes("OPENSSH PRIVATE KEY")) {
    return "OpenSSH-format private keys are not supported; convert it to PKCS#8, e.g. ssh-keygen -p -m PKCS8 -f key";
  }
  if (labels.includes("DSA PRIVATE KEY")) {
    return `DSA keys are not supported; ${SUPPORTED_HINT}`;
  }
  if (labels.length === 0) {
    return (
      "the private key is not PEM text; expected a -----BEGIN PRIVATE KEY----- block " +
      "(PKCS#8; RSA PRIVATE KEY and EC PRIVATE KEY are accepted too)"
    );
  }
  return `expected a private key but found ${labels.join(", ")}; pass the PEM of the private key instead`;
}

/**
 * Import a PEM private key: PKCS#1, PKCS#8 or SEC1 (an `EC PARAMETERS` block before it is fine), any line endings.
 * Other blocks in the text (e.g. certificates in a combined file) are ignored.
 */
export function loadPrivateKey(pem: string, field = "privateKey"): KeyMaterial {
  if (typeof pem !== "string" || pem.trim() === "") {
    throw new CryptoInputError("the private key is empty; pass the PEM text of an unencrypted private key", field);
  }
  const blocks = splitPemBlocks(pem);
  if (blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY")) {
    throw new CryptoInputError(`the private key is encrypted (ENCRYPTED PRIVATE KEY); ${DECRYPT_HINT}`, field);
  }
  if (blocks.some((b) => /ENCRYPTED/i.test(b.headers["Proc-Type"] ?? ""))) {
    throw new CryptoInputError(`the private key is encrypted (Proc-Type: 4,ENCRYPTED); ${DECRYPT_HINT}`, field);
  }
  const keyBlocks = blocks.filter((b) => KEY_TYPES[b.label] !== undefined);
  if (keyBlocks.length === 0) {
    throw new CryptoInputError(describeNonKey(blocks), field);
  }
  if (keyBlocks.length > 1) {
    throw new CryptoInputError(`the input contains ${keyBlocks.length} private keys; pass exactly one`, field);
  }
  const block = keyBlocks[0];
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey({ key: block.der, format: "der", type: KEY_TYPES[block.label] });
  } catch (err) {
    throw new CryptoInputError(
      `the ${block.label} block could not be parsed (${(err as Error).message}); check that the whole PEM was copied`,
      field,
    );
  }
  const spec = requireSupportedSpec(privateKey, field);
  const broken = keyInconsistency(privateKey);
  if (broken) {
    throw new CryptoInputError(
      `the private key is damaged: ${broken}; copy the whole PEM again from its source (a certificate for it would be useless)`,
      field,
    );
  }
  return material(privateKey, spec);
}

function toPublicKey(key: crypto.KeyObject | string): crypto.KeyObject {
  if (typeof key !== "string") {
    if (key.type === "secret") {
      throw new CryptoInputError("expected an asymmetric key, got a secret key");
    }
    return key.type === "private" ? crypto.createPublicKey(key) : key;
  }
  const blocks = splitPemBlocks(key);
  const cert = blocks.find((b) => b.label === "CERTIFICATE");
  try {
    if (cert !== undefined) {
      return new crypto.X509Certificate(cert.der).publicKey;
    }
    // createPublicKey also takes (unencrypted) private keys and derives the public half.
    const keyBlock = blocks.find((b) => /(^| )(PUBLIC|PRIVATE) KEY$/.test(b.label));
    return crypto.createPublicKey(keyBlock !== undefined ? keyBlock.pem : key);
  } catch (err) {
    throw new CryptoInputError(`could not read a public key from the PEM text (${(err as Error).message})`);
  }
}

/** True when both arguments (keys, key PEMs or certificate PEMs) hold the same public key. */
export function publicKeysEqual(a: crypto.KeyObject | string, b: crypto.KeyObject | string): boolean {
  const spki = (k: crypto.KeyObject) => k.export({ type: "spki", format: "der" });
  return spki(toPublicKey(a)).equals(spki(toPublicKey(b)));
}
