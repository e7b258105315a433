/**
 * PKCS#10 certificate signing requests (RFC 2986) for RSA and EC keys. node-forge's CSR support is RSA-only, so the
 * structure is assembled from asn1 nodes here and signed with node's crypto.
 */
import * as crypto from "node:crypto";
import * as url from "node:url";
import { splitPemBlocks, toPem } from "../shared/pem";
import {
  type Asn1,
  childrenOf,
  contextTag,
  isContext,
  OID,
  oid,
  oidOf,
  rawChildren,
  sequence,
  set,
  smallInteger,
  Type,
} from "./asn1";
import { type CsrPolicyFacts, csrPolicyFacts } from "./csrPolicy";
import { CryptoInputError } from "./errors";
import { type KeySpec, keySpecOf } from "./keys";
import { signStructure, spkiToAsn1, splitSigned, verifySignature } from "./signatures";
import {
  decodeExtensions,
  decodeName,
  decodeSubjectAltName,
  type Extension,
  encodeExtension,
  encodeName,
  encodeSubjectAltName,
  nameAttributes,
} from "./x500Name";

export interface SubjectFields {
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  country?: string;
  emailAddress?: string;
}

export interface BuildCsrOptions {
  privateKey: crypto.KeyObject;
  commonName: string;
  dnsNames?: string[];
  subject?: SubjectFields;
}

export interface ParsedCsr {
  commonName?: string;
  /** subjectAltName DNS entries, in order. */
  dnsNames: string[];
  subject: SubjectFields & { commonName?: string };
  /** The subject on one line, e.g. `C=KR, O=Example, CN=www.example.com`. */
  subjectText: string;
  publicKeyPem: string;
  /** Undefined when the key is not one this package supports. */
  keySpec?: KeySpec;
  signatureAlgorithm: string;
  signatureValid: boolean;
  /** What a CA would refuse although the CSR is well formed (see csrPolicy.ts). */
  policy: CsrPolicyFacts;
}

// Upper bounds from RFC 5280 Appendix A; CAs reject longer values.
const SUBJECT_LIMITS: Record<keyof SubjectFields, number> = {
  organization: 64,
  organizationalUnit: 64,
  locality: 128,
  state: 128,
  country: 2,
  emailAddress: 255,
};
export const COMMON_NAME_LIMIT = 64;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being rejected
const CONTROL_RE = /[\x00-\x1f\x7f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: everything outside 7-bit ASCII
const NON_ASCII_RE = /[^\x00-\x7f]/;
// Hostname labels (RFC 1123): no leading or trailing hyphen, and no underscore (CAs may not issue for those).
const LABEL_RE = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * Why a Korean (or any non-ASCII) name is refused, and the name to write instead. "Use punycode" alone sent users
 * searching for what punycode is; the converted name (Node's IDNA conversion, as browsers do it) is what they need.
 */
function nonAsciiAdvice(name: string): string {
  // domainToASCII does not take the wildcard label; convert the rest and put it back.
  const wildcard = name.startsWith("*.");
  const ascii = url.domainToASCII(wildcard ? name.slice(2) : name);
  const what =
    `"${name}" contains non-ASCII characters, which a certificate's DNS names cannot hold. They are written in ` +
    'punycode, the ASCII form of an internationalized domain name (IDNA), where each non-ASCII label becomes "xn--" ' +
    "followed by an ASCII encoding of its letters";
  return ascii === "" || !/^[\x21-\x7e]+$/.test(ascii)
    ? `${what}; this name has no punycode form (it is not a valid domain name): check its spelling`
    : `${what}: use "${wildcard ? "*." : ""}${ascii}" (browsers show it as ${name})`;
}

/** Throws a CryptoInputError explaining why `name` cannot go into a subjectAltName dNSName. */
export function validateDnsName(name: unknown, field = "dnsNames"): string {
  if (typeof name !== "string" || name === "") {
    throw new CryptoInputError(`${field}: DNS names must be non-empty strings`, field);
  }
  if (NON_ASCII_RE.test(name)) throw new CryptoInputError(`${field}: ${nonAsciiAdvice(name)}`, field);
  if (name.length > 253) {
    throw new CryptoInputError(`${field}: "${name}" is longer than 253 characters`, field);
  }
  const labels = name.split(".");
  labels.forEach((label, index) => {
    // A wildcard may only be the entire left-most label (RFC 6125 6.4.3 as CAs apply it).
    if (label === "*" && index === 0 && labels.length > 1) {
      return;
    }
    if (!LABEL_RE.test(label)) {
      throw new CryptoInputError(
        `${field}: "${name}" is not a valid DNS name (labels are 1-63 letters, digits or inner hyphens; ` +
          'a wildcard must be the whole first label, as in "*.example.com")',
        field,
      );
    }
    // An A-label must be what its Unicode form encodes back to (IDNA); anything else is not a name a CA issues for.
    if (/^xn--/i.test(label)) {
      const unicode = url.domainToUnicode(label.toLowerCase());
      if (unicode === "" || unicode === label.toLowerCase() || url.domainToASCII(unicode) !== label.toLowerCase()) {
        throw new CryptoInputError(
          `${field}: "${name}" has the label "${label}", which is not valid punycode; write the name in Unicode and convert it with an IDNA tool`,
          field,
        );
      }
    }
  });
  const tld = labels[labels.length - 1];
  if (labels.length > 1 && /^\d+$/.test(tld)) {
    throw new CryptoInputError(
      `${field}: "${name}" ends in the all-digit label "${tld}", which no top-level domain is`,
      field,
    );
  }
  return name;
}

/** Throws a CryptoInputError naming the first subject field a CA would refuse (length, control characters, ASCII). */
export function validateSubject(subject: SubjectFields): void {
  for (const key of Object.keys(SUBJECT_LIMITS) as (keyof SubjectFields)[]) {
    const value = subject[key];
    if (value === undefined || value === "") {
      continue;
    }
    if (typeof value !== "string") {
      throw new CryptoInputError(`subject.${key} must be a string`, key);
    }
    if (CONTROL_RE.test(value)) {
      throw new CryptoInputError(`subject.${key} must not contain control characters`, key);
    }
    if (key === "country" && !/^[A-Za-z]{2}$/.test(value)) {
      throw new CryptoInputError(`subject.country "${value}" must be a two-letter ISO 3166 code such as "KR"`, key);
    }
    if (key === "emailAddress" && NON_ASCII_RE.test(value)) {
      throw new CryptoInputError(`subject.emailAddress "${value}" must be ASCII`, key);
    }
    if (value.length > SUBJECT_LIMITS[key]) {
      throw new CryptoInputError(`subject.${key} is longer than ${SUBJECT_LIMITS[key]} characters`, key);
    }
  }
}

/** `names` without case-insensitive duplicates (DNS is case-insensitive); first spelling and order kept. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

/** The subjectAltName list for a request: commonName first, then dnsNames, de-duplicated. */
export function sanNames(commonName: string, dnsNames: string[] = []): string[] {
  return uniqueNames([commonName, ...dnsNames]);
}

/** A PEM `CERTIFICATE REQUEST` for the key, with the names in both the subject CN and subjectAltName. */
export function buildCsr(opts: BuildCsrOptions): string {
  const { privateKey, commonName } = opts;
  const dnsNames = opts.dnsNames ?? [];
  const subject = opts.subject ?? {};
  if (!(privateKey instanceof crypto.KeyObject) || privateKey.type !== "private") {
    throw new CryptoInputError("buildCsr needs a private KeyObject", "privateKey");
  }
  if (keySpecOf(privateKey) === undefined) {
    throw new CryptoInputError(
      "the private key type or size is not supported; use RSA 2048/3072/4096 or ECDSA P-256/P-384",
      "privateKey",
    );
  }
  validateDnsName(commonName, "commonName");
  if (commonName.length > COMMON_NAME_LIMIT) {
    throw new CryptoInputError(
      `commonName "${commonName}" is longer than ${COMMON_NAME_LIMIT} characters, the X.509 limit; ` +
        "use a shorter name as commonName and list the long one in dnsNames",
      "commonName",
    );
  }
  if (!Array.isArray(dnsNames)) {
    throw new CryptoInputError("dnsNames must be a list of DNS names", "dnsNames");
  }
  for (const name of dnsNames) {
    validateDnsName(name);
  }
  validateSubject(subject);

  const sanExtension = encodeExtension(OID.subjectAltName, false, encodeSubjectAltName(sanNames(commonName, dnsNames)));
  const extensionRequest = sequence([oid(OID.extensionRequest), set([sequence([sanExtension])])]);
  const info = sequence([
    smallInteger(0),
    encodeName(
      nameAttributes({
        commonName,
        organization: subject.organization,
        organizationalUnit: subject.organizationalUnit,
        locality: subject.locality,
        state: subject.state,
        country: subject.country,
        emailAddress: subject.emailAddress,
      }),
    ),
    spkiToAsn1(privateKey),
    contextTag(0, true, [extensionRequest]),
  ]);
  return toPem("CERTIFICATE REQUEST", signStructure(info, privateKey));
}

/** The extensions a CSR requests (PKCS#9 extensionRequest, or Microsoft's). */
function requestedExtensions(attributes: Asn1 | undefined): Extension[] {
  if (!isContext(attributes, 0) || !Array.isArray(attributes.value)) {
    return [];
  }
  for (const attribute of attributes.value) {
    const [typeNode, values] = childrenOf(attribute, Type.SEQUENCE, "CSR attribute");
    const type = oidOf(typeNode, "CSR attribute type");
    if (type !== OID.extensionRequest && type !== OID.msExtensionRequest) {
      continue;
    }
    const [extensions] = childrenOf(values, Type.SET, "extensionRequest values");
    return decodeExtensions(extensions);
  }
  return [];
}

function parseCsrDer(der: Buffer): ParsedCsr {
  const signed = splitSigned(der);
  const info = childrenOf(signed.tbs, Type.SEQUENCE, "CertificationRequestInfo");
  if (info.length < 3) {
    throw new Error("CertificationRequestInfo is incomplete");
  }
  const subject = decodeName(info[1]);
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey({ key: rawChildren(signed.tbsDer)[2], format: "der", type: "spki" });
  } catch (err) {
    throw new Error(`its public key could not be read (${(err as Error).message})`);
  }
  const signature = verifySignature(signed.algorithm, signed.tbsDer, signed.signature, publicKey);
  const extensions = requestedExtensions(info[3]);
  const san = extensions.find((ext) => ext.oid === OID.subjectAltName);
  const result: ParsedCsr = {
    dnsNames: san ? decodeSubjectAltName(san.value) : [],
    policy: csrPolicyFacts(subject.commonNames, extensions),
    subject: subject.fields,
    subjectText: subject.text,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    signatureAlgorithm: signature.name,
    signatureValid: signature.valid,
  };
  if (subject.fields.commonName !== undefined) {
    result.commonName = subject.fields.commonName;
  }
  const keySpec = keySpecOf(publicKey);
  if (keySpec !== undefined) {
    result.keySpec = keySpec;
  }
  return result;
}

/** Read a PEM CSR (RSA or EC key) and check its self-signature. */
export function parseCsr(pem: string, field = "csr"): ParsedCsr {
  if (typeof pem !== "string" || pem.trim() === "") {
    throw new CryptoInputError("the CSR is empty; pass the PEM text of a certificate signing request", field);
  }
  const blocks = splitPemBlocks(pem);
  const block = blocks.find((b) => b.label === "CERTIFICATE REQUEST" || b.label === "NEW CERTIFICATE REQUEST");
  if (block === undefined) {
    const found = blocks.length === 0 ? "no PEM block" : blocks.map((b) => b.label).join(", ");
    throw new CryptoInputError(
      `expected a -----BEGIN CERTIFICATE REQUEST----- block but found ${found}; pass the PEM text of a CSR`,
      field,
    );
  }
  try {
    return parseCsrDer(block.der);
  } catch (err) {
    if (err instanceof CryptoInputError) {
      throw err;
    }
    throw new CryptoInputError(`the CSR could not be parsed: ${(err as Error).message}`, field);
  }
}

function uniqueExcept(names: string[], except: string): string[] {
  return uniqueNames(names).filter((name) => name.toLowerCase() !== except.toLowerCase());
}

function listOf(names: string[]): string {
  return names.length === 0 ? "(none)" : names.join(", ");
}

/**
 * Differences between a CSR and the names a resource declares; empty when they agree. The CN must match
 * (case-insensitively) and the SAN DNS names other than the CN must be the same set as dnsNames other than the CN.
 */
export function compareCsrWithNames(
  parsed: Pick<ParsedCsr, "commonName" | "dnsNames">,
  commonName: string,
  dnsNames: string[],
): string[] {
  const problems: string[] = [];
  if (parsed.commonName === undefined) {
    problems.push(`the CSR has no common name (CN), but commonName is "${commonName}"`);
  } else if (parsed.commonName.toLowerCase() !== commonName.toLowerCase()) {
    problems.push(`the CSR's common name is "${parsed.commonName}", but commonName is "${commonName}"`);
  }
  const fromCsr = uniqueExcept(parsed.dnsNames, commonName);
  const fromInputs = uniqueExcept(dnsNames, commonName);
  const csrKeys = new Set(fromCsr.map((n) => n.toLowerCase()));
  const inputKeys = new Set(fromInputs.map((n) => n.toLowerCase()));
  const onlyCsr = fromCsr.filter((n) => !inputKeys.has(n.toLowerCase()));
  const onlyInputs = fromInputs.filter((n) => !csrKeys.has(n.toLowerCase()));
  if (onlyCsr.length > 0 || onlyInputs.length > 0) {
    problems.push(
      `the CSR's subjectAltName DNS names (other than the common name) are [${listOf(fromCsr)}], ` +
        `but dnsNames says [${listOf(fromInputs)}]; only in the CSR: ${listOf(onlyCsr)}; ` +
        `only in dnsNames: ${listOf(onlyInputs)}`,
    );
  }
  return problems;
}
