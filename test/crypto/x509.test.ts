import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { CryptoInputError } from "../../provider/crypto/errors";
import { generateKeyPair, type KeyMaterial } from "../../provider/crypto/keys";
import {
  type CertificateAuthority,
  createCertificateAuthority,
  deserializeCertificateAuthority,
  deserializeIssuer,
  issueCertificate,
  parseCertificate,
  parseCertificateChain,
  serializeCertificateAuthority,
  serializeIssuer,
} from "../../provider/crypto/x509";
import { splitPemBlocks, toPem } from "../../provider/shared/pem";
import { openssl, runOpenssl, TempDir } from "./openssl";

const tmp = new TempDir();
afterAll(() => tmp.remove());

let ca: CertificateAuthority;
let rootFile: string;
let intermediateFile: string;
let rsaKey: KeyMaterial;

beforeAll(async () => {
  [ca, rsaKey] = await Promise.all([
    createCertificateAuthority({ name: "Test Emulator" }),
    generateKeyPair({ algorithm: "RSA", rsaBits: 2048 }),
  ]);
  rootFile = tmp.write("root.pem", ca.root.certificatePem);
  intermediateFile = tmp.write("intermediate.pem", ca.intermediate.certificatePem);
});

/** `openssl verify` of a leaf against the test CA; returns its combined output. */
function verifyLeaf(leafPem: string, name: string, extra: string[] = []): { status: number | null; output: string } {
  const file = tmp.write(name, leafPem);
  const res = runOpenssl(["verify", ...extra, "-CAfile", rootFile, "-untrusted", intermediateFile, file]);
  return { status: res.status, output: `${res.stdout}${res.stderr}`.replace(file, name) };
}

function opensslFingerprint(pem: string): string {
  const out = openssl(["x509", "-noout", "-fingerprint", "-sha256"], pem);
  return out.trim().split("=")[1];
}

describe("createCertificateAuthority", () => {
  it("makes a self-signed root and an intermediate that openssl accepts", () => {
    const res = runOpenssl(["verify", "-x509_strict", "-CAfile", rootFile, intermediateFile]);
    expect(res.stdout).toContain(`${intermediateFile}: OK`);
  });

  it("marks both as CAs with critical constraints and key usage", () => {
    for (const file of [rootFile, intermediateFile]) {
      const text = openssl(["x509", "-in", file, "-noout", "-text"]);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:TRUE/);
      expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
      expect(text).toContain("X509v3 Subject Key Identifier");
      expect(text).toContain("X509v3 Authority Key Identifier");
      expect(text).toContain("Public-Key: (256 bit)");
      expect(text).toContain("Signature Algorithm: ecdsa-with-SHA256");
    }
  });

  it("gives the root 10 years and the intermediate 5", () => {
    const root = parseCertificate(ca.root.certificatePem);
    const intermediate = parseCertificate(ca.intermediate.certificatePem);
    const years = (c: { notBefore: string; notAfter: string }) =>
      new Date(c.notAfter).getUTCFullYear() - new Date(c.notBefore).getUTCFullYear();
    expect(years(root)).toBe(10);
    expect(years(intermediate)).toBe(5);
    expect(root.isCa).toBe(true);
    expect(intermediate.isCa).toBe(true);
    expect(root.subject).toBe("O=Test Emulator, CN=Test Emulator Root CA");
    expect(root.issuer).toBe(root.subject);
    expect(intermediate.issuer).toBe(root.subject);
    expect(intermediate.commonName).toBe("Test Emulator Intermediate CA");
  });
});

describe("issueCertificate", () => {
  // Inside the CA's validity (which starts now), with fixed times of day so the expected strings are exact.
  const year = new Date().getUTCFullYear() + 1;
  const notBefore = new Date(`${year}-03-01T00:00:00.000Z`);
  const notAfter = new Date(`${year + 1}-03-01T12:34:56.789Z`);

  const cases = [
    {
      label: "RSA CSR from buildCsr",
      keyUsage: "Digital Signature, Key Encipherment",
      csr: () =>
        buildCsr({ privateKey: rsaKey.privateKey, commonName: "rsa.example.com", dnsNames: ["www.rsa.example.com"] }),
      names: ["rsa.example.com", "www.rsa.example.com"],
    },
    {
      label: "EC CSR from openssl req",
      keyUsage: "Digital Signature",
      csr: () => {
        const key = tmp.write("leaf-ec.key", openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout"]));
        return openssl([
          "req",
          "-new",
          "-key",
          key,
          "-subj",
          "/O=Ignored Org/CN=ec.example.com",
          "-addext",
          "subjectAltName=DNS:ec.example.com,DNS:api.ec.example.com",
        ]);
      },
      names: ["ec.example.com", "api.ec.example.com"],
    },
  ];

  describe.each(cases)("for an $label", ({ label, keyUsage, csr, names }) => {
    let csrPem: string;
    let leaf: string;
    beforeAll(() => {
      csrPem = csr();
      leaf = issueCertificate({ csrPem, issuer: ca.intermediate, notBefore, notAfter });
    });

    it("chains to the root according to openssl verify", () => {
      const res = verifyLeaf(leaf, `${label.replace(/\W/g, "")}.pem`, [
        "-x509_strict",
        "-purpose",
        "sslserver",
        "-attime",
        String(Math.floor(notBefore.getTime() / 1000) + 86400),
      ]);
      expect(res.output.trim()).toBe(`${label.replace(/\W/g, "")}.pem: OK`);
    });

    it("has the leaf extensions", () => {
      const text = openssl(["x509", "-noout", "-text"], leaf);
      expect(text).toContain("Version: 3 (0x2)");
      expect(text).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:FALSE/);
      expect(text).toMatch(new RegExp(`X509v3 Key Usage: critical\\n\\s+${keyUsage}\\n`));
      expect(text).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication/);
      expect(text).toContain(names.map((n) => `DNS:${n}`).join(", "));
      expect(text).toContain(`Subject: CN = ${names[0]}\n`);
    });

    it("parses back with parseCertificate, agreeing with openssl", () => {
      const parsed = parseCertificate(leaf);
      expect(parsed.commonName).toBe(names[0]);
      expect(parsed.dnsNames).toEqual(names);
      expect(parsed.subject).toBe(`CN=${names[0]}`);
      expect(parsed.issuer).toBe("O=Test Emulator, CN=Test Emulator Intermediate CA");
      expect(parsed.notBefore).toBe(`${year}-03-01T00:00:00Z`);
      expect(parsed.notAfter).toBe(`${year + 1}-03-01T12:34:56Z`);
      expect(parsed.isCa).toBe(false);
      expect(parsed.fingerprintSha256).toBe(opensslFingerprint(leaf));
      expect(parsed.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const serial = openssl(["x509", "-noout", "-serial"], leaf).trim().replace("serial=", "");
      expect(parsed.serialNumber).toBe(serial);
      expect(parsed.publicKeyPem).toBe(openssl(["req", "-pubkey", "-noout"], csrPem));
      expect(parsed.pem).toBe(leaf);
      const dates = openssl(["x509", "-noout", "-startdate", "-enddate"], leaf);
      expect(dates).toContain(`notBefore=Mar  1 00:00:00 ${year} GMT`);
      expect(dates).toContain(`notAfter=Mar  1 12:34:56 ${year + 1} GMT`);
    });
  });

  it("uses GeneralizedTime from 2050 and UTCTime before", () => {
    const csrPem = buildCsr({ privateKey: rsaKey.privateKey, commonName: "long.example.com" });
    const leaf = issueCertificate({
      csrPem,
      issuer: ca.intermediate,
      notBefore: new Date("2049-12-31T23:59:59Z"),
      notAfter: new Date("2050-01-01T00:00:00Z"),
    });
    const dump = openssl(["asn1parse"], leaf);
    expect(dump).toMatch(/UTCTIME\s+:491231235959Z/);
    expect(dump).toMatch(/GENERALIZEDTIME\s+:20500101000000Z/);
    const parsed = parseCertificate(leaf);
    expect(parsed.notBefore).toBe("2049-12-31T23:59:59Z");
    expect(parsed.notAfter).toBe("2050-01-01T00:00:00Z");
    expect(openssl(["x509", "-noout", "-enddate"], leaf)).toContain("Jan  1 00:00:00 2050 GMT");
  });

  it("takes an explicit serial number and names", () => {
    const csrPem = buildCsr({ privateKey: rsaKey.privateKey, commonName: "csr.example.com" });
    const leaf = issueCertificate({
      csrPem,
      issuer: ca.intermediate,
      notBefore,
      notAfter,
      serialNumber: Buffer.from("00000102030405", "hex"),
      commonName: "override.example.com",
      dnsNames: ["alt.example.com", "OVERRIDE.example.com"],
    });
    const parsed = parseCertificate(leaf);
    expect(parsed.serialNumber).toBe("0102030405");
    expect(openssl(["x509", "-noout", "-serial"], leaf).trim()).toBe("serial=0102030405");
    expect(parsed.commonName).toBe("override.example.com");
    expect(parsed.dnsNames).toEqual(["override.example.com", "alt.example.com"]);
  });

  it("generates distinct positive 16-byte serials by default", () => {
    const csrPem = buildCsr({ privateKey: rsaKey.privateKey, commonName: "serial.example.com" });
    const serials = [1, 2, 3].map(
      () => parseCertificate(issueCertificate({ csrPem, issuer: ca.intermediate, notBefore, notAfter })).serialNumber,
    );
    expect(new Set(serials).size).toBe(3);
    for (const serial of serials) {
      expect(serial.length).toBeLessThanOrEqual(32);
      // Node prints the magnitude without leading zero bytes, so only a full 16-byte value shows the top byte,
      // which must have its high bit clear (a leading 0x00 followed by a high byte is still positive).
      if (serial.length === 32) expect(Number.parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
    }
  });

  it("rejects a CSR whose signature does not verify, and bad dates", () => {
    const csrPem = buildCsr({ privateKey: rsaKey.privateKey, commonName: "tamper.example.com" });
    const der = Buffer.from(splitPemBlocks(csrPem)[0].der);
    der[der.indexOf("tamper.example.com")] = "T".charCodeAt(0);
    const tampered = toPem("CERTIFICATE REQUEST", der);
    expect(() => issueCertificate({ csrPem: tampered, issuer: ca.intermediate, notBefore, notAfter })).toThrow(
      /signature does not verify/,
    );
    expect(() =>
      issueCertificate({ csrPem, issuer: ca.intermediate, notBefore: notAfter, notAfter: notBefore }),
    ).toThrow(CryptoInputError);
    expect(() =>
      issueCertificate({ csrPem, issuer: { ...ca.intermediate, privateKey: ca.root.privateKey }, notBefore, notAfter }),
    ).toThrow(/does not belong/);
  });
});

describe("parseCertificate", () => {
  it("reads a certificate made by openssl and a chain", () => {
    const key = tmp.write(
      "selfsigned.key",
      openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]),
    );
    const cert = openssl([
      "req",
      "-x509",
      "-new",
      "-key",
      key,
      "-days",
      "30",
      "-subj",
      "/C=KR/O=Acme, Inc./CN=self.example.com",
      "-addext",
      "subjectAltName=DNS:self.example.com,IP:127.0.0.1,DNS:*.self.example.com",
    ]);
    const parsed = parseCertificate(cert.replace(/\n/g, "\r\n"));
    expect(parsed.subject).toBe("C=KR, O=Acme\\, Inc., CN=self.example.com");
    expect(parsed.dnsNames).toEqual(["self.example.com", "*.self.example.com"]);
    expect(parsed.fingerprintSha256).toBe(opensslFingerprint(cert));
    expect(parsed.publicKeyPem).toBe(openssl(["pkey", "-in", key, "-pubout"]));
    expect(parsed.pem).toBe(cert);
    expect(new Date(parsed.notAfter).getTime() - new Date(parsed.notBefore).getTime()).toBe(30 * 86400_000);

    const chain = parseCertificateChain(`Bag Attributes\n${cert}${ca.intermediate.certificatePem}`);
    expect(chain.map((c) => c.commonName)).toEqual(["self.example.com", "Test Emulator Intermediate CA"]);
  });

  it("throws CryptoInputError for non-certificates", () => {
    const csr = buildCsr({ privateKey: rsaKey.privateKey, commonName: "x.example.com" });
    expect(() => parseCertificate(csr)).toThrow(
      /expected a -----BEGIN CERTIFICATE----- block but found CERTIFICATE REQUEST/,
    );
    expect(() => parseCertificate("")).toThrow(CryptoInputError);
    expect(() => parseCertificate(toPem("CERTIFICATE", Buffer.from("not der")))).toThrow(/could not be parsed/);
  });
});

describe("issuer serialization", () => {
  it("round-trips through JSON and keeps issuing verifiable certificates", () => {
    const json = JSON.stringify(serializeCertificateAuthority(ca));
    const restored = deserializeCertificateAuthority(JSON.parse(json));
    expect(restored.intermediate.certificatePem).toBe(ca.intermediate.certificatePem);
    const csrPem = buildCsr({ privateKey: rsaKey.privateKey, commonName: "restored.example.com" });
    const leaf = issueCertificate({
      csrPem,
      issuer: restored.intermediate,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86400_000),
    });
    expect(verifyLeaf(leaf, "restored.pem").output.trim()).toBe("restored.pem: OK");
  });

  it("refuses a key that does not match the certificate", () => {
    const mixed = { ...serializeIssuer(ca.intermediate), privateKeyPem: ca.root.privateKeyPem };
    expect(() => deserializeIssuer(mixed)).toThrow(/privateKeyPem does not belong to certificatePem/);
    expect(() => deserializeIssuer({} as never)).toThrow(CryptoInputError);
  });
});
