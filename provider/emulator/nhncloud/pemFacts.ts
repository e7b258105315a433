/**
 * What NHN's console "auto-collects" from an uploaded file (§2): domains, creation and expiry dates, signature
 * algorithm and issuing CA, read from the file's leaf certificate.
 */
import * as crypto from "node:crypto";
import { childrenOf, oidOf, Type } from "../../crypto/asn1";
import { uniqueNames } from "../../crypto/csr";
import { splitSigned } from "../../crypto/signatures";
import { parseCertificate } from "../../crypto/x509";
import { splitPemBlocks } from "../../shared/pem";
import { kstDate } from "./world";

// Java (JCA) names, the form the docs show (`SHA256withRSA`).
const JAVA_SIGNATURE_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.5": "SHA1withRSA",
  "1.2.840.113549.1.1.11": "SHA256withRSA",
  "1.2.840.113549.1.1.12": "SHA384withRSA",
  "1.2.840.113549.1.1.13": "SHA512withRSA",
  "1.2.840.113549.1.1.10": "RSASSA-PSS",
  "1.2.840.10045.4.1": "SHA1withECDSA",
  "1.2.840.10045.4.3.2": "SHA256withECDSA",
  "1.2.840.10045.4.3.3": "SHA384withECDSA",
  "1.2.840.10045.4.3.4": "SHA512withECDSA",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};

export interface FileFacts {
  authority: string;
  domains: string[];
  signatureAlgorithm: string;
  fileCreationDate: string;
  expirationDate: string;
  notBeforeMs: number;
  notAfterMs: number;
}

/** Java-style name of the algorithm that signed this DER certificate. */
export function signatureAlgorithmOf(der: Buffer): string {
  const algorithmOid = oidOf(childrenOf(splitSigned(der).algorithm, Type.SEQUENCE, "AlgorithmIdentifier")[0], "oid");
  return JAVA_SIGNATURE_NAMES[algorithmOid] ?? algorithmOid;
}

/**
 * The issuing CA's name: the issuer's O, else its CN. Emulator choice (undocumented): NHN shows e.g. "DigiCert"
 * without saying which attribute it takes.
 */
export function authorityOf(cert: crypto.X509Certificate): string {
  const lines = cert.issuer.split("\n");
  const pick = (attr: string) => lines.find((l) => l.startsWith(`${attr}=`))?.slice(attr.length + 1);
  return pick("O") ?? pick("CN") ?? cert.issuer;
}

/**
 * The leaf of a file whose blocks may come in any order: the certificate matching the (unencrypted) private key,
 * else the one that issued no other certificate in the file, else the first.
 */
function findLeaf(certs: crypto.X509Certificate[], keys: crypto.KeyObject[]): crypto.X509Certificate {
  for (const key of keys) {
    const match = certs.find((c) => c.checkPrivateKey(key));
    if (match) return match;
  }
  const issuesNothing = certs.filter((c) => !certs.some((other) => other !== c && other.checkIssued(c)));
  return issuesNothing.find((c) => !c.ca) ?? issuesNothing[0] ?? certs[0];
}

/**
 * Reads the metadata from a PEM file; undefined when it holds no readable certificate. Emulator choice
 * (undocumented, §5 "ambiguous"): fileCreationDate is the leaf's notBefore as a KST date, not the upload day.
 */
export function factsFromFile(bytes: Buffer): FileFacts | undefined {
  const blocks = splitPemBlocks(bytes.toString("utf8"));
  const certs: crypto.X509Certificate[] = [];
  const keys: crypto.KeyObject[] = [];
  for (const block of blocks) {
    try {
      if (block.label === "CERTIFICATE") certs.push(new crypto.X509Certificate(block.der));
      else if (/^(RSA |EC )?PRIVATE KEY$/.test(block.label) && !block.headers["Proc-Type"]) {
        keys.push(crypto.createPrivateKey(block.pem));
      }
    } catch {
      // An unreadable block is simply not used for the metadata.
    }
  }
  if (certs.length === 0) return undefined;
  const leaf = findLeaf(certs, keys);
  const parsed = parseCertificate(leaf.toString());
  const notBeforeMs = Date.parse(parsed.notBefore);
  const notAfterMs = Date.parse(parsed.notAfter);
  return {
    authority: authorityOf(leaf),
    domains: uniqueNames([...(parsed.commonName ? [parsed.commonName] : []), ...parsed.dnsNames]),
    signatureAlgorithm: signatureAlgorithmOf(leaf.raw),
    fileCreationDate: kstDate(notBeforeMs),
    expirationDate: kstDate(notAfterMs),
    notBeforeMs,
    notAfterMs,
  };
}
