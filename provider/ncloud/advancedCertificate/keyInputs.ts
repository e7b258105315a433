/**
 * The AdvancedCertificate's key inputs in check: a key to generate (`key`), a supplied key (`privateKeyPem`), a
 * supplied CSR (`csrPem`), or an adopted certificate (`adoptCertificateNo`).
 */
import { compareCsrWithNames, parseCsr } from "../../crypto/csr";
import { csrPolicyProblems } from "../../crypto/csrPolicy";
import { CryptoInputError } from "../../crypto/errors";
import { loadPrivateKey } from "../../crypto/keys";
import { keyFieldProblem, pemFieldProblem } from "../../crypto/pemFields";
import { normalizePem } from "../../shared/pem";
import { containsUnknown } from "../../shared/unknown";
import type { KeyInput } from "./inputs";

type Raw = Record<string, unknown>;

const isUnknown = (v: unknown) => containsUnknown(v);

export function checkKeyMaterial(news: Raw, out: Raw, fail: (p: string, r: string) => void): void {
  const { key, csrPem, privateKeyPem, adoptCertificateNo } = news;
  const has = (v: unknown) => v !== undefined && v !== null;

  if (has(adoptCertificateNo)) {
    if (isUnknown(adoptCertificateNo)) out.adoptCertificateNo = adoptCertificateNo;
    else if (!Number.isInteger(adoptCertificateNo) || (adoptCertificateNo as number) <= 0) {
      fail(
        "adoptCertificateNo",
        "adoptCertificateNo must be the positive certificate number shown in NCP Certificate Manager",
      );
    } else out.adoptCertificateNo = adoptCertificateNo;
    if (has(key) || has(csrPem)) {
      fail(
        "adoptCertificateNo",
        "adoptCertificateNo takes over an existing certificate, so key and csrPem do not apply: remove them (privateKeyPem may be given if you hold the key)",
      );
    }
  }
  if (has(csrPem) && has(privateKeyPem)) {
    fail(
      "csrPem",
      "give either csrPem (a CSR you made; the key stays with you) or privateKeyPem (the provider builds the CSR), not both",
    );
  }
  if (has(key) && (has(csrPem) || has(privateKeyPem))) {
    fail("key", "key describes a key for the provider to generate: remove it when you supply csrPem or privateKeyPem");
  }

  if (has(key)) {
    if (isUnknown(key)) out.key = key;
    else {
      const spec = keyProblem(key);
      if (typeof spec === "string") fail("key", spec);
      else out.key = spec;
    }
  } else if (!has(csrPem) && !has(privateKeyPem) && !has(adoptCertificateNo)) {
    out.key = { algorithm: "RSA", rsaBits: 2048 };
  }

  if (has(privateKeyPem)) {
    if (isUnknown(privateKeyPem)) out.privateKeyPem = privateKeyPem;
    else if (typeof privateKeyPem !== "string") fail("privateKeyPem", "privateKeyPem must be a PEM string");
    else {
      const problem = keyFieldProblem(privateKeyPem);
      if (problem) fail("privateKeyPem", problem);
      else {
        try {
          loadPrivateKey(privateKeyPem, "privateKeyPem");
          out.privateKeyPem = normalizePem(privateKeyPem);
        } catch (err) {
          fail("privateKeyPem", `privateKeyPem cannot be used: ${cryptoMessage(err)}`);
        }
      }
    }
  }

  if (has(csrPem)) {
    const csrProblem = typeof csrPem === "string" ? csrFieldProblem(csrPem) : undefined;
    if (isUnknown(csrPem)) out.csrPem = csrPem;
    else if (typeof csrPem !== "string") fail("csrPem", "csrPem must be a PEM string");
    else if (csrProblem) fail("csrPem", csrProblem);
    else {
      try {
        const parsed = parseCsr(csrPem, "csrPem");
        if (!parsed.signatureValid)
          fail("csrPem", "csrPem's signature does not verify: the CSR is corrupted or was edited after signing");
        else if (!parsed.keySpec)
          fail("csrPem", "csrPem uses a key NCP does not accept: use RSA 2048/3072/4096 or ECDSA P-256/P-384");
        else if (csrPolicyProblems(parsed.policy).length > 0) {
          for (const p of csrPolicyProblems(parsed.policy)) {
            fail("csrPem", `csrPem cannot be ordered: ${p}. Make a CSR with one CN and DNS names only`);
          }
        } else if (typeof out.commonName === "string" && Array.isArray(out.dnsNames)) {
          for (const m of compareCsrWithNames(parsed, out.commonName, out.dnsNames as string[])) {
            fail(
              "csrPem",
              `csrPem does not match the inputs: ${m}. Make a CSR for exactly commonName + dnsNames, or change the inputs`,
            );
          }
        }
        out.csrPem = normalizePem(csrPem);
      } catch (err) {
        fail("csrPem", `csrPem cannot be used: ${cryptoMessage(err)}`);
      }
    }
  }
}

/**
 * csrPem is sent to NCP as the order's `csr` and stored in clear, so it must be the CSR and nothing else: a key
 * pasted after it (a common combined file) would leak. Only block labels are named, never their content.
 */
/** A CSR is sent to NCP and stored in clear, so csrPem holds the CSR alone: never a key, never stray text. */
function csrFieldProblem(csrPem: string): string | undefined {
  return pemFieldProblem(csrPem, "csrPem", "csr", {
    keyBelongs: "the key stays with you (or use privateKeyPem instead of csrPem, stored as a secret)",
  });
}

function keyProblem(key: unknown): KeyInput | string {
  if (typeof key !== "object" || key === null || Array.isArray(key)) {
    return 'key must be an object such as { algorithm: "RSA", rsaBits: 2048 } or { algorithm: "ECDSA", ecdsaCurve: "P256" }';
  }
  const k = key as Raw;
  if (k.reuseOnRenewal !== undefined && typeof k.reuseOnRenewal !== "boolean") {
    return "key.reuseOnRenewal must be true or false";
  }
  const reuse = k.reuseOnRenewal === true ? { reuseOnRenewal: true } : {};
  if (k.algorithm === "RSA") {
    if (k.ecdsaCurve !== undefined)
      return 'key.ecdsaCurve only applies to algorithm "ECDSA": remove it, or change the algorithm';
    const bits = k.rsaBits ?? 2048;
    if (typeof bits !== "number") return `key.rsaBits must be a number (2048, 3072 or 4096), not a ${typeof bits}`;
    if (bits !== 2048 && bits !== 3072 && bits !== 4096)
      return `key.rsaBits ${String(bits)} is not supported: use 2048, 3072 or 4096`;
    return { algorithm: "RSA", rsaBits: bits, ...reuse };
  }
  if (k.algorithm === "ECDSA") {
    if (k.rsaBits !== undefined)
      return 'key.rsaBits only applies to algorithm "RSA": remove it, or change the algorithm';
    const curve = k.ecdsaCurve ?? "P256";
    if (curve !== "P256" && curve !== "P384")
      return `key.ecdsaCurve "${String(curve)}" is not supported: use "P256" or "P384"`;
    return { algorithm: "ECDSA", ecdsaCurve: curve, ...reuse };
  }
  return `key.algorithm "${String(k.algorithm)}" is not supported: use "RSA" or "ECDSA"`;
}

export function cryptoMessage(err: unknown): string {
  return err instanceof CryptoInputError || err instanceof Error ? err.message : String(err);
}
