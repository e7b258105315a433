/**
 * What an ExternalCertificate uploads, read from its inputs: the leaf, the chain and the key, either as three PEMs
 * or as one `pemBundle` split the way the NHN data source splits files (crypto/pemBundle.ts). Every rule that NCP
 * would otherwise apply after a request is applied here, before any request. Messages never quote a key.
 */
import { X509Certificate } from "node:crypto";
import { CryptoInputError } from "../../crypto/errors";
import { loadPrivateKey, publicKeysEqual } from "../../crypto/keys";
import { BundleError, splitCertificateBundle } from "../../crypto/pemBundle";
import { keyBlockOf, keyFieldProblem, pemFieldProblem } from "../../crypto/pemFields";
import { type ParsedCertificate, parseCertificateChain } from "../../crypto/x509";

export interface Material {
  leaf: ParsedCertificate;
  chain: ParsedCertificate[];
  /** The key block alone (PEM, unencrypted, normalized): what is uploaded. */
  privateKeyPem: string;
  /** The key's own public half, read once with the key. */
  keyPublicKeyPem: string;
}

export interface MaterialInputs {
  certificatePem?: string;
  chainPem?: string;
  privateKeyPem?: string;
  pemBundle?: string;
}

/** A problem with one input field: what check reports. */
export class MaterialProblem extends Error {
  constructor(
    readonly property: string,
    message: string,
  ) {
    super(message);
  }
}

// NCP documents only "a decrypted PEM" for the key; which key types it takes is not documented.
const KEY_TYPES_NOTE =
  "NCP documents no key types for uploaded certificates; this package accepts RSA 2048/3072/4096 and ECDSA P-256/P-384, which NCP's load balancers serve";

/** Reads and checks the upload; throws MaterialProblem naming the field. `now` (when given) decides validity. */
export function readMaterial(i: MaterialInputs, now?: number): Material {
  const m = i.pemBundle !== undefined ? fromBundle(i.pemBundle) : fromParts(i);
  // The key's own public half: a certificate pasted beside the key must never stand in for it.
  if (!publicKeysEqual(m.keyPublicKeyPem, m.leaf.publicKeyPem)) {
    throw new MaterialProblem(
      i.pemBundle !== undefined ? "pemBundle" : "privateKeyPem",
      `the private key does not belong to the certificate (${describe(m.leaf)}): pass the key the certificate was issued for`,
    );
  }
  checkLinks(m, i.pemBundle !== undefined ? "pemBundle" : "chainPem");
  if (now !== undefined) checkValidity(m.leaf, now, i.pemBundle !== undefined ? "pemBundle" : "certificatePem");
  return m;
}

function fromParts(i: MaterialInputs): Material {
  const leaves = certificates(i.certificatePem, "certificatePem");
  if (leaves.length > 1) {
    throw new MaterialProblem(
      "certificatePem",
      `certificatePem holds ${leaves.length} certificates: pass the leaf alone and the intermediates as chainPem, or the whole file as pemBundle`,
    );
  }
  if (i.chainPem === undefined || i.chainPem.trim() === "") {
    throw new MaterialProblem(
      "chainPem",
      "chainPem is required: NCP takes a certificate only with its intermediate CA certificate(s) (certificateChain)",
    );
  }
  const chain = certificates(i.chainPem, "chainPem");
  return { leaf: leaves[0], chain, ...key(i.privateKeyPem, "privateKeyPem") };
}

function fromBundle(text: string): Material {
  let bundle: ReturnType<typeof splitCertificateBundle>;
  try {
    bundle = splitCertificateBundle(text);
  } catch (err) {
    if (err instanceof BundleError || err instanceof CryptoInputError)
      throw new MaterialProblem("pemBundle", `pemBundle: ${err.message.replace(/ in NHN Certificate Manager$/, "")}`);
    throw err;
  }
  if (bundle.privateKeyPem === undefined) {
    throw new MaterialProblem(
      "pemBundle",
      "pemBundle holds no private key: NCP needs the key with the certificate (add it, or pass privateKeyPem with certificatePem and chainPem)",
    );
  }
  if (bundle.unrelatedCertificatePems.length > 0) {
    throw new MaterialProblem(
      "pemBundle",
      `pemBundle holds ${bundle.unrelatedCertificatePems.length} certificate(s) that are not in the chain of ${describe(bundle.leaf)}: remove them`,
    );
  }
  // Intermediates, or the root when the leaf was issued by the root itself (NCP requires a chain).
  const chainText = bundle.chainPem || bundle.rootCertificatePem;
  if (!chainText) {
    throw new MaterialProblem(
      "pemBundle",
      `pemBundle holds no issuer certificate for ${describe(bundle.leaf)}: NCP requires the intermediate CA certificate(s)`,
    );
  }
  return {
    leaf: bundle.leaf,
    chain: parseCertificateChain(chainText, "pemBundle"),
    ...key(bundle.privateKeyPem, "pemBundle"),
  };
}

// Where a key found in a clear-text certificate field belongs.
const KEY_BELONGS = "pass the key as privateKeyPem (stored as a secret), or the whole file as pemBundle";

function certificates(text: string | undefined, field: string): ParsedCertificate[] {
  if (text === undefined || text.trim() === "") throw new MaterialProblem(field, `${field} is required`);
  const problem = pemFieldProblem(text, field, "certificates", { keyBelongs: KEY_BELONGS });
  if (problem) throw new MaterialProblem(field, problem);
  try {
    return parseCertificateChain(text, field);
  } catch (err) {
    throw new MaterialProblem(
      field,
      `${field} is not a PEM certificate (expected -----BEGIN CERTIFICATE-----): ${(err as Error).message}`,
    );
  }
}

function key(text: string | undefined, field: string): { privateKeyPem: string; keyPublicKeyPem: string } {
  const problem =
    field === "privateKeyPem" && text
      ? keyFieldProblem(
          text,
          field,
          "pass the key alone (the certificate goes in certificatePem and its issuers in chainPem), or the whole file as pemBundle",
        )
      : undefined;
  if (problem) throw new MaterialProblem(field, problem);
  try {
    const loaded = loadPrivateKey(text ?? "", field);
    return { privateKeyPem: keyBlockOf(text as string) as string, keyPublicKeyPem: loaded.publicKeyPem };
  } catch (err) {
    const message = (err as Error).message;
    const unsupported = /not supported/.test(message) ? ` (${KEY_TYPES_NOTE})` : "";
    throw new MaterialProblem(field, `${field}: ${message}${unsupported}`);
  }
}

/** Leaf issued and signed by chain[0], chain[0] by chain[1], and so on. */
function checkLinks(m: Material, field: string): void {
  const all = [m.leaf, ...m.chain];
  for (let k = 0; k + 1 < all.length; k++) {
    const child = new X509Certificate(all[k].pem);
    const parent = new X509Certificate(all[k + 1].pem);
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      throw new MaterialProblem(
        field,
        `the chain does not link: ${describe(all[k])} was not issued by ${describe(all[k + 1])}; ` +
          "pass the intermediates in order, starting with the leaf's issuer",
      );
    }
  }
}

function checkValidity(leaf: ParsedCertificate, now: number, field: string): void {
  if (Date.parse(leaf.notAfter) <= now)
    throw new MaterialProblem(field, `the certificate (${describe(leaf)}) expired on ${leaf.notAfter}`);
  if (Date.parse(leaf.notBefore) > now)
    throw new MaterialProblem(field, `the certificate (${describe(leaf)}) is not valid before ${leaf.notBefore}`);
}

function describe(c: ParsedCertificate): string {
  return `"${c.commonName ?? c.subject}", serial ${c.serialNumber}`;
}

/** The certificate's facts as outputs. */
export function leafFacts(leaf: ParsedCertificate) {
  const cn = (leaf.commonName ?? "").toLowerCase();
  const sans = leaf.dnsNames.map((d) => d.toLowerCase()).filter((d) => d !== cn);
  return {
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprintSha256,
    domains: [cn, ...new Set(sans)].filter((d) => d !== ""),
    issuer: leaf.issuer,
  };
}

/**
 * What identifies an upload, whatever its text form (CRLF, re-wrapped, three PEMs or a bundle): the leaf's and the
 * chain's fingerprints and the key's public half. Undefined when the inputs cannot be read.
 */
export function materialIdentity(i: MaterialInputs): string | undefined {
  try {
    const m = readMaterial(i);
    return [m.leaf.fingerprintSha256, ...m.chain.map((c) => c.fingerprintSha256), m.leaf.publicKeyPem].join("|");
  } catch {
    return undefined;
  }
}
