import * as crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCsr,
  compareCsrWithNames,
  parseCsr,
  type SubjectFields,
  validateDnsName,
} from "../../provider/crypto/csr";
import { CryptoInputError } from "../../provider/crypto/errors";
import { generateKeyPair, type KeyMaterial, type KeySpec } from "../../provider/crypto/keys";
import { splitPemBlocks, toPem } from "../../provider/shared/pem";
import { openssl, runOpenssl, TempDir } from "./openssl";

const tmp = new TempDir();
afterAll(() => tmp.remove());

// RSA-4096 generation is slow, so each key is generated at most once per file.
const keyCache = new Map<string, Promise<KeyMaterial>>();
function keyFor(spec: KeySpec): Promise<KeyMaterial> {
  const id = JSON.stringify(spec);
  let key = keyCache.get(id);
  if (key === undefined) {
    key = generateKeyPair(spec);
    keyCache.set(id, key);
  }
  return key;
}

const RSA_4096: KeySpec = { algorithm: "RSA", rsaBits: 4096 };

describe("generateKeyPair", () => {
  it("keeps the event loop running while generating RSA-4096", async () => {
    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    try {
      const key = await keyFor(RSA_4096);
      expect(key.spec).toEqual(RSA_4096);
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    maxGap = Math.max(maxGap, performance.now() - last);
    expect(maxGap).toBeLessThan(200);
    // A blocked loop would tick at most once or twice, however long generation took.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 100));
  });
});

const SUBJECT: Required<SubjectFields> = {
  organization: "예제 주식회사 Example Co.",
  organizationalUnit: "Platform Team",
  locality: "Gangnam-gu",
  state: "Seoul",
  country: "KR",
  emailAddress: "admin@example.com",
};
const CN = "www.example.com";
const SANS = ["example.com", "api.example.com"];

const MATRIX: { label: string; spec: KeySpec; signature: string }[] = [
  { label: "RSA 2048", spec: { algorithm: "RSA", rsaBits: 2048 }, signature: "sha256WithRSAEncryption" },
  { label: "RSA 3072", spec: { algorithm: "RSA", rsaBits: 3072 }, signature: "sha256WithRSAEncryption" },
  { label: "RSA 4096", spec: RSA_4096, signature: "sha256WithRSAEncryption" },
  { label: "ECDSA P-256", spec: { algorithm: "ECDSA", ecdsaCurve: "P256" }, signature: "ecdsa-with-SHA256" },
  { label: "ECDSA P-384", spec: { algorithm: "ECDSA", ecdsaCurve: "P384" }, signature: "ecdsa-with-SHA384" },
];

describe.each(MATRIX)("buildCsr with $label", ({ label, spec, signature }) => {
  const id = label.replace(/\W/g, "");
  let key: KeyMaterial;
  let csr: string;
  let csrFile: string;
  let keyFile: string;

  beforeAll(async () => {
    key = await keyFor(spec);
    csr = buildCsr({ privateKey: key.privateKey, commonName: CN, dnsNames: SANS, subject: SUBJECT });
    csrFile = tmp.write(`${id}.csr`, csr);
    keyFile = tmp.write(`${id}.key`, key.privateKeyPem);
  });

  it("is PEM with LF line endings", () => {
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
  });

  it("passes openssl req -verify", () => {
    const res = runOpenssl(["req", "-in", csrFile, "-noout", "-verify"]);
    expect(res.status).toBe(0);
    expect(res.stdout + res.stderr).toMatch(/verify OK/);
  });

  it("shows the SANs, subject and signature algorithm in openssl req -text", () => {
    const text = openssl(["req", "-in", csrFile, "-noout", "-text", "-nameopt", "oneline,-esc_msb"]);
    expect(text).toContain("DNS:www.example.com, DNS:example.com, DNS:api.example.com");
    expect(text).toContain(
      "Subject: C = KR, ST = Seoul, L = Gangnam-gu, O = 예제 주식회사 Example Co., OU = Platform Team, " +
        "CN = www.example.com, emailAddress = admin@example.com",
    );
    expect(text).toContain(`Signature Algorithm: ${signature}`);
    expect(text).toContain("Version: 1 (0x0)");
  });

  it("uses PrintableString for C, IA5String for emailAddress and UTF8String otherwise", () => {
    const dump = openssl(["asn1parse", "-in", csrFile]);
    expect(dump).toMatch(/OBJECT\s+:countryName\n.*PRINTABLESTRING\s+:KR/);
    expect(dump).toMatch(/OBJECT\s+:emailAddress\n.*IA5STRING\s+:admin@example.com/);
    for (const field of ["stateOrProvinceName", "localityName", "organizationName", "organizationalUnitName"]) {
      expect(dump).toMatch(new RegExp(`OBJECT\\s+:${field}\\n.*UTF8STRING`));
    }
    expect(dump).toMatch(/OBJECT\s+:commonName\n.*UTF8STRING\s+:www.example.com/);
  });

  it("carries the public key of the private key", () => {
    const fromKey = openssl(["pkey", "-in", keyFile, "-pubout"]);
    const fromCsr = openssl(["req", "-in", csrFile, "-pubkey", "-noout"]);
    expect(fromCsr).toBe(fromKey);
  });

  it("parses back with parseCsr", () => {
    const parsed = parseCsr(csr);
    expect(parsed.commonName).toBe(CN);
    expect(parsed.dnsNames).toEqual([CN, ...SANS]);
    expect(parsed.subject).toEqual({ ...SUBJECT, commonName: CN });
    expect(parsed.keySpec).toEqual(spec);
    expect(parsed.signatureAlgorithm).toBe(signature);
    expect(parsed.signatureValid).toBe(true);
    expect(parsed.publicKeyPem).toBe(key.publicKeyPem);
    expect(compareCsrWithNames(parsed, CN, SANS)).toEqual([]);
  });
});

describe("buildCsr input handling", () => {
  let ec: KeyMaterial;
  beforeAll(async () => {
    ec = await keyFor({ algorithm: "ECDSA", ecdsaCurve: "P256" });
  });

  it("de-duplicates SANs case-insensitively, CN first, order kept", () => {
    const csr = buildCsr({
      privateKey: ec.privateKey,
      commonName: "Example.com",
      dnsNames: ["www.example.com", "EXAMPLE.COM", "*.example.com", "WWW.example.com", "api.example.com"],
    });
    const parsed = parseCsr(csr);
    expect(parsed.dnsNames).toEqual(["Example.com", "www.example.com", "*.example.com", "api.example.com"]);
    expect(parsed.subject).toEqual({ commonName: "Example.com" });
  });

  it("a Korean name is refused with what punycode is and the converted name to use instead (issue #17)", () => {
    const message = (name: string) => {
      try {
        validateDnsName(name, "commonName");
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error("expected a refusal");
    };
    expect(message("한국.example.com")).toContain('"xn--3e0b707e.example.com"');
    expect(message("한국.example.com")).toMatch(/punycode.*ASCII form.*xn--/);
    expect(message("*.예시.com")).toContain('"*.xn--vv4b11d.com"');
    expect(message("bad name.한국")).not.toContain('use ""'); // no form to offer: says so instead
    expect(message("bad name.한국")).toMatch(/no punycode form/);
  });

  it("omits empty subject fields", () => {
    const csr = buildCsr({ privateKey: ec.privateKey, commonName: "a.example.com", subject: { organization: "" } });
    expect(parseCsr(csr).subjectText).toBe("CN=a.example.com");
  });

  it.each([
    [{ commonName: "bad name.example.com" }, /not a valid DNS name/, "commonName"],
    [{ commonName: "한국.example.com" }, /punycode/, "commonName"],
    [{ commonName: `${"a".repeat(60)}.example.com` }, /longer than 64 characters/, "commonName"],
    [
      { commonName: "ok.example.com", dnsNames: ["a.*.example.com"] },
      /wildcard must be the whole first label/,
      "dnsNames",
    ],
    [{ commonName: "ok.example.com", dnsNames: ["trailing.dot."] }, /not a valid DNS name/, "dnsNames"],
    [{ commonName: "ok.example.com", subject: { country: "KOR" } }, /two-letter ISO 3166 code/, "country"],
    [
      { commonName: "ok.example.com", subject: { emailAddress: "관리자@example.com" } },
      /must be ASCII/,
      "emailAddress",
    ],
    [{ commonName: "ok.example.com", subject: { organization: "x".repeat(65) } }, /longer than 64/, "organization"],
  ] as [Record<string, unknown>, RegExp, string][])("rejects %o", (input, message, field) => {
    try {
      buildCsr({ privateKey: ec.privateKey, commonName: "", ...input } as Parameters<typeof buildCsr>[0]);
    } catch (err) {
      expect(err).toBeInstanceOf(CryptoInputError);
      expect((err as Error).message).toMatch(message);
      expect((err as CryptoInputError).field).toBe(field);
      return;
    }
    throw new Error("expected buildCsr to throw");
  });

  it("rejects keys it does not support", () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    expect(() => buildCsr({ privateKey, commonName: "a.example.com" })).toThrow(/not supported/);
    const ed = crypto.generateKeyPairSync("ed25519").privateKey;
    expect(() => buildCsr({ privateKey: ed, commonName: "a.example.com" })).toThrow(CryptoInputError);
  });
});

describe("parseCsr on CSRs made by openssl", () => {
  let rsaKeyFile: string;
  let rsaCsr: string;
  let ecCsr: string;

  beforeAll(() => {
    rsaKeyFile = tmp.write(
      "ossl-rsa.key",
      openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
    );
    rsaCsr = openssl([
      "req",
      "-new",
      "-key",
      rsaKeyFile,
      "-subj",
      "/C=KR/ST=Seoul/O=Acme Korea/OU=Web/CN=openssl.example.com/emailAddress=ops@example.com",
      "-addext",
      "subjectAltName=DNS:openssl.example.com,IP:10.0.0.1,DNS:www.openssl.example.com,email:a@example.com",
    ]);
    const ecKeyFile = tmp.write("ossl-ec.key", openssl(["ecparam", "-name", "secp384r1", "-genkey", "-noout"]));
    ecCsr = openssl(["req", "-new", "-key", ecKeyFile, "-subj", "/CN=ec.example.com", "-sha384"]);
  });

  it("reads an RSA CSR with mixed SAN types", () => {
    const parsed = parseCsr(rsaCsr);
    expect(parsed.commonName).toBe("openssl.example.com");
    expect(parsed.dnsNames).toEqual(["openssl.example.com", "www.openssl.example.com"]);
    expect(parsed.subject).toEqual({
      country: "KR",
      state: "Seoul",
      organization: "Acme Korea",
      organizationalUnit: "Web",
      commonName: "openssl.example.com",
      emailAddress: "ops@example.com",
    });
    expect(parsed.keySpec).toEqual({ algorithm: "RSA", rsaBits: 2048 });
    expect(parsed.signatureAlgorithm).toBe("sha256WithRSAEncryption");
    expect(parsed.signatureValid).toBe(true);
    expect(parsed.publicKeyPem).toBe(openssl(["pkey", "-in", rsaKeyFile, "-pubout"]));
  });

  it("reads an EC CSR without SANs", () => {
    const parsed = parseCsr(ecCsr.replace(/\n/g, "\r\n"));
    expect(parsed.commonName).toBe("ec.example.com");
    expect(parsed.dnsNames).toEqual([]);
    expect(parsed.keySpec).toEqual({ algorithm: "ECDSA", ecdsaCurve: "P384" });
    expect(parsed.signatureAlgorithm).toBe("ecdsa-with-SHA384");
    expect(parsed.signatureValid).toBe(true);
  });

  it("verifies RSASSA-PSS signatures", () => {
    const csr = openssl([
      "req",
      "-new",
      "-key",
      rsaKeyFile,
      "-subj",
      "/CN=pss.example.com",
      "-sha256",
      "-sigopt",
      "rsa_padding_mode:pss",
      "-sigopt",
      "rsa_pss_saltlen:32",
    ]);
    const parsed = parseCsr(csr);
    expect(parsed.signatureAlgorithm).toBe("RSASSA-PSS");
    expect(parsed.signatureValid).toBe(true);
  });

  it("detects a tampered subject and a tampered signature", () => {
    const der = splitPemBlocks(rsaCsr)[0].der;
    const subjectAt = der.indexOf("openssl.example.com");
    expect(subjectAt).toBeGreaterThan(0);

    const subjectTampered = Buffer.from(der);
    subjectTampered[subjectAt] = "O".charCodeAt(0);
    const tamperedPem = toPem("CERTIFICATE REQUEST", subjectTampered);
    const parsed = parseCsr(tamperedPem);
    expect(parsed.commonName).toBe("Openssl.example.com");
    expect(parsed.signatureValid).toBe(false);
    // openssl agrees (OpenSSL 3.0 reports the failure but still exits 0, so read the message).
    const verdict = runOpenssl(["req", "-in", tmp.write("tampered.csr", tamperedPem), "-noout", "-verify"]);
    expect(verdict.stdout + verdict.stderr).toMatch(/verify failure/);
    expect(verdict.stdout + verdict.stderr).not.toMatch(/verify OK/);

    const signatureTampered = Buffer.from(der);
    signatureTampered[signatureTampered.length - 1] ^= 0x01;
    expect(parseCsr(toPem("CERTIFICATE REQUEST", signatureTampered)).signatureValid).toBe(false);

    const ecDer = Buffer.from(splitPemBlocks(ecCsr)[0].der);
    ecDer[ecDer.length - 1] ^= 0x01;
    expect(parseCsr(toPem("CERTIFICATE REQUEST", ecDer)).signatureValid).toBe(false);
  });

  it("throws CryptoInputError for truncated or non-CSR input", () => {
    const der = splitPemBlocks(rsaCsr)[0].der;
    expect(() => parseCsr(toPem("CERTIFICATE REQUEST", der.subarray(0, der.length - 10)))).toThrow(
      /the CSR could not be parsed/,
    );
    expect(() => parseCsr("garbage")).toThrow(/expected a -----BEGIN CERTIFICATE REQUEST----- block but found no PEM/);
    const cert = openssl(["req", "-x509", "-new", "-key", rsaKeyFile, "-subj", "/CN=x", "-days", "1"]);
    expect(() => parseCsr(cert)).toThrow(/but found CERTIFICATE/);
    expect(() => parseCsr("")).toThrow(CryptoInputError);
  });
});

describe("compareCsrWithNames", () => {
  const parsed = { commonName: "www.example.com", dnsNames: ["www.example.com", "example.com", "api.example.com"] };

  it("accepts the same names regardless of case, order and whether the CN is repeated", () => {
    expect(compareCsrWithNames(parsed, "WWW.example.com", ["api.example.com", "EXAMPLE.com"])).toEqual([]);
    expect(
      compareCsrWithNames(parsed, "www.example.com", ["www.example.com", "example.com", "api.example.com"]),
    ).toEqual([]);
    expect(compareCsrWithNames({ commonName: "a.example.com", dnsNames: [] }, "a.example.com", [])).toEqual([]);
    expect(
      compareCsrWithNames({ commonName: "a.example.com", dnsNames: ["a.example.com"] }, "a.example.com", []),
    ).toEqual([]);
  });

  it("reports a different common name", () => {
    expect(
      compareCsrWithNames(parsed, "shop.example.com", ["example.com", "api.example.com", "www.example.com"]),
    ).toEqual(['the CSR\'s common name is "www.example.com", but commonName is "shop.example.com"']);
  });

  it("reports SANs that differ, naming both sides", () => {
    const problems = compareCsrWithNames(parsed, "www.example.com", ["example.com", "shop.example.com"]);
    expect(problems).toEqual([
      "the CSR's subjectAltName DNS names (other than the common name) are [example.com, api.example.com], " +
        "but dnsNames says [example.com, shop.example.com]; only in the CSR: api.example.com; " +
        "only in dnsNames: shop.example.com",
    ]);
  });

  it("reports a CSR without a common name", () => {
    expect(compareCsrWithNames({ dnsNames: ["a.example.com"] }, "a.example.com", [])).toEqual([
      'the CSR has no common name (CN), but commonName is "a.example.com"',
    ]);
  });
});
