import * as crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptoInputError } from "../../provider/crypto/errors";
import {
  DEFAULT_KEY_SPEC,
  generateKeyPair,
  type KeySpec,
  loadPrivateKey,
  publicKeysEqual,
  validateKeySpec,
} from "../../provider/crypto/keys";
import { openssl, TempDir, toCrlf } from "./openssl";

const tmp = new TempDir();
afterAll(() => tmp.remove());

/** Public key of a key file according to openssl. */
function opensslPublicKey(file: string): string {
  return openssl(["pkey", "-in", file, "-pubout"]);
}

describe("generateKeyPair", () => {
  const specs: KeySpec[] = [
    { algorithm: "RSA", rsaBits: 2048 },
    { algorithm: "ECDSA", ecdsaCurve: "P256" },
    { algorithm: "ECDSA", ecdsaCurve: "P384" },
  ];

  it.each(specs)("produces PKCS#8 and SPKI PEM that openssl accepts: %o", async (spec) => {
    const key = await generateKeyPair(spec);
    expect(key.spec).toEqual(spec);
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const file = tmp.write(`gen-${JSON.stringify(spec).replace(/\W/g, "")}.pem`, key.privateKeyPem);
    expect(opensslPublicKey(file)).toBe(key.publicKeyPem);
    expect(loadPrivateKey(key.privateKeyPem).spec).toEqual(spec);
  });

  it("defaults to RSA 2048", () => {
    expect(DEFAULT_KEY_SPEC).toEqual({ algorithm: "RSA", rsaBits: 2048 });
  });

  it("rejects specs outside the supported set", async () => {
    await expect(generateKeyPair({ algorithm: "RSA", rsaBits: 1024 } as unknown as KeySpec)).rejects.toThrow(
      /rsaBits 1024 is not supported; use 2048, 3072 or 4096/,
    );
    expect(() => validateKeySpec({ algorithm: "ECDSA", ecdsaCurve: "P521" })).toThrow(/ecdsaCurve P521/);
    expect(() => validateKeySpec({ algorithm: "Ed25519" })).toThrow(CryptoInputError);
  });
});

describe("loadPrivateKey with keys made by openssl", () => {
  interface Case {
    name: string;
    args: string[];
    label: RegExp;
    spec: KeySpec;
  }
  const cases: Case[] = [
    {
      name: "PKCS#1 RSA (genrsa -traditional)",
      args: ["genrsa", "-traditional", "2048"],
      label: /^-----BEGIN RSA PRIVATE KEY-----/,
      spec: { algorithm: "RSA", rsaBits: 2048 },
    },
    {
      name: "PKCS#8 RSA (genpkey)",
      args: ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
      label: /^-----BEGIN PRIVATE KEY-----/,
      spec: { algorithm: "RSA", rsaBits: 2048 },
    },
    {
      name: "SEC1 P-256 with EC PARAMETERS (ecparam -genkey)",
      args: ["ecparam", "-name", "prime256v1", "-genkey"],
      label: /^-----BEGIN EC PARAMETERS-----[\s\S]*-----BEGIN EC PRIVATE KEY-----/,
      spec: { algorithm: "ECDSA", ecdsaCurve: "P256" },
    },
    {
      name: "SEC1 P-384 without parameters (ecparam -genkey -noout)",
      args: ["ecparam", "-name", "secp384r1", "-genkey", "-noout"],
      label: /^-----BEGIN EC PRIVATE KEY-----/,
      spec: { algorithm: "ECDSA", ecdsaCurve: "P384" },
    },
    {
      name: "PKCS#8 P-384 (genpkey)",
      args: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
      label: /^-----BEGIN PRIVATE KEY-----/,
      spec: { algorithm: "ECDSA", ecdsaCurve: "P384" },
    },
  ];

  const made = new Map<string, { pem: string; publicKeyPem: string }>();
  beforeAll(() => {
    cases.forEach((c, i) => {
      const pem = openssl(c.args);
      const file = tmp.write(`openssl-${i}.pem`, pem);
      made.set(c.name, { pem, publicKeyPem: opensslPublicKey(file) });
    });
  });

  describe.each(cases)("$name", (c) => {
    it("loads with LF line endings", () => {
      const { pem, publicKeyPem } = made.get(c.name)!;
      expect(pem).toMatch(c.label);
      const key = loadPrivateKey(pem);
      expect(key.spec).toEqual(c.spec);
      expect(key.publicKeyPem).toBe(publicKeyPem);
      expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
      expect(publicKeysEqual(key.privateKey, publicKeyPem)).toBe(true);
    });

    it("loads with CRLF line endings and stray whitespace", () => {
      const { pem, publicKeyPem } = made.get(c.name)!;
      const key = loadPrivateKey(`\r\n  ${toCrlf(pem).replace(/\r\n/g, "  \r\n")}\r\n`);
      expect(key.spec).toEqual(c.spec);
      expect(key.publicKeyPem).toBe(publicKeyPem);
    });
  });

  it("re-encodes to PKCS#8 that openssl reads back to the same key", () => {
    const { pem, publicKeyPem } = made.get(cases[0].name)!;
    const file = tmp.write("reencoded.pem", loadPrivateKey(pem).privateKeyPem);
    expect(opensslPublicKey(file)).toBe(publicKeyPem);
  });

  it("ignores a certificate next to the key (combined PEM files)", () => {
    const { pem, publicKeyPem } = made.get(cases[4].name)!;
    const keyFile = tmp.write("combined-key.pem", pem);
    const cert = openssl(["req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=combined", "-days", "1"]);
    expect(loadPrivateKey(cert + pem).publicKeyPem).toBe(publicKeyPem);
  });
});

describe("loadPrivateKey rejections", () => {
  function rejection(input: string): CryptoInputError {
    try {
      loadPrivateKey(input);
    } catch (err) {
      expect(err).toBeInstanceOf(CryptoInputError);
      expect((err as CryptoInputError).field).toBe("privateKey");
      return err as CryptoInputError;
    }
    throw new Error("expected loadPrivateKey to throw");
  }

  it("rejects an encrypted PKCS#8 key and says how to decrypt it", () => {
    const pem = openssl([
      "genpkey",
      "-algorithm",
      "EC",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-aes256",
      "-pass",
      "pass:x",
    ]);
    expect(pem).toContain("ENCRYPTED PRIVATE KEY");
    const err = rejection(pem);
    expect(err.message).toMatch(/encrypted \(ENCRYPTED PRIVATE KEY\)/);
    expect(err.message).toContain("decrypt it first, e.g. openssl pkey -in key.pem -out plain.pem");
  });

  it("rejects a legacy encrypted key (Proc-Type: 4,ENCRYPTED), also with CRLF", () => {
    const plain = tmp.write("legacy-plain.pem", openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout"]));
    const pem = openssl(["ec", "-in", plain, "-aes256", "-passout", "pass:x"]);
    expect(pem).toContain("Proc-Type: 4,ENCRYPTED");
    for (const text of [pem, toCrlf(pem)]) {
      const err = rejection(text);
      expect(err.message).toMatch(/encrypted \(Proc-Type: 4,ENCRYPTED\)/);
      expect(err.message).toContain("openssl pkey -in key.pem -out plain.pem");
    }
  });

  it("rejects RSA 1024", () => {
    const err = rejection(openssl(["genrsa", "1024"]));
    expect(err.message).toMatch(/RSA key size 1024 bits is not supported; use 2048, 3072 or 4096 bits/);
  });

  it("rejects secp256k1", () => {
    const err = rejection(openssl(["ecparam", "-name", "secp256k1", "-genkey", "-noout"]));
    expect(err.message).toMatch(/EC curve secp256k1 is not supported; use P-256 \(prime256v1\) or P-384/);
  });

  it("rejects Ed25519", () => {
    const err = rejection(openssl(["genpkey", "-algorithm", "ed25519"]));
    expect(err.message).toMatch(/ed25519 keys are not supported/);
  });

  it("rejects garbage, empty input, a lone certificate and a corrupted key", () => {
    expect(rejection("hello world").message).toMatch(/not PEM text; expected a -----BEGIN PRIVATE KEY----- block/);
    expect(rejection("  ").message).toMatch(/empty/);
    const keyFile = tmp.write("for-cert.pem", openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout"]));
    const cert = openssl(["req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=x", "-days", "1"]);
    expect(rejection(cert).message).toMatch(/expected a private key but found CERTIFICATE/);
    const corrupted = "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAw\n-----END PRIVATE KEY-----\n";
    expect(rejection(corrupted).message).toMatch(/PRIVATE KEY block could not be parsed/);
  });

  it("rejects two keys in one input", async () => {
    const a = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    expect(rejection(a.privateKeyPem + a.privateKeyPem).message).toMatch(/contains 2 private keys/);
  });
});

describe("publicKeysEqual", () => {
  it("compares keys, key PEMs and certificates by SPKI", async () => {
    const [a, b] = await Promise.all([
      generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }),
      generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }),
    ]);
    expect(publicKeysEqual(a.privateKey, a.publicKeyPem)).toBe(true);
    expect(publicKeysEqual(a.privateKeyPem, crypto.createPublicKey(a.privateKey))).toBe(true);
    expect(publicKeysEqual(toCrlf(a.publicKeyPem), a.privateKey)).toBe(true);
    expect(publicKeysEqual(a.privateKey, b.privateKey)).toBe(false);
    expect(publicKeysEqual(a.publicKeyPem, b.publicKeyPem)).toBe(false);

    const keyFile = tmp.write("pke.pem", a.privateKeyPem);
    const cert = openssl(["req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=pke", "-days", "1"]);
    expect(publicKeysEqual(cert, a.privateKey)).toBe(true);
    expect(publicKeysEqual(cert, b.publicKeyPem)).toBe(false);
    expect(() => publicKeysEqual("nonsense", a.privateKey)).toThrow(CryptoInputError);
  });
});
