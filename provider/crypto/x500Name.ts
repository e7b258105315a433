/** X.500 names and X.509 extensions (subject alternative names) in DER, built and read with the asn1 helpers. */
import {
  type Asn1,
  forgeAsn1 as asn1,
  boolean,
  bytesOf,
  CONTEXT,
  childrenOf,
  contextTag,
  forgeUtil,
  fromDer,
  isUniversal,
  OID,
  octetString,
  oid,
  oidOf,
  sequence,
  set,
  Type as T,
  T61STRING,
  toBuffer,
  toDer,
  UNIVERSAL,
  UNIVERSALSTRING,
} from "./asn1";
import { CryptoInputError } from "./errors";

export type NameField =
  | "commonName"
  | "organization"
  | "organizationalUnit"
  | "locality"
  | "state"
  | "country"
  | "emailAddress";

export type NameFields = { [K in NameField]?: string };

export interface NameAttribute {
  field: NameField;
  value: string;
}

/** Conventional order (as `openssl req` writes it): broadest first, email last. */
export const NAME_ORDER: readonly NameField[] = [
  "country",
  "state",
  "locality",
  "organization",
  "organizationalUnit",
  "commonName",
  "emailAddress",
];

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: "CN",
  [OID.organization]: "O",
  [OID.organizationalUnit]: "OU",
  [OID.locality]: "L",
  [OID.state]: "ST",
  [OID.country]: "C",
  [OID.emailAddress]: "emailAddress",
  "2.5.4.5": "serialNumber",
  "2.5.4.9": "street",
  "2.5.4.12": "title",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
};

const FIELD_OIDS: Record<NameField, string> = {
  commonName: OID.commonName,
  organization: OID.organization,
  organizationalUnit: OID.organizationalUnit,
  locality: OID.locality,
  state: OID.state,
  country: OID.country,
  emailAddress: OID.emailAddress,
};

const FIELD_BY_OID: Record<string, NameField> = {};
for (const field of NAME_ORDER) {
  FIELD_BY_OID[FIELD_OIDS[field]] = field;
}

/** Ordered attributes for the fields that are set (empty strings count as unset). */
export function nameAttributes(fields: NameFields): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const field of NAME_ORDER) {
    const value = fields[field];
    if (value !== undefined && value !== "") {
      out.push({ field, value });
    }
  }
  return out;
}

const PRINTABLE_RE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: IA5String is exactly the 7-bit range
const IA5_RE = /^[\x00-\x7f]*$/;

function attributeValue(attr: NameAttribute): Asn1 {
  if (attr.field === "country") {
    if (!PRINTABLE_RE.test(attr.value)) {
      throw new CryptoInputError(`country "${attr.value}" must be a two-letter ISO 3166 code`, "country");
    }
    return asn1.create(UNIVERSAL, T.PRINTABLESTRING, false, attr.value);
  }
  if (attr.field === "emailAddress") {
    if (!IA5_RE.test(attr.value)) {
      throw new CryptoInputError(`emailAddress "${attr.value}" must be ASCII`, "emailAddress");
    }
    return asn1.create(UNIVERSAL, T.IA5STRING, false, attr.value);
  }
  return asn1.create(UNIVERSAL, T.UTF8, false, forgeUtil.encodeUtf8(attr.value));
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName, one attribute per RDN, in the given order. */
export function encodeName(attrs: NameAttribute[]): Asn1 {
  return sequence(attrs.map((attr) => set([sequence([oid(FIELD_OIDS[attr.field]), attributeValue(attr)])])));
}

function decodeStringValue(node: Asn1): string {
  if (typeof node.value !== "string") {
    throw new Error("name attribute value is not a string");
  }
  switch (node.type as number) {
    case T.UTF8:
      try {
        return forgeUtil.decodeUtf8(node.value);
      } catch {
        return node.value;
      }
    case T.BMPSTRING:
      // forge already decodes BMPString into a JS string.
      return node.value;
    case UNIVERSALSTRING: {
      let out = "";
      for (let i = 0; i + 3 < node.value.length; i += 4) {
        out += String.fromCodePoint(toBuffer(node.value.slice(i, i + 4)).readUInt32BE(0));
      }
      return out;
    }
    case T61STRING:
    case T.PRINTABLESTRING:
    case T.IA5STRING:
      return node.value;
    default:
      // Unknown string type: show bytes as hex rather than guess an encoding.
      return `#${toBuffer(node.value).toString("hex")}`;
  }
}

function escapeNameValue(value: string): string {
  return value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
}

export interface DecodedName {
  fields: NameFields;
  /** One line, in encoded order, e.g. `C=KR, O=Example, CN=www.example.com`. */
  text: string;
  /** Every CN, in order (a CA issues for one; a second one is a smuggled name). */
  commonNames: string[];
}

/** Decode a Name. When a field repeats (e.g. two OUs), `fields` keeps the first; `text` shows all of them. */
export function decodeName(node: Asn1): DecodedName {
  const fields: NameFields = {};
  const parts: string[] = [];
  const commonNames: string[] = [];
  for (const rdn of childrenOf(node, T.SEQUENCE, "Name")) {
    for (const atv of childrenOf(rdn, T.SET, "RelativeDistinguishedName")) {
      const [typeNode, valueNode] = childrenOf(atv, T.SEQUENCE, "AttributeTypeAndValue");
      const type = oidOf(typeNode, "attribute type");
      if (valueNode === undefined) {
        throw new Error("AttributeTypeAndValue has no value");
      }
      const value = decodeStringValue(valueNode);
      const field = FIELD_BY_OID[type];
      if (field !== undefined && fields[field] === undefined) {
        fields[field] = value;
      }
      if (type === OID.commonName) commonNames.push(value);
      parts.push(`${SHORT_NAMES[type] ?? type}=${escapeNameValue(value)}`);
    }
  }
  return { fields, text: parts.join(", "), commonNames };
}

// ---------------------------------------------------------------------------------------------------------------
// Extensions

export interface Extension {
  oid: string;
  critical: boolean;
  /** DER inside extnValue. */
  value: Buffer;
}

export function encodeExtension(extOid: string, critical: boolean, value: Asn1): Asn1 {
  const parts = [oid(extOid)];
  // DER forbids encoding the DEFAULT FALSE explicitly.
  if (critical) {
    parts.push(boolean(true));
  }
  parts.push(octetString(toDer(value)));
  return sequence(parts);
}

export function decodeExtensions(node: Asn1): Extension[] {
  return childrenOf(node, T.SEQUENCE, "Extensions").map((ext) => {
    const parts = childrenOf(ext, T.SEQUENCE, "Extension");
    const extOid = oidOf(parts[0], "extension id");
    let critical = false;
    let valueNode = parts[1];
    if (isUniversal(valueNode, T.BOOLEAN)) {
      critical = bytesOf(valueNode, "critical flag")[0] !== 0;
      valueNode = parts[2];
    }
    if (!isUniversal(valueNode, T.OCTETSTRING)) {
      throw new Error(`extension ${extOid} has no value`);
    }
    return { oid: extOid, critical, value: bytesOf(valueNode, "extension value") };
  });
}

/** GeneralNames with one dNSName per entry (the subjectAltName extension value). */
export function encodeSubjectAltName(dnsNames: string[]): Asn1 {
  return sequence(
    dnsNames.map((name) => {
      if (!IA5_RE.test(name)) {
        throw new CryptoInputError(`DNS name "${name}" must be ASCII; convert internationalized names to punycode`);
      }
      return contextTag(2, false, name);
    }),
  );
}

/** DNS names from a subjectAltName extension value, in order; other GeneralName kinds are skipped. */
export function decodeSubjectAltName(value: Buffer): string[] {
  const names: string[] = [];
  for (const general of childrenOf(fromDer(value), T.SEQUENCE, "subjectAltName")) {
    if (general.tagClass === CONTEXT && general.type === 2 && typeof general.value === "string") {
      names.push(general.value);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Signature algorithms
