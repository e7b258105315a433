/**
 * What a CA refuses in a supplied CSR although the CSR itself is well formed: a second CN, subjectAltNames other
 * than DNS names (IP addresses, e-mail addresses, URIs), and a request for a CA certificate. Checked before
 * ordering so a paid order is not refused (or, worse, issued for less than the CSR asks).
 */
import { type Asn1, bytesOf, childrenOf, fromDer, isUniversal, OID, Type } from "./asn1";
import type { Extension } from "./x500Name";

const GENERAL_NAME_KINDS: Record<number, string> = {
  0: "otherName",
  1: "e-mail address",
  3: "X.400 address",
  4: "directory name",
  5: "EDI party name",
  6: "URI",
  7: "IP address",
  8: "registered ID",
};

export interface CsrPolicyFacts {
  commonNames: string[];
  /** subjectAltName entries that are not DNS names, described, e.g. `IP address 192.0.2.1`. */
  otherSubjectAltNames: string[];
  /** Whether the CSR asks for basicConstraints CA:TRUE. */
  requestsCa: boolean;
}

export function csrPolicyFacts(commonNames: string[], extensions: Extension[]): CsrPolicyFacts {
  const san = extensions.find((e) => e.oid === OID.subjectAltName);
  const bc = extensions.find((e) => e.oid === OID.basicConstraints);
  return {
    commonNames,
    otherSubjectAltNames: san ? otherGeneralNames(san.value) : [],
    requestsCa: bc ? isCa(bc.value) : false,
  };
}

/** The problems, in words; empty when a CA would take the CSR as it is. */
export function csrPolicyProblems(facts: CsrPolicyFacts): string[] {
  const problems: string[] = [];
  if (facts.commonNames.length > 1) {
    problems.push(`the CSR's subject has ${facts.commonNames.length} common names (CN); a certificate has one`);
  }
  if (facts.otherSubjectAltNames.length > 0) {
    problems.push(
      `the CSR's subjectAltName holds ${facts.otherSubjectAltNames.join(", ")}; Advanced certificates cover DNS names only`,
    );
  }
  if (facts.requestsCa) problems.push("the CSR asks for a CA certificate (basicConstraints CA:TRUE)");
  return problems;
}

function otherGeneralNames(value: Buffer): string[] {
  const out: string[] = [];
  for (const general of childrenOf(fromDer(value), Type.SEQUENCE, "subjectAltName")) {
    if (general.type === 2) continue; // dNSName
    const kind = GENERAL_NAME_KINDS[general.type] ?? `GeneralName [${general.type}]`;
    out.push(`${kind}${describe(general)}`);
  }
  return out;
}

function describe(general: Asn1): string {
  if (typeof general.value !== "string") return "";
  if (general.type === 7) {
    const bytes = Buffer.from(general.value, "binary");
    return ` ${bytes.length === 4 ? [...bytes].join(".") : bytes.toString("hex")}`;
  }
  return general.type === 1 || general.type === 6 ? ` ${general.value.slice(0, 80)}` : "";
}

function isCa(value: Buffer): boolean {
  const [first] = childrenOf(fromDer(value), Type.SEQUENCE, "basicConstraints");
  return isUniversal(first, Type.BOOLEAN) && bytesOf(first, "cA")[0] !== 0;
}
