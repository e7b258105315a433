/** Certificates "issued elsewhere" for ncloud.ExternalCertificate tests: a private CA, its leaves and keys. */
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair, type KeySpec, loadPrivateKey } from "../../provider/crypto/keys";
import { type CertificateAuthority, createCertificateAuthority, issueCertificate } from "../../provider/crypto/x509";

export interface ExternalPems {
  certificatePem: string;
  chainPem: string;
  privateKeyPem: string;
  /** Leaf, chain and key in one file, the key last. */
  bundle: string;
}

let shared: Promise<CertificateAuthority> | undefined;

/** One CA per test file (key generation is the slow part). */
export function testCa(): Promise<CertificateAuthority> {
  shared ??= createCertificateAuthority({ name: "external test", notBefore: new Date(Date.now() - 30 * 86_400_000) });
  return shared;
}

export async function externalPems(
  opts: {
    commonName?: string;
    dnsNames?: string[];
    notBefore?: Date;
    notAfter?: Date;
    key?: KeySpec;
    /** Issue for this existing key (PEM) instead of a fresh one. */
    privateKeyPem?: string;
    ca?: CertificateAuthority;
  } = {},
): Promise<ExternalPems> {
  const ca = opts.ca ?? (await testCa());
  const commonName = opts.commonName ?? "example.com";
  const key = opts.privateKeyPem
    ? loadPrivateKey(opts.privateKeyPem)
    : await generateKeyPair(opts.key ?? { algorithm: "ECDSA", ecdsaCurve: "P256" });
  const certificatePem = issueCertificate({
    csrPem: buildCsr({ privateKey: key.privateKey, commonName, dnsNames: opts.dnsNames ?? [`www.${commonName}`] }),
    issuer: ca.intermediate,
    notBefore: opts.notBefore ?? new Date(Date.now() - 3_600_000),
    notAfter: opts.notAfter ?? new Date(Date.now() + 90 * 86_400_000),
  });
  const chainPem = ca.intermediate.certificatePem;
  return {
    certificatePem,
    chainPem,
    privateKeyPem: key.privateKeyPem,
    bundle: certificatePem + chainPem + key.privateKeyPem,
  };
}
