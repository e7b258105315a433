/**
 * An issued certificate's PEMs and facts as NCP exports them, shared by every resource that hands a certificate to
 * consumers (the Advanced certificate itself and its validation resource).
 */
import { parseCertificate } from "../crypto/x509";
import { normalizePem } from "../shared/pem";
import type { NcloudCertificateManagerClient } from "./api/certificateManager";

export interface IssuedChain {
  certificatePem: string;
  /** Intermediate CA certificate(s): what a server sends after its own certificate. */
  chainPem?: string;
  /** certificatePem followed by chainPem: what a TLS server or load balancer serves. */
  fullChainPem: string;
  rootCertificatePem?: string;
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprintSha256: string;
  /** The leaf's public key, to compare with the key it should carry. */
  leafPublicKeyPem: string;
}

export async function fetchIssuedChain(
  client: NcloudCertificateManagerClient,
  certificateNo: number,
): Promise<IssuedChain> {
  const chain = await client.exportCertificateChain(certificateNo);
  const certificatePem = normalizePem(chain.certificate);
  const leaf = parseCertificate(certificatePem);
  const chainPem = chain.subCaCertificate ? normalizePem(chain.subCaCertificate) : undefined;
  return {
    certificatePem,
    chainPem,
    fullChainPem: chainPem ? `${certificatePem}${chainPem}` : certificatePem,
    rootCertificatePem: chain.rootCaCertificate ? normalizePem(chain.rootCaCertificate) : undefined,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprintSha256,
    leafPublicKeyPem: leaf.publicKeyPem,
  };
}
