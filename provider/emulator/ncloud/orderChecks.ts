/** What the emulated NCP checks in an order or reissue before accepting it: domain names, the SANs array, the CSR. */
import { parseCsr } from "../../crypto/csr";
import type { EmulatorResponse } from "../types";
import { Reply } from "./reply";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

export function isDomainName(name: string): boolean {
  const n = name.startsWith("*.") ? name.slice(2) : name;
  if (n.length > 253) return false;
  const labels = n.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

/** `dnsName` must be an array of domain names; undefined result means "invalid format" (2201). */
export function parseSans(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== "string" || !isDomainName(item.toLowerCase())) return undefined;
    if (!out.includes(item.toLowerCase())) out.push(item.toLowerCase());
  }
  return out;
}

export function checkCsr(csrPem: string, commonName: string): EmulatorResponse | undefined {
  let parsed: ReturnType<typeof parseCsr>;
  try {
    parsed = parseCsr(csrPem);
  } catch {
    return Reply.fail("1002", "Unable to load certificate. Expecting PEM format file.");
  }
  if (!parsed.signatureValid) return Reply.fail("1002", "Unable to load certificate. Expecting PEM format file.");
  if ((parsed.commonName ?? "").toLowerCase() !== commonName) {
    return Reply.invalid("The common name in the CSR does not match commonName.");
  }
  return undefined;
}
