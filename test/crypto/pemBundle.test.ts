import * as crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair, type KeyMaterial } from "../../provider/crypto/keys";
import {
  BundleError,
  type BundleErrorReason,
  type CertificateBundle,
  splitCertificateBundle,
} from "../../provider/crypto/pemBundle";
import { type CertificateAuthority, createCertificateAuthority, issueCertificate } from "../../provider/crypto/x509";
import { normalizePem } from "../../provider/shared/pem";
import { openssl, runOpenssl, TempDir, toCrlf } from "./openssl";

const tmp = new TempDir();
afterAll(() => tmp.remove());

let ca: CertificateAuthority;
// Same subject names as `ca`, different keys: only a signature check tells them apart.
let impostor: CertificateAuthority;
let other: CertificateAuthority;
let rsa: KeyMaterial;
let ec: KeyMaterial;
let stranger: KeyMaterial;
let leaf: string;
let ecLeaf: string;
let otherLeaf: string;
let root: string;
let intermediate: string;
let pkcs1: string;
let pkcs8: string;
let sec1: string;

function issue(key: KeyMaterial, commonName: string, issuer = ca.intermediate): string {
  const now = Date.now();
  return issueCertificate({
    csrPem: buildCsr({ privateKey: key.privateKey, commonName, dnsNames: [`api.${commonName}`] }),
    issuer,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 90 * 24 * 3600_000),
  });
}

beforeAll(async () => {
  [ca, impostor, other, rsa, ec, stranger] = await Promise.all([
    createCertificateAuthority({ name: "Bundle Test" }),
    createCertificateAuthority({ name: "Bundle Test" }),
    createCertificateAuthority({ name: "Other Test" }),
    generateKeyPair({ algorithm: "RSA", rsaBits: 2048 }),
    generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }),
    generateKeyPair({ algorithm: "RSA", rsaBits: 2048 }),
  ]);
  root = ca.root.certificatePem;
  intermediate = ca.intermediate.certificatePem;
  leaf = issue(rsa, "www.example.com");
  ecLeaf = issue(ec, "ec.example.com");
  otherLeaf = issue(stranger, "other.example.com", other.intermediate);
  pkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
  pkcs8 = rsa.privateKeyPem;
  sec1 = ec.privateKey.export({ type: "sec1", format: "pem" }) as string;
});

let fileCounter = 0;

/** `openssl verify` of fullChainPem: its first certificate against the root, the rest as untrusted intermediates. */
function expectVerifies(bundle: CertificateBundle, rootPem: string): void {
  expect(bundle.fullChainPem).toBe(bundle.certificatePem + bundle.chainPem);
  const n = ++fileCounter;
  const leafFile = tmp.write(`leaf-${n}.pem`, bundle.certificatePem);
  const chainFile = tmp.write(`chain-${n}.pem`, bundle.chainPem);
  const rootFile = tmp.write(`root-${n}.pem`, rootPem);
  const untrusted = bundle.chainPem === "" ? [] : ["-untrusted", chainFile];
  const res = runOpenssl(["verify", "-CAfile", rootFile, ...untrusted, leafFile]);
  expect(`${res.stdout}${res.stderr}`).toContain(`${leafFile}: OK`);
}

/** Base64 lines of every private key the tests use: none may appear in an error message. */
function keyFragments(): string[] {
  const pems = [pkcs1, pkcs8, sec1, stranger.privateKeyPem, ca.intermediate.privateKeyPem];
  return pems.flatMap((pem) => pem.split("\n").filter((line) => /^[A-Za-z0-9+/=]{24,}$/.test(line)));
}

function bundleError(file: string | Buffer, reason: BundleErrorReason, options?: { allowEncryptedKey?: boolean }) {
  let caught: unknown;
  try {
    splitCertificateBundle(file, options);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(BundleError);
  const error = caught as BundleError;
  expect(error.reason).toBe(reason);
  expect(error.name).toBe("BundleError");
  expect(error.message).not.toContain("PRIVATE KEY");
  expect(error.message).not.toContain("-----END");
  for (const fragment of keyFragments()) {
    expect(error.message).not.toContain(fragment.slice(0, 24));
  }
  return error;
}

describe("splitCertificateBundle: the documented shape", () => {
  it("reads leaf, intermediate and a PKCS#1 key", () => {
    const bundle = splitCertificateBundle(leaf + intermediate + pkcs1);
    expect(bundle.certificatePem).toBe(normalizePem(leaf));
    expect(bundle.chainPem).toBe(normalizePem(intermediate));
    expect(bundle.rootCertificatePem).toBeUndefined();
    expect(bundle.privateKeyPem).toBe(pkcs1);
    expect(bundle.privateKeyType).toBe("pkcs1");
    expect(bundle.privateKeyEncrypted).toBe(false);
    expect(bundle.unrelatedCertificatePems).toEqual([]);
    expect(bundle.leaf.commonName).toBe("www.example.com");
    expect(bundle.leaf.dnsNames).toEqual(["www.example.com", "api.www.example.com"]);
    expect(bundle.leaf.isCa).toBe(false);
    expectVerifies(bundle, root);
  });

  it("accepts a Buffer", () => {
    const bundle = splitCertificateBundle(Buffer.from(leaf + intermediate + root + pkcs1));
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.rootCertificatePem).toBe(root);
  });

  it("works on a chain built by the openssl CLI (RSA CAs, -traditional key, cat cert.pem key.pem)", () => {
    const file = (name: string) => tmp.path(`cli-${name}`);
    const quiet = (args: string[]) => openssl(args);
    quiet(
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("root.key"), "-out", file("root.pem")].concat([
        "-subj",
        "/C=KR/O=CLI Test/CN=CLI Root",
        "-days",
        "30",
      ]),
    );
    tmp.write("cli-ca.ext", "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
    tmp.write("cli-leaf.ext", "basicConstraints=CA:FALSE\nsubjectAltName=DNS:cli.example.com\n");
    quiet(
      ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", file("int.key"), "-out", file("int.csr")].concat([
        "-subj",
        "/C=KR/O=CLI Test/CN=CLI Intermediate",
      ]),
    );
    quiet(
      ["x509", "-req", "-in", file("int.csr"), "-CA", file("root.pem"), "-CAkey", file("root.key")].concat([
        "-CAcreateserial",
        "-days",
        "30",
        "-extfile",
        file("ca.ext"),
        "-out",
        file("int.pem"),
      ]),
    );
    quiet(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file("leaf8.key")]);
    quiet(["rsa", "-in", file("leaf8.key"), "-traditional", "-out", file("leaf.key")]);
    quiet(["req", "-new", "-key", file("leaf.key"), "-subj", "/CN=cli.example.com", "-out", file("leaf.csr")]);
    quiet(
      ["x509", "-req", "-in", file("leaf.csr"), "-CA", file("int.pem"), "-CAkey", file("int.key")].concat([
        "-CAcreateserial",
        "-days",
        "30",
        "-extfile",
        file("leaf.ext"),
        "-out",
        file("leaf.pem"),
      ]),
    );
    const read = (name: string) => tmp.read(`cli-${name}`);
    const key = read("leaf.key");
    expect(key).toContain("-----BEGIN RSA PRIVATE KEY-----");

    // The troubleshooting guide's recipe: leaf, intermediate, root, then the key.
    const bundle = splitCertificateBundle(read("leaf.pem") + read("int.pem") + read("root.pem") + key);
    expect(bundle.leaf.commonName).toBe("cli.example.com");
    expect(bundle.chainPem).toBe(normalizePem(read("int.pem")));
    expect(bundle.rootCertificatePem).toBe(normalizePem(read("root.pem")));
    expect(bundle.privateKeyType).toBe("pkcs1");
    expectVerifies(bundle, read("root.pem"));
  });
});

describe("splitCertificateBundle: key formats", () => {
  it("reads a PKCS#8 key", () => {
    const bundle = splitCertificateBundle(leaf + intermediate + pkcs8);
    expect(bundle.privateKeyType).toBe("pkcs8");
    expect(bundle.privateKeyPem).toBe(pkcs8);
    expect(bundle.certificatePem).toBe(leaf);
  });

  it("reads an EC SEC1 key", () => {
    expect(sec1).toContain("-----BEGIN EC PRIVATE KEY-----");
    const bundle = splitCertificateBundle(sec1 + intermediate + ecLeaf);
    expect(bundle.privateKeyType).toBe("ec");
    expect(bundle.privateKeyPem).toBe(sec1);
    expect(bundle.certificatePem).toBe(ecLeaf);
    expect(bundle.chainPem).toBe(intermediate);
    expectVerifies(bundle, root);
  });

  it("reads an EC SEC1 key preceded by EC PARAMETERS, returning the key block alone", () => {
    const params = openssl(["ecparam", "-name", "prime256v1"]);
    expect(params).toContain("-----BEGIN EC PARAMETERS-----");
    const bundle = splitCertificateBundle(ecLeaf + intermediate + params + sec1);
    expect(bundle.privateKeyType).toBe("ec");
    expect(bundle.privateKeyPem).toBe(sec1);
    expect(bundle.certificatePem).toBe(ecLeaf);
  });
});

describe("splitCertificateBundle: layout", () => {
  it("puts the leaf first whatever the order: key, root, leaf, intermediate", () => {
    const bundle = splitCertificateBundle(pkcs1 + root + leaf + intermediate);
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.fullChainPem).toBe(leaf + intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    expect(bundle.unrelatedCertificatePems).toEqual([]);
    expectVerifies(bundle, root);
  });

  it("orders several intermediates from the leaf's issuer upward", async () => {
    // root -> ca.intermediate -> sub-CA (signed with the intermediate's key) -> leaf
    const subKey = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
    const sub = openssl(
      ["x509", "-req", "-in", tmp.write("sub.csr", buildCsr({ privateKey: subKey.privateKey, commonName: "sub.ca" }))]
        .concat(["-CA", tmp.write("sub-issuer.pem", intermediate)])
        .concat(["-CAkey", tmp.write("sub-issuer.key", ca.intermediate.privateKeyPem), "-set_serial", "7"])
        .concat(["-days", "30", "-extfile", tmp.write("sub.ext", "basicConstraints=critical,CA:TRUE\n")]),
    );
    const subLeaf = issue(rsa, "deep.example.com", {
      certificatePem: sub,
      privateKey: subKey.privateKey,
      privateKeyPem: subKey.privateKeyPem,
    });
    const bundle = splitCertificateBundle(root + intermediate + pkcs8 + sub + subLeaf);
    expect(bundle.certificatePem).toBe(subLeaf);
    expect(bundle.chainPem).toBe(normalizePem(sub) + intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    // No openssl verify here: ca.intermediate has pathlen:0, which this sub-CA exceeds; only the order matters.
    expect(bundle.unrelatedCertificatePems).toEqual([]);
  });

  it("normalizes CRLF everywhere", () => {
    const bundle = splitCertificateBundle(toCrlf(intermediate + pkcs1 + leaf + root));
    for (const text of [bundle.certificatePem, bundle.chainPem, bundle.rootCertificatePem, bundle.privateKeyPem]) {
      expect(text).not.toContain("\r");
    }
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.privateKeyPem).toBe(pkcs1);
    expectVerifies(bundle, root);
  });

  it("ignores Bag Attributes, localKeyID, subject= and issuer= lines from openssl pkcs12 -nodes", () => {
    const p12 = tmp.path("bundle.p12");
    openssl(
      ["pkcs12", "-export", "-inkey", tmp.write("p12.key", pkcs8), "-in", tmp.write("p12-leaf.pem", leaf)].concat([
        "-certfile",
        tmp.write("p12-chain.pem", intermediate + root),
        "-passout",
        "pass:x",
        "-out",
        p12,
      ]),
    );
    const text = openssl(["pkcs12", "-in", p12, "-nodes", "-passin", "pass:x"]);
    expect(text).toContain("Bag Attributes");
    expect(text).toContain("localKeyID:");
    expect(text).toMatch(/^subject=/m);
    expect(text).toMatch(/^issuer=/m);
    const bundle = splitCertificateBundle(toCrlf(text));
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    expect(bundle.privateKeyType).toBe("pkcs8");
    expect(crypto.createPrivateKey(bundle.privateKeyPem!).equals(rsa.privateKey)).toBe(true);
    expectVerifies(bundle, root);
  });

  it("drops exact duplicates, e.g. cat cert.pem fullchain.pem", () => {
    const bundle = splitCertificateBundle(leaf + leaf + intermediate + pkcs1);
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.unrelatedCertificatePems).toEqual([]);
  });
});

describe("splitCertificateBundle: certificates outside the chain", () => {
  it("reports an unrelated certificate instead of dropping it", () => {
    const bundle = splitCertificateBundle(leaf + other.intermediate.certificatePem + intermediate + root + pkcs1);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    expect(bundle.unrelatedCertificatePems).toEqual([other.intermediate.certificatePem]);
    expectVerifies(bundle, root);
  });

  it("follows signatures, not names: a look-alike intermediate earlier in the file is not chained", () => {
    const lookAlike = impostor.intermediate.certificatePem;
    const lookAlikeRoot = impostor.root.certificatePem;
    const bundle = splitCertificateBundle(lookAlikeRoot + lookAlike + leaf + intermediate + root + pkcs1);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    expect(bundle.unrelatedCertificatePems).toEqual([lookAlikeRoot, lookAlike]);
    expectVerifies(bundle, root);
  });

  it("checks the signature when name and key identifier both match", () => {
    // Copy the real intermediate's subject and subjectKeyIdentifier onto a certificate with another key, so that
    // only the signature tells them apart. The key must be EC too: OpenSSL matches the key type to the signature.
    const info = openssl(
      ["x509", "-noout", "-subject", "-ext", "subjectKeyIdentifier", "-nameopt", "compat"],
      intermediate,
    );
    const subject = /^subject=(.+)$/m.exec(info)?.[1];
    const ski = /^\s+([0-9A-F]{2}(?::[0-9A-F]{2})+)\s*$/m.exec(info)?.[1];
    expect(subject).toBe("/O=Bundle Test/CN=Bundle Test Intermediate CA");
    expect(ski).toBeDefined();
    const csr = openssl([
      "req",
      "-new",
      "-key",
      tmp.write("twin.key", impostor.intermediate.privateKeyPem),
      "-subj",
      subject!,
    ]);
    const ext = `basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=${ski}\n`;
    const twin = openssl(
      ["x509", "-req", "-in", tmp.write("twin.csr", csr), "-CA", tmp.write("twin-ca.pem", impostor.root.certificatePem)]
        .concat(["-CAkey", tmp.write("twin-ca.key", impostor.root.privateKeyPem), "-set_serial", "9", "-days", "1"])
        .concat(["-extfile", tmp.write("twin.ext", ext)]),
    );
    expect(new crypto.X509Certificate(leaf).checkIssued(new crypto.X509Certificate(twin))).toBe(true);
    const bundle = splitCertificateBundle(twin + leaf + intermediate + root + pkcs1);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.unrelatedCertificatePems).toEqual([normalizePem(twin)]);
    expectVerifies(bundle, root);
  });

  it("finds a root that issued the leaf directly", () => {
    const direct = issue(rsa, "direct.example.com", ca.root);
    const bundle = splitCertificateBundle(root + direct + pkcs1);
    expect(bundle.certificatePem).toBe(direct);
    expect(bundle.chainPem).toBe("");
    expect(bundle.fullChainPem).toBe(direct);
    expect(bundle.rootCertificatePem).toBe(root);
    expectVerifies(bundle, root);
  });

  it("reports the root of an unrelated chain as unrelated, not as the root", () => {
    const bundle = splitCertificateBundle(other.root.certificatePem + leaf + intermediate + pkcs1);
    expect(bundle.rootCertificatePem).toBeUndefined();
    expect(bundle.unrelatedCertificatePems).toEqual([other.root.certificatePem]);
  });

  it("finds the leaf by issuer links when the file has no key", () => {
    const bundle = splitCertificateBundle(root + intermediate + leaf + other.root.certificatePem);
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    expect(bundle.privateKeyPem).toBeUndefined();
    expect(bundle.privateKeyType).toBeUndefined();
    expect(bundle.privateKeyEncrypted).toBe(false);
    expect(bundle.unrelatedCertificatePems).toEqual([other.root.certificatePem]);
    expectVerifies(bundle, root);
  });

  it("picks the first end-entity certificate in file order when there is no key to decide", () => {
    const bundle = splitCertificateBundle(intermediate + otherLeaf + leaf + other.intermediate.certificatePem);
    expect(bundle.certificatePem).toBe(otherLeaf);
    expect(bundle.chainPem).toBe(other.intermediate.certificatePem);
    expect(bundle.unrelatedCertificatePems).toEqual([intermediate, leaf]);
  });

  it("takes the key's certificate as the leaf even when another end-entity certificate comes first", () => {
    const bundle = splitCertificateBundle(otherLeaf + other.intermediate.certificatePem + leaf + intermediate + pkcs1);
    expect(bundle.certificatePem).toBe(leaf);
    expect(bundle.unrelatedCertificatePems).toEqual([otherLeaf, other.intermediate.certificatePem]);
  });

  it("treats a self-signed certificate (openssl req -x509, CA:TRUE) with its key as the leaf, not as a root", () => {
    const keyFile = tmp.path("self.key");
    const certFile = tmp.path("self.pem");
    openssl(
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", keyFile].concat([
        "-out",
        certFile,
        "-subj",
        "/CN=self.example.com",
        "-days",
        "1",
      ]),
    );
    const self = tmp.read("self.pem");
    for (const file of [self + tmp.read("self.key"), self]) {
      const bundle = splitCertificateBundle(file);
      expect(bundle.leaf.commonName).toBe("self.example.com");
      expect(bundle.chainPem).toBe("");
      expect(bundle.rootCertificatePem).toBeUndefined();
    }
  });
});

describe("splitCertificateBundle: encrypted keys", () => {
  const passphrase = "x";
  let encrypted8: string;
  let encrypted1: string;
  let encryptedEc: string;

  beforeAll(() => {
    const cipher = "aes-256-cbc";
    encrypted8 = rsa.privateKey.export({ type: "pkcs8", format: "pem", cipher, passphrase }) as string;
    encrypted1 = rsa.privateKey.export({ type: "pkcs1", format: "pem", cipher, passphrase }) as string;
    encryptedEc = ec.privateKey.export({ type: "sec1", format: "pem", cipher, passphrase }) as string;
  });

  it.each([
    ["encrypted PKCS#8", () => encrypted8, "encrypted PKCS#8"],
    ["encrypted PKCS#1 (Proc-Type)", () => encrypted1, "Proc-Type: 4,ENCRYPTED"],
  ] as const)("refuses %s by default, with the fix", (_name, key, described) => {
    const error = bundleError(leaf + intermediate + key(), "encrypted-key");
    expect(error.message).toContain(described);
    expect(error.message).toContain("passphrase");
    expect(error.message).toContain("openssl pkey -in key.pem -out plain.pem");
    expect(error.message).toContain("NHN Certificate Manager");
    expect(error.message).toContain("allowEncryptedKey");
  });

  it.each([
    ["encrypted PKCS#8", () => encrypted8, () => leaf, "encrypted-pkcs8"],
    ["encrypted PKCS#1 (Proc-Type)", () => encrypted1, () => leaf, "encrypted-pkcs1"],
    ["encrypted SEC1 (Proc-Type)", () => encryptedEc, () => ecLeaf, "encrypted-ec"],
  ] as const)("returns %s untouched when allowed", (_name, key, cert, type) => {
    const file = toCrlf(key() + root + cert() + intermediate);
    const bundle = splitCertificateBundle(file, { allowEncryptedKey: true });
    expect(bundle.privateKeyEncrypted).toBe(true);
    expect(bundle.privateKeyType).toBe(type);
    expect(bundle.privateKeyPem).toBe(key());
    expect(bundle.certificatePem).toBe(cert());
    expect(bundle.chainPem).toBe(intermediate);
    expect(bundle.rootCertificatePem).toBe(root);
    const decrypted = crypto.createPrivateKey({ key: bundle.privateKeyPem!, passphrase });
    expect(crypto.createPublicKey(decrypted).export({ type: "spki", format: "pem" })).toBe(bundle.leaf.publicKeyPem);
  });

  it("keeps the Proc-Type and DEK-Info headers of an encrypted PKCS#1 key", () => {
    const bundle = splitCertificateBundle(leaf + encrypted1, { allowEncryptedKey: true });
    expect(bundle.privateKeyPem).toContain("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,");
  });
});

describe("splitCertificateBundle: errors", () => {
  it("key-mismatch names the leaf candidates", () => {
    const error = bundleError(leaf + intermediate + root + stranger.privateKeyPem, "key-mismatch");
    expect(error.message).toContain("CN=www.example.com");
    expect(error.message).not.toContain("Root CA");
    expect(error.message).toContain("PKCS#8");
  });

  it("key-mismatch for a key of another algorithm", () => {
    bundleError(leaf + intermediate + sec1, "key-mismatch");
  });

  it("multiple-keys for two keys", () => {
    const error = bundleError(leaf + pkcs1 + intermediate + sec1, "multiple-keys");
    expect(error.message).toContain("2 private keys");
  });

  it("multiple-keys also when one of them is encrypted, even if encrypted keys are allowed", () => {
    const encrypted = stranger.privateKey.export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-128-cbc",
      passphrase: "p",
    });
    bundleError(leaf + pkcs1 + String(encrypted), "multiple-keys", { allowEncryptedKey: true });
  });

  it("no-certificate for a key alone or a CSR", () => {
    const error = bundleError(pkcs1, "no-certificate");
    expect(error.message).toContain("private key (rsa)");
    bundleError(buildCsr({ privateKey: rsa.privateKey, commonName: "csr.example.com" }), "no-certificate");
  });

  const malformed: [string, () => string | Buffer][] = [
    ["plain text", () => "hello, this is not a certificate"],
    ["an empty file", () => ""],
    ["random bytes", () => crypto.randomBytes(4096)],
    ["a DER certificate", () => new crypto.X509Certificate(leaf).raw],
    ["a key cut off before its END line", () => leaf + pkcs1.slice(0, 600)],
    ["a certificate cut off, then a complete one", () => leaf.slice(0, 500) + intermediate + pkcs8],
    ["a certificate block with broken content", () => leaf.replace(/\n[A-Za-z0-9+/]{64}\n/, "\nAAAA\n") + pkcs1],
    ["a mangled key", () => leaf + pkcs1.replace(/\n[A-Za-z0-9+/]{64}\n/, "\nAAAA\n")],
    ["an OpenSSH key", () => `${leaf}-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n`],
  ];

  it.each(malformed)("malformed for %s, without quoting the file", (_name, file) => {
    bundleError(file(), "malformed");
  });
});
